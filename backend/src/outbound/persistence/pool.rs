//! The r2d2 connection pool: opened lazily (one idle connection), bounded in size and in how
//! long a caller waits for a connection.

use std::num::NonZeroU32;
use std::time::Duration;

use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool};

/// A pool of PostgreSQL connections.
pub type DbPool = Pool<ConnectionManager<PgConnection>>;

/// How long a request waits for a pooled connection before it is answered as unavailable.
pub const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(2);

/// Builds a pool for `url` without connecting up front, so that a replica starting before its
/// database answers still comes up (and reports not ready).
pub fn build_pool(url: &str, size: NonZeroU32) -> DbPool {
    Pool::builder()
        .max_size(size.get())
        .min_idle(Some(1))
        .connection_timeout(CHECKOUT_TIMEOUT)
        .build_unchecked(ConnectionManager::new(url))
}
