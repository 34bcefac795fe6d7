//! `example-data`: manage the named-seed registry and preview the users a seed generates.
//!
//! Errors go to stderr with their causes, and the process exits non-zero.

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
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
