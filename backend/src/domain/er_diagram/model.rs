//! Schema graph model: tables, columns, keys, constraints and enum types.
//!
//! Plain data introspected from a database; [`super::normalise()`] fixes every order.

/// A whole introspected schema: its tables, views and enum types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaGraph {
    /// Tables, sorted by name once normalised.
    pub tables: Vec<Table>,
    /// Enum types, sorted by name once normalised.
    pub enums: Vec<EnumType>,
    /// Views and materialised views, sorted by name once normalised.
    pub views: Vec<View>,
}

/// A view or materialised view and the columns it yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// View name.
    pub name: String,
    /// Plain or materialised.
    pub kind: ViewKind,
    /// `COMMENT ON VIEW`, if any.
    pub comment: Option<String>,
    /// Output columns in ordinal order once normalised.
    pub columns: Vec<Column>,
}

/// Whether a view is computed on read or stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum ViewKind {
    /// `CREATE VIEW`.
    #[default]
    View,
    /// `CREATE MATERIALIZED VIEW`.
    Materialized,
}

/// An index of a table: access method, key columns (or expressions) and partial predicate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Index name.
    pub name: String,
    /// Access method, e.g. `btree`, `gin`, `gist`.
    pub method: String,
    /// Whether the index enforces uniqueness.
    pub unique: bool,
    /// Whether the index backs the primary key.
    pub primary: bool,
    /// Key columns or expressions, in key order.
    pub columns: Vec<String>,
    /// `WHERE` predicate of a partial index.
    pub predicate: Option<String>,
}

/// One table with its columns and constraints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Real table name, unquoted.
    pub name: String,
    /// `COMMENT ON TABLE`, if any.
    pub comment: Option<String>,
    /// Columns, in ordinal order once normalised.
    pub columns: Vec<Column>,
    /// Primary key columns in key order; empty when the table has none.
    pub primary_key: Vec<String>,
    /// Unique constraints (and unique indexes), sorted by name once normalised.
    pub unique_constraints: Vec<UniqueConstraint>,
    /// Foreign keys, sorted by name once normalised.
    pub foreign_keys: Vec<ForeignKey>,
    /// Check constraints, sorted by name once normalised.
    pub check_constraints: Vec<CheckConstraint>,
    /// Indexes (including those behind keys and unique constraints), sorted by name.
    pub indexes: Vec<Index>,
}

/// One column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// 1-based ordinal position (`attnum`); defines column order.
    pub position: u32,
    /// Type as the database formats it, e.g. `character varying(40)`.
    pub data_type: String,
    /// Whether the column accepts `NULL`.
    pub nullable: bool,
    /// The default as the database prints it; identity and generated columns say so here.
    pub default: Option<String>,
    /// `COMMENT ON COLUMN`, if any.
    pub comment: Option<String>,
}

/// A unique constraint or unique index over plain columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UniqueConstraint {
    /// Constraint or index name.
    pub name: String,
    /// Columns in key order.
    pub columns: Vec<String>,
}

/// A foreign key: one relationship however many columns it spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForeignKey {
    /// Constraint name.
    pub name: String,
    /// Referencing columns of the owning table, in key order.
    pub columns: Vec<String>,
    /// Referenced (parent) table.
    pub referenced_table: String,
    /// Referenced columns, paired with `columns` by position.
    pub referenced_columns: Vec<String>,
}

/// A check constraint and its expression.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckConstraint {
    /// Constraint name.
    pub name: String,
    /// Expression as the database prints it.
    pub expression: String,
}

/// An enum type and its labels in declaration order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnumType {
    /// Type name.
    pub name: String,
    /// Labels in `enumsortorder` order (semantic, never re-sorted).
    pub labels: Vec<String>,
}

impl Column {
    /// Whether the column has a default (including identity and generated columns).
    pub fn has_default(&self) -> bool {
        self.default.is_some()
    }
}

impl Table {
    /// Looks a column up by name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|column| column.name == name)
    }

    /// Whether `columns` (as a set) is the primary key or a unique constraint.
    pub fn is_unique_key(&self, columns: &[String]) -> bool {
        let same_set = |key: &[String]| {
            !key.is_empty()
                && key.len() == columns.len()
                && key.iter().all(|column| columns.contains(column))
        };
        same_set(&self.primary_key)
            || self
                .unique_constraints
                .iter()
                .any(|unique| same_set(&unique.columns))
    }

    /// Whether the column belongs to any foreign key of this table.
    pub fn is_foreign_key_column(&self, name: &str) -> bool {
        self.foreign_keys
            .iter()
            .any(|key| key.columns.iter().any(|column| column == name))
    }

    /// Whether the column belongs to any unique constraint of this table.
    pub fn is_unique_column(&self, name: &str) -> bool {
        self.unique_constraints
            .iter()
            .any(|unique| unique.columns.iter().any(|column| column == name))
    }
}

impl SchemaGraph {
    /// Looks a table up by name.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|table| table.name == name)
    }

    /// Drops the named tables (e.g. Diesel's migration ledger) and the keys pointing at them.
    #[must_use]
    pub fn without_tables(mut self, excluded: &[&str]) -> Self {
        self.tables
            .retain(|table| !excluded.contains(&table.name.as_str()));
        for table in &mut self.tables {
            table
                .foreign_keys
                .retain(|key| !excluded.contains(&key.referenced_table.as_str()));
        }
        self
    }

    /// Foreign keys of other tables (and self-references) pointing at `name`, as
    /// `(child table, key)` in canonical order when the graph is normalised.
    pub fn foreign_keys_into<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = (&'a Table, &'a ForeignKey)> + 'a {
        self.tables.iter().flat_map(move |table| {
            table
                .foreign_keys
                .iter()
                .filter(move |key| key.referenced_table == name)
                .map(move |key| (table, key))
        })
    }
}

/// Diesel's migration ledger, left out of diagrams by default.
pub const DIESEL_MIGRATIONS_TABLE: &str = "__diesel_schema_migrations";
