//! `/api/v1/users`: users a page at a time (keyset cursor), one user, a user's preferences.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::error::{ApiError, ErrorEnvelope};
use super::page_query::{PageQuery, PageRequest};
use super::{ApiState, cursor};
use crate::domain::directory::{PreferencesRecord, UserProfile};
use crate::domain::pagination::{Page, PageLimit};
use crate::domain::preferences::UnitSystem;
use crate::domain::user::UserId;

/// A user.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserBody {
    /// The user's id.
    pub id: Uuid,
    /// 3-32 letters, digits, spaces or underscores.
    #[schema(example = "Ada Okafor")]
    pub display_name: String,
    /// When the user was created (RFC 3339).
    pub created_at: DateTime<Utc>,
    /// When the user last changed (RFC 3339).
    pub updated_at: DateTime<Utc>,
}

impl From<UserProfile> for UserBody {
    fn from(profile: UserProfile) -> Self {
        Self {
            id: *profile.user.id().as_uuid(),
            display_name: profile.user.display_name().as_str().to_owned(),
            created_at: profile.created_at,
            updated_at: profile.updated_at,
        }
    }
}

/// One page of users.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserPageBody {
    /// The users, ordered by creation time, then id.
    pub items: Vec<UserBody>,
    /// The page size used.
    pub limit: usize,
    /// Link to the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "/api/v1/users?limit=20&cursor=AQAG...")]
    pub next: Option<String>,
}

impl UserPageBody {
    fn new(page: Page<UserProfile>, limit: PageLimit) -> Self {
        Self {
            next: page.next.map(|position| {
                format!(
                    "/api/v1/users?limit={}&cursor={}",
                    limit.get(),
                    // URL-safe base64: needs no escaping in a query.
                    cursor::encode(&position)
                )
            }),
            items: page.items.into_iter().map(UserBody::from).collect(),
            limit: limit.get(),
        }
    }
}

/// How a user wants distances shown.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum UnitSystemBody {
    /// Kilometres and metres.
    Metric,
    /// Miles and feet.
    Imperial,
}

/// A user's preferences.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesBody {
    /// The user they belong to.
    pub user_id: Uuid,
    /// Chosen interest themes (ids from `/api/v1/interest-themes`).
    pub interest_theme_ids: Vec<Uuid>,
    /// Chosen safety toggles (ids from `/api/v1/safety-toggles`).
    pub safety_toggle_ids: Vec<Uuid>,
    /// Preferred units.
    pub unit_system: UnitSystemBody,
    /// Optimistic-concurrency counter, at least 1.
    pub revision: u32,
    /// When the preferences last changed (RFC 3339).
    pub updated_at: DateTime<Utc>,
}

impl From<PreferencesRecord> for PreferencesBody {
    fn from(record: PreferencesRecord) -> Self {
        let prefs = &record.preferences;
        Self {
            user_id: *prefs.user_id().as_uuid(),
            interest_theme_ids: prefs.interest_theme_uuids(),
            safety_toggle_ids: prefs.safety_toggle_uuids(),
            unit_system: match prefs.unit_system() {
                UnitSystem::Metric => UnitSystemBody::Metric,
                UnitSystem::Imperial => UnitSystemBody::Imperial,
            },
            revision: prefs.revision().get(),
            updated_at: record.updated_at,
        }
    }
}

/// Lists users, oldest first; follow `next` for the following page.
///
/// # Errors
/// 400 for a bad `limit` or `cursor`; 503 or 500 when the database fails.
#[utoipa::path(
    tag = "users",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of users", body = UserPageBody),
        (status = 400, description = "`limit` or `cursor` is invalid", body = ErrorEnvelope),
        (status = 401, description = "Bearer token missing or wrong", body = ErrorEnvelope),
        (status = 503, description = "The database does not answer", body = ErrorEnvelope),
    ),
    security((), ("bearer_token" = []))
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<ApiState>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<UserPageBody>, ApiError> {
    let request = PageRequest::try_from(&*query)?;
    let directory = state.directory.clone();
    let page = web::block(move || directory.users(request.after, request.limit)).await??;
    Ok(web::Json(UserPageBody::new(page, request.limit)))
}

/// One user.
///
/// # Errors
/// 400 when `id` is not a UUID; 404 when no user has it.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The user", body = UserBody),
        (status = 400, description = "`id` is not a UUID", body = ErrorEnvelope),
        (status = 401, description = "Bearer token missing or wrong", body = ErrorEnvelope),
        (status = 404, description = "No user has this id", body = ErrorEnvelope),
    ),
    security((), ("bearer_token" = []))
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<ApiState>,
    id: web::Path<String>,
) -> Result<web::Json<UserBody>, ApiError> {
    let id = parse_id(&id)?;
    let directory = state.directory.clone();
    let profile = web::block(move || directory.user(id)).await??;
    Ok(web::Json(profile.into()))
}

/// A user's preferences.
///
/// # Errors
/// 400 when `id` is not a UUID; 404 when no user has it or the user has no preferences.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The user's preferences", body = PreferencesBody),
        (status = 400, description = "`id` is not a UUID", body = ErrorEnvelope),
        (status = 401, description = "Bearer token missing or wrong", body = ErrorEnvelope),
        (status = 404, description = "No such user, or no preferences", body = ErrorEnvelope),
    ),
    security((), ("bearer_token" = []))
)]
#[get("/users/{id}/preferences")]
pub async fn get_preferences(
    state: web::Data<ApiState>,
    id: web::Path<String>,
) -> Result<web::Json<PreferencesBody>, ApiError> {
    let id = parse_id(&id)?;
    let directory = state.directory.clone();
    let record = web::block(move || directory.preferences(id)).await??;
    Ok(web::Json(record.into()))
}

fn parse_id(raw: &str) -> Result<UserId, ApiError> {
    UserId::try_from(raw)
        .map_err(|_| ApiError::invalid("id", format_args!("{raw:?} is not a UUID")))
}
