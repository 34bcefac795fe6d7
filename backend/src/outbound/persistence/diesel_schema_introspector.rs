//! `SchemaIntrospector` over Diesel: reads `pg_catalog` for one schema.
//!
//! Every query has an `ORDER BY`; the domain's normalise step sorts again regardless.

use std::collections::BTreeMap;

use diesel::sql_types::{Array, Bool, Int4, Nullable, Text};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};

use crate::domain::er_diagram::{
    CheckConstraint, Column, EnumType, ForeignKey, SchemaGraph, SchemaName, Table, UniqueConstraint,
};
use crate::domain::ports::schema_introspector::{SchemaIntrospectionError, SchemaIntrospector};
use crate::outbound::persistence::error;

const TABLES: &str = "\
SELECT c.relname::text AS name, obj_description(c.oid, 'pg_class') AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname";

const COLUMNS: &str = "\
SELECT c.relname::text AS table_name, a.attname::text AS name, a.attnum::int4 AS position,
       format_type(a.atttypid, a.atttypmod) AS data_type, NOT a.attnotnull AS nullable,
       (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS has_default,
       col_description(c.oid, a.attnum) AS comment
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum";

// Key columns keep their key order through WITH ORDINALITY.
const CONSTRAINTS: &str = "\
SELECT c.relname::text AS table_name, con.conname::text AS name, con.contype::text AS kind,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord) AS columns,
       rc.relname::text AS referenced_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
             ORDER BY k.ord) AS referenced_columns,
       pg_get_constraintdef(con.oid) AS definition
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'f', 'c') AND NOT c.relispartition
ORDER BY c.relname, con.conname";

// Unique indexes that enforce uniqueness on plain columns without a constraint of their own.
const UNIQUE_INDEXES: &str = "\
SELECT t.relname::text AS table_name, i.relname::text AS name,
       ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
             ORDER BY k.ord) AS columns
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = $1 AND x.indisunique AND NOT x.indisprimary
  AND x.indpred IS NULL AND x.indexprs IS NULL AND t.relkind IN ('r', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = x.indexrelid)
ORDER BY t.relname, i.relname";

const ENUMS: &str = "\
SELECT t.typname::text AS name,
       ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid
             ORDER BY e.enumsortorder) AS labels
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = $1 AND t.typtype = 'e'
ORDER BY t.typname";

const SCHEMA_EXISTS: &str = "\
SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1) AS present
ORDER BY 1";

#[derive(QueryableByName)]
struct Present {
    #[diesel(sql_type = Bool)]
    present: bool,
}

#[derive(QueryableByName)]
struct TableRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Nullable<Text>)]
    comment: Option<String>,
}

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Int4)]
    position: i32,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
    #[diesel(sql_type = Bool)]
    has_default: bool,
    #[diesel(sql_type = Nullable<Text>)]
    comment: Option<String>,
}

#[derive(QueryableByName)]
struct ConstraintRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Array<Text>)]
    columns: Vec<String>,
    #[diesel(sql_type = Nullable<Text>)]
    referenced_table: Option<String>,
    #[diesel(sql_type = Array<Text>)]
    referenced_columns: Vec<String>,
    #[diesel(sql_type = Text)]
    definition: String,
}

#[derive(QueryableByName)]
struct UniqueIndexRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Array<Text>)]
    columns: Vec<String>,
}

#[derive(QueryableByName)]
struct EnumRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Array<Text>)]
    labels: Vec<String>,
}

/// Introspects `PostgreSQL` schemas over one Diesel connection.
pub struct DieselSchemaIntrospector {
    conn: PgConnection,
}

impl std::fmt::Debug for DieselSchemaIntrospector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DieselSchemaIntrospector")
            .finish_non_exhaustive()
    }
}

impl DieselSchemaIntrospector {
    /// Uses an open connection.
    pub fn new(conn: PgConnection) -> Self {
        Self { conn }
    }

