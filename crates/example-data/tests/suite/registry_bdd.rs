//! Behaviour tests for loading and validating the named-seed registry.

use std::error::Error;
use std::fs;
use std::path::PathBuf;

use example_data::{Registry, generate_users};
use rstest::fixture;
use rstest_bdd::Slot;
use rstest_bdd_macros::{ScenarioState, given, scenario, then, when};
use tempfile::TempDir;

use super::support::{committed_registry, fixture};

#[derive(Default, ScenarioState)]
struct RegistryWorld {
    dir: Slot<TempDir>,
    path: Slot<PathBuf>,
    loaded: Slot<Result<Registry, String>>,
}

#[fixture]
fn registry_world() -> RegistryWorld {
    RegistryWorld::default()
}

/// The error and its causes, as the CLI prints them.
fn chain(err: &dyn Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn write_temp(world: &RegistryWorld, contents: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("seeds.json");
    fs::write(&path, contents).expect("temp registry written");
    world.path.set(path);
    world.dir.set(dir);
}

#[given("the committed registry")]
fn the_committed_registry(registry_world: &RegistryWorld) {
    registry_world.path.set(committed_registry());
}

#[given("a registry file holding {text:string}")]
fn registry_file_holding(registry_world: &RegistryWorld, text: &str) {
    write_temp(registry_world, &text.replace("\\\"", "\""));
}

#[given("the test registry with {pointer} set to {value}")]
fn test_registry_with(registry_world: &RegistryWorld, pointer: String, value: String) {
    let text = fs::read_to_string(fixture("registry.json")).expect("fixture registry readable");
    let mut document: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
    let replacement: serde_json::Value = serde_json::from_str(&value).expect("example is JSON");
    *document.pointer_mut(&pointer).expect("pointer exists") = replacement;
    write_temp(registry_world, &document.to_string());
}

#[when("the registry is loaded")]
fn registry_is_loaded(registry_world: &RegistryWorld) {
    let path = registry_world.path.get().expect("a registry was chosen");
    let loaded = Registry::load(&path).map_err(|err| chain(&err));
    registry_world.loaded.set(loaded);
}

fn loaded(world: &RegistryWorld) -> Registry {
    match world.loaded.get().expect("the registry was loaded") {
        Ok(registry) => registry,
        Err(err) => panic!("registry failed to load: {err}"),
    }
}

#[then("it offers {themes:usize} interest themes and {toggles:usize} safety toggles")]
fn offers_catalogue(registry_world: &RegistryWorld, themes: usize, toggles: usize) {
    let registry = loaded(registry_world);
    assert_eq!(registry.interest_themes().len(), themes);
    assert_eq!(registry.safety_toggles().len(), toggles);
}

#[then("it has a seed named {name:string}")]
fn has_seed(registry_world: &RegistryWorld, name: &str) {
    assert!(
        loaded(registry_world).seed(name).is_some(),
        "no seed {name}"
    );
}

#[then("the users of {name:string} are the same on every generation")]
fn users_are_reproducible(registry_world: &RegistryWorld, name: &str) {
    let registry = loaded(registry_world);
    let seed = registry.seed(name).expect("seed exists");
    let first = generate_users(&registry, seed);
    assert_eq!(first.len() as u64, u64::from(seed.user_count().get()));
    assert_eq!(first, generate_users(&registry, seed));
}

#[then("loading fails naming the file and {expected:string}")]
fn loading_fails(registry_world: &RegistryWorld, expected: &str) {
    let path = registry_world.path.get().expect("a registry was chosen");
    let Some(Err(message)) = registry_world.loaded.get() else {
        panic!("the registry loaded but should have been rejected");
    };
    assert!(message.contains(&*path.to_string_lossy()), "{message}");
    assert!(message.contains(expected), "{message}");
}

#[then("the reason mentions {reason:string}")]
fn reason_mentions(registry_world: &RegistryWorld, reason: &str) {
    let Some(Err(message)) = registry_world.loaded.get() else {
        panic!("the registry loaded but should have been rejected");
    };
    assert!(message.contains(reason), "{message}");
}

#[scenario(
    path = "tests/features/registry.feature",
    name = "The committed registry loads"
)]
fn committed_registry_loads(registry_world: RegistryWorld) {
    let _ = registry_world;
}

#[scenario(
    path = "tests/features/registry.feature",
    name = "Text that is not JSON is rejected"
)]
fn non_json_is_rejected(registry_world: RegistryWorld) {
    let _ = registry_world;
}

#[scenario(
    path = "tests/features/registry.feature",
    name = "A registry that breaks a rule is rejected"
)]
fn rule_breaking_registry_is_rejected(
    registry_world: RegistryWorld,
    pointer: String,
    value: String,
    json_path: String,
    reason: String,
) {
    let _ = (registry_world, pointer, value, json_path, reason);
}
