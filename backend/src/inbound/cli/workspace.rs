//! Default paths of the CLIs, found from the working directory: the nearest ancestor whose
//! `Cargo.toml` declares `[workspace]`, so a binary built in one checkout works in another.

use std::path::{Path, PathBuf};

/// No workspace root above the working directory.
#[derive(Debug, thiserror::Error)]
#[error("no Cargo.toml with [workspace] in {start} or above; run from a Wildside checkout")]
pub struct WorkspaceNotFound {
    /// Where the search started.
    pub start: PathBuf,
}

/// The workspace root around the working directory.
///
/// # Errors
/// [`WorkspaceNotFound`] outside a checkout (or when the working directory is unreadable).
pub fn workspace_root() -> Result<PathBuf, WorkspaceNotFound> {
    let start = std::env::current_dir().unwrap_or_default();
    find_workspace_root(&start).ok_or(WorkspaceNotFound { start })
}

/// The nearest directory at or above `start` whose `Cargo.toml` has a `[workspace]` table.
pub fn find_workspace_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| {
            std::fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|manifest| {
                manifest
                    .lines()
                    .any(|line| line.trim_start().starts_with("[workspace]"))
            })
        })
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::find_workspace_root;

    #[rstest]
    fn finds_the_root_from_a_member_and_from_inside_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let member = dir.path().join("backend/src");
        std::fs::create_dir_all(&member).expect("mkdir");
        std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\nmembers = []\n")
            .expect("write");
        std::fs::write(
            dir.path().join("backend/Cargo.toml"),
            "[package]\nname = \"b\"\n",
        )
        .expect("write");
        assert_eq!(find_workspace_root(&member).as_deref(), Some(dir.path()));
        assert_eq!(find_workspace_root(dir.path()).as_deref(), Some(dir.path()));
    }

    #[rstest]
    fn nothing_outside_a_workspace() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(find_workspace_root(dir.path()), None);
    }
}
