//! Layered settings for the `backend` server: defaults, then a TOML settings file, then the
//! environment, then flags (read through `ortho_config`'s file discovery), validated once
//! into [`Settings`]. Errors name the key, its source and its value, secrets masked.

mod error;
mod flags;
mod keys;
mod layers;
mod secret;
mod settings;
mod source;
mod validate;

#[cfg(test)]
mod tests;

pub use error::{ConfigError, InvalidSetting};
pub use flags::Flags;
pub use keys::{CONFIG_ENV, CONFIG_FLAG, DOTFILE, Key, KeySpec, markdown_table};
pub use layers::Inputs;
pub use secret::{MASK, mask_url};
pub use settings::{
    DatabaseSettings, DatabaseTarget, EmbeddedStorage, ExampleDataSettings, HttpSettings,
    LogFormat, Settings,
};
pub use source::{Source, Sourced};
pub use validate::{DEFAULT_DATA_DIR, DEFAULT_PORT, DEFAULT_REGISTRY_PATH, shown};

/// Loads the settings of this process (its arguments, environment and working directory).
///
/// # Errors
/// As for [`load_from`].
pub fn load() -> Result<Settings, ConfigError> {
    load_from(&Inputs::from_process())
}

/// Loads the settings from explicit inputs.
///
/// # Errors
/// [`ConfigError::Usage`] for a malformed command line; [`ConfigError::MissingFile`] and
/// [`ConfigError::File`] for the settings file; [`ConfigError::Invalid`] listing every
/// unusable value with its key, source and (masked) value.
pub fn load_from(inputs: &Inputs) -> Result<Settings, ConfigError> {
    let (layered, config_file) = layers::read(inputs)?;
    validate::validate(&layered, &inputs.project_dir, config_file).map_err(ConfigError::Invalid)
}

/// An error for a value found unusable after validation (an unknown seed, a port in use),
/// naming the key, where the value came from and the value.
pub fn unusable<T>(key: Key, value: &Sourced<T>, text: &str, reason: String) -> InvalidSetting {
    InvalidSetting {
        key,
        source: value.source.clone(),
        shown: shown(key, text),
        reason,
    }
}
