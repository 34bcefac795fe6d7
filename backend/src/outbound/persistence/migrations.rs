//! Applying and reverting the Diesel migrations in `backend/migrations`, and naming a schema
//! by the hash of those files.

use std::fs;
use std::path::{Path, PathBuf};

use diesel::PgConnection;
use diesel::migration::MigrationSource;
use diesel::pg::Pg;
use diesel_migrations::{FileBasedMigrations, MigrationHarness};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The migrations directory of this crate, as compiled in.
pub const DEFAULT_MIGRATIONS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");

/// Failures while reading or applying migrations.
#[derive(Debug, Error)]
pub enum MigrationError {
    /// The directory is missing or not a Diesel migrations directory.
    #[error("cannot read migrations from {path}")]
    Read {
        /// The directory given.
        path: PathBuf,
        /// Diesel's account of the problem.
        #[source]
        source: diesel_migrations::MigrationError,
    },
    /// Listing or hashing the files failed.
    #[error("cannot hash migrations in {path}")]
    Hash {
        /// The file or directory that could not be read.
        path: PathBuf,
        /// The I/O failure.
        #[source]
        source: std::io::Error,
    },
    /// A migration failed to run (or revert) against the database.
    #[error("migration failed: {message}")]
    Run {
        /// Diesel's message, which names the migration.
        message: String,
    },
}

/// A validated migrations directory.
#[derive(Clone)]
pub struct Migrations {
    path: PathBuf,
    source: FileBasedMigrations,
}

impl std::fmt::Debug for Migrations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Migrations")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Migrations {
    /// Opens a migrations directory.
    ///
    /// # Errors
    /// [`MigrationError::Read`] when `path` is not a readable Diesel migrations directory.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, MigrationError> {
        let path = path.into();
        let source =
            FileBasedMigrations::from_path(&path).map_err(|source| MigrationError::Read {
                path: path.clone(),
                source,
            })?;
        Ok(Self { path, source })
    }

    /// The directory these migrations came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many migrations the directory holds.
    ///
    /// # Errors
    /// [`MigrationError::Run`] when a migration's files cannot be read.
    pub fn count(&self) -> Result<usize, MigrationError> {
        MigrationSource::<Pg>::migrations(&self.source)
            .map(|all| all.len())
            .map_err(run_error)
    }

    /// Applies every pending migration, returning the versions applied, oldest first.
    ///
    /// # Errors
    /// [`MigrationError::Run`] naming the migration that failed.
    pub fn run_pending(&self, conn: &mut PgConnection) -> Result<Vec<String>, MigrationError> {
        let applied = conn
            .run_pending_migrations(self.source.clone())
            .map_err(run_error)?;
        Ok(applied.iter().map(ToString::to_string).collect())
    }

    /// Reverts every applied migration, newest first, returning the versions reverted.
    ///
    /// # Errors
    /// [`MigrationError::Run`] naming the migration whose `down.sql` failed.
    pub fn revert_all(&self, conn: &mut PgConnection) -> Result<Vec<String>, MigrationError> {
        let reverted = conn
            .revert_all_migrations(self.source.clone())
            .map_err(run_error)?;
        Ok(reverted.iter().map(ToString::to_string).collect())
    }

    /// A SHA-256 over every file's relative path and bytes, in sorted order: it changes
    /// whenever any migration does, so a template database named by it is never stale.
    ///
    /// # Errors
    /// [`MigrationError::Hash`] when a file cannot be read.
    pub fn content_hash(&self) -> Result<String, MigrationError> {
        let mut files = Vec::new();
        collect_files(&self.path, &mut files)?;
        files.sort();
        let mut hasher = Sha256::new();
        for file in &files {
            let relative = file.strip_prefix(&self.path).unwrap_or(file);
            let bytes = fs::read(file).map_err(|source| MigrationError::Hash {
                path: file.clone(),
                source,
            })?;
            hasher.update(relative.to_string_lossy().as_bytes());
            hasher.update([0]);
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
        Ok(format!("{:x}", hasher.finalize()))
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), MigrationError> {
    let hash_error = |source| MigrationError::Hash {
        path: dir.to_path_buf(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(hash_error)? {
        let path = entry.map_err(hash_error)?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

// Diesel's harness returns a boxed, non-'static-friendly error; keep its text, which names
// the migration.
#[expect(
    clippy::needless_pass_by_value,
    reason = "used as a map_err adaptor over Diesel's owned boxed error"
)]
fn run_error(source: Box<dyn std::error::Error + Send + Sync>) -> MigrationError {
    MigrationError::Run {
        message: source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    fn the_baseline_directory_opens_and_counts_its_migrations() {
        let migrations = Migrations::open(DEFAULT_MIGRATIONS_DIR).expect("baseline opens");
        assert!(migrations.count().expect("listing works") >= 3);
    }

    #[rstest]
    fn a_missing_directory_is_an_error_naming_it() {
        let err = Migrations::open("/nonexistent/migrations").expect_err("must fail");
        assert!(err.to_string().contains("/nonexistent/migrations"), "{err}");
    }

    #[rstest]
    fn the_hash_is_stable_and_changes_with_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let m = dir.path().join("2026-01-01-000000_a");
        fs::create_dir_all(&m).expect("mkdir");
        fs::write(m.join("up.sql"), "SELECT 1;").expect("write");
        fs::write(m.join("down.sql"), "SELECT 1;").expect("write");
        let open = || Migrations::open(dir.path()).expect("opens");
        let first = open().content_hash().expect("hash");
        assert_eq!(first, open().content_hash().expect("hash"));
        fs::write(m.join("up.sql"), "SELECT 2;").expect("write");
        assert_ne!(first, open().content_hash().expect("hash"));
    }
}
