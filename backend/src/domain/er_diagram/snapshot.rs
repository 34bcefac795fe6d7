//! Snapshot sets: every artefact of one run, built in memory before anything is written.
//!
//! File names are `<stem>.mmd` and `<stem>.svg`; a set is keyed and iterated by file name.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    if format.writes_mermaid() {
        for diagram in diagrams {
            set.insert(format!("{}.mmd", diagram.stem), diagram.mermaid.clone());
        }
    }
    if format.writes_svg() {
        for (diagram, svg) in diagrams.iter().zip(render_all(diagrams, renderer)) {
            set.insert(format!("{}.svg", diagram.stem), svg?);
        }
    }
    Ok(set)
}

/// Renders every diagram, on as many threads as there are cores (rendering is CPU-bound and
/// each diagram independent), returning the results in diagram order so that the first
/// error reported is always the same one.
fn render_all(
    diagrams: &[Diagram],
    renderer: &dyn DiagramRenderer,
) -> Vec<Result<String, DiagramRenderError>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(diagrams.len());
    if threads <= 1 {
        return diagrams
            .iter()
            .map(|diagram| renderer.render_svg(&diagram.stem, &diagram.mermaid))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let mut in_any_order: Vec<(usize, Result<String, DiagramRenderError>)> =
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(diagram) = diagrams.get(index) else {
                                break done;
                            };
                            done.push((
                                index,
                                renderer.render_svg(&diagram.stem, &diagram.mermaid),
                            ));
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|worker| match worker.join() {
                    Ok(done) => done,
                    // A renderer that panics is a defect; keep its panic rather than hide it.
                    Err(panic) => std::panic::resume_unwind(panic),
                })
                .collect()
        });
    in_any_order.sort_by_key(|(index, _)| *index);
    in_any_order.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
