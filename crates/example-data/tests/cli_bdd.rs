//! Behaviour tests for the `example-data` binary, run as a real process on a temporary
//! copy of the committed registry.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use example_data::{NameLength, Registry, SeedName, memorable_name};
use rstest::fixture;
use rstest_bdd::Slot;
use rstest_bdd_macros::{ScenarioState, given, scenario, then, when};
use tempfile::TempDir;

#[derive(Default, ScenarioState)]
struct CliWorld {
    dir: Slot<TempDir>,
    path: Slot<PathBuf>,
    original: Slot<String>,
    output: Slot<Output>,
    previous: Slot<Output>,
}

#[fixture]
fn cli_world() -> CliWorld {
    CliWorld::default()
}

fn committed_registry() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../backend/fixtures/example-data/seeds.json")
}

fn path(world: &CliWorld) -> PathBuf {
    world.path.get().expect("a registry copy exists")
}

fn current_text(world: &CliWorld) -> String {
    fs::read_to_string(path(world)).expect("registry copy readable")
}

fn reload(world: &CliWorld) -> Registry {
    Registry::load(&path(world)).expect("registry copy stays valid")
}

fn output(world: &CliWorld) -> Output {
    world.output.get().expect("a command was run")
}

fn stdout(world: &CliWorld) -> String {
    String::from_utf8(output(world).stdout).expect("UTF-8 output")
}

fn run(world: &CliWorld, args: &str) -> Output {
    // `--registry` goes after the subcommand to exercise the global option.
    Command::new(env!("CARGO_BIN_EXE_example-data"))
        .args(args.split_whitespace())
        .arg("--registry")
        .arg(path(world))
        .output()
        .expect("the binary runs")
}

#[given("a copy of the committed registry")]
fn copy_of_committed_registry(cli_world: &CliWorld) {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("seeds.json");
    fs::copy(committed_registry(), &copy).expect("registry copied");
    cli_world
        .original
        .set(fs::read_to_string(&copy).expect("copy readable"));
    cli_world.path.set(copy);
    cli_world.dir.set(dir);
}

#[given("the registry copy has {pointer} set to {value}")]
fn registry_copy_has(cli_world: &CliWorld, pointer: String, value: String) {
    let mut document: serde_json::Value =
        serde_json::from_str(&current_text(cli_world)).expect("copy is JSON");
    let replacement: serde_json::Value = serde_json::from_str(&value).expect("example is JSON");
    *document.pointer_mut(&pointer).expect("pointer exists") = replacement;
    let broken = serde_json::to_string_pretty(&document).expect("serializes");
    fs::write(path(cli_world), &broken).expect("copy rewritten");
    cli_world.original.set(broken);
}

#[when("I run {args:string}")]
fn i_run(cli_world: &CliWorld, args: &str) {
    let result = run(cli_world, args);
    cli_world.output.set(result);
}

#[when("I run {args:string} twice")]
fn i_run_twice(cli_world: &CliWorld, args: &str) {
    cli_world.previous.set(run(cli_world, args));
    cli_world.output.set(run(cli_world, args));
}

#[then("the command succeeds")]
fn command_succeeds(cli_world: &CliWorld) {
    let result = output(cli_world);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "exit {:?}: {stderr}",
        result.status.code()
    );
}

#[then("the command fails mentioning {text:string}")]
fn command_fails(cli_world: &CliWorld, text: &str) {
    let result = output(cli_world);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success(), "the command should have failed");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(text), "{stderr}");
    assert!(
        stderr.contains(&*path(cli_world).to_string_lossy()),
        "{stderr}"
    );
}

#[then("the output reports seed {name:string} was added")]
fn output_reports(cli_world: &CliWorld, name: &str) {
    let text = stdout(cli_world);
    assert!(text.starts_with(&format!("added seed `{name}`")), "{text}");
}

