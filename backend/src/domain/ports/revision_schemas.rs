//! Port: the migrated schema as of a git revision, or as the working tree has it now.
//!
//! Implemented by `outbound::revision_schemas` (git + one embedded cluster + introspection).

use std::error::Error as StdError;
use std::fmt;

use crate::domain::er_diagram::{GitRef, SchemaGraph};

/// Which migrations to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revision {
    /// The migrations committed at this ref.
    Base(GitRef),
    /// The migrations in the working tree, committed or not.
    WorkingTree,
}

impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Base(git_ref) => write!(f, "git ref {:?}", git_ref.as_str()),
            Self::WorkingTree => f.write_str("the working tree"),
        }
    }
}

/// Why a revision's schema could not be had; every variant names the revision.
#[derive(Debug, thiserror::Error)]
pub enum RevisionSchemaError {
    /// The revision's migrations could not be read (not a checkout, unknown ref, no such dir).
    #[error("cannot read the migrations of {revision}")]
    Read {
        /// The revision.
        revision: String,
        /// Underlying cause (names the ref or the directory).
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// A migration failed to apply.
    #[error("the migrations of {revision} do not apply")]
    Migrate {
        /// The revision.
        revision: String,
        /// Underlying cause (names the migration).
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// The database could not be provisioned or introspected.
    #[error("cannot build the schema of {revision}")]
    Database {
        /// The revision.
        revision: String,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
}

/// Builds the migrated schema of a revision.
pub trait RevisionSchemas {
    /// Applies `revision`'s migrations to a fresh database and introspects it.
    ///
    /// # Errors
    ///
    /// [`RevisionSchemaError`] naming the revision (and the ref or migration at fault).
    fn schema_at(&mut self, revision: &Revision) -> Result<SchemaGraph, RevisionSchemaError>;
}
