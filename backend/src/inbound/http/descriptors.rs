//! `/api/v1/interest-themes` and `/api/v1/safety-toggles`: the descriptor catalogue that
//! preferences refer to, ordered by slug.

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::ApiState;
use super::error::{ApiError, ErrorEnvelope};
use crate::domain::descriptor::Descriptor;

/// One descriptor: an interest theme or a safety toggle.
#[derive(Debug, Serialize, ToSchema)]
pub struct DescriptorBody {
    /// The descriptor's id, as used in preferences.
    pub id: Uuid,
    /// Kebab-case slug, unique within its catalogue.
    #[schema(example = "street-art")]
    pub slug: String,
    /// Display name.
    #[schema(example = "Street art")]
    pub name: String,
}

/// A whole catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct DescriptorListBody {
    /// Every descriptor, ordered by slug.
    pub items: Vec<DescriptorBody>,
}

impl DescriptorListBody {
    fn new<Id: Copy>(descriptors: Vec<Descriptor<Id>>, uuid: impl Fn(Id) -> Uuid) -> Self {
        Self {
            items: descriptors
                .into_iter()
                .map(|d| DescriptorBody {
                    id: uuid(d.id()),
                    slug: d.slug().as_str().to_owned(),
                    name: d.name().as_str().to_owned(),
                })
                .collect(),
        }
    }
}

/// Every interest theme.
///
/// # Errors
/// 503 or 500 when the database fails.
#[utoipa::path(
    tag = "descriptors",
    responses(
        (status = 200, description = "All interest themes", body = DescriptorListBody),
        (status = 401, description = "Bearer token missing or wrong", body = ErrorEnvelope),
    ),
    security((), ("bearer_token" = []))
)]
#[get("/interest-themes")]
pub async fn interest_themes(
    state: web::Data<ApiState>,
) -> Result<web::Json<DescriptorListBody>, ApiError> {
    let directory = state.directory.clone();
    let themes = web::block(move || directory.interest_themes()).await??;
    Ok(web::Json(DescriptorListBody::new(themes, |id| {
        *id.as_uuid()
    })))
}

/// Every safety toggle.
///
/// # Errors
/// 503 or 500 when the database fails.
#[utoipa::path(
    tag = "descriptors",
    responses(
        (status = 200, description = "All safety toggles", body = DescriptorListBody),
        (status = 401, description = "Bearer token missing or wrong", body = ErrorEnvelope),
    ),
    security((), ("bearer_token" = []))
)]
#[get("/safety-toggles")]
pub async fn safety_toggles(
    state: web::Data<ApiState>,
) -> Result<web::Json<DescriptorListBody>, ApiError> {
    let directory = state.directory.clone();
    let toggles = web::block(move || directory.safety_toggles()).await??;
    Ok(web::Json(DescriptorListBody::new(toggles, |id| {
        *id.as_uuid()
    })))
}
