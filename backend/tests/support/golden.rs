//! The one golden-file helper: compare, or rewrite when `UPDATE_GOLDEN=1`; any other value
//! of `UPDATE_GOLDEN` is a mistake and fails the test.

use std::path::Path;

/// Whether this run rewrites golden files.
///
/// # Panics
/// When `UPDATE_GOLDEN` is set to anything but `1`.
pub fn updating() -> bool {
    match std::env::var("UPDATE_GOLDEN") {
        Err(std::env::VarError::NotPresent) => false,
        Ok(value) if value == "1" => true,
        Ok(value) => panic!("UPDATE_GOLDEN={value:?}: use UPDATE_GOLDEN=1 to rewrite, or unset it"),
        Err(error) => panic!("UPDATE_GOLDEN: {error}"),
    }
}

/// Asserts that `path` holds exactly `actual`, or writes it when [`updating`].
///
/// # Panics
/// When the file differs or cannot be read or written.
pub fn assert_golden(path: &Path, actual: &str) {
    if updating() {
        std::fs::write(path, actual)
            .unwrap_or_else(|error| panic!("write {}: {error}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|error| {
        panic!(
            "read {}: {error} (run with UPDATE_GOLDEN=1)",
            path.display()
        )
    });
    assert_eq!(expected, actual, "golden file {} differs", path.display());
}
