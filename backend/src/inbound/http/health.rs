//! Health probes: `/health/live` answers while the process runs; `/health/ready` answers 200
//! only while the database does, 503 otherwise.

use actix_web::{HttpResponse, get, web};
use serde_json::json;

use super::HealthState;
use super::error::ApiError;

/// Liveness: always 200 while the server runs.
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "live" }))
}

/// Readiness: 200 when the database answers a trivial query, 503 otherwise.
///
/// # Errors
/// [`ApiError::DatabaseUnavailable`] (503) when the probe fails.
#[get("/health/ready")]
pub async fn ready(state: web::Data<HealthState>) -> Result<HttpResponse, ApiError> {
    let health = state.health.clone();
    web::block(move || health.check()).await??;
    Ok(HttpResponse::Ok().json(json!({ "status": "ready" })))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use actix_web::{App, test};

    use super::super::{HealthState, configure_health};
    use crate::domain::ports::database_health::{DatabaseHealth, DatabaseHealthError};

    struct Switch(AtomicBool);

    impl DatabaseHealth for Switch {
        fn check(&self) -> Result<(), DatabaseHealthError> {
            if self.0.load(Ordering::SeqCst) {
                Ok(())
            } else {
                Err(DatabaseHealthError::Unavailable("switched off".into()))
            }
        }
    }

    #[actix_web::test]
    async fn ready_follows_the_database_and_live_does_not() {
        let switch = Arc::new(Switch(AtomicBool::new(true)));
        let state = HealthState {
            health: switch.clone(),
        };
        let app = test::init_service(App::new().configure(configure_health(state))).await;
        let get = |path| test::TestRequest::get().uri(path).to_request();
        assert_eq!(
            test::call_service(&app, get("/health/ready"))
                .await
                .status(),
            200
        );
        switch.0.store(false, Ordering::SeqCst);
        let down = test::call_service(&app, get("/health/ready")).await;
        assert_eq!(down.status(), 503);
        let body: serde_json::Value = test::read_body_json(down).await;
        assert_eq!(body["error"]["code"], "database_unavailable");
        assert_eq!(
            test::call_service(&app, get("/health/live")).await.status(),
            200
        );
    }
}
