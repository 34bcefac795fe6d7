//! Flags of `er-snapshots` and their one-time validation into an [`ErSnapshotsCommand`].
//!
//! Parse, don't validate: everything past this module works with checked values.

use std::path::{Path, PathBuf};

use clap::Parser;

use crate::domain::er_diagram::{OutputFormat, SchemaName};

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
    pub database_url: Option<String>,
    /// Migrations to apply to the temporary database (default: `backend/migrations`).
    #[arg(long, value_name = "DIR")]
    pub migrations_dir: Option<PathBuf>,
    /// Where the artefacts live (default: `docs/diagrams/er`).
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Groups config (default: `groups.toml` in the output directory, if present).
    #[arg(long, value_name = "FILE")]
    pub groups: Option<PathBuf>,
    /// Artefacts to produce: mermaid, svg or both.
    #[arg(long, value_name = "FORMAT", default_value = "both")]
    pub format: String,
    /// Same as `--format mermaid`.
    #[arg(long, conflicts_with = "format")]
    pub skip_svg: bool,
    /// Compare with the files on disk, print a diff, exit 1 on drift; write nothing.
    #[arg(long)]
    pub check: bool,
    /// Database schema to introspect.
    #[arg(long, value_name = "NAME", default_value = "public")]
    pub schema: String,
    /// Keep Diesel's `__diesel_schema_migrations` table in the diagrams.
    #[arg(long)]
    pub include_migrations_table: bool,
    /// SVG renderer: merman (in-process) or mmdc (Mermaid CLI).
    #[arg(long, value_name = "NAME", default_value = "merman")]
    pub renderer: String,
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
    /// Print per-phase timings.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Subcommands of `er-snapshots`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ErSnapshotsSubcommand {
    /// Report what the migrations changed since a git ref, as Markdown (writes nothing under docs/).
    Review(super::review::ReviewArgs),
}

/// A flag value that cannot be used, naming the flag and the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid value for {flag}: {reason}")]
pub struct InvalidArgument {
    /// The flag, e.g. `--format`.
    pub flag: &'static str,
    /// Why, including the rejected value.
    pub reason: String,
}

/// Where the schema comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaSource {
    /// A temporary database on an embedded cluster, migrated from this directory.
    Migrations(PathBuf),
    /// An existing database, introspected as is.
    Database(String),
}

/// Which SVG renderer to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RendererChoice {
    /// merman in-process; `font` overrides the vendored font as (file, family).
    Merman {
        /// Font file and its family name.
        font: Option<(PathBuf, String)>,
    },
    /// The Mermaid CLI as a child process.
    Mmdc {
        /// Program path or name.
        program: PathBuf,
        /// Optional Puppeteer config file.
        puppeteer_config: Option<PathBuf>,
    },
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
    /// Check mode: compare only.
    pub check: bool,
    /// Schema to introspect.
    pub schema: SchemaName,
    /// Keep `__diesel_schema_migrations`.
    pub include_migrations_table: bool,
    /// SVG renderer.
    pub renderer: RendererChoice,
    /// Print timings.
    pub verbose: bool,
}

/// The workspace root as compiled in, so defaults work from any working directory.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn invalid(flag: &'static str, reason: impl Into<String>) -> InvalidArgument {
    InvalidArgument {
        flag,
        reason: reason.into(),
    }
}

impl TryFrom<ErSnapshotsArgs> for ErSnapshotsCommand {
    type Error = InvalidArgument;

    fn try_from(args: ErSnapshotsArgs) -> Result<Self, Self::Error> {
        let format = if args.skip_svg {
            OutputFormat::Mermaid
        } else {
            OutputFormat::try_from(args.format.as_str())
                .map_err(|error| invalid("--format", error.to_string()))?
        };
        let schema = SchemaName::try_from(args.schema.as_str())
            .map_err(|error| invalid("--schema", error.to_string()))?;
        let source = match args.database_url {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                SchemaSource::Database(url)
            }
            Some(_) => {
                return Err(invalid(
                    "--database-url",
                    "expected a postgres:// or postgresql:// URL",
                ));
            }
            None => SchemaSource::Migrations(
                args.migrations_dir
                    .unwrap_or_else(|| workspace_root().join("backend/migrations")),
            ),
        };
        let renderer = match args.renderer.as_str() {
            "merman" => RendererChoice::Merman {
                font: args.font.zip(args.font_family),
            },
            "mmdc" => RendererChoice::Mmdc {
                program: args.mmdc,
                puppeteer_config: args.puppeteer_config,
            },
            other => {
                return Err(invalid(
                    "--renderer",
                    format!("{other:?} is not a renderer; expected merman or mmdc"),
                ));
            }
        };
        let output_dir = args
            .output_dir
            .unwrap_or_else(|| workspace_root().join("docs/diagrams/er"));
        let groups = match args.groups {
            Some(path) => GroupsSource::Explicit(path),
            None => GroupsSource::Default(output_dir.join("groups.toml")),
        };
        Ok(Self {
            source,
            output_dir,
            groups,
            format,
            check: args.check,
            schema,
            include_migrations_table: args.include_migrations_table,
            renderer,
            verbose: args.verbose,
        })
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use rstest::rstest;

    use super::{ErSnapshotsArgs, ErSnapshotsCommand, RendererChoice, SchemaSource};
    use crate::domain::er_diagram::OutputFormat;

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
    fn picks_formats(#[case] flags: &[&str], #[case] expected: OutputFormat) {
        assert_eq!(command(flags).expect("valid").format, expected);
    }

    #[rstest]
    #[case(&["--format", "png"], "--format")]
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
