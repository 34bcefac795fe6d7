//! Schema baseline against a real embedded PostgreSQL: `rstest` checks and the
//! `schema_baseline.feature` scenarios.

use backend::test_support::{self as support, TestDatabase};
use diesel::pg::PgConnection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};
use rstest::{fixture, rstest};
use rstest_bdd::Slot;
use rstest_bdd_macros::{ScenarioState, given, scenario, then, when};

/// Every table the baseline creates, sorted.
const BASELINE_TABLES: [&str; 21] = [
    "badges",
    "community_picks",
    "example_data_runs",
    "interest_themes",
    "poi_interest_themes",
    "pois",
    "route_categories",
    "route_collections",
    "route_notes",
    "route_pois",
    "route_progress",
    "route_summaries",
    "routes",
    "safety_presets",
    "safety_toggles",
    "tags",
    "themes",
    "trending_route_highlights",
    "user_interest_themes",
    "user_preferences",
    "users",
];

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

fn names(conn: &mut PgConnection, sql: &str) -> Vec<String> {
    diesel::sql_query(sql)
        .load::<Name>(conn)
        .unwrap_or_else(|err| panic!("{sql}: {err}"))
        .into_iter()
        .map(|row| row.name)
        .collect()
}

fn user_tables(conn: &mut PgConnection) -> Vec<String> {
    names(
        conn,
        "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' \
         AND tablename <> '__diesel_schema_migrations' ORDER BY tablename",
    )
}

/// A textual fingerprint of the public schema: columns, constraints, types, functions.
fn schema_fingerprint(conn: &mut PgConnection) -> Vec<String> {
    names(
        conn,
        "SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable AS name \
           FROM information_schema.columns WHERE table_schema = 'public' \
         UNION ALL SELECT conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint \
           WHERE connamespace = 'public'::regnamespace \
         UNION ALL SELECT 'type ' || typname FROM pg_type \
           WHERE typnamespace = 'public'::regnamespace AND typtype = 'e' \
         UNION ALL SELECT 'function ' || proname FROM pg_proc \
           WHERE pronamespace = 'public'::regnamespace \
         ORDER BY 1",
    )
}

fn expected_tables() -> Vec<String> {
    let mut tables: Vec<String> = BASELINE_TABLES.iter().map(ToString::to_string).collect();
    tables.sort();
    tables.dedup();
    tables
}

// ---- rstest checks -------------------------------------------------------------------

#[rstest]
fn each_test_gets_its_own_clone_of_the_migrated_template() {
    let (a, b) = (TestDatabase::migrated(), TestDatabase::migrated());
    assert_ne!(a.name(), b.name());
    assert!(a.url().ends_with(a.name()), "{}", a.url());
    assert_eq!(user_tables(&mut a.connect()), expected_tables());
    diesel::sql_query("DROP TABLE badges")
        .execute(&mut a.connect())
        .expect("drop in a");
    assert_eq!(user_tables(&mut b.connect()), expected_tables());
}

#[rstest]
#[case::users("users")]
#[case::routes("routes")]
#[case::pois("pois")]
#[case::user_preferences("user_preferences")]
#[case::route_notes("route_notes")]
fn updated_at_has_its_trigger(#[case] table: &str) {
    let db = TestDatabase::migrated();
    let mut conn = db.connect();
    let trigger = names(
        &mut conn,
        &format!(
            "SELECT tgname::text AS name FROM pg_trigger \
             WHERE tgrelid = 'public.{table}'::regclass AND NOT tgisinternal ORDER BY 1"
        ),
    );
    assert_eq!(trigger, vec![format!("{table}_set_updated_at")]);
}

#[rstest]
fn updated_at_is_stamped_on_update() {
    let db = TestDatabase::migrated();
    let mut conn = db.connect();
    diesel::connection::SimpleConnection::batch_execute(
        &mut conn,
        "INSERT INTO users (id, display_name, updated_at) \
           VALUES ('00000000-0000-4000-8000-000000000003', 'Old Timer', '2000-01-01T00:00:00Z');
         UPDATE users SET display_name = 'New Timer'",
    )
    .expect("insert and update");
    let stamped = names(
        &mut conn,
        "SELECT (updated_at > '2000-01-02')::text AS name FROM users",
    );
    assert_eq!(stamped, vec!["true".to_owned()]);
}

#[rstest]
fn user_preferences_defaults_to_metric_at_revision_one() {
    let db = TestDatabase::migrated();
    let mut conn = db.connect();
    diesel::connection::SimpleConnection::batch_execute(
        &mut conn,
        "INSERT INTO users (id, display_name) VALUES ('00000000-0000-4000-8000-000000000001', 'Ada Walker');
         INSERT INTO user_preferences (user_id) VALUES ('00000000-0000-4000-8000-000000000001')",
    )
    .expect("insert");
    let row = names(
        &mut conn,
        "SELECT unit_system::text || ':' || revision AS name FROM user_preferences",
    );
    assert_eq!(row, vec!["metric:1".to_owned()]);
}

// ---- schema_baseline.feature ---------------------------------------------------------

#[derive(Default, ScenarioState)]
struct Baseline {
    db: Slot<TestDatabase>,
    first: Slot<Vec<String>>,
    after_revert: Slot<Vec<String>>,
    second: Slot<Vec<String>>,
    insert: Slot<Result<usize, DieselError>>,
}

#[fixture]
fn baseline() -> Baseline {
    Baseline::default()
}

fn with_db<T>(state: &Baseline, f: impl FnOnce(&mut PgConnection) -> T) -> T {
    let db = state
        .db
        .take()
        .expect("a database was set up by a Given step");
    let result = f(&mut db.connect());
    state.db.set(db);
    result
}

