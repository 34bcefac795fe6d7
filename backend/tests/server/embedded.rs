//! The real `backend` on its own embedded PostgreSQL: a data directory kept across restarts,
//! so the second start finds the seed already applied (even after another cluster came and
//! went); SIGINT stops the cluster and exits 0.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use rstest::rstest;

use super::process::{Backend, command};

#[rstest]
fn a_persistent_cluster_keeps_the_seed_across_restarts() {
    let dir = tempfile::tempdir().expect("tempdir");
    // As root the cluster runs as `nobody`, which must reach the data directory.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let data = dir.path().join("pg-data");
    for expected in ["applied", "already_applied"] {
        let mut start = command(dir.path());
        start
            .arg("--data-dir")
            .arg(&data)
            .env("EXAMPLE_DATA_IS_ENABLED", "true");
        let mut backend = Backend::spawn(start);
        backend.wait_listening(Duration::from_mins(4));
        let outcome = backend
            .events()
            .into_iter()
            .find_map(|event| event["outcome"].as_str().map(ToOwned::to_owned));
        assert_eq!(outcome.as_deref(), Some(expected), "{}", backend.output());
        backend.signal("INT");
        let status = backend.wait_exit(Duration::from_mins(1));
        assert!(status.success(), "{status}:\n{}", backend.output());
        assert!(
            backend.output().contains("embedded PostgreSQL stopped"),
            "{}",
            backend.output()
        );
        // Another cluster under the same install root meanwhile rewrites the password file
        // that clusters share; the persistent one must not depend on it.
        other_cluster_comes_and_goes(dir.path());
    }
}

fn other_cluster_comes_and_goes(dir: &std::path::Path) {
    let mut start = command(dir);
    start.arg("--ephemeral");
    let mut other = Backend::spawn(start);
    other.wait_listening(Duration::from_mins(4));
    other.signal("INT");
    let status = other.wait_exit(Duration::from_mins(1));
    assert!(status.success(), "{status}:\n{}", other.output());
}
