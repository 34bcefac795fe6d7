//! `er_review.feature`: `er-snapshots review` end to end, against real git checkouts and a
//! real embedded `PostgreSQL` (the command starts its own cluster). No mocks.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rstest::fixture;
use rstest_bdd::Slot;
use rstest_bdd_macros::{ScenarioState, given, scenario, then, when};
use tempfile::TempDir;

use crate::support::describe;

const NEW_TABLE: &str = "walk_photos";
const NEW_COLUMN: &str = "nickname";

#[derive(Default, ScenarioState)]
struct Review {
    checkout: Slot<TempDir>,
    before: Slot<BTreeMap<PathBuf, Vec<u8>>>,
    report_dir: Slot<TempDir>,
    result: Slot<Output>,
}

#[fixture]
fn review() -> Review {
    Review::default()
}

fn baseline_migrations() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations")
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=review",
            "-c",
            "user.email=review@example.com",
        ])
        .args(args)
        .output()
        .expect("run git");
    assert!(output.status.success(), "git {args:?}: {output:?}");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn checkout(state: &Review) -> PathBuf {
    state
        .checkout
        .with_ref(|dir| dir.path().to_path_buf())
        .expect("a Given step made the checkout")
}

fn migrations_dir(state: &Review) -> PathBuf {
    checkout(state).join("backend/migrations")
}

/// A repository with `backend/migrations` committed and tagged `base`.
fn commit_base(state: &Review, extra: Option<(&str, &str)>) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &baseline_migrations(),
        &dir.path().join("backend/migrations"),
    );
    if let Some((name, up)) = extra {
        let migration = dir.path().join("backend/migrations").join(name);
        fs::create_dir_all(&migration).expect("mkdir");
        fs::write(migration.join("up.sql"), up).expect("up.sql");
        fs::write(migration.join("down.sql"), "SELECT 1;\n").expect("down.sql");
    }
    git(dir.path(), &["init", "-q", "-b", "trunk"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    git(dir.path(), &["tag", "base"]);
    state.checkout.set(dir);
}

fn listing(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            listing(&path, out);
        } else {
            out.insert(path.clone(), fs::read(&path).expect("read"));
        }
    }
}

fn run(state: &Review, extra: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_er-snapshots"))
        .current_dir(checkout(state))
        .arg("review")
        .arg("--migrations-dir")
        .arg(migrations_dir(state))
        .args(extra)
        .output()
        .expect("run er-snapshots review");
    state.result.set(output);
}

fn result(state: &Review) -> Output {
    state
        .result
        .with_ref(Clone::clone)
        .expect("a When step ran")
}

fn stdout(state: &Review) -> String {
    String::from_utf8_lossy(&result(state).stdout).into_owned()
}

#[given("a checkout whose base commit holds the baseline migrations")]
fn base_checkout(review: &Review) {
    commit_base(review, None);
}

#[given("a checkout whose base commit holds a migration that cannot apply")]
fn broken_base(review: &Review) {
    commit_base(
        review,
        Some((
            "2999-01-01-000000_broken_on_purpose",
            "ALTER TABLE no_such_table ADD COLUMN x int;\n",
        )),
    );
}

#[given("a working-tree migration that adds a column and a table")]
fn working_tree_change(review: &Review) {
    let migration = migrations_dir(review).join("2999-01-01-000000_walk_photos");
    fs::create_dir_all(&migration).expect("mkdir");
    fs::write(
        migration.join("up.sql"),
        format!(
            "ALTER TABLE users ADD COLUMN {NEW_COLUMN} text;\n\
             CREATE TABLE {NEW_TABLE} (id uuid PRIMARY KEY, \
             user_id uuid NOT NULL REFERENCES users (id), \
             width_px integer NOT NULL CONSTRAINT width_positive CHECK (width_px > 0));\n"
        ),
    )
    .expect("up.sql");
    fs::write(
        migration.join("down.sql"),
        format!("DROP TABLE {NEW_TABLE};\nALTER TABLE users DROP COLUMN {NEW_COLUMN};\n"),
    )
    .expect("down.sql");
}

#[given("migrations in a directory that is not a git checkout")]
fn not_a_checkout(review: &Review) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &baseline_migrations(),
        &dir.path().join("backend/migrations"),
    );
    review.checkout.set(dir);
}

#[when("er-snapshots review runs against the base")]
fn review_base(review: &Review) {
    run(review, &["--base", "base"]);
}

#[when("er-snapshots review runs against the base writing to a file")]
fn review_to_file(review: &Review) {
    let mut before = BTreeMap::new();
    listing(&checkout(review), &mut before);
    review.before.set(before);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("review.md");
    review.report_dir.set(dir);
    run(
        review,
        &["--base", "base", "--output", file.to_str().expect("utf-8")],
    );
}

