//! `ExampleDataStore` over Diesel: one transaction per seed, marker first, rows by `COPY`.
//!
//! The marker insert is `ON CONFLICT DO NOTHING`: a concurrent applier of the same seed
//! blocks on the primary key until the first commits, then inserts nothing and writes
//! nothing else. Users, preferences and follows go through binary `COPY FROM STDIN`, never
//! a statement per row. Any failure rolls the whole transaction back, marker included.

use std::ops::DerefMut;

use diesel::pg::Pg;
use diesel::prelude::ExecuteCopyFromDsl;
use diesel::serialize::{IsNull, Output, ToSql};
use diesel::{
    AsExpression, Connection, ExpressionMethods, Insertable, PgConnection, QueryDsl, RunQueryDsl,
};
use std::io::Write as _;
use uuid::Uuid;

use super::schema::{
    example_data_runs, interest_themes, safety_toggles, sql_types, user_interest_themes,
    user_preferences, users,
};
use crate::domain::descriptor::Descriptor;
use crate::domain::example_data::{SeedCounts, SeedPlan};
use crate::domain::ports::example_data_store::{
    AppliedRun, ExampleDataStore, ExampleDataStoreError, StoreOutcome,
};
use crate::domain::preferences::UnitSystem;

/// The Diesel store over one connection.
///
/// `C` is anything that dereferences mutably to a [`PgConnection`]: `&mut PgConnection`
/// for a connection the caller owns, or an r2d2 `PooledConnection` checked out of a pool
/// (`DieselExampleDataStore::new(pool.get()?)`). Each call to
/// [`ExampleDataStore::apply`] runs one transaction on that connection.
pub struct DieselExampleDataStore<C> {
    conn: C,
}

impl<C: DerefMut<Target = PgConnection>> DieselExampleDataStore<C> {
    /// A store writing through `conn`.
    pub const fn new(conn: C) -> Self {
        Self { conn }
    }

    /// The connection back.
    pub fn into_inner(self) -> C {
        self.conn
    }
}

/// A statement that failed inside the transaction, and what it was for.
#[derive(Debug)]
struct StepError {
    step: &'static str,
    source: diesel::result::Error,
}

impl From<diesel::result::Error> for StepError {
    // Only BEGIN, COMMIT and ROLLBACK reach this conversion; every other statement names
    // its own step.
    fn from(source: diesel::result::Error) -> Self {
        Self {
            step: "run the seeding transaction",
            source,
        }
    }
}

fn step(step: &'static str) -> impl FnOnce(diesel::result::Error) -> StepError {
    move |source| StepError { step, source }
}

impl From<StepError> for ExampleDataStoreError {
    fn from(err: StepError) -> Self {
        Self::Statement {
            step: err.step,
            source: Box::new(err.source),
        }
    }
}

impl<C: DerefMut<Target = PgConnection>> ExampleDataStore for DieselExampleDataStore<C> {
    fn apply(&mut self, plan: &SeedPlan) -> Result<StoreOutcome, ExampleDataStoreError> {
        let conn: &mut PgConnection = &mut self.conn;
        conn.transaction(|conn| write_plan(conn, plan))
            .map_err(Into::into)
    }

    fn applied_runs(&mut self) -> Result<Vec<AppliedRun>, ExampleDataStoreError> {
        use example_data_runs::dsl;
        let conn: &mut PgConnection = &mut self.conn;
        let rows: Vec<(String, i64, i32, String)> = dsl::example_data_runs
            .select((
                dsl::seed_key,
                dsl::seed,
                dsl::user_count,
                dsl::registry_digest,
            ))
            .order(dsl::seed_key)
            .load(conn)
            .map_err(step("read the example-data markers"))?;
        Ok(rows
            .into_iter()
            .map(|(seed_key, seed, user_count, registry_digest)| AppliedRun {
                seed_key,
                seed,
                user_count,
                registry_digest,
            })
            .collect())
    }
}

fn write_plan(conn: &mut PgConnection, plan: &SeedPlan) -> Result<StoreOutcome, StepError> {
    let marker = plan.marker();
    let recorded = diesel::insert_into(example_data_runs::table)
        .values((
            example_data_runs::seed_key.eq(marker.seed_key.as_str()),
            example_data_runs::seed.eq(marker.seed),
            example_data_runs::user_count.eq(marker.user_count),
            example_data_runs::registry_digest.eq(marker.registry_digest.as_str()),
        ))
        .on_conflict(example_data_runs::seed_key)
        .do_nothing()
        .execute(conn)
        .map_err(step("insert the example-data marker"))?;
    if recorded == 0 {
        let recorded_digest = example_data_runs::table
            .find(marker.seed_key.as_str())
            .select(example_data_runs::registry_digest)
            .first::<String>(conn)
            .map_err(step("read the existing example-data marker"))?;
        return Ok(StoreOutcome::AlreadyApplied { recorded_digest });
    }
    let descriptors = insert_descriptors(conn, plan)?;
    let users = copy_users(conn, plan)?;
    let preferences = copy_preferences(conn, plan)?;
    let interests = copy_follows(conn, plan)?;
    Ok(StoreOutcome::Applied(SeedCounts {
        users,
        preferences,
        interests,
        descriptors,
    }))
}

