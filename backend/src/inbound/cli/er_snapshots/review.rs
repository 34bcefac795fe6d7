//! `er-snapshots review --base <git-ref> [--output FILE]`: flags, their validation, and where
//! the report goes (stdout, or a file written whole or not at all).
//!
//! The review itself is the domain's `review_schema_change`; adapters come from `startup`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::domain::er_diagram::{GitRef, SchemaName};
use crate::domain::ports::revision_schemas::RevisionSchemaError;
use crate::inbound::cli::workspace::WorkspaceNotFound;
use crate::startup::er_review;

/// Raw flags of `er-snapshots review`.
#[derive(Debug, Clone, Args)]
pub struct ReviewArgs {
    /// Git ref whose migrations are the base of the comparison (branch, tag or commit).
    #[arg(long, value_name = "GIT_REF")]
    pub base: GitRef,
    /// Write the Markdown report here instead of stdout (never under docs/).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Migrations directory of the working tree (default: `backend/migrations`).
    #[arg(long, value_name = "DIR")]
    pub migrations_dir: Option<PathBuf>,
    /// Database schema to compare.
    #[arg(long, value_name = "NAME", default_value = "public")]
    pub schema: SchemaName,
}

/// A validated review invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewCommand {
    /// Base revision.
    pub base: GitRef,
    /// Report file; `None` prints to stdout.
    pub output: Option<PathBuf>,
    /// Migrations directory of the working tree.
    pub migrations_dir: PathBuf,
    /// Schema to compare.
    pub schema: SchemaName,
}

/// Review flags that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ReviewArgumentError {
    /// `--output` names a file under `docs/`, where only snapshots live.
    #[error(
        "invalid value for --output: {} is under docs/; the review report is not a snapshot, \
         write it elsewhere",
        .path.display()
    )]
    OutputUnderDocs {
        /// The path given.
        path: PathBuf,
    },
    /// `--migrations-dir` was not given and there is no checkout to default from.
    #[error("--migrations-dir not given and no default")]
    NoDefaultMigrations(#[source] WorkspaceNotFound),
}

/// Whether `path` (absolute or relative to `cwd`) lies under `docs`.
fn is_under(path: &Path, cwd: &Path, docs: &Path) -> bool {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    // The file need not exist; its directory usually does, and resolves symlinks and `..`.
    let resolved = absolute
        .parent()
        .and_then(|dir| dir.canonicalize().ok())
        .map_or(absolute.clone(), |dir| {
            dir.join(absolute.file_name().unwrap_or_default())
        });
    let docs = docs.canonicalize().unwrap_or_else(|_| docs.to_path_buf());
    resolved.starts_with(docs)
}

impl ReviewCommand {
    /// Validates `args`; `workspace` is the repository root around the working directory,
    /// needed for the default migrations directory and guarding its `docs/`.
    ///
    /// # Errors
    ///
    /// [`ReviewArgumentError`] when `--output` lies under the workspace's `docs/`, or when
    /// `--migrations-dir` is not given outside a checkout.
    pub fn parse(
        args: ReviewArgs,
        workspace: Result<PathBuf, WorkspaceNotFound>,
    ) -> Result<Self, ReviewArgumentError> {
        if let (Some(output), Ok(root)) = (&args.output, &workspace) {
            let cwd = std::env::current_dir().unwrap_or_else(|_| root.clone());
            if is_under(output, &cwd, &root.join("docs")) {
                return Err(ReviewArgumentError::OutputUnderDocs {
                    path: output.clone(),
                });
            }
        }
        let migrations_dir = match args.migrations_dir {
            Some(dir) => dir,
            None => workspace
                .map_err(ReviewArgumentError::NoDefaultMigrations)?
                .join("backend/migrations"),
        };
        Ok(Self {
            base: args.base,
            output: args.output,
            migrations_dir,
            schema: args.schema,
        })
    }
}

