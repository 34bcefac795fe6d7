//! `example-data`: manage the named-seed registry and preview the users a seed generates.
//!
//! Errors go to stderr with their causes, and the process exits non-zero. A reader that
//! closes the output early (`| head`) ends the run quietly with status 0, as `ripgrep` does.

mod cli;
mod commands;
mod table;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let mut stdout = io::stdout().lock();
    match commands::run(&cli, &mut stdout).and_then(|()| Ok(stdout.flush()?)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether the failure is the reader of stdout having gone away. The binary writes only
/// stdout and files, and files do not fail this way.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}
