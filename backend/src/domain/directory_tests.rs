//! Unit tests of [`DirectoryService`] over in-memory port doubles.

use std::collections::BTreeMap;

use rstest::rstest;
use uuid::Uuid;

use super::*;
use crate::domain::preferences::{Revision, UnitSystem, UserPreferencesDraft};
use crate::domain::user::DisplayName;

/// Users held in memory, answered in keyset order like the real adapter.
struct InMemoryUsers {
    users: Vec<UserProfile>,
    preferences: BTreeMap<UserId, PreferencesRecord>,
}

impl UserDirectory for InMemoryUsers {
    fn users_after(
        &self,
        after: Option<KeysetPosition>,
        count: usize,
    ) -> Result<Vec<UserProfile>, UserDirectoryError> {
        let mut sorted = self.users.clone();
        sorted.sort_by_key(UserProfile::position);
        Ok(sorted
            .into_iter()
            .filter(|u| after.is_none_or(|a| u.position() > a))
            .take(count)
            .collect())
    }

    fn user(&self, id: UserId) -> Result<Option<UserProfile>, UserDirectoryError> {
        Ok(self.users.iter().find(|u| u.user.id() == id).cloned())
    }

    fn preferences(&self, id: UserId) -> Result<Option<PreferencesRecord>, UserDirectoryError> {
        Ok(self.preferences.get(&id).cloned())
    }
}

/// A store that never answers.
struct Down;

impl UserDirectory for Down {
    fn users_after(
        &self,
        _: Option<KeysetPosition>,
        _: usize,
    ) -> Result<Vec<UserProfile>, UserDirectoryError> {
        Err(down())
    }

    fn user(&self, _: UserId) -> Result<Option<UserProfile>, UserDirectoryError> {
        Err(down())
    }

    fn preferences(&self, _: UserId) -> Result<Option<PreferencesRecord>, UserDirectoryError> {
        Err(down())
    }
}

impl DescriptorCatalogue for Down {
    fn interest_themes(&self) -> Result<Vec<InterestTheme>, DescriptorCatalogueError> {
        Err(DescriptorCatalogueError::Unavailable("down".into()))
    }

    fn safety_toggles(&self) -> Result<Vec<SafetyToggle>, DescriptorCatalogueError> {
        Err(DescriptorCatalogueError::Unavailable("down".into()))
    }
}

fn down() -> UserDirectoryError {
    UserDirectoryError::Unavailable("down".into())
}

fn profile(n: u128, second: i64) -> UserProfile {
    let at = DateTime::from_timestamp(second, 0).expect("valid time");
    UserProfile {
        user: User::new(
            UserId::new(Uuid::from_u128(n)),
            DisplayName::try_from(format!("User {n}")).expect("valid name"),
        ),
        created_at: at,
        updated_at: at,
    }
}

fn record(id: UserId) -> PreferencesRecord {
    let draft = UserPreferencesDraft {
        user_id: id,
        interest_theme_ids: vec![],
        safety_toggle_ids: vec![],
        unit_system: UnitSystem::Metric,
        revision: Revision::INITIAL,
    };
    PreferencesRecord {
        preferences: UserPreferences::try_from(draft).expect("valid"),
        updated_at: DateTime::UNIX_EPOCH,
    }
}

// Ten users; equal creation times for some, so the id must break ties.
fn service() -> DirectoryService {
    let users: Vec<UserProfile> = (1..=10).rev().map(|n| profile(n, (n % 3) as i64)).collect();
    let preferences = users
        .iter()
        .filter(|u| u.user.id().as_uuid().as_u128() != 4)
        .map(|u| (u.user.id(), record(u.user.id())))
        .collect();
    DirectoryService::new(
        Arc::new(InMemoryUsers { users, preferences }),
        Arc::new(Down),
    )
}

#[rstest]
#[case(1)]
#[case(3)]
#[case(7)]
#[case(10)]
#[case(100)]
fn paging_visits_every_user_once_in_keyset_order(#[case] limit: i64) {
    let service = service();
    let limit = PageLimit::try_from(limit).expect("valid");
    let (mut seen, mut after, mut pages) = (Vec::new(), None, 0);
    loop {
        let page = service.users(after, limit).expect("page");
        pages += 1;
        assert!(page.items.len() <= limit.get());
        seen.extend(page.items.iter().map(UserProfile::position));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let mut expected = seen.clone();
    expected.sort();
    expected.dedup();
    assert_eq!(seen, expected, "in order, no repeats");
    assert_eq!(seen.len(), 10);
    assert_eq!(pages, 10_usize.div_ceil(limit.get()));
}

#[test]
fn unknown_user_and_missing_preferences_are_told_apart() {
    let service = service();
    let nobody = UserId::new(Uuid::from_u128(99));
    assert!(matches!(service.user(nobody), Err(DirectoryError::UserNotFound(id)) if id == nobody));
    assert!(matches!(
        service.preferences(nobody),
        Err(DirectoryError::UserNotFound(_))
    ));
    let without = UserId::new(Uuid::from_u128(4));
    assert!(matches!(
        service.preferences(without),
        Err(DirectoryError::PreferencesNotFound(id)) if id == without
    ));
    let with = UserId::new(Uuid::from_u128(5));
    assert_eq!(
        service
            .preferences(with)
            .expect("found")
            .preferences
            .user_id(),
        with
    );
}

#[test]
fn store_failures_pass_through_with_their_cause() {
    let service = DirectoryService::new(Arc::new(Down), Arc::new(Down));
    let failure = service
        .users(None, PageLimit::default())
        .expect_err("store down");
    assert!(matches!(
        failure,
        DirectoryError::Users(UserDirectoryError::Unavailable(_))
    ));
    assert!(std::error::Error::source(&failure).is_some());
    assert!(matches!(
        service.interest_themes(),
        Err(DirectoryError::Catalogue(
            DescriptorCatalogueError::Unavailable(_)
        ))
    ));
}
