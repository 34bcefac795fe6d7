//! Start-up seeding: the seed is planned (resolved and generated) while the settings are
//! checked, then applied in one transaction before the server accepts requests. One event
//! per outcome: applied, already applied, disabled, failed.

use super::server::StartupError;
use crate::config::{ConfigError, ExampleDataSettings, Key, Sourced, unusable};
use crate::domain::example_data::{self, SeedOutcome, SeedPlan, SeedingError};
use crate::domain::ports::seed_registry::SeedRegistry;
use crate::inbound::http::error::error_chain;
use crate::outbound::example_data_registry::RegistryFile;
use crate::outbound::persistence::database_url::DatabaseUrl;
use crate::outbound::persistence::diesel_example_data_store::DieselExampleDataStore;
use crate::outbound::provision;
use crate::shutdown::StopSignals;

/// What start-up does about example data.
#[derive(Debug)]
pub enum SeedStep {
    /// Seeding is off.
    Disabled,
    /// Apply this plan.
    Apply(Box<SeedPlan>),
}

/// Resolves the configured seed in the registry and generates it, touching no database. A
/// seed name or count given while seeding is off is checked too, so a typo is never silent.
///
/// # Errors
/// [`ConfigError::Invalid`] naming `example_data.seed_name` (unknown seed) or
/// `example_data.registry_path` (missing or invalid registry), with source and value;
/// [`StartupError::Seeding`] when the seed cannot be generated.
pub fn plan_seed(settings: &ExampleDataSettings) -> Result<SeedStep, StartupError> {
    let asked = settings.seed_name.is_some() || settings.user_count.is_some();
    if !settings.is_enabled && !asked {
        return Ok(SeedStep::Disabled);
    }
    let path = &settings.registry_path;
    let registry = RegistryFile::new(path.value.clone());
    let registry_error = |err: &dyn std::error::Error| -> StartupError {
        ConfigError::from(unusable(
            Key::ExampleDataRegistryPath,
            path,
            &path.value.display().to_string(),
            error_chain(err),
        ))
        .into()
    };
    let name = if let Some(name) = &settings.seed_name {
        name.clone()
    } else {
        let loaded = registry.load().map_err(|err| registry_error(&err))?;
        let first = loaded.seeds().first().map(|seed| seed.name().clone());
        // A valid registry has at least one seed; an empty list fails its validation.
        let first = first
            .ok_or_else(|| registry_error(&std::io::Error::other("the registry lists no seed")))?;
        Sourced::default_value(first)
    };
    let count = settings.user_count.as_ref().map(|count| count.value);
    let plan = example_data::plan(&registry, &name.value, count).map_err(|err| match &err {
        SeedingError::UnknownSeed { .. } => ConfigError::from(unusable(
            Key::ExampleDataSeedName,
            &name,
            name.value.as_str(),
            err.to_string(),
        ))
        .into(),
        SeedingError::Registry { source, .. } => registry_error(source),
        _ => StartupError::Seeding(err),
    })?;
    if settings.is_enabled {
        Ok(SeedStep::Apply(Box::new(plan)))
    } else {
        Ok(SeedStep::Disabled)
    }
}

/// Applies `plan` on a thread of its own, in one transaction. A stop signal meanwhile ends
/// start-up without waiting: the transaction never commits, and PostgreSQL rolls it back
/// when the connection closes (or the embedded cluster stops).
///
/// # Errors
/// [`StartupError::Seeding`] (nothing committed), [`StartupError::Database`] when the
/// database cannot be reached, [`StartupError::Interrupted`] on a signal.
pub async fn run_seed(
    plan: Box<SeedPlan>,
    url: DatabaseUrl,
    signals: &mut StopSignals,
) -> Result<(), StartupError> {
    let seed = plan.seed_key().to_string();
    let users = plan.counts().users;
    tracing::info!(seed = %seed, users, "seeding example data");
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("seeding".to_owned())
        .spawn(move || {
            let result = provision::connect(&url)
                .map_err(StartupError::from)
                .and_then(|mut conn| {
                    let mut store = DieselExampleDataStore::new(&mut conn);
                    example_data::apply(&mut store, &plan).map_err(StartupError::from)
                });
            let _ = done_tx.send(result);
        })?;
    tokio::select! {
        done = done_rx => {
            let done = done.map_err(|_| std::io::Error::other("the seeding thread ended unexpectedly"))?;
            log_outcome(&seed, &done);
            done.map(drop)
        }
        signal = signals.recv() => {
            tracing::warn!(
                seed = %seed,
                signal,
                outcome = "interrupted",
                "stop signal while seeding: stopping before the seed commits; its transaction is rolled back"
            );
            Err(StartupError::Interrupted { signal, during: "seeding" })
        }
    }
}

fn log_outcome(seed: &str, done: &Result<SeedOutcome, StartupError>) {
    match done {
        Ok(SeedOutcome::Applied {
            counts, elapsed, ..
        }) => tracing::info!(
            seed,
            outcome = "applied",
            users = counts.users,
            preferences = counts.preferences,
            interests = counts.interests,
            elapsed_ms = elapsed.as_millis(),
            "example data applied: seed {seed}, {} users in {} ms",
            counts.users,
            elapsed.as_millis()
        ),
        Ok(SeedOutcome::AlreadyApplied { digest_matches, .. }) => {
            tracing::info!(
                seed,
                outcome = "already_applied",
                "example data already applied: seed {seed}; nothing written"
            );
            if !digest_matches {
                tracing::warn!(
                    seed,
                    "the registry entry or its catalogue changed since seed {seed} was applied; \
                     add a new named seed to apply the change"
                );
            }
        }
        Err(err) => tracing::error!(
            seed,
            outcome = "failed",
            error = %error_chain(err),
            "example data failed: nothing committed"
        ),
    }
}
