//! `backend`: the Wildside server. Thin: settings -> telemetry -> start-up -> serve until a
//! stop signal.
//!
//! Exit codes: 0 after an orderly stop (SIGINT/SIGTERM, also during start-up), 1 when
//! start-up fails (the message names the setting, step or seed), 2 for a malformed command
//! line.

use std::process::ExitCode;

use backend::config::{self, Settings};
use backend::startup::database::reexec_with_data_dir;
use backend::startup::server::{Application, StartupError};
use backend::telemetry;

fn main() -> ExitCode {
    let settings = match config::load() {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("backend: error: {err}");
            return ExitCode::from(err.exit_code());
        }
    };
    telemetry::init(settings.log_format, tracing::Level::INFO);
    // Only returns when the process already carries the embedded data directory.
    if let Err(err) = reexec_with_data_dir(&settings) {
        eprintln!("backend: error: {err}");
        return ExitCode::FAILURE;
    }
    match serve(settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.is_interrupted() => {
            tracing::info!("{err}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("backend: error: {}", error_chain(&err));
            ExitCode::FAILURE
        }
    }
}

fn serve(settings: Settings) -> Result<(), StartupError> {
    actix_web::rt::System::new().block_on(async move {
        Application::build(settings)
            .await?
            .run_until_stopped()
            .await
    })
}

fn error_chain(err: &dyn std::error::Error) -> String {
    backend::inbound::http::error::error_chain(err)
}
