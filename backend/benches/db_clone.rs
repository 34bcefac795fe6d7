//! `make bench-db-clone`: what a behaviour test pays for its own database.
//!
//! Starts one embedded cluster, migrates a template once, then times cloning it (the
//! per-test database) against creating an empty database in the same run, the baseline.

use std::io::Write;
use std::time::{Duration, Instant};

use backend::outbound::embedded_postgres::{EmbeddedCluster, EmbeddedOptions};
use backend::outbound::persistence::migrations::Migrations;

const RUNS: usize = 25;

fn main() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let cluster = EmbeddedCluster::start(&EmbeddedOptions::throwaway())?;
    writeln!(
        out,
        "cluster start        {:>8.1} ms",
        ms(cluster.started_in())
    )?;

    let began = Instant::now();
    drop(
        cluster
            .server()
            .create_migrated("bench_template", &Migrations::embedded())?,
    );
    writeln!(out, "migrate template     {:>8.1} ms", ms(began.elapsed()))?;

    let server = cluster.server();
    let mut clone = Vec::with_capacity(RUNS);
    let mut empty = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        let name = format!("bench_clone_{run}");
        let began = Instant::now();
        server.clone_database(&name, "bench_template")?;
        clone.push(began.elapsed());
        server.drop_database(&name)?;

        let name = format!("bench_empty_{run}");
        let began = Instant::now();
        server.create_database(&name)?;
        empty.push(began.elapsed());
        server.drop_database(&name)?;
    }
    let (clone_median, empty_median) = (median(&mut clone), median(&mut empty));
    writeln!(
        out,
        "clone template       {:>8.1} ms median of {RUNS} (p90 {:.1} ms)",
        ms(clone_median),
        ms(percentile(&clone, 90))
    )?;
    writeln!(
        out,
        "create empty (base)  {:>8.1} ms median of {RUNS} (p90 {:.1} ms)",
        ms(empty_median),
        ms(percentile(&empty, 90))
    )?;
    writeln!(
        out,
        "ratio clone/empty    {:>8.2}",
        clone_median.as_secs_f64() / empty_median.as_secs_f64()
    )?;
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}
