//! The snapshot service: introspect, normalise, plan, render, then check or replace, driven
//! only through the ports `SchemaIntrospector`, `DiagramRenderer` and `SnapshotStore`.

use std::time::{Duration, Instant};

use super::dictionary::{DATA_DICTIONARY_FILE, render_data_dictionary};
use super::drift::{Drift, compare_snapshots};
use super::groups::{DiagramGroups, GroupError};
use super::model::DIESEL_MIGRATIONS_TABLE;
use super::normalise::normalise;
use super::schema_name::SchemaName;
use super::snapshot::{OutputFormat, SnapshotSet, assemble_snapshots, plan_diagrams};
use crate::domain::ports::diagram_renderer::{DiagramRenderError, DiagramRenderer};
use crate::domain::ports::schema_introspector::{SchemaIntrospectionError, SchemaIntrospector};
use crate::domain::ports::snapshot_store::{ReplaceReport, SnapshotStore, SnapshotStoreError};

/// What to draw: the schema, which tables, which groups, which files, which font.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotOptions {
    /// Schema to introspect.
    pub schema: SchemaName,
    /// Keep Diesel's `__diesel_schema_migrations` table in the diagrams.
    pub include_migrations_table: bool,
    /// Named subsets of tables, one diagram each.
    pub groups: DiagramGroups,
    /// Artefacts to produce.
    pub format: OutputFormat,
    /// Font family written into the diagrams' `fontFamily`.
    pub font_family: String,
}

/// Why the service failed; the store is then unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotServiceError {
    /// The schema could not be read.
    #[error("could not read the schema")]
    Introspection(#[source] SchemaIntrospectionError),
    /// A group does not fit the schema.
    #[error("a diagram group does not fit the schema")]
    Group(#[source] GroupError),
    /// A diagram could not be rendered.
    #[error("could not render the diagrams")]
    Render(#[source] DiagramRenderError),
    /// The stored snapshots could not be read or replaced.
    #[error("could not read or replace the stored snapshots")]
    Store(#[source] SnapshotStoreError),
}

/// Wall time of each phase the service ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServiceTimings {
    /// Reading the catalogue.
    pub introspect: Duration,
    /// Normalising and planning the Mermaid diagrams.
    pub mermaid: Duration,
    /// Rendering SVGs.
    pub svg: Duration,
    /// Rendering the data dictionary.
    pub dictionary: Duration,
    /// Comparing with or replacing the stored files.
    pub store: Duration,
}

/// A generated set with the timings of how it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Every artefact, in memory.
    pub snapshots: SnapshotSet,
    /// Notes for the reader, such as a diagram split into parts, in diagram order.
    pub notes: Vec<String>,
    /// Phase timings.
    pub timings: ServiceTimings,
}

/// Generates ER snapshots and checks or replaces the stored ones.
#[derive(Debug)]
pub struct SnapshotService<I, R, S> {
    introspector: I,
    renderer: R,
    store: S,
    options: SnapshotOptions,
}

fn timed<T>(slot: &mut Duration, work: impl FnOnce() -> T) -> T {
    let began = Instant::now();
    let value = work();
    *slot = began.elapsed();
    value
}

impl<I, R, S> SnapshotService<I, R, S>
where
    I: SchemaIntrospector,
    R: DiagramRenderer,
    S: SnapshotStore,
{
    /// Assembles the service from its three ports.
    pub const fn new(introspector: I, renderer: R, store: S, options: SnapshotOptions) -> Self {
        Self {
            introspector,
            renderer,
            store,
            options,
        }
    }

    /// Builds every artefact in memory; touches no store.
    ///
    /// # Errors
    /// [`SnapshotServiceError::Introspection`], [`SnapshotServiceError::Group`] or
    /// [`SnapshotServiceError::Render`].
    pub fn generate(&mut self) -> Result<Generated, SnapshotServiceError> {
        let mut timings = ServiceTimings::default();
        let options = &self.options;
        let graph = timed(&mut timings.introspect, || {
            self.introspector.introspect(&options.schema)
        })
        .map_err(SnapshotServiceError::Introspection)?;
        let excluded: &[&str] = if options.include_migrations_table {
            &[]
        } else {
            &[DIESEL_MIGRATIONS_TABLE]
        };
        let schema = normalise(graph.without_tables(excluded));
        let diagrams = timed(&mut timings.mermaid, || {
            plan_diagrams(&schema, &options.groups, Some(&options.font_family))
        })
        .map_err(SnapshotServiceError::Group)?;
        let notes = diagrams
            .iter()
            .filter_map(|diagram| diagram.note.clone())
            .collect();
        let mut snapshots = timed(&mut timings.svg, || {
            assemble_snapshots(&diagrams, options.format, &self.renderer)
        })
        .map_err(SnapshotServiceError::Render)?;
        let dictionary = timed(&mut timings.dictionary, || {
            render_data_dictionary(&schema, &options.schema)
        });
        snapshots.insert(DATA_DICTIONARY_FILE, dictionary);
        Ok(Generated {
            snapshots,
            notes,
            timings,
        })
    }

    /// Generates the artefacts and compares them with the stored ones; writes nothing.
    ///
    /// # Errors
    /// As [`SnapshotService::generate`], or [`SnapshotServiceError::Store`] when the stored
    /// files cannot be read.
    pub fn check(&mut self) -> Result<(Generated, Drift), SnapshotServiceError> {
        let mut generated = self.generate()?;
        let stored = timed(&mut generated.timings.store, || self.store.load())
            .map_err(SnapshotServiceError::Store)?;
        let drift = compare_snapshots(&generated.snapshots, &stored);
        Ok((generated, drift))
    }

    /// Generates the artefacts and replaces the stored ones, all or nothing.
    ///
    /// # Errors
    /// As [`SnapshotService::generate`], or [`SnapshotServiceError::Store`] when replacing
    /// fails (the previous files are then intact).
    pub fn write(&mut self) -> Result<(Generated, ReplaceReport), SnapshotServiceError> {
        let mut generated = self.generate()?;
        let report = timed(&mut generated.timings.store, || {
            self.store.replace(&generated.snapshots)
        })
        .map_err(SnapshotServiceError::Store)?;
        Ok((generated, report))
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
