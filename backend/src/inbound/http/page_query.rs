//! The `limit` and `cursor` query parameters of a paged list, parsed once into a
//! [`PageRequest`]; every rejection names the parameter.

use serde::Deserialize;
use utoipa::IntoParams;

use super::cursor;
use super::error::ApiError;
use crate::domain::pagination::{KeysetPosition, PageLimit};

/// The raw query, as the client sent it; nothing here is trusted yet.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 100 (default 20).
    #[param(value_type = Option<u8>, minimum = 1, maximum = 100, example = 20)]
    pub limit: Option<String>,
    /// Opaque cursor from a previous page's `next` link; omit for the first page.
    pub cursor: Option<String>,
}

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Items per page.
    pub limit: PageLimit,
    /// Where the page starts (after this position); `None` for the first page.
    pub after: Option<KeysetPosition>,
}

impl TryFrom<&PageQuery> for PageRequest {
    type Error = ApiError;

    fn try_from(query: &PageQuery) -> Result<Self, Self::Error> {
        let limit = match query.limit.as_deref() {
            None => PageLimit::default(),
            Some(raw) => raw
                .parse::<i64>()
                .map_err(|_| {
                    ApiError::invalid(
                        "limit",
                        format_args!("must be an integer between 1 and 100, got {raw:?}"),
                    )
                })
                .and_then(|n| PageLimit::try_from(n).map_err(|e| ApiError::invalid("limit", e)))?,
        };
        let after = query
            .cursor
            .as_deref()
            .map(|raw| cursor::decode(raw).map_err(|e| ApiError::invalid("cursor", e)))
            .transpose()?;
        Ok(Self { limit, after })
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn query(limit: Option<&str>, cursor: Option<&str>) -> PageQuery {
        PageQuery {
            limit: limit.map(str::to_owned),
            cursor: cursor.map(str::to_owned),
        }
    }

    #[test]
    fn defaults_to_the_first_page_of_twenty() {
        let request = PageRequest::try_from(&query(None, None)).expect("valid");
        assert_eq!(request.limit, PageLimit::DEFAULT);
        assert_eq!(request.after, None);
    }

    #[rstest]
    #[case(Some("0"), None, "limit")]
    #[case(Some("101"), None, "limit")]
    #[case(Some("-3"), None, "limit")]
    #[case(Some("seven"), None, "limit")]
    #[case(Some(""), None, "limit")]
    #[case(Some("99999999999999999999"), None, "limit")]
    #[case(None, Some(""), "cursor")]
    #[case(None, Some("not-a-cursor"), "cursor")]
    fn names_the_parameter_at_fault(
        #[case] limit: Option<&str>,
        #[case] cursor: Option<&str>,
        #[case] parameter: &str,
    ) {
        let error = PageRequest::try_from(&query(limit, cursor)).expect_err("invalid");
        assert!(
            matches!(&error, ApiError::InvalidParameter { parameter: p, .. } if *p == parameter),
            "{error:?}"
        );
        assert!(
            error.to_string().starts_with(&format!("{parameter}: ")),
            "{error}"
        );
    }

    #[test]
    fn accepts_a_cursor_it_issued() {
        let at = KeysetPosition {
            created_at: chrono::DateTime::UNIX_EPOCH,
            id: uuid::Uuid::from_u128(9),
        };
        let encoded = cursor::encode(&at);
        let request = PageRequest::try_from(&query(Some("7"), Some(&encoded))).expect("valid");
        assert_eq!(request.after, Some(at));
        assert_eq!(request.limit.get(), 7);
    }
}
