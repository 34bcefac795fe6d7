//! A git revision named on the command line (`--base main`), validated where it enters.
//!
//! Only the shape is checked here; whether the repository knows it is the adapter's question.

use std::fmt;

/// A branch, tag, commit or expression such as `main~1`, safe to pass to `git` as one argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitRef(String);

/// Why a string cannot be a [`GitRef`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid git ref {value:?}: must be non-empty, not start with '-', without spaces")]
pub struct GitRefError {
    /// The rejected value.
    pub value: String,
}

impl TryFrom<&str> for GitRef {
    type Error = GitRefError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        let valid = !value.is_empty()
            && !value.starts_with('-')
            && !value
                .chars()
                .any(|ch| ch.is_whitespace() || ch.is_control());
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err(GitRefError {
                value: value.to_owned(),
            })
        }
    }
}

impl std::str::FromStr for GitRef {
    type Err = GitRefError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::try_from(value)
    }
}

impl GitRef {
    /// The ref as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GitRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::GitRef;

    #[rstest]
    #[case("main")]
    #[case("origin/main")]
    #[case("HEAD~2")]
    #[case("v1.0")]
    #[case("0123abcd")]
    fn accepts_revisions(#[case] value: &str) {
        assert_eq!(GitRef::try_from(value).expect("valid").as_str(), value);
    }

    #[rstest]
    #[case("")]
    #[case("--output=x")]
    #[case("main branch")]
    #[case("a\nb")]
    fn rejects_what_git_could_misread(#[case] value: &str) {
        let error = GitRef::try_from(value).expect_err("invalid");
        assert_eq!(error.value, value);
    }
}
