//! Catalogue descriptors: the interest themes and safety toggles a registry offers.
//!
//! The seeder inserts them as rows so generated preferences reference real ids.

use std::fmt;

use serde::Serialize;
use thiserror::Error;
use uuid::Uuid;

/// A catalogue slug: lowercase ASCII words joined by single hyphens (`street-art`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Slug(String);

/// Why a string is not a [`Slug`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("slug `{0}` must be lowercase words of a-z and 0-9 joined by single hyphens")]
pub struct SlugError(String);

impl Slug {
    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for Slug {
    type Error = SlugError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        let well_formed = value.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if well_formed {
            Ok(Self(value.to_owned()))
        } else {
            Err(SlugError(value.to_owned()))
        }
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One interest theme or safety toggle: a fixed id, a slug and a human name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Descriptor {
    id: Uuid,
    slug: Slug,
    name: String,
}

impl Descriptor {
    /// Builds a descriptor from parts the registry has already validated.
    pub(crate) fn new(id: Uuid, slug: Slug, name: String) -> Self {
        Self { id, slug, name }
    }

    /// The row id.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// The stable slug.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }

    /// The human-readable name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("nature", true)]
    #[case("street-art", true)]
    #[case("step-free-2", true)]
    #[case("", false)]
    #[case("Street-Art", false)]
    #[case("street_art", false)]
    #[case("street--art", false)]
    #[case("-art", false)]
    fn validates_slugs(#[case] text: &str, #[case] valid: bool) {
        assert_eq!(Slug::try_from(text).is_ok(), valid);
    }
}
