//! Wiring of `migrate-check`: apply, revert and re-apply the migrations on a throwaway
//! embedded cluster, then list the tables through the schema introspector.

use std::path::PathBuf;
use std::time::Duration;

use crate::domain::er_diagram::{NormalisedSchema, SchemaName, normalise};
use crate::domain::ports::schema_introspector::{SchemaIntrospectionError, SchemaIntrospector};
use crate::outbound::embedded_postgres::EmbeddedOptions;
use crate::outbound::persistence::diesel_schema_introspector::DieselSchemaIntrospector;
use crate::outbound::persistence::migrations::{MigrationError, Migrations};
use crate::outbound::provision::{DatabaseSource, ProvisionError, provision};

/// Why the check failed.
#[derive(Debug, thiserror::Error)]
pub enum MigrateCheckError {
    /// The migrations directory is unusable, or a migration failed to revert or re-apply.
    #[error(transparent)]
    Migrations(#[from] MigrationError),
    /// The cluster could not start or the first application failed.
    #[error(transparent)]
    Provision(#[from] ProvisionError),
    /// The migrated schema could not be read.
    #[error(transparent)]
    Introspection(#[from] SchemaIntrospectionError),
}

/// What the check did and found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateCheckReport {
    /// Where the migrations came from.
    pub origin: String,
    /// How long the cluster took to start.
    pub cluster_started_in: Option<Duration>,
    /// Versions applied, reverted and applied again.
    pub applied: Vec<String>,
    /// Versions reverted, newest first.
    pub reverted: Vec<String>,
    /// Versions applied the second time.
    pub reapplied: Vec<String>,
    /// The schema after the second application.
    pub schema: NormalisedSchema,
}

/// Applies, reverts and re-applies the migrations in `dir` (the embedded ones when `None`).
///
/// # Errors
/// [`MigrateCheckError`] naming the step and migration that failed.
pub fn run(dir: Option<PathBuf>) -> Result<MigrateCheckReport, MigrateCheckError> {
    let migrations = match dir {
        Some(dir) => Migrations::open(dir)?,
        None => Migrations::embedded(),
    };
    let provisioned = provision(
        &DatabaseSource::Embedded(EmbeddedOptions::throwaway()),
        &migrations,
    )?;
    let cluster_started_in = provisioned.cluster_started_in();
    let mut database = provisioned.database;
    let reverted = migrations.revert_all(&mut database.connection)?;
    let reapplied = migrations.run_pending(&mut database.connection)?;
    let mut introspector = DieselSchemaIntrospector::new(database.connection);
    let schema = normalise(introspector.introspect(&SchemaName::default())?);
    drop(introspector);
    drop(provisioned.cluster);
    Ok(MigrateCheckReport {
        origin: migrations.origin(),
        cluster_started_in,
        applied: database.applied,
        reverted,
        reapplied,
        schema,
    })
}
