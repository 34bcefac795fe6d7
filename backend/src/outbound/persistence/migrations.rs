//! Diesel migrations from a directory or embedded in the binary, applied and reverted under a
//! `PostgreSQL` advisory lock, and named by the hash of their files.

use std::path::{Path, PathBuf};

use diesel::migration::MigrationSource;
use diesel::pg::Pg;
use diesel::sql_types::BigInt;
use diesel::{PgConnection, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, FileBasedMigrations, MigrationHarness};
use thiserror::Error;

use super::migrations_hash::hash_migrations_dir;

/// `backend/migrations`, compiled into the binary (the server applies these at start-up).
const EMBEDDED: EmbeddedMigrations = diesel_migrations::embed_migrations!("migrations");

/// The hash of the embedded files, computed by `build.rs` with [`hash_migrations_dir`].
const EMBEDDED_HASH: &str = env!("WILDSIDE_EMBEDDED_MIGRATIONS_HASH");

// One key for every Wildside migration run: replicas (or test processes) that start together
// queue on it instead of racing to create the same tables.
const MIGRATION_LOCK_KEY: i64 = 0x5769_6c64_7369_6465; // "Wildside"

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
    /// Taking or releasing the migration advisory lock failed.
    #[error("cannot {action} the migration advisory lock")]
    Lock {
        /// `take` or `release`.
        action: &'static str,
        /// The database error.
        #[source]
        source: diesel::result::Error,
    },
    /// A migration failed to run (or revert) against the database.
    #[error("migrations from {origin} failed to {action}")]
    Run {
        /// Where the migrations came from (a directory or `embedded`).
        origin: String,
        /// `list`, `apply` or `revert`.
        action: &'static str,
        /// Diesel's error, which names the migration.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

#[derive(Clone)]
enum Source {
    Dir {
        path: PathBuf,
        files: FileBasedMigrations,
    },
    Embedded,
}

/// A validated set of migrations: a directory read at run time, or the embedded baseline.
#[derive(Clone)]
pub struct Migrations {
    source: Source,
}

impl std::fmt::Debug for Migrations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Migrations")
            .field("origin", &self.origin())
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
        let files =
            FileBasedMigrations::from_path(&path).map_err(|source| MigrationError::Read {
                path: path.clone(),
                source,
            })?;
        Ok(Self {
            source: Source::Dir { path, files },
        })
    }

    /// The baseline in `backend/migrations` as compiled into this binary.
    pub const fn embedded() -> Self {
        Self {
            source: Source::Embedded,
        }
    }

    /// The directory these migrations come from; `None` when embedded.
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            Source::Dir { path, .. } => Some(path),
            Source::Embedded => None,
        }
    }

    /// The directory, or `embedded migrations`, for messages.
    pub fn origin(&self) -> String {
        self.path().map_or_else(
            || "embedded migrations".to_owned(),
            |path| path.display().to_string(),
        )
    }

    /// How many migrations there are.
    ///
    /// # Errors
    /// [`MigrationError::Run`] when a migration's files cannot be read.
    pub fn count(&self) -> Result<usize, MigrationError> {
        let listed = match &self.source {
            Source::Dir { files, .. } => MigrationSource::<Pg>::migrations(files),
            Source::Embedded => MigrationSource::<Pg>::migrations(&EMBEDDED),
        };
        listed
            .map(|all| all.len())
            .map_err(|source| self.run_error("list", source))
    }

    /// Applies every pending migration under the advisory lock, returning the versions
    /// applied, oldest first.
    ///
    /// # Errors
    /// [`MigrationError::Run`] naming the migration that failed; [`MigrationError::Lock`].
    pub fn run_pending(&self, conn: &mut PgConnection) -> Result<Vec<String>, MigrationError> {
        locked(conn, |conn| {
            let applied = match &self.source {
                Source::Dir { files, .. } => conn.run_pending_migrations(files.clone()),
                Source::Embedded => conn.run_pending_migrations(EMBEDDED),
            };
            applied.map(|versions| versions.iter().map(ToString::to_string).collect())
        })?
        .map_err(|source| self.run_error("apply", source))
    }

    /// Reverts every applied migration under the advisory lock, newest first, returning the
    /// versions reverted.
    ///
    /// # Errors
    /// [`MigrationError::Run`] naming the migration whose `down.sql` failed;
    /// [`MigrationError::Lock`].
    pub fn revert_all(&self, conn: &mut PgConnection) -> Result<Vec<String>, MigrationError> {
        locked(conn, |conn| {
            let reverted = match &self.source {
                Source::Dir { files, .. } => conn.revert_all_migrations(files.clone()),
                Source::Embedded => conn.revert_all_migrations(EMBEDDED),
            };
            reverted.map(|versions| versions.iter().map(ToString::to_string).collect())
        })?
        .map_err(|source| self.run_error("revert", source))
    }

    /// A SHA-256 over every file's relative path and bytes, in sorted order: it changes
    /// whenever any migration does, so a template database named by it is never stale.
    ///
    /// # Errors
    /// [`MigrationError::Hash`] when a file cannot be read.
    pub fn content_hash(&self) -> Result<String, MigrationError> {
        match &self.source {
            Source::Dir { path, .. } => hash_migrations_dir(path)
                .map_err(|(path, source)| MigrationError::Hash { path, source }),
            Source::Embedded => Ok(EMBEDDED_HASH.to_owned()),
        }
    }

    fn run_error(
        &self,
        action: &'static str,
        source: Box<dyn std::error::Error + Send + Sync>,
    ) -> MigrationError {
        MigrationError::Run {
            origin: self.origin(),
            action,
            source,
        }
    }
}

/// Runs `work` while holding the session-level migration lock; releases it even on failure.
fn locked<T>(
    conn: &mut PgConnection,
    work: impl FnOnce(&mut PgConnection) -> T,
) -> Result<T, MigrationError> {
    let lock = |conn: &mut PgConnection, action, sql| {
        diesel::sql_query(sql)
            .bind::<BigInt, _>(MIGRATION_LOCK_KEY)
            .execute(conn)
            .map_err(|source| MigrationError::Lock { action, source })
    };
    lock(conn, "take", "SELECT pg_advisory_lock($1)")?;
    let value = work(conn);
    lock(conn, "release", "SELECT pg_advisory_unlock($1)")?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use rstest::rstest;

    fn baseline_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations")
    }

    #[rstest]
    fn the_baseline_directory_opens_and_counts_its_migrations() {
        let migrations = Migrations::open(baseline_dir()).expect("baseline opens");
        assert!(migrations.count().expect("listing works") >= 3);
    }

    #[rstest]
    fn the_embedded_baseline_matches_the_directory() {
        let dir = Migrations::open(baseline_dir()).expect("baseline opens");
        let embedded = Migrations::embedded();
        assert_eq!(
            embedded.count().expect("count"),
            dir.count().expect("count")
        );
        assert_eq!(
            embedded.content_hash().expect("hash"),
            dir.content_hash().expect("hash")
        );
        assert_eq!(embedded.origin(), "embedded migrations");
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
