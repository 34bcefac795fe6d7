//! Ports: one trait per file, named by role, each with its own error type.

pub mod database_health;
pub mod diagram_renderer;
pub mod schema_introspector;
pub mod snapshot_store;
