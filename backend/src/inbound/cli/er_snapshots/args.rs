//! Flags of `er-snapshots` and their one-time validation into an [`ErSnapshotsCommand`].
//!
//! Parse, don't validate: everything past this module works with checked values.

use std::path::{Path, PathBuf};

use clap::Parser;

use crate::domain::er_diagram::{OutputFormat, SchemaName};
use crate::startup::DatabaseUrl;
use crate::startup::er_snapshots::{RendererChoice, SchemaSource, SnapshotMode};
use crate::telemetry::LogFormat;

use super::super::workspace::{WorkspaceNotFound, workspace_root};

/// The SVG renderers `--renderer` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RendererName {
    /// merman, in process.
    Merman,
    /// The Mermaid CLI, as a child process.
    Mmdc,
}

/// Raw flags as clap parses them.
#[derive(Debug, Clone, Parser)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent command-line switches, each a clap flag"
)]
#[command(
    name = "er-snapshots",
    about = "Generate ER diagram snapshots (Mermaid + SVG) from the migrated schema",
    args_conflicts_with_subcommands = true
)]
pub struct ErSnapshotsArgs {
    /// A subcommand instead of generating snapshots.
    #[command(subcommand)]
    pub subcommand: Option<ErSnapshotsSubcommand>,
    /// Introspect this existing database instead of migrating a temporary one.
    #[arg(long, value_name = "URL", conflicts_with = "migrations_dir")]
    pub database_url: Option<DatabaseUrl>,
    /// Migrations to apply to the temporary database (default: `backend/migrations`).
    #[arg(long, value_name = "DIR")]
    pub migrations_dir: Option<PathBuf>,
    /// Where the artefacts live (default: `docs/diagrams/er` of the workspace around the
    /// working directory).
    #[arg(long, visible_alias = "output", value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Groups config (default: `groups.toml` in the output directory, if present).
    #[arg(long, value_name = "FILE")]
    pub groups: Option<PathBuf>,
    /// Artefacts to produce: mermaid, svg or both.
    #[arg(long, value_name = "FORMAT", default_value = "both")]
    pub format: OutputFormat,
    /// Same as `--format mermaid`.
    #[arg(long, conflicts_with = "format")]
    pub skip_svg: bool,
    /// Compare with the files on disk, print a diff, exit 1 on drift; write nothing.
    #[arg(long)]
    pub check: bool,
    /// Database schema to introspect.
    #[arg(long, value_name = "NAME", default_value = "public")]
    pub schema: SchemaName,
    /// Keep Diesel's `__diesel_schema_migrations` table in the diagrams.
    #[arg(long)]
    pub include_migrations_table: bool,
    /// SVG renderer: merman (in-process) or mmdc (Mermaid CLI).
    #[arg(long, value_name = "NAME", value_enum, default_value_t = RendererName::Merman)]
    pub renderer: RendererName,
    /// The Mermaid CLI program for `--renderer mmdc`.
    #[arg(long, value_name = "PATH", default_value = "mmdc")]
    pub mmdc: PathBuf,
    /// Puppeteer config for mmdc (e.g. `{"args":["--no-sandbox"]}` as root).
    #[arg(long, value_name = "FILE")]
    pub puppeteer_config: Option<PathBuf>,
    /// Font file merman measures labels with, instead of the vendored `DejaVu Sans`.
    #[arg(long, value_name = "FILE", requires = "font_family")]
    pub font: Option<PathBuf>,
    /// Family name of `--font`, written into the diagrams' `fontFamily`.
    #[arg(long, value_name = "NAME", requires = "font")]
    pub font_family: Option<String>,
    /// Log the run's summary (phase timings) at info level unless `RUST_LOG` says otherwise.
    #[arg(short, long)]
    pub verbose: bool,
    /// Log format on stderr: text or json (default: `LOG_FORMAT`, else text).
    #[arg(long, value_name = "FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,
}

/// Subcommands of `er-snapshots`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ErSnapshotsSubcommand {
    /// Report what the migrations changed since a git ref, as Markdown (writes nothing under docs/).
    Review(super::review::ReviewArgs),
}

/// A default that cannot be found: the flag must be given.
#[derive(Debug, thiserror::Error)]
#[error("{flag} not given and no default: {source}")]
pub struct InvalidArgument {
    /// The flag, e.g. `--output-dir`.
    pub flag: &'static str,
    /// Why the default could not be found.
    #[source]
    pub source: WorkspaceNotFound,
}

/// The groups config: an explicit file must exist, the default one may be absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupsSource {
    /// `--groups FILE`.
    Explicit(PathBuf),
    /// `<output-dir>/groups.toml`, used when present.
    Default(PathBuf),
}

impl GroupsSource {
    /// The file, whether given or defaulted.
    pub fn path(&self) -> &Path {
        match self {
            Self::Explicit(path) | Self::Default(path) => path,
        }
    }
}

