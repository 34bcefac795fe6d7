//! `make bench-seed`: rows per second of example-data seeding against `psql \copy` of the
//! same rows into the same tables, measured in the same run.
//!
//! Plans 100,000 users of the committed registry's first seed once, then per round applies
//! the plan to one fresh clone of the migrated template and loads CSV files of the same
//! rows with `psql \copy` (one transaction, marker included) into another, alternating
//! which goes first. Reports medians and the ratio seeding/COPY (target: at least 0.8).

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use backend::domain::example_data::{self, SeedName, SeedOutcome, SeedPlan, UserCount};
use backend::domain::ports::seed_registry::SeedRegistry as _;
use backend::outbound::embedded_postgres::{EmbeddedCluster, EmbeddedOptions};
use backend::outbound::example_data_registry::RegistryFile;
use backend::outbound::persistence::diesel_example_data_store::DieselExampleDataStore;
use backend::outbound::persistence::migrations::Migrations;
use diesel::{Connection, PgConnection};

const USERS: u64 = 100_000;
const ROUNDS: usize = 5;
const TEMPLATE: &str = "bench_seed_template";
const REGISTRY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/example-data/seeds.json"
);

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark read top to bottom: set-up, rounds, report"
)]
fn main() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let psql = std::env::var("PSQL").unwrap_or_else(|_| "psql".to_owned());
    let cluster = EmbeddedCluster::start(&EmbeddedOptions::throwaway())?;
    drop(
        cluster
            .server()
            .create_migrated(TEMPLATE, &Migrations::embedded())?,
    );

    let registry = RegistryFile::new(REGISTRY);
    let first = registry
        .load()?
        .seeds()
        .first()
        .map(|seed| seed.name().clone())
        .context("the committed registry has no seed")?;
    let began = Instant::now();
    let plan = example_data::plan(&registry, &first, Some(UserCount::try_from(USERS)?))?;
    let planned_in = began.elapsed();
    let counts = plan.counts();
    let rows = counts.users + counts.preferences + counts.interests + counts.descriptors + 1;

    let csv = tempfile::tempdir()?;
    let script = write_copy_files(&plan, csv.path())?;
    let overhead = median(
        &mut (0..ROUNDS)
            .map(|_| {
                time_psql(
                    &psql,
                    cluster.server().database_url(TEMPLATE).expose(),
                    "SELECT 1;\n",
                    csv.path(),
                )
            })
            .collect::<anyhow::Result<Vec<_>>>()?,
    );

    let (mut seeded, mut copied) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let seed_db = clone(&cluster, &format!("bench_seed_{round}"))?;
        let copy_db = clone(&cluster, &format!("bench_copy_{round}"))?;
        if round % 2 == 0 {
            seeded.push(seed(
                cluster.server().database_url(&seed_db).expose(),
                &plan,
                &first,
            )?);
            copied.push(time_psql(
                &psql,
                cluster.server().database_url(&copy_db).expose(),
                &script,
                csv.path(),
            )?);
        } else {
            copied.push(time_psql(
                &psql,
                cluster.server().database_url(&copy_db).expose(),
                &script,
                csv.path(),
            )?);
            seeded.push(seed(
                cluster.server().database_url(&seed_db).expose(),
                &plan,
                &first,
            )?);
        }
        cluster.server().drop_database(&seed_db)?;
        cluster.server().drop_database(&copy_db)?;
    }
    let (seed_median, copy_median) = (median(&mut seeded), median(&mut copied));
    let copy_net = copy_median.saturating_sub(overhead);
    // At most a few million rows: exact in an f64 through u32.
    let rate = |d: Duration| f64::from(u32::try_from(rows).unwrap_or(u32::MAX)) / d.as_secs_f64();
    writeln!(
        out,
        "seed `{first}` with {USERS} users: {rows} rows ({counts:?} + 1 marker)"
    )?;
    writeln!(out, "plan (generate + validate) {:>9.1} ms", ms(planned_in))?;
    writeln!(
        out,
        "seeding (apply)            {:>9.1} ms median of {ROUNDS}  {:>10.0} rows/s",
        ms(seed_median),
        rate(seed_median)
    )?;
    writeln!(
        out,
        "psql \\copy (baseline)      {:>9.1} ms median of {ROUNDS}  {:>10.0} rows/s",
        ms(copy_median),
        rate(copy_median)
    )?;
    writeln!(
        out,
        "psql start-up + connect    {:>9.1} ms median (`SELECT 1`)",
        ms(overhead)
    )?;
    writeln!(
        out,
        "psql \\copy minus start-up  {:>9.1} ms                {:>10.0} rows/s",
        ms(copy_net),
        rate(copy_net)
    )?;
    writeln!(
        out,
        "ratio seeding/COPY         {:>9.2} (target >= 0.80)",
        copy_median.as_secs_f64() / seed_median.as_secs_f64()
    )?;
    writeln!(
        out,
        "ratio seeding/COPY net     {:>9.2} (COPY without psql start-up)",
        copy_net.as_secs_f64() / seed_median.as_secs_f64()
    )?;
    writeln!(
        out,
        "ratio incl. planning       {:>9.2} (COPY net vs plan + apply)",
        copy_net.as_secs_f64() / (seed_median + planned_in).as_secs_f64()
    )?;
    Ok(())
}

