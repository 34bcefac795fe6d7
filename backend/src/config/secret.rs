//! Masking of secrets in messages: the API token and a database URL's password never reach a
//! log line or an error. The types themselves (`ApiToken`, `DatabaseUrl`) mask their own
//! `Debug` and `Display`.

/// Shown instead of a secret.
pub const MASK: &str = "***";

/// Masks the password of anything shaped like `scheme://user:password@host...`, parsable or
/// not, so that even a malformed URL is safe to show.
pub fn mask_url(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_owned();
    };
    let authority_start = scheme_end + 3;
    let rest = &text[authority_start..];
    // The userinfo ends at the last `@` before the path; a password may itself hold `/` or `@`.
    let Some(at) = rest.rfind('@') else {
        return text.to_owned();
    };
    let userinfo = &rest[..at];
    match userinfo.find(':') {
        Some(colon) => format!(
            "{}{}:{MASK}{}",
            &text[..authority_start],
            &userinfo[..colon],
            &rest[at..]
        ),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("postgres://u:secret@127.0.0.1:1/x", "postgres://u:***@127.0.0.1:1/x")]
    #[case("postgresql://u:s%40c/r@h/db", "postgresql://u:***@h/db")]
    #[case(
        "postgres://u:secret@host:notaport/x",
        "postgres://u:***@host:notaport/x"
    )]
    #[case("postgres://u@h/db", "postgres://u@h/db")]
    #[case("postgres://h/db", "postgres://h/db")]
    #[case("not a url", "not a url")]
    fn passwords_are_masked(#[case] text: &str, #[case] shown: &str) {
        assert_eq!(mask_url(text), shown);
        assert!(!mask_url(text).contains("secret"));
    }

    #[rstest]
    fn a_valid_url_never_shows_its_password() {
        let url = DatabaseUrl::try_from("postgres://u:secret@127.0.0.1:1/x").expect("valid");
        assert_eq!(url.to_string(), "postgres://u:***@127.0.0.1:1/x");
        assert!(!format!("{url:?}").contains("secret"));
        assert!(url.expose().contains("secret"));
    }

    #[rstest]
    #[case("mysql://u:secret@h/db", "scheme")]
    #[case("postgres://u:secret@host:notaport/x", "not a URL")]
    #[case("postgres:///db", "no host")]
    fn bad_urls_are_refused_without_the_password(#[case] text: &str, #[case] why: &str) {
        let err = DatabaseUrl::try_from(text).expect_err("invalid");
        assert!(err.contains(why), "{err}");
        assert!(!err.contains("secret"), "{err}");
    }

    #[rstest]
    fn tokens_are_masked_and_must_be_long() {
        let token = ApiToken::try_from("0123456789abcdef").expect("16 characters");
        assert_eq!(format!("{token:?}"), MASK);
        assert!(ApiToken::try_from("short").is_err());
        assert!(ApiToken::try_from(" 0123456789abcdef").is_err());
    }
}
