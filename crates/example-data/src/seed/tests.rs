//! Unit tests for the seed newtypes.

use super::*;
use rstest::rstest;

#[rstest]
#[case("mossy-owl")]
#[case("a")]
#[case("demo-2026")]
#[case("brisk-amber-heron")]
fn accepts_kebab_case_names(#[case] name: &str) {
    assert_eq!(
        SeedName::try_from(name).map(|n| n.to_string()),
        Ok(name.to_owned())
    );
}

#[rstest]
#[case("", SeedNameError::Empty)]
#[case("Mossy-Owl", SeedNameError::Malformed("Mossy-Owl".into()))]
#[case("mossy--owl", SeedNameError::Malformed("mossy--owl".into()))]
#[case("-owl", SeedNameError::Malformed("-owl".into()))]
#[case("owl-", SeedNameError::Malformed("owl-".into()))]
#[case("mossy owl", SeedNameError::Malformed("mossy owl".into()))]
#[case("mossy_owl", SeedNameError::Malformed("mossy_owl".into()))]
fn rejects_malformed_names(#[case] name: &str, #[case] expected: SeedNameError) {
    assert_eq!(SeedName::try_from(name), Err(expected));
}

#[rstest]
fn rejects_overlong_names() {
    let name = "a".repeat(MAX_NAME_LEN + 1);
    assert!(matches!(
        SeedName::try_from(name),
        Err(SeedNameError::TooLong(_))
    ));
    assert!(SeedName::try_from("a".repeat(MAX_NAME_LEN)).is_ok());
}

#[rstest]
#[case("0", Some(0))]
#[case("9223372036854775807", Some(i64::MAX))]
#[case("42", Some(42))]
#[case("-1", None)]
#[case("9223372036854775808", None)]
#[case("4.5", None)]
#[case("seed", None)]
fn parses_seed_values(#[case] text: &str, #[case] expected: Option<i64>) {
    assert_eq!(text.parse::<SeedValue>().ok().map(SeedValue::get), expected);
}

#[rstest]
#[case("0", Some(0))]
#[case("-3", None)]
#[case("1.5", None)]
#[case("18446744073709551616", None)]
#[case("9223372036854775808", None)]
#[case("9223372036854775807", Some(i64::MAX))]
#[case("7", Some(7))]
fn converts_json_seed_numbers(#[case] json: &str, #[case] expected: Option<i64>) {
    let number: serde_json::Number = serde_json::from_str(json).expect("test JSON number");
    assert_eq!(
        SeedValue::try_from(&number).ok().map(SeedValue::get),
        expected
    );
}

#[rstest]
#[case("1", Some(1))]
#[case("12", Some(12))]
#[case("1000000", Some(1_000_000))]
#[case("0", None)]
#[case("1000001", None)]
#[case("-1", None)]
#[case("many", None)]
fn parses_user_counts(#[case] text: &str, #[case] expected: Option<u32>) {
    assert_eq!(text.parse::<UserCount>().ok().map(UserCount::get), expected);
}

#[rstest]
#[case("0", None)]
#[case("2.0", None)]
#[case("-4", None)]
#[case("4294967297", None)]
#[case("64", Some(64))]
fn converts_json_user_counts(#[case] json: &str, #[case] expected: Option<u32>) {
    let number: serde_json::Number = serde_json::from_str(json).expect("test JSON number");
    assert_eq!(
        UserCount::try_from(&number).ok().map(UserCount::get),
        expected
    );
}

#[rstest]
fn out_of_range_messages_show_the_bounds() {
    let seed_err = SeedValue::try_from(-1_i64).err().map(|e| e.to_string());
    assert_eq!(
        seed_err.as_deref(),
        Some("seed must be an integer within 0..=9223372036854775807, found -1")
    );
    let count_err = UserCount::try_from(0_u64).err().map(|e| e.to_string());
    assert_eq!(
        count_err.as_deref(),
        Some("user count must be an integer within 1..=1000000, found 0")
    );
}
