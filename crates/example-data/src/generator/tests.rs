//! Unit tests for user generation: determinism, validity and distribution.

use std::collections::HashSet;
use std::path::Path;

use rstest::{fixture, rstest};

use super::*;
use crate::display_name::DisplayName;

#[fixture]
fn registry() -> Registry {
    let text = include_str!("../../tests/fixtures/registry.json");
    Registry::parse(text, Path::new("tests/fixtures/registry.json")).expect("valid fixture")
}

fn seed(value: i64) -> SeedValue {
    SeedValue::try_from(value).expect("valid seed")
}

fn count(value: u64) -> UserCount {
    UserCount::try_from(value).expect("valid count")
}

fn users(registry: &Registry, value: i64, n: u64) -> Vec<ExampleUser> {
    ExampleUsers::new(registry, seed(value), count(n)).collect()
}

#[rstest]
fn same_seed_gives_the_same_users(registry: Registry) {
    assert_eq!(users(&registry, 77, 200), users(&registry, 77, 200));
}

#[rstest]
fn a_prefix_previews_the_same_users(registry: Registry) {
    let all = users(&registry, 77, 50);
    let preview: Vec<_> = ExampleUsers::new(&registry, seed(77), count(50))
        .take(5)
        .collect();
    assert_eq!(preview, all[..5]);
}

#[rstest]
#[case(0, 1)]
#[case(1, 2)]
#[case(2026, 2027)]
#[case(i64::MAX, 0)]
fn different_seeds_give_different_users(registry: Registry, #[case] a: i64, #[case] b: i64) {
    let (left, right) = (users(&registry, a, 20), users(&registry, b, 20));
    let shared = left
        .iter()
        .filter(|u| right.iter().any(|v| v.id == u.id))
        .count();
    assert_eq!(shared, 0);
    assert_ne!(
        left.iter().map(|u| &u.display_name).collect::<Vec<_>>(),
        right.iter().map(|u| &u.display_name).collect::<Vec<_>>()
    );
}

#[rstest]
fn generates_exactly_the_seed_count(registry: Registry) {
    let named = registry.seed("tiny").expect("fixture seed");
    let generated = generate_users(&registry, named);
    assert_eq!(generated.len(), 3);
    assert_eq!(ExampleUsers::new(&registry, seed(1), count(3)).len(), 3);
}

#[rstest]
fn every_name_is_valid_and_every_id_unique_over_100_000_users(registry: Registry) {
    let mut ids = HashSet::new();
    for user in ExampleUsers::new(&registry, seed(424_242), count(100_000)) {
        assert!(
            DisplayName::try_from(user.display_name.as_str()).is_ok(),
            "{}",
            user.display_name
        );
        assert_eq!(user.id.get_version_num(), 4);
        assert!(ids.insert(user.id), "duplicate id {}", user.id);
    }
}

#[rstest]
fn selections_come_from_the_catalogue_without_duplicates(registry: Registry) {
    let themes: Vec<_> = registry
        .interest_themes()
        .iter()
        .map(Descriptor::id)
        .collect();
    let toggles: Vec<_> = registry
        .safety_toggles()
        .iter()
        .map(Descriptor::id)
        .collect();
    let mut theme_counts = HashSet::new();
    let mut toggle_counts = HashSet::new();
    for user in ExampleUsers::new(&registry, seed(5), count(20_000)) {
        let prefs = &user.preferences;
        assert!((1..=3).contains(&prefs.interest_theme_ids.len()));
        assert!(prefs.safety_toggle_ids.len() <= 2);
        theme_counts.insert(prefs.interest_theme_ids.len());
        toggle_counts.insert(prefs.safety_toggle_ids.len());
        assert_in_catalogue_order(&prefs.interest_theme_ids, &themes);
        assert_in_catalogue_order(&prefs.safety_toggle_ids, &toggles);
        assert_eq!(user.followed_interest_theme_ids, prefs.interest_theme_ids);
    }
    assert_eq!(theme_counts, HashSet::from([1, 2, 3]));
    assert_eq!(toggle_counts, HashSet::from([0, 1, 2]));
}

/// Every id is in `catalogue`, and positions strictly increase (so no duplicates).
fn assert_in_catalogue_order(ids: &[Uuid], catalogue: &[Uuid]) {
    let positions: Vec<_> = ids
        .iter()
        .map(|id| {
            catalogue
                .iter()
                .position(|c| c == id)
                .expect("id from the catalogue")
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[rstest]
fn every_catalogue_entry_gets_picked(registry: Registry) {
    let picked: HashSet<_> = ExampleUsers::new(&registry, seed(8), count(2_000))
        .flat_map(|u| {
            u.preferences
                .interest_theme_ids
                .into_iter()
                .chain(u.preferences.safety_toggle_ids)
        })
        .collect();
    assert_eq!(
        picked.len(),
        registry.interest_themes().len() + registry.safety_toggles().len()
    );
}

#[rstest]
#[case(3)]
#[case(2026)]
#[case(987_654_321)]
fn imperial_is_a_minority_near_one_in_five(registry: Registry, #[case] value: i64) {
    let total = 100_000_u32;
    let imperial = ExampleUsers::new(&registry, seed(value), count(u64::from(total)))
        .filter(|u| u.preferences.unit_system == UnitSystem::Imperial)
        .count();
    let share = f64::from(u32::try_from(imperial).expect("fits")) / f64::from(total);
    assert!((0.19..=0.21).contains(&share), "imperial share {share}");
}

#[rstest]
fn small_catalogues_cap_the_selection() {
    let text = r#"{
      "version": 1,
      "interestThemes": [{ "id": "27f19aac-5db3-4358-ad3a-76ee580aa519", "slug": "nature", "name": "Nature" }],
      "safetyToggles": [{ "id": "5f68da55-af72-4ae8-8082-2f71b4d52b16", "slug": "well-lit", "name": "Well lit" }],
      "seeds": [{ "name": "solo", "seed": 3, "userCount": 1 }]
    }"#;
    let registry = Registry::parse(text, Path::new("small.json")).expect("valid");
    for user in ExampleUsers::new(&registry, seed(3), count(500)) {
        assert_eq!(user.preferences.interest_theme_ids.len(), 1);
        assert!(user.preferences.safety_toggle_ids.len() <= 1);
    }
}

#[rstest]
fn unit_systems_use_the_database_spelling() {
    assert_eq!(
        (UnitSystem::Metric.as_str(), UnitSystem::Imperial.as_str()),
        ("metric", "imperial")
    );
}
