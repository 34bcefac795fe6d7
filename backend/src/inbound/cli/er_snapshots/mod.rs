//! The `er-snapshots` command: flags, groups file, orchestration and reporting.
//!
//! The binary only parses flags, calls [`run::run`] and maps the outcome to an exit code.

pub mod args;
pub mod groups_file;
pub mod review;
pub mod run;

pub use args::{ErSnapshotsArgs, ErSnapshotsCommand, InvalidArgument};
pub use run::{RunError, RunOutcome, run};
