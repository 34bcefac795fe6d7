//! Outbound adapters: implementations of domain ports over infrastructure, and the
//! provisioning of a migrated database.

pub mod cluster_password;
pub mod embedded_postgres;
pub mod example_data_registry;
pub mod git_tree;
pub mod initdb_cache;
pub mod mermaid_svg;
pub mod mmdc;
pub mod persistence;
pub mod provision;
pub mod revision_schemas;
pub mod snapshot_files;
