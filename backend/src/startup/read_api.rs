//! Wiring of the HTTP side: the Diesel adapters of the directory and health ports over one
//! connection pool, handed to the domain's `DirectoryService` and the health probes.

use std::num::NonZeroU32;
use std::sync::Arc;

use crate::domain::directory::DirectoryService;
use crate::domain::ports::database_health::DatabaseHealth;
use crate::outbound::persistence::database_url::DatabaseUrl;
use crate::outbound::persistence::diesel_database_health::DieselDatabaseHealth;
use crate::outbound::persistence::diesel_descriptor_catalogue::DieselDescriptorCatalogue;
use crate::outbound::persistence::diesel_user_directory::DieselUserDirectory;
use crate::outbound::persistence::pool::{DbPool, build_pool};

/// A pool of at most `size` connections to `url`, opened lazily.
pub fn pool(url: &DatabaseUrl, size: NonZeroU32) -> DbPool {
    build_pool(url.expose(), size)
}

/// The read service over `pool`.
pub fn directory(pool: &DbPool) -> DirectoryService {
    DirectoryService::new(
        Arc::new(DieselUserDirectory::new(pool.clone())),
        Arc::new(DieselDescriptorCatalogue::new(pool.clone())),
    )
}

/// The readiness probe's view of the database behind `pool`.
pub fn database_health(pool: &DbPool) -> Arc<dyn DatabaseHealth> {
    Arc::new(DieselDatabaseHealth::new(pool.clone()))
}