// A few dozen rows at most: one multi-row INSERT per catalogue. Rows that exist are left
// as they are; a slug taken by a different id is a unique violation, and fails the seed.
fn insert_descriptors(conn: &mut PgConnection, plan: &SeedPlan) -> Result<u64, StepError> {
    let themes: Vec<_> = plan
        .interest_themes()
        .iter()
        .map(|theme| descriptor_values(theme, *theme.id().as_uuid()))
        .map(|(id, slug, name)| {
            (
                interest_themes::id.eq(id),
                interest_themes::slug.eq(slug),
                interest_themes::name.eq(name),
            )
        })
        .collect();
    let toggles: Vec<_> = plan
        .safety_toggles()
        .iter()
        .map(|toggle| descriptor_values(toggle, *toggle.id().as_uuid()))
        .map(|(id, slug, name)| {
            (
                safety_toggles::id.eq(id),
                safety_toggles::slug.eq(slug),
                safety_toggles::name.eq(name),
            )
        })
        .collect();
    let themes = diesel::insert_into(interest_themes::table)
        .values(&themes)
        .on_conflict(interest_themes::id)
        .do_nothing()
        .execute(conn)
        .map_err(step("insert interest themes"))?;
    let toggles = diesel::insert_into(safety_toggles::table)
        .values(&toggles)
        .on_conflict(safety_toggles::id)
        .do_nothing()
        .execute(conn)
        .map_err(step("insert safety toggles"))?;
    Ok((themes + toggles) as u64)
}

fn descriptor_values<Id: Copy>(descriptor: &Descriptor<Id>, id: Uuid) -> (Uuid, &str, &str) {
    (id, descriptor.slug().as_str(), descriptor.name().as_str())
}

#[derive(Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
struct UserRow<'a> {
    id: Uuid,
    display_name: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = user_preferences, treat_none_as_default_value = false)]
struct PreferencesRow {
    user_id: Uuid,
    interest_theme_ids: Vec<Uuid>,
    safety_toggle_ids: Vec<Uuid>,
    unit_system: UnitSystemValue,
    revision: i32,
}

#[derive(Insertable)]
#[diesel(table_name = user_interest_themes, treat_none_as_default_value = false)]
struct FollowRow<'a> {
    user_id: &'a Uuid,
    interest_theme_id: &'a Uuid,
}

/// The domain's unit system as the schema's `unit_system` enum.
#[derive(Debug, Clone, Copy, AsExpression)]
#[diesel(sql_type = sql_types::UnitSystem)]
struct UnitSystemValue(UnitSystem);

impl ToSql<sql_types::UnitSystem, Pg> for UnitSystemValue {
    // An enum's binary form is its label.
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> diesel::serialize::Result {
        out.write_all(self.0.as_str().as_bytes())?;
        Ok(IsNull::No)
    }
}

fn copy_users(conn: &mut PgConnection, plan: &SeedPlan) -> Result<u64, StepError> {
    let rows: Vec<UserRow<'_>> = plan
        .users()
        .iter()
        .map(|user| UserRow {
            id: *user.id().as_uuid(),
            display_name: user.display_name().as_str(),
        })
        .collect();
    copied(
        diesel::copy_from(users::table)
            .from_insertable(&rows)
            .execute(conn),
        "copy users",
    )
}

fn copy_preferences(conn: &mut PgConnection, plan: &SeedPlan) -> Result<u64, StepError> {
    let rows: Vec<PreferencesRow> = plan
        .preferences()
        .iter()
        .map(|prefs| PreferencesRow {
            user_id: *prefs.user_id().as_uuid(),
            interest_theme_ids: prefs.interest_theme_uuids(),
            safety_toggle_ids: prefs.safety_toggle_uuids(),
            unit_system: UnitSystemValue(prefs.unit_system()),
            revision: prefs.revision().as_i32(),
        })
        .collect();
    copied(
        diesel::copy_from(user_preferences::table)
            .from_insertable(&rows)
            .execute(conn),
        "copy user preferences",
    )
}

fn copy_follows(conn: &mut PgConnection, plan: &SeedPlan) -> Result<u64, StepError> {
    let rows: Vec<FollowRow<'_>> = plan
        .follows()
        .iter()
        .map(|follow| FollowRow {
            user_id: follow.user_id.as_uuid(),
            interest_theme_id: follow.interest_theme_id.as_uuid(),
        })
        .collect();
    copied(
        diesel::copy_from(user_interest_themes::table)
            .from_insertable(&rows)
            .execute(conn),
        "copy followed interest themes",
    )
}

fn copied(result: diesel::QueryResult<usize>, what: &'static str) -> Result<u64, StepError> {
    result.map(|rows| rows as u64).map_err(step(what))
}
