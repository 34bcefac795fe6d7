//! ER diagram snapshots: schema graph model, normalisation, Mermaid rendering, groups and drift.
//!
//! Pure code; databases, renderers and files are reached only through `domain::ports`.

pub mod drift;
pub mod glob;
pub mod groups;
pub mod mermaid;
pub mod mermaid_text;
pub mod model;
pub mod normalise;
pub mod schema_name;
pub mod service;
pub mod snapshot;

pub use drift::{Drift, DriftEntry, compare_snapshots};
pub use glob::TableGlob;
pub use groups::{DiagramGroup, DiagramGroups, GroupError, GroupName, WHOLE_SCHEMA_DIAGRAM};
pub use mermaid::{MermaidOptions, render_mermaid};
pub use model::{
    CheckConstraint, Column, DIESEL_MIGRATIONS_TABLE, EnumType, ForeignKey, SchemaGraph, Table,
    UniqueConstraint,
};
pub use normalise::{NormalisedSchema, normalise};
pub use schema_name::SchemaName;
pub use service::{
    Generated, ServiceTimings, SnapshotOptions, SnapshotService, SnapshotServiceError,
};
pub use snapshot::{Diagram, OutputFormat, SnapshotSet, assemble_snapshots, plan_diagrams};
