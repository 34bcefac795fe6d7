//! Finding the committed registry at run time: walk up from a directory to the workspace
//! root (the nearest `Cargo.toml` with a `[workspace]` table), then take
//! [`DEFAULT_REGISTRY_PATH`] under it, so a binary built in one checkout works in another.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::IgnoredAny;
use thiserror::Error;

use crate::registry::DEFAULT_REGISTRY_PATH;

/// The workspace root, and so the default registry, could not be found.
#[derive(Debug, Error)]
pub enum LocateError {
    /// No directory from the start up to the filesystem root has a workspace manifest.
    #[error(
        "no workspace root: no Cargo.toml with a `[workspace]` table in {} or any parent directory",
        start.display()
    )]
    NoWorkspace {
        /// Where the walk started.
        start: PathBuf,
    },
    /// A `Cargo.toml` on the way up could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The manifest.
        path: PathBuf,
        /// The I/O failure.
        #[source]
        source: io::Error,
    },
    /// A `Cargo.toml` on the way up is not TOML.
    #[error("{} is not valid TOML", path.display())]
    Parse {
        /// The manifest.
        path: PathBuf,
        /// The parser's error, with line and column.
        #[source]
        source: toml::de::Error,
    },
}

/// The only part of a manifest the walk looks at.
#[derive(Deserialize)]
struct Manifest {
    workspace: Option<IgnoredAny>,
}

/// The default registry: [`DEFAULT_REGISTRY_PATH`] under the nearest workspace root at or
/// above `start` (usually the working directory). The file itself is not checked here;
/// loading it names the full path when it is missing.
///
/// # Errors
///
/// [`LocateError::NoWorkspace`] when no workspace root is found, naming `start`;
/// [`LocateError::Read`] or [`LocateError::Parse`] for a `Cargo.toml` on the way up that
/// cannot be read or is not TOML.
pub fn find_default_registry(start: &Path) -> Result<PathBuf, LocateError> {
    find_workspace_root(start).map(|root| root.join(DEFAULT_REGISTRY_PATH))
}

fn find_workspace_root(start: &Path) -> Result<PathBuf, LocateError> {
    for dir in start.ancestors() {
        let path = dir.join("Cargo.toml");
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(LocateError::Read { path, source }),
        };
        let manifest: Manifest =
            toml::from_str(&text).map_err(|source| LocateError::Parse { path, source })?;
        if manifest.workspace.is_some() {
            return Ok(dir.to_owned());
        }
    }
    Err(LocateError::NoWorkspace {
        start: start.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const MEMBER: &str = "[package]\nname = \"member\"\nworkspace = \"..\"\n";
    const ROOT: &str = "[workspace]\nmembers = [\"member\"]\n";

    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().expect("has a parent")).expect("dirs");
            fs::write(path, text).expect("file written");
        }
        dir
    }

    #[rstest]
    #[case::from_the_root("")]
    #[case::from_a_member("member")]
    #[case::from_deep_inside_a_member("member/src/bin")]
    fn finds_the_nearest_workspace_root(#[case] start: &str) {
        let dir = tree(&[
            ("Cargo.toml", ROOT),
            ("member/Cargo.toml", MEMBER),
            ("member/src/bin/keep", ""),
        ]);
        let found = find_default_registry(&dir.path().join(start)).expect("found");
        assert_eq!(found, dir.path().join(DEFAULT_REGISTRY_PATH));
    }

    #[rstest]
    fn a_dotted_workspace_table_counts() {
        let dir = tree(&[("Cargo.toml", "[workspace.package]\nedition = \"2024\"\n")]);
        assert_eq!(
            find_workspace_root(dir.path()).expect("found"),
            dir.path().to_owned()
        );
    }

    #[rstest]
    fn a_package_outside_any_workspace_is_not_a_root() {
        let dir = tree(&[("lone/Cargo.toml", MEMBER)]);
        let start = dir.path().join("lone");
        let err = find_default_registry(&start).expect_err("no workspace");
        assert!(matches!(&err, LocateError::NoWorkspace { start: s } if *s == start));
        assert!(err.to_string().contains(&*start.to_string_lossy()), "{err}");
    }

    #[rstest]
    fn a_broken_manifest_on_the_way_is_named() {
        let dir = tree(&[("Cargo.toml", ROOT), ("member/Cargo.toml", "[package\n")]);
        let err = find_default_registry(&dir.path().join("member")).expect_err("broken");
        assert!(
            matches!(&err, LocateError::Parse { path, .. } if path.ends_with("member/Cargo.toml")),
            "{err}"
        );
    }
}
