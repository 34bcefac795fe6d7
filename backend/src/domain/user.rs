//! Users: the validated id and display name of a walker's profile.
//!
//! The display-name rule (the schema's `users_display_name_format` check) is the
//! `example-data` crate's `DisplayName`, re-exported here.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;
use uuid::Uuid;

/// A user's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserId(Uuid);

/// Why a text is not a [`UserId`].
#[derive(Debug, Error)]
#[error("user id `{value}` is not a UUID")]
pub struct UserIdError {
    /// The text as given.
    pub value: String,
    /// The parser's error.
    #[source]
    pub source: uuid::Error,
}

impl UserId {
    /// Wraps a UUID; every UUID is a valid user id.
    pub const fn new(id: Uuid) -> Self {
        Self(id)
    }

    /// The id as a UUID.
    pub const fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl From<Uuid> for UserId {
    fn from(id: Uuid) -> Self {
        Self(id)
    }
}

impl TryFrom<&str> for UserId {
    type Error = UserIdError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Uuid::parse_str(value)
            .map(Self)
            .map_err(|source| UserIdError {
                value: value.to_owned(),
                source,
            })
    }
}

impl FromStr for UserId {
    type Err = UserIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from(s)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A display name: 3-32 ASCII letters, digits, spaces or underscores, not blank. One type
/// with the generator's, which already checks the schema's rule.
pub use example_data::{DisplayName, DisplayNameError};

/// A walker's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    id: UserId,
    display_name: DisplayName,
}

impl User {
    /// A user from validated parts.
    pub const fn new(id: UserId, display_name: DisplayName) -> Self {
        Self { id, display_name }
    }

    /// The user's id.
    pub const fn id(&self) -> UserId {
        self.id
    }

    /// The user's display name.
    pub const fn display_name(&self) -> &DisplayName {
        &self.display_name
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("Ada Lovelace")]
    #[case("Fern_Heron42")]
    #[case("abc")]
    #[case("a234567890123456789012345678901b")]
    fn accepts_valid_display_names(#[case] name: &str) {
        let parsed = DisplayName::try_from(name).expect("valid");
        assert_eq!(parsed.as_str(), name);
    }

    #[rstest]
    #[case("", DisplayNameError::Blank)]
    #[case("    ", DisplayNameError::Blank)]
    #[case("ab", DisplayNameError::Length("ab".to_owned()))]
    #[case(
        "a2345678901234567890123456789012c",
        DisplayNameError::Length("a2345678901234567890123456789012c".to_owned())
    )]
    #[case("Zoë Ray", DisplayNameError::Character("Zoë Ray".to_owned()))]
    #[case("ada-l", DisplayNameError::Character("ada-l".to_owned()))]
    fn rejects_invalid_display_names(#[case] name: &str, #[case] expected: DisplayNameError) {
        assert_eq!(DisplayName::try_from(name), Err(expected));
    }

    #[test]
    fn display_name_error_names_the_value() {
        let err = DisplayName::try_from("no!").expect_err("invalid");
        assert!(err.to_string().contains("`no!`"), "{err}");
    }

    #[test]
    fn user_id_parses_and_names_bad_text() {
        let id = UserId::try_from("27f19aac-5db3-4358-ad3a-76ee580aa519").expect("uuid");
        assert_eq!(id.to_string(), "27f19aac-5db3-4358-ad3a-76ee580aa519");
        let err = UserId::try_from("nope").expect_err("not a uuid");
        assert_eq!(err.to_string(), "user id `nope` is not a UUID");
    }
}
