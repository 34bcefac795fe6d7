//! Port: reads the shape of one database schema into a [`SchemaGraph`].
//!
//! Implemented by `outbound::persistence::diesel_schema_introspector`.

use std::error::Error as StdError;

use crate::domain::er_diagram::{SchemaGraph, SchemaName};

/// Why a schema could not be introspected.
#[derive(Debug, thiserror::Error)]
pub enum SchemaIntrospectionError {
    /// The database could not be reached.
    #[error("could not connect to the database to introspect schema {schema:?}")]
    Connection {
        /// Schema being introspected.
        schema: String,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// A catalogue query failed.
    #[error("catalogue query for {what} in schema {schema:?} failed")]
    Query {
        /// Schema being introspected.
        schema: String,
        /// Which part was being read (tables, columns, keys...).
        what: &'static str,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// The catalogue reported a column position that is not a positive number.
    #[error("column {table}.{column} has an invalid position {position}")]
    ColumnPosition {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The position as reported.
        position: i32,
        /// Why it does not convert.
        #[source]
        source: std::num::TryFromIntError,
    },
    /// A foreign key whose referenced table the catalogue did not name.
    #[error("foreign key {constraint} on {table} references no table the catalogue names")]
    MissingReferencedTable {
        /// The referencing table.
        table: String,
        /// The foreign key.
        constraint: String,
    },
    /// The schema does not exist.
    #[error("schema {schema:?} does not exist in the database")]
    MissingSchema {
        /// The missing schema.
        schema: String,
    },
}

/// Reads tables, columns, keys, constraints and enum types of one schema.
pub trait SchemaIntrospector {
    /// Introspects `schema`; the result is not yet normalised.
    ///
    /// # Errors
    ///
    /// [`SchemaIntrospectionError`] when the database cannot be read.
    fn introspect(&mut self, schema: &SchemaName) -> Result<SchemaGraph, SchemaIntrospectionError>;
}
