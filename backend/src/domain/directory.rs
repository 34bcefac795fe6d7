//! The read side of the demo data: users a page at a time, one user, a user's preferences,
//! and the descriptor catalogue, through the [`UserDirectory`] and [`DescriptorCatalogue`]
//! ports.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::domain::descriptor::{InterestTheme, SafetyToggle};
use crate::domain::pagination::{KeysetPosition, Page, PageLimit};
use crate::domain::ports::descriptor_catalogue::{DescriptorCatalogue, DescriptorCatalogueError};
use crate::domain::ports::user_directory::{UserDirectory, UserDirectoryError};
use crate::domain::preferences::UserPreferences;
use crate::domain::user::{User, UserId};

/// A user with the times its row was created and last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserProfile {
    /// The user.
    pub user: User,
    /// When the user was created; the first half of the keyset order.
    pub created_at: DateTime<Utc>,
    /// When the user was last changed.
    pub updated_at: DateTime<Utc>,
}

impl UserProfile {
    /// This user's place in the `(created_at, id)` order.
    pub fn position(&self) -> KeysetPosition {
        KeysetPosition {
            created_at: self.created_at,
            id: *self.user.id().as_uuid(),
        }
    }
}

/// A user's preferences with the time they last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreferencesRecord {
    /// The preferences.
    pub preferences: UserPreferences,
    /// When they last changed.
    pub updated_at: DateTime<Utc>,
}

/// Why a read failed.
#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// No user has this id.
    #[error("no user has id {0}")]
    UserNotFound(UserId),
    /// The user exists but has no preferences row.
    #[error("user {0} has no preferences")]
    PreferencesNotFound(UserId),
    /// Users could not be read.
    #[error(transparent)]
    Users(#[from] UserDirectoryError),
    /// The catalogue could not be read.
    #[error(transparent)]
    Catalogue(#[from] DescriptorCatalogueError),
}

/// The read service over both ports; cheap to clone and shared by every HTTP worker.
#[derive(Clone)]
pub struct DirectoryService {
    users: Arc<dyn UserDirectory>,
    catalogue: Arc<dyn DescriptorCatalogue>,
}

impl DirectoryService {
    /// A service over the given ports.
    pub fn new(users: Arc<dyn UserDirectory>, catalogue: Arc<dyn DescriptorCatalogue>) -> Self {
        Self { users, catalogue }
    }

    /// One page of users after `after`, with the position of the next page unless this is
    /// the last one.
    ///
    /// # Errors
    /// [`DirectoryError::Users`] when the directory cannot be read.
    pub fn users(
        &self,
        after: Option<KeysetPosition>,
        limit: PageLimit,
    ) -> Result<Page<UserProfile>, DirectoryError> {
        let rows = self.users.users_after(after, limit.get() + 1)?;
        Ok(Page::from_overfetch(rows, limit, UserProfile::position))
    }

    /// The user with `id`.
    ///
    /// # Errors
    /// [`DirectoryError::UserNotFound`] for an unknown id; [`DirectoryError::Users`] when
    /// the directory cannot be read.
    pub fn user(&self, id: UserId) -> Result<UserProfile, DirectoryError> {
        self.users.user(id)?.ok_or(DirectoryError::UserNotFound(id))
    }

    /// The preferences of the user with `id`.
    ///
    /// # Errors
    /// [`DirectoryError::UserNotFound`] for an unknown id,
    /// [`DirectoryError::PreferencesNotFound`] for a user without preferences,
    /// [`DirectoryError::Users`] when the directory cannot be read.
    pub fn preferences(&self, id: UserId) -> Result<PreferencesRecord, DirectoryError> {
        if let Some(record) = self.users.preferences(id)? {
            return Ok(record);
        }
        // Only a miss pays for the second query that tells the two 404s apart.
        match self.users.user(id)? {
            Some(_) => Err(DirectoryError::PreferencesNotFound(id)),
            None => Err(DirectoryError::UserNotFound(id)),
        }
    }

    /// Every interest theme, ordered by slug.
    ///
    /// # Errors
    /// [`DirectoryError::Catalogue`] when the catalogue cannot be read.
    pub fn interest_themes(&self) -> Result<Vec<InterestTheme>, DirectoryError> {
        Ok(self.catalogue.interest_themes()?)
    }

    /// Every safety toggle, ordered by slug.
    ///
    /// # Errors
    /// [`DirectoryError::Catalogue`] when the catalogue cannot be read.
    pub fn safety_toggles(&self) -> Result<Vec<SafetyToggle>, DirectoryError> {
        Ok(self.catalogue.safety_toggles()?)
    }
}

#[cfg(test)]
#[path = "directory_tests.rs"]
mod tests;
