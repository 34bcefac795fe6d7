//! Reads one directory of a git revision into a scratch directory with `git ls-tree` and
//! `git cat-file`, never touching the work tree, the index or `HEAD`.
//!
//! Used by the schema review to apply the migrations as they were at `--base`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::domain::er_diagram::GitRef;

/// Why a revision's files could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GitTreeError {
    /// `git` could not be run at all.
    #[error("cannot run git in {dir}")]
    Spawn {
        /// Where it was run.
        dir: PathBuf,
        /// Underlying cause.
        #[source]
        source: std::io::Error,
    },
    /// The directory is not inside a git work tree.
    #[error("{dir} is not a git checkout: {detail}")]
    NotACheckout {
        /// The directory.
        dir: PathBuf,
        /// What git said.
        detail: String,
    },
    /// The ref names no commit.
    #[error("unknown git ref {git_ref:?}: {detail}")]
    UnknownRef {
        /// The ref.
        git_ref: String,
        /// What git said.
        detail: String,
    },
    /// The revision has no such directory.
    #[error("git ref {git_ref:?} has no directory {path}")]
    MissingPath {
        /// The ref.
        git_ref: String,
        /// The directory, relative to the repository root.
        path: String,
    },
    /// Reading or writing one file failed.
    #[error("cannot copy {path} at git ref {git_ref:?}")]
    File {
        /// The ref.
        git_ref: String,
        /// The file, relative to the repository root.
        path: String,
        /// Underlying cause.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// A git work tree, located from any directory inside it.
#[derive(Debug, Clone)]
pub struct GitCheckout {
    root: PathBuf,
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).stdin(Stdio::null());
    command
}

fn stderr_line(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_owned()
}

impl GitCheckout {
    /// The work tree containing `dir`.
    ///
    /// # Errors
    /// [`GitTreeError::NotACheckout`] naming `dir` when it is not inside a git work tree.
    pub fn discover(dir: &Path) -> Result<Self, GitTreeError> {
        let spawn = |source| GitTreeError::Spawn {
            dir: dir.to_path_buf(),
            source,
        };
        let output = git(dir)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .map_err(spawn)?;
        if !output.status.success() {
            return Err(GitTreeError::NotACheckout {
                dir: dir.to_path_buf(),
                detail: stderr_line(&output),
            });
        }
        let root = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        Ok(Self {
            root: PathBuf::from(root),
        })
    }

    /// The work tree's root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The commit `git_ref` names.
    ///
    /// # Errors
    /// [`GitTreeError::UnknownRef`] naming the ref when it names no commit.
    pub fn resolve(&self, git_ref: &GitRef) -> Result<String, GitTreeError> {
        let output = git(&self.root)
            .args(["rev-parse", "--verify", "--end-of-options"])
            .arg(format!("{git_ref}^{{commit}}"))
            .output()
            .map_err(|source| self.spawn_error(source))?;
        if !output.status.success() {
            return Err(GitTreeError::UnknownRef {
                git_ref: git_ref.to_string(),
                detail: stderr_line(&output),
            });
        }
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    fn spawn_error(&self, source: std::io::Error) -> GitTreeError {
        GitTreeError::Spawn {
            dir: self.root.clone(),
            source,
        }
    }

    /// Copies the files under `path` (relative to the root) at `git_ref` into `into`,
    /// keeping their relative layout; returns how many files were copied.
    ///
    /// # Errors
    /// [`GitTreeError`] naming the ref (and file) when the ref is unknown, the directory is
    /// absent at that revision or a file cannot be read or written.
    pub fn export_dir(
        &self,
        git_ref: &GitRef,
        path: &str,
        into: &Path,
    ) -> Result<usize, GitTreeError> {
        let commit = self.resolve(git_ref)?;
        let listing = git(&self.root)
            .args(["ls-tree", "-r", "-z", "--name-only", &commit, "--"])
            .arg(path)
            .output()
            .map_err(|source| self.spawn_error(source))?;
        let files: Vec<String> = String::from_utf8_lossy(&listing.stdout)
            .split('\0')
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect();
        if !listing.status.success() || files.is_empty() {
            return Err(GitTreeError::MissingPath {
                git_ref: git_ref.to_string(),
                path: path.to_owned(),
            });
        }
        let prefix = format!("{}/", path.trim_end_matches('/'));
        for file in &files {
            let file_error =
                |source: Box<dyn std::error::Error + Send + Sync>| GitTreeError::File {
                    git_ref: git_ref.to_string(),
                    path: file.clone(),
                    source,
                };
            let output = git(&self.root)
                .args(["cat-file", "blob"])
                .arg(format!("{commit}:{file}"))
                .output()
                .map_err(|error| file_error(Box::new(error)))?;
            if !output.status.success() {
                return Err(file_error(stderr_line(&output).into()));
            }
            let relative = file.strip_prefix(&prefix).unwrap_or(file);
            let target = into.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|error| file_error(Box::new(error)))?;
            }
            std::fs::File::create(&target)
                .and_then(|mut out| out.write_all(&output.stdout))
                .map_err(|error| file_error(Box::new(error)))?;
        }
        Ok(files.len())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::process::Command;

