//! Behaviour tests for the registry lock: real `add` processes racing on one registry copy,
//! and an `add` queued behind a lock the test holds.

use std::collections::BTreeSet;
use std::fs::File;
use std::process::{Output, Stdio};
use std::thread;
use std::time::Duration;

use example_data::registry_lock_path;
use rstest_bdd_macros::{given, scenario, then, when};

use super::cli_bdd::{CliWorld, cli_world, command, original, path, reload};

#[when("{count:usize} processes run {args:string} at once")]
fn processes_at_once(cli_world: &CliWorld, count: usize, args: &str) {
    // Every process is started before any is waited for, so they overlap.
    let children: Vec<_> = (1..=count)
        .map(|n| {
            command(cli_world, &args.replace('N', &n.to_string()))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the binary starts")
        })
        .collect();
    let outputs = children
        .into_iter()
        .map(|child| child.wait_with_output().expect("the binary ends"))
        .collect();
    cli_world.outputs.set(outputs);
}

#[then("every process succeeds")]
fn every_process_succeeds(cli_world: &CliWorld) {
    let outputs: Vec<Output> = cli_world.outputs.take().expect("processes were run");
    for (index, output) in outputs.iter().enumerate() {
        assert!(
            output.status.success(),
            "process {} exited {:?}: {}",
            index + 1,
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[then("the registry gained {count:usize} seeds named {pattern:string} for N from 1")]
fn gained_seeds(cli_world: &CliWorld, count: usize, pattern: &str) {
    let before = original(cli_world);
    let after = reload(cli_world);
    let added: BTreeSet<String> = after.seeds()[before.seeds().len()..]
        .iter()
        .map(|seed| seed.name().to_string())
        .collect();
    let expected: BTreeSet<String> = (1..=count)
        .map(|n| pattern.replace('N', &n.to_string()))
        .collect();
    assert_eq!(
        added, expected,
        "every concurrent add must land exactly once"
    );
    assert_eq!(after.seeds().len(), before.seeds().len() + count);
}

#[then("the lock file is free for the next writer")]
fn lock_file_is_free(cli_world: &CliWorld) {
    let lock_path = registry_lock_path(&path(cli_world));
    let lock = File::open(&lock_path).expect("the lock file stays beside the registry");
    lock.try_lock().expect("no process still holds the lock");
    assert_eq!(
        lock.metadata().expect("metadata").len(),
        0,
        "the lock file stays empty"
    );
}

#[given("the registry lock is held")]
fn lock_is_held(cli_world: &CliWorld) {
    let lock = File::create(registry_lock_path(&path(cli_world))).expect("lock file created");
    lock.try_lock().expect("the lock is free");
    cli_world.held_lock.set(lock);
}

#[when("I start {args:string}")]
fn i_start(cli_world: &CliWorld, args: &str) {
    let child = command(cli_world, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    cli_world.child.set(child);
}

#[then("the add is still waiting after {millis:u64} ms")]
fn still_waiting(cli_world: &CliWorld, millis: u64) {
    thread::sleep(Duration::from_millis(millis));
    let status = cli_world
        .child
        .with_mut(|child| child.try_wait().expect("status readable"))
        .expect("a process was started");
    assert_eq!(status, None, "the add must wait for the lock, not finish");
}

#[when("the registry lock is released and the add finishes")]
fn lock_released(cli_world: &CliWorld) {
    drop(cli_world.held_lock.take().expect("the lock was held"));
    let child = cli_world.child.take().expect("a process was started");
    cli_world
        .output
        .set(child.wait_with_output().expect("the binary ends"));
}

#[scenario(
    path = "tests/features/registry_lock.feature",
    name = "Eight adds at once all land"
)]
fn eight_adds_at_once(cli_world: CliWorld) {
    let _ = cli_world;
}

#[scenario(
    path = "tests/features/registry_lock.feature",
    name = "An add waits while another writer holds the lock"
)]
fn add_waits_for_the_lock(cli_world: CliWorld) {
    let _ = cli_world;
}
