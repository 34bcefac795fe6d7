//! `er_snapshots.feature`: the `er-snapshots` binary end to end against embedded `PostgreSQL`.
//!
//! Runs the real command as a child process; no mocks. Uses the shared test cluster for
//! `--database-url` runs and lets the command start its own cluster for migration runs.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use backend::test_support::TestDatabase;
use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};
use rstest::fixture;
use rstest_bdd::Slot;
use rstest_bdd_macros::{ScenarioState, given, scenario, then, when};
use tempfile::TempDir;

use crate::support::{describe, listing};

const NEW_TABLE: &str = "er_snapshot_probe";

#[derive(Default, ScenarioState)]
struct Snapshots {
    output: Slot<TempDir>,
    migrations: Slot<TempDir>,
    database: Slot<TestDatabase>,
    before: Slot<BTreeMap<String, Vec<u8>>>,
    result: Slot<Output>,
}

#[fixture]
fn snapshots() -> Snapshots {
    Snapshots::default()
}

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

fn output_dir(state: &Snapshots) -> PathBuf {
    state
        .output
        .with_ref(|dir| dir.path().to_path_buf())
        .expect("a Given step created the output directory")
}

fn run_command(state: &Snapshots, extra: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_er-snapshots"))
        .arg("--output-dir")
        .arg(output_dir(state))
        .args(extra)
        .output()
        .expect("run er-snapshots");
    state.result.set(output.clone());
    output
}

fn database_url(state: &Snapshots) -> String {
    if state.database.is_empty() {
        state.database.set(TestDatabase::migrated());
    }
    state
        .database
        .with_ref(|db| db.url().to_owned())
        .expect("database set")
}

fn fresh_output_dir(state: &Snapshots) {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(
        repo_path("docs/diagrams/er/groups.toml"),
        dir.path().join("groups.toml"),
    )
    .expect("copy groups config");
    state.output.set(dir);
}

fn result(state: &Snapshots) -> Output {
    state
        .result
        .with_ref(Clone::clone)
        .expect("a When step ran the command")
}

#[given("an empty output directory with the checked-in groups config")]
fn empty_output_directory(snapshots: &Snapshots) {
    fresh_output_dir(snapshots);
}

#[given("an output directory holding earlier snapshots")]
fn earlier_snapshots(snapshots: &Snapshots) {
    fresh_output_dir(snapshots);
    let dir = output_dir(snapshots);
    for (name, contents) in [
        ("schema-baseline.mmd", "erDiagram\n"),
        ("removed-group.svg", "<svg/>\n"),
    ] {
        fs::write(dir.join(name), contents).expect("seed earlier snapshot");
    }
    snapshots.before.set(listing(&dir));
}

#[given("an output directory holding fresh snapshots")]
fn fresh_snapshots(snapshots: &Snapshots) {
    fresh_output_dir(snapshots);
    let url = database_url(snapshots);
    let output = run_command(snapshots, &["--database-url", &url]);
    assert!(output.status.success(), "{}", describe(&output));
    snapshots.before.set(listing(&output_dir(snapshots)));
}

#[given("a new migration that adds a table")]
fn new_migration(snapshots: &Snapshots) {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = repo_path("backend/migrations");
    for entry in fs::read_dir(&source).expect("read migrations") {
        let entry = entry.expect("entry");
        let target = dir.path().join(entry.file_name());
        fs::create_dir(&target).expect("mkdir");
        for file in fs::read_dir(entry.path()).expect("read migration") {
            let file = file.expect("file");
            fs::copy(file.path(), target.join(file.file_name())).expect("copy");
        }
    }
    let probe = dir.path().join("2999-01-01-000000_er_snapshot_probe");
    fs::create_dir(&probe).expect("mkdir");
    let up = format!(
        "CREATE TABLE {NEW_TABLE} (id bigint PRIMARY KEY, user_id uuid REFERENCES users (id));\n"
    );
    fs::write(probe.join("up.sql"), up).expect("up.sql");
    fs::write(probe.join("down.sql"), format!("DROP TABLE {NEW_TABLE};\n")).expect("down.sql");
    snapshots.migrations.set(dir);
}

#[when("er-snapshots runs against the migrations")]
fn runs_against_migrations(snapshots: &Snapshots) {
    run_command(snapshots, &[]);
}

#[when("er-snapshots runs with a renderer that cannot start")]
fn runs_with_broken_renderer(snapshots: &Snapshots) {
    let url = database_url(snapshots);
    run_command(
        snapshots,
        &[
            "--database-url",
            &url,
            "--renderer",
            "mmdc",
            "--mmdc",
            "/nonexistent/bin/mmdc",
        ],
    );
}

#[when("er-snapshots runs against the migrated database")]
fn runs_against_database(snapshots: &Snapshots) {
    let url = database_url(snapshots);
    run_command(snapshots, &["--database-url", &url]);
}

