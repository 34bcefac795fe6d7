//! Wiring of the read API: the Diesel adapters of the directory ports over one connection
//! pool, handed to the domain's `DirectoryService`.

use std::num::NonZeroU32;
use std::sync::Arc;

use crate::domain::directory::DirectoryService;
use crate::outbound::persistence::database_url::DatabaseUrl;
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
