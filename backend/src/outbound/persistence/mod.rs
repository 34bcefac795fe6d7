//! Diesel-backed persistence adapters and the one place Diesel errors are mapped.

pub mod diesel_schema_introspector;
pub mod keyset;
pub mod migrations;
pub mod read_errors;
