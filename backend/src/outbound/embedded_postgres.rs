//! The one place that starts an embedded PostgreSQL cluster, through `pg-embed-setup-unpriv`.
//!
//! Used by the `er-snapshots` command and by the test support; tuned for throwaway data.

use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};
use pg_embedded_setup_unpriv::{BootstrapError, ClusterGuard, ClusterHandle, TestCluster};
use thiserror::Error;

/// What to run when the cluster cannot start: the project's idempotent set-up script.
pub const SETUP_HINT: &str = "run `make setup` (scripts/setup): it installs the PostgreSQL \
     binaries into pg-embed-setup-unpriv's cache and, as root, the pg_worker helper";

/// Failures while starting or using the embedded cluster.
#[derive(Debug, Error)]
pub enum EmbeddedPostgresError {
    /// The cluster could not be bootstrapped or started.
    #[error("embedded PostgreSQL could not start: {message}\n  hint: {hint}")]
    Start {
        /// The crate's own account of the failure, with its cause chain.
        message: String,
        /// What to run to fix it.
        hint: &'static str,
        /// The bootstrap error.
        #[source]
        source: BootstrapError,
    },
    /// A database-level operation (create, clone, drop) failed.
    #[error("embedded PostgreSQL: could not {action} database `{database}`")]
    Database {
        /// What was attempted.
        action: &'static str,
        /// The database concerned.
        database: String,
        /// The underlying failure.
        #[source]
        source: BootstrapError,
    },
    /// Connecting or applying server settings failed.
    #[error("embedded PostgreSQL: could not tune the server for throwaway data")]
    Tune(#[source] diesel::result::Error),
    /// Connecting to the admin database failed.
    #[error("embedded PostgreSQL: could not connect to the admin database")]
    Connect(#[source] diesel::ConnectionError),
}

/// A running embedded cluster, stopped when dropped.
#[derive(Debug)]
pub struct EmbeddedCluster {
    handle: ClusterHandle,
    // Dropping the guard stops the server; it is !Send, so the cluster lives on one thread.
    _guard: ClusterGuard,
    started_in: Duration,
}

impl EmbeddedCluster {
    /// Starts a fresh cluster and tunes it for disposable data.
    ///
    /// # Errors
    /// [`EmbeddedPostgresError::Start`] when the binaries, the worker or the data directory are
    /// not usable; the message says what to run.
    pub fn start() -> Result<Self, EmbeddedPostgresError> {
        let began = Instant::now();
        let (handle, guard) = TestCluster::new_split().map_err(start_error)?;
        tune_for_throwaway_data(&handle)?;
        Ok(Self {
            handle,
            _guard: guard,
            started_in: began.elapsed(),
        })
    }

    /// Starts a cluster whose server lives until the process exits, for a process-wide
    /// singleton (the test support's shared cluster).
    ///
    /// # Errors
    /// As for [`EmbeddedCluster::start`].
    pub fn start_for_process() -> Result<ClusterHandle, EmbeddedPostgresError> {
        let (handle, guard) = TestCluster::new_split().map_err(start_error)?;
        handle.register_shutdown_on_exit().map_err(start_error)?;
        // The exit hook now owns shutdown; dropping the guard here would stop the server.
        std::mem::forget(guard);
        tune_for_throwaway_data(&handle)?;
        Ok(handle)
    }

    /// The handle for database-level operations.
    pub const fn handle(&self) -> &ClusterHandle {
        &self.handle
    }

    /// How long bootstrap and start took.
    pub const fn started_in(&self) -> Duration {
        self.started_in
    }

    /// The connection URL for `database` on this cluster (it carries the superuser password).
    pub fn database_url(&self, database: &str) -> String {
        self.handle.connection().database_url(database)
    }

    /// Creates an empty database.
    ///
    /// # Errors
    /// [`EmbeddedPostgresError::Database`] when it exists already or the server refuses.
    pub fn create_database(&self, name: &str) -> Result<(), EmbeddedPostgresError> {
        self.handle
            .create_database(name)
            .map_err(|source| database_error("create", name, source))
    }

    /// Drops a database.
    ///
    /// # Errors
    /// [`EmbeddedPostgresError::Database`] when it is missing or still in use.
    pub fn drop_database(&self, name: &str) -> Result<(), EmbeddedPostgresError> {
        self.handle
            .drop_database(name)
            .map_err(|source| database_error("drop", name, source))
    }
}

fn database_error(
    action: &'static str,
    database: &str,
    source: BootstrapError,
) -> EmbeddedPostgresError {
    EmbeddedPostgresError::Database {
        action,
        database: database.to_owned(),
        source,
    }
}

fn start_error(source: BootstrapError) -> EmbeddedPostgresError {
    EmbeddedPostgresError::Start {
        message: format!("{source:#}"),
        hint: SETUP_HINT,
        source,
    }
}

// The cluster holds nothing worth keeping, so durability is traded for speed: template clones
// and migrations stop waiting on fsync. All three settings apply on reload.
fn tune_for_throwaway_data(handle: &ClusterHandle) -> Result<(), EmbeddedPostgresError> {
    let url = handle.connection().database_url("postgres");
    let mut conn = PgConnection::establish(&url).map_err(EmbeddedPostgresError::Connect)?;
    for statement in [
        "ALTER SYSTEM SET fsync = off",
        "ALTER SYSTEM SET synchronous_commit = off",
        "ALTER SYSTEM SET full_page_writes = off",
        "SELECT pg_reload_conf()",
    ] {
        diesel::sql_query(statement)
            .execute(&mut conn)
            .map_err(EmbeddedPostgresError::Tune)?;
    }
    Ok(())
}
