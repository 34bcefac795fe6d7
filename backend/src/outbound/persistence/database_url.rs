//! A `PostgreSQL` connection URL: a secret, so it never prints its password.
//!
//! Parsed once at the edge (`--database-url`, `DATABASE_URL`); `Display` and `Debug` redact.

use std::fmt;

/// Why a string is not a usable database URL (never quoting the URL: it may hold a password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatabaseUrlError {
    /// The text does not parse as a URL.
    #[error("not a URL: {reason}")]
    Malformed {
        /// The parser's reason, without the text.
        reason: String,
    },
    /// The URL is not a PostgreSQL one.
    #[error("the scheme must be postgres or postgresql, found {scheme:?}")]
    Scheme {
        /// The scheme found.
        scheme: String,
    },
}

/// A `postgres://` or `postgresql://` URL whose password is shown as `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// Wraps a URL built by an adapter (such as the embedded cluster) without re-checking it.
    pub(crate) const fn from_trusted(url: String) -> Self {
        Self(url)
    }

    /// The full URL, password included, for the driver only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with the password replaced by `***`.
    pub fn redacted(&self) -> String {
        let Some((scheme, rest)) = self.0.split_once("://") else {
            return self.0.clone();
        };
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        let Some((userinfo, host)) = authority.rsplit_once('@') else {
            return self.0.clone();
        };
        match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => self.0.clone(),
        }
    }
}

impl TryFrom<String> for DatabaseUrl {
    type Error = DatabaseUrlError;

    fn try_from(url: String) -> Result<Self, Self::Error> {
        // A socket URL (`postgresql:///db?host=/run/postgresql`) has no host and is fine.
        let parsed = url::Url::parse(&url).map_err(|err| DatabaseUrlError::Malformed {
            reason: err.to_string(),
        })?;
        match parsed.scheme() {
            "postgres" | "postgresql" => Ok(Self(url)),
            scheme => Err(DatabaseUrlError::Scheme {
                scheme: scheme.chars().take(16).collect(),
            }),
        }
    }
}

impl std::str::FromStr for DatabaseUrl {
    type Err = DatabaseUrlError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        Self::try_from(url.to_owned())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DatabaseUrl")
            .field(&self.redacted())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::DatabaseUrl;

    #[rstest]
    #[case("postgres://u:secret@h:5432/db", "postgres://u:***@h:5432/db")]
    #[case(
        "postgresql://u:p%40ss@h/db?sslmode=disable",
        "postgresql://u:***@h/db?sslmode=disable"
    )]
    #[case("postgres://u@h/db", "postgres://u@h/db")]
    #[case("postgres://h/db", "postgres://h/db")]
    fn display_and_debug_hide_the_password(#[case] raw: &str, #[case] shown: &str) {
        let url: DatabaseUrl = raw.parse().expect("valid");
        assert_eq!(url.to_string(), shown);
        assert!(!format!("{url:?}").contains("secret"));
        assert_eq!(url.expose(), raw);
    }

    #[rstest]
    #[case("mysql://u:secret@h/db")]
    #[case("secret")]
    fn other_schemes_are_rejected_without_echoing_the_secret(#[case] raw: &str) {
        let error = raw.parse::<DatabaseUrl>().expect_err("invalid");
        assert!(!error.to_string().contains("secret"), "{error}");
    }
}