fn clone(cluster: &EmbeddedCluster, name: &str) -> anyhow::Result<String> {
    cluster
        .server()
        .clone_database(name, TEMPLATE)
        .with_context(|| format!("cloning {TEMPLATE} into {name}"))?;
    Ok(name.to_owned())
}

fn seed(url: &str, plan: &SeedPlan, name: &SeedName) -> anyhow::Result<Duration> {
    let mut conn = PgConnection::establish(url)?;
    let began = Instant::now();
    let outcome = example_data::apply(&mut DieselExampleDataStore::new(&mut conn), plan)?;
    let took = began.elapsed();
    ensure!(
        matches!(outcome, SeedOutcome::Applied { .. }),
        "{name} was not applied: {outcome:?}"
    );
    Ok(took)
}

fn time_psql(psql: &str, url: &str, script: &str, dir: &Path) -> anyhow::Result<Duration> {
    let file = dir.join("script.sql");
    fs::write(&file, script)?;
    let began = Instant::now();
    let output = Command::new(psql)
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f"])
        .arg(&file)
        .arg(url)
        .output()
        .with_context(|| format!("running {psql} (set PSQL to a psql client)"))?;
    let took = began.elapsed();
    if !output.status.success() {
        bail!("psql failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(took)
}

/// Writes the plan's rows as CSV files and returns the psql script that loads them.
fn write_copy_files(plan: &SeedPlan, dir: &Path) -> anyhow::Result<String> {
    let ids = |ids: &mut dyn Iterator<Item = String>| {
        format!("{{{}}}", ids.collect::<Vec<_>>().join(","))
    };
    let mut themes = String::new();
    for t in plan.interest_themes() {
        writeln!(
            themes,
            "{},{},{}",
            t.id(),
            quote(t.slug().as_str()),
            quote(t.name().as_str())
        )?;
    }
    let mut toggles = String::new();
    for t in plan.safety_toggles() {
        writeln!(
            toggles,
            "{},{},{}",
            t.id(),
            quote(t.slug().as_str()),
            quote(t.name().as_str())
        )?;
    }
    let mut users = String::new();
    for u in plan.users() {
        writeln!(users, "{},{}", u.id(), quote(u.display_name().as_str()))?;
    }
    let mut prefs = String::new();
    for p in plan.preferences() {
        let themes = ids(&mut p.interest_theme_ids().iter().map(ToString::to_string));
        let toggles = ids(&mut p.safety_toggle_ids().iter().map(ToString::to_string));
        writeln!(
            prefs,
            "{},{},{},{},{}",
            p.user_id(),
            quote(&themes),
            quote(&toggles),
            p.unit_system(),
            p.revision().get()
        )?;
    }
    let mut follows = String::new();
    for f in plan.follows() {
        writeln!(follows, "{},{}", f.user_id, f.interest_theme_id)?;
    }
    let marker = plan.marker();
    let mut script = format!(
        "BEGIN;\nINSERT INTO example_data_runs (seed_key, seed, user_count, registry_digest) \
         VALUES ('{}', {}, {}, '{}');\n",
        marker.seed_key, marker.seed, marker.user_count, marker.registry_digest
    );
    for (table, columns, body) in [
        ("interest_themes", "id, slug, name", themes),
        ("safety_toggles", "id, slug, name", toggles),
        ("users", "id, display_name", users),
        (
            "user_preferences",
            "user_id, interest_theme_ids, safety_toggle_ids, unit_system, revision",
            prefs,
        ),
        (
            "user_interest_themes",
            "user_id, interest_theme_id",
            follows,
        ),
    ] {
        let file = dir.join(format!("{table}.csv"));
        fs::write(&file, body)?;
        writeln!(
            script,
            "\\copy {table} ({columns}) FROM '{}' WITH (FORMAT csv)",
            file.display()
        )?;
    }
    script.push_str("COMMIT;\n");
    Ok(script)
}

fn quote(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}
