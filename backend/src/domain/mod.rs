//! Pure domain: entities, newtypes, services and the ports they depend on.
//!
//! Nothing here imports diesel, actix, postgres or filesystem code.

pub mod descriptor;
pub mod directory;
pub mod er_diagram;
pub mod example_data;
pub mod pagination;
pub mod ports;
pub mod preferences;
pub mod user;
