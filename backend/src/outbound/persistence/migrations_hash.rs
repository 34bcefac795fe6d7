//! The content hash of a migrations directory, shared with `build.rs` (which hashes the
//! embedded migrations at compile time) so both sources name a template the same way.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// A SHA-256 over every file's relative path and bytes, in sorted order.
///
/// # Errors
/// The path that could not be listed or read, with the I/O failure.
pub fn hash_migrations_dir(dir: &Path) -> Result<String, (PathBuf, std::io::Error)> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    let mut hasher = Sha256::new();
    for file in &files {
        let relative = file.strip_prefix(dir).unwrap_or(file);
        let bytes = fs::read(file).map_err(|source| (file.clone(), source))?;
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), (PathBuf, std::io::Error)> {
    let failed = |source| (dir.to_path_buf(), source);
    for entry in fs::read_dir(dir).map_err(failed)? {
        let path = entry.map_err(failed)?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
