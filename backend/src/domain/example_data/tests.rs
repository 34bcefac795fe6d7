//! The seeding service against in-memory doubles of the registry and the store.

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::path::Path;

use example_data::Registry;
use rstest::{fixture, rstest};

use super::*;
use crate::domain::ports::example_data_store::{AppliedRun, ExampleDataStoreError};
use crate::domain::ports::seed_registry::SeedRegistryError;

const LOCATION: &str = "fixtures/seeds.json";

const REGISTRY: &str = r#"{
  "version": 1,
  "interestThemes": [
    { "id": "27f19aac-5db3-4358-ad3a-76ee580aa519", "slug": "nature", "name": "Nature" },
    { "id": "31998dcd-f94b-4f86-8516-7451004ef295", "slug": "history", "name": "History" },
    { "id": "c39d0661-1eda-4f3b-806a-d059fea22962", "slug": "street-art", "name": "Street art" }
  ],
  "safetyToggles": [
    { "id": "abbe736c-ab53-4d7c-b02d-09f897af6495", "slug": "well-lit", "name": "Well-lit streets" },
    { "id": "4ba577fe-11ca-4673-aa26-9141bcecfd7b", "slug": "step-free", "name": "Step-free access" }
  ],
  "seeds": [
    { "name": "mossy-owl", "seed": 7814, "userCount": 12 },
    { "name": "verdant-glade", "seed": 2026, "userCount": 48 }
  ]
}"#;

/// A registry held as text and parsed on every load, as the file adapter would.
struct TextRegistry(String);

impl SeedRegistry for TextRegistry {
    fn location(&self) -> &str {
        LOCATION
    }

    fn load(&self) -> Result<Registry, SeedRegistryError> {
        Registry::parse(&self.0, Path::new(LOCATION)).map_err(|source| SeedRegistryError::Load {
            location: LOCATION.to_owned(),
            source: Box::new(source),
        })
    }
}

/// Markers in a map; `fail` makes every apply fail as a broken database would.
#[derive(Default)]
struct MemoryStore {
    runs: BTreeMap<String, AppliedRun>,
    fail: bool,
}

impl ExampleDataStore for MemoryStore {
    fn apply(&mut self, plan: &SeedPlan) -> Result<StoreOutcome, ExampleDataStoreError> {
        if self.fail {
            return Err(ExampleDataStoreError::Statement {
                step: "copy users",
                source: "connection reset by peer".into(),
            });
        }
        let marker = plan.marker();
        if let Some(run) = self.runs.get(marker.seed_key.as_str()) {
            return Ok(StoreOutcome::AlreadyApplied {
                recorded_digest: run.registry_digest.clone(),
            });
        }
        self.runs.insert(
            marker.seed_key.to_string(),
            AppliedRun {
                seed_key: marker.seed_key.to_string(),
                seed: marker.seed,
                user_count: marker.user_count,
                registry_digest: marker.registry_digest.clone(),
            },
        );
        Ok(StoreOutcome::Applied(plan.counts()))
    }

    fn applied_runs(&mut self) -> Result<Vec<AppliedRun>, ExampleDataStoreError> {
        Ok(self.runs.values().cloned().collect())
    }
}

#[fixture]
fn registry() -> TextRegistry {
    TextRegistry(REGISTRY.to_owned())
}

fn name(text: &str) -> SeedName {
    SeedName::try_from(text).expect("valid seed name")
}

/// The error and its sources, joined as a log line would show them.
fn chain(err: &dyn StdError) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

#[rstest]
fn plans_every_row_of_the_seed(registry: TextRegistry) {
    let plan = plan(&registry, &name("mossy-owl"), None).expect("plan");
    assert_eq!(plan.seed_key().as_str(), "mossy-owl");
    assert_eq!(plan.marker().seed, 7814);
    assert_eq!(plan.marker().user_count, 12);
    assert_eq!(plan.users().len(), 12);
    assert_eq!(plan.preferences().len(), 12);
    let follows: usize = plan
        .preferences()
        .iter()
        .map(|p| p.interest_theme_ids().len())
        .sum();
    assert_eq!(plan.follows().len(), follows);
    assert_eq!(plan.interest_themes().len(), 3);
    assert_eq!(plan.safety_toggles().len(), 2);
    assert_eq!(plan.counts().descriptors, 5);
    assert_eq!(plan.registry(), LOCATION);
}

#[rstest]
fn plans_are_deterministic_and_the_digest_is_pinned(registry: TextRegistry) {
    let first = plan(&registry, &name("mossy-owl"), None).expect("plan");
    let second = plan(&registry, &name("mossy-owl"), None).expect("plan");
    assert_eq!(first, second);
    // Independently: sha256 of the canonical text built by hand (see plan.rs). Changing it
    // changes what markers already in databases mean: do it on purpose.
    assert_eq!(
        first.marker().registry_digest,
        "78c8b0e1d62b0f6c28eb1f178a91b75a7d61117f87a94a4feabc0fc80ffc9c7c"
    );
}

