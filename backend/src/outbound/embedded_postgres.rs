//! The one place that starts an embedded `PostgreSQL` cluster, through `pg-embed-setup-unpriv`,
//! and manages databases on it. [`crate::outbound::provision`] turns a cluster (or a URL) into
//! a migrated database.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};
use pg_embedded_setup_unpriv::{
    BootstrapError, CleanupMode, ClusterGuard, ClusterHandle, TestCluster,
};
use thiserror::Error;

use crate::outbound::persistence::database_url::DatabaseUrl;

/// What to run when the cluster cannot start: the project's idempotent set-up script.
pub const SETUP_HINT: &str = "run `make setup` (scripts/setup): it installs the PostgreSQL \
     binaries into pg-embed-setup-unpriv's cache and, as root, the pg_worker helper";

/// Failures while starting or using the embedded cluster.
#[derive(Debug, Error)]
pub enum EmbeddedPostgresError {
    /// The cluster could not be bootstrapped or started; the cause chain follows as sources.
    #[error("embedded PostgreSQL could not start ({hint})")]
    Start {
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
    /// Applying server settings failed.
    #[error("embedded PostgreSQL: could not tune the server for throwaway data")]
    Tune(#[source] diesel::result::Error),
    /// Connecting to the admin database failed.
    #[error("embedded PostgreSQL: could not connect to the admin database")]
    Connect(#[source] diesel::ConnectionError),
    /// A throwaway cluster would run in, and on stopping delete, a data directory the user
    /// named in `PG_DATA_DIR`.
    #[error(
        "embedded PostgreSQL: {DATA_DIR_ENV}={} is set, but this command starts a throwaway \
         cluster, which deletes its data directory when it stops; unset {DATA_DIR_ENV} (the \
         server keeps its data with --data-dir or BACKEND_DATA_DIR)",
        .dir.display()
    )]
    ExplicitDataDirForThrowaway {
        /// The directory `PG_DATA_DIR` names.
        dir: PathBuf,
    },
    /// A persistent data directory was asked for, but the process does not carry it in
    /// `PG_DATA_DIR`, the one place `pg-embed-setup-unpriv` reads it from.
    #[error(
        "embedded PostgreSQL: data directory {} must be given to the process as {DATA_DIR_ENV} \
         (found {found:?})",
        .dir.display()
    )]
    DataDirNotInEnvironment {
        /// The directory asked for.
        dir: PathBuf,
        /// What `PG_DATA_DIR` holds, if anything.
        found: Option<String>,
    },
}

/// The variable through which `pg-embed-setup-unpriv` takes an explicit data directory.
pub const DATA_DIR_ENV: &str = "PG_DATA_DIR";

/// Set (to the same path as `PG_DATA_DIR`) in a process re-executed on a copy of the cached
/// data directory: the one explicit data directory a throwaway cluster may use, and remove.
pub const CACHED_COPY_ENV: &str = "WILDSIDE_INITDB_CACHE_COPY";

/// The variable through which `pg-embed-setup-unpriv` takes the superuser password.
pub const PASSWORD_ENV: &str = "PG_PASSWORD";

/// Whether this process already carries `dir` as its embedded data directory.
pub fn data_dir_in_environment(dir: &Path) -> bool {
    std::env::var_os(DATA_DIR_ENV).is_some_and(|value| Path::new(&value) == dir)
}

/// How to run an embedded cluster.
///
/// Non-exhaustive so that options (such as a persistent data directory) can be added without
/// breaking callers; build it with [`EmbeddedOptions::throwaway`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EmbeddedOptions {
    /// Trade durability for speed (`fsync`, `synchronous_commit`, `full_page_writes` off):
    /// right for data that dies with the cluster, wrong for data kept across restarts.
    pub tune_for_throwaway_data: bool,
    /// Keep the cluster's data in this directory across restarts (never removed); `None`
    /// claims a fresh directory that is removed when the cluster stops.
    pub data_dir: Option<PathBuf>,
}

impl EmbeddedOptions {
    /// A cluster whose data is discarded when it stops, tuned for speed.
    pub const fn throwaway() -> Self {
        Self {
            tune_for_throwaway_data: true,
            data_dir: None,
        }
    }

    /// A cluster whose data lives in `dir` (an absolute path) and survives restarts; fully
    /// durable. The process must carry `dir` in [`DATA_DIR_ENV`].
    pub const fn persistent(dir: PathBuf) -> Self {
        Self {
            tune_for_throwaway_data: false,
            data_dir: Some(dir),
        }
    }
}

impl Default for EmbeddedOptions {
    fn default() -> Self {
        Self::throwaway()
    }
}

/// A running server: `Send + Sync`, cheap to clone; databases are created and dropped here.
#[derive(Debug, Clone)]
pub struct PgServer {
    handle: ClusterHandle,
}

