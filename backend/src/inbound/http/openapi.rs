//! The OpenAPI 3.1 document: its frame (title, security scheme) is declared here; paths and
//! schemas are collected from the handlers as they are registered, so a route cannot be
//! served without being documented.

use actix_web::{HttpResponse, web};
use utoipa::openapi::OpenApi as OpenApiDocument;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::error::ErrorEnvelope;

/// Where the document is served.
pub const OPENAPI_PATH: &str = "/api-docs/openapi.json";

/// The document's frame; the app adds every registered handler to it.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Wildside backend API",
        description = "Read access to users, their preferences and the descriptor catalogue. \
            Open on a loopback address; elsewhere every `/api/v1` request needs \
            `Authorization: Bearer <BACKEND_API_TOKEN>`."
    ),
    components(schemas(ErrorEnvelope)),
    modifiers(&BearerToken),
    tags(
        (name = "users", description = "Users and their preferences"),
        (name = "descriptors", description = "Interest themes and safety toggles"),
    )
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut OpenApiDocument) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer_token",
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
    }
}

/// The resource serving `document`, serialised once per worker.
pub fn resource(document: &OpenApiDocument) -> actix_web::Resource {
    let body = web::Bytes::from(document.to_json().unwrap_or_else(|error| {
        // Serialising plain structs cannot fail; if it ever did, say so rather than crash.
        tracing::error!(%error, "could not serialise the OpenAPI document");
        String::from("{}")
    }));
    web::resource(OPENAPI_PATH).route(web::get().to(move || {
        let body = body.clone();
        async move {
            HttpResponse::Ok()
                .content_type("application/json")
                .body(body)
        }
    }))
}
