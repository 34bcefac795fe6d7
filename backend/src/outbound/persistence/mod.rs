//! Diesel-backed persistence adapters and the one place Diesel errors are mapped.

pub mod migrations;
