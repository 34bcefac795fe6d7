//! ER diagram snapshots: schema graph model, normalisation, Mermaid rendering, groups, data
//! dictionary and drift.
//!
//! Pure code; databases, renderers and files are reached only through `domain::ports`.

pub mod dictionary;
pub mod direction;
pub mod drift;
#[cfg(test)]
pub(crate) mod fixture_schema;
pub mod git_ref;
pub mod glob;
pub mod groups;
pub mod markdown;
pub mod mermaid;
pub mod mermaid_text;
pub mod model;
pub mod neighbourhood;
pub mod normalise;
pub mod review;
pub mod review_report;
pub mod schema_diff;
pub mod schema_name;
pub mod service;
pub mod snapshot;
pub mod split;

pub use dictionary::{DATA_DICTIONARY_FILE, render_data_dictionary};
pub use direction::{LayoutDirection, LayoutDirectionError};
pub use drift::{Drift, DriftEntry, compare_snapshots};
pub use git_ref::{GitRef, GitRefError};
pub use glob::TableGlob;
pub use groups::{
    DEFAULT_WHOLE_SCHEMA_DIRECTION, DiagramGroup, DiagramGroups, GroupError, GroupName,
    WHOLE_SCHEMA_DIAGRAM,
};
pub use mermaid::{MermaidOptions, font_stack, render_er_body, render_mermaid};
pub use model::{
    CheckConstraint, Column, DIESEL_MIGRATIONS_TABLE, EnumType, ForeignKey, Index, SchemaGraph,
    Table, UniqueConstraint, View, ViewKind,
};
pub use neighbourhood::neighbourhood;
pub use normalise::{NormalisedSchema, normalise};
pub use review::{Review, review_schema_change};
pub use review_report::{ReviewSides, render_review};
pub use schema_diff::{SchemaDiff, diff_schemas};
pub use schema_name::SchemaName;
pub use service::{
    Generated, ServiceTimings, SnapshotOptions, SnapshotService, SnapshotServiceError,
};
pub use snapshot::{Diagram, OutputFormat, SnapshotSet, assemble_snapshots, plan_diagrams};
pub use split::MAX_MERMAID_SOURCE_CHARS;
