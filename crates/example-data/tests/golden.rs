//! Golden test: a fixed seed's first users, byte for byte against a committed fixture, so
//! a dependency upgrade that would change demo data fails here instead.
//!
//! Regenerate on purpose with `UPDATE_GOLDEN=1 cargo test -p example-data --test golden`.

use std::fs;
use std::path::{Path, PathBuf};

use example_data::{ExampleUsers, Registry, SeedValue, UserCount};

const GOLDEN_SEED: i64 = 20_261_122;
const GOLDEN_USERS: u64 = 25;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn rendered_users() -> String {
    let registry = Registry::load(&fixture("registry.json")).expect("fixture registry loads");
    let seed = SeedValue::try_from(GOLDEN_SEED).expect("valid seed");
    let count = UserCount::try_from(GOLDEN_USERS).expect("valid count");
    let users: Vec<_> = ExampleUsers::new(&registry, seed, count).collect();
    let mut text = serde_json::to_string_pretty(&users).expect("users serialize");
    text.push('\n');
    text
}

#[test]
fn first_users_of_the_golden_seed_match_the_fixture() {
    let path = fixture(&format!("golden_{GOLDEN_SEED}.json"));
    let actual = rendered_users();
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        fs::write(&path, &actual).expect("golden fixture written");
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert!(
        actual == expected,
        "generated users differ from {}; if the change is intended, rerun with UPDATE_GOLDEN=1 \
         and review the diff\n--- actual ---\n{actual}",
        path.display()
    );
}
