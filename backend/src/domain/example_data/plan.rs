//! A planned seed: the marker to record and every row to write, generated and validated
//! before any database is touched.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::domain::descriptor::{InterestTheme, SafetyToggle};
use crate::domain::preferences::{InterestFollow, UserPreferences};
use crate::domain::user::User;

/// The version of the digest's canonical text; bump it when the text changes.
const DIGEST_FORMAT: &str = "wildside-example-data-digest/1";

/// The key of a marker row: the seed's registry name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeedKey(String);

impl SeedKey {
    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&example_data::SeedName> for SeedKey {
    // A seed name already satisfies the marker table's key check (same rule, same limit).
    fn from(name: &example_data::SeedName) -> Self {
        Self(name.as_str().to_owned())
    }
}

impl std::fmt::Display for SeedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the marker row records about the applied seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedMarker {
    /// The seed's registry name.
    pub seed_key: SeedKey,
    /// The RNG seed, `0..=i64::MAX`.
    pub seed: i64,
    /// How many users the plan writes, `1..=1_000_000`.
    pub user_count: i32,
    /// SHA-256 (lowercase hex) of the entry and the catalogue it draws from.
    pub registry_digest: String,
}

/// How many rows a seed wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedCounts {
    /// `users` rows.
    pub users: u64,
    /// `user_preferences` rows.
    pub preferences: u64,
    /// `user_interest_themes` rows.
    pub interests: u64,
    /// Descriptor rows (`interest_themes`, `safety_toggles`) newly inserted; rows that
    /// existed already are left as they are and not counted.
    pub descriptors: u64,
}

/// Everything one seed writes, validated; built by [`super::plan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedPlan {
    pub(super) marker: SeedMarker,
    pub(super) registry: String,
    pub(super) interest_themes: Vec<InterestTheme>,
    pub(super) safety_toggles: Vec<SafetyToggle>,
    pub(super) users: Vec<User>,
    pub(super) preferences: Vec<UserPreferences>,
    pub(super) follows: Vec<InterestFollow>,
}

impl SeedPlan {
    /// The marker row to record.
    pub const fn marker(&self) -> &SeedMarker {
        &self.marker
    }

    /// The seed's key.
    pub const fn seed_key(&self) -> &SeedKey {
        &self.marker.seed_key
    }

    /// Where the registry came from (a file path).
    pub fn registry(&self) -> &str {
        &self.registry
    }

    /// The interest themes of the catalogue, in registry order.
    pub fn interest_themes(&self) -> &[InterestTheme] {
        &self.interest_themes
    }

    /// The safety toggles of the catalogue, in registry order.
    pub fn safety_toggles(&self) -> &[SafetyToggle] {
        &self.safety_toggles
    }

    /// The users, in generation order.
    pub fn users(&self) -> &[User] {
        &self.users
    }

    /// One preferences row per user, in generation order.
    pub fn preferences(&self) -> &[UserPreferences] {
        &self.preferences
    }

    /// The followed interest themes, per user in generation order.
    pub fn follows(&self) -> &[InterestFollow] {
        &self.follows
    }

    /// The rows the plan writes when none of its descriptors exist yet.
    pub fn counts(&self) -> SeedCounts {
        SeedCounts {
            users: self.users.len() as u64,
            preferences: self.preferences.len() as u64,
            interests: self.follows.len() as u64,
            descriptors: (self.interest_themes.len() + self.safety_toggles.len()) as u64,
        }
    }
}

/// SHA-256 (lowercase hex) of a canonical text of the seed entry and its catalogue: one
/// line per fact, tab-separated; descriptor names hold no control characters, so the text
/// is unambiguous.
pub(super) fn registry_digest(
    seed_key: &SeedKey,
    seed: i64,
    user_count: i32,
    interest_themes: &[InterestTheme],
    safety_toggles: &[SafetyToggle],
) -> String {
    let mut text = format!("{DIGEST_FORMAT}\nseed\t{seed_key}\t{seed}\t{user_count}\n");
    for theme in interest_themes {
        let _ = writeln!(
            text,
            "interest-theme\t{}\t{}\t{}",
            theme.id(),
            theme.slug(),
            theme.name()
        );
    }
    for toggle in safety_toggles {
        let _ = writeln!(
            text,
            "safety-toggle\t{}\t{}\t{}",
            toggle.id(),
            toggle.slug(),
            toggle.name()
        );
    }
    Sha256::digest(text.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}
