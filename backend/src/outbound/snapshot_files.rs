//! Snapshot store over a directory: stage everything, fsync, then swap files in with rollback.
//!
//! Owns only `*.mmd`, `*.svg` and `schema.md` in the directory; other files (README, groups
//! config) stay.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::domain::er_diagram::SnapshotSet;
use crate::domain::er_diagram::snapshot::is_snapshot_file;
use crate::domain::ports::snapshot_store::{ReplaceReport, SnapshotStore, SnapshotStoreError};

const STAGING_PREFIX: &str = ".er-snapshots-staging-";

/// Snapshot files kept in one directory (created on first write).
#[derive(Debug, Clone)]
pub struct SnapshotDirectory {
    path: PathBuf,
}

impl SnapshotDirectory {
    /// A store over `path`; nothing is touched until [`SnapshotStore::replace`].
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn directory_error(&self, source: io::Error) -> SnapshotStoreError {
        SnapshotStoreError::Directory {
            path: self.path.clone(),
            source: Box::new(source),
        }
    }

    fn prepare_directory(&self) -> Result<(), SnapshotStoreError> {
        fs::create_dir_all(&self.path).map_err(|error| self.directory_error(error))?;
        // Leftovers of a killed run hold nothing that is not also in place or in the old set.
        for entry in fs::read_dir(&self.path).map_err(|error| self.directory_error(error))? {
            let entry = entry.map_err(|error| self.directory_error(error))?;
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with(STAGING_PREFIX)
            {
                fs::remove_dir_all(entry.path()).map_err(|error| self.directory_error(error))?;
            }
        }
        Ok(())
    }
}

fn file_error(action: &'static str, path: &Path, source: io::Error) -> SnapshotStoreError {
    SnapshotStoreError::File {
        action,
        path: path.to_path_buf(),
        source: Box::new(source),
    }
}

fn write_synced(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

fn sync_directory(path: &Path) -> io::Result<()> {
    File::open(path)?.sync_all()
}

impl SnapshotStore for SnapshotDirectory {
    fn load(&self) -> Result<SnapshotSet, SnapshotStoreError> {
        let mut set = SnapshotSet::default();
        let entries = match fs::read_dir(&self.path) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(set),
            Err(error) => return Err(self.directory_error(error)),
        };
        for entry in entries {
            let entry = entry.map_err(|error| self.directory_error(error))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if is_snapshot_file(&name) && path.is_file() {
                let bytes = fs::read(&path).map_err(|error| file_error("read", &path, error))?;
                set.insert(name, bytes);
            }
        }
        Ok(set)
    }

    fn replace(&self, set: &SnapshotSet) -> Result<ReplaceReport, SnapshotStoreError> {
        self.prepare_directory()?;
        let existing = self.load()?;
        let mut report = ReplaceReport::default();
        let staging = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(&self.path)
            .map_err(|error| self.directory_error(error))?;
        let (new_dir, old_dir) = (staging.path().join("new"), staging.path().join("old"));
        for dir in [&new_dir, &old_dir] {
            fs::create_dir(dir).map_err(|error| self.directory_error(error))?;
        }
        for (name, contents) in set.iter() {
            if existing.get(name) == Some(contents) {
                report.unchanged.push(name.to_owned());
                continue;
            }
            let staged = new_dir.join(name);
            write_synced(&staged, contents).map_err(|error| file_error("stage", &staged, error))?;
            report.written.push(name.to_owned());
        }
        report.removed = existing
            .iter()
            .map(|(name, _)| name.to_owned())
            .filter(|name| set.get(name).is_none())
            .collect();
        sync_directory(&new_dir).map_err(|error| self.directory_error(error))?;
        let mut swap = Swap::new(&self.path, &new_dir, &old_dir, &existing);
        if let Err(error) = swap.run(&report) {
            swap.roll_back();
            return Err(error);
        }
        sync_directory(&self.path).map_err(|error| self.directory_error(error))?;
        drop(staging);
        Ok(report)
    }
}

/// The commit phase: every move is recorded so a failure can undo the earlier ones.
struct Swap<'a> {
    target: &'a Path,
    new_dir: &'a Path,
    old_dir: &'a Path,
    existing: &'a SnapshotSet,
    backed_up: Vec<String>,
    installed: Vec<String>,
}

impl<'a> Swap<'a> {
    fn new(
        target: &'a Path,
        new_dir: &'a Path,
        old_dir: &'a Path,
        existing: &'a SnapshotSet,
    ) -> Self {
        Self {
            target,
            new_dir,
            old_dir,
            existing,
            backed_up: Vec::new(),
            installed: Vec::new(),
        }
    }

    fn back_up(&mut self, name: &str) -> Result<(), SnapshotStoreError> {
        if self.existing.get(name).is_some() {
            let path = self.target.join(name);
            fs::rename(&path, self.old_dir.join(name))
                .map_err(|error| file_error("replace", &path, error))?;
            self.backed_up.push(name.to_owned());
        }
        Ok(())
    }

    fn run(&mut self, report: &ReplaceReport) -> Result<(), SnapshotStoreError> {
        for name in &report.written {
            self.back_up(name)?;
            let path = self.target.join(name);
            fs::rename(self.new_dir.join(name), &path)
                .map_err(|error| file_error("replace", &path, error))?;
            self.installed.push(name.clone());
        }
        for name in &report.removed {
            self.back_up(name)?;
        }
        Ok(())
    }

