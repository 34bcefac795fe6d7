//! Deterministic users: one `ChaCha8` stream per seed, drawn in a fixed order per user, so
//! the same registry and seed give the same users on every run and machine.

use serde::Serialize;
use uuid::Uuid;

use crate::descriptor::Descriptor;
use crate::display_name::DisplayName;
use crate::names::display_name;
use crate::registry::Registry;
use crate::rng::{Draws, USERS_STREAM};
use crate::seed::{NamedSeed, SeedValue, UserCount};

/// Most interest themes one user picks.
const MAX_THEMES: u32 = 3;
/// Most safety toggles one user picks.
const MAX_TOGGLES: u32 = 2;
/// One user in this many prefers imperial units.
const IMPERIAL_ONE_IN: u32 = 5;

/// The measurement system a user prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitSystem {
    /// Kilometres and metres.
    Metric,
    /// Miles and feet.
    Imperial,
}

impl UnitSystem {
    /// The database spelling: `metric` or `imperial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Metric => "metric",
            Self::Imperial => "imperial",
        }
    }
}

/// A user's preferences; ids refer to the registry's catalogue, in catalogue order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExamplePreferences {
    /// One to three interest theme ids, without duplicates.
    pub interest_theme_ids: Vec<Uuid>,
    /// Zero to two safety toggle ids, without duplicates.
    pub safety_toggle_ids: Vec<Uuid>,
    /// Mostly metric; about one user in five is imperial.
    pub unit_system: UnitSystem,
}

/// One generated demo user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleUser {
    /// A version 4 UUID built from RNG bytes.
    pub id: Uuid,
    /// A name that passes the backend's display-name rule.
    pub display_name: DisplayName,
    /// The user's preferences.
    pub preferences: ExamplePreferences,
    /// The interest themes the user follows: the same themes as in the preferences, so
    /// both tables tell one story.
    pub followed_interest_theme_ids: Vec<Uuid>,
}

/// An iterator over a seed's users, in order; take a prefix to preview them.
pub struct ExampleUsers<'a> {
    draws: Draws,
    interest_themes: &'a [Descriptor],
    safety_toggles: &'a [Descriptor],
    remaining: u32,
    scratch: Vec<usize>,
}

impl<'a> ExampleUsers<'a> {
    /// The `count` users of `seed`, drawing preferences from `registry`'s catalogue.
    pub fn new(registry: &'a Registry, seed: SeedValue, count: UserCount) -> Self {
        Self {
            draws: Draws::new(seed, USERS_STREAM),
            interest_themes: registry.interest_themes(),
            safety_toggles: registry.safety_toggles(),
            remaining: count.get(),
            scratch: Vec::new(),
        }
    }

    /// Draws, in this order: id (two 64-bit words), display name, theme count and themes,
    /// toggle count and toggles, unit system.
    fn next_user(&mut self) -> ExampleUser {
        let id = self.draws.uuid_v4();
        let display_name = display_name(&mut self.draws);
        let interest_theme_ids = self.pick(1, MAX_THEMES, Catalogue::Themes);
        let safety_toggle_ids = self.pick(0, MAX_TOGGLES, Catalogue::Toggles);
        let unit_system = if self.draws.below(IMPERIAL_ONE_IN) == 0 {
            UnitSystem::Imperial
        } else {
            UnitSystem::Metric
        };
        ExampleUser {
            id,
            display_name,
            followed_interest_theme_ids: interest_theme_ids.clone(),
            preferences: ExamplePreferences {
                interest_theme_ids,
                safety_toggle_ids,
                unit_system,
            },
        }
    }

    /// Picks `min..=max` distinct entries (capped at the list's length) by a partial
    /// Fisher-Yates shuffle, returned in catalogue order.
    fn pick(&mut self, min: u32, max: u32, which: Catalogue) -> Vec<Uuid> {
        let list = match which {
            Catalogue::Themes => self.interest_themes,
            Catalogue::Toggles => self.safety_toggles,
        };
        let wanted = (min + self.draws.below(max - min + 1)) as usize;
        let count = wanted.min(list.len());
        self.scratch.clear();
        self.scratch.extend(0..list.len());
        for slot in 0..count {
            let chosen = slot + self.draws.index(list.len() - slot);
            self.scratch.swap(slot, chosen);
        }
        let picked = &mut self.scratch[..count];
        picked.sort_unstable();
        picked.iter().map(|&index| list[index].id()).collect()
    }
}

#[derive(Clone, Copy)]
enum Catalogue {
    Themes,
    Toggles,
}

impl Iterator for ExampleUsers<'_> {
    type Item = ExampleUser;

    fn next(&mut self) -> Option<ExampleUser> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        Some(self.next_user())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let remaining = self.remaining as usize;
        (remaining, Some(remaining))
    }
}

impl ExactSizeIterator for ExampleUsers<'_> {}

/// All users of `seed`, drawing preferences from `registry`'s catalogue.
pub fn generate_users(registry: &Registry, seed: &NamedSeed) -> Vec<ExampleUser> {
    ExampleUsers::new(registry, seed.seed(), seed.user_count()).collect()
}

#[cfg(test)]
mod tests;
