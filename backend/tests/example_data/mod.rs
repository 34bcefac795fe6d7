//! `example_data_runs.feature` and `example_data_seeding.feature`: the seeding service with
//! the real registry file and the Diesel store on a per-test clone of the migrated template.

use std::error::Error as StdError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use backend::domain::example_data::{self, SeedName, SeedOutcome, SeedPlan};
use backend::domain::ports::example_data_store::ExampleDataStore;
use backend::outbound::example_data_registry::RegistryFile;
use backend::outbound::persistence::diesel_example_data_store::DieselExampleDataStore;
use backend::test_support::TestDatabase;
use diesel::sql_types::{Array, BigInt, Int4, Text, Uuid as SqlUuid};
use diesel::{PgConnection, QueryableByName, RunQueryDsl};
use rstest::fixture;
use rstest_bdd::Slot;
use rstest_bdd_macros::{ScenarioState, given, scenario, then, when};
use uuid::Uuid;

const SEEDERS: usize = 8;

#[derive(Default, ScenarioState)]
struct Seeding {
    database: Slot<TestDatabase>,
    plan: Slot<SeedPlan>,
    outcome: Slot<Result<SeedOutcome, String>>,
    outcomes: Slot<Vec<SeedOutcome>>,
}

#[fixture]
fn seeding() -> Seeding {
    Seeding::default()
}

fn committed_registry() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example-data/seeds.json")
}

fn seed_name(name: &str) -> SeedName {
    SeedName::try_from(name).expect("a well-formed seed name")
}

fn connect(state: &Seeding) -> PgConnection {
    state
        .database
        .with_ref(TestDatabase::connect)
        .expect("a Given step created the database")
}

fn plan_of(state: &Seeding, name: &str) -> SeedPlan {
    let plan = example_data::plan(
        &RegistryFile::new(committed_registry()),
        &seed_name(name),
        None,
    )
    .expect("the committed registry plans");
    state.plan.set(plan.clone());
    plan
}

fn plan_held(state: &Seeding) -> SeedPlan {
    state.plan.get().expect("a step planned the seed")
}

/// The error and its causes on one line, as a log would show them.
fn chain(err: &dyn StdError) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

/// Plans `name` from `registry` and applies it on a new connection, as start-up would.
fn seed(state: &Seeding, registry: &RegistryFile, name: &str) -> Result<SeedOutcome, String> {
    let plan = example_data::plan(registry, &seed_name(name), None).map_err(|e| chain(&e))?;
    state.plan.set(plan.clone());
    let mut conn = connect(state);
    let mut store = DieselExampleDataStore::new(&mut conn);
    example_data::apply(&mut store, &plan).map_err(|e| chain(&e))
}

fn outcome(state: &Seeding) -> Result<SeedOutcome, String> {
    state.outcome.get().expect("a When step seeded")
}

