//! The database schema to introspect, validated where it enters (CLI flag).
//!
//! `PostgreSQL` identifiers: non-empty, at most 63 bytes, no NUL.

use std::fmt;

/// A `PostgreSQL` schema name such as `public`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaName(String);

/// Why a string is not a [`SchemaName`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid schema name {name:?}: must be 1-63 bytes without NUL")]
pub struct SchemaNameError {
    /// The rejected name.
    pub name: String,
}

impl TryFrom<&str> for SchemaName {
    type Error = SchemaNameError;

    fn try_from(name: &str) -> Result<Self, Self::Error> {
        if name.is_empty() || name.len() > 63 || name.contains('\0') {
            return Err(SchemaNameError {
                name: name.to_owned(),
            });
        }
        Ok(Self(name.to_owned()))
    }
}

impl std::str::FromStr for SchemaName {
    type Err = SchemaNameError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::try_from(name)
    }
}

impl Default for SchemaName {
    fn default() -> Self {
        Self("public".to_owned())
    }
}

impl SchemaName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SchemaName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
