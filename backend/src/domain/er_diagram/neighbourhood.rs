//! A small view of the schema around some tables: the tables in full, their direct
//! neighbours reduced to the key columns that link them.
//!
//! Used for the data dictionary's per-table diagram and the review report's diagram.

use std::collections::BTreeSet;

use super::model::{SchemaGraph, Table};
use super::normalise::{NormalisedSchema, normalise};

/// `centres` with every column and key, plus each table one foreign key away (parent or
/// child) showing only its primary key and the columns of keys into or out of a centre.
/// Relationships not touching a centre are left out; enums and views are dropped.
pub fn neighbourhood(schema: &NormalisedSchema, centres: &BTreeSet<&str>) -> NormalisedSchema {
    let is_centre = |name: &str| centres.contains(name);
    let mut neighbours: BTreeSet<&str> = BTreeSet::new();
    for table in &schema.tables {
        for key in &table.foreign_keys {
            if is_centre(&table.name) && !is_centre(&key.referenced_table) {
                neighbours.insert(&key.referenced_table);
            }
            if is_centre(&key.referenced_table) && !is_centre(&table.name) {
                neighbours.insert(&table.name);
            }
        }
    }
    let tables = schema
        .tables
        .iter()
        .filter_map(|table| {
            if is_centre(&table.name) {
                Some(table.clone())
            } else if neighbours.contains(table.name.as_str()) {
                Some(reduced(table, &is_centre))
            } else {
                None
            }
        })
        .collect();
    normalise(SchemaGraph {
        tables,
        ..SchemaGraph::default()
    })
}

fn reduced(table: &Table, is_centre: &dyn Fn(&str) -> bool) -> Table {
    let foreign_keys: Vec<_> = table
        .foreign_keys
        .iter()
        .filter(|key| is_centre(&key.referenced_table))
        .cloned()
        .collect();
    let keep = |name: &str| {
        table.primary_key.iter().any(|column| column == name)
            || foreign_keys
                .iter()
                .any(|key| key.columns.iter().any(|column| column == name))
    };
    Table {
        name: table.name.clone(),
        columns: table
            .columns
            .iter()
            .filter(|column| keep(&column.name))
            .cloned()
            .collect(),
        primary_key: table.primary_key.clone(),
        unique_constraints: table
            .unique_constraints
            .iter()
            .filter(|unique| unique.columns.iter().all(|column| keep(column)))
            .cloned()
            .collect(),
        foreign_keys,
        ..Table::default()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use rstest::rstest;

    use super::neighbourhood;
    use crate::domain::er_diagram::fixture_schema::{generated_schema, table_name};
    use crate::domain::er_diagram::normalise;

    #[rstest]
    fn keeps_centre_in_full_and_neighbours_reduced() {
        let schema = normalise(generated_schema(12, 14));
        let centre = table_name(3);
        let around = neighbourhood(&schema, &BTreeSet::from([centre.as_str()]));
        let full = schema.table(&centre).expect("centre");
        assert_eq!(around.table(&centre), Some(full));
        assert!(around.tables.len() > 1, "the centre has neighbours");
        for table in around.tables.iter().filter(|table| table.name != centre) {
            let linked = table
                .foreign_keys
                .iter()
                .any(|key| key.referenced_table == centre)
                || full
                    .foreign_keys
                    .iter()
                    .any(|key| key.referenced_table == table.name);
            assert!(linked, "{} is a direct neighbour", table.name);
            assert!(
                table
                    .foreign_keys
                    .iter()
                    .all(|key| key.referenced_table == centre),
                "{} keeps only keys into the centre",
                table.name
            );
            assert!(table.columns.len() < schema.table(&table.name).expect("t").columns.len());
        }
    }

    #[rstest]
    fn an_isolated_table_stands_alone() {
        let schema = normalise(generated_schema(3, 0));
        let around = neighbourhood(&schema, &BTreeSet::from([table_name(1).as_str()]));
        assert_eq!(around.tables.len(), 1);
    }
}
