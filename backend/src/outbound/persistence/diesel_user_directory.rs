//! [`UserDirectory`] over PostgreSQL through Diesel and the r2d2 pool.
//!
//! Pages use the keyset `(created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT n`,
//! served by the `users_created_at_id_idx` index; both query shapes are static, so Diesel
//! keeps them as prepared statements on each pooled connection.

use chrono::{DateTime, Utc};
use diesel::pg::{Pg, PgValue};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};
use diesel::sql_types::{Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use super::keyset::row_after;
use super::read_errors::ReadFailure;
use super::schema::{sql_types, user_preferences, users};
use crate::domain::directory::{PreferencesRecord, UserProfile};
use crate::domain::pagination::KeysetPosition;
use crate::domain::ports::user_directory::{UserDirectory, UserDirectoryError};
use crate::domain::preferences::{Revision, UnitSystem, UserPreferences, UserPreferencesDraft};
use crate::domain::user::{DisplayName, User, UserId};

type DbPool = Pool<ConnectionManager<PgConnection>>;

/// Reads users and preferences through a connection pool.
#[derive(Clone)]
pub struct DieselUserDirectory {
    pool: DbPool,
}

impl DieselUserDirectory {
    /// A directory over `pool`.
    pub const fn new(pool: DbPool) -> Self {
        Self { pool }
    }

    fn connection(
        &self,
    ) -> Result<PooledConnection<ConnectionManager<PgConnection>>, UserDirectoryError> {
        self.pool.get().map_err(|e| failed("a connection", e))
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(Pg))]
struct UserRow {
    id: Uuid,
    display_name: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<UserRow> for UserProfile {
    type Error = UserDirectoryError;

    fn try_from(row: UserRow) -> Result<Self, Self::Error> {
        let name = DisplayName::try_from(row.display_name).map_err(|e| invalid("user", e))?;
        Ok(Self {
            user: User::new(UserId::new(row.id), name),
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = user_preferences, check_for_backend(Pg))]
struct PreferencesRow {
    user_id: Uuid,
    interest_theme_ids: Vec<Uuid>,
    safety_toggle_ids: Vec<Uuid>,
    unit_system: StoredUnitSystem,
    revision: i32,
    updated_at: DateTime<Utc>,
}

impl TryFrom<PreferencesRow> for PreferencesRecord {
    type Error = UserDirectoryError;

    fn try_from(row: PreferencesRow) -> Result<Self, Self::Error> {
        let revision = Revision::try_from(row.revision).map_err(|e| invalid("preferences", e))?;
        let draft = UserPreferencesDraft {
            user_id: UserId::new(row.user_id),
            interest_theme_ids: row.interest_theme_ids.into_iter().map(Into::into).collect(),
            safety_toggle_ids: row.safety_toggle_ids.into_iter().map(Into::into).collect(),
            unit_system: row.unit_system.0,
            revision,
        };
        Ok(Self {
            preferences: UserPreferences::try_from(draft).map_err(|e| invalid("preferences", e))?,
            updated_at: row.updated_at,
        })
    }
}

/// The `unit_system` enum as read: PostgreSQL sends an enum's label as text.
#[derive(Debug, diesel::deserialize::FromSqlRow)]
struct StoredUnitSystem(UnitSystem);

impl diesel::deserialize::FromSql<sql_types::UnitSystem, Pg> for StoredUnitSystem {
    fn from_sql(value: PgValue<'_>) -> diesel::deserialize::Result<Self> {
        let label = std::str::from_utf8(value.as_bytes())?;
        Ok(Self(UnitSystem::try_from(label)?))
    }
}

fn invalid(
    what: &'static str,
    source: impl std::error::Error + Send + Sync + 'static,
) -> UserDirectoryError {
    UserDirectoryError::InvalidRow {
        what,
        source: Box::new(source),
    }
}

fn failed(what: &'static str, error: impl Into<ReadFailure>) -> UserDirectoryError {
    match error.into() {
        ReadFailure::Unavailable(source) => UserDirectoryError::Unavailable(source),
        ReadFailure::Query(source) => UserDirectoryError::Query { what, source },
    }
}

impl UserDirectory for DieselUserDirectory {
    fn users_after(
        &self,
        after: Option<KeysetPosition>,
        count: usize,
    ) -> Result<Vec<UserProfile>, UserDirectoryError> {
        let mut conn = self.connection()?;
        let page = users::table
            .select(UserRow::as_select())
            .order((users::created_at.asc(), users::id.asc()))
            .limit(i64::try_from(count).unwrap_or(i64::MAX));
        let rows = match after {
            None => page.load(&mut conn),
            Some(position) => page
                .filter(row_after(
                    users::created_at,
                    users::id,
                    position.created_at.into_sql::<Timestamptz>(),
                    position.id.into_sql::<SqlUuid>(),
                ))
                .load(&mut conn),
        }
        .map_err(|e| failed("users", e))?;
        rows.into_iter().map(UserProfile::try_from).collect()
    }

    fn user(&self, id: UserId) -> Result<Option<UserProfile>, UserDirectoryError> {
        let mut conn = self.connection()?;
        users::table
            .find(id.as_uuid())
            .select(UserRow::as_select())
            .first(&mut conn)
            .optional()
            .map_err(|e| failed("a user", e))?
            .map(UserProfile::try_from)
            .transpose()
    }

    fn preferences(&self, id: UserId) -> Result<Option<PreferencesRecord>, UserDirectoryError> {
        let mut conn = self.connection()?;
        user_preferences::table
            .find(id.as_uuid())
            .select(PreferencesRow::as_select())
            .first(&mut conn)
            .optional()
            .map_err(|e| failed("preferences", e))?
            .map(PreferencesRecord::try_from)
            .transpose()
    }
}
