//! Unit tests for registry parsing, validation, editing and writing.

use std::path::{Path, PathBuf};

use rstest::{fixture, rstest};
use serde_json::{Value, json};

use super::*;
use crate::error::FieldError;
use crate::seed::{SeedValue, UserCount};

const FILE: &str = "fixtures/seeds.json";

#[fixture]
fn document() -> Value {
    json!({
        "version": 1,
        "interestThemes": [
            { "id": "27f19aac-5db3-4358-ad3a-76ee580aa519", "slug": "nature", "name": "Nature" },
            { "id": "31998dcd-f94b-4f86-8516-7451004ef295", "slug": "history", "name": "History" },
            { "id": "c39d0661-1eda-4f3b-806a-d059fea22962", "slug": "street-art", "name": "Street art" }
        ],
        "safetyToggles": [
            { "id": "5f68da55-af72-4ae8-8082-2f71b4d52b16", "slug": "well-lit", "name": "Well lit" },
            { "id": "4f24f4cb-7dad-4c28-80f6-134a4baa158a", "slug": "step-free", "name": "Step free" }
        ],
        "seeds": [
            { "name": "mossy-owl", "seed": 2026, "userCount": 12 },
            { "name": "brisk-heron", "seed": 7, "userCount": 3 }
        ]
    })
}

fn parse(value: &Value) -> Result<Registry, RegistryError> {
    Registry::parse(&value.to_string(), Path::new(FILE))
}

/// Applies `edit` at the JSON pointer `pointer` of `document`.
fn edited(mut document: Value, pointer: &str, edit: impl FnOnce(&mut Value)) -> Value {
    edit(
        document
            .pointer_mut(pointer)
            .expect("pointer exists in the test document"),
    );
    document
}

#[rstest]
fn parses_a_valid_registry(document: Value) {
    let registry = parse(&document).expect("valid registry");
    assert_eq!(registry.interest_themes().len(), 3);
    assert_eq!(registry.safety_toggles().len(), 2);
    let seed = registry.seed("brisk-heron").expect("seed is present");
    assert_eq!((seed.seed().get(), seed.user_count().get()), (7, 3));
    assert!(registry.seed("missing").is_none());
}

#[rstest]
#[case::unknown_version("/version", json!(2), "version", "unsupported registry version 2")]
#[case::string_version("/version", json!("1"), "version", "unsupported registry version \"1\"")]
#[case::bad_uuid("/interestThemes/1/id", json!("not-a-uuid"), "interestThemes[1].id", "is not a UUID")]
#[case::duplicate_id(
    "/safetyToggles/1/id",
    json!("27f19aac-5db3-4358-ad3a-76ee580aa519"),
    "safetyToggles[1].id",
    "duplicate id 27f19aac-5db3-4358-ad3a-76ee580aa519; first used at `interestThemes[0].id`"
)]
#[case::duplicate_slug("/interestThemes/2/slug", json!("nature"), "interestThemes[2].slug", "duplicate slug")]
#[case::bad_slug("/safetyToggles/0/slug", json!("Well Lit"), "safetyToggles[0].slug", "slug `Well Lit`")]
#[case::blank_name("/interestThemes/0/name", json!("  "), "interestThemes[0].name", "must not be blank")]
#[case::empty_themes("/interestThemes", json!([]), "interestThemes", "list must not be empty")]
#[case::empty_toggles("/safetyToggles", json!([]), "safetyToggles", "list must not be empty")]
#[case::empty_seeds("/seeds", json!([]), "seeds", "list must not be empty")]
#[case::duplicate_name(
    "/seeds/1/name",
    json!("mossy-owl"),
    "seeds[1].name",
    "duplicate seed name `mossy-owl`; first used at `seeds[0].name`"
)]
#[case::bad_seed_name("/seeds/0/name", json!("Mossy Owl"), "seeds[0].name", "seed name `Mossy Owl`")]
#[case::negative_seed("/seeds/1/seed", json!(-1), "seeds[1].seed", "found -1")]
#[case::seed_above_bigint(
    "/seeds/1/seed",
    json!(9_223_372_036_854_775_808_u64),
    "seeds[1].seed",
    "found 9223372036854775808"
)]
#[case::fractional_seed("/seeds/0/seed", json!(1.5), "seeds[0].seed", "found 1.5")]
#[case::zero_users("/seeds/0/userCount", json!(0), "seeds[0].userCount", "found 0")]
#[case::too_many_users("/seeds/1/userCount", json!(1_000_001), "seeds[1].userCount", "found 1000001")]
fn rejects_rule_breaking_fields(
    document: Value,
    #[case] pointer: &str,
    #[case] replacement: Value,
    #[case] json_path: &str,
    #[case] message: &str,
) {
    let broken = edited(document, pointer, |slot| *slot = replacement);
    let err = parse(&broken).expect_err("registry must be rejected");
    let RegistryError::Invalid {
        path,
        json_path: found,
        source,
    } = &err
    else {
        panic!("expected a rule error, got {err:?}");
    };
    assert_eq!(
        (path.as_path(), found.as_str()),
        (Path::new(FILE), json_path)
    );
    assert!(source.to_string().contains(message), "{source}");
    let shown = err.to_string();
    assert!(shown.contains(FILE) && shown.contains(json_path), "{shown}");
}

