//! Unit tests for the initdb cache, on real directories.

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use rstest::{fixture, rstest};
use tempfile::TempDir;

use super::{InitdbCache, PASSWORD_FILE};

#[fixture]
fn root() -> TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// A directory shaped like an initialised data directory.
fn fake_data_dir(dir: &Path) {
    fs::create_dir_all(dir.join("global")).expect("mkdir");
    fs::create_dir_all(dir.join("base/1")).expect("mkdir");
    for (file, contents) in [
        ("PG_VERSION", "17\n"),
        ("postgresql.conf", "# conf\n"),
        ("global/pg_control", "control"),
        ("base/1/1259", "relation"),
        ("postmaster.opts", "opts"),
    ] {
        fs::write(dir.join(file), contents).expect("write");
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).expect("chmod");
    fs::set_permissions(dir.join("base/1/1259"), fs::Permissions::from_mode(0o600)).expect("chmod");
}

fn installed(root: &Path) -> (InitdbCache, String) {
    let cache = InitdbCache::under_root(root, "=17.10.0");
    let (staging, password) = cache.staging().expect("staging");
    fake_data_dir(&staging);
    cache.install(&staging, &password).expect("install");
    (cache, password)
}

#[rstest]
fn the_version_requirement_names_the_template(root: TempDir) {
    let cache = InitdbCache::under_root(root.path(), ">=17, <18");
    assert_eq!(
        cache.template(),
        root.path().join("data/wildside-initdb-__17___18")
    );
}

#[rstest]
fn an_absent_or_incomplete_template_is_not_ready(root: TempDir) {
    let cache = InitdbCache::under_root(root.path(), "=17.10.0");
    assert_eq!(cache.ready(), None);
    fake_data_dir(cache.template());
    // Complete files but no password: it cannot be connected to, so it is not used.
    assert_eq!(cache.ready(), None);
}

#[rstest]
fn an_installed_template_is_ready_with_its_password(root: TempDir) {
    let (cache, password) = installed(root.path());
    assert_eq!(password.len(), 32);
    assert_eq!(cache.ready(), Some(password));
}

#[rstest]
fn an_incomplete_staging_directory_is_refused_by_name(root: TempDir) {
    let cache = InitdbCache::under_root(root.path(), "=17.10.0");
    let (staging, password) = cache.staging().expect("staging");
    fs::create_dir_all(&staging).expect("mkdir");
    let err = cache
        .install(&staging, &password)
        .expect_err("no PG_VERSION");
    assert!(err.to_string().contains("PG_VERSION"), "{err}");
    assert_eq!(cache.ready(), None);
    assert!(
        !staging.exists(),
        "a failed install removes its staging directory"
    );
}

#[rstest]
fn the_first_install_wins_a_race(root: TempDir) {
    let (cache, first) = installed(root.path());
    let (staging, second) = cache.staging().expect("staging");
    assert_ne!(first, second);
    fake_data_dir(&staging);
    cache
        .install(&staging, &second)
        .expect("a second install is not an error");
    assert!(
        !staging.exists(),
        "the loser's staging directory is removed"
    );
    assert_eq!(cache.ready(), Some(first));
}

#[rstest]
fn a_run_copy_keeps_modes_and_drops_server_leftovers(root: TempDir) {
    let (cache, _) = installed(root.path());
    let copy = cache.copy_for_run().expect("copy");
    assert_ne!(copy, cache.template());
    let mode = |path: &Path| fs::metadata(path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&copy), 0o700);
    assert_eq!(mode(&copy.join("base/1/1259")), 0o600);
    assert_eq!(
        fs::read_to_string(copy.join("base/1/1259")).expect("read"),
        "relation"
    );
    assert!(!copy.join(PASSWORD_FILE).exists());
    assert!(!copy.join("postmaster.opts").exists());
    assert!(cache.template().join(PASSWORD_FILE).exists());
}

#[rstest]
fn a_copy_without_a_template_names_it_and_leaves_nothing(root: TempDir) {
    let cache = InitdbCache::under_root(root.path(), "=17.10.0");
    fs::create_dir_all(root.path().join("data")).expect("mkdir");
    let err = cache.copy_for_run().expect_err("no template");
    assert!(
        err.to_string()
            .contains(&cache.template().display().to_string()),
        "{err}"
    );
    let left: Vec<_> = fs::read_dir(root.path().join("data"))
        .expect("list")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[rstest]
fn dead_runs_are_swept_and_live_ones_kept(root: TempDir) {
    let cache = InitdbCache::under_root(root.path(), "=17.10.0");
    let data = root.path().join("data");
    let own = format!("wildside-run-{}-1", std::process::id());
    for name in [
        "wildside-run-4294967295-1",
        "wildside-staging-4294967295-2",
        own.as_str(),
        "12345-678-0",
    ] {
        fs::create_dir_all(data.join(name)).expect("mkdir");
    }
    cache.sweep_dead_runs();
    let mut left: Vec<String> = fs::read_dir(&data)
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    left.sort();
    assert_eq!(left, vec!["12345-678-0".to_owned(), own]);
}
