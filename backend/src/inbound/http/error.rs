//! The one place HTTP status codes are chosen: every failure an API client can see becomes
//! the envelope `{ "error": { "code", "message" } }` with a stable `code`.
//!
//! Server-side failures are logged here with their cause and answered without detail.

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::directory::DirectoryError;
use crate::domain::ports::database_health::DatabaseHealthError;
use crate::domain::ports::descriptor_catalogue::DescriptorCatalogueError;
use crate::domain::ports::user_directory::UserDirectoryError;

/// The error envelope of every non-2xx answer under `/api/v1`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorEnvelope {
    /// What went wrong.
    pub error: ErrorBody,
}

/// Code and message of an [`ErrorEnvelope`].
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable, machine-readable code: `invalid_parameter`, `not_found`, `unauthorized`,
    /// `database_unavailable` or `internal_error`.
    #[schema(example = "invalid_parameter")]
    pub code: &'static str,
    /// Human-readable explanation; names the parameter at fault for `invalid_parameter`.
    #[schema(example = "limit: must be between 1 and 100, got 0")]
    pub message: String,
}

/// A failure answered to an API client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A path or query parameter is malformed or out of range (400).
    #[error("{parameter}: {reason}")]
    InvalidParameter {
        /// The parameter, as the client spelt it (`limit`, `cursor`, `id`).
        parameter: &'static str,
        /// Why it was rejected; safe to show.
        reason: String,
    },
    /// No such resource (404).
    #[error("{0}")]
    NotFound(String),
    /// The bearer token is missing or wrong (401).
    #[error("a valid `Authorization: Bearer <token>` header is required")]
    Unauthorized,
    /// The database does not answer just now (503).
    #[error("the database does not answer")]
    DatabaseUnavailable,
    /// Anything else on the server's side (500); the cause is logged, not returned.
    #[error("internal error")]
    Internal,
}

impl ApiError {
    /// A 400 for `parameter` with a client-safe `reason`.
    pub fn invalid(parameter: &'static str, reason: impl fmt::Display) -> Self {
        Self::InvalidParameter {
            parameter,
            reason: reason.to_string(),
        }
    }

    /// A 503, logging `cause` (never shown to the client).
    pub fn unavailable(cause: &dyn std::error::Error) -> Self {
        tracing::warn!(error = %error_chain(cause), "request failed: database unavailable");
        Self::DatabaseUnavailable
    }

    /// A 500, logging `cause` (never shown to the client).
    pub fn internal(cause: &dyn std::error::Error) -> Self {
        tracing::error!(error = %error_chain(cause), "request failed: internal error");
        Self::Internal
    }

    /// The stable code of this error.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::InvalidParameter { .. } => "invalid_parameter",
            Self::NotFound(_) => "not_found",
            Self::Unauthorized => "unauthorized",
            Self::DatabaseUnavailable => "database_unavailable",
            Self::Internal => "internal_error",
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::InvalidParameter { .. } => StatusCode::BAD_REQUEST,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::DatabaseUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, Self::Unauthorized) {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        response.json(ErrorEnvelope {
            error: ErrorBody {
                code: self.code(),
                message: self.to_string(),
            },
        })
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        Self::internal(&err)
    }
}

impl From<DatabaseHealthError> for ApiError {
    fn from(err: DatabaseHealthError) -> Self {
        Self::unavailable(&err)
    }
}

impl From<DirectoryError> for ApiError {
    fn from(err: DirectoryError) -> Self {
        match &err {
            DirectoryError::UserNotFound(_) | DirectoryError::PreferencesNotFound(_) => {
                Self::NotFound(err.to_string())
            }
            DirectoryError::Users(UserDirectoryError::Unavailable(_))
            | DirectoryError::Catalogue(DescriptorCatalogueError::Unavailable(_)) => {
                Self::unavailable(&err)
            }
            DirectoryError::Users(_) | DirectoryError::Catalogue(_) => Self::internal(&err),
        }
    }
}

/// An error and its causes on one line, for a log field.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use actix_web::body::to_bytes;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case(
        ApiError::invalid("limit", "must be between 1 and 100, got 0"),
        400,
        "invalid_parameter"
    )]
    #[case(ApiError::NotFound("no user".into()), 404, "not_found")]
    #[case(ApiError::Unauthorized, 401, "unauthorized")]
    #[case(ApiError::DatabaseUnavailable, 503, "database_unavailable")]
    #[case(ApiError::Internal, 500, "internal_error")]
    #[actix_web::test]
    async fn answers_the_envelope(
        #[case] error: ApiError,
        #[case] status: u16,
        #[case] code: &str,
    ) {
        let message = error.to_string();
        let response = error.error_response();
        assert_eq!(response.status().as_u16(), status);
        let body = to_bytes(response.into_body()).await.expect("body");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(json["error"]["code"], code);
        assert_eq!(json["error"]["message"], message.as_str());
        assert_eq!(json.as_object().map(serde_json::Map::len), Some(1));
    }

    #[test]
    fn server_failures_hide_their_cause() {
        let cause = std::io::Error::other("password=hunter2 at 10.0.0.1:5432");
        let error = ApiError::internal(&cause);
        assert_eq!(error.to_string(), "internal error");
        assert!(
            !ApiError::unavailable(&cause)
                .to_string()
                .contains("hunter2")
        );
    }
}
