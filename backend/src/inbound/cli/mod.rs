//! Command-line inbound adapters: flag parsing, validation and orchestration per command.

pub mod er_snapshots;
pub mod workspace;
