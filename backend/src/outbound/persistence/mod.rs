//! Diesel-backed persistence adapters, database URLs, migrations and the one place Diesel
//! errors are mapped (`error`).

pub mod database_url;
pub mod diesel_database_health;
pub mod diesel_descriptor_catalogue;
pub mod diesel_example_data_store;
pub mod diesel_schema_introspector;
pub mod diesel_user_directory;
pub mod error;
pub mod keyset;
pub mod migrations;
mod migrations_hash;
pub mod pool;
pub mod read_errors;
pub mod schema;
