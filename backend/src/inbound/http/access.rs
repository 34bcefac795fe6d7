//! Who may call `/api/v1`: anyone when the server listens on a loopback address, otherwise
//! only requests carrying `Authorization: Bearer <BACKEND_API_TOKEN>`.
//!
//! [`ApiAccess::for_listen_address`] decides once at start-up; [`require_access`] is the
//! middleware that enforces it, comparing tokens in constant time.

use std::fmt;
use std::net::IpAddr;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web;
use subtle::ConstantTimeEq as _;

use super::error::ApiError;

/// The name of the setting that holds the token, for messages.
pub const TOKEN_SETTING: &str = "BACKEND_API_TOKEN";

/// Shortest accepted API token, in characters: long enough not to be guessed by a loop.
pub const MIN_TOKEN_LEN: usize = 16;

/// The API token: a secret, never printed (its `Debug` and `Display` are redacted).
#[derive(Clone, PartialEq, Eq)]
pub struct ApiToken(String);

/// A token value that cannot be used in an `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiTokenError {
    /// The value is empty.
    #[error("{TOKEN_SETTING} is empty")]
    Empty,
    /// The value is shorter than [`MIN_TOKEN_LEN`] characters.
    #[error("{TOKEN_SETTING} must be at least {MIN_TOKEN_LEN} characters, got {0}")]
    TooShort(usize),
    /// The value holds a character other than visible ASCII (e.g. a space or newline).
    #[error(
        "{TOKEN_SETTING} may hold only visible ASCII characters (no spaces or control characters)"
    )]
    Characters,
}

impl TryFrom<String> for ApiToken {
    type Error = ApiTokenError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        if value.is_empty() {
            return Err(ApiTokenError::Empty);
        }
        if !value.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ApiTokenError::Characters);
        }
        if value.len() < MIN_TOKEN_LEN {
            return Err(ApiTokenError::TooShort(value.len()));
        }
        Ok(Self(value))
    }
}

impl ApiToken {
    /// The token itself, for a test or a client; never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `candidate` equals the token, in time independent of where they differ.
    pub fn matches(&self, candidate: &[u8]) -> bool {
        self.0.as_bytes().ct_eq(candidate).into()
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiToken(<redacted>)")
    }
}

impl fmt::Display for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The access rule in force for `/api/v1`.
#[derive(Debug, Clone)]
pub enum ApiAccess {
    /// Listening on loopback only, without a token: every local request is served.
    Open,
    /// Every request must present this bearer token.
    Token(ApiToken),
}

/// The server would expose the API beyond this machine without a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "refusing to serve the API on {host}, which is not a loopback address, without an API \
     token: set {TOKEN_SETTING} (clients then send `Authorization: Bearer <token>`), or \
     listen on 127.0.0.1"
)]
pub struct ExposedWithoutTokenError {
    /// The non-loopback address the server was asked to listen on.
    pub host: IpAddr,
}

impl ApiAccess {
    /// The rule for a server listening on `host`: a configured token is always required;
    /// without one the API is open on loopback and refused elsewhere.
    ///
    /// # Errors
    /// [`ExposedWithoutTokenError`] when `host` is not loopback and `token` is `None`.
    pub fn for_listen_address(
        host: IpAddr,
        token: Option<ApiToken>,
    ) -> Result<Self, ExposedWithoutTokenError> {
        match token {
            Some(token) => Ok(Self::Token(token)),
            None if host.is_loopback() => Ok(Self::Open),
            None => Err(ExposedWithoutTokenError { host }),
        }
    }

    fn admits(&self, authorization: Option<&[u8]>) -> bool {
        match self {
            Self::Open => true,
            Self::Token(token) => authorization
                .and_then(bearer_credentials)
                .is_some_and(|presented| token.matches(presented)),
        }
    }
}

// The scheme is case-insensitive (RFC 9110, section 11.1); the token is compared as sent.
fn bearer_credentials(authorization: &[u8]) -> Option<&[u8]> {
    let (scheme, credentials) = authorization.split_at_checked(7)?;
    scheme
        .eq_ignore_ascii_case(b"Bearer ")
        .then_some(credentials)
}

/// Middleware for the API scope: passes admitted requests on, answers 401 otherwise.
///
/// Reads the [`ApiAccess`] from the app data; without one it fails closed.
///
/// # Errors
/// [`ApiError::Unauthorized`] for a request without the expected bearer token.
pub async fn require_access(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let admitted = request
        .app_data::<web::Data<ApiAccess>>()
        .is_some_and(|access| {
            let authorization = request.headers().get(header::AUTHORIZATION);
            access.admits(authorization.map(header::HeaderValue::as_bytes))
        });
    if admitted {
        next.call(request).await
    } else {
        Err(ApiError::Unauthorized.into())
    }
}

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, Ipv6Addr};

    use rstest::rstest;

    use super::*;

    fn token() -> ApiToken {
        ApiToken::try_from("s3cret-token-0123456789".to_owned()).expect("valid")
    }

    #[rstest]
    #[case(IpAddr::V4(Ipv4Addr::LOCALHOST))]
    #[case(IpAddr::V6(Ipv6Addr::LOCALHOST))]
    fn loopback_without_token_is_open(#[case] host: IpAddr) {
        let access = ApiAccess::for_listen_address(host, None).expect("loopback");
        assert!(matches!(access, ApiAccess::Open));
        assert!(access.admits(None));
    }

    #[rstest]
    #[case(IpAddr::V4(Ipv4Addr::UNSPECIFIED))]
    #[case(IpAddr::V6(Ipv6Addr::UNSPECIFIED))]
    #[case(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 5)))]
    fn any_other_address_needs_a_token(#[case] host: IpAddr) {
        let error = ApiAccess::for_listen_address(host, None).expect_err("exposed");
        assert!(error.to_string().contains(TOKEN_SETTING));
        assert!(ApiAccess::for_listen_address(host, Some(token())).is_ok());
    }

    #[rstest]
    #[case(None, false)]
    #[case(Some(&b"Bearer s3cret-token-0123456789"[..]), true)]
    #[case(Some(&b"Bearer s3cret-token-0123456780"[..]), false)]
    #[case(Some(&b"Bearer s3cret-token-0123456789 "[..]), false)]
    #[case(Some(&b"bearer s3cret-token-0123456789"[..]), true)]
    #[case(Some(&b"Basic s3cret-token-0123456789"[..]), false)]
    #[case(Some(&b"s3cret-token-0123456789"[..]), false)]
    fn a_token_rule_admits_only_the_exact_bearer_token(
        #[case] header: Option<&[u8]>,
        #[case] admitted: bool,
    ) {
        let access = ApiAccess::for_listen_address(IpAddr::V4(Ipv4Addr::LOCALHOST), Some(token()))
            .expect("token");
        assert_eq!(access.admits(header), admitted);
    }

    #[rstest]
    #[case("", ApiTokenError::Empty)]
    #[case("two words", ApiTokenError::Characters)]
    #[case("line\n", ApiTokenError::Characters)]
    #[case("fifteen-chars-x", ApiTokenError::TooShort(15))]
    fn rejects_unusable_tokens(#[case] value: &str, #[case] expected: ApiTokenError) {
        assert_eq!(ApiToken::try_from(value.to_owned()), Err(expected));
    }

    #[test]
    fn never_prints_the_token() {
        let shown = format!("{:?} {} {:?}", token(), token(), ApiAccess::Token(token()));
        assert!(!shown.contains("s3cret"), "{shown}");
    }
}