    /// Connects to `database_url`.
    ///
    /// # Errors
    ///
    /// [`SchemaIntrospectionError::Connection`] when the server cannot be reached.
    pub fn connect(
        database_url: &str,
        schema: &SchemaName,
    ) -> Result<Self, SchemaIntrospectionError> {
        PgConnection::establish(database_url)
            .map(Self::new)
            .map_err(|source| error::introspection_connection(schema, source))
    }

    fn load<Row: QueryableByName<diesel::pg::Pg> + 'static>(
        &mut self,
        schema: &SchemaName,
        what: &'static str,
        query: &'static str,
    ) -> Result<Vec<Row>, SchemaIntrospectionError> {
        diesel::sql_query(query)
            .bind::<Text, _>(schema.as_str())
            .load(&mut self.conn)
            .map_err(|source| error::introspection_query(schema, what, source))
    }
}

impl SchemaIntrospector for DieselSchemaIntrospector {
    fn introspect(&mut self, schema: &SchemaName) -> Result<SchemaGraph, SchemaIntrospectionError> {
        let present: Vec<Present> = self.load(schema, "schema", SCHEMA_EXISTS)?;
        if !present.first().is_some_and(|row| row.present) {
            return Err(SchemaIntrospectionError::MissingSchema {
                schema: schema.to_string(),
            });
        }
        let mut tables: BTreeMap<String, Table> = self
            .load::<TableRow>(schema, "tables", TABLES)?
            .into_iter()
            .map(|row| {
                let table = Table {
                    name: row.name.clone(),
                    comment: row.comment,
                    ..Table::default()
                };
                (row.name, table)
            })
            .collect();
        for row in self.load::<ColumnRow>(schema, "columns", COLUMNS)? {
            if let Some(table) = tables.get_mut(&row.table_name) {
                let position = u32::try_from(row.position).map_err(|source| {
                    SchemaIntrospectionError::ColumnPosition {
                        table: row.table_name.clone(),
                        column: row.name.clone(),
                        position: row.position,
                        source,
                    }
                })?;
                table.columns.push(Column {
                    name: row.name,
                    position,
                    data_type: row.data_type,
                    nullable: row.nullable,
                    has_default: row.has_default,
                    comment: row.comment,
                });
            }
        }
        for row in self.load::<ConstraintRow>(schema, "constraints", CONSTRAINTS)? {
            if let Some(table) = tables.get_mut(&row.table_name) {
                add_constraint(table, row)?;
            }
        }
        for row in self.load::<UniqueIndexRow>(schema, "unique indexes", UNIQUE_INDEXES)? {
            if let Some(table) = tables.get_mut(&row.table_name) {
                table.unique_constraints.push(UniqueConstraint {
                    name: row.name,
                    columns: row.columns,
                });
            }
        }
        let enums = self
            .load::<EnumRow>(schema, "enum types", ENUMS)?
            .into_iter()
            .map(|row| EnumType {
                name: row.name,
                labels: row.labels,
            })
            .collect();
        Ok(SchemaGraph {
            tables: tables.into_values().collect(),
            enums,
        })
    }
}

fn add_constraint(table: &mut Table, row: ConstraintRow) -> Result<(), SchemaIntrospectionError> {
    match row.kind.as_str() {
        "p" => table.primary_key = row.columns,
        "u" => table.unique_constraints.push(UniqueConstraint {
            name: row.name,
            columns: row.columns,
        }),
        "f" => {
            let Some(referenced_table) = row.referenced_table else {
                return Err(SchemaIntrospectionError::MissingReferencedTable {
                    table: table.name.clone(),
                    constraint: row.name,
                });
            };
            table.foreign_keys.push(ForeignKey {
                name: row.name,
                columns: row.columns,
                referenced_table,
                referenced_columns: row.referenced_columns,
            });
        }
        _ => table.check_constraints.push(CheckConstraint {
            name: row.name,
            expression: row.definition,
        }),
    }
    Ok(())
}
