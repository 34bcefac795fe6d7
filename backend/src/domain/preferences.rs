//! A user's preferences (interests, safety toggles, units, revision) and the interest
//! themes a user follows.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use thiserror::Error;
use uuid::Uuid;

use crate::domain::descriptor::{InterestThemeId, SafetyToggleId};
use crate::domain::user::UserId;

/// How distances are shown: the schema's `unit_system` enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum UnitSystem {
    /// Kilometres and metres (the schema's default).
    #[default]
    Metric,
    /// Miles and feet.
    Imperial,
}

/// Why a text is not a [`UnitSystem`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unit system `{0}` is neither `metric` nor `imperial`")]
pub struct UnitSystemError(pub String);

impl UnitSystem {
    /// The database and wire spelling: `metric` or `imperial`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Metric => "metric",
            Self::Imperial => "imperial",
        }
    }
}

impl TryFrom<&str> for UnitSystem {
    type Error = UnitSystemError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        match value {
            "metric" => Ok(Self::Metric),
            "imperial" => Ok(Self::Imperial),
            other => Err(UnitSystemError(other.to_owned())),
        }
    }
}

impl FromStr for UnitSystem {
    type Err = UnitSystemError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from(s)
    }
}

impl fmt::Display for UnitSystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An optimistic-concurrency counter: at least 1, bumped on every write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Revision(u32);

/// Why a number is not a [`Revision`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("revision must be an integer within 1..={max}, found {0}", max = i32::MAX)]
pub struct RevisionError(pub i64);

impl Revision {
    /// The revision of a row never written before.
    pub const INITIAL: Self = Self(1);

    /// The revision as a `u32`.
    pub const fn get(self) -> u32 {
        self.0
    }

    /// The revision as the schema's `integer`.
    pub fn as_i32(self) -> i32 {
        // Construction keeps the value within 1..=i32::MAX.
        i32::try_from(self.0).unwrap_or(i32::MAX)
    }
}

impl TryFrom<i64> for Revision {
    type Error = RevisionError;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        if (1..=i64::from(i32::MAX)).contains(&value) {
            u32::try_from(value)
                .map(Self)
                .map_err(|_| RevisionError(value))
        } else {
            Err(RevisionError(value))
        }
    }
}

impl TryFrom<i32> for Revision {
    type Error = RevisionError;

    fn try_from(value: i32) -> Result<Self, Self::Error> {
        Self::try_from(i64::from(value))
    }
}

/// Unvalidated preferences, as read from a request or a row; see [`UserPreferences`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPreferencesDraft {
    /// The user the preferences belong to.
    pub user_id: UserId,
    /// Interest themes, in the order given.
    pub interest_theme_ids: Vec<InterestThemeId>,
    /// Safety toggles, in the order given.
    pub safety_toggle_ids: Vec<SafetyToggleId>,
    /// Preferred units.
    pub unit_system: UnitSystem,
    /// The revision the preferences are at.
    pub revision: Revision,
}

/// Why a draft is not valid [`UserPreferences`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PreferencesError {
    /// An interest theme is listed twice.
    #[error("preferences of user {user_id} list interest theme {id} twice")]
    DuplicateInterestTheme {
        /// The user.
        user_id: UserId,
        /// The repeated id.
        id: InterestThemeId,
    },
    /// A safety toggle is listed twice.
    #[error("preferences of user {user_id} list safety toggle {id} twice")]
    DuplicateSafetyToggle {
        /// The user.
        user_id: UserId,
        /// The repeated id.
        id: SafetyToggleId,
    },
}

/// A user's preferences: distinct interest themes and safety toggles, units, revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPreferences {
    user_id: UserId,
    interest_theme_ids: Vec<InterestThemeId>,
    safety_toggle_ids: Vec<SafetyToggleId>,
    unit_system: UnitSystem,
    revision: Revision,
}

impl TryFrom<UserPreferencesDraft> for UserPreferences {
    type Error = PreferencesError;

    fn try_from(draft: UserPreferencesDraft) -> Result<Self, Self::Error> {
        let user_id = draft.user_id;
        if let Some(id) = first_duplicate(&draft.interest_theme_ids) {
            return Err(PreferencesError::DuplicateInterestTheme { user_id, id });
        }
        if let Some(id) = first_duplicate(&draft.safety_toggle_ids) {
            return Err(PreferencesError::DuplicateSafetyToggle { user_id, id });
        }
        Ok(Self {
            user_id,
            interest_theme_ids: draft.interest_theme_ids,
            safety_toggle_ids: draft.safety_toggle_ids,
            unit_system: draft.unit_system,
            revision: draft.revision,
        })
    }
}

