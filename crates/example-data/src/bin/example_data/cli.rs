//! Command-line shape: a global `--registry` option and four subcommands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use example_data::{SeedName, SeedValue, UserCount};

/// Manage Wildside's named demo-data seeds and preview the users they generate.
#[derive(Debug, Parser)]
#[command(name = "example-data", version)]
pub(crate) struct Cli {
    /// The registry file [default: backend/fixtures/example-data/seeds.json under the
    /// workspace root, the nearest directory at or above the working directory whose
    /// Cargo.toml has a `[workspace]` table].
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) registry: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Add a named seed to the registry.
    Add(AddArgs),
    /// List the registry's seeds.
    List,
    /// Print the users a seed generates.
    Show(ShowArgs),
    /// Check the registry and report what it holds.
    Validate,
}

#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// The seed's name; by default a memorable name derived from the seed number.
    #[arg(long)]
    pub(crate) name: Option<SeedName>,
    /// The RNG seed, 0..=9223372036854775807; random by default.
    #[arg(long, allow_negative_numbers = true)]
    pub(crate) seed: Option<SeedValue>,
    /// How many users the seed generates, 1..=1000000.
    #[arg(long, default_value = "12")]
    pub(crate) user_count: UserCount,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The seed's name.
    pub(crate) name: String,
    /// Print at most this many users (all by default).
    #[arg(long)]
    pub(crate) limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned columns with catalogue slugs.
    Table,
    /// The users as a JSON array, ids included.
    Json,
}
