//! What the test modules share: fixture paths and the one golden-file comparison.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// The variable that asks for golden files to be rewritten.
const UPDATE_GOLDEN: &str = "UPDATE_GOLDEN";

/// The registry committed for the backend, read by the tests but never written.
pub(crate) fn committed_registry() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../backend/fixtures/example-data/seeds.json")
}

/// A file under `tests/fixtures/`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Compares `actual` with the golden file at `path`, byte for byte. With `UPDATE_GOLDEN=1`
/// the file is rewritten first; any other value of the variable is refused, so that a
/// `0` or `false` meant as "off" never rewrites anything.
///
/// # Panics
///
/// When `UPDATE_GOLDEN` has another value than `1`, when the file cannot be read or
/// written, or when the contents differ.
pub(crate) fn assert_golden(path: &Path, actual: &str) {
    let update = update_requested(std::env::var_os(UPDATE_GOLDEN).as_deref())
        .unwrap_or_else(|message| panic!("{message}"));
    if update {
        fs::write(path, actual)
            .unwrap_or_else(|err| panic!("cannot write golden file {}: {err}", path.display()));
    }
    let expected = fs::read_to_string(path).unwrap_or_else(|err| {
        panic!(
            "{}: {err}; run with {UPDATE_GOLDEN}=1 to create it",
            path.display()
        )
    });
    assert!(
        actual == expected,
        "output differs from golden file {}; if the change is intended, rerun with \
         {UPDATE_GOLDEN}=1 and review the diff\n--- actual ---\n{actual}",
        path.display()
    );
}

/// `Ok(true)` for `1`, `Ok(false)` when unset, an explanation for anything else.
fn update_requested(value: Option<&OsStr>) -> Result<bool, String> {
    match value {
        None => Ok(false),
        Some(value) if value == "1" => Ok(true),
        Some(other) => Err(format!(
            "{UPDATE_GOLDEN} is `{}`: set it to 1 to rewrite golden files, or unset it to \
             compare against them",
            other.display()
        )),
    }
}

mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::unset(None, Ok(false))]
    #[case::one(Some("1"), Ok(true))]
    fn accepted_values(#[case] value: Option<&str>, #[case] expected: Result<bool, String>) {
        assert_eq!(update_requested(value.map(OsStr::new)), expected);
    }

    #[rstest]
    #[case::zero("0")]
    #[case::empty("")]
    #[case::word("true")]
    #[case::padded(" 1")]
    fn every_other_value_is_refused_naming_it(#[case] value: &str) {
        let message = update_requested(Some(OsStr::new(value))).expect_err("refused");
        assert!(message.starts_with(UPDATE_GOLDEN), "{message}");
        assert!(message.contains(&format!("`{value}`")), "{message}");
    }
}
