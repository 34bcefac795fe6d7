//! `make bench-er-snapshots`: wall time of `er-snapshots` as a whole and per phase (the data
//! dictionary is its own phase), and of `er-snapshots review --base HEAD`.
//!
//! Phases come from the report the composition root returns (in process, no stdout parsing).
//! Cold runs start their own cluster; `--database-url` runs reuse one already running; the
//! wall rows time the real binary as a child process: as shipped (its cluster starts from the
//! cached data directory) and with `WILDSIDE_INITDB_CACHE=off` (it runs `initdb`), alternated in
//! the same loop, plus one first run on a fresh root that initialises the template. Where `mmdc` is on `PATH` (or `MMDC`
//! names it) its SVG phase is timed in the same run and shown as a ratio.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use backend::domain::er_diagram::{OutputFormat, SchemaName};
use backend::inbound::cli::er_snapshots::args::GroupsSource;
use backend::inbound::cli::er_snapshots::groups_file::load_groups;
use backend::outbound::embedded_postgres::EmbeddedOptions;
use backend::outbound::persistence::migrations::Migrations;
use backend::outbound::provision::{DatabaseSource, provision};
use backend::startup::er_snapshots::{
    self, PhaseTimings, RendererChoice, SchemaSource, SnapshotMode, SnapshotSettings,
};

const RUNS: usize = 7;
const PHASES: [&str; 10] = [
    "cluster-start",
    "migrate",
    "introspect",
    "mermaid",
    "svg",
    "dictionary",
    "write",
    "total",
    "wall",
    "wall-no-cache",
];
const NO_CACHE: [(&str, &str); 1] = [("WILDSIDE_INITDB_CACHE", "off")];

/// Per-phase samples in milliseconds.
#[derive(Default)]
struct Samples(BTreeMap<&'static str, Vec<f64>>);

impl Samples {
    fn push(&mut self, phase: &'static str, duration: Duration) {
        self.0.entry(phase).or_default().push(ms(duration));
    }

    fn record(&mut self, timings: &PhaseTimings) {
        if let Some(took) = timings.cluster_start {
            self.push("cluster-start", took);
        }
        if let Some(took) = timings.migrate {
            self.push("migrate", took);
        }
        self.push("introspect", timings.introspect);
        self.push("mermaid", timings.mermaid);
        self.push("svg", timings.svg);
        self.push("dictionary", timings.dictionary);
        self.push("write", timings.write);
        self.push("total", timings.total);
        self.push(
            "in-process",
            timings.introspect + timings.mermaid + timings.svg,
        );
    }

    fn median(&self, phase: &str) -> Option<f64> {
        let mut values = self.0.get(phase)?.clone();
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied()
    }
}

fn groups_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diagrams/er/groups.toml")
}

fn settings(
    source: SchemaSource,
    renderer: RendererChoice,
    output: &Path,
) -> anyhow::Result<SnapshotSettings> {
    Ok(SnapshotSettings {
        source,
        schema: SchemaName::default(),
        include_migrations_table: false,
        groups: load_groups(&GroupsSource::Explicit(groups_file()))?,
        groups_file: Some(groups_file()),
        format: OutputFormat::Both,
        renderer,
        output_dir: output.to_path_buf(),
        mode: SnapshotMode::Write,
    })
}

/// Runs the pipeline once in process, in a fresh output directory, and records its phases.
fn run_in_process(
    source: &SchemaSource,
    renderer: &RendererChoice,
    samples: &mut Samples,
) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let run = er_snapshots::run(&settings(source.clone(), renderer.clone(), dir.path())?)?;
    samples.record(&run.timings);
    Ok(())
}

/// Runs the binary once in a fresh output directory and records its wall time as `row`.
fn run_binary(
    extra: &[&str],
    env: &[(&str, &str)],
    row: &'static str,
    samples: &mut Samples,
) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::copy(groups_file(), dir.path().join("groups.toml"))?;
    let began = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_er-snapshots"))
        .arg("--output-dir")
        .arg(dir.path())
        .args(extra)
        .envs(env.iter().copied())
        .output()?;
    let wall = began.elapsed();
    anyhow::ensure!(
        output.status.success(),
        "er-snapshots failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    samples.push(row, wall);
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
        samples.push("review", began.elapsed());
    }
    Ok(samples.median("review").unwrap_or_default())
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
    let merman = RendererChoice::Merman { font: None };

    // The first run on a machine initialises the template; later runs copy it.
    let mut first = Samples::default();
    let fresh_root = tempfile::tempdir()?;
    let root = fresh_root.path().display().to_string();
    run_binary(
        &[],
        &[("PG_EMBED_ROOT", root.as_str())],
        "first",
        &mut first,
    )?;
    run_binary(&[], &[], "warm-up", &mut first)?;

    let mut cold = Samples::default();
    let from_migrations =
        SchemaSource::Migrations(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations"));
    for _ in 0..RUNS {
        run_in_process(&from_migrations, &merman, &mut cold)?;
        run_binary(&[], &[], "wall", &mut cold)?;
        run_binary(&[], &NO_CACHE, "wall-no-cache", &mut cold)?;
    }

    let provisioned = provision(
        &DatabaseSource::Embedded(EmbeddedOptions::throwaway()),
        &Migrations::embedded(),
    )?;
    let url = provisioned.database.url.clone();
    let mut warm = Samples::default();
    for _ in 0..RUNS {
        run_in_process(&SchemaSource::Database(url.clone()), &merman, &mut warm)?;
        run_binary(&["--database-url", url.expose()], &[], "wall", &mut warm)?;
    }

    let review = time_review()?;

    let mut mmdc_samples = Samples::default();
    if let Some(program) = find_mmdc() {
        let config = std::env::var("MMDC_PUPPETEER_CONFIG").unwrap_or_default();
        let mmdc = RendererChoice::Mmdc {
            program,
            puppeteer_config: (!config.is_empty()).then(|| PathBuf::from(config)),
        };
        for _ in 0..3 {
            run_in_process(
                &SchemaSource::Database(url.clone()),
                &mmdc,
                &mut mmdc_samples,
            )?;
        }
    }

    writeln!(
        out,
        "{:<16}{:>14}{:>16}",
        "phase", "cold command", "--database-url"
    )?;
    for phase in PHASES {
        let cell = |samples: &Samples| {
            samples
                .median(phase)
                .map_or_else(|| "-".to_owned(), |value| format!("{value:.1}"))
        };
        writeln!(out, "{phase:<16}{:>14}{:>16}", cell(&cold), cell(&warm))?;
    }
    let in_process = warm.median("in-process").unwrap_or_default();
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
    let no_cache = cold.median("wall-no-cache").unwrap_or_default();
    writeln!(
        out,
        "cold command wall: {cold_wall:.1} ms from the cached data directory vs {no_cache:.1} ms \
         running initdb: ratio {:.2} (target < 1000 ms)",
        cold_wall / no_cache
    )?;
    writeln!(
        out,
        "first cold run on a fresh root (initialises the template): {:.1} ms",
        first.median("first").unwrap_or_default()
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

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
