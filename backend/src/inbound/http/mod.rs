//! HTTP adapter (Actix Web): the health probes, the read API under `/api/v1` with its
//! access rule, error envelope and OpenAPI document.
//!
//! Handlers call the domain's [`DirectoryService`]; its blocking port calls run in
//! `web::block`.

pub mod access;
pub mod cursor;
pub mod descriptors;
pub mod error;
pub mod health;
pub mod openapi;
pub mod page_query;
pub mod users;

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpRequest, HttpResponse, web};
use utoipa::OpenApi as _;
use utoipa_actix_web::AppExt as _;

use self::access::{ApiAccess, require_access};
use self::error::ApiError;
use crate::domain::directory::DirectoryService;
use crate::domain::ports::database_health::DatabaseHealth;

/// The prefix of every API route.
pub const API_PREFIX: &str = "/api/v1";

/// What the API handlers need, shared by every worker.
#[derive(Clone)]
pub struct ApiState {
    /// The read service over users, preferences and descriptors.
    pub directory: DirectoryService,
    /// Who may call the API.
    pub access: ApiAccess,
}

/// What the health probes need, shared by every worker.
#[derive(Clone)]
pub struct HealthState {
    /// The readiness probe's view of the database.
    pub health: Arc<dyn DatabaseHealth>,
}

/// Registers the health probes (open to every caller, outside the API's access rule).
pub fn configure_health(state: HealthState) -> impl Fn(&mut web::ServiceConfig) + Clone {
    move |cfg| {
        cfg.app_data(web::Data::new(state.clone()))
            .service(health::live)
            .service(health::ready);
    }
}

/// The application: the health probes, the API scope behind its access rule, and the
/// OpenAPI document.
pub fn app(
    state: ApiState,
    health: HealthState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .into_utoipa_app()
        .openapi(openapi::ApiDoc::openapi())
        .app_data(query_errors())
        .service(api_scope(state))
        .openapi_service(|document| openapi::resource(&document))
        .into_app()
        .configure(configure_health(health))
}

fn api_scope(
    state: ApiState,
) -> utoipa_actix_web::scope::Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope(API_PREFIX)
        .app_data(web::Data::new(state.access.clone()))
        .app_data(web::Data::new(state))
        .service(users::list_users)
        .service(users::get_user)
        .service(users::get_preferences)
        .service(descriptors::interest_themes)
        .service(descriptors::safety_toggles)
        .default_service(web::to(unknown_route))
        .wrap(from_fn(require_access))
}

// A query string that does not even parse (a repeated key, bad escapes) is a 400 naming it.
fn query_errors() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _| ApiError::invalid("query", error).into())
}

async fn unknown_route(request: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!(
        "no route {} {}",
        request.method(),
        request.path()
    )))
}
