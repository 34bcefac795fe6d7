//! Test support (feature `test-support`): one embedded cluster per test process, a template
//! database migrated once and named by the hash of the migrations, and a clone per test.

use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::{Connection, PgConnection, RunQueryDsl};

use crate::outbound::embedded_postgres::{EmbeddedOptions, PgServer};
use crate::outbound::persistence::database_url::DatabaseUrl;
use crate::outbound::persistence::migrations::Migrations;

static CLUSTER: OnceLock<Result<PgServer, String>> = OnceLock::new();
static TEMPLATE: OnceLock<Result<String, String>> = OnceLock::new();
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The process-wide cluster.
///
/// # Panics
/// With what to run, when `PostgreSQL` cannot start: a test that needs a database never skips
/// silently.
pub fn cluster() -> &'static PgServer {
    let started = CLUSTER.get_or_init(|| {
        let began = std::time::Instant::now();
        let server = PgServer::start_for_process(&EmbeddedOptions::throwaway())
            .map_err(|err| format!("{:#}", anyhow::Error::new(err)))?;
        announce(&server, began.elapsed());
        Ok(server)
    });
    match started {
        Ok(server) => server,
        Err(message) => panic!("{message}"),
    }
}

// One line per test process on the real stderr (not the captured test output), so a log
// shows which PostgreSQL the tests ran against.
fn announce(server: &PgServer, took: std::time::Duration) {
    #[derive(diesel::QueryableByName)]
    struct Version {
        #[diesel(sql_type = diesel::sql_types::Text)]
        server_version: String,
    }
    let version = server
        .connect_admin()
        .ok()
        .and_then(|mut conn| {
            diesel::sql_query("SHOW server_version")
                .get_result::<Version>(&mut conn)
                .ok()
        })
        .map_or_else(|| "unknown".to_owned(), |v| v.server_version);
    let _ = writeln!(
        std::io::stderr(),
        "test support: embedded PostgreSQL {version} started in {} ms ({})",
        took.as_millis(),
        server.database_url("postgres"),
    );
}

/// The baseline migrations, as embedded in the crate.
pub const fn migrations() -> Migrations {
    Migrations::embedded()
}

/// The name of the migrated template, creating it on first use.
///
/// The template is migrated under a private name and renamed into place, so a concurrent
/// process never clones a half-migrated template.
///
/// # Panics
/// When the template cannot be made.
pub fn template_name() -> &'static str {
    let made = TEMPLATE.get_or_init(|| make_template(&migrations()));
    match made {
        Ok(name) => name,
        Err(message) => panic!("template database: {message}"),
    }
}

fn make_template(migrations: &Migrations) -> Result<String, String> {
    let shown = |err| format!("{:#}", anyhow::Error::new(err));
    let hash = migrations.content_hash().map_err(shown)?;
    let name = format!("wildside_template_{}", &hash[..16]);
    let server = cluster();
    if server
        .database_exists(&name)
        .map_err(|err| format!("{:#}", anyhow::Error::new(err)))?
    {
        return Ok(name);
    }
    let staging = unique_name("staging");
    let migrated = server
        .create_migrated(&staging, migrations)
        .map_err(|err| format!("{:#}", anyhow::Error::new(err)))?;
    drop(migrated);
    let mut admin = server
        .connect_admin()
        .map_err(|err| format!("{:#}", anyhow::Error::new(err)))?;
    let renamed = diesel::sql_query(format!("ALTER DATABASE \"{staging}\" RENAME TO \"{name}\""))
        .execute(&mut admin);
    if renamed.is_err() {
        // Another process won the race; its template is identical by construction.
        let _ = server.drop_database(&staging);
    }
    Ok(name)
}

/// A database on the shared cluster, dropped (connections terminated) when the value drops.
pub struct TestDatabase {
    name: String,
    url: DatabaseUrl,
}

impl TestDatabase {
    /// A fresh clone of the migrated template.
    ///
    /// # Panics
    /// When the clone fails.
    pub fn migrated() -> Self {
        let name = unique_name("t");
        cluster()
            .clone_database(&name, template_name())
            .unwrap_or_else(|err| panic!("{:#}", anyhow::Error::new(err)));
        Self::named(name)
    }

    /// An empty database, with no migrations applied.
    ///
    /// # Panics
    /// When the database cannot be created.
    pub fn empty() -> Self {
        let name = unique_name("e");
        cluster()
            .create_database(&name)
            .unwrap_or_else(|err| panic!("{:#}", anyhow::Error::new(err)));
        Self::named(name)
    }

    fn named(name: String) -> Self {
        let url = cluster().database_url(&name);
        Self { name, url }
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A connection URL for this database (secret: pass it on, do not print it).
    pub fn url(&self) -> &str {
        self.url.expose()
    }

    /// A new connection to this database.
    ///
    /// # Panics
    /// When the connection fails.
    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(self.url.expose())
            .unwrap_or_else(|err| panic!("connecting to {}: {err}", self.name))
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Err(err) = cluster().drop_database(&self.name) {
            // A still-open connection is the usual cause; the cluster goes at exit anyway.
            eprintln!(
                "test support: could not drop {}: {:#}",
                self.name,
                anyhow::Error::new(err)
            );
        }
    }
}

fn unique_name(kind: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("wildside_{kind}_{}_{n}", std::process::id())
}