fn first_duplicate<T: Ord + Copy>(ids: &[T]) -> Option<T> {
    let mut seen = BTreeSet::new();
    ids.iter().copied().find(|id| !seen.insert(*id))
}

impl UserPreferences {
    /// The user the preferences belong to.
    pub const fn user_id(&self) -> UserId {
        self.user_id
    }

    /// Interest themes, distinct, in the order given.
    pub fn interest_theme_ids(&self) -> &[InterestThemeId] {
        &self.interest_theme_ids
    }

    /// Safety toggles, distinct, in the order given.
    pub fn safety_toggle_ids(&self) -> &[SafetyToggleId] {
        &self.safety_toggle_ids
    }

    /// Interest themes as plain UUIDs, in order: what rows and response bodies carry.
    pub fn interest_theme_uuids(&self) -> Vec<Uuid> {
        self.interest_theme_ids
            .iter()
            .map(|id| *id.as_uuid())
            .collect()
    }

    /// Safety toggles as plain UUIDs, in order: what rows and response bodies carry.
    pub fn safety_toggle_uuids(&self) -> Vec<Uuid> {
        self.safety_toggle_ids
            .iter()
            .map(|id| *id.as_uuid())
            .collect()
    }

    /// Preferred units.
    pub const fn unit_system(&self) -> UnitSystem {
        self.unit_system
    }

    /// The revision the preferences are at.
    pub const fn revision(&self) -> Revision {
        self.revision
    }
}

/// One interest theme a user follows (a `user_interest_themes` row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InterestFollow {
    /// The follower.
    pub user_id: UserId,
    /// The followed theme.
    pub interest_theme_id: InterestThemeId,
}

#[cfg(test)]
mod tests {
    use rstest::rstest;
    use uuid::Uuid;

    use super::*;

    fn draft(themes: &[u128], toggles: &[u128]) -> UserPreferencesDraft {
        UserPreferencesDraft {
            user_id: UserId::new(Uuid::from_u128(1)),
            interest_theme_ids: themes
                .iter()
                .map(|n| InterestThemeId::new(Uuid::from_u128(*n)))
                .collect(),
            safety_toggle_ids: toggles
                .iter()
                .map(|n| SafetyToggleId::new(Uuid::from_u128(*n)))
                .collect(),
            unit_system: UnitSystem::Imperial,
            revision: Revision::INITIAL,
        }
    }

    #[test]
    fn keeps_distinct_ids_in_order() {
        let prefs = UserPreferences::try_from(draft(&[3, 1, 2], &[9])).expect("valid");
        let themes: Vec<u128> = prefs
            .interest_theme_ids()
            .iter()
            .map(|id| id.as_uuid().as_u128())
            .collect();
        assert_eq!(themes, [3, 1, 2]);
        assert_eq!(prefs.unit_system(), UnitSystem::Imperial);
        assert_eq!(prefs.revision().get(), 1);
    }

    #[test]
    fn rejects_a_repeated_interest_theme() {
        let err = UserPreferences::try_from(draft(&[1, 2, 1], &[])).expect_err("duplicate");
        assert!(matches!(
            err,
            PreferencesError::DuplicateInterestTheme { .. }
        ));
        assert!(
            err.to_string().contains(&Uuid::from_u128(1).to_string()),
            "{err}"
        );
    }

    #[test]
    fn rejects_a_repeated_safety_toggle() {
        let err = UserPreferences::try_from(draft(&[1], &[4, 4])).expect_err("duplicate");
        assert!(matches!(
            err,
            PreferencesError::DuplicateSafetyToggle { .. }
        ));
    }

    #[rstest]
    #[case("metric", Ok(UnitSystem::Metric))]
    #[case("imperial", Ok(UnitSystem::Imperial))]
    #[case("Metric", Err(UnitSystemError("Metric".to_owned())))]
    fn parses_unit_systems(
        #[case] text: &str,
        #[case] expected: Result<UnitSystem, UnitSystemError>,
    ) {
        assert_eq!(UnitSystem::try_from(text), expected);
    }

    #[rstest]
    #[case(0)]
    #[case(-1)]
    #[case(i64::from(i32::MAX) + 1)]
    fn rejects_revisions_outside_the_schema(#[case] value: i64) {
        assert_eq!(Revision::try_from(value), Err(RevisionError(value)));
    }

    #[test]
    fn accepts_the_largest_revision() {
        let revision = Revision::try_from(i32::MAX).expect("valid");
        assert_eq!(revision.as_i32(), i32::MAX);
    }
}
