//! Wiring of one `er-snapshots` run: schema source, renderer and snapshot directory from the
//! validated settings; phases timed into the returned [`SnapshotRun`].

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::domain::er_diagram::{
    DiagramGroups, Drift, Generated, GroupError, OutputFormat, SchemaName, SnapshotOptions,
    SnapshotService, SnapshotServiceError,
};
use crate::domain::ports::diagram_renderer::{DiagramRenderError, DiagramRenderer};
use crate::domain::ports::snapshot_store::ReplaceReport;
use crate::outbound::embedded_postgres::{EmbeddedCluster, EmbeddedOptions};
use crate::outbound::mermaid_svg::EMBEDDED_FONT_FAMILY;
use crate::outbound::persistence::database_url::DatabaseUrl;
use crate::outbound::persistence::diesel_schema_introspector::DieselSchemaIntrospector;
use crate::outbound::persistence::migrations::{MigrationError, Migrations};
use crate::outbound::provision::{DatabaseSource, ProvisionError, connect, provision};
use crate::outbound::snapshot_files::SnapshotDirectory;
use crate::startup::release_after_read::ReleaseAfterRead;

mod renderer;
use renderer::{build_renderer, loads_vendored_font};

/// Where the schema comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaSource {
    /// A throwaway database on an embedded cluster, migrated from this directory.
    Migrations(PathBuf),
    /// An existing database, introspected as is (no migrations applied).
    Database(DatabaseUrl),
}

/// Which SVG renderer to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RendererChoice {
    /// merman in-process; `font` overrides the vendored font as (file, family).
    Merman {
        /// Font file and its family name.
        font: Option<(PathBuf, String)>,
    },
    /// The Mermaid CLI as a child process.
    Mmdc {
        /// Program path or name.
        program: PathBuf,
        /// Optional Puppeteer config file.
        puppeteer_config: Option<PathBuf>,
    },
}

/// Check the files on disk, or replace them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotMode {
    /// Replace the stored snapshots by the generated ones.
    Write,
    /// Compare only; write nothing.
    Check,
}

/// Everything one run needs, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotSettings {
    /// Schema source.
    pub source: SchemaSource,
    /// Schema to introspect.
    pub schema: SchemaName,
    /// Keep `__diesel_schema_migrations` in the diagrams.
    pub include_migrations_table: bool,
    /// The groups, and the file they came from (for messages).
    pub groups: DiagramGroups,
    /// The groups file, if one was read.
    pub groups_file: Option<PathBuf>,
    /// Artefacts to produce.
    pub format: OutputFormat,
    /// SVG renderer.
    pub renderer: RendererChoice,
    /// Where the artefacts live.
    pub output_dir: PathBuf,
    /// Check or write.
    pub mode: SnapshotMode,
}

/// Why a run failed; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotRunError {
    /// The migrations directory is unusable.
    #[error(transparent)]
    Migrations(#[from] MigrationError),
    /// No migrated database could be had.
    #[error(transparent)]
    Provision(#[from] ProvisionError),
    /// The SVG renderer could not be set up (font, program).
    #[error(transparent)]
    Renderer(#[from] DiagramRenderError),
    /// A group does not fit the schema.
    #[error("groups file {} does not fit the schema", shown_file(.path.as_deref()))]
    Group {
        /// The groups file.
        path: Option<PathBuf>,
        /// Underlying cause.
        #[source]
        source: GroupError,
    },
    /// The output path exists and is not a directory.
    #[error("output directory {path} is not a directory")]
    OutputNotDirectory {
        /// The path given.
        path: PathBuf,
    },
    /// Introspecting, rendering, checking or writing failed.
    #[error(transparent)]
    Snapshots(SnapshotServiceError),
}

fn shown_file(path: Option<&std::path::Path>) -> String {
    path.map_or_else(|| "(none)".to_owned(), |path| path.display().to_string())
}

/// What a successful run found or did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotOutcome {
    /// Files replaced; each generated file with its size, then what the store did.
    Written {
        /// Generated files in name order, with their sizes in bytes.
        files: Vec<(String, usize)>,
        /// Written, unchanged and removed files.
        report: ReplaceReport,
    },
    /// `Check`: disk matches; how many files were compared.
    UpToDate {
        /// Files compared.
        files: usize,
    },
    /// `Check`: disk differs.
    Drift(Drift),
}

/// Wall time of each phase of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhaseTimings {
    /// Starting the embedded cluster (`None` with a database URL).
    pub cluster_start: Option<Duration>,
    /// Creating the database and applying the migrations (`None` with a database URL).
    pub migrate: Option<Duration>,
    /// Reading the catalogue.
    pub introspect: Duration,
    /// Planning the Mermaid diagrams.
    pub mermaid: Duration,
    /// Rendering SVGs (and setting the renderer up).
    pub svg: Duration,
    /// Rendering the data dictionary.
    pub dictionary: Duration,
    /// Comparing with or replacing the stored files.
    pub write: Duration,
    /// The whole run.
    pub total: Duration,
}

/// The outcome of a run with its timings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotRun {
    /// What was found or done.
    pub outcome: SnapshotOutcome,
    /// Notes for the reader (a diagram split into parts), in diagram order.
    pub notes: Vec<String>,
    /// How long each phase took.
    pub timings: PhaseTimings,
}

