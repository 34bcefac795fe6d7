//! Diagram groups: named subsets of tables chosen by globs, one diagram each.
//!
//! Built once from the checked-in groups file; names and globs are validated on the way in.

use std::collections::BTreeSet;

use super::direction::LayoutDirection;
use super::glob::TableGlob;
use super::normalise::NormalisedSchema;

/// Name of the diagram that holds every table.
pub const WHOLE_SCHEMA_DIAGRAM: &str = "schema-baseline";

/// Direction of the whole-schema diagram unless the groups file sets one: left to right keeps
/// a wide, shallow schema from becoming one long row of boxes.
pub const DEFAULT_WHOLE_SCHEMA_DIRECTION: LayoutDirection = LayoutDirection::LeftToRight;

/// A group name usable as a file stem: lowercase ASCII letters, digits and `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GroupName(String);

/// Why a group definition or group set is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GroupError {
    /// The name is not a lowercase file stem.
    #[error("invalid group name {name:?}: use lowercase letters, digits and '-'")]
    InvalidName {
        /// The rejected name.
        name: String,
    },
    /// The name is reserved for the whole-schema diagram (and its parts).
    #[error("group name {name:?} is reserved for the whole-schema diagram")]
    ReservedName {
        /// The rejected name.
        name: String,
    },
    /// Two groups share a name.
    #[error("group {name:?} is declared more than once")]
    Duplicate {
        /// The repeated name.
        name: String,
    },
    /// A group lists no globs.
    #[error("group {name:?} lists no table globs")]
    NoGlobs {
        /// The group.
        name: String,
    },
    /// A glob matches no table, which usually means a table was renamed or dropped.
    #[error("group {group:?}: glob {glob:?} matches no table in the schema")]
    UnmatchedGlob {
        /// The group.
        group: String,
        /// The glob.
        glob: String,
    },
}

impl TryFrom<&str> for GroupName {
    type Error = GroupError;

    fn try_from(name: &str) -> Result<Self, Self::Error> {
        let valid = name
            .chars()
            .next()
            .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
            && name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !valid {
            return Err(GroupError::InvalidName {
                name: name.to_owned(),
            });
        }
        if name == WHOLE_SCHEMA_DIAGRAM || name.starts_with(&format!("{WHOLE_SCHEMA_DIAGRAM}-")) {
            return Err(GroupError::ReservedName {
                name: name.to_owned(),
            });
        }
        Ok(Self(name.to_owned()))
    }
}

impl GroupName {
    /// The name as a file stem.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One group: a name, a display title and the globs choosing its tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramGroup {
    /// File stem of the group's diagrams.
    pub name: GroupName,
    /// Diagram title.
    pub title: String,
    /// Table globs; a table matching any of them belongs to the group.
    pub tables: Vec<TableGlob>,
    /// Layout direction of the group's diagram.
    pub direction: LayoutDirection,
}

/// A validated set of groups, sorted by name, names unique, plus the whole-schema layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiagramGroups {
    groups: Vec<DiagramGroup>,
    whole_schema_direction: Option<LayoutDirection>,
}

impl TryFrom<Vec<DiagramGroup>> for DiagramGroups {
    type Error = GroupError;

    fn try_from(mut groups: Vec<DiagramGroup>) -> Result<Self, Self::Error> {
        let mut seen = BTreeSet::new();
        for group in &groups {
            if group.tables.is_empty() {
                return Err(GroupError::NoGlobs {
                    name: group.name.0.clone(),
                });
            }
            if !seen.insert(group.name.clone()) {
                return Err(GroupError::Duplicate {
                    name: group.name.0.clone(),
                });
            }
        }
        groups.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Self {
            groups,
            whole_schema_direction: None,
        })
    }
}

impl DiagramGroups {
    /// Groups in name order.
    pub fn iter(&self) -> impl Iterator<Item = &DiagramGroup> {
        self.groups.iter()
    }

