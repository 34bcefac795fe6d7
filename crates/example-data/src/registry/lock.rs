//! An exclusive advisory lock for a registry's read-modify-write, so that concurrent writers
//! queue instead of losing each other's updates.
//!
//! The lock is taken on a lock file beside the registry (`seeds.json.lock`), not on the
//! registry itself: saving renames a new file over the registry, which would leave a lock on
//! the old file behind. The lock file stays after use; it is empty, and the operating system
//! releases the lock when the holder exits, however it exits. Deleting the file on release
//! would let two writers lock two different files of the same name.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use super::Registry;
use crate::error::RegistryError;

/// How often a waiting writer tries the lock again.
const RETRY_EVERY: Duration = Duration::from_millis(10);

/// A registry loaded under its exclusive lock; [`LockedRegistry::save`] writes it back and
/// releases the lock. Dropping it without saving releases the lock and leaves the file as
/// it was.
///
/// It dereferences to [`Registry`], so it is read and changed like one.
#[derive(Debug)]
pub struct LockedRegistry {
    registry: Registry,
    path: PathBuf,
    // Closing the file releases the lock.
    _lock: File,
}

impl LockedRegistry {
    pub(super) fn acquire(path: &Path, wait: Duration) -> Result<Self, RegistryError> {
        // A missing registry is reported as such, without leaving a lock file beside it.
        fs::metadata(path).map_err(|source| RegistryError::Read {
            path: path.to_owned(),
            source,
        })?;
        let lock_path = registry_lock_path(path);
        let lock = lock_file(path, &lock_path, wait)?;
        let registry = Registry::load(path)?;
        Ok(Self {
            registry,
            path: path.to_owned(),
            _lock: lock,
        })
    }

    /// The registry file this lock guards.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the registry back atomically, as [`Registry::save`], then releases the lock.
    ///
    /// # Errors
    ///
    /// As [`Registry::save`]; the file is untouched on error and the lock is released.
    pub fn save(self) -> Result<(), RegistryError> {
        self.registry.save(&self.path)
    }
}

impl Deref for LockedRegistry {
    type Target = Registry;

    fn deref(&self) -> &Registry {
        &self.registry
    }
}

impl DerefMut for LockedRegistry {
    fn deref_mut(&mut self) -> &mut Registry {
        &mut self.registry
    }
}

/// The lock file of the registry at `path`: its name with `.lock` appended.
pub fn registry_lock_path(path: &Path) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(".lock");
    PathBuf::from(name)
}

fn lock_file(path: &Path, lock_path: &Path, wait: Duration) -> Result<File, RegistryError> {
    let lock_error = |source| RegistryError::Lock {
        path: path.to_owned(),
        lock_path: lock_path.to_owned(),
        source,
    };
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)
        .map_err(lock_error)?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::Error(source)) => return Err(lock_error(source)),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                thread::sleep(RETRY_EVERY);
            }
            Err(TryLockError::WouldBlock) => {
                return Err(RegistryError::Locked {
                    path: path.to_owned(),
                    lock_path: lock_path.to_owned(),
                    waited: wait,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const SHORT: Duration = Duration::from_millis(50);

    fn registry_copy() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("seeds.json");
        fs::copy(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/registry.json"),
            &path,
        )
        .expect("fixture copied");
        (dir, path)
    }

    fn hold(path: &Path) -> File {
        let file = File::create(registry_lock_path(path)).expect("lock file");
        file.try_lock().expect("lock is free");
        file
    }

    #[rstest]
    fn the_lock_file_sits_beside_the_registry() {
        assert_eq!(
            registry_lock_path(Path::new("fixtures/seeds.json")),
            Path::new("fixtures/seeds.json.lock")
        );
    }

    #[rstest]
    fn a_held_lock_makes_a_writer_give_up_naming_the_lock_file() {
        let (_dir, path) = registry_copy();
        let _held = hold(&path);
        let err = Registry::load_locked(&path, SHORT).expect_err("lock is held");
        assert!(matches!(err, RegistryError::Locked { .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains(&*registry_lock_path(&path).to_string_lossy()),
            "{message}"
        );
    }

    #[rstest]
    fn the_lock_is_free_again_after_save_or_drop() {
        let (_dir, path) = registry_copy();
        let locked = Registry::load_locked(&path, SHORT).expect("free");
        locked.save().expect("saved");
        let locked = Registry::load_locked(&path, SHORT).expect("free after save");
        drop(locked);
        drop(hold(&path));
        assert!(
            registry_lock_path(&path).exists(),
            "the lock file stays for the next writer"
        );
    }

    #[rstest]
    fn a_missing_registry_leaves_no_lock_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("absent.json");
        let err = Registry::load_locked(&path, SHORT).expect_err("missing");
        assert!(matches!(err, RegistryError::Read { .. }), "{err:?}");
        assert!(!registry_lock_path(&path).exists());
    }

    #[rstest]
    fn an_unwritable_lock_location_is_named() {
        let (dir, path) = registry_copy();
        fs::create_dir(registry_lock_path(&path)).expect("a directory where the lock file goes");
        let err = Registry::load_locked(&path, SHORT).expect_err("cannot open");
        assert!(matches!(err, RegistryError::Lock { .. }), "{err:?}");
        drop(dir);
    }
}
