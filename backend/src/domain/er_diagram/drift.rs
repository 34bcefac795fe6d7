//! Drift between generated snapshots and the files on disk, as a unified diff.
//!
//! Used by `--check`: Mermaid sources and the data dictionary diff line by line, SVGs report a
//! one-line summary.

use std::fmt::Write as _;

use similar::TextDiff;

use super::snapshot::SnapshotSet;

/// One file whose on-disk state differs from the generated one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriftEntry {
    /// Generated but absent on disk.
    Missing(String),
    /// On disk but no longer generated.
    Stale(String),
    /// Present on both sides with different bytes.
    Changed(String),
}

/// Every difference, in file-name order, plus a printable report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drift {
    /// Differences in file-name order.
    pub entries: Vec<DriftEntry>,
    /// Unified diff (text files) and summaries (SVG, missing, stale).
    pub report: String,
}

impl Drift {
    /// Whether disk matches the generated set exactly.
    pub fn is_clean(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Compares generated snapshots with those found on disk.
pub fn compare_snapshots(generated: &SnapshotSet, on_disk: &SnapshotSet) -> Drift {
    let mut drift = Drift::default();
    let mut names: Vec<&str> = generated.iter().map(|(name, _)| name).collect();
    names.extend(on_disk.iter().map(|(name, _)| name));
    names.sort_unstable();
    names.dedup();
    for name in names {
        match (on_disk.get(name), generated.get(name)) {
            (None, Some(_)) => {
                let _ = writeln!(drift.report, "missing: {name} (would be created)");
                drift.entries.push(DriftEntry::Missing(name.to_owned()));
            }
            (Some(_), None) => {
                let _ = writeln!(drift.report, "stale: {name} (would be removed)");
                drift.entries.push(DriftEntry::Stale(name.to_owned()));
            }
            (Some(old), Some(new)) if old != new => {
                write_change(&mut drift.report, name, old, new);
                drift.entries.push(DriftEntry::Changed(name.to_owned()));
            }
            _ => {}
        }
    }
    drift
}

fn write_change(report: &mut String, name: &str, old: &[u8], new: &[u8]) {
    if std::path::Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("mmd") || ext.eq_ignore_ascii_case("md"))
        && let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(new))
    {
        let diff = TextDiff::from_lines(old, new);
        let _ = write!(
            report,
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&format!("a/{name}"), &format!("b/{name}"))
        );
        return;
    }
    let _ = writeln!(
        report,
        "changed: {name} ({} bytes on disk, {} bytes generated)",
        old.len(),
        new.len()
    );
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::{DriftEntry, compare_snapshots};
    use crate::domain::er_diagram::SnapshotSet;

    fn set(files: &[(&str, &str)]) -> SnapshotSet {
        let mut set = SnapshotSet::default();
        for (name, contents) in files {
            set.insert(*name, *contents);
        }
        set
    }

    #[rstest]
    fn identical_sets_are_clean() {
        let files = set(&[("a.mmd", "x\n"), ("a.svg", "<svg/>")]);
        assert!(compare_snapshots(&files, &files.clone()).is_clean());
    }

    #[rstest]
    fn reports_changes_missing_and_stale() {
        let generated = set(&[
            ("a.mmd", "one\ntwo\n"),
            ("a.svg", "<svg>2</svg>"),
            ("b.mmd", "b\n"),
        ]);
        let on_disk = set(&[
            ("a.mmd", "one\n"),
            ("a.svg", "<svg/>"),
            ("old.svg", "<svg/>"),
        ]);
        let drift = compare_snapshots(&generated, &on_disk);
        assert_eq!(
            drift.entries,
            [
                DriftEntry::Changed("a.mmd".to_owned()),
                DriftEntry::Changed("a.svg".to_owned()),
                DriftEntry::Missing("b.mmd".to_owned()),
                DriftEntry::Stale("old.svg".to_owned()),
            ]
        );
        assert!(drift.report.contains("--- a/a.mmd\n+++ b/a.mmd\n"));
        assert!(drift.report.contains("+two\n"));
        assert!(
            drift
                .report
                .contains("changed: a.svg (6 bytes on disk, 12 bytes generated)")
        );
        assert!(drift.report.contains("stale: old.svg"));
    }
}
