//! Raw text per key -> [`Settings`], once; every unusable value is reported, not just the
//! first.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use example_data::{SeedName, UserCount};

use super::error::InvalidSetting;
use super::keys::Key;
use super::layers::Layered;
use super::secret::{MASK, mask_url};
use super::settings::{
    DatabaseSettings, DatabaseTarget, EmbeddedStorage, ExampleDataSettings, HttpSettings,
    LogFormat, Settings,
};
use super::source::{RawValue, Source, Sourced};
use crate::inbound::http::access::ApiToken;
use crate::startup::DatabaseUrl;

/// The embedded cluster's data directory, relative to the working directory.
pub const DEFAULT_DATA_DIR: &str = ".wildside/pg-data";
/// The committed seed registry, relative to the workspace root found above the working
/// directory (so a binary built in one checkout works in another).
pub const DEFAULT_REGISTRY_PATH: &str = example_data::DEFAULT_REGISTRY_PATH;
/// The default port.
pub const DEFAULT_PORT: u16 = 8080;
/// The default pool size.
pub const DEFAULT_POOL_SIZE: u32 = 10;
/// The largest accepted pool size.
pub const MAX_POOL_SIZE: u32 = 64;

/// Validates every key, returning the settings or every unusable value.
///
/// # Errors
/// One [`InvalidSetting`] per unusable value, each naming its key, source and value.
pub fn validate(
    layered: &Layered,
    project_dir: &Path,
    config_file: Option<PathBuf>,
) -> Result<Settings, Vec<InvalidSetting>> {
    let mut v = Validator {
        layered,
        project_dir,
        errors: Vec::new(),
    };
    let http = HttpSettings {
        host: v
            .get(Key::Host, |text| {
                text.parse::<IpAddr>()
                    .map_err(|_| "expected an IP address such as 127.0.0.1 or 0.0.0.0".to_owned())
            })
            .unwrap_or(Sourced::default_value(IpAddr::from([127, 0, 0, 1]))),
        port: v
            .get(Key::Port, |text| {
                text.parse::<u16>()
                    .map_err(|_| "expected a port number within 0..=65535".to_owned())
            })
            .unwrap_or(Sourced::default_value(DEFAULT_PORT)),
    };
    let database = database(&mut v);
    let example_data = ExampleDataSettings {
        is_enabled: v.flag(Key::ExampleDataIsEnabled, false),
        seed_name: v.get(Key::ExampleDataSeedName, |text| {
            SeedName::try_from(text).map_err(|err| err.to_string())
        }),
        user_count: v.get(Key::ExampleDataUserCount, |text| {
            text.parse::<UserCount>().map_err(|err| err.to_string())
        }),
        registry_path: v.path(Key::ExampleDataRegistryPath).unwrap_or_else(|| {
            // Outside a checkout the path names where it was looked for; loading it fails
            // with that path when seeding is asked for.
            let found = example_data::find_default_registry(project_dir)
                .unwrap_or_else(|_| project_dir.join(DEFAULT_REGISTRY_PATH));
            Sourced::default_value(found)
        }),
    };
    let api_token = v
        .get(Key::ApiToken, |text| {
            ApiToken::try_from(text.to_owned()).map_err(|err| err.to_string())
        })
        .map(|token| token.value);
    let log_format = v
        .get(Key::LogFormat, |text| match text {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            _ => Err("expected text or json".to_owned()),
        })
        .map_or(LogFormat::Text, |format| format.value);
    if v.errors.is_empty() {
        Ok(Settings {
            http,
            database,
            example_data,
            api_token,
            log_format,
            config_file,
        })
    } else {
        Err(v.errors)
    }
}

