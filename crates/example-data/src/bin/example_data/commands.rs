//! The subcommands: each loads the registry, acts, and writes its report to `out`.

use std::env;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use example_data::{
    DEFAULT_LOCK_WAIT, ExampleUsers, NamedSeed, Registry, SeedValue, find_default_registry,
    suggest_name,
};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

use crate::cli::{AddArgs, Cli, Command, Format, ShowArgs};
use crate::table;

/// Runs the parsed command line.
pub(crate) fn run(cli: &Cli, out: &mut impl Write) -> Result<()> {
    let path = &registry_path(cli)?;
    match &cli.command {
        Command::Add(args) => add(path, args, out),
        Command::List => list(path, out),
        Command::Show(args) => show(path, args, out),
        Command::Validate => validate(path, out),
    }
}

/// `--registry`, or the committed registry of the workspace around the working directory.
fn registry_path(cli: &Cli) -> Result<PathBuf> {
    if let Some(path) = &cli.registry {
        return Ok(path.clone());
    }
    let cwd = env::current_dir().context("cannot read the working directory")?;
    find_default_registry(&cwd).context("cannot find the default registry; pass --registry PATH")
}

/// Holds the registry's lock from load to save, so concurrent adds queue instead of
/// overwriting each other.
fn add(path: &Path, args: &AddArgs, out: &mut impl Write) -> Result<()> {
    let mut registry = Registry::load_locked(path, DEFAULT_LOCK_WAIT)?;
    let seed = match args.seed {
        Some(seed) => seed,
        None => random_seed()?,
    };
    let name = match &args.name {
        Some(name) => name.clone(),
        None => suggest_name(&registry, seed).ok_or_else(|| {
            anyhow!("every memorable name of seed {seed} is taken; pass --name or another --seed")
        })?,
    };
    registry
        .add_seed(NamedSeed::new(name.clone(), seed, args.user_count))
        .with_context(|| format!("cannot add to registry {}", path.display()))?;
    registry.save()?;
    writeln!(
        out,
        "added seed `{name}` (seed {seed}, {} users) to {}",
        args.user_count,
        path.display()
    )?;
    Ok(())
}

/// A seed from the operating system's entropy, in `0..=i64::MAX`.
fn random_seed() -> Result<SeedValue> {
    let mut rng = ChaCha20Rng::try_from_os_rng().context("cannot read system entropy")?;
    Ok(SeedValue::try_from(rng.next_u64() >> 1)?)
}

fn list(path: &Path, out: &mut impl Write) -> Result<()> {
    let registry = Registry::load(path)?;
    let rows = registry.seeds().iter().map(|seed| {
        vec![
            seed.name().to_string(),
            seed.seed().to_string(),
            seed.user_count().to_string(),
        ]
    });
    table::write(out, &["NAME", "SEED", "USERS"], rows)?;
    Ok(())
}

fn show(path: &Path, args: &ShowArgs, out: &mut impl Write) -> Result<()> {
    let registry = Registry::load(path)?;
    let seed = registry.seed(&args.name).ok_or_else(|| {
        anyhow!(
            "registry {} has no seed named `{}`",
            path.display(),
            args.name
        )
    })?;
    let limit = args.limit.unwrap_or(usize::MAX);
    let users = ExampleUsers::new(&registry, seed.seed(), seed.user_count()).take(limit);
    match args.format {
        Format::Json => {
            let users: Vec<_> = users.collect();
            serde_json::to_writer_pretty(&mut *out, &users)?;
            writeln!(out)?;
        }
        Format::Table => table::users(out, &registry, users)?,
    }
    Ok(())
}

fn validate(path: &Path, out: &mut impl Write) -> Result<()> {
    let registry = Registry::load(path)?;
    writeln!(
        out,
        "registry {} is valid: {} interest themes, {} safety toggles, {} seeds",
        path.display(),
        registry.interest_themes().len(),
        registry.safety_toggles().len(),
        registry.seeds().len()
    )?;
    Ok(())
}
