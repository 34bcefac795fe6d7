//! Descriptors: the catalogue entries preferences refer to (interest themes, safety
//! toggles), each an id, a kebab-case slug and a display name.

use std::fmt;

use thiserror::Error;
use uuid::Uuid;

/// Most characters in a descriptor name.
pub const MAX_DESCRIPTOR_NAME_CHARS: usize = 64;

/// The id of an interest theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InterestThemeId(Uuid);

/// The id of a safety toggle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SafetyToggleId(Uuid);

macro_rules! uuid_id {
    ($name:ident) => {
        impl $name {
            /// Wraps a UUID.
            pub const fn new(id: Uuid) -> Self {
                Self(id)
            }

            /// The id as a UUID.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_id!(InterestThemeId);
uuid_id!(SafetyToggleId);

/// A descriptor slug: lowercase words of `a-z0-9` joined by single hyphens (`street-art`),
/// as the schema's `*_slug_format` checks require. One rule for the registry and the
/// database, so the `example-data` crate's type is used here too.
pub use example_data::{Slug, SlugError};

/// A descriptor's display name: not blank, no surrounding or control characters, at most
/// [`MAX_DESCRIPTOR_NAME_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DescriptorName(String);

/// Why a text is not a [`Slug`] or a [`DescriptorName`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DescriptorError {
    /// The slug is not kebab-case `a-z0-9`.
    #[error(transparent)]
    Slug(#[from] SlugError),
    /// The name is empty or only whitespace.
    #[error("descriptor name must not be blank")]
    BlankName,
    /// The name has leading or trailing whitespace or a control character.
    #[error("descriptor name `{0}` must not have surrounding whitespace or control characters")]
    NameCharacters(String),
    /// The name is longer than the limit.
    #[error("descriptor name `{0}` is longer than {MAX_DESCRIPTOR_NAME_CHARS} characters")]
    NameTooLong(String),
}

impl DescriptorName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for DescriptorName {
    type Error = DescriptorError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        if value.trim().is_empty() {
            return Err(DescriptorError::BlankName);
        }
        if value.trim() != value || value.chars().any(char::is_control) {
            return Err(DescriptorError::NameCharacters(value.to_owned()));
        }
        if value.chars().count() > MAX_DESCRIPTOR_NAME_CHARS {
            return Err(DescriptorError::NameTooLong(value.to_owned()));
        }
        Ok(Self(value.to_owned()))
    }
}

impl fmt::Display for DescriptorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One catalogue entry; `Id` says which catalogue ([`InterestThemeId`], [`SafetyToggleId`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Descriptor<Id> {
    id: Id,
    slug: Slug,
    name: DescriptorName,
}

/// An interest theme (`nature`, `street-art`, ...).
pub type InterestTheme = Descriptor<InterestThemeId>;
/// A safety toggle (`well-lit`, `step-free`, ...).
pub type SafetyToggle = Descriptor<SafetyToggleId>;

impl<Id: Copy> Descriptor<Id> {
    /// A descriptor from validated parts.
    pub const fn new(id: Id, slug: Slug, name: DescriptorName) -> Self {
        Self { id, slug, name }
    }

    /// The descriptor's id.
    pub const fn id(&self) -> Id {
        self.id
    }

    /// The descriptor's slug.
    pub const fn slug(&self) -> &Slug {
        &self.slug
    }

    /// The descriptor's display name.
    pub const fn name(&self) -> &DescriptorName {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("", DescriptorError::BlankName)]
    #[case("  ", DescriptorError::BlankName)]
    #[case(" Nature", DescriptorError::NameCharacters(" Nature".to_owned()))]
    #[case("Nat\nure", DescriptorError::NameCharacters("Nat\nure".to_owned()))]
    fn rejects_names(#[case] name: &str, #[case] expected: DescriptorError) {
        assert_eq!(DescriptorName::try_from(name), Err(expected));
    }

    #[test]
    fn rejects_long_names_and_accepts_the_limit() {
        let limit = "n".repeat(MAX_DESCRIPTOR_NAME_CHARS);
        assert!(DescriptorName::try_from(limit.as_str()).is_ok());
        let over = format!("{limit}n");
        assert_eq!(
            DescriptorName::try_from(over.as_str()),
            Err(DescriptorError::NameTooLong(over.clone()))
        );
    }
}
