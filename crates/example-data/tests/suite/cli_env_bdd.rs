//! Behaviour tests for the binary in its surroundings: the default registry found from the
//! working directory, and a reader that closes the pipe early.

use std::fs;
use std::io;
use std::path::PathBuf;

use rstest_bdd_macros::{given, scenario, then, when};

use super::cli_bdd::{CliWorld, binary, cli_world, command};
use super::support::committed_registry;

/// A temporary workspace: a root manifest with `[workspace]`, a member manifest without,
/// and `backend/src` to start from. Returns the root.
fn workspace(cli_world: &CliWorld) -> PathBuf {
    let dir = tempfile::tempdir().expect("temp dir");
    // Canonical, as the working directory the binary starts from will be.
    let root = dir.path().canonicalize().expect("canonical path");
    fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"backend\"]\n",
    )
    .expect("root manifest");
    fs::create_dir_all(root.join("backend/src")).expect("member dirs");
    fs::write(
        root.join("backend/Cargo.toml"),
        "[package]\nname = \"backend\"\n",
    )
    .expect("member manifest");
    cli_world.dir.set(dir);
    root
}

#[given("a workspace holding a copy of the committed registry")]
fn workspace_with_registry(cli_world: &CliWorld) {
    let registry = workspace(cli_world).join(example_data::DEFAULT_REGISTRY_PATH);
    fs::create_dir_all(registry.parent().expect("has a parent")).expect("fixture dirs");
    fs::copy(committed_registry(), &registry).expect("registry copied");
    cli_world
        .original
        .set(fs::read_to_string(&registry).expect("copy readable"));
    cli_world.path.set(registry);
}

#[given("a workspace without a registry")]
fn workspace_without_registry(cli_world: &CliWorld) {
    let registry = workspace(cli_world).join(example_data::DEFAULT_REGISTRY_PATH);
    cli_world.path.set(registry);
}

#[given("a directory outside any workspace")]
fn directory_outside(cli_world: &CliWorld) {
    let dir = tempfile::tempdir().expect("temp dir");
    let start = dir.path().join("deep/inside");
    fs::create_dir_all(&start).expect("dirs");
    // The error names the working directory as the operating system reports it.
    cli_world
        .path
        .set(start.canonicalize().expect("canonical path"));
    cli_world.dir.set(dir);
}

#[when("I run {args:string} in {dir:string} without --registry")]
fn run_in_without_registry(cli_world: &CliWorld, args: &str, dir: &str) {
    let root = cli_world
        .dir
        .with_ref(|temp| temp.path().to_owned())
        .expect("a temporary tree");
    let output = binary(args)
        .current_dir(root.join(dir))
        .output()
        .expect("the binary runs");
    cli_world.output.set(output);
}

#[when("I run {args:string} into a closed pipe")]
fn run_into_closed_pipe(cli_world: &CliWorld, args: &str) {
    // The reading end is closed before the process starts, so its first write fails.
    let (reader, writer) = io::pipe().expect("pipe");
    drop(reader);
    let output = command(cli_world, args)
        .stdout(writer)
        .output()
        .expect("the binary runs");
    cli_world.output.set(output);
}

#[then("nothing is written to stderr")]
fn nothing_on_stderr(cli_world: &CliWorld) {
    let output = cli_world.output.get().expect("a command was run");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[scenario(
    path = "tests/features/cli_environment.feature",
    name = "Without --registry the registry is found from the working directory"
)]
fn default_registry_found(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(
    path = "tests/features/cli_environment.feature",
    name = "A workspace without the registry is named in the error"
)]
fn missing_default_registry(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(
    path = "tests/features/cli_environment.feature",
    name = "Outside any workspace the error names the working directory"
)]
fn outside_any_workspace(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(
    path = "tests/features/cli_environment.feature",
    name = "A reader that closes the pipe early ends the run quietly"
)]
fn closed_pipe(cli_world: CliWorld, format: String) {
    let _ = (cli_world, format);
}
