//! Outbound adapters: implementations of domain ports over infrastructure.

pub mod embedded_postgres;
pub mod example_data_registry;
pub mod mermaid_svg;
pub mod mmdc;
pub mod persistence;
pub mod snapshot_files;
