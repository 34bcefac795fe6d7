//! The `backend` server, assembled in order: settings checked (the seed resolved, the port
//! bound) -> a migrated database (embedded or by URL) -> the seed, when enabled -> the pool ->
//! HTTP. Nothing is written before the settings pass; SIGINT/SIGTERM stop it in order.

use std::net::{SocketAddr, TcpListener};
use std::time::Duration;

use actix_web::{HttpServer, dev::Server};

use super::database::{Database, start_database};
use super::read_api;
use super::seeding::{SeedStep, plan_seed, run_seed};
use crate::config::{ConfigError, Key, Settings, unusable};
use crate::domain::example_data::SeedingError;
use crate::inbound::http::access::ApiAccess;
use crate::inbound::http::{ApiState, HealthState, app};
use crate::outbound::provision::ProvisionError;
use crate::shutdown::StopSignals;

/// How long in-flight requests may take to finish after a stop signal.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the server did not start, or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// A setting cannot be used (an unknown seed, an unreadable registry, a port in use).
    #[error(transparent)]
    Settings(#[from] ConfigError),
    /// No migrated database could be had.
    #[error(transparent)]
    Database(#[from] ProvisionError),
    /// Seeding failed; its transaction was rolled back.
    #[error(transparent)]
    Seeding(#[from] SeedingError),
    /// A stop signal arrived before the server accepted requests.
    #[error("stopped by {signal} during start-up ({during}); nothing was committed by the step")]
    Interrupted {
        /// SIGINT or SIGTERM.
        signal: &'static str,
        /// The step that was running.
        during: &'static str,
    },
    /// A signal handler could not be installed, or the server failed.
    #[error("server I/O failed")]
    Io(#[from] std::io::Error),
}

impl StartupError {
    /// Whether this is an orderly stop asked for by a signal (exit 0).
    pub const fn is_interrupted(&self) -> bool {
        matches!(self, Self::Interrupted { .. })
    }
}

/// A started server, accepting requests.
pub struct Application {
    server: Server,
    address: SocketAddr,
    signals: StopSignals,
    database: Database,
}

impl Application {
    /// Starts everything in order and returns once the server accepts requests.
    ///
    /// # Errors
    /// [`StartupError`] naming the setting, the database step or the seed that failed; a stop
    /// signal before the server accepts gives [`StartupError::Interrupted`].
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let mut signals = StopSignals::install()?;
        let access = api_access(&settings)?;
        let seed = plan_seed(&settings.example_data)?;
        let listener = bind(&settings)?;
        let database = start_database(&settings.database, &mut signals).await?;
        if let SeedStep::Apply(plan) = seed {
            run_seed(plan, database.url().clone(), &mut signals).await?;
        } else {
            tracing::info!(
                outcome = "disabled",
                "example data disabled; nothing seeded"
            );
        }
        let pool = read_api::pool(database.url(), settings.database.pool_size);
        let api = ApiState {
            directory: read_api::directory(&pool),
            access,
        };
        let health = HealthState {
            health: read_api::database_health(&pool),
        };
        let address = listener.local_addr()?;
        let server = HttpServer::new(move || app(api.clone(), health.clone()))
            .listen(listener)?
            .disable_signals()
            .shutdown_timeout(DRAIN_TIMEOUT.as_secs())
            .run();
        tracing::info!(
            address = %address,
            users = %format!("http://{address}/api/v1/users?limit=5"),
            openapi = %format!("http://{address}/api-docs/openapi.json"),
            ready = %format!("http://{address}/health/ready"),
            "listening on http://{address}"
        );
        Ok(Self {
            server,
            address,
            signals,
            database,
        })
    }

    /// The port the server listens on (useful with port 0).
    pub const fn port(&self) -> u16 {
        self.address.port()
    }

    /// The address the server listens on.
    pub const fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until SIGINT or SIGTERM, then stops accepting, drains in-flight requests and
    /// stops the embedded cluster.
    ///
    /// # Errors
    /// The server's I/O error.
    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        let Self {
            server,
            mut signals,
            database,
            ..
        } = self;
        let handle = server.handle();
        let mut running = std::pin::pin!(server);
        tokio::select! {
            outcome = &mut running => outcome?,
            signal = signals.recv() => {
                tracing::info!(signal, "stop signal: no new connections; draining requests");
                // The server future carries out the stop, so it must be polled meanwhile.
                let ((), outcome) = tokio::join!(handle.stop(true), &mut running);
                outcome?;
            }
        }
        database.stop().await;
        tracing::info!("stopped");
        Ok(())
    }
}

// Off loopback the API needs a token: refused before anything starts, naming the setting.
fn api_access(settings: &Settings) -> Result<ApiAccess, ConfigError> {
    let host = &settings.http.host;
    ApiAccess::for_listen_address(host.value, settings.api_token.clone()).map_err(|err| {
        unusable(
            Key::Host,
            host,
            &host.value.to_string(),
            // The refusal already says which variable to set and what clients then send.
            err.to_string(),
        )
        .into()
    })
}

// Binding is the last check of the settings: a port in use stops start-up before anything
// is written. The socket queues connections until the server accepts, after seeding.
fn bind(settings: &Settings) -> Result<TcpListener, ConfigError> {
    let http = &settings.http;
    let address = SocketAddr::new(http.host.value, http.port.value);
    TcpListener::bind(address).map_err(|err| {
        let (key, text) = if err.kind() == std::io::ErrorKind::AddrNotAvailable {
            (Key::Host, http.host.value.to_string())
        } else {
            (Key::Port, http.port.value.to_string())
        };
        let reason = format!("cannot listen on {address}: {err}");
        match key {
            Key::Host => unusable(key, &http.host, &text, reason),
            _ => unusable(key, &http.port, &text, reason),
        }
        .into()
    })
}
