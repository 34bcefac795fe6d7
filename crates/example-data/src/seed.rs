//! Named seeds: the validated name, RNG seed and user count of one registry entry.
//!
//! Each value is a newtype built once through `TryFrom`/`FromStr`, so later code trusts it.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use thiserror::Error;

/// Longest accepted seed name, in bytes (names are ASCII).
const MAX_NAME_LEN: usize = 64;
/// Largest accepted user count per seed.
const MAX_USER_COUNT: u32 = 1_000_000;

/// A seed's registry name: lowercase ASCII words joined by single hyphens (`mossy-owl`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SeedName(String);

/// Why a string is not a [`SeedName`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SeedNameError {
    /// The name is empty.
    #[error("seed name must not be empty")]
    Empty,
    /// The name is longer than 64 characters.
    #[error("seed name `{0}` is longer than {MAX_NAME_LEN} characters")]
    TooLong(String),
    /// The name has a character other than `a-z`, `0-9` or a lone inner hyphen.
    #[error("seed name `{0}` must be lowercase words of a-z and 0-9 joined by single hyphens")]
    Malformed(String),
}

impl SeedName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Wraps a name the caller built from known-good parts.
    pub(crate) fn from_trusted(name: String) -> Self {
        debug_assert!(Self::check(&name).is_ok(), "untrusted seed name {name}");
        Self(name)
    }

    fn check(name: &str) -> Result<(), SeedNameError> {
        if name.is_empty() {
            return Err(SeedNameError::Empty);
        }
        if name.len() > MAX_NAME_LEN {
            return Err(SeedNameError::TooLong(name.to_owned()));
        }
        let well_formed = name.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if well_formed {
            Ok(())
        } else {
            Err(SeedNameError::Malformed(name.to_owned()))
        }
    }
}

impl TryFrom<&str> for SeedName {
    type Error = SeedNameError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Self::check(value)?;
        Ok(Self(value.to_owned()))
    }
}

impl TryFrom<String> for SeedName {
    type Error = SeedNameError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::check(&value)?;
        Ok(Self(value))
    }
}

impl FromStr for SeedName {
    type Err = SeedNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from(s)
    }
}

impl fmt::Display for SeedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The RNG seed of a named seed: an integer in `0..=i64::MAX`, so it fits a `BIGINT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SeedValue(i64);

/// Why a value is not a [`SeedValue`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SeedValueError {
    /// The value is negative, too large, or not an integer.
    #[error("seed must be an integer within 0..={max}, found {found}", max = i64::MAX)]
    OutOfRange {
        /// The rejected value as written.
        found: String,
    },
}

impl SeedValue {
    /// The seed as a signed 64-bit integer (never negative), as stored in `BIGINT`.
    pub fn get(self) -> i64 {
        self.0
    }

    /// The seed's little-endian bytes, as fed to the RNG key.
    pub(crate) fn to_le_bytes(self) -> [u8; 8] {
        self.0.to_le_bytes()
    }
}

impl TryFrom<i64> for SeedValue {
    type Error = SeedValueError;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        if value < 0 {
            return Err(SeedValueError::OutOfRange {
                found: value.to_string(),
            });
        }
        Ok(Self(value))
    }
}

impl TryFrom<u64> for SeedValue {
    type Error = SeedValueError;

    fn try_from(value: u64) -> Result<Self, Self::Error> {
        i64::try_from(value)
            .map(Self)
            .map_err(|_| SeedValueError::OutOfRange {
                found: value.to_string(),
            })
    }
}

impl TryFrom<&serde_json::Number> for SeedValue {
    type Error = SeedValueError;

    fn try_from(value: &serde_json::Number) -> Result<Self, Self::Error> {
        match (value.as_u64(), value.as_i64()) {
            (Some(unsigned), _) => Self::try_from(unsigned),
            (None, Some(signed)) => Self::try_from(signed),
            _ => Err(SeedValueError::OutOfRange {
                found: value.to_string(),
            }),
        }
    }
}

impl FromStr for SeedValue {
    type Err = SeedValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let out_of_range = || SeedValueError::OutOfRange {
            found: format!("`{s}`"),
        };
        s.trim()
            .parse::<i64>()
            .map_err(|_| out_of_range())
            .and_then(|value| Self::try_from(value).map_err(|_| out_of_range()))
    }
}

impl fmt::Display for SeedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How many users a seed generates: `1..=1_000_000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct UserCount(u32);

/// Why a value is not a [`UserCount`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UserCountError {
    /// The value is zero, too large, or not an integer.
    #[error("user count must be an integer within 1..={MAX_USER_COUNT}, found {found}")]
    OutOfRange {
        /// The rejected value as written.
        found: String,
    },
}

impl UserCount {
    /// The count as a `u32`.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u64> for UserCount {
    type Error = UserCountError;

    fn try_from(value: u64) -> Result<Self, Self::Error> {
        u32::try_from(value)
            .ok()
            .filter(|count| (1..=MAX_USER_COUNT).contains(count))
            .map(Self)
            .ok_or_else(|| UserCountError::OutOfRange {
                found: value.to_string(),
            })
    }
}

impl TryFrom<&serde_json::Number> for UserCount {
    type Error = UserCountError;

    fn try_from(value: &serde_json::Number) -> Result<Self, Self::Error> {
        value
            .as_u64()
            .ok_or_else(|| UserCountError::OutOfRange {
                found: value.to_string(),
            })
            .and_then(Self::try_from)
    }
}

impl FromStr for UserCount {
    type Err = UserCountError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let out_of_range = || UserCountError::OutOfRange {
            found: format!("`{s}`"),
        };
        s.trim()
            .parse::<u64>()
            .map_err(|_| out_of_range())
            .and_then(|value| Self::try_from(value).map_err(|_| out_of_range()))
    }
}

impl fmt::Display for UserCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One registry entry: a memorable name bound to an RNG seed and a user count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedSeed {
    name: SeedName,
    seed: SeedValue,
    user_count: UserCount,
}

impl NamedSeed {
    /// Binds a name to a seed and a user count.
    pub fn new(name: SeedName, seed: SeedValue, user_count: UserCount) -> Self {
        Self {
            name,
            seed,
            user_count,
        }
    }

    /// The seed's registry name.
    pub fn name(&self) -> &SeedName {
        &self.name
    }

    /// The RNG seed.
    pub fn seed(&self) -> SeedValue {
        self.seed
    }

    /// How many users the seed generates.
    pub fn user_count(&self) -> UserCount {
        self.user_count
    }
}

#[cfg(test)]
mod tests;
