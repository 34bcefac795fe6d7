//! Why a seed could not be planned or applied; every message names the seed, and where
//! one applies the registry file and the offending value.

use thiserror::Error;

use super::mapping::GenerationError;
use crate::domain::ports::example_data_store::ExampleDataStoreError;
use crate::domain::ports::seed_registry::SeedRegistryError;

/// Planning or applying an example-data seed failed; nothing was written.
#[derive(Debug, Error)]
pub enum SeedingError {
    /// The registry could not be loaded (missing, unreadable or invalid).
    #[error("cannot plan example-data seed `{seed}`")]
    Registry {
        /// The seed asked for.
        seed: String,
        /// The registry's error, naming the file and the JSON path.
        #[source]
        source: SeedRegistryError,
    },
    /// The registry has no seed of that name.
    #[error("example-data seed `{seed}` is not in registry {registry}; it has: {known}")]
    UnknownSeed {
        /// The seed asked for.
        seed: String,
        /// Where the registry lives.
        registry: String,
        /// The registry's seed names, comma-separated.
        known: String,
    },
    /// A generated or catalogue value breaks a domain rule.
    #[error("example-data seed `{seed}` from registry {registry} cannot be generated")]
    Generation {
        /// The seed asked for.
        seed: String,
        /// Where the registry lives.
        registry: String,
        /// What broke, naming the value.
        #[source]
        source: GenerationError,
    },
    /// The store failed; its transaction was rolled back.
    #[error("could not apply example-data seed `{seed}` from registry {registry}")]
    Persistence {
        /// The seed being applied.
        seed: String,
        /// Where the registry lives.
        registry: String,
        /// The store's error.
        #[source]
        source: ExampleDataStoreError,
    },
}
