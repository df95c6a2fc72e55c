//! The RON text of a watchlist: how it is written and read back.

use std::ops::Range;
use std::path::Path;

use ron::extensions::Extensions;

use crate::model::{SCHEMA_VERSION, Watchlist};

use super::unknown::{Step, UnknownField, steps};
use super::{StoreError, fast_read, fast_write, parallel};

/// Lists nested deeper than this are refused rather than risk the stack on a hostile file.
const NESTING_LIMIT: usize = 64;

/// The watchlist as the pretty RON text the data file holds.
///
/// Strings are written unescaped (as raw strings when they hold `"` or `\`), so multi-line
/// notes stay readable and diffable in the file.
pub fn to_ron(watchlist: &Watchlist) -> Result<String, ron::Error> {
    to_ron_by(watchlist, Writer::Fast)
}

/// Which writer makes the text: the same bytes either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// [`fast_write`], with `ron` for anything it declines: what the app uses.
    Fast,
    /// `ron`'s own pretty printer only: for comparing the two (`benches/watchlist.rs`).
    Ron,
}

/// [`to_ron`] by the given writer.
pub fn to_ron_by(watchlist: &Watchlist, writer: Writer) -> Result<String, ron::Error> {
    let text = to_text(watchlist, writer)?;
    let mut joined = String::with_capacity(text.len());
    for (run, span) in &text.runs {
        joined.push_str(&run[span.clone()]);
    }
    Ok(joined)
}

/// The text of a watchlist as the data file holds it, kept in the runs it was written in on
/// several threads: read in order, the parts are the file's bytes. A save writes, hashes and
/// backs up the parts where they are; 50 MB are never copied into one string first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RonText {
    runs: Vec<(String, Range<usize>)>,
}

impl RonText {
    /// The file's bytes, part after part.
    pub fn parts(&self) -> impl Iterator<Item = &[u8]> {
        self.runs
            .iter()
            .map(|(run, span)| &run.as_bytes()[span.clone()])
    }

    /// How many bytes the text is.
    pub fn len(&self) -> usize {
        self.runs.iter().map(|(_, span)| span.len()).sum()
    }

    /// True for no text at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `bytes` are exactly this text.
    pub fn same_as(&self, bytes: &[u8]) -> bool {
        parts_equal(self.parts(), bytes)
    }
}

/// True when `parts`, one after another, are exactly `bytes`.
pub(crate) fn parts_equal<'a>(parts: impl IntoIterator<Item = &'a [u8]>, bytes: &[u8]) -> bool {
    let mut rest = bytes;
    parts
        .into_iter()
        .all(|part| match rest.split_at_checked(part.len()) {
            Some((here, after)) if here == part => {
                rest = after;
                true
            }
            _ => false,
        })
        && rest.is_empty()
}

impl std::fmt::Display for RonText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (run, span) in &self.runs {
            f.write_str(&run[span.clone()])?;
        }
        Ok(())
    }
}

/// The text of a watchlist, by the given writer, on every core when it is large.
pub fn to_text(watchlist: &Watchlist, writer: Writer) -> Result<RonText, ron::Error> {
    let body = |run: &Watchlist, prefix: &str| match writer {
        Writer::Fast => write_body(run, prefix),
        Writer::Ron => Ok(format!("{prefix}{}", ron_body(run)?)),
    };
    let pieces = parallel::pieces_for_this_machine();
    let mut runs =
        match parallel::write(watchlist, pieces, parallel::MIN_SHOWS, |run| body(run, "")) {
            Some(runs) => {
                let mut runs = runs?;
                runs.insert(0, (HEADER.to_owned(), 0..HEADER.len()));
                runs
            }
            None => {
                let text = body(watchlist, HEADER)?;
                let len = text.len();
                vec![(text, 0..len)]
            }
        };
    if let Some((last, span)) = runs.last_mut() {
        // The text ends with a line break, right after the last part.
        last.truncate(span.end);
        last.push('\n');
        span.end += 1;
    }
    Ok(RonText { runs })
}

