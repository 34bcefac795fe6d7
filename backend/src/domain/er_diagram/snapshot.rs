//! Snapshot sets: every artefact of one run, built in memory before anything is written.
//!
//! File names are `<stem>.mmd` and `<stem>.svg`; a set is keyed and iterated by file name.

use std::collections::BTreeMap;

use super::dictionary::DATA_DICTIONARY_FILE;
use super::groups::{DiagramGroups, GroupError, WHOLE_SCHEMA_DIAGRAM};
use super::mermaid::MermaidOptions;
use super::normalise::NormalisedSchema;
use super::split::{MAX_MERMAID_SOURCE_CHARS, fit_to_limit};
use crate::domain::ports::diagram_renderer::{DiagramRenderError, DiagramRenderer};

/// Which artefacts a run produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Mermaid source only (`.mmd`).
    Mermaid,
    /// Rendered SVG only (`.svg`).
    Svg,
    /// Both `.mmd` and `.svg`.
    Both,
}

/// Why a string is not an [`OutputFormat`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid format {value:?}: expected mermaid, svg or both")]
pub struct OutputFormatError {
    /// The rejected value.
    pub value: String,
}

impl TryFrom<&str> for OutputFormat {
    type Error = OutputFormatError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        match value {
            "mermaid" | "mmd" => Ok(Self::Mermaid),
            "svg" => Ok(Self::Svg),
            "both" => Ok(Self::Both),
            _ => Err(OutputFormatError {
                value: value.to_owned(),
            }),
        }
    }
}

impl std::str::FromStr for OutputFormat {
    type Err = OutputFormatError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::try_from(value)
    }
}

impl OutputFormat {
    /// Whether `.mmd` files are produced.
    pub fn writes_mermaid(self) -> bool {
        matches!(self, Self::Mermaid | Self::Both)
    }

    /// Whether `.svg` files are produced.
    pub fn writes_svg(self) -> bool {
        matches!(self, Self::Svg | Self::Both)
    }
}

/// One diagram's Mermaid source and file stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// File stem (`schema-baseline` or a group name).
    pub stem: String,
    /// Mermaid `erDiagram` source.
    pub mermaid: String,
    /// Why the diagram exists in this form (e.g. one part of a split), for the run's output.
    pub note: Option<String>,
}

/// Renders the whole-schema diagram followed by one diagram per group (in name order); a
/// diagram whose source would exceed [`MAX_MERMAID_SOURCE_CHARS`] is split into parts.
///
/// # Errors
///
/// [`GroupError`] when a group's glob matches no table.
pub fn plan_diagrams(
    schema: &NormalisedSchema,
    groups: &DiagramGroups,
    font_family: Option<&str>,
) -> Result<Vec<Diagram>, GroupError> {
    let mut diagrams = fit_to_limit(
        WHOLE_SCHEMA_DIAGRAM,
        schema,
        &MermaidOptions {
            title: "Schema baseline (all tables)",
            font_family,
            direction: groups.whole_schema_direction(),
        },
        MAX_MERMAID_SOURCE_CHARS,
    );
    for group in groups.iter() {
        let subset = group.select(schema)?;
        diagrams.extend(fit_to_limit(
            group.name.as_str(),
            &subset,
            &MermaidOptions {
                title: &group.title,
                font_family,
                direction: group.direction,
            },
            MAX_MERMAID_SOURCE_CHARS,
        ));
    }
    Ok(diagrams)
}

/// Every artefact of one run, keyed by file name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnapshotSet(BTreeMap<String, Vec<u8>>);

impl SnapshotSet {
    /// Adds or replaces one file.
    pub fn insert(&mut self, file_name: impl Into<String>, contents: impl Into<Vec<u8>>) {
        self.0.insert(file_name.into(), contents.into());
    }

