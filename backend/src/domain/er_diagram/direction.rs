//! Layout direction of one diagram (`direction TB|BT|LR|RL` in Mermaid), set per group.
//!
//! Parsed once from the groups file; the renderer only sees the validated value.

use std::fmt;

/// Which way Mermaid ranks the tables: parents first, children after, in this direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum LayoutDirection {
    /// Top to bottom (Mermaid's default).
    #[default]
    TopToBottom,
    /// Bottom to top.
    BottomToTop,
    /// Left to right: ranks become columns, which suits wide, shallow schemas.
    LeftToRight,
    /// Right to left.
    RightToLeft,
}

/// Why a string is not a [`LayoutDirection`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid direction {value:?}: expected TB, BT, LR or RL")]
pub struct LayoutDirectionError {
    /// The rejected value.
    pub value: String,
}

impl TryFrom<&str> for LayoutDirection {
    type Error = LayoutDirectionError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        match value {
            "TB" | "TD" => Ok(Self::TopToBottom),
            "BT" => Ok(Self::BottomToTop),
            "LR" => Ok(Self::LeftToRight),
            "RL" => Ok(Self::RightToLeft),
            _ => Err(LayoutDirectionError {
                value: value.to_owned(),
            }),
        }
    }
}

impl LayoutDirection {
    /// The Mermaid keyword.
    pub const fn as_mermaid(self) -> &'static str {
        match self {
            Self::TopToBottom => "TB",
            Self::BottomToTop => "BT",
            Self::LeftToRight => "LR",
            Self::RightToLeft => "RL",
        }
    }
}

impl fmt::Display for LayoutDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_mermaid())
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::LayoutDirection;

    #[rstest]
    #[case("TB", LayoutDirection::TopToBottom)]
    #[case("TD", LayoutDirection::TopToBottom)]
    #[case("BT", LayoutDirection::BottomToTop)]
    #[case("LR", LayoutDirection::LeftToRight)]
    #[case("RL", LayoutDirection::RightToLeft)]
    fn parses_mermaid_keywords(#[case] text: &str, #[case] expected: LayoutDirection) {
        assert_eq!(LayoutDirection::try_from(text), Ok(expected));
    }

    #[rstest]
    #[case("lr")]
    #[case("sideways")]
    #[case("")]
    fn rejects_other_values_naming_them(#[case] text: &str) {
        let error = LayoutDirection::try_from(text).expect_err("invalid");
        assert!(error.to_string().contains(&format!("{text:?}")), "{error}");
    }
}
