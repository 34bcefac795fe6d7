//! Port: the named-seed registry the seeding service draws from.
//!
//! Implemented by `outbound::example_data_registry`, which reads the registry file.

use example_data::{Registry, RegistryError};

/// Why the registry could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SeedRegistryError {
    /// The registry is missing, unreadable or invalid; the source names the file and the
    /// JSON path of the offending field.
    #[error("example-data registry {location} could not be loaded")]
    Load {
        /// Where the registry lives (a file path).
        location: String,
        /// The registry's own error (boxed: it is large and rare).
        #[source]
        source: Box<RegistryError>,
    },
}

/// A source of the validated named-seed registry.
pub trait SeedRegistry {
    /// Where the registry lives, for messages (a file path).
    fn location(&self) -> &str;

    /// Loads and validates the registry.
    ///
    /// # Errors
    ///
    /// [`SeedRegistryError::Load`] when the registry is missing, unreadable or invalid.
    fn load(&self) -> Result<Registry, SeedRegistryError>;
}
