//! Orchestration of one `er-snapshots` run: source schema, render everything, then check or write.
//!
//! Composition root for the command: picks adapters from the validated flags and times each phase.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection};

use super::args::{ErSnapshotsCommand, RendererChoice, SchemaSource};
use super::groups_file::{GroupsFileError, load_groups};
use crate::domain::er_diagram::{
    DATA_DICTIONARY_FILE, DIESEL_MIGRATIONS_TABLE, GroupError, SchemaGraph, SnapshotSet,
    assemble_snapshots, compare_snapshots, normalise, plan_diagrams, render_data_dictionary,
};
use crate::domain::ports::diagram_renderer::{DiagramRenderError, DiagramRenderer};
use crate::domain::ports::schema_introspector::{SchemaIntrospectionError, SchemaIntrospector};
use crate::domain::ports::snapshot_store::{SnapshotStore, SnapshotStoreError};
use crate::outbound::embedded_postgres::{EmbeddedCluster, EmbeddedPostgresError};
use crate::outbound::mermaid_svg::{EMBEDDED_FONT_FAMILY, MermanSvgRenderer};
use crate::outbound::mmdc::MmdcRenderer;
use crate::outbound::persistence::diesel_schema_introspector::DieselSchemaIntrospector;
use crate::outbound::persistence::migrations::{MigrationError, Migrations};
use crate::outbound::snapshot_files::SnapshotDirectory;

