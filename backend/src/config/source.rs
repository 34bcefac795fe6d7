//! Where a setting's value came from, so that an error can send the reader to it.

use std::fmt;
use std::path::PathBuf;

use super::keys::Key;

/// The layer a value was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The built-in default.
    Default,
    /// A settings file, with its path.
    File(PathBuf),
    /// An environment variable, with its name.
    Env(&'static str),
    /// A command-line flag, with its name (without dashes).
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Default => f.write_str("the default"),
            Self::File(path) => write!(f, "file {}", path.display()),
            Self::Env(name) => write!(f, "environment variable {name}"),
            Self::Flag(name) => write!(f, "flag --{name}"),
        }
    }
}

/// A raw value as text, with the key it belongs to and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawValue {
    /// The setting.
    pub key: Key,
    /// The value as written (never logged when the key is secret).
    pub text: String,
    /// Where it was written.
    pub source: Source,
}

/// A validated value that remembers where it came from, for errors found later (an unknown
/// seed is only known once the registry is read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    /// The validated value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
}

impl<T> Sourced<T> {
    /// A value from the built-in default.
    pub const fn default_value(value: T) -> Self {
        Self {
            value,
            source: Source::Default,
        }
    }
}