/// A validated `er-snapshots` invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErSnapshotsCommand {
    /// Schema source.
    pub source: SchemaSource,
    /// Output directory.
    pub output_dir: PathBuf,
    /// Groups config.
    pub groups: GroupsSource,
    /// Artefacts to produce.
    pub format: OutputFormat,
    /// Check or write.
    pub mode: SnapshotMode,
    /// Schema to introspect.
    pub schema: SchemaName,
    /// Keep `__diesel_schema_migrations`.
    pub include_migrations_table: bool,
    /// SVG renderer.
    pub renderer: RendererChoice,
    /// Log the summary at info level by default.
    pub verbose: bool,
    /// Log format, if given as a flag.
    pub log_format: Option<LogFormat>,
}

impl TryFrom<ErSnapshotsArgs> for ErSnapshotsCommand {
    type Error = InvalidArgument;

    fn try_from(args: ErSnapshotsArgs) -> Result<Self, Self::Error> {
        let format = if args.skip_svg {
            OutputFormat::Mermaid
        } else {
            args.format
        };
        let root = || workspace_root();
        let source = match (args.database_url, args.migrations_dir) {
            (Some(url), _) => SchemaSource::Database(url),
            (None, Some(dir)) => SchemaSource::Migrations(dir),
            (None, None) => SchemaSource::Migrations(
                root()
                    .map_err(|source| InvalidArgument {
                        flag: "--migrations-dir",
                        source,
                    })?
                    .join("backend/migrations"),
            ),
        };
        let renderer = match args.renderer {
            RendererName::Merman => RendererChoice::Merman {
                font: args.font.zip(args.font_family),
            },
            RendererName::Mmdc => RendererChoice::Mmdc {
                program: args.mmdc,
                puppeteer_config: args.puppeteer_config,
            },
        };
        let output_dir = match args.output_dir {
            Some(dir) => dir,
            None => root()
                .map_err(|source| InvalidArgument {
                    flag: "--output-dir",
                    source,
                })?
                .join("docs/diagrams/er"),
        };
        let groups = match args.groups {
            Some(path) => GroupsSource::Explicit(path),
            None => GroupsSource::Default(output_dir.join("groups.toml")),
        };
        Ok(Self {
            source,
            output_dir,
            groups,
            format,
            mode: if args.check {
                SnapshotMode::Check
            } else {
                SnapshotMode::Write
            },
            schema: args.schema,
            include_migrations_table: args.include_migrations_table,
            renderer,
            verbose: args.verbose,
            log_format: args.log_format,
        })
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use rstest::rstest;

    use super::{ErSnapshotsArgs, ErSnapshotsCommand};
    use crate::domain::er_diagram::OutputFormat;
    use crate::startup::er_snapshots::{RendererChoice, SchemaSource};

    fn command(flags: &[&str]) -> Result<ErSnapshotsCommand, String> {
        let args = ErSnapshotsArgs::try_parse_from(
            std::iter::once("er-snapshots").chain(flags.iter().copied()),
        )
        .map_err(|error| error.to_string())?;
        ErSnapshotsCommand::try_from(args).map_err(|error| error.to_string())
    }

    #[rstest]
    fn defaults_to_migrations_and_both_formats() {
        let command = command(&[]).expect("defaults are valid");
        assert!(
            matches!(&command.source, SchemaSource::Migrations(dir) if dir.ends_with("backend/migrations"))
        );
        assert!(command.output_dir.ends_with("docs/diagrams/er"));
        assert_eq!(command.format, OutputFormat::Both);
        assert_eq!(command.schema.as_str(), "public");
        assert_eq!(command.renderer, RendererChoice::Merman { font: None });
    }

    #[rstest]
    #[case(&["--skip-svg"], OutputFormat::Mermaid)]
    #[case(&["--format", "svg"], OutputFormat::Svg)]
    fn picks_formats_by_name(#[case] flags: &[&str], #[case] expected: OutputFormat) {
        assert_eq!(command(flags).expect("valid").format, expected);
    }

    #[rstest]
    #[case(&["--format", "png"], "--format")]
    #[case(&["--database-url", "mysql://u:secret@h/db"], "--database-url")]
    #[case(&["--database-url", "mysql://x"], "--database-url")]
    #[case(&["--renderer", "dot"], "--renderer")]
    #[case(&["--schema", ""], "--schema")]
    #[case(&["--font", "x.ttf"], "--font-family")]
    #[case(&["--database-url", "postgres://x", "--migrations-dir", "m"], "--migrations-dir")]
    fn rejects_bad_flags_naming_them(#[case] flags: &[&str], #[case] flag: &str) {
        let error = command(flags).expect_err("invalid");
        assert!(error.contains(flag), "{error}");
    }
}