    /// Sets the whole-schema diagram's direction (otherwise [`DEFAULT_WHOLE_SCHEMA_DIRECTION`]).
    #[must_use]
    pub fn with_whole_schema_direction(mut self, direction: LayoutDirection) -> Self {
        self.whole_schema_direction = Some(direction);
        self
    }

    /// The whole-schema diagram's direction.
    pub fn whole_schema_direction(&self) -> LayoutDirection {
        self.whole_schema_direction
            .unwrap_or(DEFAULT_WHOLE_SCHEMA_DIRECTION)
    }
}

impl DiagramGroup {
    /// The group's tables, in canonical order.
    ///
    /// # Errors
    ///
    /// [`GroupError::UnmatchedGlob`] when a glob matches no table of `schema`.
    pub fn select(&self, schema: &NormalisedSchema) -> Result<NormalisedSchema, GroupError> {
        if let Some(glob) = self
            .tables
            .iter()
            .find(|glob| !schema.tables.iter().any(|table| glob.matches(&table.name)))
        {
            return Err(GroupError::UnmatchedGlob {
                group: self.name.0.clone(),
                glob: glob.to_string(),
            });
        }
        Ok(schema.retain_tables(|name| self.tables.iter().any(|glob| glob.matches(name))))
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::{DiagramGroup, DiagramGroups, GroupError, GroupName};
    use crate::domain::er_diagram::LayoutDirection;
    use crate::domain::er_diagram::{SchemaGraph, Table, TableGlob, normalise};

    fn group(name: &str, globs: &[&str]) -> DiagramGroup {
        DiagramGroup {
            name: GroupName::try_from(name).expect("valid name"),
            title: name.to_owned(),
            tables: globs
                .iter()
                .map(|glob| TableGlob::try_from(*glob).expect("valid glob"))
                .collect(),
            direction: LayoutDirection::default(),
        }
    }

    #[rstest]
    #[case("Catalogue")]
    #[case("user state")]
    #[case("-x")]
    #[case("")]
    fn rejects_bad_names(#[case] name: &str) {
        assert!(matches!(
            GroupName::try_from(name),
            Err(GroupError::InvalidName { .. })
        ));
    }

    #[rstest]
    fn reserves_whole_schema_name() {
        assert!(matches!(
            GroupName::try_from("schema-baseline"),
            Err(GroupError::ReservedName { .. })
        ));
    }

    #[rstest]
    fn rejects_duplicates_and_empty_groups() {
        let duplicate = DiagramGroups::try_from(vec![group("a", &["x"]), group("a", &["y"])]);
        assert!(matches!(duplicate, Err(GroupError::Duplicate { name }) if name == "a"));
        let empty = DiagramGroups::try_from(vec![group("a", &[])]);
        assert!(matches!(empty, Err(GroupError::NoGlobs { .. })));
    }

    #[rstest]
    fn sorts_groups_and_selects_tables() {
        let groups =
            DiagramGroups::try_from(vec![group("zeta", &["z*"]), group("alpha", &["a*", "b"])])
                .expect("valid groups");
        let names: Vec<&str> = groups.iter().map(|group| group.name.as_str()).collect();
        assert_eq!(names, ["alpha", "zeta"]);
        let schema = normalise(SchemaGraph {
            tables: ["b", "zz", "ab", "c"]
                .into_iter()
                .map(|name| Table {
                    name: name.to_owned(),
                    ..Table::default()
                })
                .collect(),
            ..SchemaGraph::default()
        });
        let alpha = groups
            .iter()
            .next()
            .expect("alpha")
            .select(&schema)
            .expect("select");
        let selected: Vec<&str> = alpha
            .tables
            .iter()
            .map(|table| table.name.as_str())
            .collect();
        assert_eq!(selected, ["ab", "b"]);
        let unmatched = group("x", &["nothing*"]).select(&schema);
        assert!(
            matches!(unmatched, Err(GroupError::UnmatchedGlob { glob, .. }) if glob == "nothing*")
        );
    }
}
