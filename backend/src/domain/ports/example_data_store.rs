//! Port: writes a planned example-data seed, once, all or nothing.
//!
//! Implemented by `outbound::persistence::diesel_example_data_store`.

use std::error::Error as StdError;

use crate::domain::example_data::{SeedCounts, SeedPlan};

/// What the store did with a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreOutcome {
    /// The marker and every row of the plan were written, in one transaction.
    Applied(SeedCounts),
    /// A marker for the seed key existed already; nothing was written.
    AlreadyApplied {
        /// The registry digest recorded when the seed was applied.
        recorded_digest: String,
    },
}

/// A marker row: one seed already applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedRun {
    /// The seed's registry name.
    pub seed_key: String,
    /// The RNG seed.
    pub seed: i64,
    /// How many users were seeded.
    pub user_count: i32,
    /// SHA-256 (hex) of the registry entry and its descriptors.
    pub registry_digest: String,
}

/// Why the store failed; whatever it had written is rolled back.
#[derive(Debug, thiserror::Error)]
pub enum ExampleDataStoreError {
    /// The database could not be reached.
    #[error("could not connect to the database")]
    Connection {
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// A statement failed; `step` names what was being written or read.
    #[error("could not {step}")]
    Statement {
        /// What was being done (`insert the marker`, `copy users`, ...).
        step: &'static str,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
}

/// Persists seeds and reports which are applied.
pub trait ExampleDataStore {
    /// Writes `plan` in one transaction: the marker first; when its key is taken, nothing
    /// else. Concurrent callers on one database apply a key exactly once.
    ///
    /// # Errors
    ///
    /// [`ExampleDataStoreError`] when a statement fails; nothing is left written.
    fn apply(&mut self, plan: &SeedPlan) -> Result<StoreOutcome, ExampleDataStoreError>;

    /// The markers of every applied seed, ordered by seed key.
    ///
    /// # Errors
    ///
    /// [`ExampleDataStoreError`] when the markers cannot be read.
    fn applied_runs(&mut self) -> Result<Vec<AppliedRun>, ExampleDataStoreError>;
}