impl PgServer {
    /// The connection URL for `database` on this server (it carries the superuser password,
    /// which [`DatabaseUrl`] redacts when shown).
    pub fn database_url(&self, database: &str) -> DatabaseUrl {
        DatabaseUrl::from_trusted(self.handle.connection().database_url(database))
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

    /// Creates `name` as a copy of `template`.
    ///
    /// # Errors
    /// [`EmbeddedPostgresError::Database`] when the template is missing or in use.
    pub fn clone_database(&self, name: &str, template: &str) -> Result<(), EmbeddedPostgresError> {
        self.handle
            .create_database_from_template(name, template)
            .map_err(|source| database_error("clone", name, source))
    }

    /// Whether `name` exists.
    ///
    /// # Errors
    /// [`EmbeddedPostgresError::Database`] when the server cannot be asked.
    pub fn database_exists(&self, name: &str) -> Result<bool, EmbeddedPostgresError> {
        self.handle
            .database_exists(name)
            .map_err(|source| database_error("look up", name, source))
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

    /// A connection to the admin database `postgres`.
    ///
    /// # Errors
    /// [`EmbeddedPostgresError::Connect`] when the server does not answer.
    pub fn connect_admin(&self) -> Result<PgConnection, EmbeddedPostgresError> {
        PgConnection::establish(self.database_url("postgres").expose())
            .map_err(EmbeddedPostgresError::Connect)
    }

    fn apply(&self, options: &EmbeddedOptions) -> Result<(), EmbeddedPostgresError> {
        if options.tune_for_throwaway_data {
            tune_for_throwaway_data(self)?;
        }
        Ok(())
    }

    /// Starts a cluster whose server lives until the process exits: the process-wide
    /// singleton of the test support.
    ///
    /// # Errors
    /// As for [`EmbeddedCluster::start`].
    #[cfg(feature = "test-support")]
    pub fn start_for_process(options: &EmbeddedOptions) -> Result<Self, EmbeddedPostgresError> {
        let (handle, guard) = TestCluster::new_split().map_err(start_error)?;
        handle.register_shutdown_on_exit().map_err(start_error)?;
        // The exit hook now owns shutdown; dropping the guard here would stop the server.
        std::mem::forget(guard);
        let server = Self { handle };
        server.apply(options)?;
        Ok(server)
    }
}

/// A running embedded cluster, stopped when dropped.
#[derive(Debug)]
pub struct EmbeddedCluster {
    server: PgServer,
    // Dropping the guard stops the server; it is !Send, so the cluster lives on one thread.
    _guard: ClusterGuard,
    started_in: Duration,
}

impl EmbeddedCluster {
    /// Starts a fresh cluster as `options` say.
    ///
    /// # Errors
    /// [`EmbeddedPostgresError::Start`] when the binaries, the worker or the data directory are
    /// not usable; the message says what to run.
    pub fn start(options: &EmbeddedOptions) -> Result<Self, EmbeddedPostgresError> {
        let began = Instant::now();
        match (&options.data_dir, std::env::var_os(DATA_DIR_ENV)) {
            (Some(dir), _) if !data_dir_in_environment(dir) => {
                return Err(EmbeddedPostgresError::DataDirNotInEnvironment {
                    dir: dir.clone(),
                    found: std::env::var(DATA_DIR_ENV).ok(),
                });
            }
            (None, Some(named)) if std::env::var_os(CACHED_COPY_ENV).as_ref() != Some(&named) => {
                return Err(EmbeddedPostgresError::ExplicitDataDirForThrowaway {
                    dir: PathBuf::from(named),
                });
            }
            _ => {}
        }
        let (handle, guard) = TestCluster::new_split().map_err(start_error)?;
        // A persistent directory is the user's data: stopping the cluster must not remove it.
        let guard = if options.data_dir.is_some() {
            guard.with_cleanup_mode(CleanupMode::None)
        } else {
            guard
        };
        let server = PgServer { handle };
        server.apply(options)?;
        let started_in = began.elapsed();
        tracing::debug!(
            started_ms = started_in.as_millis(),
            "embedded PostgreSQL started"
        );
        Ok(Self {
            server,
            _guard: guard,
            started_in,
        })
    }

    /// The running server, for database-level operations.
    pub const fn server(&self) -> &PgServer {
        &self.server
    }

    /// How long bootstrap and start took.
    pub const fn started_in(&self) -> Duration {
        self.started_in
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

const fn start_error(source: BootstrapError) -> EmbeddedPostgresError {
    EmbeddedPostgresError::Start {
        hint: SETUP_HINT,
        source,
    }
}

// The cluster holds nothing worth keeping, so durability is traded for speed: template clones
// and migrations stop waiting on fsync. All three settings apply on reload.
fn tune_for_throwaway_data(server: &PgServer) -> Result<(), EmbeddedPostgresError> {
    let mut conn = server.connect_admin()?;
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