fn kind(outcome: &SeedOutcome) -> &'static str {
    match outcome {
        SeedOutcome::Applied { .. } => "applied",
        SeedOutcome::AlreadyApplied { .. } => "already applied",
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection, table: &str) -> u64 {
    let row: Count = diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result(conn)
        .unwrap_or_else(|err| panic!("counting {table}: {err}"));
    u64::try_from(row.n).expect("a count is not negative")
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct PreferencesRow {
    #[diesel(sql_type = SqlUuid)]
    user_id: Uuid,
    #[diesel(sql_type = Text)]
    display_name: String,
    #[diesel(sql_type = Array<SqlUuid>)]
    interest_theme_ids: Vec<Uuid>,
    #[diesel(sql_type = Array<SqlUuid>)]
    safety_toggle_ids: Vec<Uuid>,
    #[diesel(sql_type = Text)]
    unit_system: String,
    #[diesel(sql_type = Int4)]
    revision: i32,
    #[diesel(sql_type = Array<SqlUuid>)]
    followed: Vec<Uuid>,
}

const STORED_USERS: &str = "\
SELECT u.id AS user_id, u.display_name, p.interest_theme_ids, p.safety_toggle_ids,
       p.unit_system::text AS unit_system, p.revision,
       ARRAY(SELECT f.interest_theme_id FROM user_interest_themes f
             WHERE f.user_id = u.id ORDER BY f.interest_theme_id) AS followed
FROM users u JOIN user_preferences p ON p.user_id = u.id
ORDER BY u.id";

fn expected_users(plan: &SeedPlan) -> Vec<PreferencesRow> {
    let mut rows: Vec<PreferencesRow> = plan
        .users()
        .iter()
        .zip(plan.preferences())
        .map(|(user, prefs)| {
            let mut followed: Vec<Uuid> = plan
                .follows()
                .iter()
                .filter(|f| f.user_id == user.id())
                .map(|f| *f.interest_theme_id.as_uuid())
                .collect();
            followed.sort();
            PreferencesRow {
                user_id: *user.id().as_uuid(),
                display_name: user.display_name().to_string(),
                interest_theme_ids: prefs.interest_theme_uuids(),
                safety_toggle_ids: prefs.safety_toggle_uuids(),
                unit_system: prefs.unit_system().to_string(),
                revision: prefs.revision().as_i32(),
                followed,
            }
        })
        .collect();
    rows.sort_by_key(|row| row.user_id);
    rows
}

// ---- steps ----------------------------------------------------------------------------

#[given("a migrated database without example data")]
fn migrated_database(seeding: &Seeding) {
    seeding.database.set(TestDatabase::migrated());
}

#[given("seed {name:string} was applied from the committed registry")]
fn seed_was_applied(seeding: &Seeding, name: &str) {
    let outcome = seed(seeding, &RegistryFile::new(committed_registry()), name);
    assert!(
        matches!(outcome, Ok(SeedOutcome::Applied { .. })),
        "{outcome:?}"
    );
}

#[given("a user already holds the id of the seed's last user")]
fn user_holds_last_id(seeding: &Seeding) {
    let plan = plan_of(seeding, "verdant-glade");
    let last = plan.users().last().expect("the seed has users").id();
    diesel::sql_query("INSERT INTO users (id, display_name) VALUES ($1, 'Already here')")
        .bind::<SqlUuid, _>(*last.as_uuid())
        .execute(&mut connect(seeding))
        .expect("insert the clashing user");
}

#[when("seed {name:string} is applied from the committed registry")]
fn seed_is_applied(seeding: &Seeding, name: &str) {
    let outcome = seed(seeding, &RegistryFile::new(committed_registry()), name);
    seeding.outcome.set(outcome);
}

#[when("seed {name:string} is applied from a registry file that does not exist")]
fn seed_from_missing_registry(seeding: &Seeding, name: &str) {
    let missing = tempfile::tempdir()
        .expect("tempdir")
        .path()
        .join("seeds.json");
    let outcome = seed(seeding, &RegistryFile::new(missing), name);
    seeding.outcome.set(outcome);
}

#[when("eight seeders apply seed {name:string} at once, each on its own connection")]
fn eight_seeders(seeding: &Seeding, name: &str) {
    plan_of(seeding, name);
    let url = seeding
        .database
        .with_ref(|db| db.url().to_owned())
        .expect("database");
    let start = Arc::new(Barrier::new(SEEDERS));
    let handles: Vec<_> = (0..SEEDERS)
        .map(|_| {
            let (url, start, name) = (url.clone(), Arc::clone(&start), name.to_owned());
            std::thread::spawn(move || {
                use diesel::Connection as _;
                let registry = RegistryFile::new(committed_registry());
                let plan = example_data::plan(&registry, &seed_name(&name), None).expect("plan");
                let mut conn = PgConnection::establish(&url).expect("connect");
                start.wait();
                let mut store = DieselExampleDataStore::new(&mut conn);
                example_data::apply(&mut store, &plan).map_err(|e| chain(&e))
            })
        })
        .collect();
    let outcomes = handles
        .into_iter()
        .map(|h| h.join().expect("seeder thread").expect("seeding succeeds"))
        .collect();
    seeding.outcomes.set(outcomes);
}

#[then("the seeding outcome is {expected:string}")]
fn outcome_is(seeding: &Seeding, expected: &str) {
    match outcome(seeding) {
        Ok(outcome) => assert_eq!(kind(&outcome), expected, "{outcome:?}"),
        Err(err) => panic!("seeding failed: {err}"),
    }
}

#[then("the markers are {keys:string}")]
fn markers_are(seeding: &Seeding, keys: &str) {
    let mut conn = connect(seeding);
    let runs = DieselExampleDataStore::new(&mut conn)
        .applied_runs()
        .expect("read markers");
    let found: Vec<&str> = runs.iter().map(|run| run.seed_key.as_str()).collect();
    assert_eq!(found.join(", "), keys);
}

#[then(
    "the marker of {name:string} records seed {seed:i64}, {users:i32} users and the plan's digest"
)]
fn marker_records(seeding: &Seeding, name: &str, seed: i64, users: i32) {
    let mut conn = connect(seeding);
    let runs = DieselExampleDataStore::new(&mut conn)
        .applied_runs()
        .expect("read markers");
    let run = runs
        .iter()
        .find(|run| run.seed_key == name)
        .expect("marker");
    assert_eq!((run.seed, run.user_count), (seed, users));
    assert_eq!(
        run.registry_digest,
        plan_held(seeding).marker().registry_digest
    );
}

#[then("the database holds {users:u64} users")]
fn database_holds(seeding: &Seeding, users: u64) {
    assert_eq!(count(&mut connect(seeding), "users"), users);
}

#[then("the reported counts equal the plan's")]
fn reported_counts(seeding: &Seeding) {
    let Ok(SeedOutcome::Applied { counts, .. }) = outcome(seeding) else {
        panic!("expected an applied seed, got {:?}", outcome(seeding));
    };
    assert_eq!(counts, plan_held(seeding).counts());
}

