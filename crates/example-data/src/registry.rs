//! The named-seed registry: a versioned JSON file holding the descriptor catalogue and the
//! named seeds, parsed raw, validated once, and written back atomically.

mod lock;
mod raw;
mod validate;

use std::fs;
use std::path::Path;
use std::time::Duration;

use thiserror::Error;

use crate::atomic_io::write_atomic;
use crate::descriptor::Descriptor;
use crate::error::RegistryError;
use crate::seed::{NamedSeed, SeedName};
use raw::{Document, RawRegistry};

pub use lock::{LockedRegistry, registry_lock_path};

/// The registry format version this build reads and writes.
pub const REGISTRY_VERSION: u32 = 1;

/// Where the committed registry lives, relative to the workspace root; see
/// [`find_default_registry`](crate::find_default_registry).
pub const DEFAULT_REGISTRY_PATH: &str = "backend/fixtures/example-data/seeds.json";

/// How long [`Registry::load_locked`] callers in this crate wait for another writer.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(10);

/// A validated registry: non-empty catalogues with unique ids and slugs, and uniquely
/// named seeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    interest_themes: Vec<Descriptor>,
    safety_toggles: Vec<Descriptor>,
    seeds: Vec<NamedSeed>,
}

/// A seed with the same name is already in the registry.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a seed named `{name}` already exists")]
pub struct DuplicateSeedError {
    /// The name that is taken.
    pub name: SeedName,
}

impl Registry {
    /// Reads and validates the registry at `path`.
    ///
    /// # Errors
    ///
    /// [`RegistryError::Read`] when the file cannot be read; otherwise as [`Self::parse`].
    pub fn load(path: &Path) -> Result<Self, RegistryError> {
        let text = fs::read_to_string(path).map_err(|source| RegistryError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Takes the registry's exclusive lock (the file [`registry_lock_path`] names, created
    /// if needed), then reads and validates the registry, for a read-modify-write that no
    /// other writer can interleave with. Waits up to `wait` while another writer holds it.
    /// Readers need no lock: [`Registry::save`] replaces the file atomically.
    ///
    /// # Errors
    ///
    /// [`RegistryError::Read`] when the registry is missing (no lock file is created then),
    /// [`RegistryError::Lock`] when the lock file cannot be opened or locked,
    /// [`RegistryError::Locked`] when another writer still holds it after `wait`; otherwise
    /// as [`Self::load`].
    pub fn load_locked(path: &Path, wait: Duration) -> Result<LockedRegistry, RegistryError> {
        LockedRegistry::acquire(path, wait)
    }

    /// Parses and validates registry text; `path` only names the file in errors.
    ///
    /// # Errors
    ///
    /// [`RegistryError::Syntax`] for text that is not JSON, [`RegistryError::Shape`] for a
    /// missing, unknown or mistyped field, and [`RegistryError::Invalid`] for a broken rule
    /// (version, UUID, duplicate, empty list, seed or user count out of range).
    pub fn parse(text: &str, path: &Path) -> Result<Self, RegistryError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|source| RegistryError::Syntax {
                path: path.to_owned(),
                source,
            })?;
        let invalid = |(json_path, source)| RegistryError::Invalid {
            path: path.to_owned(),
            json_path,
            source,
        };
        if let Some(object) = value.as_object() {
            check_version(object.get("version")).map_err(invalid)?;
        }
        let raw: RawRegistry = serde_path_to_error::deserialize(value).map_err(|err| {
            let json_path = match err.path().to_string() {
                root if root == "." => "$".to_owned(),
                other => other,
            };
            RegistryError::Shape {
                path: path.to_owned(),
                json_path,
                source: err.into_inner(),
            }
        })?;
        validate::validate(raw).map_err(invalid)
    }

    /// The interest themes, in file order.
    pub fn interest_themes(&self) -> &[Descriptor] {
        &self.interest_themes
    }

    /// The safety toggles, in file order.
    pub fn safety_toggles(&self) -> &[Descriptor] {
        &self.safety_toggles
    }

    /// The named seeds, in file order.
    pub fn seeds(&self) -> &[NamedSeed] {
        &self.seeds
    }

    /// The seed called `name`, if any.
    pub fn seed(&self, name: &str) -> Option<&NamedSeed> {
        self.seeds.iter().find(|seed| seed.name().as_str() == name)
    }

    /// Appends `seed`, keeping every other entry and its order.
    ///
    /// # Errors
    ///
    /// [`DuplicateSeedError`] when a seed of that name exists; the registry is unchanged.
    pub fn add_seed(&mut self, seed: NamedSeed) -> Result<(), DuplicateSeedError> {
        if self.seed(seed.name().as_str()).is_some() {
            return Err(DuplicateSeedError {
                name: seed.name().clone(),
            });
        }
        self.seeds.push(seed);
        Ok(())
    }

    /// The registry as file text: two-space indented JSON, fixed key order, final newline.
    ///
    /// # Errors
    ///
    /// Only if serialization fails, which these types do not do in practice.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let document = Document {
            version: REGISTRY_VERSION,
            interest_themes: &self.interest_themes,
            safety_toggles: &self.safety_toggles,
            seeds: &self.seeds,
        };
        let mut text = serde_json::to_string_pretty(&document)?;
        text.push('\n');
        Ok(text)
    }

    /// Writes the registry to `path` atomically: a temporary file in the same directory,
    /// fsynced, then renamed over the target.
    ///
    /// # Errors
    ///
    /// [`RegistryError::Serialize`] or [`RegistryError::Write`]; on error the file at
    /// `path` is untouched.
    pub fn save(&self, path: &Path) -> Result<(), RegistryError> {
        let text = self.to_json().map_err(|source| RegistryError::Serialize {
            path: path.to_owned(),
            source,
        })?;
        write_atomic(path, text.as_bytes()).map_err(|source| RegistryError::Write {
            path: path.to_owned(),
            source,
        })
    }
}

fn check_version(version: Option<&serde_json::Value>) -> Result<(), validate::Located> {
    let found = match version {
        Some(value) if value.as_u64() == Some(u64::from(REGISTRY_VERSION)) => return Ok(()),
        Some(value) => value.to_string(),
        None => "missing".to_owned(),
    };
    Err((
        "version".to_owned(),
        crate::error::FieldError::UnsupportedVersion {
            found,
            expected: REGISTRY_VERSION,
        },
    ))
}

#[cfg(test)]
mod tests;
