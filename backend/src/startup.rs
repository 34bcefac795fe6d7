//! The composition root: turns validated settings into adapters and hands them to the domain.
//!
//! Inbound adapters (the CLIs, the HTTP server) call only this module and the domain; it is
//! the one place that names the outbound adapters.

pub mod cached_cluster;
pub mod database;
pub mod er_review;
pub mod er_snapshots;
pub mod migrate_check;
pub mod read_api;
pub mod release_after_read;
pub mod seeding;
pub mod server;

pub use crate::outbound::embedded_postgres::EmbeddedOptions;
pub use crate::outbound::persistence::database_url::{DatabaseUrl, DatabaseUrlError};
pub use crate::outbound::persistence::pool::DbPool;
pub use crate::outbound::provision::DatabaseSource;

/// Replaces this process by the same executable, with the same arguments and `vars` added to
/// its environment: how a data directory and password reach `pg-embed-setup-unpriv`, which
/// reads them only from the environment (and `unsafe_code` rules out `set_var`).
///
/// Returns only when the executable cannot be found or run, with that error.
pub(crate) fn exec_self_with(vars: &[(&str, &std::ffi::OsStr)]) -> std::io::Error {
    match std::env::current_exe() {
        Ok(program) => std::os::unix::process::CommandExt::exec(
            std::process::Command::new(program)
                .args(std::env::args_os().skip(1))
                .envs(vars.iter().copied()),
        ),
        Err(err) => err,
    }
}

/// This process's user id, read as the owner of `/proc/self` (no libc, no `unsafe`); `None`
/// without `/proc`.
pub(crate) fn process_uid() -> Option<u32> {
    std::fs::metadata("/proc/self")
        .ok()
        .map(|meta| std::os::unix::fs::MetadataExt::uid(&meta))
}
