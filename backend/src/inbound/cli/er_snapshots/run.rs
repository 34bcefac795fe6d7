//! One `er-snapshots` run as the command line sees it: load the groups file, hand the
//! settings to the composition root, print one line per file.

use std::io::Write;
use std::path::Path;

use super::args::ErSnapshotsCommand;
use super::groups_file::{GroupsFileError, load_groups};
use crate::startup::er_snapshots::{self, SnapshotOutcome, SnapshotRunError, SnapshotSettings};

/// Why a run failed; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The groups config is unusable.
    #[error(transparent)]
    GroupsFile(#[from] GroupsFileError),
    /// Generating, checking or writing the snapshots failed.
    #[error(transparent)]
    Snapshots(#[from] SnapshotRunError),
    /// Printing the report failed.
    #[error("could not print the report")]
    Output(#[source] std::io::Error),
}

impl RunError {
    /// Whether the reader of stdout went away (`er-snapshots | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Self::Output(error) if error.kind() == std::io::ErrorKind::BrokenPipe)
    }
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

/// The settings for the composition root; reads the groups file, so bad groups fail before
/// any database work.
///
/// # Errors
/// [`GroupsFileError`] naming the file.
pub fn settings(command: &ErSnapshotsCommand) -> Result<SnapshotSettings, GroupsFileError> {
    let groups = load_groups(&command.groups)?;
    Ok(SnapshotSettings {
        source: command.source.clone(),
        schema: command.schema.clone(),
        include_migrations_table: command.include_migrations_table,
        groups,
        groups_file: Some(command.groups.path().to_path_buf()),
        format: command.format,
        renderer: command.renderer.clone(),
        output_dir: command.output_dir.clone(),
        mode: command.mode,
    })
}

/// Runs the command, printing one summary line per file to `out`.
///
/// # Errors
///
/// [`RunError`] for any failure; previous artefacts are then left byte-for-byte intact.
pub fn run(command: &ErSnapshotsCommand, out: &mut dyn Write) -> Result<RunOutcome, RunError> {
    let settings = settings(command)?;
    let run = er_snapshots::run(&settings)?;
    for note in &run.notes {
        writeln!(out, "note: {note}").map_err(RunError::Output)?;
    }
    report(&shown(&command.output_dir), &run.outcome, out).map_err(RunError::Output)
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
    dir: &str,
    outcome: &SnapshotOutcome,
    out: &mut dyn Write,
) -> std::io::Result<RunOutcome> {
    match outcome {
        SnapshotOutcome::UpToDate { files } => {
            writeln!(out, "er-snapshots: {files} files in {dir} are up to date")?;
            Ok(RunOutcome::UpToDate)
        }
        SnapshotOutcome::Drift(drift) => {
            write!(out, "{}", drift.report)?;
            writeln!(
                out,
                "er-snapshots: {} of the files in {dir} are out of date; run `make er-snapshots`",
                drift.entries.len()
            )?;
            Ok(RunOutcome::Drift)
        }
        SnapshotOutcome::Written { files, report } => {
            for (name, size) in files {
                let verb = if report.written.iter().any(|written| written == name) {
                    "wrote"
                } else {
                    "unchanged"
                };
                writeln!(out, "{verb} {dir}/{name} ({size} bytes)")?;
            }
            for name in &report.removed {
                writeln!(out, "removed stale {dir}/{name}")?;
            }
            Ok(RunOutcome::Written)
        }
    }
}
