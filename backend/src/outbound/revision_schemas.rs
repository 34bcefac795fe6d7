//! `RevisionSchemas` over git and one embedded cluster: each revision's migrations go into a
//! fresh database on the same cluster, which is then introspected and dropped.
//!
//! The base revision's migrations are read with `git` into a scratch directory; the work tree is
//! never touched.

use std::path::{Path, PathBuf};

use crate::domain::er_diagram::{SchemaGraph, SchemaName};
use crate::domain::ports::revision_schemas::{Revision, RevisionSchemaError, RevisionSchemas};
use crate::domain::ports::schema_introspector::SchemaIntrospector;
use crate::outbound::embedded_postgres::{EmbeddedCluster, EmbeddedOptions, PgServer};
use crate::outbound::git_tree::GitCheckout;
use crate::outbound::persistence::diesel_schema_introspector::DieselSchemaIntrospector;
use crate::outbound::persistence::migrations::Migrations;
use crate::outbound::provision::ProvisionError;

/// Builds revision schemas for the migrations directory `migrations_dir` of one checkout.
#[derive(Debug)]
pub struct GitRevisionSchemas {
    checkout: GitCheckout,
    migrations_dir: PathBuf,
    path_in_repo: String,
    schema: SchemaName,
    cluster: Option<EmbeddedCluster>,
    databases: usize,
}

impl GitRevisionSchemas {
    /// Schemas of `migrations_dir` (which must lie inside a git checkout) in `schema`.
    ///
    /// # Errors
    ///
    /// [`RevisionSchemaError::Read`] when the directory is missing or not in a git checkout.
    pub fn new(migrations_dir: &Path, schema: SchemaName) -> Result<Self, RevisionSchemaError> {
        let read = |source: Box<dyn std::error::Error + Send + Sync>| RevisionSchemaError::Read {
            revision: Revision::WorkingTree.to_string(),
            source,
        };
        let dir = migrations_dir.canonicalize().map_err(|error| {
            read(format!("migrations directory {}: {error}", migrations_dir.display()).into())
        })?;
        let checkout = GitCheckout::discover(&dir).map_err(|error| read(Box::new(error)))?;
        let root = checkout
            .root()
            .canonicalize()
            .unwrap_or_else(|_| checkout.root().to_path_buf());
        let path_in_repo = dir
            .strip_prefix(&root)
            .map(|relative| relative.to_string_lossy().replace('\\', "/"))
            .map_err(|_| read(format!("{} is outside {}", dir.display(), root.display()).into()))?;
        Ok(Self {
            checkout,
            migrations_dir: dir,
            path_in_repo,
            schema,
            cluster: None,
            databases: 0,
        })
    }

    fn cluster(&mut self, revision: &Revision) -> Result<&EmbeddedCluster, RevisionSchemaError> {
        if self.cluster.is_none() {
            let cluster = EmbeddedCluster::start(&EmbeddedOptions::throwaway())
                .map_err(|error| database(revision, error))?;
            self.cluster = Some(cluster);
        }
        self.cluster
            .as_ref()
            .ok_or_else(|| database(revision, "no cluster"))
    }
}

fn database(
    revision: &Revision,
    source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> RevisionSchemaError {
    RevisionSchemaError::Database {
        revision: revision.to_string(),
        source: source.into(),
    }
}

/// Creates and migrates database `name` on `server` through the provisioning path and
/// introspects `schema`; the connection is closed on return so the database can be dropped.
fn migrate_and_introspect(
    server: &PgServer,
    name: &str,
    migrations: &Migrations,
    schema: &SchemaName,
    revision: &Revision,
) -> Result<SchemaGraph, RevisionSchemaError> {
    let migrated = server
        .create_migrated(name, migrations)
        .map_err(|error| match error {
            ProvisionError::Migrate { source, .. } => RevisionSchemaError::Migrate {
                revision: revision.to_string(),
                source: Box::new(source),
            },
            other => database(revision, other),
        })?;
    DieselSchemaIntrospector::new(migrated.connection)
        .introspect(schema)
        .map_err(|error| database(revision, error))
}

impl RevisionSchemas for GitRevisionSchemas {
    fn schema_at(&mut self, revision: &Revision) -> Result<SchemaGraph, RevisionSchemaError> {
        let read = |source: Box<dyn std::error::Error + Send + Sync>| RevisionSchemaError::Read {
            revision: revision.to_string(),
            source,
        };
        let scratch = tempfile::tempdir().map_err(|error| read(Box::new(error)))?;
        let dir = match revision {
            Revision::WorkingTree => self.migrations_dir.clone(),
            Revision::Base(git_ref) => {
                self.checkout
                    .export_dir(git_ref, &self.path_in_repo, scratch.path())
                    .map_err(|error| read(Box::new(error)))?;
                scratch.path().to_path_buf()
            }
        };
        let migrations = Migrations::open(&dir).map_err(|error| read(Box::new(error)))?;
        self.databases += 1;
        let name = format!("er_review_{}_{}", std::process::id(), self.databases);
        let schema = self.schema.clone();
        let server = self.cluster(revision)?.server().clone();
        let graph = migrate_and_introspect(&server, &name, &migrations, &schema, revision);
        let dropped = server.drop_database(&name);
        let graph = graph?;
        dropped.map_err(|error| database(revision, error))?;
        Ok(graph)
    }
}
