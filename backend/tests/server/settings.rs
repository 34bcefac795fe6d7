//! The real `backend` binary refusing bad settings: non-zero exit, a message naming the key,
//! its source and its value, secrets never shown, nothing written.

use std::fs;
use std::net::TcpListener;
use std::time::Duration;

use backend::test_support::TestDatabase;
use diesel::{QueryableByName, RunQueryDsl};
use rstest::rstest;

use super::process::{Backend, command};

const EXIT: Duration = Duration::from_mins(1);

fn refused(configure: impl FnOnce(&mut std::process::Command)) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = command(dir.path());
    configure(&mut command);
    let mut backend = Backend::spawn(command);
    let status = backend.wait_exit(EXIT);
    let output = backend.output();
    assert!(!status.success(), "must exit non-zero:\n{output}");
    output
}

#[rstest]
fn an_unknown_seed_name_is_refused_naming_key_and_value() {
    let output = refused(|c| {
        c.env("EXAMPLE_DATA_SEED_NAME", "nope");
    });
    for part in ["example_data.seed_name", "EXAMPLE_DATA_SEED_NAME", "nope"] {
        assert!(output.contains(part), "{part} missing:\n{output}");
    }
}

#[rstest]
fn a_database_url_password_is_never_printed() {
    let output = refused(|c| {
        c.env("DATABASE_URL", "postgres://u:secret@127.0.0.1:1/x");
    });
    assert!(!output.contains("secret"), "{output}");
    assert!(output.contains("u:***@127.0.0.1:1"), "{output}");
}

#[rstest]
#[case::count_zero("EXAMPLE_DATA_USER_COUNT", "0", "example_data.user_count")]
#[case::bad_url("DATABASE_URL", "mysql://u:secret@h/x", "database_url")]
#[case::bad_port("PORT", "http", "port")]
fn a_bad_variable_is_refused(#[case] variable: &str, #[case] value: &str, #[case] key: &str) {
    let output = refused(|c| {
        c.env(variable, value);
    });
    assert!(output.contains(key), "{output}");
    assert!(output.contains(variable), "{output}");
    assert!(!output.contains("secret"), "{output}");
}

#[rstest]
fn listening_beyond_loopback_without_a_token_is_refused_naming_the_setting() {
    let output = refused(|c| {
        c.args(["--host", "0.0.0.0", "--ephemeral"]);
    });
    for part in ["host", "flag --host", "0.0.0.0", "BACKEND_API_TOKEN"] {
        assert!(output.contains(part), "{part} missing:\n{output}");
    }
    assert!(
        !output.contains("embedded PostgreSQL"),
        "refused before any cluster starts:\n{output}"
    );
}

#[rstest]
fn an_unreadable_registry_is_refused_naming_the_flag() {
    let output = refused(|c| {
        c.args([
            "--example-data-is-enabled",
            "--example-data-registry-path=/nonexistent/seeds.json",
        ]);
    });
    for part in [
        "example_data.registry_path",
        "flag --example-data-registry-path",
        "/nonexistent/seeds.json",
    ] {
        assert!(output.contains(part), "{part} missing:\n{output}");
    }
}

#[rstest]
fn a_bad_value_in_the_dotfile_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(".backend.toml");
    fs::write(&file, "[example_data]\nuser_count = 0\n").expect("dotfile");
    let mut backend = Backend::spawn(command(dir.path()));
    let status = backend.wait_exit(EXIT);
    let output = backend.output();
    assert!(!status.success(), "{output}");
    assert!(output.contains(&file.display().to_string()), "{output}");
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[rstest]
fn a_port_in_use_is_refused_before_anything_is_written() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("address").port().to_string();
    let db = TestDatabase::empty();
    let output = refused(|c| {
        c.env("DATABASE_URL", db.url())
            .env("EXAMPLE_DATA_IS_ENABLED", "true")
            .args(["--port", &port]);
    });
    for part in ["`port`", "flag --port", &port] {
        assert!(output.contains(part), "{part} missing:\n{output}");
    }
    let tables = diesel::sql_query(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
    )
    .get_result::<Count>(&mut db.connect())
    .expect("count tables");
    assert_eq!(tables.n, 0, "nothing may be written");
}