#[rstest]
fn rejects_a_missing_version(mut document: Value) {
    document
        .as_object_mut()
        .map(|object| object.remove("version"));
    let err = parse(&document).expect_err("registry must be rejected");
    assert!(matches!(
        err,
        RegistryError::Invalid { ref json_path, source: FieldError::UnsupportedVersion { .. }, .. }
            if json_path == "version"
    ));
}

#[rstest]
#[case::seed_as_text("/seeds/0", "seed", Some(json!("42")), "seeds[0].seed")]
#[case::missing_user_count("/seeds/1", "userCount", None, "seeds[1]")]
#[case::unknown_key("/interestThemes/0", "colour", Some(json!("green")), "interestThemes[0].colour")]
#[case::id_as_number("/safetyToggles/0", "id", Some(json!(17)), "safetyToggles[0].id")]
fn rejects_mistyped_fields(
    document: Value,
    #[case] pointer: &str,
    #[case] key: &str,
    #[case] value: Option<Value>,
    #[case] json_path: &str,
) {
    let broken = edited(document, pointer, |slot| {
        let object = slot.as_object_mut().expect("an object");
        match value {
            Some(value) => object.insert(key.to_owned(), value),
            None => object.remove(key),
        };
    });
    let err = parse(&broken).expect_err("registry must be rejected");
    assert!(
        matches!(&err, RegistryError::Shape { json_path: found, .. } if found == json_path),
        "{err:?}"
    );
    assert!(err.to_string().contains(FILE));
}

#[rstest]
#[case::truncated("{\"version\": 1,")]
#[case::not_json("seeds: []")]
#[case::empty("")]
fn rejects_text_that_is_not_json(#[case] text: &str) {
    let err = Registry::parse(text, Path::new(FILE)).expect_err("must be rejected");
    assert!(matches!(err, RegistryError::Syntax { .. }), "{err:?}");
    assert!(err.to_string().contains(FILE));
}

#[rstest]
fn rejects_a_document_that_is_not_an_object() {
    let err = Registry::parse("[]", Path::new(FILE)).expect_err("must be rejected");
    assert!(
        matches!(&err, RegistryError::Shape { json_path, .. } if json_path == "$"),
        "{err:?}"
    );
}

#[rstest]
fn reports_unreadable_files_by_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("absent.json");
    let err = Registry::load(&missing).expect_err("missing file");
    assert!(matches!(err, RegistryError::Read { .. }));
    assert!(err.to_string().contains(&*missing.to_string_lossy()));
}

#[rstest]
fn round_trips_through_its_own_text(document: Value) {
    let registry = parse(&document).expect("valid registry");
    let text = registry.to_json().expect("serializes");
    assert!(text.ends_with("}\n"));
    assert!(text.starts_with("{\n  \"version\": 1,\n  \"interestThemes\": [\n"));
    let again = Registry::parse(&text, Path::new(FILE)).expect("reparses");
    assert_eq!(again, registry);
    assert_eq!(again.to_json().expect("serializes"), text);
}

#[rstest]
fn committed_registry_is_valid_and_canonically_formatted() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(DEFAULT_REGISTRY_PATH);
    let text = std::fs::read_to_string(&path).expect("committed registry is readable");
    let registry = Registry::parse(&text, &path).expect("committed registry is valid");
    assert_eq!(registry.to_json().expect("serializes"), text);
}

#[rstest]
fn adding_a_duplicate_name_changes_nothing(document: Value) {
    let mut registry = parse(&document).expect("valid registry");
    let before = registry.clone();
    let duplicate = NamedSeed::new(
        SeedName::try_from("mossy-owl").expect("valid name"),
        SeedValue::try_from(1_i64).expect("valid seed"),
        UserCount::try_from(5_u64).expect("valid count"),
    );
    let err = registry.add_seed(duplicate).expect_err("duplicate");
    assert_eq!(err.to_string(), "a seed named `mossy-owl` already exists");
    assert_eq!(registry, before);
}

#[rstest]
fn saving_appends_the_new_seed_last(document: Value) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("seeds.json");
    let mut registry = parse(&document).expect("valid registry");
    let added = NamedSeed::new(
        SeedName::try_from("amber-fern").expect("valid name"),
        SeedValue::try_from(99_i64).expect("valid seed"),
        UserCount::try_from(12_u64).expect("valid count"),
    );
    registry.add_seed(added.clone()).expect("new name");
    registry.save(&path).expect("saved");
    let reloaded = Registry::load(&path).expect("reloads");
    assert_eq!(reloaded.seeds().last(), Some(&added));
    assert_eq!(reloaded, registry);
}
