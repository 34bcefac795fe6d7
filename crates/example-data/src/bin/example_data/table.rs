//! Plain aligned tables for terminal output.

use std::collections::HashMap;
use std::io::{self, Write};

use example_data::{Descriptor, ExampleUser, Registry};
use uuid::Uuid;

/// Writes `header` and `rows` as left-aligned columns separated by two spaces.
pub(crate) fn write(
    out: &mut impl Write,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    let rows: Vec<Vec<String>> = rows.into_iter().collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (index, (cell, width)) in row.iter().zip(&widths).enumerate() {
            if index + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', width - cell.len() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Writes users with catalogue slugs in place of ids, which are easier to read.
pub(crate) fn users(
    out: &mut impl Write,
    registry: &Registry,
    users: impl Iterator<Item = ExampleUser>,
) -> io::Result<()> {
    let slugs: HashMap<Uuid, &str> = registry
        .interest_themes()
        .iter()
        .chain(registry.safety_toggles())
        .map(|d: &Descriptor| (d.id(), d.slug().as_str()))
        .collect();
    let names = |ids: &[Uuid]| {
        let joined: Vec<&str> = ids.iter().filter_map(|id| slugs.get(id).copied()).collect();
        if joined.is_empty() {
            "-".to_owned()
        } else {
            joined.join(",")
        }
    };
    let rows = users.enumerate().map(|(index, user)| {
        vec![
            (index + 1).to_string(),
            user.id.to_string(),
            user.display_name.to_string(),
            user.preferences.unit_system.as_str().to_owned(),
            names(&user.preferences.interest_theme_ids),
            names(&user.preferences.safety_toggle_ids),
        ]
    });
    write(
        out,
        &["#", "ID", "DISPLAY NAME", "UNITS", "INTERESTS", "SAFETY"],
        rows,
    )
}
