//! The schema-change review as Markdown: what a [`SchemaDiff`] says, plus a Mermaid diagram of
//! the changed tables and their neighbours, styled by change (`classDef`).
//!
//! No change gives a one-line report.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::direction::LayoutDirection;
use super::markdown::{code, counted, prose, table_row, wrapped};
use super::mermaid::render_er_body;
use super::mermaid_text::EntityRef;
use super::model::{Column, SchemaGraph, Table};
use super::neighbourhood::neighbourhood;
use super::normalise::{NormalisedSchema, normalise};
use super::schema_diff::{
    Change, ColumnChange, SchemaDiff, TableChange, table_items, view_kind_label,
};

/// The two sides being compared, as shown in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewSides<'a> {
    /// The base, e.g. the git ref `main`.
    pub base: &'a str,
    /// The head, e.g. `the working tree`.
    pub head: &'a str,
}

const CLASS_DEFS: [(&str, &str); 3] = [
    ("added", "fill:#e6ffec,stroke:#1a7f37,stroke-width:2px"),
    ("changed", "fill:#fff8c5,stroke:#9a6700,stroke-width:2px"),
    (
        "removed",
        "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 3",
    ),
];

/// The report; `before` and `after` are the schemas `diff` was computed from.
pub fn render_review(
    diff: &SchemaDiff,
    before: &NormalisedSchema,
    after: &NormalisedSchema,
    sides: ReviewSides<'_>,
) -> String {
    if diff.is_empty() {
        return format!(
            "No schema change between {} and {}.\n",
            code(sides.base),
            sides.head
        );
    }
    let mut out = String::from("# Schema review\n\n");
    out.push_str(&wrapped(&format!(
        "Migrated schema at {} compared with {}: {}.",
        code(sides.base),
        sides.head,
        summary(diff)
    )));
    write_tables(&mut out, diff);
    write_views(&mut out, diff);
    write_enums(&mut out, diff);
    write_diagram(&mut out, diff, before, after);
    out
}

fn summary(diff: &SchemaDiff) -> String {
    let mut parts = Vec::new();
    for verb in ["added", "changed", "removed"] {
        let count = |verbs: &mut dyn Iterator<Item = &'static str>| {
            verbs.filter(|candidate| *candidate == verb).count()
        };
        let tables = count(&mut diff.tables.iter().map(|t| t.change.verb()));
        let views = count(&mut diff.views.iter().map(Change::verb));
        let enums = count(&mut diff.enums.iter().map(Change::verb));
        for (n, noun) in [(tables, "table"), (views, "view"), (enums, "enum type")] {
            if n > 0 {
                parts.push(format!("{} {verb}", counted(n, noun)));
            }
        }
    }
    parts.join(", ")
}

fn column_text(column: &Column) -> String {
    let mut text = code(&column.data_type);
    text.push_str(if column.nullable {
        ", nullable"
    } else {
        ", not null"
    });
    if let Some(default) = &column.default {
        let _ = write!(text, ", default {}", code(default));
    }
    text
}

fn write_tables(out: &mut String, diff: &SchemaDiff) {
    if diff.tables.is_empty() {
        return;
    }
    out.push_str("\n## Tables\n");
    for table in &diff.tables {
        let _ = writeln!(out, "\n### {} {}\n", table.change.verb(), code(&table.name));
        match &table.change {
            Change::Added(added) => {
                write_column_list(out, "Columns", &added.columns);
                write_item_list(out, "Keys, constraints and indexes", added);
                write_changes(out, table);
            }
            Change::Removed(removed) => {
                write_column_list(out, "Had columns", &removed.columns);
                write_item_list(out, "Had keys, constraints and indexes", removed);
            }
            Change::Changed { .. } => write_changes(out, table),
        }
    }
}

fn write_column_list(out: &mut String, label: &str, columns: &[Column]) {
    let _ = writeln!(out, "{label}:\n");
    for column in columns {
        let _ = writeln!(out, "- {}: {}", code(&column.name), column_text(column));
    }
}

fn write_item_list(out: &mut String, label: &str, table: &Table) {
    let items = table_items(table);
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{label}:\n");
    for (kind, name, text) in items {
        let _ = writeln!(out, "- {}: {}", item_label(kind, &name), code(&text));
    }
}

/// A kind and its name (check `stars_range`), or the kind alone for the primary key, which
/// has no name of its own.
fn item_label(kind: &str, name: &str) -> String {
    if name.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} {}", code(name))
    }
}

fn write_changes(out: &mut String, table: &TableChange) {
    let rows = change_rows(table);
    if rows.is_empty() {
        return;
    }
    if matches!(table.change, Change::Added(_)) {
        out.push('\n');
    }
    out.push_str("| Change | What | Before | After |\n| --- | --- | --- | --- |\n");
    for row in rows {
        out.push_str(&table_row(&row));
    }
}

