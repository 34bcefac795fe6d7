//! Table-name globs for diagram groups: `*` matches any run, `?` one character.
//!
//! Validated once where the groups file is read; matching is total.

use std::fmt;

/// A non-empty pattern of table-name characters plus the wildcards `*` and `?`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TableGlob(String);

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
        let valid = !pattern.is_empty()
            && pattern
                .chars()
                .all(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.' | '*' | '?' | '$'));
        if valid {
            Ok(Self(pattern.to_owned()))
        } else {
            Err(TableGlobError {
                pattern: pattern.to_owned(),
            })
        }
    }
}

impl TableGlob {
    /// Whether the whole of `name` matches the pattern.
    pub fn matches(&self, name: &str) -> bool {
        let pattern: Vec<char> = self.0.chars().collect();
        let text: Vec<char> = name.chars().collect();
        // Iterative wildcard match with single-star backtracking: linear in practice.
        let (mut p, mut t) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while t < text.len() {
            match pattern.get(p) {
                Some('*') => {
                    star = Some((p, t));
                    p += 1;
                }
                Some(&ch) if ch == '?' || ch == text[t] => {
                    p += 1;
                    t += 1;
                }
                _ => match star {
                    Some((star_p, star_t)) => {
                        p = star_p + 1;
                        t = star_t + 1;
                        star = Some((star_p, star_t + 1));
                    }
                    None => return false,
                },
            }
        }
        pattern[p..].iter().all(|&ch| ch == '*')
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TableGlob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
