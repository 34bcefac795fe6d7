//! Markdown building blocks for generated documents: escaped prose, code spans, table cells,
//! heading anchors and paragraphs wrapped at [`WRAP_COLUMNS`] (the lint's line length).

/// Prose lines are wrapped to at most this many characters (`.markdownlint-cli2.jsonc`).
pub const WRAP_COLUMNS: usize = 100;

/// Prose with Markdown's active characters escaped; whitespace collapsed to single spaces.
pub fn prose(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let text = words.join(" ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &ch) in chars.iter().enumerate() {
        let word_char = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric());
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(ch);
            }
            // Intraword underscores never emphasise; only those at a word edge need escaping.
            '_' if !(index > 0
                && word_char(chars.get(index - 1))
                && word_char(chars.get(index + 1))) =>
            {
                out.push_str("\\_");
            }
            ch => out.push(ch),
        }
    }
    out
}

/// An inline code span holding `text` verbatim (one line), safe inside a table cell.
pub fn code(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let longest_run = text.split(|ch| ch != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let padded = if text.starts_with('`') || text.ends_with('`') {
        format!(" {text} ")
    } else {
        text
    };
    // A pipe ends a table cell even inside a code span unless escaped.
    format!("{fence}{}{fence}", padded.replace('|', "\\|"))
}

/// `n` and `noun`, plural unless `n` is 1: `1 table`, `3 enum types`.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One table row: cells padded by one space, an empty cell as a single space (the lint's
/// compact table style).
pub fn table_row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut row = String::from("|");
    for cell in cells {
        let cell = cell.as_ref();
        if cell.is_empty() {
            row.push_str(" |");
        } else {
            row.push(' ');
            row.push_str(cell);
            row.push_str(" |");
        }
    }
    row.push('\n');
    row
}

/// The heading anchor `GitHub` generates: lowercase; letters, digits, `-` and `_` kept; spaces
/// become `-`.
pub fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|ch| match ch {
            ' ' => Some('-'),
            ch if ch.is_alphanumeric() || ch == '-' || ch == '_' => Some(ch),
            _ => None,
        })
        .collect()
}

/// `text` (already escaped) wrapped at [`WRAP_COLUMNS`], each line ending in a newline; a
/// line never starts with a character that would turn it into a list, heading or quote.
pub fn wrapped(text: &str) -> String {
    wrapped_at(text, WRAP_COLUMNS)
}

/// As [`wrapped`], at `width` columns (e.g. narrower inside an indented list item).
pub fn wrapped_at(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        // One column is kept for the backslash a block-starting line gets.
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() >= width {
            push_line(&mut out, &line);
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        push_line(&mut out, &line);
    }
    out
}

fn push_line(out: &mut String, line: &str) {
    let mut chars = line.chars();
    let first = chars.next().unwrap_or(' ');
    let block_start = matches!(first, '-' | '+' | '#' | '=' | '>' | '~')
        || (first.is_ascii_digit() && {
            let rest: String = line
                .chars()
                .skip_while(char::is_ascii_digit)
                .take(1)
                .collect();
            rest == "." || rest == ")"
        });
    if block_start && first.is_ascii_digit() {
        let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
        out.push_str(&digits);
        out.push('\\');
        out.push_str(&line[digits.len()..]);
    } else if block_start {
        out.push('\\');
        out.push_str(line);
    } else {
        out.push_str(line);
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::{anchor, code, prose, table_row, wrapped};

    #[rstest]
    fn rows_are_compact() {
        assert_eq!(table_row(&["a", "", "`b`"]), "| a | | `b` |\n");
    }

    #[rstest]
    #[case("plain words", "plain words")]
    #[case("a <-> b & c", "a &lt;-&gt; b &amp; c")]
    #[case(
        "picked_by stays, _edge_ escapes",
        "picked_by stays, \\_edge\\_ escapes"
    )]
    #[case("x | y * [z] `q`", "x \\| y \\* \\[z\\] \\`q\\`")]
    #[case("two\n  lines", "two lines")]
    fn escapes_prose(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(prose(text), expected);
    }

    #[rstest]
    #[case("now()", "`now()`")]
    #[case("a | b", "`a \\| b`")]
    #[case("x `y` z", "``x `y` z``")]
    #[case("`start", "`` `start ``")]
    fn code_spans(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(code(text), expected);
    }

    #[rstest]
    #[case("Table `route_pois`", "table-route_pois")]
    #[case("Table `order items`", "table-order-items")]
    #[case("Enum `unit_system`", "enum-unit_system")]
    fn anchors_like_github(#[case] heading: &str, #[case] expected: &str) {
        assert_eq!(anchor(heading), expected);
    }

    #[rstest]
    fn wraps_at_the_lint_width_without_starting_blocks() {
        let text = format!(
            "{} - dash 1. numbered # hash",
            "word ".repeat(19).trim_end()
        );
        let out = wrapped(&text);
        assert!(out.lines().count() > 1, "{out}");
        assert!(out.lines().all(|line| line.chars().count() <= 100), "{out}");
        assert!(
            out.lines()
                .all(|line| !line.starts_with('-') && !line.starts_with('#')),
            "{out}"
        );
        let narrow = wrapped(&"- ".repeat(60));
        assert!(
            narrow.lines().all(|line| line.starts_with("\\-")),
            "{narrow}"
        );
    }
}
