//! Port: whether the database answers right now, for the readiness probe.
//!
//! Implemented by `outbound::persistence::diesel_database_health` over the connection pool.

use std::error::Error as StdError;

/// Why the database did not answer.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseHealthError {
    /// No connection could be had, or the probe query failed.
    #[error("the database does not answer")]
    Unavailable(#[source] Box<dyn StdError + Send + Sync>),
}

/// Probes the database.
pub trait DatabaseHealth: Send + Sync {
    /// Runs a trivial query; blocking, so callers off the async runtime.
    ///
    /// # Errors
    /// [`DatabaseHealthError::Unavailable`] when the database does not answer in time.
    fn check(&self) -> Result<(), DatabaseHealthError>;
}
