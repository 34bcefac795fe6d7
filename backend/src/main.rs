//! `backend`: the Wildside server. Thin: settings -> telemetry -> start-up.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match backend::config::load() {
        Ok(_settings) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "backend: error: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
