//! Unit tests of [`super::diff_schemas`] over small in-memory schemas.

use rstest::rstest;

use super::{Change, diff_schemas};
use crate::domain::er_diagram::fixture_schema::{generated_schema, table_name};
use crate::domain::er_diagram::{
    CheckConstraint, Column, EnumType, Index, SchemaGraph, Table, View, ViewKind, normalise,
};

fn column(position: u32, name: &str, data_type: &str) -> Column {
    Column {
        name: name.to_owned(),
        position,
        data_type: data_type.to_owned(),
        ..Column::default()
    }
}

fn base() -> SchemaGraph {
    generated_schema(6, 5)
}

#[rstest]
fn identical_schemas_have_no_diff() {
    let diff = diff_schemas(&normalise(base()), &normalise(base()));
    assert!(diff.is_empty(), "{diff:?}");
}

#[rstest]
fn reports_added_and_removed_tables() {
    let mut after = base();
    let removed = after.tables.remove(5);
    after.tables.push(Table {
        name: "zz_new".to_owned(),
        columns: vec![column(1, "id", "bigint")],
        ..Table::default()
    });
    let diff = diff_schemas(&normalise(base()), &normalise(after));
    let summary: Vec<(&str, &str)> = diff
        .tables
        .iter()
        .map(|table| (table.name.as_str(), table.change.verb()))
        .collect();
    assert_eq!(
        summary,
        [(removed.name.as_str(), "removed"), ("zz_new", "added")]
    );
}

#[rstest]
fn reports_column_changes_field_by_field() {
    let mut after = base();
    let table = &mut after.tables[2];
    table.columns[1].data_type = "character varying(80)".to_owned();
    table.columns[1].nullable = !table.columns[1].nullable;
    table.columns[2].default = Some("'x'::text".to_owned());
    table.columns.push(column(99, "added_col", "text"));
    let dropped = table.columns.remove(0).name;
    let name = table.name.clone();
    let diff = diff_schemas(&normalise(base()), &normalise(after));
    assert_eq!(diff.tables.len(), 1);
    let changed = &diff.tables[0];
    assert_eq!(
        (changed.name.as_str(), changed.change.verb()),
        (name.as_str(), "changed")
    );
    let columns: Vec<(&str, &str, Vec<&str>)> = changed
        .diff
        .columns
        .iter()
        .map(|c| {
            let fields = c.fields.iter().map(|f| f.field).collect();
            (c.name.as_str(), c.change.verb(), fields)
        })
        .collect();
    assert_eq!(columns[0].2, ["type", "nullable"]);
    assert_eq!(columns[1].2, ["default"]);
    assert_eq!(columns[2], ("added_col", "added", vec![]));
    assert_eq!(columns[3], (dropped.as_str(), "removed", vec![]));
    let default = &changed.diff.columns[1].fields[0];
    assert_eq!(
        (default.before.as_str(), default.after.as_str()),
        ("none", "'x'::text")
    );
}

#[rstest]
fn reports_keys_constraints_indexes_and_foreign_keys() {
    let before = base();
    let mut after = base();
    let child = after
        .tables
        .iter_mut()
        .find(|table| !table.foreign_keys.is_empty())
        .expect("a table with a foreign key");
    let name = child.name.clone();
    let dropped_key = child.foreign_keys.remove(0).name;
    child.check_constraints.push(CheckConstraint {
        name: "positive".to_owned(),
        expression: "CHECK ((id > 0))".to_owned(),
    });
    child.indexes.push(Index {
        name: "by_id".to_owned(),
        method: "btree".to_owned(),
        columns: vec!["id".to_owned()],
        predicate: Some("(id > 10)".to_owned()),
        ..Index::default()
    });
    child.primary_key = vec!["id".to_owned(), "extra".to_owned()];
    let diff = diff_schemas(&normalise(before), &normalise(after));
    let table = diff
        .tables
        .iter()
        .find(|t| t.name == name)
        .expect("changed");
    let items: Vec<(&str, &str, &str)> = table
        .diff
        .items
        .iter()
        .map(|item| (item.kind, item.name.as_str(), item.change.verb()))
        .collect();
    assert_eq!(
        items,
        [
            ("check", "positive", "added"),
            ("foreign key", dropped_key.as_str(), "removed"),
            ("index", "by_id", "added"),
            ("primary key", "", "changed"),
        ]
    );
    let index = &table.diff.items[2].change;
    assert_eq!(
        index,
        &Change::Added("btree (id) WHERE (id > 10)".to_owned())
    );
}

#[rstest]
fn reports_views_and_enums() {
    let mut before = base();
    before.enums.push(EnumType {
        name: "mood".to_owned(),
        labels: vec!["calm".to_owned()],
    });
    let mut after = before.clone();
    after.enums[0].labels.push("busy".to_owned());
    after.views.push(View {
        name: "busy_tables".to_owned(),
        kind: ViewKind::Materialized,
        comment: None,
        columns: vec![column(1, "name", "text")],
    });
    let diff = diff_schemas(&normalise(before), &normalise(after));
    assert!(diff.tables.is_empty());
    assert_eq!(diff.views.len(), 1);
    assert_eq!(diff.views[0].verb(), "added");
    assert!(matches!(
        &diff.enums[..],
        [Change::Changed { before, after }] if before.labels.len() == 1 && after.labels.len() == 2
    ));
}

#[rstest]
fn order_of_introspection_does_not_matter() {
    let mut shuffled = base();
    shuffled.tables.reverse();
    for table in &mut shuffled.tables {
        table.columns.reverse();
    }
    assert!(diff_schemas(&normalise(base()), &normalise(shuffled)).is_empty());
    assert_eq!(table_name(0), base().tables[0].name);
}
