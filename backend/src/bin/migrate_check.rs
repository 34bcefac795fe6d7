//! `migrate-check`: applies `backend/migrations` to a throwaway embedded PostgreSQL, reverts
//! and re-applies them, and prints each table (read through the schema introspector) with its
//! column count.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use backend::domain::er_diagram::{SchemaName, normalise};
use backend::domain::ports::schema_introspector::SchemaIntrospector;
use backend::outbound::embedded_postgres::EmbeddedCluster;
use backend::outbound::persistence::diesel_schema_introspector::DieselSchemaIntrospector;
use backend::outbound::persistence::migrations::{DEFAULT_MIGRATIONS_DIR, Migrations};
use diesel::{Connection, PgConnection};

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
    let mut introspector = DieselSchemaIntrospector::new(conn);
    let schema = normalise(introspector.introspect(&SchemaName::default())?);
    let tables = &schema.tables;
    for table in tables {
        writeln!(
            out,
            "  {:<28} {:>2} columns",
            table.name,
            table.columns.len()
        )?;
    }
    writeln!(out, "{} tables", tables.len())?;
    drop(introspector);
    cluster.drop_database("migrate_check")?;
    Ok(())
}