    use rstest::rstest;

    use super::{GitCheckout, GitTreeError};
    use crate::domain::er_diagram::GitRef;

    fn run(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    /// A repository with two commits: `first` has m/a.sql, the second adds m/sub/b.sql and
    /// leaves an uncommitted edit in the work tree.
    fn repository() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        run(dir.path(), &["init", "-q", "-b", "trunk"]);
        std::fs::create_dir_all(dir.path().join("m/sub")).expect("mkdir");
        std::fs::write(dir.path().join("m/a.sql"), "one\n").expect("write");
        run(dir.path(), &["add", "."]);
        run(dir.path(), &["commit", "-q", "-m", "first"]);
        run(dir.path(), &["tag", "first"]);
        std::fs::write(dir.path().join("m/sub/b.sql"), "two\n").expect("write");
        run(dir.path(), &["add", "."]);
        run(dir.path(), &["commit", "-q", "-m", "second"]);
        std::fs::write(dir.path().join("m/a.sql"), "edited\n").expect("write");
        dir
    }

    fn git_ref(value: &str) -> GitRef {
        GitRef::try_from(value).expect("valid ref")
    }

    #[rstest]
    fn exports_a_directory_as_it_was_without_touching_the_work_tree() {
        let repo = repository();
        let checkout = GitCheckout::discover(&repo.path().join("m")).expect("checkout");
        let out = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            checkout
                .export_dir(&git_ref("first"), "m", out.path())
                .expect("export"),
            1
        );
        assert_eq!(
            std::fs::read_to_string(out.path().join("a.sql")).expect("read"),
            "one\n"
        );
        assert!(!out.path().join("sub").exists());
        let head = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            checkout
                .export_dir(&git_ref("trunk"), "m", head.path())
                .expect("export"),
            2
        );
        assert_eq!(
            std::fs::read_to_string(head.path().join("sub/b.sql")).expect("read"),
            "two\n"
        );
        assert_eq!(
            std::fs::read_to_string(repo.path().join("m/a.sql")).expect("read"),
            "edited\n",
            "the work tree keeps its uncommitted edit"
        );
    }

    #[rstest]
    fn unknown_refs_and_paths_are_named() {
        let repo = repository();
        let checkout = GitCheckout::discover(repo.path()).expect("checkout");
        let out = tempfile::tempdir().expect("tempdir");
        let error = checkout
            .export_dir(&git_ref("no-such-branch"), "m", out.path())
            .expect_err("unknown ref");
        assert!(matches!(error, GitTreeError::UnknownRef { .. }), "{error}");
        assert!(error.to_string().contains("no-such-branch"), "{error}");
        let error = checkout
            .export_dir(&git_ref("first"), "absent", out.path())
            .expect_err("no such directory");
        assert!(error.to_string().contains("absent") && error.to_string().contains("first"));
    }

    #[rstest]
    fn a_plain_directory_is_not_a_checkout() {
        let dir = tempfile::tempdir().expect("tempdir");
        let error = GitCheckout::discover(dir.path()).expect_err("not a repository");
        assert!(
            matches!(error, GitTreeError::NotACheckout { .. }),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .contains(&dir.path().display().to_string())
        );
    }
}
