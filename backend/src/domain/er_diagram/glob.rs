//! Table-name globs for diagram groups: `*` matches any run, `?` one character.
//!
//! Validated once where the groups file is read; matching is `globset`'s.

use std::cmp::Ordering;
use std::fmt;

use globset::{GlobBuilder, GlobMatcher};

/// A non-empty pattern of table-name characters plus the wildcards `*` and `?`.
#[derive(Debug, Clone)]
pub struct TableGlob {
    pattern: String,
    matcher: GlobMatcher,
}

/// Why a string is not a [`TableGlob`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid table glob {pattern:?}: use letters, digits, '_', '-', '.', '*' or '?'")]
pub struct TableGlobError {
    /// The rejected pattern.
    pub pattern: String,
}

impl TryFrom<&str> for TableGlob {
    type Error = TableGlobError;

    fn try_from(pattern: &str) -> Result<Self, Self::Error> {
        let invalid = || TableGlobError {
            pattern: pattern.to_owned(),
        };
        // Only table-name characters and the two wildcards: no classes, braces or escapes.
        let valid = !pattern.is_empty()
            && pattern
                .chars()
                .all(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.' | '*' | '?' | '$'));
        if !valid {
            return Err(invalid());
        }
        let glob = GlobBuilder::new(pattern)
            .literal_separator(false)
            .backslash_escape(false)
            .build()
            .map_err(|_| invalid())?;
        Ok(Self {
            pattern: pattern.to_owned(),
            matcher: glob.compile_matcher(),
        })
    }
}

impl TableGlob {
    /// Whether the whole of `name` matches the pattern.
    pub fn matches(&self, name: &str) -> bool {
        self.matcher.is_match(name)
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

impl PartialEq for TableGlob {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

impl Eq for TableGlob {}

impl PartialOrd for TableGlob {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TableGlob {
    fn cmp(&self, other: &Self) -> Ordering {
        self.pattern.cmp(&other.pattern)
    }
}

impl fmt::Display for TableGlob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pattern)
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::TableGlob;

    #[rstest]
    #[case("route*", "routes", true)]
    #[case("route*", "route", true)]
    #[case("route*", "user_routes", false)]
    #[case("*_tags", "route_tags", true)]
    #[case("user?", "users", true)]
    #[case("user?", "user", false)]
    #[case("a*b*c", "aXbYbZc", true)]
    #[case("a*b*c", "aXbYc_", false)]
    #[case("users", "users", true)]
    #[case("*", "anything", true)]
    fn matches_whole_names(#[case] pattern: &str, #[case] name: &str, #[case] expected: bool) {
        let glob = TableGlob::try_from(pattern).expect("valid glob");
        assert_eq!(glob.matches(name), expected);
    }

    #[rstest]
    #[case("")]
    #[case("users;drop")]
    #[case("a b")]
    #[case("[abc]")]
    fn rejects_invalid_patterns(#[case] pattern: &str) {
        let error = TableGlob::try_from(pattern).expect_err("invalid glob");
        assert_eq!(error.pattern, pattern);
    }
}