#[when("er-snapshots --check runs against the migrated database")]
fn checks_against_database(snapshots: &Snapshots) {
    let url = database_url(snapshots);
    run_command(snapshots, &["--check", "--database-url", &url]);
}

#[when("er-snapshots --check runs against the migrations")]
fn checks_against_migrations(snapshots: &Snapshots) {
    let migrations = snapshots
        .migrations
        .with_ref(|dir| dir.path().display().to_string())
        .expect("a Given step wrote the migrations");
    run_command(snapshots, &["--check", "--migrations-dir", &migrations]);
}

#[then("the command succeeds")]
fn command_succeeds(snapshots: &Snapshots) {
    let output = result(snapshots);
    assert!(output.status.success(), "{}", describe(&output));
}

#[then("the command exits with status 1")]
fn command_reports_drift(snapshots: &Snapshots) {
    let output = result(snapshots);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
}

#[then("the command fails naming the renderer")]
fn command_fails_naming_renderer(snapshots: &Snapshots) {
    let output = result(snapshots);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{}", describe(&output));
    assert!(
        stderr.contains("mmdc") && stderr.contains("/nonexistent/bin/mmdc"),
        "{stderr}"
    );
}

#[then("the whole-schema and group diagrams are written as Mermaid and SVG")]
fn diagrams_written(snapshots: &Snapshots) {
    let files = listing(&output_dir(snapshots));
    for stem in ["schema-baseline", "catalogue", "descriptors", "user-state"] {
        for ext in ["mmd", "svg"] {
            let name = format!("{stem}.{ext}");
            let contents = files
                .get(&name)
                .unwrap_or_else(|| panic!("{name} missing: {:?}", files.keys()));
            assert!(!contents.is_empty(), "{name} is empty");
        }
    }
    let svg = String::from_utf8_lossy(&files["schema-baseline.svg"]).into_owned();
    assert!(
        svg.starts_with("<svg") && svg.contains("DejaVu Sans"),
        "unexpected SVG head"
    );
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[then("every baseline table appears in the whole-schema diagram")]
fn every_table_in_diagram(snapshots: &Snapshots) {
    let mmd = fs::read_to_string(output_dir(snapshots).join("schema-baseline.mmd")).expect("read");
    let svg = fs::read_to_string(output_dir(snapshots).join("schema-baseline.svg")).expect("read");
    let db = TestDatabase::migrated();
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' \
         AND tablename <> '__diesel_schema_migrations' ORDER BY tablename",
    )
    .load(&mut db.connect())
    .expect("list tables");
    assert!(tables.len() >= 20, "baseline has its tables");
    for Name { name } in tables {
        assert!(
            mmd.contains(&format!("\n    {name} {{\n")),
            "{name} missing from Mermaid"
        );
        assert!(
            svg.contains(&format!(">{name}<")),
            "{name} missing from SVG"
        );
    }
    assert!(!mmd.contains("__diesel_schema_migrations"));
}

#[then("the earlier snapshots are unchanged byte for byte")]
fn earlier_unchanged(snapshots: &Snapshots) {
    let before = snapshots.before.with_ref(Clone::clone).expect("recorded");
    assert_eq!(listing(&output_dir(snapshots)), before);
}

#[then("no snapshot file changed")]
fn nothing_changed(snapshots: &Snapshots) {
    earlier_unchanged(snapshots);
}

#[then("the report shows a diff adding the new table")]
fn diff_shows_new_table(snapshots: &Snapshots) {
    let stdout = String::from_utf8_lossy(&result(snapshots).stdout).into_owned();
    assert!(stdout.contains("--- a/schema-baseline.mmd"), "{stdout}");
    assert!(stdout.contains(&format!("+    {NEW_TABLE} {{")), "{stdout}");
    assert!(stdout.contains("changed: schema-baseline.svg"), "{stdout}");
}

#[scenario(
    path = "tests/features/er_snapshots.feature",
    name = "Snapshots are generated from the migrations"
)]
fn generated_from_migrations(snapshots: Snapshots) {
    let _ = snapshots;
}

#[scenario(
    path = "tests/features/er_snapshots.feature",
    name = "A failing renderer leaves no partial artefacts"
)]
fn failing_renderer(snapshots: Snapshots) {
    let _ = snapshots;
}

#[scenario(
    path = "tests/features/er_snapshots.feature",
    name = "A rerun is byte-identical"
)]
fn rerun_identical(snapshots: Snapshots) {
    let _ = snapshots;
}

#[scenario(
    path = "tests/features/er_snapshots.feature",
    name = "Check passes on fresh snapshots"
)]
fn check_passes(snapshots: Snapshots) {
    let _ = snapshots;
}

#[scenario(
    path = "tests/features/er_snapshots.feature",
    name = "Check fails after a new migration"
)]
fn check_fails_after_migration(snapshots: Snapshots) {
    let _ = snapshots;
}
