//! `er-snapshots`: regenerate or check the ER diagram snapshots in `docs/diagrams/er/`.
//!
//! Exit codes: 0 written, up to date or reviewed, 1 drift under `--check`, 2 any error (nothing
//! written).

use std::process::ExitCode;

use anyhow::Context as _;
use backend::inbound::cli::er_snapshots::args::ErSnapshotsSubcommand;
use backend::inbound::cli::er_snapshots::review::{ReviewCommand, run_review};
use backend::inbound::cli::er_snapshots::{
    ErSnapshotsArgs, ErSnapshotsCommand, RunError, RunOutcome, run,
};
use backend::inbound::cli::workspace::workspace_root;
use backend::startup::cached_cluster;
use backend::startup::er_snapshots::SchemaSource;
use backend::telemetry::{self, LogFormat};
use clap::Parser as _;

fn main() -> ExitCode {
    if let Some(code) = cached_cluster::build_if_asked() {
        return code;
    }
    match try_main() {
        Ok(RunOutcome::Written | RunOutcome::UpToDate) => ExitCode::SUCCESS,
        Ok(RunOutcome::Drift) => ExitCode::from(1),
        // The reader closed the pipe (`| head`): stop quietly, as ripgrep does.
        Err(error)
            if error
                .downcast_ref::<RunError>()
                .is_some_and(RunError::is_broken_pipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("er-snapshots: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn try_main() -> anyhow::Result<RunOutcome> {
    let mut args = ErSnapshotsArgs::parse();
    let mut stdout = std::io::stdout().lock();
    if let Some(ErSnapshotsSubcommand::Review(review)) = args.subcommand.take() {
        telemetry::init(LogFormat::resolve(None)?, tracing::Level::WARN);
        let command = ReviewCommand::parse(review, workspace_root())?;
        cached_cluster::reexec_from_cache();
        run_review(&command, &mut stdout).with_context(|| {
            format!(
                "reviewing the schema change since {:?} failed",
                command.base.as_str()
            )
        })?;
        return Ok(RunOutcome::UpToDate);
    }
    let command = ErSnapshotsCommand::try_from(args)?;
    let level = if command.verbose {
        tracing::Level::INFO
    } else {
        tracing::Level::WARN
    };
    telemetry::init(LogFormat::resolve(command.log_format)?, level);
    if matches!(command.source, SchemaSource::Migrations(_)) {
        cached_cluster::reexec_from_cache();
    }
    run(&command, &mut stdout).with_context(|| {
        format!(
            "generating ER snapshots for {} failed; previous artefacts are unchanged",
            command.output_dir.display()
        )
    })
}
