//! Outbound adapters: implementations of domain ports over infrastructure.

pub mod embedded_postgres;
pub mod persistence;