fn change_rows(table: &TableChange) -> Vec<[String; 4]> {
    let mut rows = Vec::new();
    if let Some(comment) = &table.diff.comment {
        rows.push([
            "changed".to_owned(),
            "table comment".to_owned(),
            prose(&comment.before),
            prose(&comment.after),
        ]);
    }
    for column in &table.diff.columns {
        rows.extend(column_rows(column));
    }
    if matches!(table.change, Change::Changed { .. }) {
        for item in &table.diff.items {
            let what = item_label(item.kind, &item.name);
            let (before, after) = match &item.change {
                Change::Added(text) => (String::new(), code(text)),
                Change::Removed(text) => (code(text), String::new()),
                Change::Changed { before, after } => (code(before), code(after)),
            };
            rows.push([item.change.verb().to_owned(), what, before, after]);
        }
    }
    rows
}

fn column_rows(column: &ColumnChange) -> Vec<[String; 4]> {
    let what = format!("column {}", code(&column.name));
    match &column.change {
        Change::Added(added) => vec![["added".to_owned(), what, String::new(), column_text(added)]],
        Change::Removed(removed) => {
            vec![[
                "removed".to_owned(),
                what,
                column_text(removed),
                String::new(),
            ]]
        }
        Change::Changed { .. } => column
            .fields
            .iter()
            .map(|field| {
                let shown = |value: &str| match field.field {
                    "type" | "default" if value != "none" => code(value),
                    _ => prose(value),
                };
                [
                    "changed".to_owned(),
                    format!("{what} {}", field.field),
                    shown(&field.before),
                    shown(&field.after),
                ]
            })
            .collect(),
    }
}

fn write_views(out: &mut String, diff: &SchemaDiff) {
    if diff.views.is_empty() {
        return;
    }
    out.push_str("\n## Views\n\n");
    for change in &diff.views {
        let (view, detail) = match change {
            Change::Added(view) | Change::Removed(view) => (view, String::new()),
            Change::Changed { before, after } => {
                let columns = super::schema_diff::diff_columns(&before.columns, &after.columns);
                let names: Vec<String> = columns
                    .iter()
                    .map(|c| format!("{} {}", c.change.verb(), code(&c.name)))
                    .collect();
                let detail = if names.is_empty() {
                    " (definition or comment)".to_owned()
                } else {
                    format!(" (columns: {})", names.join(", "))
                };
                (after, detail)
            }
        };
        let _ = writeln!(
            out,
            "- {} {} {}{detail}",
            change.verb(),
            view_kind_label(view.kind),
            code(&view.name)
        );
    }
}

fn write_enums(out: &mut String, diff: &SchemaDiff) {
    if diff.enums.is_empty() {
        return;
    }
    out.push_str("\n## Enum types\n\n");
    for change in &diff.enums {
        let labels = |labels: &[String]| {
            labels
                .iter()
                .map(|label| code(label))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let line = match change {
            Change::Added(e) => format!("added {}: {}", code(&e.name), labels(&e.labels)),
            Change::Removed(e) => format!("removed {}: {}", code(&e.name), labels(&e.labels)),
            Change::Changed { before, after } => format!(
                "changed {}: {} → {}",
                code(&after.name),
                labels(&before.labels),
                labels(&after.labels)
            ),
        };
        let _ = writeln!(out, "- {line}");
    }
}

/// Changed tables and their neighbours: the new schema plus the removed tables from the old.
fn write_diagram(
    out: &mut String,
    diff: &SchemaDiff,
    before: &NormalisedSchema,
    after: &NormalisedSchema,
) {
    if diff.tables.is_empty() {
        return;
    }
    let mut combined: SchemaGraph = after.clone().into_inner();
    for table in &diff.tables {
        if let Change::Removed(removed) = &table.change
            && let Some(old) = before.table(&removed.name)
        {
            combined.tables.push(old.clone());
        }
    }
    let combined = normalise(combined);
    let centres: BTreeSet<&str> = diff.tables.iter().map(|t| t.name.as_str()).collect();
    let around = neighbourhood(&combined, &centres);
    out.push_str("\n## Diagram\n\n");
    out.push_str(&wrapped(
        "Changed tables with their direct neighbours; green added, yellow changed, red \
         (dashed) removed.",
    ));
    out.push_str("\n```mermaid\n");
    out.push_str(&render_er_body(&around, LayoutDirection::LeftToRight));
    for (class, style) in CLASS_DEFS {
        let members: Vec<String> = diff
            .tables
            .iter()
            .filter(|table| table.change.verb() == class)
            .map(|table| EntityRef::for_table(&table.name).id().to_owned())
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "    classDef {class} {style}");
            let _ = writeln!(out, "    class {} {class}", members.join(","));
        }
    }
    out.push_str("```\n");
}

#[cfg(test)]
#[path = "review_report_tests.rs"]
mod tests;
