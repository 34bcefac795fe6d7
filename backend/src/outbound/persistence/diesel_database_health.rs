//! [`DatabaseHealth`] over the r2d2 pool: one `SELECT 1` on a pooled connection.

use diesel::RunQueryDsl;

use super::pool::DbPool;
use crate::domain::ports::database_health::{DatabaseHealth, DatabaseHealthError};

/// Probes the database through the pool. Not `Debug`: the pool holds the database URL.
#[derive(Clone)]
pub struct DieselDatabaseHealth {
    pool: DbPool,
}

impl DieselDatabaseHealth {
    /// A probe over `pool`.
    pub const fn new(pool: DbPool) -> Self {
        Self { pool }
    }
}

impl DatabaseHealth for DieselDatabaseHealth {
    fn check(&self) -> Result<(), DatabaseHealthError> {
        let mut conn = self
            .pool
            .get()
            .map_err(|err| DatabaseHealthError::Unavailable(Box::new(err)))?;
        diesel::sql_query("SELECT 1")
            .execute(&mut conn)
            .map(drop)
            .map_err(|err| DatabaseHealthError::Unavailable(Box::new(err)))
    }
}