    /// Files in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.0
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
    }

    /// Looks one file up.
    pub fn get(&self, file_name: &str) -> Option<&[u8]> {
        self.0.get(file_name).map(Vec::as_slice)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set holds no file.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether a file name is one the generator owns (and so may replace or delete).
pub fn is_snapshot_file(file_name: &str) -> bool {
    if file_name == DATA_DICTIONARY_FILE {
        return true;
    }
    let owned_extension = file_name
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && matches!(ext, "mmd" | "svg"));
    owned_extension && !file_name.starts_with('.')
}

/// Builds the artefacts: `.mmd` sources and, when asked, SVGs from `renderer`.
///
/// # Errors
///
/// The renderer's error for the first diagram that fails; nothing is returned partially.
pub fn assemble_snapshots(
    diagrams: &[Diagram],
    format: OutputFormat,
    renderer: &dyn DiagramRenderer,
) -> Result<SnapshotSet, DiagramRenderError> {
    let mut set = SnapshotSet::default();
    for diagram in diagrams {
        if format.writes_mermaid() {
            set.insert(format!("{}.mmd", diagram.stem), diagram.mermaid.clone());
        }
        if format.writes_svg() {
            let svg = renderer.render_svg(&diagram.stem, &diagram.mermaid)?;
            set.insert(format!("{}.svg", diagram.stem), svg);
        }
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::{Diagram, OutputFormat, assemble_snapshots, is_snapshot_file};
    use crate::domain::ports::diagram_renderer::{
        DiagramRenderError, DiagramRenderer, FailingRenderer,
    };

    struct Echo;

    impl DiagramRenderer for Echo {
        fn render_svg(&self, diagram: &str, _: &str) -> Result<String, DiagramRenderError> {
            Ok(format!("<svg id=\"{diagram}\"/>"))
        }
    }

    fn diagrams() -> Vec<Diagram> {
        ["schema-baseline", "catalogue"]
            .into_iter()
            .map(|stem| Diagram {
                stem: stem.to_owned(),
                mermaid: format!("erDiagram\n%% {stem}\n"),
                note: None,
            })
            .collect()
    }

    #[rstest]
    #[case("mermaid", OutputFormat::Mermaid)]
    #[case("svg", OutputFormat::Svg)]
    #[case("both", OutputFormat::Both)]
    fn parses_formats(#[case] value: &str, #[case] expected: OutputFormat) {
        assert_eq!(OutputFormat::try_from(value), Ok(expected));
    }

    #[rstest]
    fn rejects_unknown_format() {
        let error = OutputFormat::try_from("png").expect_err("png is not supported");
        assert!(error.to_string().contains("\"png\""));
    }

    #[rstest]
    #[case(OutputFormat::Both, &["catalogue.mmd", "catalogue.svg", "schema-baseline.mmd", "schema-baseline.svg"])]
    #[case(OutputFormat::Mermaid, &["catalogue.mmd", "schema-baseline.mmd"])]
    #[case(OutputFormat::Svg, &["catalogue.svg", "schema-baseline.svg"])]
    fn assembles_requested_files(#[case] format: OutputFormat, #[case] expected: &[&str]) {
        let set = assemble_snapshots(&diagrams(), format, &Echo).expect("assemble");
        let names: Vec<&str> = set.iter().map(|(name, _)| name).collect();
        assert_eq!(names, expected);
    }

    #[rstest]
    fn renderer_failure_yields_no_set() {
        let error = assemble_snapshots(&diagrams(), OutputFormat::Both, &FailingRenderer)
            .expect_err("renderer fails");
        assert!(error.to_string().contains("schema-baseline"));
        assert!(std::error::Error::source(&error).is_some(), "cause is kept");
    }

    #[rstest]
    #[case("a.mmd", true)]
    #[case("a.svg", true)]
    #[case("README.md", false)]
    #[case("schema.md", true)]
    #[case("groups.toml", false)]
    #[case(".hidden.svg", false)]
    #[case(".svg", false)]
    fn owns_only_snapshot_files(#[case] name: &str, #[case] owned: bool) {
        assert_eq!(is_snapshot_file(name), owned);
    }
}
