//! Keeps every diagram source under the size Mermaid renderers accept, splitting when needed.
//!
//! Parts take tables in canonical (name) order, so related prefixes tend to stay together.

use super::mermaid::{MermaidOptions, render_mermaid};
use super::normalise::NormalisedSchema;
use super::snapshot::Diagram;

/// Mermaid renderers (the one on `GitHub` included) refuse sources longer than this.
pub const MAX_MERMAID_SOURCE_CHARS: usize = 50_000;

/// One diagram of `schema` under `stem`, or numbered parts `<stem>-part-<n>` when one source
/// would exceed `limit` characters; a part then carries a note saying why it exists.
pub fn fit_to_limit(
    stem: &str,
    schema: &NormalisedSchema,
    options: &MermaidOptions<'_>,
    limit: usize,
) -> Vec<Diagram> {
    let whole = render_mermaid(schema, options);
    let total = whole.chars().count();
    if total < limit {
        return vec![Diagram {
            stem: stem.to_owned(),
            mermaid: whole,
            note: None,
        }];
    }
    let parts = partition(schema, options, limit);
    let count = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(index, tables)| {
            let number = index + 1;
            let title = format!("{} (part {number} of {count})", options.title);
            let subset = schema.retain_tables(|name| tables.iter().any(|table| table == name));
            let mermaid = render_mermaid(
                &subset,
                &MermaidOptions {
                    title: &title,
                    ..*options
                },
            );
            let note = format!(
                "{stem}: {} tables give {total} characters of Mermaid, over the {limit} that \
                 Mermaid renderers accept; split into {count} parts, this is part {number} \
                 ({} tables, {} characters)",
                schema.tables.len(),
                tables.len(),
                mermaid.chars().count()
            );
            Diagram {
                stem: format!("{stem}-part-{number}"),
                mermaid,
                note: Some(note),
            }
        })
        .collect()
}

/// Greedy: grow a part table by table while its rendered source stays under `limit`.
fn partition(
    schema: &NormalisedSchema,
    options: &MermaidOptions<'_>,
    limit: usize,
) -> Vec<Vec<String>> {
    let mut parts: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for table in &schema.tables {
        current.push(table.name.clone());
        let size = render_mermaid(
            &schema.retain_tables(|name| current.iter().any(|kept| kept == name)),
            options,
        )
        .chars()
        .count();
        // A table too large on its own still gets a part of its own.
        if size >= limit && current.len() > 1 {
            let last = current.pop().unwrap_or_default();
            parts.push(std::mem::replace(&mut current, vec![last]));
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::{MAX_MERMAID_SOURCE_CHARS, fit_to_limit};
    use crate::domain::er_diagram::fixture_schema::generated_schema;
    use crate::domain::er_diagram::{LayoutDirection, MermaidOptions, normalise};

    const OPTIONS: MermaidOptions<'static> = MermaidOptions {
        title: "Big",
        font_family: Some("DejaVu Sans"),
        direction: LayoutDirection::TopToBottom,
    };

    #[rstest]
    fn sixty_tables_fit_in_one_diagram() {
        let schema = normalise(generated_schema(60, 70));
        let diagrams = fit_to_limit(
            "schema-baseline",
            &schema,
            &OPTIONS,
            MAX_MERMAID_SOURCE_CHARS,
        );
        assert_eq!(diagrams.len(), 1);
        assert_eq!(diagrams[0].stem, "schema-baseline");
        assert!(diagrams[0].note.is_none());
        assert!(diagrams[0].mermaid.chars().count() < MAX_MERMAID_SOURCE_CHARS);
    }

    #[rstest]
    fn a_large_schema_splits_into_parts_under_the_limit() {
        let schema = normalise(generated_schema(400, 500));
        let diagrams = fit_to_limit(
            "schema-baseline",
            &schema,
            &OPTIONS,
            MAX_MERMAID_SOURCE_CHARS,
        );
        assert!(diagrams.len() > 1, "{} diagrams", diagrams.len());
        let mut seen = 0;
        for (index, diagram) in diagrams.iter().enumerate() {
            assert_eq!(diagram.stem, format!("schema-baseline-part-{}", index + 1));
            assert!(diagram.mermaid.chars().count() < MAX_MERMAID_SOURCE_CHARS);
            let note = diagram.note.as_deref().expect("parts explain themselves");
            assert!(
                note.contains("400 tables") && note.contains("50000"),
                "{note}"
            );
            seen += schema
                .tables
                .iter()
                .filter(|table| diagram.mermaid.contains(&format!("    {} {{", table.name)))
                .count();
        }
        assert_eq!(seen, 400, "every table drawn in exactly one part");
    }

    #[rstest]
    fn a_table_larger_than_the_limit_gets_a_part_of_its_own() {
        let schema = normalise(generated_schema(3, 2));
        let diagrams = fit_to_limit("tiny", &schema, &OPTIONS, 10);
        let stems: Vec<&str> = diagrams
            .iter()
            .map(|diagram| diagram.stem.as_str())
            .collect();
        assert_eq!(stems, ["tiny-part-1", "tiny-part-2", "tiny-part-3"]);
    }
}
