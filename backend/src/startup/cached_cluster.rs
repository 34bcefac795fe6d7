//! Starts a command's throwaway embedded cluster from the cached, once-initialised data
//! directory: the process re-executes itself with `PG_DATA_DIR` on a fresh copy of it (the one
//! way `pg-embed-setup-unpriv` takes a data directory), so `initdb` runs once per machine.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use thiserror::Error;

use crate::inbound::http::error::error_chain;
use crate::outbound::embedded_postgres::{
    CACHED_COPY_ENV, DATA_DIR_ENV, EmbeddedCluster, EmbeddedOptions, EmbeddedPostgresError,
    PASSWORD_ENV,
};
use crate::outbound::initdb_cache::{InitdbCache, InitdbCacheError};

/// Set to `off` to start every throwaway cluster with its own `initdb` (for measuring).
pub const CACHE_ENV: &str = "WILDSIDE_INITDB_CACHE";
/// Set in the child that initialises a template in `PG_DATA_DIR`.
const BUILD_ENV: &str = "WILDSIDE_INITDB_CACHE_BUILD";
const ROOT_ENV: &str = "PG_EMBED_ROOT";
const VERSION_ENV: &str = "PG_VERSION_REQ";

/// Why the cache could not be used; the command then starts without it.
#[derive(Debug, Error)]
pub enum CachedClusterError {
    /// Reading, installing or copying the template failed.
    #[error(transparent)]
    Cache(#[from] InitdbCacheError),
    /// This executable could not be run again.
    #[error("could not run {} to initialise the template", .program.display())]
    Spawn {
        /// The executable.
        program: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The child initialising the template failed.
    #[error("initialising the template {} failed ({status}): {stderr}", .dir.display())]
    Build {
        /// The staging directory.
        dir: PathBuf,
        /// How the child ended.
        status: std::process::ExitStatus,
        /// The end of its standard error.
        stderr: String,
    },
    /// The template vanished between install and use (removed by hand).
    #[error("the template {} is not usable after installing it", .dir.display())]
    Vanished {
        /// The template directory.
        dir: PathBuf,
    },
}

/// In the child [`reexec_from_cache`] spawns, initialises the template in `PG_DATA_DIR` and
/// returns the exit code; `None` in any other process. Call it first in `main`.
pub fn build_if_asked() -> Option<ExitCode> {
    let dir = std::env::var_os(BUILD_ENV).and(std::env::var_os(DATA_DIR_ENV))?;
    Some(match initialise(Path::new(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("initdb cache: {}", error_chain(&err));
            ExitCode::FAILURE
        }
    })
}

// Starting and stopping a cluster on the directory runs `initdb` there and leaves it cleanly
// shut down; the persistent options keep it on stop.
fn initialise(dir: &Path) -> Result<(), EmbeddedPostgresError> {
    EmbeddedCluster::start(&EmbeddedOptions::persistent(dir.to_path_buf())).map(drop)
}

/// For a command about to start a throwaway cluster: replaces this process by itself running
/// on a fresh copy of the cached data directory (initialising the template first if there is
/// none); returns when the process already runs on a copy or an explicit `PG_DATA_DIR`, when
/// `WILDSIDE_INITDB_CACHE=off`, when `PG_VERSION_REQ` pins no exact version (`=17.10.0`, as
/// the Makefile does), or when the cache cannot be used (logged as a warning; the command then
/// runs `initdb` itself).
pub fn reexec_from_cache() {
    if let Some(copy) = std::env::var_os(CACHED_COPY_ENV) {
        tracing::info!(
            data_dir = %Path::new(&copy).display(),
            "embedded PostgreSQL starts from a copy of the cached data directory"
        );
        return;
    }
    if std::env::var_os(DATA_DIR_ENV).is_some()
        || std::env::var(CACHE_ENV).is_ok_and(|value| value == "off")
    {
        return;
    }
    // A template only fits the major version that made it, so only a pinned version keys one.
    let Some(version) = std::env::var(VERSION_ENV)
        .ok()
        .filter(|version| version.starts_with('='))
    else {
        tracing::debug!("{VERSION_ENV} pins no exact version; not using the initdb cache");
        return;
    };
    let Some(root) = embed_root() else {
        return;
    };
    let cache = InitdbCache::under_root(&root, &version);
    let (copy, password) = match prepare(&cache) {
        Ok(prepared) => prepared,
        Err(err) => {
            tracing::warn!(
                template = %cache.template().display(),
                error = %error_chain(&err),
                "not using the cached data directory; running initdb"
            );
            return;
        }
    };
    let err = super::exec_self_with(&[
        (DATA_DIR_ENV, copy.as_os_str()),
        (PASSWORD_ENV, OsStr::new(&password)),
        (CACHED_COPY_ENV, copy.as_os_str()),
    ]);
    let _ = std::fs::remove_dir_all(&copy);
    tracing::warn!(error = %err, "could not re-execute on the cached data directory; running initdb");
}

fn prepare(cache: &InitdbCache) -> Result<(PathBuf, String), CachedClusterError> {
    let password = match cache.ready() {
        Some(password) => password,
        None => build_template(cache)?,
    };
    Ok((cache.copy_for_run()?, password))
}

fn build_template(cache: &InitdbCache) -> Result<String, CachedClusterError> {
    let began = Instant::now();
    let (staging, password) = cache.staging()?;
    if let Err(err) = run_builder(&staging, &password) {
        // A half-initialised directory is useless; the error says why it is there.
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    cache.install(&staging, &password)?;
    // Another run may have installed its template first; use whichever won.
    let password = cache.ready().ok_or_else(|| CachedClusterError::Vanished {
        dir: cache.template().to_path_buf(),
    })?;
    tracing::info!(
        template = %cache.template().display(),
        took_ms = began.elapsed().as_millis(),
        "initialised the cached data directory"
    );
    Ok(password)
}

fn run_builder(staging: &Path, password: &str) -> Result<(), CachedClusterError> {
    let program = std::env::current_exe().map_err(|source| CachedClusterError::Spawn {
        program: PathBuf::from("current executable"),
        source,
    })?;
    let output = Command::new(&program)
        .env(BUILD_ENV, "1")
        .env(DATA_DIR_ENV, staging)
        .env(PASSWORD_ENV, password)
        .env_remove(CACHED_COPY_ENV)
        .stdin(Stdio::null())
        .output()
        .map_err(|source| CachedClusterError::Spawn {
            program: program.clone(),
            source,
        })?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
    Err(CachedClusterError::Build {
        dir: staging.to_path_buf(),
        status: output.status,
        stderr: tail.into_iter().rev().collect::<Vec<_>>().join(" | "),
    })
}

/// The root `pg-embed-setup-unpriv` works under: `PG_EMBED_ROOT`, else its per-user default.
fn embed_root() -> Option<PathBuf> {
    if let Some(root) = std::env::var_os(ROOT_ENV).filter(|root| !root.is_empty()) {
        return Some(PathBuf::from(root));
    }
    let uid = super::process_uid()?;
    let mut root = OsString::from("/var/tmp/pg-embed-");
    root.push(uid.to_string());
    Some(PathBuf::from(root))
}