/// Why a review failed; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// A revision's schema could not be built (names the ref or migration).
    #[error(transparent)]
    Schema(#[from] RevisionSchemaError),
    /// The report could not be written.
    #[error("could not write the review report")]
    Output(#[source] std::io::Error),
}

/// Runs the review and delivers the report; returns whether the schema changed.
///
/// # Errors
///
/// [`ReviewError`] naming the revision, migration or file at fault.
pub fn run_review(
    command: &ReviewCommand,
    stdout: &mut dyn std::io::Write,
) -> Result<bool, ReviewError> {
    let review = er_review::review(&command.migrations_dir, &command.schema, &command.base)?;
    deliver_report(command, &review.report, stdout).map_err(ReviewError::Output)?;
    Ok(review.changed)
}

/// Writes the report to `command.output` (whole, via a temporary file) or to `stdout`.
///
/// # Errors
///
/// The I/O error, with the file named in its message; a failed write leaves no file.
pub fn deliver_report(
    command: &ReviewCommand,
    report: &str,
    stdout: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let Some(path) = &command.output else {
        return stdout.write_all(report.as_bytes());
    };
    let named = |error: std::io::Error| {
        std::io::Error::new(error.kind(), format!("{}: {error}", path.display()))
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(&dir).map_err(named)?;
    file.write_all(report.as_bytes()).map_err(named)?;
    file.as_file().sync_all().map_err(named)?;
    file.persist(path).map_err(|error| named(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::Parser;
    use rstest::rstest;

    use super::{ReviewArgs, ReviewCommand, deliver_report};

    #[derive(Debug, Parser)]
    struct Wrapper {
        #[command(flatten)]
        review: ReviewArgs,
    }

    fn parse(flags: &[&str], workspace: &Path) -> Result<ReviewCommand, String> {
        let wrapper =
            Wrapper::try_parse_from(std::iter::once("review").chain(flags.iter().copied()))
                .map_err(|error| error.to_string())?;
        ReviewCommand::parse(wrapper.review, Ok(workspace.to_path_buf()))
            .map_err(|error| error.to_string())
    }

    #[rstest]
    fn defaults_to_the_workspace_migrations_and_stdout() {
        let workspace = tempfile::tempdir().expect("tempdir");
        let command = parse(&["--base", "main"], workspace.path()).expect("valid");
        assert_eq!(command.base.as_str(), "main");
        assert_eq!(command.output, None);
        assert!(command.migrations_dir.ends_with("backend/migrations"));
    }

    #[rstest]
    #[case(&["--base", "-x"], "--base")]
    #[case(&["--base", "main", "--schema", ""], "--schema")]
    #[case(&[], "--base")]
    fn rejects_bad_flags_naming_them(#[case] flags: &[&str], #[case] flag: &str) {
        let workspace = tempfile::tempdir().expect("tempdir");
        let error = parse(flags, workspace.path()).expect_err("invalid");
        assert!(error.contains(flag), "{error}");
    }

    #[rstest]
    fn refuses_to_write_under_docs() {
        let workspace = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(workspace.path().join("docs/diagrams")).expect("mkdir");
        let target = workspace.path().join("docs/diagrams/review.md");
        let error = parse(
            &[
                "--base",
                "main",
                "--output",
                target.to_str().expect("utf-8"),
            ],
            workspace.path(),
        )
        .expect_err("docs is off limits");
        assert!(
            error.contains("--output") && error.contains("docs/"),
            "{error}"
        );
        let elsewhere = workspace.path().join("review.md");
        assert!(
            parse(
                &[
                    "--base",
                    "main",
                    "--output",
                    elsewhere.to_str().expect("utf-8")
                ],
                workspace.path()
            )
            .is_ok()
        );
    }

    #[rstest]
    fn writes_the_report_to_a_file_or_stdout() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut command = parse(&["--base", "main"], dir.path()).expect("valid");
        let mut stdout = Vec::new();
        deliver_report(&command, "report\n", &mut stdout).expect("stdout");
        assert_eq!(stdout, b"report\n");
        command.output = Some(dir.path().join("review.md"));
        deliver_report(&command, "file report\n", &mut Vec::new()).expect("file");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("review.md")).expect("read"),
            "file report\n"
        );
        command.output = Some(dir.path().join("missing/review.md"));
        let error = deliver_report(&command, "x", &mut Vec::new()).expect_err("no such dir");
        assert!(error.to_string().contains("missing/review.md"), "{error}");
    }
}
