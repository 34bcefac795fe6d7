//! The display-name rule shared with the backend: 3-32 characters of letters, digits,
//! spaces and underscores, not blank.

use std::fmt;

use serde::Serialize;
use thiserror::Error;

/// Fewest characters in a display name.
pub(crate) const MIN_DISPLAY_NAME_CHARS: usize = 3;
/// Most characters in a display name.
pub(crate) const MAX_DISPLAY_NAME_CHARS: usize = 32;

/// A user's display name, valid under the backend's rule.
///
/// The same rule as the `users_display_name_format` check in the schema: ASCII letters and
/// digits, spaces and underscores (`^[A-Za-z0-9_ ]+$`), 3-32 characters, not blank.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DisplayName(String);

/// Why a string is not a [`DisplayName`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DisplayNameError {
    /// Empty or only spaces.
    #[error("display name must not be blank")]
    Blank,
    /// Fewer than 3 or more than 32 characters.
    #[error(
        "display name `{0}` must have {MIN_DISPLAY_NAME_CHARS} to {MAX_DISPLAY_NAME_CHARS} characters"
    )]
    Length(String),
    /// A character other than a letter, digit, space or underscore.
    #[error("display name `{0}` may only contain letters, digits, spaces and underscores")]
    Character(String),
}

impl DisplayName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Wraps a name the generator built from parts that always satisfy the rule.
    pub(crate) fn from_trusted(name: String) -> Self {
        debug_assert!(Self::check(&name).is_ok(), "untrusted display name {name}");
        Self(name)
    }

    fn check(name: &str) -> Result<(), DisplayNameError> {
        if name.trim().is_empty() {
            return Err(DisplayNameError::Blank);
        }
        let chars = name.chars().count();
        if !(MIN_DISPLAY_NAME_CHARS..=MAX_DISPLAY_NAME_CHARS).contains(&chars) {
            return Err(DisplayNameError::Length(name.to_owned()));
        }
        if !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'_')
        {
            return Err(DisplayNameError::Character(name.to_owned()));
        }
        Ok(())
    }
}

impl TryFrom<String> for DisplayName {
    type Error = DisplayNameError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::check(&value)?;
        Ok(Self(value))
    }
}

impl TryFrom<&str> for DisplayName {
    type Error = DisplayNameError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Self::check(value)?;
        Ok(Self(value.to_owned()))
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Ada")]
    #[case("Ada Lovelace")]
    #[case("amara_heron42")]
    #[case("x_1")]
    #[case("abcdefghijklmnopqrstuvwxyz012345")]
    fn accepts_valid_names(#[case] name: &str) {
        assert_eq!(
            DisplayName::try_from(name).map(|n| n.to_string()),
            Ok(name.to_owned())
        );
    }

    #[rstest]
    #[case("", DisplayNameError::Blank)]
    #[case("    ", DisplayNameError::Blank)]
    #[case("Al", DisplayNameError::Length("Al".into()))]
    #[case(
        "abcdefghijklmnopqrstuvwxyz0123456",
        DisplayNameError::Length("abcdefghijklmnopqrstuvwxyz0123456".into())
    )]
    #[case("Ada-Lovelace", DisplayNameError::Character("Ada-Lovelace".into()))]
    #[case("Zoë Ng", DisplayNameError::Character("Zoë Ng".into()))]
    #[case("tab\there", DisplayNameError::Character("tab\there".into()))]
    fn rejects_invalid_names(#[case] name: &str, #[case] expected: DisplayNameError) {
        assert_eq!(DisplayName::try_from(name), Err(expected));
    }
}
