//! `migrate-check`: applies `backend/migrations` to a throwaway embedded PostgreSQL, reverts
//! and re-applies them, and prints each table with its column count.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use backend::outbound::embedded_postgres::EmbeddedCluster;
use backend::outbound::persistence::migrations::{DEFAULT_MIGRATIONS_DIR, Migrations};
use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};

#[derive(QueryableByName)]
struct TableRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = BigInt)]
    columns: i64,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "migrate-check: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| DEFAULT_MIGRATIONS_DIR.to_owned());
    let migrations = Migrations::open(&dir)?;
    let cluster = EmbeddedCluster::start()?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "cluster started in {} ms",
        cluster.started_in().as_millis()
    )?;
    cluster.create_database("migrate_check")?;
    let mut conn = PgConnection::establish(&cluster.database_url("migrate_check"))
        .context("connecting to the throwaway database")?;
    let applied = migrations.run_pending(&mut conn)?;
    let reverted = migrations.revert_all(&mut conn)?;
    let reapplied = migrations.run_pending(&mut conn)?;
    writeln!(
        out,
        "{} migrations applied, {} reverted, {} re-applied from {}",
        applied.len(),
        reverted.len(),
        reapplied.len(),
        migrations.path().display()
    )?;
    let tables: Vec<TableRow> = diesel::sql_query(
        "SELECT c.relname::text AS name, count(a.attnum) AS columns \
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 \
           AND NOT a.attisdropped \
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' \
         GROUP BY c.relname ORDER BY c.relname",
    )
    .load(&mut conn)
    .context("listing tables")?;
    for table in &tables {
        writeln!(out, "  {:<28} {:>2} columns", table.name, table.columns)?;
    }
    writeln!(out, "{} tables", tables.len())?;
    drop(conn);
    cluster.drop_database("migrate_check")?;
    Ok(())
}
