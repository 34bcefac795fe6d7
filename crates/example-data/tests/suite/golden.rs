//! Golden test: a fixed seed's first users, byte for byte against a committed fixture, so
//! a dependency upgrade that would change demo data fails here instead.
//!
//! Regenerate on purpose with `UPDATE_GOLDEN=1 cargo test -p example-data --test main golden`.

use example_data::{ExampleUsers, Registry, SeedValue, UserCount};

use super::support::{assert_golden, fixture};

const GOLDEN_SEED: i64 = 20_261_122;
const GOLDEN_USERS: u64 = 25;

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
    assert_golden(
        &fixture(&format!("golden_{GOLDEN_SEED}.json")),
        &rendered_users(),
    );
}
