//! What changed between two normalised schemas: tables, columns, keys, constraints, indexes,
//! foreign keys, views and enum types, each added, removed or changed.
//!
//! Pure and ordered: entries follow the canonical (name) order of the inputs.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Column, EnumType, Table, View, ViewKind};
use super::normalise::NormalisedSchema;

/// One named thing that was added, removed, or changed from `before` to `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<T> {
    /// Only in the new schema.
    Added(T),
    /// Only in the old schema.
    Removed(T),
    /// In both, different.
    Changed {
        /// The old value.
        before: T,
        /// The new value.
        after: T,
    },
}

impl<T> Change<T> {
    /// `added`, `removed` or `changed`.
    pub const fn verb(&self) -> &'static str {
        match self {
            Self::Added(_) => "added",
            Self::Removed(_) => "removed",
            Self::Changed { .. } => "changed",
        }
    }
}

/// A column property (type, nullability, default, comment) that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Which property: `type`, `nullable`, `default` or `comment`.
    pub field: &'static str,
    /// Old value as text (`none` when absent).
    pub before: String,
    /// New value as text.
    pub after: String,
}

/// One column added, removed or changed, with the properties that differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnChange {
    /// Column name.
    pub name: String,
    /// The column on each side.
    pub change: Change<Column>,
    /// For a changed column, what differs.
    pub fields: Vec<FieldChange>,
}

/// A key, constraint or index described as one line, e.g. `unique (email)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// `primary key`, `unique`, `check`, `index` or `foreign key`.
    pub kind: &'static str,
    /// Constraint or index name.
    pub name: String,
    /// Description on each side.
    pub change: Change<String>,
}

/// What changed inside a table present on both sides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableDiff {
    /// Table comment, when it changed.
    pub comment: Option<FieldChange>,
    /// Columns, in the new schema's column order (removed ones after).
    pub columns: Vec<ColumnChange>,
    /// Keys, constraints, indexes and foreign keys, by kind (alphabetical) then name.
    pub items: Vec<ItemChange>,
}

impl TableDiff {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.comment.is_none() && self.columns.is_empty() && self.items.is_empty()
    }
}

/// One table's change; a changed table carries its [`TableDiff`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableChange {
    /// Table name.
    pub name: String,
    /// The table on each side.
    pub change: Change<Table>,
    /// Details for a changed table (empty for added or removed ones).
    pub diff: TableDiff,
}

/// Every difference between two schemas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaDiff {
    /// Tables, by name.
    pub tables: Vec<TableChange>,
    /// Views and materialised views, by name.
    pub views: Vec<Change<View>>,
    /// Enum types, by name.
    pub enums: Vec<Change<EnumType>>,
}

impl SchemaDiff {
    /// Whether the schemas are the same.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.views.is_empty() && self.enums.is_empty()
    }
}

/// Compares `before` with `after`.
pub fn diff_schemas(before: &NormalisedSchema, after: &NormalisedSchema) -> SchemaDiff {
    let tables = pair_by_name(&before.tables, &after.tables, |t| &t.name)
        .into_iter()
        .filter_map(|(name, change)| {
            let diff = match &change {
                Change::Changed { before, after } => diff_tables(before, after),
                _ => TableDiff::default(),
            };
            let unchanged = matches!(change, Change::Changed { .. }) && diff.is_empty();
            (!unchanged).then_some(TableChange { name, change, diff })
        })
        .collect();
    let views = pair_by_name(&before.views, &after.views, |v| &v.name)
        .into_iter()
        .map(|(_, change)| change)
        .filter(|change| !matches!(change, Change::Changed { before, after } if before == after))
        .collect();
    let enums = pair_by_name(&before.enums, &after.enums, |e| &e.name)
        .into_iter()
        .map(|(_, change)| change)
        .filter(|change| !matches!(change, Change::Changed { before, after } if before == after))
        .collect();
    SchemaDiff {
        tables,
        views,
        enums,
    }
}

/// Pairs items by name; both-side items become `Changed` (the caller drops equal ones).
fn pair_by_name<T: Clone>(
    before: &[T],
    after: &[T],
    name: impl Fn(&T) -> &String,
) -> Vec<(String, Change<T>)> {
    let old: BTreeMap<&String, &T> = before.iter().map(|item| (name(item), item)).collect();
    let new: BTreeMap<&String, &T> = after.iter().map(|item| (name(item), item)).collect();
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).copied().collect();
    names
        .into_iter()
        .filter_map(|key| {
            let change = match (old.get(key), new.get(key)) {
                (Some(a), Some(b)) => Change::Changed {
                    before: (*a).clone(),
                    after: (*b).clone(),
                },
                (None, Some(b)) => Change::Added((*b).clone()),
                (Some(a), None) => Change::Removed((*a).clone()),
                (None, None) => return None,
            };
            Some((key.clone(), change))
        })
        .collect()
}

fn text(value: Option<&str>) -> String {
    value.unwrap_or("none").to_owned()
}

