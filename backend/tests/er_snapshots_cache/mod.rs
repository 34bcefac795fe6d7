//! `er_snapshots_cache.feature`: cold `er-snapshots` runs and the cached data directory, with
//! the real binary on a fresh `pg-embed-setup-unpriv` root (its binaries come from the shared
//! download cache).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rstest::fixture;
use rstest_bdd::Slot;
use rstest_bdd_macros::{ScenarioState, given, scenario, then, when};
use tempfile::TempDir;

use crate::support::{describe, listing};

const INITIALISED: &str = "initialised the cached data directory";
const FROM_COPY: &str = "starts from a copy of the cached data directory";

/// One run: how it ended and the output directory afterwards.
type Run = (Output, BTreeMap<String, Vec<u8>>);

#[derive(Default, ScenarioState)]
struct ColdRuns {
    root: Slot<TempDir>,
    output: Slot<TempDir>,
    runs: Slot<Vec<Run>>,
    named: Slot<TempDir>,
}

#[fixture]
fn cold_runs() -> ColdRuns {
    ColdRuns::default()
}

fn path_of(slot: &Slot<TempDir>) -> PathBuf {
    slot.with_ref(|dir| dir.path().to_path_buf())
        .expect("a Given step made the directory")
}

fn run(state: &ColdRuns, env: &[(&str, &str)]) {
    let output_dir = path_of(&state.output);
    let output = Command::new(env!("CARGO_BIN_EXE_er-snapshots"))
        .args(["--verbose", "--log-format", "text", "--output-dir"])
        .arg(&output_dir)
        .env("PG_EMBED_ROOT", path_of(&state.root))
        .env_remove("PG_DATA_DIR")
        .env_remove("PG_PASSWORD")
        .env_remove("WILDSIDE_INITDB_CACHE")
        .envs(env.iter().copied())
        .output()
        .expect("run er-snapshots");
    let files = listing(&output_dir);
    let mut runs = state.runs.take().unwrap_or_default();
    runs.push((output, files));
    state.runs.set(runs);
}

fn runs(state: &ColdRuns) -> Vec<Run> {
    state
        .runs
        .with_ref(Clone::clone)
        .expect("a When step ran the command")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn data_entries(state: &ColdRuns) -> Vec<String> {
    fs::read_dir(path_of(&state.root).join("data"))
        .map(|entries| {
            entries
                .map(|entry| {
                    entry
                        .expect("entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[given("a fresh embedded PostgreSQL root and an empty output directory")]
fn fresh_root(cold_runs: &ColdRuns) {
    cold_runs.root.set(tempfile::tempdir().expect("tempdir"));
    let output = tempfile::tempdir().expect("tempdir");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diagrams/er/groups.toml"),
        output.path().join("groups.toml"),
    )
    .expect("copy groups config");
    cold_runs.output.set(output);
}

#[when("er-snapshots runs against the migrations twice")]
fn runs_twice(cold_runs: &ColdRuns) {
    run(cold_runs, &[]);
    run(cold_runs, &[]);
}

#[when("er-snapshots runs against the migrations with WILDSIDE_INITDB_CACHE=off")]
fn runs_uncached(cold_runs: &ColdRuns) {
    run(cold_runs, &[("WILDSIDE_INITDB_CACHE", "off")]);
}

#[given("PG_DATA_DIR names a directory holding a file")]
fn named_data_dir(cold_runs: &ColdRuns) {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("keep.txt"), "mine\n").expect("write");
    cold_runs.named.set(dir);
}

#[when("er-snapshots runs against the migrations with that PG_DATA_DIR")]
fn runs_on_named_dir(cold_runs: &ColdRuns) {
    let named = path_of(&cold_runs.named).display().to_string();
    run(cold_runs, &[("PG_DATA_DIR", named.as_str())]);
}

#[then("the run fails naming PG_DATA_DIR and the directory")]
fn refused(cold_runs: &ColdRuns) {
    let runs = runs(cold_runs);
    let (output, _) = &runs[0];
    assert_eq!(output.status.code(), Some(2), "{}", describe(output));
    let log = stderr(output);
    let named = path_of(&cold_runs.named).display().to_string();
    assert!(
        log.contains(&format!("PG_DATA_DIR={named}")) && log.contains("deletes"),
        "{log}"
    );
}

#[then("the named directory still holds its file")]
fn named_kept(cold_runs: &ColdRuns) {
    let kept = fs::read_to_string(path_of(&cold_runs.named).join("keep.txt")).expect("kept");
    assert_eq!(kept, "mine\n");
}

#[then("both runs succeed with byte-identical snapshots")]
fn both_succeed(cold_runs: &ColdRuns) {
    let runs = runs(cold_runs);
    assert_eq!(runs.len(), 2);
    for (output, _) in &runs {
        assert!(output.status.success(), "{}", describe(output));
    }
    assert!(runs[0].1.contains_key("schema-baseline.svg"));
    assert_eq!(runs[0].1, runs[1].1);
}

#[then("the first run initialised the template and both ran on a copy of it")]
fn first_initialised(cold_runs: &ColdRuns) {
    let runs = runs(cold_runs);
    let (first, second) = (stderr(&runs[0].0), stderr(&runs[1].0));
    assert!(first.contains(INITIALISED), "{first}");
    assert!(!second.contains(INITIALISED), "{second}");
    for log in [&first, &second] {
        assert!(log.contains(FROM_COPY), "{log}");
        // The worker removes each copy; it must be allowed to, from the very first run.
        assert!(!log.contains("failed to clean up"), "{log}");
    }
}

#[then("no copy or staging directory is left under the root")]
fn nothing_left(cold_runs: &ColdRuns) {
    let entries = data_entries(cold_runs);
    assert!(
        entries
            .iter()
            .any(|name| name.starts_with("wildside-initdb-")),
        "{entries:?}"
    );
    assert!(
        !entries
            .iter()
            .any(|name| name.starts_with("wildside-run-") || name.starts_with("wildside-staging-")),
        "{entries:?}"
    );
}

#[then("the run succeeds without the cached data directory")]
fn uncached_succeeds(cold_runs: &ColdRuns) {
    let runs = runs(cold_runs);
    let (output, files) = &runs[0];
    assert!(output.status.success(), "{}", describe(output));
    assert!(files.contains_key("schema-baseline.svg"));
    let log = stderr(output);
    assert!(
        !log.contains(FROM_COPY) && !log.contains(INITIALISED),
        "{log}"
    );
}

#[then("no template exists under the root")]
fn no_template(cold_runs: &ColdRuns) {
    let entries = data_entries(cold_runs);
    assert!(
        !entries.iter().any(|name| name.starts_with("wildside-")),
        "{entries:?}"
    );
}

#[scenario(
    path = "tests/features/er_snapshots_cache.feature",
    name = "The second cold run starts from a copy of the cached template"
)]
fn second_run_from_copy(cold_runs: ColdRuns) {
    let _ = cold_runs;
}

#[scenario(
    path = "tests/features/er_snapshots_cache.feature",
    name = "With the cache turned off no template is made"
)]
fn cache_off(cold_runs: ColdRuns) {
    let _ = cold_runs;
}

#[scenario(
    path = "tests/features/er_snapshots_cache.feature",
    name = "A data directory named in PG_DATA_DIR is refused, not deleted"
)]
fn named_data_dir_refused(cold_runs: ColdRuns) {
    let _ = cold_runs;
}