#[then("the registry has a seed {name:string} with seed {seed:i64} and {users:u32} users")]
fn registry_has_seed(cli_world: &CliWorld, name: &str, seed: i64, users: u32) {
    let registry = reload(cli_world);
    let found = registry.seed(name).expect("seed was added");
    assert_eq!(
        (found.seed().get(), found.user_count().get()),
        (seed, users)
    );
    assert_eq!(registry.seeds().last(), Some(found), "new seeds go last");
    assert!(current_text(cli_world).ends_with("}\n"));
}

#[then("the registry still holds its earlier seeds")]
fn holds_earlier_seeds(cli_world: &CliWorld) {
    let original = cli_world.original.get().expect("original text");
    let before = Registry::parse(&original, Path::new("original")).expect("valid original");
    let after = reload(cli_world);
    assert_eq!(after.seeds()[..before.seeds().len()], *before.seeds());
    assert_eq!(after.interest_themes(), before.interest_themes());
}

#[then("the registry gained one seed with a memorable name of {users:u32} users")]
fn gained_memorable_seed(cli_world: &CliWorld, users: u32) {
    let original = cli_world.original.get().expect("original text");
    let before = Registry::parse(&original, Path::new("original")).expect("valid original");
    let after = reload(cli_world);
    assert_eq!(after.seeds().len(), before.seeds().len() + 1);
    let added = after.seeds().last().expect("a seed");
    let candidates: Vec<SeedName> = [NameLength::Two, NameLength::Three]
        .into_iter()
        .map(|length| memorable_name(added.seed(), length))
        .collect();
    assert!(
        candidates.contains(added.name()),
        "{} is not derived from its seed",
        added.name()
    );
    assert_eq!(added.user_count().get(), users);
}

#[then("the registry file is unchanged")]
fn file_unchanged(cli_world: &CliWorld) {
    let original = cli_world.original.get().expect("original text");
    assert_eq!(current_text(cli_world), original);
    let dir = cli_world
        .dir
        .with_ref(|dir| dir.path().to_owned())
        .expect("temp dir");
    assert_eq!(
        fs::read_dir(dir).expect("listable").count(),
        1,
        "no stray temporary files"
    );
}

#[then("both runs print the same {users:usize} users")]
fn both_runs_same(cli_world: &CliWorld, users: usize) {
    let first = cli_world.previous.get().expect("first run");
    let second = output(cli_world);
    assert!(first.status.success() && second.status.success());
    assert_eq!(first.stdout, second.stdout);
    let parsed: Vec<serde_json::Value> =
        serde_json::from_slice(&second.stdout).expect("JSON output");
    assert_eq!(parsed.len(), users);
}

#[then("the output has {lines:usize} lines")]
fn output_has_lines(cli_world: &CliWorld, lines: usize) {
    assert_eq!(stdout(cli_world).lines().count(), lines);
}

#[then("the output lists the seeds {first:string} and {second:string}")]
fn output_lists(cli_world: &CliWorld, first: &str, second: &str) {
    let text = stdout(cli_world);
    let names: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names, [first, second]);
}

#[scenario(
    path = "tests/features/cli.feature",
    name = "Adding a seed with a generated name"
)]
fn add_with_generated_name(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(
    path = "tests/features/cli.feature",
    name = "Adding a seed with neither name nor seed"
)]
fn add_with_random_seed(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(
    path = "tests/features/cli.feature",
    name = "Adding a seed with an explicit name"
)]
fn add_with_explicit_name(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(
    path = "tests/features/cli.feature",
    name = "A duplicate name is rejected and the file is unchanged"
)]
fn duplicate_name_rejected(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(
    path = "tests/features/cli.feature",
    name = "An invalid registry is rejected and left untouched"
)]
fn invalid_registry_rejected(
    cli_world: CliWorld,
    command: String,
    pointer: String,
    value: String,
    json_path: String,
) {
    let _ = (cli_world, command, pointer, value, json_path);
}

#[scenario(
    path = "tests/features/cli.feature",
    name = "Showing a seed prints the same users on every run"
)]
fn show_is_deterministic(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(path = "tests/features/cli.feature", name = "Previewing and listing")]
fn preview_and_list(cli_world: CliWorld) {
    let _ = cli_world;
}