fn database(v: &mut Validator<'_>) -> DatabaseSettings {
    let url = v.get(Key::DatabaseUrl, |text| {
        DatabaseUrl::try_from(text.to_owned()).map_err(|err| err.to_string())
    });
    let ephemeral = v.flag(Key::Ephemeral, false);
    let data_dir = v.path(Key::DataDir);
    if let Some(url) = &url {
        let conflicting = [Key::Ephemeral, Key::DataDir]
            .into_iter()
            .filter(|key| v.layered.contains_key(key));
        let clashes: Vec<_> = conflicting.collect();
        for key in clashes {
            v.refuse(
                key,
                &format!(
                    "it applies only to the embedded cluster, and database_url is set ({})",
                    url.source
                ),
            );
        }
    } else if ephemeral && data_dir.is_some() {
        v.refuse(
            Key::DataDir,
            "a throwaway (ephemeral) cluster keeps no data directory; set only one of them",
        );
    }
    let target = match url {
        Some(url) => DatabaseTarget::External(url),
        None if ephemeral => DatabaseTarget::Embedded(EmbeddedStorage::Ephemeral),
        None => DatabaseTarget::Embedded(EmbeddedStorage::Persistent(
            data_dir.map_or_else(|| v.project_dir.join(DEFAULT_DATA_DIR), |dir| dir.value),
        )),
    };
    DatabaseSettings {
        target,
        run_migrations: v.flag(Key::RunMigrations, true),
        pool_size: v
            .get(Key::PoolSize, |text| {
                text.parse::<u32>()
                    .ok()
                    .filter(|size| (1..=MAX_POOL_SIZE).contains(size))
                    .and_then(NonZeroU32::new)
                    .ok_or_else(|| format!("expected an integer within 1..={MAX_POOL_SIZE}"))
            })
            .map_or(
                NonZeroU32::new(DEFAULT_POOL_SIZE).unwrap_or(NonZeroU32::MIN),
                |size| size.value,
            ),
    }
}

struct Validator<'a> {
    layered: &'a Layered,
    project_dir: &'a Path,
    errors: Vec<InvalidSetting>,
}

impl Validator<'_> {
    // The value of `key` if a layer set it and it parses; an unusable value is recorded.
    fn get<T>(
        &mut self,
        key: Key,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Sourced<T>> {
        let raw = self.layered.get(&key)?;
        match parse(&raw.text) {
            Ok(value) => Some(Sourced {
                value,
                source: raw.source.clone(),
            }),
            Err(reason) => {
                self.errors.push(invalid(raw, reason));
                None
            }
        }
    }

    fn flag(&mut self, key: Key, default: bool) -> bool {
        self.get(key, parse_bool).map_or(default, |flag| flag.value)
    }

    // A path; a relative one is taken from the settings file's directory when the file set
    // it, from the working directory otherwise.
    fn path(&mut self, key: Key) -> Option<Sourced<PathBuf>> {
        let project_dir = self.project_dir.to_path_buf();
        let sourced = self.get(key, |text| {
            if text.trim().is_empty() {
                Err("expected a path".to_owned())
            } else {
                Ok(PathBuf::from(text))
            }
        })?;
        let base = match &sourced.source {
            Source::File(file) => file.parent().map_or(project_dir, Path::to_path_buf),
            _ => project_dir,
        };
        Some(Sourced {
            value: base.join(&sourced.value),
            source: sourced.source,
        })
    }

    fn refuse(&mut self, key: Key, reason: &str) {
        if let Some(raw) = self.layered.get(&key) {
            self.errors.push(invalid(raw, reason.to_owned()));
        }
    }
}

/// An [`InvalidSetting`] for a raw value, masking it when secret.
pub fn invalid(raw: &RawValue, reason: String) -> InvalidSetting {
    InvalidSetting {
        key: raw.key,
        source: raw.source.clone(),
        shown: shown(raw.key, &raw.text),
        reason,
    }
}

/// A value as it may be shown in a log line or an error.
pub fn shown(key: Key, text: &str) -> String {
    if key.spec().secret {
        MASK.to_owned()
    } else if key == Key::DatabaseUrl {
        mask_url(text)
    } else {
        text.to_owned()
    }
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err("expected true or false".to_owned()),
    }
}
