//! `migrate-check`: applies the migrations (a directory given as the only argument, else the
//! embedded baseline) to a throwaway embedded `PostgreSQL`, reverts and re-applies them, and
//! prints each table (read through the schema introspector) with its column count.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use backend::startup::{cached_cluster, migrate_check};
use backend::telemetry::{self, LogFormat};

fn main() -> ExitCode {
    if let Some(code) = cached_cluster::build_if_asked() {
        return code;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "migrate-check: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    telemetry::init(LogFormat::resolve(None)?, tracing::Level::WARN);
    cached_cluster::reexec_from_cache();
    let report = migrate_check::run(std::env::args_os().nth(1).map(PathBuf::from))?;
    let mut out = std::io::stdout().lock();
    if let Some(took) = report.cluster_started_in {
        writeln!(out, "cluster started in {} ms", took.as_millis())?;
    }
    writeln!(
        out,
        "{} migrations applied, {} reverted, {} re-applied from {}",
        report.applied.len(),
        report.reverted.len(),
        report.reapplied.len(),
        report.origin
    )?;
    for table in &report.schema.tables {
        writeln!(
            out,
            "  {:<28} {:>2} columns",
            table.name,
            table.columns.len()
        )?;
    }
    writeln!(out, "{} tables", report.schema.tables.len())?;
    Ok(())
}
