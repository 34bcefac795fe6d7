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
}
