//! Reads the four layers (defaults, file, environment, flags) into raw text per key.
//!
//! The file is found and parsed by `ortho_config` (`ConfigDiscovery`, `load_config_file`,
//! which also resolves `extends`); each value keeps the layer it came from.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use ortho_config::ConfigDiscovery;
use serde_json::Value;

use super::error::ConfigError;
use super::flags::Flags;
use super::keys::{CONFIG_ENV, CONFIG_FLAG, DOTFILE, Key};
use super::source::{RawValue, Source};

/// Everything the settings are read from, captured once so that tests can supply their own.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Command-line arguments, the program name first.
    pub args: Vec<OsString>,
    /// The environment variables the settings know, by name.
    pub env: BTreeMap<String, String>,
    /// The directory searched for the dotfile, normally the working directory.
    pub project_dir: PathBuf,
}

impl Inputs {
    /// The process's own arguments, environment and working directory.
    pub fn from_process() -> Self {
        let env = super::keys::environment_variables()
            .filter_map(|name| {
                std::env::var(name)
                    .ok()
                    .map(|value| (name.to_owned(), value))
            })
            .collect();
        Self {
            args: std::env::args_os().collect(),
            env,
            project_dir: std::env::current_dir().unwrap_or_default(),
        }
    }
}

/// The winning raw value of each key that some layer set; unset keys take their defaults.
pub type Layered = BTreeMap<Key, RawValue>;

/// Reads the layers and keeps, per key, the value of the highest layer that sets it.
///
/// # Errors
/// [`ConfigError::Usage`] for bad flags, [`ConfigError::File`] for a missing, unreadable or
/// malformed settings file or an unknown key in it.
pub fn read(inputs: &Inputs) -> Result<(Layered, Option<PathBuf>), ConfigError> {
    let flags = Flags::parse_from_args(&inputs.args).map_err(ConfigError::Usage)?;
    let mut layered = Layered::new();
    let file = find_file(inputs, &flags)?;
    if let Some((path, values)) = &file {
        for (key, text) in values {
            insert(&mut layered, *key, text.clone(), Source::File(path.clone()));
        }
    }
    for key in Key::ALL {
        let env = key.spec().env;
        if let Some(text) = inputs.env.get(env) {
            insert(&mut layered, key, text.clone(), Source::Env(env));
        }
    }
    for key in Key::ALL {
        if let (Some(text), Some(flag)) = (flags.value(key), key.spec().flag) {
            insert(&mut layered, key, text.to_owned(), Source::Flag(flag));
        }
    }
    Ok((layered, file.map(|(path, _)| path)))
}

fn insert(layered: &mut Layered, key: Key, text: String, source: Source) {
    layered.insert(key, RawValue { key, text, source });
}

type FileValues = BTreeMap<Key, String>;

// An explicit file (flag, then variable) must exist; otherwise the first file found among
// ortho_config's candidates (XDG and home directories, then the project's `.backend.toml`).
fn find_file(inputs: &Inputs, flags: &Flags) -> Result<Option<(PathBuf, FileValues)>, ConfigError> {
    let explicit = flags
        .config
        .clone()
        .map(|path| (path, Source::Flag(CONFIG_FLAG)))
        .or_else(|| {
            inputs
                .env
                .get(CONFIG_ENV)
                .filter(|value| !value.is_empty())
                .map(|value| (PathBuf::from(value), Source::Env(CONFIG_ENV)))
        });
    if let Some((path, source)) = explicit {
        let path = absolute(&inputs.project_dir, &path);
        return match load(&path)? {
            Some(values) => Ok(Some((path, values))),
            None => Err(ConfigError::MissingFile {
                path,
                named_by: source,
            }),
        };
    }
    let discovery = ConfigDiscovery::builder("wildside")
        .config_file_name("backend.toml")
        .dotfile_name(DOTFILE)
        .clear_project_roots()
        .add_project_root(&inputs.project_dir)
        .build();
    for path in discovery.candidates() {
        if let Some(values) = load(&path)? {
            return Ok(Some((path, values)));
        }
    }
    Ok(None)
}

fn absolute(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

fn load(path: &Path) -> Result<Option<FileValues>, ConfigError> {
    let file_error = |message: String| ConfigError::File {
        path: path.to_path_buf(),
        message,
    };
    let Some(figment) =
        ortho_config::load_config_file(path).map_err(|err| file_error(err.to_string()))?
    else {
        return Ok(None);
    };
    let table: serde_json::Map<String, Value> = figment
        .extract()
        .map_err(|err| file_error(err.to_string()))?;
    let mut values = FileValues::new();
    flatten("", &table, &mut values).map_err(file_error)?;
    Ok(Some(values))
}

// `extends` is ortho_config's own key (inherit another file); every other key must be known,
// so that a typo such as `prot = 1` cannot silently fall back to a default.
fn flatten(
    prefix: &str,
    table: &serde_json::Map<String, Value>,
    out: &mut FileValues,
) -> Result<(), String> {
    for (name, value) in table {
        let dotted = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        if dotted == "extends" {
            continue;
        }
        let text = match value {
            Value::Object(inner) => {
                flatten(&dotted, inner, out)?;
                continue;
            }
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            Value::Null | Value::Array(_) => {
                return Err(format!("key `{dotted}` must be a single value"));
            }
        };
        let key = Key::from_file_key(&dotted).ok_or_else(|| {
            let known: Vec<_> = Key::ALL.iter().map(|k| k.spec().file_key).collect();
            format!("unknown key `{dotted}` (known keys: {})", known.join(", "))
        })?;
        out.insert(key, text);
    }
    Ok(())
}
