//! Atomic file replacement: write a temporary file beside the target, fsync it, rename it
//! over the target, then fsync the directory so the rename itself is durable.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `contents` so readers see the old file or the new one, never a mix.
///
/// The new file keeps the old one's permissions when there is an old one.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".example-data-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    if let Ok(existing) = fs::metadata(path) {
        temp.as_file().set_permissions(existing.permissions())?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    sync_dir(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Directories cannot be opened for syncing here; the rename is still atomic.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    fn replaces_contents_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("seeds.json");
        fs::write(&path, "old\n").expect("seed file");
        write_atomic(&path, b"new\n").expect("written");
        assert_eq!(fs::read_to_string(&path).expect("readable"), "new\n");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("listable")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("seeds.json")]);
    }

    #[rstest]
    fn fails_without_touching_anything_when_the_directory_is_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("absent").join("seeds.json");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
