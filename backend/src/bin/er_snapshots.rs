//! `er-snapshots`: regenerate or check the ER diagram snapshots in `docs/diagrams/er/`.
//!
//! Exit codes: 0 written, up to date or reviewed, 1 drift under `--check`, 2 any error (nothing
//! written).

use std::process::ExitCode;

use anyhow::Context as _;
use backend::inbound::cli::er_snapshots::args::{ErSnapshotsSubcommand, workspace_root};
use backend::inbound::cli::er_snapshots::review::{ReviewCommand, run_review};
use backend::inbound::cli::er_snapshots::{ErSnapshotsArgs, ErSnapshotsCommand, RunOutcome, run};
use clap::Parser as _;

fn main() -> ExitCode {
    match try_main() {
        Ok(RunOutcome::Written | RunOutcome::UpToDate) => ExitCode::SUCCESS,
        Ok(RunOutcome::Drift) => ExitCode::from(1),
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
        let command = ReviewCommand::parse(review, &workspace_root())?;
        run_review(&command, &mut stdout).with_context(|| {
            format!(
                "reviewing the schema change since {:?} failed",
                command.base.as_str()
            )
        })?;
        return Ok(RunOutcome::UpToDate);
    }
    let command = ErSnapshotsCommand::try_from(args)?;
    run(&command, &mut stdout).with_context(|| {
        format!(
            "generating ER snapshots for {} failed; previous artefacts are unchanged",
            command.output_dir.display()
        )
    })
}
