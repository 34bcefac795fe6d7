//! `SeedRegistry` over the registry file, read through the example-data crate's loader.

use std::path::{Path, PathBuf};

use example_data::Registry;

use crate::domain::ports::seed_registry::{SeedRegistry, SeedRegistryError};

/// The named-seed registry in a JSON file, read afresh on every load.
#[derive(Debug, Clone)]
pub struct RegistryFile {
    path: PathBuf,
    location: String,
}

impl RegistryFile {
    /// The registry at `path` (not read until [`SeedRegistry::load`]).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let location = path.display().to_string();
        Self { path, location }
    }

    /// The registry file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl SeedRegistry for RegistryFile {
    fn location(&self) -> &str {
        &self.location
    }

    fn load(&self) -> Result<Registry, SeedRegistryError> {
        Registry::load(&self.path).map_err(|source| SeedRegistryError::Load {
            location: self.location.clone(),
            source: Box::new(source),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_committed_registry() {
        let file = RegistryFile::new(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example-data/seeds.json"),
        );
        let registry = file.load().expect("committed registry loads");
        assert!(registry.seed("mossy-owl").is_some());
    }

    #[test]
    fn a_missing_file_names_the_path() {
        let file = RegistryFile::new("/nonexistent/seeds.json");
        let err = file.load().expect_err("missing");
        assert_eq!(
            err.to_string(),
            "example-data registry /nonexistent/seeds.json could not be loaded"
        );
        assert_eq!(file.location(), "/nonexistent/seeds.json");
    }
}