/// `prefix` followed by the pretty RON of a watchlist: by [`fast_write`], or by `ron` for
/// anything it declines (the two write the same bytes).
pub(crate) fn write_body(watchlist: &Watchlist, prefix: &str) -> Result<String, ron::Error> {
    fast_write::to_string(watchlist, prefix, estimated_len(watchlist)).or_else(|_| {
        let body = ron_body(watchlist)?;
        Ok(format!("{prefix}{body}"))
    })
}

/// A little more than the length of a watchlist's text, so that it is written without copying
/// as it grows: its long texts plus about 4 KB per show (names, dates, layout).
fn estimated_len(watchlist: &Watchlist) -> usize {
    watchlist
        .shows
        .iter()
        .map(|show| {
            let storylines: usize = show.storylines.iter().map(|s| s.text.len()).sum();
            show.notes.len() + show.summary.len() + storylines + 4096
        })
        .sum::<usize>()
        + 4096
}

/// The pretty RON of a watchlist as `ron` writes it.
pub(crate) fn ron_body(watchlist: &Watchlist) -> Result<String, ron::Error> {
    ron::ser::to_string_pretty(watchlist, pretty_config())
}

/// How the data file is laid out.
pub(crate) fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ")
        .escape_strings(false)
        .struct_names(false)
        .separate_tuple_members(false)
        .compact_arrays(false)
        // Shows and their fields one per line; the items of a show's lists (a cast member, a
        // storyline, a score) one per line each, like the sample file.
        .depth_limit(4)
        // `network: "HBO"` rather than `network: Some("HBO")`: easier to read and to write by
        // hand, and about a fifth faster to parse. `Some(…)` still reads.
        .extensions(Extensions::IMPLICIT_SOME)
}

/// The comment at the top of every data file.
const HEADER: &str = "// Curtain Call watchlist. Plain RON: safe to edit by hand while the app is closed;\n// keep each show's `id` unchanged.\n";

/// Reads a watchlist from RON text; `path` is only used to name the file in errors. A field
/// this version does not know is an error naming it and its line (see [`super::unknown`]).
///
/// The text is read by [`fast_read`] where it can be, else by `ron` (which also words the
/// errors), and in pieces on several threads when it is large.
pub fn from_ron(text: &str, path: &Path) -> Result<Watchlist, StoreError> {
    from_bytes(text.as_bytes(), path)
}

/// [`from_ron`] on the bytes of a file, checked as UTF-8 on the way.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Watchlist, StoreError> {
    from_bytes_paced(bytes, path, &|| {})
}

/// [`from_bytes`], the reading threads after the first waiting for `pace` (see
/// [`parallel::Pace`]).
pub fn from_bytes_paced(
    bytes: &[u8],
    path: &Path,
    pace: parallel::Pace<'_>,
) -> Result<Watchlist, StoreError> {
    // Only the first unknown field is placed: each is found by walking the text from its start.
    let (watchlist, unknown) = read(bytes, path, pace, 1)?;
    match unknown.into_iter().next() {
        None => Ok(watchlist),
        Some(field) => Err(StoreError::Parse {
            path: path.to_owned(),
            line: field.line,
            column: field.column,
            message: format!("`{}` is not a field this version knows", field.name),
            unknown_field: Some(field.name),
        }),
    }
}

/// Reads a watchlist from RON text leaving out the fields this version does not know, and says
/// which they were and where, in file order: for dropping them when the user asks.
pub fn from_ron_leaving_out_unknown_fields(
    text: &str,
    path: &Path,
) -> Result<(Watchlist, Vec<UnknownField>), StoreError> {
    read(text.as_bytes(), path, &|| {}, usize::MAX)
}

/// What one parse gives: the watchlist, and the way to each field it did not know.
type Parsed = (Watchlist, Vec<Vec<Step>>);

