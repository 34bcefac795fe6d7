//! Diesel-backed persistence adapters and the one place Diesel errors are mapped.

pub mod diesel_database_health;
pub mod diesel_schema_introspector;
pub mod migrations;
pub mod pool;
