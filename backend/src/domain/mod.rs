//! Pure domain: entities, newtypes, services and the ports they depend on.
//!
//! Nothing here imports diesel, actix, postgres or filesystem code.

pub mod er_diagram;
pub mod pagination;
pub mod ports;
