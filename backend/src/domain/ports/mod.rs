//! Ports: one trait per file, named by role, each with its own error type.

pub mod database_health;
pub mod descriptor_catalogue;
pub mod diagram_renderer;
pub mod example_data_store;
pub mod revision_schemas;
pub mod schema_introspector;
pub mod seed_registry;
pub mod snapshot_store;
pub mod user_directory;
