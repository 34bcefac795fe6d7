//! The checked-in groups config (`docs/diagrams/er/groups.toml`), parsed once into domain types.
//!
//! Format: `[[group]]` tables with `name`, optional `title` and `direction` (`TB`, `BT`, `LR`,
//! `RL`) and `tables` (a list of globs); an optional `[whole-schema]` table sets `direction`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::er_diagram::{
    DiagramGroup, DiagramGroups, GroupError, GroupName, LayoutDirection, LayoutDirectionError,
    TableGlob,
};

use super::args::GroupsSource;

/// Why the groups config cannot be used; always names the file.
#[derive(Debug, thiserror::Error)]
pub enum GroupsFileError {
    /// The file cannot be read.
    #[error("cannot read groups file {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Underlying cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML of the expected shape.
    #[error("groups file {path} is malformed")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Underlying cause.
        #[source]
        source: toml::de::Error,
    },
    /// A group or glob is invalid.
    #[error("groups file {path} is invalid")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Underlying cause.
        #[source]
        source: GroupError,
    },
    /// A `direction` is not one of Mermaid's.
    #[error("groups file {path}: {section} has an invalid direction")]
    Direction {
        /// The file.
        path: PathBuf,
        /// Where: `[whole-schema]` or `group "<name>"`.
        section: String,
        /// Underlying cause.
        #[source]
        source: LayoutDirectionError,
    },
    /// A glob is invalid.
    #[error("groups file {path} has an invalid glob")]
    Glob {
        /// The file.
        path: PathBuf,
        /// Underlying cause.
        #[source]
        source: crate::domain::er_diagram::glob::TableGlobError,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    group: Vec<RawGroup>,
    #[serde(rename = "whole-schema")]
    whole_schema: Option<RawWholeSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWholeSchema {
    direction: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    name: String,
    title: Option<String>,
    direction: Option<String>,
    tables: Vec<String>,
}

/// Loads the groups config; an absent default file means no groups.
///
/// # Errors
///
/// [`GroupsFileError`] naming the file when it cannot be read, parsed or validated.
pub fn load_groups(source: &GroupsSource) -> Result<DiagramGroups, GroupsFileError> {
    let path = match source {
        GroupsSource::Default(path) if !path.exists() => return Ok(DiagramGroups::default()),
        GroupsSource::Default(path) | GroupsSource::Explicit(path) => path,
    };
    let text = std::fs::read_to_string(path).map_err(|source| GroupsFileError::Read {
        path: path.clone(),
        source,
    })?;
    parse_groups(path, &text)
}

/// Parses groups config text; `path` only names the file in errors.
///
/// # Errors
///
/// [`GroupsFileError`] when the text is malformed or a group is invalid.
pub fn parse_groups(path: &Path, text: &str) -> Result<DiagramGroups, GroupsFileError> {
    let raw: RawFile = toml::from_str(text).map_err(|source| GroupsFileError::Parse {
        path: path.to_path_buf(),
        source,
    })?;
    let invalid = |source| GroupsFileError::Invalid {
        path: path.to_path_buf(),
        source,
    };
    let direction = |value: Option<&String>, section: String| {
        value
            .map(|value| LayoutDirection::try_from(value.as_str()))
            .transpose()
            .map_err(|source| GroupsFileError::Direction {
                path: path.to_path_buf(),
                section,
                source,
            })
    };
    let mut groups = Vec::with_capacity(raw.group.len());
    for group in raw.group {
        let group_direction =
            direction(group.direction.as_ref(), format!("group {:?}", group.name))?;
        let name = GroupName::try_from(group.name.as_str()).map_err(invalid)?;
        let tables = group
            .tables
            .iter()
            .map(|glob| TableGlob::try_from(glob.as_str()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|source| GroupsFileError::Glob {
                path: path.to_path_buf(),
                source,
            })?;
        groups.push(DiagramGroup {
            title: group.title.unwrap_or_else(|| group.name.clone()),
            name,
            tables,
            direction: group_direction.unwrap_or_default(),
        });
    }
    let groups = DiagramGroups::try_from(groups).map_err(invalid)?;
    let whole = raw.whole_schema.and_then(|whole| whole.direction);
    Ok(
        match direction(whole.as_ref(), "[whole-schema]".to_owned())? {
            Some(direction) => groups.with_whole_schema_direction(direction),
            None => groups,
        },
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rstest::rstest;

    use super::{GroupsFileError, parse_groups};
    use crate::domain::er_diagram::LayoutDirection;

    #[rstest]
    fn parses_groups_in_name_order() {
        let text = "[[group]]\nname = \"user-state\"\ntables = [\"user_*\"]\n\n\
                    [[group]]\nname = \"catalogue\"\ntitle = \"Catalogue\"\ntables = [\"routes\", \"pois\"]\n";
        let groups = parse_groups(Path::new("groups.toml"), text).expect("valid");
        let names: Vec<(&str, &str)> = groups
            .iter()
            .map(|group| (group.name.as_str(), group.title.as_str()))
            .collect();
        assert_eq!(
            names,
            [("catalogue", "Catalogue"), ("user-state", "user-state")]
        );
    }

    #[rstest]
    fn reads_directions() {
        let text = "[whole-schema]\ndirection = \"TB\"\n\n\
                    [[group]]\nname = \"a\"\ndirection = \"LR\"\ntables = [\"x\"]\n\n\
                    [[group]]\nname = \"b\"\ntables = [\"y\"]\n";
        let groups = parse_groups(Path::new("groups.toml"), text).expect("valid");
        assert_eq!(
            groups.whole_schema_direction(),
            LayoutDirection::TopToBottom
        );
        let directions: Vec<LayoutDirection> = groups.iter().map(|group| group.direction).collect();
        assert_eq!(
            directions,
            [LayoutDirection::LeftToRight, LayoutDirection::TopToBottom]
        );
        let defaults = parse_groups(Path::new("groups.toml"), "").expect("empty file");
        assert_eq!(
            defaults.whole_schema_direction(),
            crate::domain::er_diagram::DEFAULT_WHOLE_SCHEMA_DIRECTION
        );
    }

    #[rstest]
    #[case("[[group]]\nname = \"x\"\n", "malformed")]
    #[case("[[group]]\nname = \"X\"\ntables = [\"a\"]\n", "invalid")]
    #[case("[[group]]\nname = \"x\"\ntables = [\"a b\"]\n", "invalid glob")]
    #[case("[[group]]\nname = \"x\"\ntables = [\"a\"]\ncolour = 1\n", "malformed")]
    #[case(
        "[[group]]\nname = \"x\"\ndirection = \"up\"\ntables = [\"a\"]\n",
        "group \"x\" has an invalid direction"
    )]
    #[case(
        "[whole-schema]\ndirection = \"diagonal\"\n",
        "[whole-schema] has an invalid direction"
    )]
    fn errors_name_the_file(#[case] text: &str, #[case] kind: &str) {
        let error: GroupsFileError =
            parse_groups(Path::new("conf/groups.toml"), text).expect_err("bad");
        let message = error.to_string();
        assert!(
            message.contains("conf/groups.toml") && message.contains(kind),
            "{message}"
        );
    }
}
