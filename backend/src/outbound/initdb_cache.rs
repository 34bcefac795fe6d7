//! The cached, once-initialised data directory that throwaway embedded clusters start from, so
//! a cold `er-snapshots` skips `initdb`: where it lives, whether it is usable, how it is
//! installed (atomically, once) and copied for one run, and how dead runs' copies are swept.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use thiserror::Error;

use crate::outbound::cluster_password;

/// Inside the template: the superuser password it was initialised with (never copied).
const PASSWORD_FILE: &str = "wildside-superuser.password";
/// Files a data directory must hold to start without `initdb`.
const REQUIRED: [&str; 3] = ["PG_VERSION", "postgresql.conf", "global/pg_control"];
/// Left by a server that ran in the template; a copy must not inherit them.
const NOT_COPIED: [&str; 4] = [
    PASSWORD_FILE,
    "postmaster.pid",
    "postmaster.opts",
    "start.log",
];
const RUN_PREFIX: &str = "wildside-run-";
const STAGING_PREFIX: &str = "wildside-staging-";

/// A file-system step of the cache failed.
#[derive(Debug, Error)]
#[error("initdb cache: could not {action} {}", .path.display())]
pub struct InitdbCacheError {
    /// What was attempted.
    pub action: &'static str,
    /// The file or directory concerned.
    pub path: PathBuf,
    /// The I/O error.
    #[source]
    pub source: io::Error,
}

fn failed(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> InitdbCacheError {
    let path = path.to_path_buf();
    move |source| InitdbCacheError {
        action,
        path,
        source,
    }
}

/// The template for one `PostgreSQL` version under one `pg-embed-setup-unpriv` root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitdbCache {
    parent: PathBuf,
    template: PathBuf,
}

impl InitdbCache {
    /// The cache in `<root>/data`, beside the clusters `pg-embed-setup-unpriv` claims there (so
    /// the unprivileged worker can reach it), keyed by the version requirement.
    pub fn under_root(root: &Path, version_req: &str) -> Self {
        let key: String = version_req
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let parent = root.join("data");
        let template = parent.join(format!("wildside-initdb-{key}"));
        Self { parent, template }
    }

    /// The template directory.
    pub fn template(&self) -> &Path {
        &self.template
    }

    /// The template's password when it holds a complete data directory; `None` otherwise.
    pub fn ready(&self) -> Option<String> {
        if !REQUIRED
            .iter()
            .all(|file| self.template.join(file).is_file())
        {
            return None;
        }
        let password = fs::read_to_string(self.template.join(PASSWORD_FILE)).ok()?;
        Some(password.trim().to_owned()).filter(|password| !password.is_empty())
    }

    /// A fresh, not yet existing directory to initialise a template in (beside the template,
    /// so installing it is a rename), and a new password for it.
    ///
    /// # Errors
    /// When the parent cannot be made or `/dev/urandom` read.
    pub fn staging(&self) -> Result<(PathBuf, String), InitdbCacheError> {
        fs::create_dir_all(&self.parent).map_err(failed("create", &self.parent))?;
        let password =
            cluster_password::generate().map_err(failed("make a password for", &self.template))?;
        Ok((self.unique(STAGING_PREFIX), password))
    }

    /// Makes `staging`, initialised with `password`, the template, atomically; when another
    /// run installed one first, theirs is kept. `staging` is gone afterwards, whatever happens.
    ///
    /// # Errors
    /// When `staging` is incomplete or cannot be moved.
    pub fn install(&self, staging: &Path, password: &str) -> Result<(), InitdbCacheError> {
        let installed = self.try_install(staging, password);
        if staging.exists() {
            // Removing a leftover cannot fix anything the error does not already say.
            let _ = fs::remove_dir_all(staging);
        }
        installed
    }

    fn try_install(&self, staging: &Path, password: &str) -> Result<(), InitdbCacheError> {
        if let Some(missing) = REQUIRED.iter().find(|file| !staging.join(file).is_file()) {
            let path = staging.join(missing);
            return Err(failed("find", &path)(io::ErrorKind::NotFound.into()));
        }
        // The unprivileged worker that made `staging` removes each run's copy beside it, so it
        // must own the parent too (as it does when it creates the parent itself).
        let made_by = fs::metadata(staging).map_err(failed("read", staging))?;
        keep_owner(&made_by, &self.parent)?;
        // Written after initdb, which wants an empty directory.
        let file = staging.join(PASSWORD_FILE);
        cluster_password::write_private(&file, password).map_err(failed("write", &file))?;
        match fs::rename(staging, &self.template) {
            Ok(()) => Ok(()),
            Err(_) if self.ready().is_some() => Ok(()),
            Err(source) => Err(failed("install", &self.template)(source)),
        }
    }

