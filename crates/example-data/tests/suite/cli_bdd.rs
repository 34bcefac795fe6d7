//! Behaviour tests for the `example-data` binary, run as a real process on a temporary
//! copy of the committed registry. The world and the steps here are shared with
//! `cli_lock_bdd` and `cli_env_bdd`.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};

use example_data::{NameLength, Registry, SeedName, memorable_name, registry_lock_path};
use rstest::fixture;
use rstest_bdd::Slot;
use rstest_bdd_macros::{ScenarioState, given, scenario, then, when};
use tempfile::TempDir;

use super::support::committed_registry;

#[derive(Default, ScenarioState)]
pub(super) struct CliWorld {
    pub(super) dir: Slot<TempDir>,
    /// The registry copy, or whatever file or directory an error must name.
    pub(super) path: Slot<PathBuf>,
    pub(super) original: Slot<String>,
    pub(super) output: Slot<Output>,
    pub(super) previous: Slot<Output>,
    /// Every output of processes run at once.
    pub(super) outputs: Slot<Vec<Output>>,
    /// A process started but not yet waited for.
    pub(super) child: Slot<Child>,
    /// The registry's lock, held by the test itself.
    pub(super) held_lock: Slot<File>,
}

#[fixture]
pub(super) fn cli_world() -> CliWorld {
    CliWorld::default()
}

pub(super) fn path(world: &CliWorld) -> PathBuf {
    world.path.get().expect("a registry copy exists")
}

fn current_text(world: &CliWorld) -> String {
    fs::read_to_string(path(world)).expect("registry copy readable")
}

pub(super) fn reload(world: &CliWorld) -> Registry {
    Registry::load(&path(world)).expect("registry copy stays valid")
}

/// The registry as the scenario found it.
pub(super) fn original(world: &CliWorld) -> Registry {
    let original = world.original.get().expect("original text");
    Registry::parse(&original, Path::new("original")).expect("valid original")
}

fn output(world: &CliWorld) -> Output {
    world.output.get().expect("a command was run")
}

fn stdout(world: &CliWorld) -> String {
    String::from_utf8(output(world).stdout).expect("UTF-8 output")
}

/// The binary with `args` and, after the subcommand to exercise the global option,
/// `--registry` naming the copy.
pub(super) fn command(world: &CliWorld, args: &str) -> Command {
    let mut command = binary(args);
    command.arg("--registry").arg(path(world));
    command
}

/// The binary with `args` only.
pub(super) fn binary(args: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_example-data"));
    command.args(args.split_whitespace());
    command
}

fn run(world: &CliWorld, args: &str) -> Output {
    command(world, args).output().expect("the binary runs")
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
    let before = original(cli_world);
    let after = reload(cli_world);
    assert_eq!(after.seeds()[..before.seeds().len()], *before.seeds());
    assert_eq!(after.interest_themes(), before.interest_themes());
}

#[then("the registry gained one seed with a memorable name of {users:u32} users")]
fn gained_memorable_seed(cli_world: &CliWorld, users: u32) {
    let before = original(cli_world);
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
    let registry = path(cli_world);
    let dir = registry.parent().expect("the copy is in a directory");
    let stray: Vec<PathBuf> = fs::read_dir(dir)
        .expect("listable")
        .map(|entry| entry.expect("entry").path())
        .filter(|entry| *entry != registry && *entry != registry_lock_path(&registry))
        .collect();
    assert!(
        stray.is_empty(),
        "stray files beside the registry: {stray:?}"
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
