//! The table of settings: each key's file name, environment variable, flag and default.
//!
//! One table drives the layers, the error messages and the README's settings table.

use std::fmt::Write as _;

/// A setting of the `backend` server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// The address to listen on.
    Host,
    /// The TCP port to listen on.
    Port,
    /// An external PostgreSQL server; without it an embedded cluster is started.
    DatabaseUrl,
    /// Where the embedded cluster keeps its data across restarts.
    DataDir,
    /// A throwaway embedded cluster, removed at exit.
    Ephemeral,
    /// Whether pending migrations are applied at start-up.
    RunMigrations,
    /// The largest number of pooled database connections.
    PoolSize,
    /// Whether a named example-data seed is applied at start-up.
    ExampleDataIsEnabled,
    /// The named seed to apply.
    ExampleDataSeedName,
    /// Overrides the seed's own user count.
    ExampleDataUserCount,
    /// The seed registry file.
    ExampleDataRegistryPath,
    /// The bearer token guarding `/api/v1` (a secret).
    ApiToken,
    /// The log line format, `text` or `json`.
    LogFormat,
}

/// How one [`Key`] is spelt in each layer, and its default as documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    /// The dotted key in a settings file (`example_data.seed_name`).
    pub file_key: &'static str,
    /// The environment variable.
    pub env: &'static str,
    /// The long flag, without its dashes; `None` for secrets, which never go on a command line.
    pub flag: Option<&'static str>,
    /// The default, as shown to people.
    pub default: &'static str,
    /// Whether the value is secret: never shown in a log line or an error.
    pub secret: bool,
}

impl Key {
    /// Every key, in the order of the settings table.
    pub const ALL: [Self; 13] = [
        Self::Host,
        Self::Port,
        Self::DatabaseUrl,
        Self::DataDir,
        Self::Ephemeral,
        Self::RunMigrations,
        Self::PoolSize,
        Self::ExampleDataIsEnabled,
        Self::ExampleDataSeedName,
        Self::ExampleDataUserCount,
        Self::ExampleDataRegistryPath,
        Self::ApiToken,
        Self::LogFormat,
    ];

    /// This key's spelling in each layer.
    pub const fn spec(self) -> KeySpec {
        const fn spec(
            file_key: &'static str,
            env: &'static str,
            flag: Option<&'static str>,
            default: &'static str,
        ) -> KeySpec {
            KeySpec {
                file_key,
                env,
                flag,
                default,
                secret: false,
            }
        }
        match self {
            Self::Host => spec("host", "HOST", Some("host"), "127.0.0.1"),
            Self::Port => spec("port", "PORT", Some("port"), "8080"),
            // The URL may carry a password: it is shown only with the password masked.
            Self::DatabaseUrl => spec(
                "database_url",
                "DATABASE_URL",
                Some("database-url"),
                "none: start an embedded cluster",
            ),
            Self::DataDir => spec(
                "data_dir",
                "BACKEND_DATA_DIR",
                Some("data-dir"),
                ".wildside/pg-data",
            ),
            Self::Ephemeral => spec("ephemeral", "BACKEND_EPHEMERAL", Some("ephemeral"), "false"),
            Self::RunMigrations => spec(
                "run_migrations",
                "BACKEND_RUN_MIGRATIONS",
                Some("run-migrations"),
                "true",
            ),
            Self::PoolSize => spec("pool_size", "BACKEND_POOL_SIZE", Some("pool-size"), "10"),
            Self::ExampleDataIsEnabled => spec(
                "example_data.is_enabled",
                "EXAMPLE_DATA_IS_ENABLED",
                Some("example-data-is-enabled"),
                "false",
            ),
            Self::ExampleDataSeedName => spec(
                "example_data.seed_name",
                "EXAMPLE_DATA_SEED_NAME",
                Some("example-data-seed-name"),
                "the registry's first seed",
            ),
            Self::ExampleDataUserCount => spec(
                "example_data.user_count",
                "EXAMPLE_DATA_USER_COUNT",
                Some("example-data-user-count"),
                "the seed's own count",
            ),
            Self::ExampleDataRegistryPath => spec(
                "example_data.registry_path",
                "EXAMPLE_DATA_REGISTRY_PATH",
                Some("example-data-registry-path"),
                "backend/fixtures/example-data/seeds.json",
            ),
            Self::ApiToken => KeySpec {
                secret: true,
                ..spec("api_token", "BACKEND_API_TOKEN", None, "none")
            },
            Self::LogFormat => spec("log_format", "LOG_FORMAT", Some("log-format"), "text"),
        }
    }

    /// The key whose file key is `file_key`, if any.
    pub fn from_file_key(file_key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|key| key.spec().file_key == file_key)
    }
}

/// The flag that names a settings file.
pub const CONFIG_FLAG: &str = "config";
/// The environment variable that names a settings file.
pub const CONFIG_ENV: &str = "BACKEND_CONFIG_PATH";
/// The settings file looked for in the working directory (and the home directory).
pub const DOTFILE: &str = ".backend.toml";

/// Every environment variable the settings read.
pub fn environment_variables() -> impl Iterator<Item = &'static str> {
    Key::ALL
        .into_iter()
        .map(|key| key.spec().env)
        .chain(std::iter::once(CONFIG_ENV))
}

/// The settings table as Markdown rows (`| key | variable | flag | default |`), for the README.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Key (file) | Environment variable | Flag | Default |\n| --- | --- | --- | --- |\n",
    );
    for key in Key::ALL {
        let spec = key.spec();
        let flag = spec
            .flag
            .map_or_else(|| "none (secret)".to_owned(), |flag| format!("`--{flag}`"));
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {flag} | {} |",
            spec.file_key, spec.env, spec.default
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use std::collections::BTreeSet;

    #[rstest]
    fn every_spelling_is_unique() {
        let files: BTreeSet<_> = Key::ALL.iter().map(|k| k.spec().file_key).collect();
        let envs: BTreeSet<_> = environment_variables().collect();
        let flags: BTreeSet<_> = Key::ALL.iter().filter_map(|k| k.spec().flag).collect();
        assert_eq!(files.len(), Key::ALL.len());
        assert_eq!(envs.len(), Key::ALL.len() + 1);
        assert_eq!(
            flags.len(),
            Key::ALL.iter().filter(|k| k.spec().flag.is_some()).count()
        );
    }

    #[rstest]
    fn secrets_have_no_flag() {
        for key in Key::ALL.into_iter().filter(|k| k.spec().secret) {
            assert_eq!(key.spec().flag, None, "{key:?}");
        }
    }

    #[rstest]
    #[case("example_data.seed_name", Some(Key::ExampleDataSeedName))]
    #[case("port", Some(Key::Port))]
    #[case("prot", None)]
    fn file_keys_resolve(#[case] file_key: &str, #[case] expected: Option<Key>) {
        assert_eq!(Key::from_file_key(file_key), expected);
    }
}
