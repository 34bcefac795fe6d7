//! The one place failures become HTTP status codes, in one JSON envelope:
//! `{ "error": { "code": "...", "message": "..." } }`. Messages never carry internal detail.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::ports::database_health::DatabaseHealthError;

/// A failure as the client sees it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The database does not answer; the instance is not ready.
    #[error("the database does not answer")]
    DatabaseUnavailable,
    /// Anything else; the cause is logged, not returned.
    #[error("internal error")]
    Internal,
}

impl ApiError {
    /// The stable, machine-readable code.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::DatabaseUnavailable => "database_unavailable",
            Self::Internal => "internal_error",
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: String,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::DatabaseUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).json(Envelope {
            error: Body {
                code: self.code(),
                message: self.to_string(),
            },
        })
    }
}

impl From<DatabaseHealthError> for ApiError {
    fn from(err: DatabaseHealthError) -> Self {
        tracing::warn!(error = %error_chain(&err), "readiness probe failed");
        Self::DatabaseUnavailable
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        tracing::error!(error = %err, "blocking task failed");
        Self::Internal
    }
}

/// An error and its causes on one line, for a log field.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;
    use rstest::rstest;

    #[rstest]
    #[case(ApiError::DatabaseUnavailable, 503, "database_unavailable")]
    #[case(ApiError::Internal, 500, "internal_error")]
    fn each_error_has_its_status_and_envelope(
        #[case] err: ApiError,
        #[case] status: u16,
        #[case] code: &str,
    ) {
        let response = err.error_response();
        assert_eq!(response.status().as_u16(), status);
        let bytes = response.into_body().try_into_bytes().expect("sized body");
        let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(json["error"]["code"], code);
        assert!(json["error"]["message"].is_string());
    }
}
