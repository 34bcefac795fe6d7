//! Maps the example-data crate's plain values onto validated domain types.
//!
//! The crate and the domain share the display-name rule, so users map without loss; the
//! domain's descriptor rules are stricter than the registry's, so a catalogue entry can fail.

use example_data::{ExamplePreferences, ExampleUser, Registry};
use thiserror::Error;

use crate::domain::descriptor::{
    Descriptor, DescriptorError, DescriptorName, InterestTheme, InterestThemeId, SafetyToggle,
    SafetyToggleId,
};
use crate::domain::preferences::{
    InterestFollow, PreferencesError, Revision, UnitSystem, UserPreferences, UserPreferencesDraft,
};
use crate::domain::user::{User, UserId};

/// A generated value the domain rejects.
#[derive(Debug, Error)]
pub enum GenerationError {
    /// A catalogue entry breaks a domain rule.
    #[error("`{json_path}` is not a valid descriptor")]
    Descriptor {
        /// Where in the registry, e.g. `interestThemes[3].name`.
        json_path: String,
        /// The broken rule, with the value.
        #[source]
        source: DescriptorError,
    },
    /// Generated preferences break a domain rule.
    #[error("generated user #{index} has invalid preferences")]
    Preferences {
        /// The user's position in generation order, from 0.
        index: usize,
        /// The broken rule.
        #[source]
        source: PreferencesError,
    },
}

/// The registry's catalogue as domain descriptors, in registry order.
pub(super) fn catalogue(
    registry: &Registry,
) -> Result<(Vec<InterestTheme>, Vec<SafetyToggle>), GenerationError> {
    let themes = descriptors(registry.interest_themes(), "interestThemes", |d| {
        InterestThemeId::new(d.id())
    })?;
    let toggles = descriptors(registry.safety_toggles(), "safetyToggles", |d| {
        SafetyToggleId::new(d.id())
    })?;
    Ok((themes, toggles))
}

fn descriptors<Id: Copy>(
    entries: &[example_data::Descriptor],
    list: &str,
    id: impl Fn(&example_data::Descriptor) -> Id,
) -> Result<Vec<Descriptor<Id>>, GenerationError> {
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let at = |field: &'static str| {
                move |source| GenerationError::Descriptor {
                    json_path: format!("{list}[{index}].{field}"),
                    source,
                }
            };
            // The registry has already parsed the slug, with the same rule.
            let name = DescriptorName::try_from(entry.name()).map_err(at("name"))?;
            Ok(Descriptor::new(id(entry), entry.slug().clone(), name))
        })
        .collect()
}

/// The rows of one generated user, appended to the plan's vectors.
pub(super) struct UserRows {
    pub(super) users: Vec<User>,
    pub(super) preferences: Vec<UserPreferences>,
    pub(super) follows: Vec<InterestFollow>,
}

impl UserRows {
    pub(super) fn with_capacity(users: usize) -> Self {
        Self {
            users: Vec::with_capacity(users),
            preferences: Vec::with_capacity(users),
            // Users follow one to three themes; two on average.
            follows: Vec::with_capacity(users * 2),
        }
    }

    pub(super) fn push(&mut self, index: usize, user: ExampleUser) -> Result<(), GenerationError> {
        let id = UserId::new(user.id);
        let display_name = user.display_name.clone();
        let preferences = UserPreferences::try_from(draft(id, &user.preferences))
            .map_err(|source| GenerationError::Preferences { index, source })?;
        self.users.push(User::new(id, display_name));
        self.preferences.push(preferences);
        self.follows
            .extend(
                user.followed_interest_theme_ids
                    .into_iter()
                    .map(|theme| InterestFollow {
                        user_id: id,
                        interest_theme_id: InterestThemeId::new(theme),
                    }),
            );
        Ok(())
    }
}

fn draft(user_id: UserId, preferences: &ExamplePreferences) -> UserPreferencesDraft {
    UserPreferencesDraft {
        user_id,
        interest_theme_ids: preferences
            .interest_theme_ids
            .iter()
            .copied()
            .map(InterestThemeId::new)
            .collect(),
        safety_toggle_ids: preferences
            .safety_toggle_ids
            .iter()
            .copied()
            .map(SafetyToggleId::new)
            .collect(),
        unit_system: match preferences.unit_system {
            example_data::UnitSystem::Metric => UnitSystem::Metric,
            example_data::UnitSystem::Imperial => UnitSystem::Imperial,
        },
        revision: Revision::INITIAL,
    }
}
