//! The example-data seeding service: plan a named seed from the registry (generate and
//! validate, no database), then apply the plan once through the store.
//!
//! The two steps let start-up reject a bad seed before anything is written.

mod error;
mod mapping;
mod plan;

use std::time::{Duration, Instant};

pub use example_data::{SeedName, UserCount};

pub use self::error::SeedingError;
pub use self::mapping::GenerationError;
pub use self::plan::{SeedCounts, SeedKey, SeedMarker, SeedPlan};
use crate::domain::ports::example_data_store::{ExampleDataStore, StoreOutcome};
use crate::domain::ports::seed_registry::SeedRegistry;

/// What [`apply`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedOutcome {
    /// This call wrote the seed.
    Applied {
        /// The seed's key.
        seed_key: SeedKey,
        /// Rows written.
        counts: SeedCounts,
        /// Time spent in the store (the transaction), not in planning.
        elapsed: Duration,
    },
    /// The seed was applied before (maybe by another process); nothing was written.
    AlreadyApplied {
        /// The seed's key.
        seed_key: SeedKey,
        /// Whether the recorded registry digest equals the plan's: `false` means the
        /// registry entry or its catalogue changed since the seed was applied.
        digest_matches: bool,
    },
}

/// Resolves `name` in the registry, generates its users (`user_count` overrides the
/// registry's count) and validates every row. Touches no database.
///
/// # Errors
///
/// [`SeedingError::Registry`] when the registry cannot be loaded,
/// [`SeedingError::UnknownSeed`] when it has no such seed, and
/// [`SeedingError::Generation`] when a generated or catalogue value breaks a domain rule.
pub fn plan<R: SeedRegistry + ?Sized>(
    registry: &R,
    name: &SeedName,
    user_count: Option<UserCount>,
) -> Result<SeedPlan, SeedingError> {
    let location = registry.location().to_owned();
    let loaded = registry.load().map_err(|source| SeedingError::Registry {
        seed: name.to_string(),
        source,
    })?;
    let entry = loaded
        .seed(name.as_str())
        .ok_or_else(|| SeedingError::UnknownSeed {
            seed: name.to_string(),
            registry: location.clone(),
            known: loaded
                .seeds()
                .iter()
                .map(|seed| seed.name().as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    let generation = |source| SeedingError::Generation {
        seed: name.to_string(),
        registry: location.clone(),
        source,
    };
    let count = user_count.unwrap_or_else(|| entry.user_count());
    let (interest_themes, safety_toggles) = mapping::catalogue(&loaded).map_err(generation)?;
    let mut rows = mapping::UserRows::with_capacity(count.get() as usize);
    let users = example_data::ExampleUsers::new(&loaded, entry.seed(), count);
    for (index, user) in users.enumerate() {
        rows.push(index, user).map_err(generation)?;
    }
    let seed_key = SeedKey::from(name);
    // User counts are at most 1,000,000, so they fit the schema's integer.
    let user_count = i32::try_from(count.get()).unwrap_or(i32::MAX);
    let registry_digest = plan::registry_digest(
        &seed_key,
        entry.seed().get(),
        user_count,
        &interest_themes,
        &safety_toggles,
    );
    Ok(SeedPlan {
        marker: SeedMarker {
            seed_key,
            seed: entry.seed().get(),
            user_count,
            registry_digest,
        },
        registry: location,
        interest_themes,
        safety_toggles,
        users: rows.users,
        preferences: rows.preferences,
        follows: rows.follows,
    })
}

/// Writes `plan` through `store`, once: when the seed's marker exists, nothing is written.
///
/// # Errors
///
/// [`SeedingError::Persistence`] when the store fails; its transaction is rolled back, so
/// neither the marker nor any row remains.
pub fn apply<S: ExampleDataStore + ?Sized>(
    store: &mut S,
    plan: &SeedPlan,
) -> Result<SeedOutcome, SeedingError> {
    let began = Instant::now();
    let outcome = store
        .apply(plan)
        .map_err(|source| SeedingError::Persistence {
            seed: plan.seed_key().to_string(),
            registry: plan.registry().to_owned(),
            source,
        })?;
    let seed_key = plan.seed_key().clone();
    Ok(match outcome {
        StoreOutcome::Applied(counts) => SeedOutcome::Applied {
            seed_key,
            counts,
            elapsed: began.elapsed(),
        },
        StoreOutcome::AlreadyApplied { recorded_digest } => SeedOutcome::AlreadyApplied {
            seed_key,
            digest_matches: recorded_digest == plan.marker().registry_digest,
        },
    })
}

#[cfg(test)]
mod tests;
