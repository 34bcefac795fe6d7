//! HTTP inbound adapter (Actix Web): routes, handlers and the status mapping.
//!
//! Handlers call domain ports held in [`HttpState`]; blocking port calls run in `web::block`.

pub mod error;
pub mod health;

use std::sync::Arc;

use actix_web::web;

use crate::domain::ports::database_health::DatabaseHealth;

/// What the handlers need, shared by every worker.
#[derive(Clone)]
pub struct HttpState {
    /// The readiness probe's view of the database.
    pub health: Arc<dyn DatabaseHealth>,
}

/// Registers every route and the shared state.
pub fn configure(state: HttpState) -> impl Fn(&mut web::ServiceConfig) + Clone {
    move |cfg| {
        cfg.app_data(web::Data::new(state.clone()))
            .service(health::live)
            .service(health::ready);
    }
}
