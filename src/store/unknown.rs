//! Unknown fields in a hand-edited file: finding them, and dropping them when the user asks.
//!
//! A field this version does not know (a typo such as `notse:`, or a field a newer version
//! wrote) would silently vanish on the next save if it were ignored. So the file does not load
//! until the user chooses: fix the file by hand, or drop the fields named here.

use std::path::Path;

use super::{StoreError, format};
use crate::model::Watchlist;

/// A field that was dropped: its name and the line it was on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedField {
    pub name: String,
    pub line: usize,
}

/// Parses `text`, removing each field this version does not know. Any other mistake is
/// reported as usual. Returns the watchlist and the fields dropped, in file order.
pub fn load_dropping_unknown_fields(
    text: &str,
    path: &Path,
) -> Result<(Watchlist, Vec<DroppedField>), StoreError> {
    let mut text = text.to_owned();
    let mut dropped = Vec::new();
    // Lines removed so far, all before the next error: they map its line back to the original.
    let mut removed_lines = 0;
    loop {
        match format::from_ron(&text, path) {
            Ok(watchlist) => return Ok((watchlist, dropped)),
            Err(StoreError::Parse {
                line,
                column,
                unknown_field: Some(name),
                ..
            }) if dropped.len() < 10_000 => {
                let start = byte_offset(&text, line, column);
                let Some(end) = field_end(&text, start, &name) else {
                    return format::from_ron(&text, path).map(|w| (w, dropped));
                };
                let (start, end) = widen_to_whole_lines(&text, start, end);
                let newlines = text[start..end].matches('\n').count();
                text.replace_range(start..end, "");
                dropped.push(DroppedField {
                    name,
                    line: line + removed_lines,
                });
                removed_lines += newlines;
            }
            Err(error) => return Err(error),
        }
    }
}

/// The byte offset of 1-based `line:column` (columns in characters).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut current = (1, 1);
    for (offset, c) in text.char_indices() {
        if current >= (line, column) {
            return offset;
        }
        current = if c == '\n' {
            (current.0 + 1, 1)
        } else {
            (current.0, current.1 + 1)
        };
    }
    text.len()
}

/// Where `name: value,` that starts at `start` ends (after its comma, if any). `None` when the
/// text there is not that field.
fn field_end(text: &str, start: usize, name: &str) -> Option<usize> {
    let rest = &text[start..];
    let after_name = rest
        .strip_prefix(name)
        .or_else(|| rest.strip_prefix("r#").and_then(|r| r.strip_prefix(name)))?;
    let mut i = text.len() - after_name.len();
    i = skip_space(text, i);
    if !text[i..].starts_with(':') {
        return None;
    }
    i = skip_value(text, skip_space(text, i + 1))?;
    let after = skip_space(text, i);
    Some(if text[after..].starts_with(',') {
        after + 1
    } else {
        i
    })
}

/// Skips white space and comments.
fn skip_space(text: &str, mut i: usize) -> usize {
    loop {
        let rest = &text[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            i += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if trimmed.starts_with("/*") {
            i += trimmed.find("*/").map_or(trimmed.len(), |end| end + 2);
        } else {
            return i;
        }
    }
}

/// The end of one RON value starting at `i`: brackets balanced, strings and characters skipped.
fn skip_value(text: &str, mut i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' if depth == 0 => return Some(i),
            b'"' => i = skip_string(text, i)? - 1,
            b'\'' => i = text[i + 1..].find('\'').map(|end| i + 1 + end)?,
            b'r' if matches!(bytes.get(i + 1), Some(b'#' | b'"')) => {
                let hashes = text[i + 1..].chars().take_while(|&c| c == '#').count();
                if bytes.get(i + 1 + hashes) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    let body = i + 2 + hashes;
                    i = body + text[body..].find(&close)? + close.len() - 1;
                }
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                i = skip_space(text, i) - 1;
            }
            _ => {}
        }
        i += 1;
    }
    (depth == 0).then_some(i)
}

/// The offset just after the `"…"` string starting at `i`.
fn skip_string(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// Extends a removal to its whole line(s) when nothing else is on them, so no blank line stays.
fn widen_to_whole_lines(text: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n + 1);
    let before_blank = text[line_start..start].trim().is_empty();
    let after_blank = text[end..line_end].trim().is_empty();
    if before_blank && after_blank {
        (line_start, line_end)
    } else {
        (start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_unknown_fields_of_any_shape_and_keeps_everything_else() {
        let text = "(\n    schema_version: 1,\n    shows: [\n        (\n            id: \"a\",\n            title: \"A\",\n            status: Airing,\n            notse: \"x, ) ] \\\" y\",\n            notes: \"kept\",\n            rating: (stars: [1, 2], note: r#\"a \"quoted\" )\"#), // a comment\n        ),\n    ],\n)\n";
        let (watchlist, dropped) =
            load_dropping_unknown_fields(text, Path::new("w.ron")).expect("loads");
        assert_eq!(watchlist.shows[0].notes, "kept");
        assert_eq!(
            dropped,
            [
                DroppedField {
                    name: "notse".into(),
                    line: 8
                },
                DroppedField {
                    name: "rating".into(),
                    line: 10
                }
            ]
        );
    }

    #[test]
    fn other_mistakes_are_still_errors() {
        let text = "(schema_version: 1, shows: [(id: \"a\", title: \"A\", status: Sideways)])";
        assert!(load_dropping_unknown_fields(text, Path::new("w.ron")).is_err());
    }
}