/// Runs `er-snapshots` as `settings` say and logs one summary event with the phase timings.
///
/// A font file or renderer program the user named, and the migrations directory, are checked
/// before any cluster starts.
///
/// # Errors
/// [`SnapshotRunError`] for any failure; the stored snapshots are then left byte-for-byte intact.
pub fn run(settings: &SnapshotSettings) -> Result<SnapshotRun, SnapshotRunError> {
    let began = Instant::now();
    let mut timings = PhaseTimings::default();
    if settings.output_dir.exists() && !settings.output_dir.is_dir() {
        return Err(SnapshotRunError::OutputNotDirectory {
            path: settings.output_dir.clone(),
        });
    }
    let svg = settings.format.writes_svg();
    let (renderer, renderer_setup, opened) = if loads_vendored_font(&settings.renderer, svg) {
        // The vendored font cannot fail to load but takes tens of milliseconds to parse: it
        // loads while the cluster starts (so its time shows in no phase).
        std::thread::scope(|scope| {
            let loading = scope.spawn(|| build_renderer(&settings.renderer, svg));
            let opened = open_schema(settings, &mut timings);
            let renderer = loading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (renderer, Duration::ZERO, opened)
        })
    } else {
        let renderer = build_renderer(&settings.renderer, svg)?;
        (
            Ok(renderer),
            began.elapsed(),
            open_schema(settings, &mut timings),
        )
    };
    let renderer = renderer?;
    let (introspector, cluster) = opened?;
    let store = SnapshotDirectory::new(&settings.output_dir);
    let (introspector, read) = ReleaseAfterRead::new(introspector);
    let service = SnapshotService::new(introspector, renderer, store, options(settings));
    let mode = settings.mode;
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(move || generate(service, mode));
        // Returns once the catalogue is read (or the run failed before): the throwaway
        // cluster stops while the diagrams render. Its guard is !Send, so it stops here.
        let _ = read.recv();
        drop(cluster);
        worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    let (generated, outcome) = result.map_err(|error| match error {
        SnapshotServiceError::Group(source) => SnapshotRunError::Group {
            path: settings.groups_file.clone(),
            source,
        },
        other => SnapshotRunError::Snapshots(other),
    })?;
    timings.introspect = generated.timings.introspect;
    timings.mermaid = generated.timings.mermaid;
    timings.svg = generated.timings.svg + renderer_setup;
    timings.dictionary = generated.timings.dictionary;
    timings.write = generated.timings.store;
    timings.total = began.elapsed();
    log_summary(&timings, &outcome);
    Ok(SnapshotRun {
        outcome,
        notes: generated.notes,
        timings,
    })
}

fn options(settings: &SnapshotSettings) -> SnapshotOptions {
    let font_family = match &settings.renderer {
        RendererChoice::Merman {
            font: Some((_, family)),
        } => family.clone(),
        _ => EMBEDDED_FONT_FAMILY.to_owned(),
    };
    SnapshotOptions {
        schema: settings.schema.clone(),
        include_migrations_table: settings.include_migrations_table,
        groups: settings.groups.clone(),
        format: settings.format,
        font_family,
    }
}

fn log_summary(timings: &PhaseTimings, outcome: &SnapshotOutcome) {
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    let optional = |duration: Option<Duration>| duration.map(ms);
    let outcome = match outcome {
        SnapshotOutcome::Written { .. } => "written",
        SnapshotOutcome::UpToDate { .. } => "up to date",
        SnapshotOutcome::Drift(_) => "drift",
    };
    tracing::info!(
        outcome,
        cluster_start_ms = optional(timings.cluster_start),
        migrate_ms = optional(timings.migrate),
        introspect_ms = ms(timings.introspect),
        mermaid_ms = ms(timings.mermaid),
        svg_ms = ms(timings.svg),
        dictionary_ms = ms(timings.dictionary),
        write_ms = ms(timings.write),
        total_ms = ms(timings.total),
        "er-snapshots finished"
    );
}

type Service = SnapshotService<
    ReleaseAfterRead<DieselSchemaIntrospector>,
    Box<dyn DiagramRenderer + Send>,
    SnapshotDirectory,
>;

/// Generates the set and checks or replaces the stored one, as `mode` says.
fn generate(
    mut service: Service,
    mode: SnapshotMode,
) -> Result<(Generated, SnapshotOutcome), SnapshotServiceError> {
    match mode {
        SnapshotMode::Check => service.check().map(|(generated, drift)| {
            let outcome = if drift.is_clean() {
                SnapshotOutcome::UpToDate {
                    files: generated.snapshots.len(),
                }
            } else {
                SnapshotOutcome::Drift(drift)
            };
            (generated, outcome)
        }),
        SnapshotMode::Write => service.write().map(|(generated, report)| {
            let files = generated
                .snapshots
                .iter()
                .map(|(name, bytes)| (name.to_owned(), bytes.len()))
                .collect();
            (generated, SnapshotOutcome::Written { files, report })
        }),
    }
}

/// The introspector for the settings' source and, for migrations, the cluster behind it.
fn open_schema(
    settings: &SnapshotSettings,
    timings: &mut PhaseTimings,
) -> Result<(DieselSchemaIntrospector, Option<EmbeddedCluster>), SnapshotRunError> {
    match &settings.source {
        SchemaSource::Database(url) => Ok((DieselSchemaIntrospector::new(connect(url)?), None)),
        SchemaSource::Migrations(dir) => {
            let migrations = Migrations::open(dir)?;
            let provisioned = provision(
                &DatabaseSource::Embedded(EmbeddedOptions::throwaway()),
                &migrations,
            )?;
            timings.cluster_start = provisioned.cluster_started_in();
            timings.migrate = Some(provisioned.database.migrated_in);
            Ok((
                DieselSchemaIntrospector::new(provisioned.database.connection),
                provisioned.cluster,
            ))
        }
    }
}
