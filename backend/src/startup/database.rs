//! The server's migrated database, from the one provisioning path, kept on a thread of its
//! own: an embedded cluster must stay on the thread that started it (its guard is `!Send`) and
//! starts its own runtime, so it cannot live on the server's.

use std::sync::mpsc;
use std::thread::JoinHandle;

use super::server::StartupError;
use crate::config::{DatabaseSettings, DatabaseTarget, EmbeddedStorage, Settings};
use crate::outbound::cluster_password;
use crate::outbound::embedded_postgres::{
    DATA_DIR_ENV, EmbeddedOptions, PASSWORD_ENV, data_dir_in_environment,
};
use crate::outbound::persistence::database_url::DatabaseUrl;
use crate::outbound::persistence::migrations::Migrations;
use crate::outbound::provision::{self, DatabaseSource, ProvisionError};
use crate::shutdown::StopSignals;

/// A migrated database; for an embedded source, the cluster runs until [`Database::stop`]
/// (or drop).
pub struct Database {
    url: DatabaseUrl,
    keeper: Keeper,
}

impl Database {
    /// The database's URL (its password masked when shown).
    pub const fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// Stops the embedded cluster, if any, and waits until it has stopped.
    pub async fn stop(self) {
        let Self { keeper, .. } = self;
        let embedded = keeper.embedded;
        // Joining blocks; do it off the async runtime.
        let _ = tokio::task::spawn_blocking(move || drop(keeper)).await;
        if embedded {
            tracing::info!("embedded PostgreSQL stopped");
        }
    }
}

// Owns the database thread: dropping it tells the thread to stop the cluster and waits.
struct Keeper {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    embedded: bool,
}

