//! Settings errors: each names the key, where its value came from, and the value (masked when
//! secret).

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use super::keys::Key;
use super::source::Source;

/// One setting whose value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSetting {
    /// The setting.
    pub key: Key,
    /// Where the value came from.
    pub source: Source,
    /// The value as it may be shown: secrets are masked.
    pub shown: String,
    /// Why it cannot be used.
    pub reason: String,
}

impl fmt::Display for InvalidSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "setting `{}` from {} has an unusable value `{}`: {}",
            self.key.spec().file_key,
            self.source,
            self.shown,
            self.reason
        )
    }
}

/// Why the settings could not be loaded.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The command line is malformed; clap's message carries the usage.
    #[error("{0}")]
    Usage(#[source] clap::Error),
    /// A settings file named explicitly does not exist.
    #[error("settings file {} (named by {named_by}) does not exist", path.display())]
    MissingFile {
        /// The file named.
        path: PathBuf,
        /// The flag or variable that named it.
        named_by: Source,
    },
    /// A settings file cannot be read or parsed, or holds an unknown key.
    #[error("settings file {}: {message}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// One or more values cannot be used.
    #[error("{}", list(.0))]
    Invalid(Vec<InvalidSetting>),
}

impl ConfigError {
    /// The exit code for this error: 2 for command-line usage, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(err) => u8::try_from(err.exit_code()).unwrap_or(2),
            _ => 1,
        }
    }
}

impl From<InvalidSetting> for ConfigError {
    fn from(invalid: InvalidSetting) -> Self {
        Self::Invalid(vec![invalid])
    }
}

fn list(all: &[InvalidSetting]) -> String {
    all.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