#[rstest]
fn a_user_count_overrides_the_registry(registry: TextRegistry) {
    let count = UserCount::try_from(3_u64).expect("count");
    let small = plan(&registry, &name("mossy-owl"), Some(count)).expect("plan");
    let full = plan(&registry, &name("mossy-owl"), None).expect("plan");
    assert_eq!(small.users(), &full.users()[..3]);
    assert_eq!(small.marker().user_count, 3);
    assert_ne!(
        small.marker().registry_digest,
        full.marker().registry_digest
    );
}

#[rstest]
fn an_unknown_seed_names_the_seed_the_registry_and_the_known_seeds(registry: TextRegistry) {
    let err = plan(&registry, &name("nope"), None).expect_err("unknown");
    assert!(matches!(err, SeedingError::UnknownSeed { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "example-data seed `nope` is not in registry fixtures/seeds.json; it has: mossy-owl, verdant-glade"
    );
}

#[test]
fn an_invalid_registry_names_the_file_and_the_field() {
    let broken = TextRegistry(REGISTRY.replace("\"seed\": 7814", "\"seed\": -1"));
    let err = plan(&broken, &name("mossy-owl"), None).expect_err("invalid");
    assert!(matches!(err, SeedingError::Registry { .. }), "{err:?}");
    let text = chain(&err);
    assert!(
        text.starts_with("cannot plan example-data seed `mossy-owl`"),
        "{text}"
    );
    assert!(text.contains("fixtures/seeds.json"), "{text}");
    assert!(text.contains("`seeds[0].seed`"), "{text}");
    assert!(text.contains("found -1"), "{text}");
}

#[test]
fn a_registry_that_is_not_json_is_a_registry_error() {
    let err = plan(&TextRegistry("{".to_owned()), &name("mossy-owl"), None).expect_err("syntax");
    assert!(chain(&err).contains("is not valid JSON"), "{}", chain(&err));
}

#[test]
fn a_catalogue_value_the_domain_rejects_is_a_generation_error() {
    let odd = TextRegistry(REGISTRY.replace("\"History\"", "\" History\""));
    let err = plan(&odd, &name("mossy-owl"), None).expect_err("generation");
    assert!(matches!(err, SeedingError::Generation { .. }), "{err:?}");
    let text = chain(&err);
    assert!(text.contains("`interestThemes[1].name`"), "{text}");
    assert!(text.contains("` History`"), "{text}");
    assert!(text.contains("fixtures/seeds.json"), "{text}");
}

#[rstest]
fn applying_writes_once_and_reports_counts(registry: TextRegistry) {
    let plan = plan(&registry, &name("mossy-owl"), None).expect("plan");
    let mut store = MemoryStore::default();
    let outcome = apply(&mut store, &plan).expect("apply");
    let SeedOutcome::Applied {
        seed_key, counts, ..
    } = outcome
    else {
        panic!("expected Applied, got {outcome:?}");
    };
    assert_eq!(seed_key.as_str(), "mossy-owl");
    assert_eq!(counts, plan.counts());
    assert_eq!(store.applied_runs().expect("runs").len(), 1);
}

#[rstest]
fn applying_again_reports_already_applied(registry: TextRegistry) {
    let plan = plan(&registry, &name("mossy-owl"), None).expect("plan");
    let mut store = MemoryStore::default();
    apply(&mut store, &plan).expect("first");
    let again = apply(&mut store, &plan).expect("second");
    assert_eq!(
        again,
        SeedOutcome::AlreadyApplied {
            seed_key: plan.seed_key().clone(),
            digest_matches: true,
        }
    );
}

#[rstest]
fn a_changed_catalogue_is_reported_on_the_already_applied_seed(registry: TextRegistry) {
    let mut store = MemoryStore::default();
    let old = plan(&registry, &name("mossy-owl"), None).expect("plan");
    apply(&mut store, &old).expect("first");
    let renamed = TextRegistry(REGISTRY.replace("\"Nature\"", "\"Wild nature\""));
    let new = plan(&renamed, &name("mossy-owl"), None).expect("plan");
    let outcome = apply(&mut store, &new).expect("second");
    assert!(
        matches!(
            outcome,
            SeedOutcome::AlreadyApplied {
                digest_matches: false,
                ..
            }
        ),
        "{outcome:?}"
    );
}

#[rstest]
fn a_store_failure_names_the_seed_and_the_step(registry: TextRegistry) {
    let plan = plan(&registry, &name("mossy-owl"), None).expect("plan");
    let mut store = MemoryStore {
        fail: true,
        ..MemoryStore::default()
    };
    let err = apply(&mut store, &plan).expect_err("store fails");
    assert!(matches!(err, SeedingError::Persistence { .. }), "{err:?}");
    assert_eq!(
        chain(&err),
        "could not apply example-data seed `mossy-owl` from registry fixtures/seeds.json: \
         could not copy users: connection reset by peer"
    );
    assert!(store.applied_runs().expect("runs").is_empty());
}
