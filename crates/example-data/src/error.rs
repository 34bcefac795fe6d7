//! Errors of the registry: each names the registry file and, where one applies, the JSON
//! path of the offending field (`seeds[2].seed`).

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use thiserror::Error;
use uuid::Uuid;

use crate::descriptor::SlugError;
use crate::seed::{SeedNameError, SeedValueError, UserCountError};

/// Loading, validating or saving a registry failed.
#[derive(Debug, Error)]
pub enum RegistryError {
    /// The file could not be read.
    #[error("cannot read registry {}", path.display())]
    Read {
        /// The registry file.
        path: PathBuf,
        /// The I/O failure.
        #[source]
        source: io::Error,
    },
    /// The file is not JSON.
    #[error("registry {} is not valid JSON", path.display())]
    Syntax {
        /// The registry file.
        path: PathBuf,
        /// The parser's error, with line and column.
        #[source]
        source: serde_json::Error,
    },
    /// A field is missing, unknown or of the wrong JSON type.
    #[error("registry {} has an invalid `{json_path}`", path.display())]
    Shape {
        /// The registry file.
        path: PathBuf,
        /// Where in the document, e.g. `seeds[2]`.
        json_path: String,
        /// The deserializer's error.
        #[source]
        source: serde_json::Error,
    },
    /// A field is well-typed but breaks a registry rule.
    #[error("registry {} has an invalid `{json_path}`", path.display())]
    Invalid {
        /// The registry file.
        path: PathBuf,
        /// Where in the document, e.g. `seeds[2].seed`.
        json_path: String,
        /// The broken rule.
        #[source]
        source: FieldError,
    },
    /// The registry could not be rendered as JSON.
    #[error("cannot serialize registry {}", path.display())]
    Serialize {
        /// The registry file.
        path: PathBuf,
        /// The serializer's error.
        #[source]
        source: serde_json::Error,
    },
    /// The file could not be written.
    #[error("cannot write registry {}", path.display())]
    Write {
        /// The registry file.
        path: PathBuf,
        /// The I/O failure.
        #[source]
        source: io::Error,
    },
    /// The registry's lock file could not be opened or locked.
    #[error("cannot lock registry {} with lock file {}", path.display(), lock_path.display())]
    Lock {
        /// The registry file.
        path: PathBuf,
        /// The lock file beside it.
        lock_path: PathBuf,
        /// The I/O failure.
        #[source]
        source: io::Error,
    },
    /// Another writer held the registry's lock for longer than the caller would wait.
    #[error(
        "registry {} is locked by another writer: lock file {} still held after {} ms",
        path.display(),
        lock_path.display(),
        waited.as_millis()
    )]
    Locked {
        /// The registry file.
        path: PathBuf,
        /// The lock file beside it.
        lock_path: PathBuf,
        /// How long the caller waited.
        waited: Duration,
    },
}

/// A registry rule that one field breaks.
#[derive(Debug, Error)]
pub enum FieldError {
    /// `version` is missing or not a version this build reads.
    #[error("unsupported registry version {found}; this build reads version {expected}")]
    UnsupportedVersion {
        /// The version as written (`missing` when absent).
        found: String,
        /// The version this build reads.
        expected: u32,
    },
    /// A catalogue or seed list is empty.
    #[error("list must not be empty")]
    EmptyList,
    /// An id is not a UUID.
    #[error("`{value}` is not a UUID")]
    Uuid {
        /// The text as written.
        value: String,
        /// The UUID parser's error.
        #[source]
        source: uuid::Error,
    },
    /// An id is used twice in the catalogue.
    #[error("duplicate id {id}; first used at `{first}`")]
    DuplicateId {
        /// The repeated id.
        id: Uuid,
        /// JSON path of the first use.
        first: String,
    },
    /// A slug is used twice in one catalogue list.
    #[error("duplicate slug `{slug}`; first used at `{first}`")]
    DuplicateSlug {
        /// The repeated slug.
        slug: String,
        /// JSON path of the first use.
        first: String,
    },
    /// A seed name is used twice.
    #[error("duplicate seed name `{name}`; first used at `{first}`")]
    DuplicateName {
        /// The repeated name.
        name: String,
        /// JSON path of the first use.
        first: String,
    },
    /// A descriptor name is blank.
    #[error("name must not be blank")]
    BlankName,
    /// A slug is malformed.
    #[error(transparent)]
    Slug(#[from] SlugError),
    /// A seed name is malformed.
    #[error(transparent)]
    SeedName(#[from] SeedNameError),
    /// A seed is outside `0..=i64::MAX`.
    #[error(transparent)]
    SeedValue(#[from] SeedValueError),
    /// A user count is outside `1..=1_000_000`.
    #[error(transparent)]
    UserCount(#[from] UserCountError),
}