fn field(field: &'static str, before: String, after: String) -> Option<FieldChange> {
    (before != after).then_some(FieldChange {
        field,
        before,
        after,
    })
}

fn column_fields(before: &Column, after: &Column) -> Vec<FieldChange> {
    let yes_no = |value: bool| if value { "yes" } else { "no" }.to_owned();
    [
        field("type", before.data_type.clone(), after.data_type.clone()),
        field("nullable", yes_no(before.nullable), yes_no(after.nullable)),
        field(
            "default",
            text(before.default.as_deref()),
            text(after.default.as_deref()),
        ),
        field(
            "comment",
            text(before.comment.as_deref()),
            text(after.comment.as_deref()),
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Column changes in the new table's column order, then removed columns in old order.
pub fn diff_columns(before: &[Column], after: &[Column]) -> Vec<ColumnChange> {
    let mut changes: Vec<ColumnChange> = after
        .iter()
        .filter_map(|new| match before.iter().find(|old| old.name == new.name) {
            None => Some(ColumnChange {
                name: new.name.clone(),
                change: Change::Added(new.clone()),
                fields: Vec::new(),
            }),
            Some(old) => {
                let fields = column_fields(old, new);
                (!fields.is_empty()).then(|| ColumnChange {
                    name: new.name.clone(),
                    change: Change::Changed {
                        before: old.clone(),
                        after: new.clone(),
                    },
                    fields,
                })
            }
        })
        .collect();
    changes.extend(
        before
            .iter()
            .filter(|old| !after.iter().any(|new| new.name == old.name))
            .map(|old| ColumnChange {
                name: old.name.clone(),
                change: Change::Removed(old.clone()),
                fields: Vec::new(),
            }),
    );
    changes
}

fn diff_tables(before: &Table, after: &Table) -> TableDiff {
    let mut items = Vec::new();
    let old = described_items(before);
    let new = described_items(after);
    for (key, change) in pair_by_name(&old, &new, |(key, _)| key) {
        let (kind, name) = split_key(&key);
        let change = match change {
            Change::Added((_, text)) => Change::Added(text),
            Change::Removed((_, text)) => Change::Removed(text),
            Change::Changed { before, after } if before.1 != after.1 => Change::Changed {
                before: before.1,
                after: after.1,
            },
            Change::Changed { .. } => continue,
        };
        items.push(ItemChange { kind, name, change });
    }
    TableDiff {
        comment: field(
            "comment",
            text(before.comment.as_deref()),
            text(after.comment.as_deref()),
        ),
        columns: diff_columns(&before.columns, &after.columns),
        items,
    }
}

const KINDS: [&str; 5] = ["primary key", "unique", "check", "index", "foreign key"];

fn split_key(key: &str) -> (&'static str, String) {
    let (kind, name) = key.split_once('\u{0}').unwrap_or(("index", key));
    let kind = KINDS
        .into_iter()
        .find(|known| *known == kind)
        .unwrap_or("index");
    (kind, name.to_owned())
}

/// Every key, constraint and index of `table` as (kind, name, description), for reports of a
/// table added or removed whole; the primary key has an empty name.
pub fn table_items(table: &Table) -> Vec<(&'static str, String, String)> {
    described_items(table)
        .into_iter()
        .map(|(key, text)| {
            let (kind, name) = split_key(&key);
            (kind, name, text)
        })
        .collect()
}

/// Every key, constraint and index as (`kind\0name`, description); paired by that key.
fn described_items(table: &Table) -> Vec<(String, String)> {
    let key = |kind: &str, name: &str| format!("{kind}\u{0}{name}");
    let mut items = Vec::new();
    if !table.primary_key.is_empty() {
        items.push((
            key("primary key", ""),
            format!("({})", table.primary_key.join(", ")),
        ));
    }
    for unique in &table.unique_constraints {
        items.push((
            key("unique", &unique.name),
            format!("({})", unique.columns.join(", ")),
        ));
    }
    for check in &table.check_constraints {
        items.push((key("check", &check.name), check.expression.clone()));
    }
    for index in &table.indexes {
        let mut text = format!("{} ({})", index.method, index.columns.join(", "));
        if index.unique {
            text = format!("unique {text}");
        }
        if let Some(predicate) = &index.predicate {
            text = format!("{text} WHERE {predicate}");
        }
        items.push((key("index", &index.name), text));
    }
    for foreign in &table.foreign_keys {
        items.push((
            key("foreign key", &foreign.name),
            format!(
                "({}) references {} ({})",
                foreign.columns.join(", "),
                foreign.referenced_table,
                foreign.referenced_columns.join(", ")
            ),
        ));
    }
    items
}

/// A view's kind as shown in reports.
pub const fn view_kind_label(kind: ViewKind) -> &'static str {
    match kind {
        ViewKind::View => "view",
        ViewKind::Materialized => "materialised view",
    }
}

#[cfg(test)]
#[path = "schema_diff_tests.rs"]
mod tests;
