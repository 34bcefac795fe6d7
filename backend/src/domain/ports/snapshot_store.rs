//! Port: where snapshot artefacts live; replaces them as a whole set or not at all.
//!
//! Implemented by `outbound::snapshot_files` over a directory.

use std::error::Error as StdError;
use std::path::PathBuf;

use crate::domain::er_diagram::SnapshotSet;

/// Why snapshots could not be read or replaced.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotStoreError {
    /// The output location cannot be used (not a directory, not creatable, not writable).
    #[error("output directory {path} is not usable")]
    Directory {
        /// The directory.
        path: PathBuf,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// Reading or writing one file failed; previous artefacts were restored.
    #[error("could not {action} {path}; previous snapshots left unchanged")]
    File {
        /// What was being done (read, stage, replace, remove).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
}

/// What a successful replacement did, per file, in name order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplaceReport {
    /// Files written with new or changed contents.
    pub written: Vec<String>,
    /// Files whose bytes were already identical.
    pub unchanged: Vec<String>,
    /// Stale snapshot files removed.
    pub removed: Vec<String>,
}

/// Stores snapshot sets; it owns only snapshot files (`*.mmd`, `*.svg`, `schema.md`).
pub trait SnapshotStore {
    /// Reads the snapshot files currently stored (an absent location reads as empty).
    ///
    /// # Errors
    ///
    /// [`SnapshotStoreError`] when the location or a file cannot be read.
    fn load(&self) -> Result<SnapshotSet, SnapshotStoreError>;

    /// Replaces the stored snapshot files by `set`, removing stale ones; all or nothing.
    ///
    /// # Errors
    ///
    /// [`SnapshotStoreError`] when anything fails; previous files are then left intact.
    fn replace(&self, set: &SnapshotSet) -> Result<ReplaceReport, SnapshotStoreError>;
}