    fn roll_back(&self) {
        // Best effort: each step is independent, and the original error is what gets reported.
        for name in self.installed.iter().rev() {
            let _ = fs::remove_file(self.target.join(name));
        }
        for name in self.backed_up.iter().rev() {
            let _ = fs::rename(self.old_dir.join(name), self.target.join(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use rstest::{fixture, rstest};
    use tempfile::TempDir;

    use super::SnapshotDirectory;
    use crate::domain::er_diagram::{Diagram, OutputFormat, SnapshotSet, assemble_snapshots};
    use crate::domain::ports::diagram_renderer::FailingRenderer;
    use crate::domain::ports::snapshot_store::{SnapshotStore, SnapshotStoreError};

    fn set(files: &[(&str, &str)]) -> SnapshotSet {
        let mut set = SnapshotSet::default();
        for (name, contents) in files {
            set.insert(*name, *contents);
        }
        set
    }

    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = fs::read_dir(dir)
            .expect("list")
            .map(|entry| {
                let entry = entry.expect("entry");
                let name = entry.file_name().to_string_lossy().into_owned();
                let contents =
                    fs::read_to_string(entry.path()).unwrap_or_else(|_| "<dir>".to_owned());
                (name, contents)
            })
            .collect();
        files.sort();
        files
    }

    /// An output directory holding a previous run plus a hand-written README.
    #[fixture]
    fn previous_run() -> TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, contents) in [
            ("a.mmd", "old a\n"),
            ("a.svg", "<svg>old</svg>"),
            ("README.md", "keep\n"),
        ] {
            fs::write(dir.path().join(name), contents).expect("seed");
        }
        dir
    }

    #[rstest]
    fn replaces_set_and_removes_stale_files(previous_run: TempDir) {
        let store = SnapshotDirectory::new(previous_run.path());
        let report = store
            .replace(&set(&[("a.mmd", "old a\n"), ("b.mmd", "new b\n")]))
            .expect("replace");
        assert_eq!(report.written, ["b.mmd"]);
        assert_eq!(report.unchanged, ["a.mmd"]);
        assert_eq!(report.removed, ["a.svg"]);
        assert_eq!(
            listing(previous_run.path()),
            [
                ("README.md".to_owned(), "keep\n".to_owned()),
                ("a.mmd".to_owned(), "old a\n".to_owned()),
                ("b.mmd".to_owned(), "new b\n".to_owned()),
            ]
        );
    }

    #[rstest]
    fn rerun_is_a_no_op(previous_run: TempDir) {
        let store = SnapshotDirectory::new(previous_run.path());
        let files = set(&[("a.mmd", "v2\n"), ("a.svg", "<svg>v2</svg>")]);
        store.replace(&files).expect("first run");
        let before = listing(previous_run.path());
        let report = store.replace(&files).expect("second run");
        assert!(report.written.is_empty() && report.removed.is_empty());
        assert_eq!(listing(previous_run.path()), before);
        assert_eq!(store.load().expect("load"), files);
    }

    #[rstest]
    fn failing_renderer_leaves_old_files(previous_run: TempDir) {
        let before = listing(previous_run.path());
        let diagrams = [Diagram {
            stem: "a".to_owned(),
            mermaid: "erDiagram\n".to_owned(),
            note: None,
        }];
        let result = assemble_snapshots(&diagrams, OutputFormat::Both, &FailingRenderer)
            .map(|files| SnapshotDirectory::new(previous_run.path()).replace(&files));
        assert!(result.is_err());
        assert_eq!(listing(previous_run.path()), before);
    }

    #[rstest]
    fn failure_while_swapping_rolls_back(previous_run: TempDir) {
        // A non-empty directory where a file must go makes the second rename fail.
        fs::create_dir(previous_run.path().join("b.svg")).expect("blocker");
        fs::write(previous_run.path().join("b.svg/x"), "x").expect("blocker content");
        let before = listing(previous_run.path());
        let error = SnapshotDirectory::new(previous_run.path())
            .replace(&set(&[("a.mmd", "new a\n"), ("b.svg", "<svg>b</svg>")]))
            .expect_err("swap fails");
        assert!(
            matches!(&error, SnapshotStoreError::File { action: "replace", path, .. } if path.ends_with("b.svg"))
        );
        assert_eq!(listing(previous_run.path()), before);
    }

    #[rstest]
    fn unusable_directory_is_an_explicit_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let not_a_dir = dir.path().join("file");
        fs::write(&not_a_dir, "plain file").expect("seed");
        let error = SnapshotDirectory::new(not_a_dir.join("er"))
            .replace(&set(&[("a.mmd", "x\n")]))
            .expect_err("parent is a file");
        assert!(
            matches!(&error, SnapshotStoreError::Directory { path, .. } if path.ends_with("file/er"))
        );
        assert!(error.to_string().contains("file/er"));
        assert_eq!(fs::read_to_string(&not_a_dir).expect("read"), "plain file");
    }

    #[rstest]
    fn missing_directory_loads_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SnapshotDirectory::new(dir.path().join("absent"));
        assert!(store.load().expect("load").is_empty());
    }
}
