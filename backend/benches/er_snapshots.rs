//! `make bench-er-snapshots`: wall time of `er-snapshots` as a whole and per phase (the data
//! dictionary is its own phase), and of `er-snapshots review --base HEAD`.
//!
//! Cold runs start their own cluster; `--database-url` runs reuse one already running; the
//! in-process row times introspection + Mermaid + SVG without process start. Where `mmdc` is on
//! `PATH` (or `MMDC` names it) its SVG phase is timed in the same run and shown as a ratio.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use backend::domain::er_diagram::{
    DIESEL_MIGRATIONS_TABLE, DiagramGroups, OutputFormat, SchemaName, assemble_snapshots,
    normalise, plan_diagrams,
};
use backend::domain::ports::schema_introspector::SchemaIntrospector;
use backend::inbound::cli::er_snapshots::args::GroupsSource;
use backend::inbound::cli::er_snapshots::groups_file::load_groups;
use backend::outbound::embedded_postgres::EmbeddedCluster;
use backend::outbound::mermaid_svg::{EMBEDDED_FONT_FAMILY, MermanSvgRenderer};
use backend::outbound::persistence::diesel_schema_introspector::DieselSchemaIntrospector;
use backend::outbound::persistence::migrations::{DEFAULT_MIGRATIONS_DIR, Migrations};
use diesel::{Connection, PgConnection};

const RUNS: usize = 7;
const PHASES: [&str; 8] = [
    "cluster-start",
    "migrate",
    "introspect",
    "mermaid",
    "svg",
    "dictionary",
    "write",
    "total",
];

/// Per-phase samples in milliseconds, plus the wall time of the whole process.
#[derive(Default)]
struct Samples(BTreeMap<&'static str, Vec<f64>>);

impl Samples {
    fn push(&mut self, phase: &'static str, millis: f64) {
        self.0.entry(phase).or_default().push(millis);
    }

    fn median(&self, phase: &str) -> Option<f64> {
        let mut values = self.0.get(phase)?.clone();
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied()
    }
}

fn output_dir() -> anyhow::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let groups = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diagrams/er/groups.toml");
    std::fs::copy(groups, dir.path().join("groups.toml"))?;
    Ok(dir)
}

/// Runs the command once in a fresh output directory and records its phases.
fn run_command(extra: &[&str], samples: &mut Samples) -> anyhow::Result<()> {
    let dir = output_dir()?;
    let began = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_er-snapshots"))
        .arg("--verbose")
        .arg("--output-dir")
        .arg(dir.path())
        .args(extra)
        .output()?;
    let wall = began.elapsed();
    anyhow::ensure!(
        output.status.success(),
        "er-snapshots failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    samples.push("wall", ms(wall));
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let mut words = line.split_whitespace();
        if let (Some("timing"), Some(phase), Some(value)) =
            (words.next(), words.next(), words.next())
            && let Some(phase) = PHASES.iter().find(|known| **known == phase)
        {
            samples.push(phase, value.parse()?);
        }
    }
    Ok(())
}

fn find_mmdc() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MMDC") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("mmdc"))
            .find(|candidate| candidate.is_file())
    })
}

fn main() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "er-snapshots benchmark: medians of {RUNS} runs (ms)")?;

    let mut cold = Samples::default();
    for _ in 0..RUNS {
        run_command(&[], &mut cold)?;
    }

    let cluster = EmbeddedCluster::start()?;
    cluster.create_database("bench_er_snapshots")?;
    let url = cluster.database_url("bench_er_snapshots");
    let mut conn = PgConnection::establish(&url)?;
    Migrations::open(DEFAULT_MIGRATIONS_DIR)?.run_pending(&mut conn)?;
    let mut warm = Samples::default();
    for _ in 0..RUNS {
        run_command(&["--database-url", &url], &mut warm)?;
    }

    let in_process = time_in_process(conn)?;
    let review = time_review()?;

    let mmdc = find_mmdc();
    let mut mmdc_samples = Samples::default();
    if let Some(program) = &mmdc {
        let program = program.display().to_string();
        let mut flags = vec![
            "--database-url",
            url.as_str(),
            "--renderer",
            "mmdc",
            "--mmdc",
            &program,
        ];
        let config = std::env::var("MMDC_PUPPETEER_CONFIG").unwrap_or_default();
        if !config.is_empty() {
            flags.extend(["--puppeteer-config", config.as_str()]);
        }
        for _ in 0..3 {
            run_command(&flags, &mut mmdc_samples)?;
        }
    }

    writeln!(
        out,
        "{:<16}{:>14}{:>16}",
        "phase", "cold command", "--database-url"
    )?;
    for phase in PHASES.iter().copied().chain(["wall"]) {
        let cell = |samples: &Samples| {
            samples
                .median(phase)
                .map_or_else(|| "-".to_owned(), |value| format!("{value:.1}"))
        };
        writeln!(out, "{phase:<16}{:>14}{:>16}", cell(&cold), cell(&warm))?;
    }
    writeln!(
        out,
        "in-process introspect+mermaid+svg: {in_process:.1} ms (target < 300 ms)"
    )?;
    writeln!(
        out,
        "review --base HEAD (both revisions migrated on one cold cluster): {review:.1} ms wall \
         (target < 3000 ms)"
    )?;
    let cold_wall = cold.median("wall").unwrap_or_default();
    writeln!(
        out,
        "cold command wall: {cold_wall:.1} ms (target < 5000 ms)"
    )?;
    match (mmdc_samples.median("svg"), warm.median("svg")) {
        (Some(mmdc_svg), Some(merman_svg)) => writeln!(
            out,
            "svg phase: mmdc {mmdc_svg:.1} ms vs merman {merman_svg:.1} ms: ratio {:.1}x",
            mmdc_svg / merman_svg
        )?,
        _ => writeln!(
            out,
            "svg phase: mmdc not installed (set MMDC or put mmdc on PATH)"
        )?,
    }
    Ok(())
}

/// Median wall time of `er-snapshots review --base HEAD`: git read, one cluster start, two
/// migrated databases, two introspections, diff and report.
fn time_review() -> anyhow::Result<f64> {
    let mut samples = Samples::default();
    for _ in 0..RUNS.min(5) {
        let began = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_er-snapshots"))
            .args(["review", "--base", "HEAD"])
            .output()?;
        anyhow::ensure!(
            output.status.success(),
            "er-snapshots review failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        samples.push("review", ms(began.elapsed()));
    }
    Ok(samples.median("review").unwrap_or_default())
}

/// Median of introspection + normalise + Mermaid + SVG over one open connection, in process.
fn time_in_process(conn: PgConnection) -> anyhow::Result<f64> {
    let schema = SchemaName::default();
    let groups: DiagramGroups = load_groups(&GroupsSource::Explicit(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diagrams/er/groups.toml"),
    ))?;
    let renderer = MermanSvgRenderer::with_embedded_font()?;
    let mut introspector = DieselSchemaIntrospector::new(conn);
    let mut samples = Samples::default();
    for _ in 0..RUNS {
        let began = Instant::now();
        let graph = introspector.introspect(&schema)?;
        let normalised = normalise(graph.without_tables(&[DIESEL_MIGRATIONS_TABLE]));
        let diagrams = plan_diagrams(&normalised, &groups, Some(EMBEDDED_FONT_FAMILY))?;
        let set = assemble_snapshots(&diagrams, OutputFormat::Both, &renderer)?;
        anyhow::ensure!(!set.is_empty(), "no snapshots");
        samples.push("total", ms(began.elapsed()));
    }
    Ok(samples.median("total").unwrap_or_default())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
