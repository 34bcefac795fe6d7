//! Mermaid lexical rules: entity references, attribute words and quoted strings.
//!
//! Real names are kept whenever Mermaid can carry them; otherwise they are quoted or aliased.

/// Words the `erDiagram` lexer treats as keywords at the start of a statement.
const KEYWORDS: [&str; 9] = [
    "erdiagram",
    "style",
    "classdef",
    "class",
    "subgraph",
    "end",
    "direction",
    "acctitle",
    "accdescr",
];

/// How an entity is written in Mermaid source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityRef {
    /// The real name, bare or in double quotes.
    Name(String),
    /// A stable identifier with the real name as its display alias.
    Alias {
        /// Identifier used in relationship lines.
        id: String,
        /// Display label (the real name with quotes replaced).
        label: String,
    },
}

impl EntityRef {
    /// Chooses the representation for a real table name.
    pub fn for_table(name: &str) -> Self {
        let bare = name
            .chars()
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
            && name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
            && !KEYWORDS.contains(&name.to_ascii_lowercase().as_str());
        if bare {
            return Self::Name(name.to_owned());
        }
        let quotable = !name.is_empty()
            && !name
                .chars()
                .any(|ch| matches!(ch, '"' | '%' | '\\') || ch.is_control());
        if quotable {
            return Self::Name(format!("\"{name}\""));
        }
        Self::Alias {
            id: format!("t_{}_{:08x}", attribute_word(name), fnv1a(name)),
            label: quoted_text(name),
        }
    }

    /// The identifier used in relationship lines.
    pub fn id(&self) -> &str {
        match self {
            Self::Name(name) => name,
            Self::Alias { id, .. } => id,
        }
    }

    /// The entity's declaration head: its identifier plus an alias when it has one.
    pub fn declaration(&self) -> String {
        match self {
            Self::Name(name) => name.clone(),
            Self::Alias { id, label } => format!("{id}[\"{label}\"]"),
        }
    }
}

/// Maps any text to a Mermaid attribute word (type or column name).
///
/// Whitespace becomes `_` (`timestamp with time zone` -> `timestamp_with_time_zone`); other
/// characters Mermaid rejects become `_` too; a leading digit gets a `_` prefix.
pub fn attribute_word(text: &str) -> String {
    let mut word: String = text
        .trim()
        .chars()
        .map(|ch| {
            let allowed = ch.is_ascii_alphanumeric()
                || matches!(ch, '*' | '-' | '_' | '.' | ',' | '[' | ']' | '(' | ')');
            if allowed { ch } else { '_' }
        })
        .collect();
    if !word
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_' || first == '*')
    {
        word.insert(0, '_');
    }
    word
}

/// Whether [`attribute_word`] keeps the text unchanged.
pub fn is_plain_word(text: &str) -> bool {
    attribute_word(text) == text
}

/// Text safe inside a Mermaid double-quoted string: double quotes become `'`, line breaks
/// spaces. (Mermaid's `#quot;` entity shows up as a literal `&quot;` in SVG-text labels.)
pub fn quoted_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        for ch in word.chars() {
            match ch {
                '"' => out.push('\''),
                ch if ch.is_control() => out.push(' '),
                ch => out.push(ch),
            }
        }
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

/// Text safe inside a `%%` comment line: one line, whitespace collapsed.
pub fn comment_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 32-bit FNV-1a: a stable, dependency-free hash for alias identifiers.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::{EntityRef, attribute_word, quoted_text};

    #[rstest]
    #[case("users", "users")]
    #[case("order items", "\"order items\"")]
    #[case("class", "\"class\"")]
    #[case("End", "\"End\"")]
    #[case("2fa_codes", "\"2fa_codes\"")]
    fn names_entities(#[case] name: &str, #[case] expected: &str) {
        assert_eq!(EntityRef::for_table(name).id(), expected);
    }

    #[rstest]
    fn aliases_unquotable_names() {
        let entity = EntityRef::for_table("weird\"name");
        assert!(entity.id().starts_with("t_weird_name_"));
        assert_eq!(
            entity.declaration(),
            format!("{}[\"weird'name\"]", entity.id())
        );
        assert_eq!(
            EntityRef::for_table("weird\"name"),
            entity,
            "alias ids are stable"
        );
    }

    #[rstest]
    #[case("timestamp with time zone", "timestamp_with_time_zone")]
    #[case("numeric(10,2)", "numeric(10,2)")]
    #[case("text[]", "text[]")]
    #[case("\"quoted\" type", "_quoted__type")]
    #[case("1st", "_1st")]
    fn maps_attribute_words(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(attribute_word(text), expected);
    }

    #[rstest]
    fn escapes_quoted_text() {
        assert_eq!(quoted_text("say \"hi\"\n  twice\t"), "say 'hi' twice");
    }
}