/// Why a run failed; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The embedded cluster could not start or manage its temporary database.
    #[error(transparent)]
    Cluster(#[from] EmbeddedPostgresError),
    /// The migrations could not be read or applied.
    #[error(transparent)]
    Migrations(#[from] MigrationError),
    /// Connecting to the temporary database failed.
    #[error("could not connect to the temporary database {database}")]
    Connect {
        /// Database name.
        database: String,
        /// Underlying cause.
        #[source]
        source: diesel::ConnectionError,
    },
    /// Introspection failed.
    #[error(transparent)]
    Introspection(#[from] SchemaIntrospectionError),
    /// The groups config is unusable.
    #[error(transparent)]
    GroupsFile(#[from] GroupsFileError),
    /// A group of the groups file does not fit the schema.
    #[error("groups file {path} does not fit the schema")]
    Group {
        /// The groups file.
        path: PathBuf,
        /// Underlying cause.
        #[source]
        source: GroupError,
    },
    /// Rendering failed.
    #[error(transparent)]
    Render(#[from] DiagramRenderError),
    /// Reading or writing the artefacts failed.
    #[error(transparent)]
    Store(#[from] SnapshotStoreError),
    /// Printing the report failed.
    #[error("could not print the report")]
    Output(#[source] std::io::Error),
}

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    /// Artefacts written (or already identical).
    Written,
    /// `--check`: disk matches.
    UpToDate,
    /// `--check`: disk differs; the diff was printed.
    Drift,
}

/// Wall time of each phase, for `--verbose` and the benchmark.
#[derive(Debug, Default)]
struct Timings(Vec<(&'static str, Duration)>);

impl Timings {
    fn time<T>(&mut self, phase: &'static str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = work();
        self.0.push((phase, started.elapsed()));
        value
    }
}

/// Runs the command, printing one summary line per file to `out`.
///
/// # Errors
///
/// [`RunError`] for any failure; previous artefacts are then left byte-for-byte intact.
pub fn run(command: &ErSnapshotsCommand, out: &mut dyn Write) -> Result<RunOutcome, RunError> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let graph = load_schema(command, &mut timings)?;
    let excluded: &[&str] = if command.include_migrations_table {
        &[]
    } else {
        &[DIESEL_MIGRATIONS_TABLE]
    };
    let schema = normalise(graph.without_tables(excluded));
    let groups = load_groups(&command.groups)?;
    let font_family = match &command.renderer {
        RendererChoice::Merman {
            font: Some((_, family)),
        } => family.clone(),
        _ => EMBEDDED_FONT_FAMILY.to_owned(),
    };
    let diagrams = timings
        .time("mermaid", || {
            plan_diagrams(&schema, &groups, Some(&font_family))
        })
        .map_err(|source| RunError::Group {
            path: command.groups.path().to_path_buf(),
            source,
        })?;
    for note in diagrams
        .iter()
        .filter_map(|diagram| diagram.note.as_deref())
    {
        print_line(out, &format!("note: {note}"))?;
    }
    let mut snapshots = timings.time("svg", || -> Result<SnapshotSet, RunError> {
        let renderer = build_renderer(&command.renderer, command.format.writes_svg())?;
        Ok(assemble_snapshots(
            &diagrams,
            command.format,
            renderer.as_ref(),
        )?)
    })?;
    let dictionary = timings.time("dictionary", || {
        render_data_dictionary(&schema, &command.schema)
    });
    snapshots.insert(DATA_DICTIONARY_FILE, dictionary);
    let store = SnapshotDirectory::new(&command.output_dir);
    let outcome = timings.time("write", || report(command, &store, &snapshots, out))?;
    if command.verbose {
        for (phase, elapsed) in &timings.0 {
            print_line(out, &format!("timing {phase} {:.1} ms", millis(*elapsed)))?;
        }
        print_line(
            out,
            &format!("timing total {:.1} ms", millis(started.elapsed())),
        )?;
    }
    Ok(outcome)
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn print_line(out: &mut dyn Write, line: &str) -> Result<(), RunError> {
    writeln!(out, "{line}").map_err(RunError::Output)
}

fn load_schema(
    command: &ErSnapshotsCommand,
    timings: &mut Timings,
) -> Result<SchemaGraph, RunError> {
    match &command.source {
        SchemaSource::Database(url) => {
            let mut introspector = DieselSchemaIntrospector::connect(url, &command.schema)?;
            Ok(timings.time("introspect", || introspector.introspect(&command.schema))?)
        }
        SchemaSource::Migrations(dir) => {
            let migrations = Migrations::open(dir)?;
            let cluster = timings.time("cluster-start", EmbeddedCluster::start)?;
            let database = format!("er_snapshots_{}", std::process::id());
            cluster.create_database(&database)?;
            let graph = introspect_migrated(&cluster, &database, &migrations, command, timings);
            let dropped = cluster.drop_database(&database);
            let graph = graph?;
            dropped?;
            Ok(graph)
        }
    }
}

fn introspect_migrated(
    cluster: &EmbeddedCluster,
    database: &str,
    migrations: &Migrations,
    command: &ErSnapshotsCommand,
    timings: &mut Timings,
) -> Result<SchemaGraph, RunError> {
    let mut conn = PgConnection::establish(&cluster.database_url(database)).map_err(|source| {
        RunError::Connect {
            database: database.to_owned(),
            source,
        }
    })?;
    timings.time("migrate", || migrations.run_pending(&mut conn))?;
    let mut introspector = DieselSchemaIntrospector::new(conn);
    Ok(timings.time("introspect", || introspector.introspect(&command.schema))?)
}

/// Stands in when `--format mermaid` asks for no SVG; never called in that case.
struct NoSvg;

impl DiagramRenderer for NoSvg {
    fn render_svg(&self, diagram: &str, _: &str) -> Result<String, DiagramRenderError> {
        Err(DiagramRenderError::failed(
            "none",
            diagram,
            "SVG output was not requested",
        ))
    }
}

fn build_renderer(
    choice: &RendererChoice,
    needed: bool,
) -> Result<Box<dyn DiagramRenderer>, DiagramRenderError> {
    Ok(match choice {
        // Loading a font or finding a binary only matters when SVGs are drawn.
        _ if !needed => Box::new(NoSvg),
        RendererChoice::Merman { font: None } => Box::new(MermanSvgRenderer::with_embedded_font()?),
        RendererChoice::Merman {
            font: Some((path, _)),
        } => Box::new(MermanSvgRenderer::with_font_file(path)?),
        RendererChoice::Mmdc {
            program,
            puppeteer_config,
        } => {
            let renderer = MmdcRenderer::new(program);
            Box::new(match puppeteer_config {
                Some(config) => renderer.with_puppeteer_config(config),
                None => renderer,
            })
        }
    })
}

fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

fn report(
    command: &ErSnapshotsCommand,
    store: &SnapshotDirectory,
    snapshots: &SnapshotSet,
    out: &mut dyn Write,
) -> Result<RunOutcome, RunError> {
    let dir = shown(store.path());
    if command.check {
        let drift = compare_snapshots(snapshots, &store.load()?);
        if drift.is_clean() {
            print_line(
                out,
                &format!(
                    "er-snapshots: {} files in {dir} are up to date",
                    snapshots.len()
                ),
            )?;
            return Ok(RunOutcome::UpToDate);
        }
        write!(out, "{}", drift.report).map_err(RunError::Output)?;
        print_line(
            out,
            &format!(
                "er-snapshots: {} of the files in {dir} are out of date; run `make er-snapshots`",
                drift.entries.len()
            ),
        )?;
        return Ok(RunOutcome::Drift);
    }
    let replaced = store.replace(snapshots)?;
    for (name, bytes) in snapshots.iter() {
        let verb = if replaced.written.iter().any(|written| written == name) {
            "wrote"
        } else {
            "unchanged"
        };
        print_line(out, &format!("{verb} {dir}/{name} ({} bytes)", bytes.len()))?;
    }
    for name in &replaced.removed {
        print_line(out, &format!("removed stale {dir}/{name}"))?;
    }
    Ok(RunOutcome::Written)
}
