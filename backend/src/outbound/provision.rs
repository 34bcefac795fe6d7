//! "A migrated database": the one sequence from a database source to a connection on a
//! database with every migration applied.
//!
//! Two sources: an embedded cluster started here (a throwaway database is created on it) or an
//! existing database reached by URL. Both end in [`migrate_at`]: connect, take the advisory
//! lock, apply what is pending. [`PgServer::create_migrated`] is the per-database step, so one
//! cluster can hold several migrated databases (schema review, test templates).

use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection};
use thiserror::Error;

use crate::outbound::embedded_postgres::{
    EmbeddedCluster, EmbeddedOptions, EmbeddedPostgresError, PgServer,
};
use crate::outbound::persistence::database_url::DatabaseUrl;
use crate::outbound::persistence::migrations::{MigrationError, Migrations};

/// Where the database comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseSource {
    /// Start an embedded cluster and create a database on it.
    Embedded(EmbeddedOptions),
    /// Use an existing database.
    Url(DatabaseUrl),
}

/// Why no migrated database could be had.
#[derive(Debug, Error)]
pub enum ProvisionError {
    /// The embedded cluster could not start or create the database.
    #[error(transparent)]
    Cluster(#[from] EmbeddedPostgresError),
    /// Connecting to the database failed.
    #[error("could not connect to {url}")]
    Connect {
        /// The database (password redacted).
        url: DatabaseUrl,
        /// Underlying cause.
        #[source]
        source: diesel::ConnectionError,
    },
    /// The migrations could not be applied.
    #[error("could not migrate {url}")]
    Migrate {
        /// The database (password redacted).
        url: DatabaseUrl,
        /// Underlying cause.
        #[source]
        source: MigrationError,
    },
}

/// An open connection to a database whose migrations are applied.
pub struct MigratedDatabase {
    /// Where it is (redacted when shown).
    pub url: DatabaseUrl,
    /// The connection that applied the migrations, still open.
    pub connection: PgConnection,
    /// Versions applied by this call, oldest first (empty when already up to date).
    pub applied: Vec<String>,
    /// How long connecting and migrating took.
    pub migrated_in: Duration,
}

impl std::fmt::Debug for MigratedDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MigratedDatabase")
            .field("url", &self.url)
            .field("applied", &self.applied)
            .field("migrated_in", &self.migrated_in)
            .finish_non_exhaustive()
    }
}

/// Connects to `url`.
///
/// # Errors
/// [`ProvisionError::Connect`] naming the (redacted) URL.
pub fn connect(url: &DatabaseUrl) -> Result<PgConnection, ProvisionError> {
    PgConnection::establish(url.expose()).map_err(|source| ProvisionError::Connect {
        url: url.clone(),
        source,
    })
}

/// Connects to `url` and applies the pending `migrations` under the advisory lock.
///
/// # Errors
/// [`ProvisionError::Connect`] or [`ProvisionError::Migrate`], naming the (redacted) URL.
pub fn migrate_at(
    url: &DatabaseUrl,
    migrations: &Migrations,
) -> Result<MigratedDatabase, ProvisionError> {
    let began = Instant::now();
    let mut connection = connect(url)?;
    let applied =
        migrations
            .run_pending(&mut connection)
            .map_err(|source| ProvisionError::Migrate {
                url: url.clone(),
                source,
            })?;
    let migrated_in = began.elapsed();
    tracing::debug!(
        database = %url,
        migrations = %migrations.origin(),
        applied = applied.len(),
        migrated_ms = migrated_in.as_millis(),
        "database migrated"
    );
    Ok(MigratedDatabase {
        url: url.clone(),
        connection,
        applied,
        migrated_in,
    })
}

impl PgServer {
    /// Creates the empty database `name` on this server and migrates it.
    ///
    /// # Errors
    /// [`ProvisionError`] when the database cannot be created, reached or migrated.
    pub fn create_migrated(
        &self,
        name: &str,
        migrations: &Migrations,
    ) -> Result<MigratedDatabase, ProvisionError> {
        self.create_database(name)?;
        migrate_at(&self.database_url(name), migrations)
    }

    /// Creates the database `name` unless it exists (a persistent cluster restarting).
    ///
    /// # Errors
    /// [`ProvisionError::Cluster`] when the server cannot be asked or refuses.
    pub fn ensure_database(&self, name: &str) -> Result<DatabaseUrl, ProvisionError> {
        if !self.database_exists(name)? {
            self.create_database(name)?;
        }
        Ok(self.database_url(name))
    }
}

/// A migrated database and, for an embedded source, the cluster it lives on (stopped, with
/// its throwaway data, when this value drops).
#[derive(Debug)]
pub struct ProvisionedDatabase {
    /// The migrated database.
    pub database: MigratedDatabase,
    /// The cluster started for it, if any.
    pub cluster: Option<EmbeddedCluster>,
}

impl ProvisionedDatabase {
    /// How long the cluster took to start; `None` for a URL source.
    pub fn cluster_started_in(&self) -> Option<Duration> {
        self.cluster.as_ref().map(EmbeddedCluster::started_in)
    }
}

/// The name of the database created on an embedded cluster by [`provision`].
pub const PROVISIONED_DATABASE: &str = "wildside";

/// Gets a migrated database from `source`: starts the cluster and creates
/// [`PROVISIONED_DATABASE`] on it, or connects to the URL; then applies `migrations`.
///
/// # Errors
/// [`ProvisionError`] for a cluster that cannot start or a database that cannot be reached or
/// migrated.
pub fn provision(
    source: &DatabaseSource,
    migrations: &Migrations,
) -> Result<ProvisionedDatabase, ProvisionError> {
    match source {
        DatabaseSource::Url(url) => Ok(ProvisionedDatabase {
            database: migrate_at(url, migrations)?,
            cluster: None,
        }),
        DatabaseSource::Embedded(options) => {
            let cluster = EmbeddedCluster::start(options)?;
            let url = cluster.server().ensure_database(PROVISIONED_DATABASE)?;
            let database = migrate_at(&url, migrations)?;
            Ok(ProvisionedDatabase {
                database,
                cluster: Some(cluster),
            })
        }
    }
}

/// As [`provision`], without applying migrations (the server's `run_migrations = false`):
/// the schema is whatever the database holds.
///
/// # Errors
/// [`ProvisionError`] for a cluster that cannot start or a database that cannot be reached.
pub fn provision_unmigrated(
    source: &DatabaseSource,
) -> Result<ProvisionedDatabase, ProvisionError> {
    let began = Instant::now();
    let (url, cluster) = match source {
        DatabaseSource::Url(url) => (url.clone(), None),
        DatabaseSource::Embedded(options) => {
            let cluster = EmbeddedCluster::start(options)?;
            let url = cluster.server().ensure_database(PROVISIONED_DATABASE)?;
            (url, Some(cluster))
        }
    };
    let connection = connect(&url)?;
    Ok(ProvisionedDatabase {
        database: MigratedDatabase {
            url,
            connection,
            applied: Vec::new(),
            migrated_in: began.elapsed(),
        },
        cluster,
    })
}
