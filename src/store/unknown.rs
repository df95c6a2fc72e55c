//! Fields this version does not know, in a hand-edited file: where they are, and dropping them
//! when the user asks.
//!
//! A field this version does not know (a typo such as `notse:`, or a field a newer version
//! wrote) would silently vanish on the next save if it were ignored. So the file does not load
//! until the user chooses: fix the file by hand, or drop the fields named here. The reader notes
//! each such field as it reads (`serde_ignored`, one pass however many there are) by its path
//! — the show, the list item, the field — and this module follows that path through the text to
//! the field's line. Reading the file that way is `from_ron_leaving_out_unknown_fields`.

/// A field of the file this version does not know, and where it is (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// One step of the way from the top of the file to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A struct's field.
    Field(String),
    /// A list's (or tuple's) item.
    Item(usize),
    /// Into `Some(…)` or a variant's value, written around it or not.
    Inner,
}

/// The steps of a path `serde_ignored` reports, from the top.
pub(crate) fn steps(path: &serde_ignored::Path<'_>) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut at = path;
    loop {
        at = match at {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                steps.push(Step::Item(*index));
                parent
            }
            serde_ignored::Path::Map { parent, key } => {
                steps.push(Step::Field(key.clone()));
                parent
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => {
                steps.push(Step::Inner);
                parent
            }
        };
    }
    steps.reverse();
    steps
}

impl UnknownField {
    /// The field `steps` lead to in `text` (the last step names it). Where the text cannot be
    /// followed (it should always can: it was just read), the field is placed at the start.
    pub(crate) fn at(text: &str, steps: &[Step]) -> Self {
        let name = match steps.last() {
            Some(Step::Field(name)) => name.clone(),
            _ => "?".to_owned(),
        };
        let (line, column) = locate(text, steps).map_or((1, 1), |offset| line_column(text, offset));
        UnknownField { name, line, column }
    }
}

/// The byte offset in `text` where the value `steps` lead to begins (for a field, its name).
fn locate(text: &str, steps: &[Step]) -> Option<usize> {
    let mut i = skip_attributes(text, 0);
    for (n, step) in steps.iter().enumerate() {
        i = skip_space(text, i);
        match step {
            Step::Inner => i = enter_wrapper(text, i),
            Step::Item(index) => {
                i = skip_space(text, open(text, i)?);
                for _ in 0..*index {
                    i = skip_space(text, skip_value(text, i)?);
                    i = skip_space(text, text[i..].strip_prefix(',').map(|_| i + 1)?);
                }
            }
            Step::Field(name) => {
                i = open(text, i)?;
                loop {
                    i = skip_space(text, i);
                    let (key, after_key) = identifier(text, i)?;
                    if key == name {
                        if n + 1 == steps.len() {
                            return Some(i);
                        }
                        let colon = skip_space(text, after_key);
                        i = text[colon..].strip_prefix(':').map(|_| colon + 1)?;
                        break;
                    }
                    let colon = skip_space(text, after_key);
                    let value =
                        skip_space(text, text[colon..].strip_prefix(':').map(|_| colon + 1)?);
                    let after = skip_space(text, skip_value(text, value)?);
                    i = text[after..].strip_prefix(',').map_or(after, |_| after + 1);
                }
            }
        }
    }
    Some(i)
}

/// Past `#![enable(…)]` attributes and the space and comments around them.
fn skip_attributes(text: &str, mut i: usize) -> usize {
    loop {
        i = skip_space(text, i);
        match text[i..].starts_with("#!") {
            true => match text[i..].find(']') {
                Some(end) => i += end + 1,
                None => return i,
            },
            false => return i,
        }
    }
}

/// Just inside the `(` or `[` at `i`, past a struct's name if it has one written.
fn open(text: &str, i: usize) -> Option<usize> {
    let i = match identifier(text, i) {
        Some((_, after)) => skip_space(text, after),
        None => i,
    };
    matches!(text.as_bytes().get(i), Some(b'(' | b'[')).then_some(i + 1)
}

/// Just inside `Some(…)` or `Variant(…)` at `i`; where the value is written bare
/// (`implicit_some`), `i` itself.
fn enter_wrapper(text: &str, i: usize) -> usize {
    match identifier(text, i) {
        Some((_, after)) if text[skip_space(text, after)..].starts_with('(') => {
            skip_space(text, after) + 1
        }
        _ => i,
    }
}

/// The identifier at `i` (a raw one without its `r#`) and where it ends.
fn identifier(text: &str, i: usize) -> Option<(&str, usize)> {
    let start = if text[i..].starts_with("r#") {
        i + 2
    } else {
        i
    };
    let len = text[start..]
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len() - start);
    let first = text[start..].chars().next()?;
    (len > 0 && (first.is_alphabetic() || first == '_'))
        .then(|| (&text[start..start + len], start + len))
}

/// The 1-based line and column (in characters) of byte `offset`.
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count());
    (line, column)
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::StoreError;
    use super::super::format::{self, from_ron_leaving_out_unknown_fields};

    #[test]
    fn drops_unknown_fields_of_any_shape_and_keeps_everything_else() {
        let text = "(\n    schema_version: 1,\n    shows: [\n        (\n            id: \"a\",\n            title: \"A\",\n            status: Airing,\n            notse: \"x, ) ] \\\" y\",\n            notes: \"kept\",\n            rating: (stars: [1, 2], note: r#\"a \"quoted\" )\"#), // a comment\n        ),\n    ],\n)\n";
        let (watchlist, dropped) =
            from_ron_leaving_out_unknown_fields(text, Path::new("w.ron")).expect("loads");
        assert_eq!(watchlist.shows[0].notes, "kept");
        let found: Vec<(&str, usize)> = dropped.iter().map(|f| (&*f.name, f.line)).collect();
        assert_eq!(found, [("notse", 8), ("rating", 10)]);
    }

    #[test]
    fn every_unknown_field_is_found_in_one_reading_wherever_it_is_nested() {
        let text = "#![enable(implicit_some)]\n// A comment with (brackets] and \"quotes\n(\n    schema_version: 1,\n    shows: [\n        (id: \"a\", title: \"A, (b)\", status: Airing),\n        (\n            id: \"b\",\n            title: \"B\",\n            status: Ended,\n            storylines: [\n                (title: \"x\", characters: [\"J\"]),\n                (title: \"y\", moood: Tense),\n            ],\n            catalog: Some((seasons: 2, r#colour: \"red\")),\n        ),\n    ],\n    extra: [1, 2],\n)\n";
        let (watchlist, dropped) =
            from_ron_leaving_out_unknown_fields(text, Path::new("w.ron")).expect("loads");
        assert_eq!(watchlist.shows.len(), 2);
        assert_eq!(watchlist.shows[1].storylines[1].title, "y");
        let found: Vec<(&str, usize)> = dropped.iter().map(|f| (&*f.name, f.line)).collect();
        assert_eq!(found, [("moood", 13), ("colour", 15), ("extra", 18)]);
        // Loading the same text the usual way names the first of them, with its place.
        match format::from_ron(text, Path::new("w.ron")) {
            Err(StoreError::Parse {
                line,
                column,
                unknown_field,
                ..
            }) => {
                assert_eq!((line, column), (13, 30));
                assert_eq!(unknown_field.as_deref(), Some("moood"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_mistakes_are_still_errors() {
        let text = "(schema_version: 1, shows: [(id: \"a\", title: \"A\", status: Sideways)])";
        assert!(from_ron_leaving_out_unknown_fields(text, Path::new("w.ron")).is_err());
    }
}