#[then("the tables hold exactly the plan's rows")]
fn tables_hold_plan(seeding: &Seeding) {
    let plan = plan_held(seeding);
    let mut conn = connect(seeding);
    let expected = plan.counts();
    assert_eq!(count(&mut conn, "users"), expected.users);
    assert_eq!(count(&mut conn, "user_preferences"), expected.preferences);
    assert_eq!(count(&mut conn, "user_interest_themes"), expected.interests);
    assert_eq!(
        count(&mut conn, "interest_themes") + count(&mut conn, "safety_toggles"),
        expected.descriptors
    );
    assert_eq!(count(&mut conn, "example_data_runs"), 1);
    let stored: Vec<PreferencesRow> = diesel::sql_query(STORED_USERS)
        .load(&mut conn)
        .expect("read seeded users");
    assert_eq!(stored, expected_users(&plan));
}

#[then("seeding fails naming {seed:string} and the registry file")]
fn fails_naming_registry(seeding: &Seeding, seed: &str) {
    let Err(message) = outcome(seeding) else {
        panic!("seeding succeeded but should have failed");
    };
    assert!(message.contains(&format!("`{seed}`")), "{message}");
    assert!(message.contains("seeds.json"), "{message}");
}

#[then("seeding fails naming {seed:string} and the step {step:string}")]
fn fails_naming_step(seeding: &Seeding, seed: &str, step: &str) {
    let Err(message) = outcome(seeding) else {
        panic!("seeding succeeded but should have failed");
    };
    assert!(message.contains(&format!("`{seed}`")), "{message}");
    assert!(message.contains(step), "{message}");
}

#[then("nothing was written")]
fn nothing_written(seeding: &Seeding) {
    let mut conn = connect(seeding);
    for table in [
        "example_data_runs",
        "users",
        "user_preferences",
        "user_interest_themes",
        "interest_themes",
        "safety_toggles",
    ] {
        assert_eq!(count(&mut conn, table), 0, "{table} has rows");
    }
}

#[then("no marker and no seeded user remain")]
fn rolled_back(seeding: &Seeding) {
    let mut conn = connect(seeding);
    assert_eq!(count(&mut conn, "example_data_runs"), 0);
    assert_eq!(
        count(&mut conn, "users"),
        1,
        "only the clashing user remains"
    );
    for table in [
        "user_preferences",
        "user_interest_themes",
        "interest_themes",
        "safety_toggles",
    ] {
        assert_eq!(count(&mut conn, table), 0, "{table} has rows");
    }
}

#[then("exactly one reports {applied:string} and seven report {already:string}")]
fn exactly_one_applied(seeding: &Seeding, applied: &str, already: &str) {
    let outcomes = seeding.outcomes.get().expect("the seeders ran");
    let kinds: Vec<&str> = outcomes.iter().map(kind).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == applied).count(),
        1,
        "{kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == already).count(),
        SEEDERS - 1,
        "{kinds:?}"
    );
}

// ---- scenarios ------------------------------------------------------------------------

#[scenario(
    path = "tests/features/example_data_runs.feature",
    name = "The first record of a seed applies it"
)]
fn first_record_applies(seeding: Seeding) {
    let _ = seeding;
}

#[scenario(
    path = "tests/features/example_data_runs.feature",
    name = "A second record of the same seed is detected"
)]
fn duplicate_detected(seeding: Seeding) {
    let _ = seeding;
}

#[scenario(
    path = "tests/features/example_data_runs.feature",
    name = "Seed keys are independent"
)]
fn keys_independent(seeding: Seeding) {
    let _ = seeding;
}

#[scenario(
    path = "tests/features/example_data_seeding.feature",
    name = "The first run applies the seed with exact row counts"
)]
fn first_run_applies(seeding: Seeding) {
    let _ = seeding;
}

#[scenario(
    path = "tests/features/example_data_seeding.feature",
    name = "A rerun is skipped and the counts are unchanged"
)]
fn rerun_skipped(seeding: Seeding) {
    let _ = seeding;
}

#[scenario(
    path = "tests/features/example_data_seeding.feature",
    name = "An unknown seed is an error and writes nothing"
)]
fn unknown_seed(seeding: Seeding) {
    let _ = seeding;
}

#[scenario(
    path = "tests/features/example_data_seeding.feature",
    name = "An invalid registry path is an error and writes nothing"
)]
fn invalid_registry_path(seeding: Seeding) {
    let _ = seeding;
}

#[scenario(
    path = "tests/features/example_data_seeding.feature",
    name = "A failure mid-seed rolls everything back"
)]
fn failure_rolls_back(seeding: Seeding) {
    let _ = seeding;
}

#[scenario(
    path = "tests/features/example_data_seeding.feature",
    name = "Eight concurrent seeders apply the seed exactly once"
)]
fn eight_concurrent_seeders(seeding: Seeding) {
    let _ = seeding;
}
