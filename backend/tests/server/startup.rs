//! The real `backend` binary against the shared test cluster: seeding once across eight
//! concurrent processes, SIGKILL mid-seed, disabled seeding, health probes, orderly stop.

use std::time::Duration;

use backend::test_support::{TestDatabase, cluster};
use diesel::{PgConnection, QueryableByName, RunQueryDsl};
use rstest::rstest;

use super::process::{Backend, command, get, get_with};

const START: Duration = Duration::from_mins(3);

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection, table: &str) -> i64 {
    diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result::<Count>(conn)
        .unwrap_or_else(|err| panic!("counting {table}: {err}"))
        .n
}

fn seeding(db: &TestDatabase, seed: &str) -> std::process::Command {
    let dir = std::env::temp_dir();
    let mut command = command(&dir);
    command
        .env("DATABASE_URL", db.url())
        .env("EXAMPLE_DATA_IS_ENABLED", "true")
        .env("EXAMPLE_DATA_SEED_NAME", seed);
    command
}

// Drops the database under whoever is connected, as an outage would take it away.
fn force_drop(db: &TestDatabase) {
    let mut admin = cluster().connect_admin().expect("admin connection");
    diesel::sql_query(format!("DROP DATABASE \"{}\" WITH (FORCE)", db.name()))
        .execute(&mut admin)
        .expect("database dropped");
}

fn outcome(backend: &Backend) -> Option<String> {
    backend
        .events()
        .into_iter()
        .find_map(|event| event["outcome"].as_str().map(ToOwned::to_owned))
}

#[rstest]
fn eight_backends_on_one_empty_database_seed_exactly_once() {
    let db = TestDatabase::empty();
    let mut backends: Vec<_> = (0..8)
        .map(|_| Backend::spawn(seeding(&db, "verdant-glade")))
        .collect();
    for backend in &mut backends {
        backend.wait_listening(START);
    }
    let outcomes: Vec<_> = backends.iter().map(outcome).collect();
    let applied = outcomes
        .iter()
        .filter(|o| o.as_deref() == Some("applied"))
        .count();
    let already = outcomes
        .iter()
        .filter(|o| o.as_deref() == Some("already_applied"))
        .count();
    assert_eq!((applied, already), (1, 7), "{outcomes:?}");
    let mut conn = db.connect();
    assert_eq!(count(&mut conn, "example_data_runs"), 1);
    assert_eq!(count(&mut conn, "users"), 48, "verdant-glade has 48 users");
    assert_eq!(count(&mut conn, "user_preferences"), 48);
    drop(conn);
    for backend in &backends {
        backend.signal("TERM");
    }
    for backend in &mut backends {
        let status = backend.wait_exit(Duration::from_secs(30));
        assert!(status.success(), "{status}:\n{}", backend.output());
    }
}

#[rstest]
fn sigkill_mid_seed_leaves_nothing_and_the_next_start_seeds() {
    let db = TestDatabase::empty();
    let mut big = seeding(&db, "mossy-owl");
    big.env("EXAMPLE_DATA_USER_COUNT", "200000");
    let mut first = Backend::spawn(big);
    first.wait_for("message", "seeding example data", START);
    std::thread::sleep(Duration::from_millis(300));
    first.signal("KILL");
    first.wait_exit(Duration::from_secs(30));
    assert_eq!(
        outcome(&first),
        None,
        "the kill must land mid-seed:\n{}",
        first.output()
    );
    let mut conn = db.connect();
    assert_eq!(count(&mut conn, "users"), 0);
    assert_eq!(count(&mut conn, "example_data_runs"), 0);

    let mut again = seeding(&db, "mossy-owl");
    again.env("EXAMPLE_DATA_USER_COUNT", "200000");
    let mut second = Backend::spawn(again);
    second.wait_listening(START);
    assert_eq!(outcome(&second).as_deref(), Some("applied"));
    assert_eq!(count(&mut conn, "users"), 200_000);
    assert_eq!(count(&mut conn, "example_data_runs"), 1);
}

#[rstest]
fn disabled_seeding_writes_nothing_and_says_so() {
    let db = TestDatabase::empty();
    let mut command = command(&std::env::temp_dir());
    command
        .env("DATABASE_URL", db.url())
        .env("EXAMPLE_DATA_IS_ENABLED", "false");
    let mut backend = Backend::spawn(command);
    backend.wait_listening(START);
    assert_eq!(outcome(&backend).as_deref(), Some("disabled"));
    let mut conn = db.connect();
    assert_eq!(count(&mut conn, "users"), 0);
    assert_eq!(count(&mut conn, "example_data_runs"), 0);
}

#[rstest]
fn health_follows_the_database_and_sigterm_exits_zero() {
    let db = TestDatabase::migrated();
    let mut command = command(&std::env::temp_dir());
    command.env("DATABASE_URL", db.url());
    let mut backend = Backend::spawn(command);
    let port = backend.wait_listening(START);
    assert_eq!(get(port, "/health/live").0, 200);
    assert_eq!(get(port, "/health/ready").0, 200);
    // Take the database away under the running server.
    force_drop(&db);
    let (status, body) = get(port, "/health/ready");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("database_unavailable"), "{body}");
    assert!(!body.contains(db.url()), "{body}");
    assert_eq!(get(port, "/health/live").0, 200);
    backend.signal("TERM");
    let status = backend.wait_exit(Duration::from_secs(30));
    assert!(status.success(), "{status}:\n{}", backend.output());
    assert!(
        backend.output().contains("draining"),
        "{}",
        backend.output()
    );
}

#[rstest]
fn beyond_loopback_the_api_needs_the_bearer_token_and_health_stays_open() {
    const TOKEN: &str = "a-test-token-of-some-length";
    let db = TestDatabase::migrated();
    let mut command = command(&std::env::temp_dir());
    command
        .env("DATABASE_URL", db.url())
        .env("BACKEND_API_TOKEN", TOKEN)
        .args(["--host", "0.0.0.0"]);
    let mut backend = Backend::spawn(command);
    let port = backend.wait_listening(START);
    let (status, body) = get(port, "/api/v1/users");
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("unauthorized"), "{body}");
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(get_with(port, "/api/v1/users", Some(&bearer)).0, 200);
    assert_eq!(get(port, "/health/live").0, 200);
    assert!(!backend.output().contains(TOKEN), "{}", backend.output());
}