/// Reads `bytes`, placing at most `placed` of the unknown fields (in file order).
fn read(
    bytes: &[u8],
    path: &Path,
    pace: parallel::Pace<'_>,
    placed: usize,
) -> Result<(Watchlist, Vec<UnknownField>), StoreError> {
    // A byte-order mark, as some Windows editors write, is not part of the data.
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // A large file as the app writes it, read in pieces where it lies (the fast reader declines
    // a field it does not know, and anything unusual: the whole text is then read below).
    let pieces = parallel::pieces_for_this_machine();
    if let Some(watchlist) = parallel::read(
        bytes,
        pieces,
        parallel::MIN_BYTES,
        pace,
        |header| fast_read::from_str::<Watchlist>(header).ok(),
        |run| fast_read::shows_from_str(run).ok(),
    ) {
        return newer_refused(watchlist, path).map(|watchlist| (watchlist, Vec::new()));
    }
    let text = utf8(bytes, path)?;
    let options = ron_options();
    // The fast reader declines a field it does not know (and anything unusual): `ron` then
    // reads the text, noting such fields.
    let parsed = match fast_read::from_str::<Watchlist>(text) {
        Ok(watchlist) => Ok((watchlist, Vec::new())),
        Err(_) => ron_noting_unknown_fields(text, &options),
    };
    match parsed {
        Ok((watchlist, unknown)) => {
            let watchlist = newer_refused(watchlist, path)?;
            let unknown = unknown
                .iter()
                .take(placed)
                .map(|steps| UnknownField::at(text, steps))
                .collect();
            Ok((watchlist, unknown))
        }
        Err(error) => {
            if let Some(found) = newer_schema_version(text, &options) {
                return Err(StoreError::NewerVersion {
                    path: path.to_owned(),
                    found,
                });
            }
            let (line, column) =
                first_token_at_or_after(text, error.span.start.line, error.span.start.col);
            Err(StoreError::Parse {
                path: path.to_owned(),
                line,
                column,
                message: error.code.to_string(),
                unknown_field: None,
            })
        }
    }
}

/// The watchlist, unless a newer Curtain Call wrote it: this one would lose what it does not
/// know.
fn newer_refused(watchlist: Watchlist, path: &Path) -> Result<Watchlist, StoreError> {
    if watchlist.schema_version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_owned(),
            found: watchlist.schema_version,
        });
    }
    Ok(watchlist)
}

/// The bytes as text, or where they stop being UTF-8.
fn utf8<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, StoreError> {
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]);
        let (line, column) = super::unknown::line_column(&valid, valid.len());
        StoreError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: "the file is not valid UTF-8 text".to_owned(),
            unknown_field: None,
        }
    })
}

/// `ron`'s reading of `text`, noting the way to every field the watchlist does not know.
fn ron_noting_unknown_fields(
    text: &str,
    options: &ron::Options,
) -> Result<Parsed, ron::error::SpannedError> {
    let mut unknown = Vec::new();
    let mut deserializer = ron::Deserializer::from_str_with_options(text, options)?;
    let watchlist = serde_ignored::deserialize(&mut deserializer, |path| {
        unknown.push(steps(&path));
    })
    .map_err(|error| deserializer.span_error(error))?;
    deserializer
        .end()
        .map_err(|error| deserializer.span_error(error))?;
    Ok((watchlist, unknown))
}

/// How `ron` reads a data file: optional values without `Some(…)`, and a nesting limit.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(NESTING_LIMIT)
}

/// When a file does not parse, whether that is because a newer Curtain Call wrote it.
fn newer_schema_version(text: &str, options: &ron::Options) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        schema_version: u32,
    }
    let probe: VersionOnly = options.from_str(text).ok()?;
    (probe.schema_version > SCHEMA_VERSION).then_some(probe.schema_version)
}

/// The position of the first character that is not white space at or after `line:column`
/// (1-based, columns in characters), or the end of the text. The parser reports where it
/// stopped, which is often just before the line break that precedes the actual mistake.
fn first_token_at_or_after(text: &str, line: usize, column: usize) -> (usize, usize) {
    let mut current = (1, 1);
    let mut reached = false;
    for c in text.chars() {
        reached = reached || current >= (line, column);
        if reached && !c.is_whitespace() {
            return current;
        }
        current = if c == '\n' {
            (current.0 + 1, 1)
        } else {
            (current.0, current.1 + 1)
        };
    }
    current
}
