//! Port: reads the descriptor catalogue (interest themes, safety toggles), ordered by slug.
//!
//! Implemented by `outbound::persistence::diesel_descriptor_catalogue`.

use std::error::Error as StdError;

use crate::domain::descriptor::{InterestTheme, SafetyToggle};

/// Why the catalogue could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DescriptorCatalogueError {
    /// No database connection could be had in time.
    #[error("the descriptor catalogue is unavailable")]
    Unavailable(#[source] Box<dyn StdError + Send + Sync>),
    /// A query failed.
    #[error("reading {what} failed")]
    Query {
        /// Which catalogue was being read.
        what: &'static str,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// A stored row breaks a domain rule.
    #[error("a stored {what} row is invalid")]
    InvalidRow {
        /// Which catalogue.
        what: &'static str,
        /// The validation failure.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
}

/// Read access to the descriptor catalogue; blocking.
pub trait DescriptorCatalogue: Send + Sync {
    /// Every interest theme, ordered by slug.
    ///
    /// # Errors
    /// [`DescriptorCatalogueError`] when the store cannot be read.
    fn interest_themes(&self) -> Result<Vec<InterestTheme>, DescriptorCatalogueError>;

    /// Every safety toggle, ordered by slug.
    ///
    /// # Errors
    /// [`DescriptorCatalogueError`] when the store cannot be read.
    fn safety_toggles(&self) -> Result<Vec<SafetyToggle>, DescriptorCatalogueError>;
}