    /// Copies the template into a fresh directory for one run, with the owner and modes
    /// `PostgreSQL` demands; sweeps the copies of runs that died first.
    ///
    /// # Errors
    /// When the copy fails; the partial copy is then removed.
    pub fn copy_for_run(&self) -> Result<PathBuf, InitdbCacheError> {
        self.sweep_dead_runs();
        let dir = self.unique(RUN_PREFIX);
        copy_tree(&self.template, &dir).inspect_err(|_| {
            // Nothing half-made is left behind; the error already names what failed.
            let _ = fs::remove_dir_all(&dir);
        })?;
        Ok(dir)
    }

    /// Removes run copies and staging directories whose process is gone and whose server
    /// (if any) is no longer running.
    fn sweep_dead_runs(&self) {
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(pid) = owner_pid(&name.to_string_lossy()) else {
                continue;
            };
            let path = entry.path();
            if !alive(pid) && !server_running(&path) {
                match fs::remove_dir_all(&path) {
                    Ok(()) => tracing::info!(dir = %path.display(), "swept a dead run's copy"),
                    Err(err) => {
                        tracing::warn!(dir = %path.display(), error = %err, "could not sweep it");
                    }
                }
            }
        }
    }

    fn unique(&self, prefix: &str) -> PathBuf {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        self.parent
            .join(format!("{prefix}{}-{nanos}", std::process::id()))
    }
}

/// The process that made a run or staging directory, from its name.
fn owner_pid(name: &str) -> Option<u32> {
    let rest = name
        .strip_prefix(RUN_PREFIX)
        .or_else(|| name.strip_prefix(STAGING_PREFIX))?;
    rest.split('-').next()?.parse().ok()
}

fn alive(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

// A killed run can leave its server running in the copy; that copy is the server's until it
// stops.
fn server_running(dir: &Path) -> bool {
    fs::read_to_string(dir.join("postmaster.pid"))
        .ok()
        .and_then(|text| text.lines().next()?.trim().parse().ok())
        .is_some_and(alive)
}

/// Copies a directory tree, keeping each entry's mode and owner.
fn copy_tree(from: &Path, to: &Path) -> Result<(), InitdbCacheError> {
    let meta = fs::symlink_metadata(from).map_err(failed("read", from))?;
    fs::create_dir(to).map_err(failed("create", to))?;
    fs::set_permissions(to, meta.permissions()).map_err(failed("set the mode of", to))?;
    keep_owner(&meta, to)?;
    for entry in fs::read_dir(from).map_err(failed("list", from))? {
        let entry = entry.map_err(failed("list", from))?;
        let name = entry.file_name();
        if NOT_COPIED.iter().any(|skipped| name == *skipped) {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        let kind = entry.file_type().map_err(failed("read", &source))?;
        if kind.is_dir() {
            copy_tree(&source, &target)?;
        } else if kind.is_symlink() {
            let link = fs::read_link(&source).map_err(failed("read", &source))?;
            std::os::unix::fs::symlink(link, &target).map_err(failed("create", &target))?;
        } else {
            fs::copy(&source, &target).map_err(failed("copy", &source))?;
            let meta = entry.metadata().map_err(failed("read", &source))?;
            keep_owner(&meta, &target)?;
        }
    }
    Ok(())
}

// As root the template belongs to the unprivileged worker's user; so must the copy.
fn keep_owner(source: &fs::Metadata, target: &Path) -> Result<(), InitdbCacheError> {
    let made = fs::symlink_metadata(target).map_err(failed("read", target))?;
    if made.uid() == source.uid() && made.gid() == source.gid() {
        return Ok(());
    }
    std::os::unix::fs::lchown(target, Some(source.uid()), Some(source.gid()))
        .map_err(failed("set the owner of", target))
}

#[cfg(test)]
#[path = "initdb_cache_tests.rs"]
mod tests;
