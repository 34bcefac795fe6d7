//! A generated schema of any size for layout and size tests (60 tables, 70 keys by default).
//!
//! Pure arithmetic, no randomness: the same `tables` always gives the same graph.

use super::model::{Column, ForeignKey, SchemaGraph, Table};

const AREAS: [&str; 6] = ["catalogue", "billing", "walker", "content", "audit", "ops"];
const NOUNS: [&str; 10] = [
    "accounts", "entries", "events", "items", "links", "notes", "orders", "records", "tags",
    "versions",
];
const TYPES: [&str; 6] = [
    "text",
    "integer",
    "timestamp with time zone",
    "boolean",
    "numeric(12,2)",
    "jsonb",
];

/// Table `index`'s name: `<area>_<noun>_<index>`.
pub fn table_name(index: usize) -> String {
    format!(
        "{}_{}_{index:02}",
        AREAS[index % AREAS.len()],
        NOUNS[(index / AREAS.len()) % NOUNS.len()]
    )
}

/// `tables` tables with `foreign_keys` foreign keys between them, every table but the first
/// pointing at an earlier one; long comments everywhere (the diagrams must cut them).
pub fn generated_schema(tables: usize, foreign_keys: usize) -> SchemaGraph {
    let mut graph = SchemaGraph::default();
    for index in 0..tables {
        let mut columns = vec![Column {
            name: "id".to_owned(),
            position: 1,
            data_type: "bigint".to_owned(),
            nullable: false,
            default: Some("nextval('seq'::regclass)".to_owned()),
            comment: None,
        }];
        for extra in 0..(2 + index % 5) {
            columns.push(Column {
                name: format!("{}_{extra}", NOUNS[(index + extra) % NOUNS.len()]),
                position: u32::try_from(columns.len() + 1).unwrap_or(u32::MAX),
                data_type: TYPES[(index + extra) % TYPES.len()].to_owned(),
                nullable: extra % 2 == 1,
                default: None,
                comment: (extra % 2 == 0).then(|| {
                    format!(
                        "Column {extra} of {}: a deliberately long comment explaining what the \
                         value means, where it comes from and who may change it",
                        table_name(index)
                    )
                }),
            });
        }
        graph.tables.push(Table {
            name: table_name(index),
            comment: Some(format!("Generated table number {index}.")),
            columns,
            primary_key: vec!["id".to_owned()],
            ..Table::default()
        });
    }
    for key in 0..foreign_keys.min(tables.saturating_sub(1) * 2) {
        // First pass: each table points at an earlier one; second pass: a cross link each.
        let child = 1 + key % (tables - 1);
        let parent = if key < tables - 1 {
            match child % 3 {
                0 => child / 3,
                1 => child - 1,
                _ => child / 2,
            }
        } else {
            (child * 13 + key) % child
        };
        let column = format!("{}_ref_{key}", table_name(parent));
        let table = &mut graph.tables[child];
        table.columns.push(Column {
            name: column.clone(),
            position: u32::try_from(table.columns.len() + 1).unwrap_or(u32::MAX),
            data_type: "bigint".to_owned(),
            nullable: key % 3 == 0,
            default: None,
            comment: None,
        });
        table.foreign_keys.push(ForeignKey {
            name: format!("{}_{column}_fkey", table.name),
            columns: vec![column],
            referenced_table: table_name(parent),
            referenced_columns: vec!["id".to_owned()],
        });
    }
    graph
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::generated_schema;

    #[rstest]
    fn has_the_requested_shape_and_is_stable() {
        let graph = generated_schema(60, 70);
        assert_eq!(graph.tables.len(), 60);
        let keys: usize = graph
            .tables
            .iter()
            .map(|table| table.foreign_keys.len())
            .sum();
        assert_eq!(keys, 70);
        assert!(graph.tables.iter().all(|table| {
            table
                .foreign_keys
                .iter()
                .all(|key| graph.table(&key.referenced_table).is_some())
        }));
        assert_eq!(graph, generated_schema(60, 70));
    }
}
