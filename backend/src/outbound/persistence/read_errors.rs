//! How the read adapters classify Diesel and pool failures: a connection that cannot be had
//! or was lost means the database is unavailable; anything else is a failed query.

use std::error::Error as StdError;

use diesel::r2d2::PoolError;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// A boxed cause, kept as the `#[source]` of a port error.
pub type BoxError = Box<dyn StdError + Send + Sync>;

/// A read failure, classified.
#[derive(Debug)]
pub enum ReadFailure {
    /// No connection, or the connection was lost.
    Unavailable(BoxError),
    /// The query failed on a working connection.
    Query(BoxError),
}

impl From<PoolError> for ReadFailure {
    fn from(error: PoolError) -> Self {
        Self::Unavailable(Box::new(error))
    }
}

impl From<DieselError> for ReadFailure {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
                Self::Unavailable(Box::new(error))
            }
            other => Self::Query(Box::new(other)),
        }
    }
}
