//! The one step that fixes every order in a [`SchemaGraph`].
//!
//! Introspection order is never trusted: rendering only accepts a [`NormalisedSchema`].

use std::ops::Deref;

use super::model::{Column, SchemaGraph};

/// A schema graph whose every order is canonical; built only by [`normalise`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormalisedSchema(SchemaGraph);

impl NormalisedSchema {
    /// Keeps only the tables for which `keep` holds; order stays canonical.
    #[must_use]
    pub fn retain_tables(&self, mut keep: impl FnMut(&str) -> bool) -> Self {
        let mut graph = self.0.clone();
        graph.tables.retain(|table| keep(&table.name));
        Self(graph)
    }

    /// Returns the underlying graph.
    pub fn into_inner(self) -> SchemaGraph {
        self.0
    }
}

impl Deref for NormalisedSchema {
    type Target = SchemaGraph;

    fn deref(&self) -> &SchemaGraph {
        &self.0
    }
}

fn sort_columns(columns: &mut [Column]) {
    columns.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
}

/// Sorts tables, views, enums and every per-table list into their canonical order.
///
/// Tables, views, enums, indexes and named constraints sort by name (ties broken by the rest of the value);
/// columns sort by ordinal position. Key column lists and enum labels keep their order,
/// because that order is part of the schema.
#[must_use]
pub fn normalise(mut graph: SchemaGraph) -> NormalisedSchema {
    for table in &mut graph.tables {
        sort_columns(&mut table.columns);
        table
            .unique_constraints
            .sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
        table.unique_constraints.dedup();
        table.foreign_keys.sort_by(|a, b| {
            (&a.name, &a.columns, &a.referenced_table).cmp(&(
                &b.name,
                &b.columns,
                &b.referenced_table,
            ))
        });
        table
            .check_constraints
            .sort_by(|a, b| (&a.name, &a.expression).cmp(&(&b.name, &b.expression)));
        table
            .indexes
            .sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
    }
    for view in &mut graph.views {
        sort_columns(&mut view.columns);
    }
    graph.tables.sort_by(|a, b| a.name.cmp(&b.name));
    graph.enums.sort_by(|a, b| a.name.cmp(&b.name));
    graph.views.sort_by(|a, b| a.name.cmp(&b.name));
    NormalisedSchema(graph)
}
