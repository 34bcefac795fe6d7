//! Port: reads users and their preferences, a page at a time in `(created_at, id)` order.
//!
//! Implemented by `outbound::persistence::diesel_user_directory`.

use std::error::Error as StdError;

use crate::domain::directory::{PreferencesRecord, UserProfile};
use crate::domain::pagination::KeysetPosition;
use crate::domain::user::UserId;

/// Why users could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UserDirectoryError {
    /// No database connection could be had in time.
    #[error("the user directory is unavailable")]
    Unavailable(#[source] Box<dyn StdError + Send + Sync>),
    /// A query failed.
    #[error("reading {what} failed")]
    Query {
        /// What was being read (users, a user, preferences).
        what: &'static str,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// A stored row breaks a domain rule (the schema and the domain disagree).
    #[error("a stored {what} row is invalid")]
    InvalidRow {
        /// Which kind of row.
        what: &'static str,
        /// The validation failure.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
}

/// Read access to users and preferences; blocking, so callers run it off the async runtime.
pub trait UserDirectory: Send + Sync {
    /// Up to `count` users strictly after `after` (from the start when `None`), ordered by
    /// `(created_at, id)`.
    ///
    /// # Errors
    /// [`UserDirectoryError`] when the store cannot be read.
    fn users_after(
        &self,
        after: Option<KeysetPosition>,
        count: usize,
    ) -> Result<Vec<UserProfile>, UserDirectoryError>;

    /// The user with `id`, if any.
    ///
    /// # Errors
    /// [`UserDirectoryError`] when the store cannot be read.
    fn user(&self, id: UserId) -> Result<Option<UserProfile>, UserDirectoryError>;

    /// The preferences of the user with `id`, if the user has any.
    ///
    /// # Errors
    /// [`UserDirectoryError`] when the store cannot be read.
    fn preferences(&self, id: UserId) -> Result<Option<PreferencesRecord>, UserDirectoryError>;
}
