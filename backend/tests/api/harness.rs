//! A running API for the HTTP tests: a seeded per-test database, the real server on a free
//! loopback port in its own thread, and a blocking client.

use std::num::NonZeroU32;
use std::sync::{OnceLock, mpsc};
use std::thread::JoinHandle;

use actix_web::HttpServer;
use actix_web::dev::ServerHandle;
use backend::domain::example_data::{self, SeedName};
use backend::domain::pagination::KeysetPosition;
use backend::inbound::http::access::{ApiAccess, ApiToken};
use backend::inbound::http::{ApiState, HealthState, app, cursor};
use backend::outbound::example_data_registry::RegistryFile;
use backend::outbound::persistence::diesel_example_data_store::DieselExampleDataStore;
use backend::startup::{DatabaseUrl, read_api};
use backend::test_support::TestDatabase;
use chrono::DateTime;
use diesel::{QueryableByName, RunQueryDsl};
use proptest::prelude::*;
use reqwest::blocking::Client;
use serde_json::Value;

/// The token of [`Api::with_token`].
pub const TOKEN: &str = "test-token-0123456789abcdef";

/// Every route the server serves, as the OpenAPI document spells it.
pub const ROUTES: &[&str] = &[
    "/api/v1/interest-themes",
    "/api/v1/safety-toggles",
    "/api/v1/users",
    "/api/v1/users/{id}",
    "/api/v1/users/{id}/preferences",
];

/// A server over a seeded database; stopped, then the database dropped, on drop.
pub struct Api {
    base: String,
    client: Client,
    server: Option<(ServerHandle, JoinHandle<()>)>,
    database: TestDatabase,
}

impl Api {
    /// Open access (loopback, no token).
    pub fn open() -> Self {
        Self::start(None)
    }

    /// Access with [`TOKEN`].
    pub fn with_token() -> Self {
        Self::start(Some(TOKEN))
    }

    fn start(token: Option<&str>) -> Self {
        let database = seeded_database();
        let token = token.map(|t| ApiToken::try_from(t.to_owned()).expect("valid token"));
        let access = ApiAccess::for_listen_address([127, 0, 0, 1].into(), token).expect("loopback");
        let (port, handle, thread) = spawn(database.url(), access);
        Self {
            base: format!("http://127.0.0.1:{port}"),
            client: Client::new(),
            server: Some((handle, thread)),
            database,
        }
    }

    /// GET `path`: the status and the JSON body (`Null` when the body is not JSON).
    pub fn get(&self, path: &str) -> (u16, Value) {
        let (status, body, _) = self.get_with(path, None);
        (status, body)
    }

    /// GET `path` with an optional `Authorization` header: status, JSON body and the
    /// `WWW-Authenticate` header.
    pub fn get_with(
        &self,
        path: &str,
        authorization: Option<&str>,
    ) -> (u16, Value, Option<String>) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        let response = request.send().expect("the server answers");
        let status = response.status().as_u16();
        let challenge = response
            .headers()
            .get("WWW-Authenticate")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.json().unwrap_or(Value::Null);
        (status, body, challenge)
    }

    /// The status of `GET /api/v1/users` with `cursor` (URL-encoded) and `limit`.
    pub fn status_for_cursor(&self, cursor: &str, limit: Option<i64>) -> u16 {
        let mut query = vec![("cursor", cursor.to_owned())];
        query.extend(limit.map(|l| ("limit", l.to_string())));
        self.client
            .get(format!("{}/api/v1/users", self.base))
            .query(&query)
            .send()
            .expect("the server answers")
            .status()
            .as_u16()
    }

    /// Every user id, ordered by `(created_at, id)`, straight from the database.
    pub fn user_ids_in_keyset_order(&self) -> Vec<String> {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            id: String,
        }
        diesel::sql_query("SELECT id::text AS id FROM users ORDER BY created_at, id")
            .load::<Row>(&mut self.database.connect())
            .expect("users")
            .into_iter()
            .map(|r| r.id)
            .collect()
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        if let Some((handle, thread)) = self.server.take() {
            actix_web::rt::System::new().block_on(handle.stop(true));
            let _ = thread.join();
        }
    }
}

/// One open API shared by every case of a property test.
pub fn shared_api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(Api::open)
}

/// Cursors with a valid checksum over any position, in or out of the supported range.
pub fn forged_cursor() -> impl Strategy<Value = String> {
    (any::<i64>(), any::<u128>()).prop_filter_map("representable time", |(micros, id)| {
        DateTime::from_timestamp_micros(micros).map(|created_at| {
            cursor::encode(&KeysetPosition {
                created_at,
                id: uuid::Uuid::from_u128(id),
            })
        })
    })
}

fn seeded_database() -> TestDatabase {
    let database = TestDatabase::migrated();
    let registry = RegistryFile::new(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example-data/seeds.json"),
    );
    let name = SeedName::try_from("verdant-glade").expect("seed name");
    let plan = example_data::plan(&registry, &name, None).expect("the committed registry plans");
    let mut connection = database.connect();
    let mut store = DieselExampleDataStore::new(&mut connection);
    example_data::apply(&mut store, &plan).expect("the seed applies");
    database
}

// The server as start-up builds it: the Diesel adapters over an r2d2 pool behind the app.
fn spawn(url: &str, access: ApiAccess) -> (u16, ServerHandle, JoinHandle<()>) {
    let url: DatabaseUrl = url.parse().expect("the test database URL is valid");
    let pool = read_api::pool(&url, NonZeroU32::new(4).expect("non-zero"));
    let directory = read_api::directory(&pool);
    let health = HealthState {
        health: read_api::database_health(&pool),
    };
    let state = ApiState { directory, access };
    let (started, report) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || app(state.clone(), health.clone()))
                .workers(2)
                .disable_signals()
                .bind(("127.0.0.1", 0))
                .expect("a free loopback port");
            let port = server.addrs()[0].port();
            let server = server.run();
            started
                .send((port, server.handle()))
                .expect("the test waits");
            let _ = server.await;
        });
    });
    let (port, handle) = report.recv().expect("the server starts");
    (port, handle, thread)
}
