//! The command-line layer: every flag is optional text, validated with the other layers.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Parser;

use super::keys::Key;

/// Flags of the `backend` binary. Each is `None` unless given, so it overrides only what it
/// names.
#[derive(Debug, Default, Parser)]
#[command(
    name = "backend",
    version,
    about = "Wildside backend server: HTTP API over PostgreSQL, with optional demo data.",
    after_help = "Every flag has an environment variable and a settings-file key; \
                  see the README's settings table."
)]
pub struct Flags {
    /// Settings file (TOML); default: the first of `.backend.toml` and the XDG/home locations.
    #[arg(long = "config", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Address to listen on (default 127.0.0.1).
    #[arg(long, value_name = "IP")]
    pub host: Option<String>,
    /// TCP port to listen on; 0 picks a free port (default 8080).
    #[arg(long, value_name = "PORT")]
    pub port: Option<String>,
    /// PostgreSQL server to use instead of the embedded cluster.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Directory the embedded cluster keeps its data in (default .wildside/pg-data).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<String>,
    /// Use a throwaway embedded cluster, removed at exit.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub ephemeral: Option<String>,
    /// Apply pending migrations at start-up (default true).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub run_migrations: Option<String>,
    /// Largest number of pooled database connections (default 10).
    #[arg(long, value_name = "N")]
    pub pool_size: Option<String>,
    /// Apply a named example-data seed at start-up (default false).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub example_data_is_enabled: Option<String>,
    /// The named seed to apply (default: the registry's first seed).
    #[arg(long, value_name = "NAME")]
    pub example_data_seed_name: Option<String>,
    /// Users to generate instead of the seed's own count.
    #[arg(long, value_name = "N")]
    pub example_data_user_count: Option<String>,
    /// The seed registry file.
    #[arg(long, value_name = "PATH")]
    pub example_data_registry_path: Option<String>,
    /// Log line format: text or json (default text).
    #[arg(long, value_name = "FORMAT")]
    pub log_format: Option<String>,
}

impl Flags {
    /// Parses command-line arguments (the first is the program name).
    ///
    /// # Errors
    /// Clap's error for an unknown flag or a missing value; it carries usage and exit code.
    pub fn parse_from_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        Self::try_parse_from(args)
    }

    /// The value given for `key`, if that flag was used.
    pub fn value(&self, key: Key) -> Option<&str> {
        let value = match key {
            Key::Host => &self.host,
            Key::Port => &self.port,
            Key::DatabaseUrl => &self.database_url,
            Key::DataDir => &self.data_dir,
            Key::Ephemeral => &self.ephemeral,
            Key::RunMigrations => &self.run_migrations,
            Key::PoolSize => &self.pool_size,
            Key::ExampleDataIsEnabled => &self.example_data_is_enabled,
            Key::ExampleDataSeedName => &self.example_data_seed_name,
            Key::ExampleDataUserCount => &self.example_data_user_count,
            Key::ExampleDataRegistryPath => &self.example_data_registry_path,
            Key::LogFormat => &self.log_format,
            // A secret never comes from the command line, where every user can read it.
            Key::ApiToken => return None,
        };
        value.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    fn every_flag_of_the_table_is_accepted_and_read_back() {
        for key in Key::ALL {
            let Some(flag) = key.spec().flag else {
                continue;
            };
            let flags = Flags::parse_from_args(["backend", &format!("--{flag}=v")])
                .unwrap_or_else(|err| panic!("--{flag}: {err}"));
            assert_eq!(flags.value(key), Some("v"), "--{flag}");
        }
    }

    #[rstest]
    fn a_bare_boolean_flag_means_true() {
        let flags = Flags::parse_from_args(["backend", "--ephemeral"]).expect("parses");
        assert_eq!(flags.value(Key::Ephemeral), Some("true"));
    }

    #[rstest]
    fn an_unknown_flag_is_refused() {
        let err = Flags::parse_from_args(["backend", "--api-token=x"]).expect_err("no flag");
        assert!(err.to_string().contains("--api-token"), "{err}");
    }
}