#[given("an empty database")]
fn an_empty_database(baseline: &Baseline) {
    baseline.db.set(TestDatabase::empty());
}

#[given("a migrated database")]
fn a_migrated_database(baseline: &Baseline) {
    baseline.db.set(TestDatabase::migrated());
}

#[when("the migrations are applied")]
fn the_migrations_are_applied(baseline: &Baseline) {
    let applied = with_db(baseline, |conn| support::migrations().run_pending(conn));
    let applied = applied.expect("every migration applies");
    assert_eq!(applied.len(), support::migrations().count().expect("count"));
}

#[when("the migrations are applied, reverted and applied again")]
fn applied_reverted_and_applied_again(baseline: &Baseline) {
    let migrations = support::migrations();
    with_db(baseline, |conn| {
        migrations.run_pending(conn).expect("first application");
        baseline.first.set(schema_fingerprint(conn));
        let reverted = migrations.revert_all(conn).expect("every down.sql runs");
        assert_eq!(reverted.len(), migrations.count().expect("count"));
        baseline.after_revert.set(schema_fingerprint(conn));
        migrations.run_pending(conn).expect("second application");
        baseline.second.set(schema_fingerprint(conn));
    });
}

#[then("every baseline table exists")]
fn every_baseline_table_exists(baseline: &Baseline) {
    assert_eq!(with_db(baseline, user_tables), expected_tables());
}

#[then("every table has a comment")]
fn every_table_has_a_comment(baseline: &Baseline) {
    let uncommented = with_db(baseline, |conn| {
        names(
            conn,
            "SELECT c.relname::text AS name FROM pg_class c \
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' \
               AND c.relname <> '__diesel_schema_migrations' \
               AND obj_description(c.oid, 'pg_class') IS NULL ORDER BY 1",
        )
    });
    assert!(
        uncommented.is_empty(),
        "tables without COMMENT ON: {uncommented:?}"
    );
}

#[then("the revert left no tables, types or functions behind")]
fn the_revert_left_nothing(baseline: &Baseline) {
    let leftovers = baseline.after_revert.take().expect("reverted");
    // Diesel's own bookkeeping table stays; everything the migrations made must be gone.
    let ours: Vec<_> = leftovers
        .iter()
        .filter(|line| !line.contains("__diesel_schema_migrations"))
        .collect();
    assert!(ours.is_empty(), "left behind after revert: {ours:?}");
}

#[then("the second application matches the first")]
fn the_second_application_matches_the_first(baseline: &Baseline) {
    let first = baseline.first.take().expect("first");
    assert!(!first.is_empty());
    assert_eq!(baseline.second.take().expect("second"), first);
}

#[when("I insert {case}")]
fn i_insert(baseline: &Baseline, case: String) {
    let sql = match case.as_str() {
        "a route stop for a missing point of interest" => {
            "INSERT INTO route_categories (id, slug, name) \
               VALUES ('10000000-0000-4000-8000-000000000001', 'city', 'City');
             INSERT INTO routes (id, category_id, slug, title, distance_metres, duration_minutes, path) \
               VALUES ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', \
                       'old-town', 'Old town', 2400, 40, '{\"type\": \"LineString\", \"coordinates\": []}');
             INSERT INTO route_pois (route_id, poi_source, poi_external_id, position) \
               VALUES ('20000000-0000-4000-8000-000000000001', 'osm', 'node/404', 0)"
        }
        "a user whose display name has punctuation" => {
            "INSERT INTO users (id, display_name) \
               VALUES ('00000000-0000-4000-8000-000000000002', 'Ada!')"
        }
        "a second interest theme with the same slug" => {
            "INSERT INTO interest_themes (id, slug, name) \
               VALUES ('30000000-0000-4000-8000-000000000001', 'history', 'History');
             INSERT INTO interest_themes (id, slug, name) \
               VALUES ('30000000-0000-4000-8000-000000000002', 'history', 'Local history')"
        }
        other => panic!("no insert is defined for {other:?}"),
    };
    let result = with_db(baseline, |conn| {
        diesel::connection::SimpleConnection::batch_execute(conn, sql).map(|()| 0)
    });
    baseline.insert.set(result);
}

#[then("the insert is rejected as a {kind} violation of {constraint}")]
fn the_insert_is_rejected(baseline: &Baseline, kind: String, constraint: String) {
    let outcome = baseline.insert.take().expect("an insert ran");
    let Err(DieselError::DatabaseError(actual_kind, info)) = outcome else {
        panic!("expected a database error, got {outcome:?}");
    };
    let expected_kind = match kind.as_str() {
        "foreign key" => DatabaseErrorKind::ForeignKeyViolation,
        "check" => DatabaseErrorKind::CheckViolation,
        "unique" => DatabaseErrorKind::UniqueViolation,
        other => panic!("unknown violation kind {other:?}"),
    };
    assert_eq!(format!("{actual_kind:?}"), format!("{expected_kind:?}"));
    assert_eq!(
        info.constraint_name(),
        Some(constraint.as_str()),
        "{}",
        info.message()
    );
}

#[scenario(
    path = "tests/features/schema_baseline.feature",
    name = "All migrations apply to an empty database"
)]
fn all_migrations_apply(baseline: Baseline) {
    let _ = baseline;
}

#[scenario(
    path = "tests/features/schema_baseline.feature",
    name = "Every migration reverts cleanly"
)]
fn every_migration_reverts_cleanly(baseline: Baseline) {
    let _ = baseline;
}

#[scenario(
    path = "tests/features/schema_baseline.feature",
    name = "Constraints reject bad rows"
)]
fn constraints_reject_bad_rows(baseline: Baseline, case: String, kind: String, constraint: String) {
    let _ = (baseline, case, kind, constraint);
}
