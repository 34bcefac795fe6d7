//! Unit tests of the review report: the one-line no-change report, changes and styling.

use rstest::rstest;

use super::{ReviewSides, render_review};
use crate::domain::er_diagram::fixture_schema::generated_schema;
use crate::domain::er_diagram::schema_diff::diff_schemas;
use crate::domain::er_diagram::{Column, Table, normalise};

const SIDES: ReviewSides<'static> = ReviewSides {
    base: "main",
    head: "the working tree",
};

#[rstest]
fn no_change_is_one_line() {
    let schema = normalise(generated_schema(4, 3));
    let report = render_review(&diff_schemas(&schema, &schema), &schema, &schema, SIDES);
    assert_eq!(
        report,
        "No schema change between `main` and the working tree.\n"
    );
}

#[rstest]
fn added_column_and_table_are_reported_and_styled() {
    let before = normalise(generated_schema(4, 3));
    let mut graph = generated_schema(4, 3);
    graph.tables[1].columns.push(Column {
        name: "nickname".to_owned(),
        position: 50,
        data_type: "text".to_owned(),
        nullable: true,
        ..Column::default()
    });
    let removed = graph.tables.remove(3).name;
    graph.tables.push(Table {
        name: "walk_photos".to_owned(),
        columns: vec![Column {
            name: "id".to_owned(),
            position: 1,
            data_type: "uuid".to_owned(),
            ..Column::default()
        }],
        ..Table::default()
    });
    let after = normalise(graph);
    let report = render_review(&diff_schemas(&before, &after), &before, &after, SIDES);
    let flat = report.replace('\n', " ");
    assert!(
        flat.contains("1 table added, 1 table changed, 1 table removed"),
        "{report}"
    );
    assert!(
        report.contains("| added | column `nickname` | | `text`, nullable |"),
        "{report}"
    );
    assert!(report.contains("### added `walk_photos`"), "{report}");
    assert!(
        report.contains(&format!("### removed `{removed}`")),
        "{report}"
    );
    assert!(report.contains("    class walk_photos added\n"), "{report}");
    assert!(
        report.contains(&format!("    class {removed} removed\n")),
        "{report}"
    );
    assert!(report.contains("classDef changed"), "{report}");
}