impl Drop for Keeper {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Started {
    url: DatabaseUrl,
    applied: Option<Vec<String>>,
}

/// Gets the migrated database the settings name, answering a stop signal while it starts.
///
/// # Errors
/// [`StartupError::Database`] when the cluster cannot start or the database cannot be reached
/// or migrated; [`StartupError::Interrupted`] on SIGINT/SIGTERM (the cluster is then stopped).
pub async fn start_database(
    settings: &DatabaseSettings,
    signals: &mut StopSignals,
) -> Result<Database, StartupError> {
    let source = source(&settings.target);
    let embedded = matches!(source, DatabaseSource::Embedded(_));
    let migrate = settings.run_migrations;
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("database".to_owned())
        .spawn(move || keep(&source, migrate, started_tx, &stop_rx))?;
    let keeper = Keeper {
        stop: Some(stop_tx),
        thread: Some(thread),
        embedded,
    };
    tokio::select! {
        started = started_rx => {
            let Started { url, applied } = started
                .map_err(|_| std::io::Error::other("the database thread ended unexpectedly"))??;
            match applied {
                Some(applied) if applied.is_empty() => {
                    tracing::info!(database = %url, applied = 0, "migrations up to date");
                }
                Some(applied) => tracing::info!(
                    database = %url,
                    applied = applied.len(),
                    versions = %applied.join(","),
                    "migrations applied"
                ),
                None => tracing::info!(database = %url, "migrations not run (run_migrations = false)"),
            }
            Ok(Database { url, keeper })
        }
        signal = signals.recv() => {
            tracing::warn!(signal, "stop signal while the database starts; stopping");
            let _ = tokio::task::spawn_blocking(move || drop(keeper)).await;
            Err(StartupError::Interrupted { signal, during: "database start" })
        }
    }
}

fn source(target: &DatabaseTarget) -> DatabaseSource {
    match target {
        DatabaseTarget::External(url) => DatabaseSource::Url(url.value.clone()),
        DatabaseTarget::Embedded(EmbeddedStorage::Ephemeral) => {
            DatabaseSource::Embedded(EmbeddedOptions::throwaway())
        }
        DatabaseTarget::Embedded(EmbeddedStorage::Persistent(dir)) => DatabaseSource::Embedded(
            EmbeddedOptions::persistent(std::path::absolute(dir).unwrap_or_else(|_| dir.clone())),
        ),
    }
}

// The database thread: provision, report, then hold the cluster until told to stop.
fn keep(
    source: &DatabaseSource,
    migrate: bool,
    started: tokio::sync::oneshot::Sender<Result<Started, ProvisionError>>,
    stop: &mpsc::Receiver<()>,
) {
    let provisioned = if migrate {
        provision::provision(source, &Migrations::embedded())
    } else {
        provision::provision_unmigrated(source)
    };
    match provisioned {
        Ok(provisioned) => {
            let url = provisioned.database.url.clone();
            let applied = migrate.then(|| provisioned.database.applied.clone());
            let cluster = provisioned.cluster;
            drop(provisioned.database.connection);
            let _ = started.send(Ok(Started { url, applied }));
            // Returns when the server stops (or the Application is dropped).
            let _ = stop.recv();
            drop(cluster);
        }
        Err(err) => {
            let _ = started.send(Err(err));
        }
    }
}

/// For a persistent embedded cluster, replaces this process by itself with the data directory
/// in `PG_DATA_DIR` and the cluster's own superuser password in `PG_PASSWORD` (the one way
/// `pg-embed-setup-unpriv` takes them); returns at once otherwise, or when the process already
/// carries both.
///
/// The password lives in `<data dir>.password` (mode 0600), made once from `/dev/urandom`.
/// Without it the crate would reuse a password file shared by every cluster under the same
/// install root, which another cluster may have rewritten since.
///
/// # Errors
/// The I/O error when the directory or the password file cannot be made or read, or the
/// executable cannot be run again; the message names the file. Run as root, a
/// `PermissionDenied` naming the directory above the data directory that the unprivileged
/// worker cannot enter, and what to do.
pub fn reexec_with_data_dir(settings: &Settings) -> std::io::Result<()> {
    let DatabaseTarget::Embedded(EmbeddedStorage::Persistent(dir)) = &settings.database.target
    else {
        return Ok(());
    };
    std::fs::create_dir_all(dir.parent().unwrap_or(dir))?;
    let dir = std::path::absolute(dir)?;
    let has_password = std::env::var_os(PASSWORD_ENV).is_some();
    if data_dir_in_environment(&dir) && has_password {
        return Ok(());
    }
    if super::process_uid() == Some(0) {
        worker_can_reach(&dir)?;
    }
    let password = if has_password {
        None
    } else {
        let mut file = dir.clone().into_os_string();
        file.push(".password");
        Some(cluster_password::read_or_create(std::path::Path::new(
            &file,
        ))?)
    };
    let mut vars = vec![(DATA_DIR_ENV, dir.as_os_str())];
    if let Some(password) = &password {
        vars.push((PASSWORD_ENV, std::ffi::OsStr::new(password)));
    }
    tracing::debug!(data_dir = %dir.display(), "re-executing with {DATA_DIR_ENV} set");
    Err(super::exec_self_with(&vars))
}

/// The user `pg-embed-setup-unpriv`'s worker runs PostgreSQL as when started by root
/// (Debian's `nobody`).
const WORKER_UID: u32 = 65_534;

// As root the cluster runs as `nobody`, which must be able to enter every directory above the
// data directory; otherwise `initdb` fails deep inside the worker with a message that points at
// the binary cache instead.
fn worker_can_reach(dir: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    for ancestor in dir.ancestors().skip(1) {
        let Ok(meta) = std::fs::metadata(ancestor) else {
            continue;
        };
        let enterable =
            meta.mode() & 0o001 != 0 || (meta.uid() == WORKER_UID && meta.mode() & 0o100 != 0);
        if !enterable {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!(
                    "data directory {}: run as root, PostgreSQL runs as the unprivileged user \
                     `nobody`, which cannot enter {} (mode {:o}); choose a data directory it can \
                     reach with --data-dir or BACKEND_DATA_DIR (for example \
                     /var/tmp/wildside-pg-data), or let it in with `chmod o+x {}`",
                    dir.display(),
                    ancestor.display(),
                    meta.mode() & 0o7777,
                    ancestor.display()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use rstest::rstest;

    use super::worker_can_reach;

    #[rstest]
    fn a_directory_the_worker_cannot_enter_is_named_with_the_fix() {
        let private = tempfile::tempdir().expect("tempdir");
        std::fs::set_permissions(private.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod");
        let data = private.path().join("checkout/.wildside/pg-data");
        let err = worker_can_reach(&data).expect_err("0700 is closed to nobody");
        let message = err.to_string();
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
        assert!(
            message.contains(&format!(
                "cannot enter {} (mode 700)",
                private.path().display()
            )) && message.contains("BACKEND_DATA_DIR")
                && message.contains(&format!("chmod o+x {}", private.path().display())),
            "{message}"
        );
        std::fs::set_permissions(private.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        worker_can_reach(&data).expect("0755 lets it in");
    }
}
