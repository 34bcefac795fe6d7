//! The validated settings: built once from the layers, trusted everywhere after.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;

use example_data::{SeedName, UserCount};

use super::source::Sourced;
use crate::inbound::http::access::ApiToken;
use crate::startup::DatabaseUrl;

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where to listen.
    pub http: HttpSettings,
    /// Which database, and how to use it.
    pub database: DatabaseSettings,
    /// Start-up seeding.
    pub example_data: ExampleDataSettings,
    /// The bearer token for `/api/v1`, when configured (masked in `Debug`).
    pub api_token: Option<ApiToken>,
    /// How log lines are written.
    pub log_format: LogFormat,
    /// The settings file that was read, if any.
    pub config_file: Option<PathBuf>,
}

/// The listening address.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// The IP address to bind.
    pub host: Sourced<IpAddr>,
    /// The port to bind; 0 lets the system pick one.
    pub port: Sourced<u16>,
}

/// Which PostgreSQL to use.
#[derive(Debug, Clone)]
pub enum DatabaseTarget {
    /// A server reached through a URL; the backend keeps no state of its own.
    External(Sourced<DatabaseUrl>),
    /// An embedded cluster started and stopped by the backend.
    Embedded(EmbeddedStorage),
}

/// Where an embedded cluster keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbeddedStorage {
    /// A directory kept across restarts.
    Persistent(PathBuf),
    /// A throwaway directory removed at exit.
    Ephemeral,
}

/// Database settings.
#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    /// The server to use.
    pub target: DatabaseTarget,
    /// Whether pending migrations are applied at start-up.
    pub run_migrations: bool,
    /// The largest number of pooled connections.
    pub pool_size: NonZeroU32,
}

/// Start-up seeding settings.
#[derive(Debug, Clone)]
pub struct ExampleDataSettings {
    /// Whether a seed is applied at start-up.
    pub is_enabled: bool,
    /// The named seed; `None` means the registry's first.
    pub seed_name: Option<Sourced<SeedName>>,
    /// A user count overriding the seed's own.
    pub user_count: Option<Sourced<UserCount>>,
    /// The registry file.
    pub registry_path: Sourced<PathBuf>,
}

pub use crate::telemetry::LogFormat;