#[when("er-snapshots review runs against the ref {git_ref}")]
fn review_ref(review: &Review, git_ref: String) {
    run(review, &["--base", git_ref.trim_matches('"')]);
}

#[then("the review succeeds")]
fn succeeds(review: &Review) {
    let output = result(review);
    assert!(output.status.success(), "{}", describe(&output));
}

#[then("the report lists the new table and the new column and nothing else")]
fn lists_exactly_the_change(review: &Review) {
    let report = stdout(review);
    assert!(
        report.contains("1 table added, 1 table changed.\n"),
        "{report}"
    );
    assert!(
        report.contains(&format!("### added `{NEW_TABLE}`")),
        "{report}"
    );
    assert!(report.contains("### changed `users`"), "{report}");
    assert!(
        report.contains(&format!(
            "| added | column `{NEW_COLUMN}` | | `text`, nullable |"
        )),
        "{report}"
    );
    assert!(!report.contains("### removed"), "{report}");
    assert!(!report.contains("| removed |"), "{report}");
    assert!(!report.contains("| changed |"), "{report}");
    assert_eq!(report.matches("\n### ").count(), 2, "{report}");
}

#[then("the report lists the new table's key, foreign key and check constraint")]
fn lists_new_table_constraints(review: &Review) {
    let report = stdout(review);
    for line in [
        "- primary key: `(id)`\n".to_owned(),
        "- check `width_positive`: `CHECK ((width_px > 0))`\n".to_owned(),
        format!("- foreign key `{NEW_TABLE}_user_id_fkey`: `(user_id) references users (id)`\n"),
    ] {
        assert!(report.contains(&line), "{line} missing from:\n{report}");
    }
}

#[then("the report draws the new table as added and its table as changed")]
fn diagram_styles_changes(review: &Review) {
    let report = stdout(review);
    assert!(report.contains("```mermaid\nerDiagram\n"), "{report}");
    assert!(
        report.contains(&format!("    class {NEW_TABLE} added\n")),
        "{report}"
    );
    assert!(report.contains("    class users changed\n"), "{report}");
}

#[then("the report is the one line \"No schema change\"")]
fn no_change(review: &Review) {
    let report = stdout(review);
    assert_eq!(report.lines().count(), 1, "{report}");
    assert!(
        report.starts_with("No schema change between `base`"),
        "{report}"
    );
}

#[then("the report file lists the new table")]
fn report_file(review: &Review) {
    assert!(stdout(review).is_empty(), "nothing on stdout with --output");
    let file = review
        .report_dir
        .with_ref(|dir| dir.path().join("review.md"))
        .expect("report dir");
    let report = fs::read_to_string(file).expect("read report");
    assert!(
        report.contains(&format!("### added `{NEW_TABLE}`")),
        "{report}"
    );
}

#[then("the checkout's files are unchanged")]
fn checkout_unchanged(review: &Review) {
    let before = review.before.with_ref(Clone::clone).expect("recorded");
    let mut after = BTreeMap::new();
    listing(&checkout(review), &mut after);
    assert_eq!(before, after);
}

#[then("the command fails with an error containing {first}")]
fn fails_naming(review: &Review, first: String) {
    fails_naming_both(review, first, String::new());
}

#[then("the command fails naming both {first} and {second}")]
fn fails_naming_both(review: &Review, first: String, second: String) {
    let output = result(review);
    assert_eq!(output.status.code(), Some(2), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for needle in [first, second] {
        assert!(
            stderr.contains(needle.trim_matches('"')),
            "{needle}: {stderr}"
        );
    }
}

#[scenario(
    path = "tests/features/er_review.feature",
    name = "A branch that adds a column and a table is reported with a diagram"
)]
fn adds_column_and_table(review: Review) {
    let _ = review;
}

#[scenario(
    path = "tests/features/er_review.feature",
    name = "An unchanged branch reports no schema change"
)]
fn unchanged_branch(review: Review) {
    let _ = review;
}

#[scenario(
    path = "tests/features/er_review.feature",
    name = "The report goes to a file and the work tree is untouched"
)]
fn report_to_file(review: Review) {
    let _ = review;
}

#[scenario(
    path = "tests/features/er_review.feature",
    name = "An unknown ref is named"
)]
fn unknown_ref(review: Review) {
    let _ = review;
}

#[scenario(
    path = "tests/features/er_review.feature",
    name = "A migration that fails at the base names the ref and the migration"
)]
fn failing_base(review: Review) {
    let _ = review;
}

#[scenario(
    path = "tests/features/er_review.feature",
    name = "A directory outside git is refused"
)]
fn outside_git(review: Review) {
    let _ = review;
}
