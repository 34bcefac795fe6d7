//! Shared test support: one embedded cluster per test process, a template database migrated
//! once and named by the hash of `backend/migrations`, and a fresh clone per test.

use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use backend::outbound::embedded_postgres::EmbeddedCluster;
use backend::outbound::persistence::migrations::{DEFAULT_MIGRATIONS_DIR, Migrations};
use diesel::{Connection, PgConnection, RunQueryDsl};
use pg_embedded_setup_unpriv::ClusterHandle;

static CLUSTER: OnceLock<Result<ClusterHandle, String>> = OnceLock::new();
static TEMPLATE: OnceLock<Result<String, String>> = OnceLock::new();
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The process-wide cluster. Panics, with what to run, when PostgreSQL cannot start: a test
/// that needs a database never skips silently.
pub fn cluster() -> &'static ClusterHandle {
    let started = CLUSTER.get_or_init(|| {
        let began = std::time::Instant::now();
        let handle = EmbeddedCluster::start_for_process().map_err(|err| format!("{err:#}"))?;
        announce(&handle, began.elapsed());
        Ok(handle)
    });
    match started {
        Ok(handle) => handle,
        Err(message) => panic!("{message}"),
    }
}

// One line per test process on the real stderr (not the captured test output), so a log
// shows which PostgreSQL the tests ran against.
fn announce(handle: &ClusterHandle, took: std::time::Duration) {
    #[derive(diesel::QueryableByName)]
    struct Version {
        #[diesel(sql_type = diesel::sql_types::Text)]
        server_version: String,
    }
    let url = handle.connection().database_url("postgres");
    let version = PgConnection::establish(&url)
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
        url.split('@').next_back().unwrap_or_default(),
    );
}

/// The baseline migrations.
pub fn migrations() -> Migrations {
    Migrations::open(DEFAULT_MIGRATIONS_DIR).expect("backend/migrations must open")
}

/// The name of the migrated template, creating it on first use.
///
/// The template is migrated under a private name and renamed into place, so a concurrent
/// process never clones a half-migrated template.
pub fn template_name() -> &'static str {
    let made = TEMPLATE.get_or_init(|| {
        let migrations = migrations();
        let hash = migrations
            .content_hash()
            .map_err(|err| format!("{err:#}"))?;
        let name = format!("wildside_template_{}", &hash[..16]);
        let handle = cluster();
        if handle
            .database_exists(name.as_str())
            .map_err(|err| format!("{err:#}"))?
        {
            return Ok(name);
        }
        let staging = unique_name("staging");
        handle
            .create_database(staging.as_str())
            .map_err(|err| format!("creating {staging}: {err:#}"))?;
        let mut conn = PgConnection::establish(&handle.connection().database_url(&staging))
            .map_err(|err| format!("connecting to {staging}: {err}"))?;
        migrations
            .run_pending(&mut conn)
            .map_err(|err| format!("migrating the template: {err:#}"))?;
        drop(conn);
        let mut admin = PgConnection::establish(&handle.connection().database_url("postgres"))
            .map_err(|err| format!("connecting to postgres: {err}"))?;
        let renamed =
            diesel::sql_query(format!("ALTER DATABASE \"{staging}\" RENAME TO \"{name}\""))
                .execute(&mut admin);
        if renamed.is_err() {
            // Another process won the race; its template is identical by construction.
            let _ = handle.drop_database(staging.as_str());
        }
        Ok(name)
    });
    match made {
        Ok(name) => name,
        Err(message) => panic!("template database: {message}"),
    }
}

/// A database on the shared cluster, dropped (connections terminated) when the value drops.
pub struct TestDatabase {
    name: String,
    url: String,
}

impl TestDatabase {
    /// A fresh clone of the migrated template.
    pub fn migrated() -> Self {
        let name = unique_name("t");
        cluster()
            .create_database_from_template(name.as_str(), template_name())
            .unwrap_or_else(|err| panic!("cloning the template into {name}: {err:#}"));
        Self::named(name)
    }

    /// An empty database, with no migrations applied.
    pub fn empty() -> Self {
        let name = unique_name("e");
        cluster()
            .create_database(name.as_str())
            .unwrap_or_else(|err| panic!("creating {name}: {err:#}"));
        Self::named(name)
    }

    fn named(name: String) -> Self {
        let url = cluster().connection().database_url(&name);
        Self { name, url }
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A connection URL for this database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A new connection to this database.
    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url)
            .unwrap_or_else(|err| panic!("connecting to {}: {err}", self.name))
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Err(err) = cluster().drop_database(self.name.as_str()) {
            // A still-open connection is the usual cause; the cluster goes at exit anyway.
            eprintln!("test support: could not drop {}: {err:#}", self.name);
        }
    }
}

fn unique_name(kind: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("wildside_{kind}_{}_{n}", std::process::id())
}
