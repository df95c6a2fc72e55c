//! Writing and reading large watchlists on every core.
//!
//! RON has no fast parser or writer, and at ten thousand shows (about 50 MB) one core needs
//! about 300 ms each way. Shows are independent, so the work is split into runs of shows:
//!
//! - Writing: each run is written as a watchlist of its own with the same pretty settings. A show
//!   is written the same way whatever surrounds it, so the runs' show lines, stitched between
//!   one header and one trailer, are byte for byte the text a single writer makes (tested).
//! - Reading: the text is cut between two shows where the writer's layout puts a boundary
//!   (`),\n        (\n`), and each piece is parsed on its own thread. A cut can only land
//!   inside a string or comment if that text contains the boundary, and then a piece fails to
//!   parse; any failure, or a file not laid out this way, falls back to the single parser, which
//!   also gives the exact line and column of a mistake.

use std::sync::Arc;

use crate::model::{Show, Watchlist};

/// Below this many shows (writing) or bytes (reading), one thread is faster.
pub const MIN_SHOWS: usize = 512;
pub const MIN_BYTES: usize = 1 << 20;

/// Where one show ends and the next begins in the writer's layout (shows at depth 2).
const BOUNDARY: &str = "),\n        (\n";

/// Stands in for this machine's core count: how the test suite is run as it runs on a 4- or
/// 16-core laptop (README, "For developers").
pub const CORES_ENV: &str = "CURTAINCALL_CORES";

/// How many pieces to split into on this machine: one per core (or [`CORES_ENV`]), at most 8.
/// Only the callers that read or write the data file ask; the splitting itself takes the count
/// it is given, so that every count is tested on any machine.
pub fn pieces_for_this_machine() -> usize {
    let cores = std::env::var(CORES_ENV)
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1);
    cores.clamp(1, 8)
}

/// Writes `watchlist` with `write_one` on up to `pieces` threads, stitching the runs after
/// `prefix`. `None` when one piece would do (fewer than two pieces asked for, or fewer than
/// `min_shows` shows) or the output is not shaped as expected.
pub fn write(
    watchlist: &Watchlist,
    pieces: usize,
    min_shows: usize,
    prefix: &str,
    write_one: impl Fn(&Watchlist) -> Result<String, ron::Error> + Sync,
) -> Option<Result<String, ron::Error>> {
    // Never more pieces than shows: each piece holds at least one.
    let pieces = pieces.min(watchlist.shows.len());
    if pieces < 2 || watchlist.shows.len() < min_shows {
        return None;
    }
    let per_piece = watchlist.shows.len().div_ceil(pieces);
    let runs: Vec<Result<String, ron::Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = watchlist
            .shows
            .chunks(per_piece)
            .map(|run| {
                let part = Watchlist {
                    schema_version: watchlist.schema_version,
                    shows: run.to_vec(),
                };
                let write_one = &write_one;
                scope.spawn(move || write_one(&part))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or(Err(ron::Error::Message("writer thread failed".into())))
            })
            .collect()
    });
    let mut texts = Vec::with_capacity(runs.len());
    for run in runs {
        match run {
            Ok(text) => texts.push(text),
            Err(error) => return Some(Err(error)),
        }
    }
    stitch(prefix, &texts).map(Ok)
}

/// Joins the runs after `prefix`: the first one's header, every run's shows, the last one's
/// trailer.
fn stitch(prefix: &str, texts: &[String]) -> Option<String> {
    let mut out =
        String::with_capacity(prefix.len() + texts.iter().map(String::len).sum::<usize>() + 1);
    out.push_str(prefix);
    let last = texts.len().checked_sub(1)?;
    for (i, text) in texts.iter().enumerate() {
        // Each run reads: header "shows: [\n", its shows "        (…),\n", trailer "    ],\n)…".
        let body_start = text.find("shows: [\n")? + "shows: [\n".len();
        let body_end = text.rfind("\n    ],\n)")? + 1;
        let start = if i == 0 { 0 } else { body_start };
        let end = if i == last { text.len() } else { body_end };
        out.push_str(text.get(start..end)?);
    }
    Some(out)
}

/// Parses `text` on up to `pieces` threads with `parse_list` (a whole watchlist) when it is
/// large and laid out as the writer lays it out. `None` means: use the single parser.
pub fn read(
    text: &str,
    pieces: usize,
    min_bytes: usize,
    parse_list: impl Fn(&str) -> Option<Watchlist> + Sync,
) -> Option<Watchlist> {
    if pieces < 2 || text.len() < min_bytes {
        return None;
    }
    // Cut points right after a show's closing "),\n", near equal shares of the text.
    let mut cuts = Vec::new();
    for k in 1..pieces {
        let mut from = (text.len() * k / pieces).max(cuts.last().copied().unwrap_or(0));
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let at = from + text.get(from..)?.find(BOUNDARY)? + "),\n".len();
        cuts.push(at);
    }
    cuts.dedup();
    let header_end = text.find("shows: [")? + "shows: [".len();
    if cuts.first().is_none_or(|&c| c <= header_end) {
        return None;
    }
    let header = &text[..header_end];
    let mut bounds = vec![0];
    bounds.extend(&cuts);
    bounds.push(text.len());
    let last = bounds.len() - 2;
    let parts: Vec<Option<Watchlist>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .enumerate()
            .map(|(i, w)| {
                let (start, end) = (w[0], w[1]);
                let parse_list = &parse_list;
                scope.spawn(move || {
                    // Every piece becomes a whole watchlist: the real header in front of all but
                    // the first, and a closing "])" after all but the last.
                    let mut piece = String::with_capacity(end - start + header.len() + 4);
                    if i > 0 {
                        piece.push_str(header);
                        piece.push('\n');
                    }
                    piece.push_str(&text[start..end]);
                    if i < last {
                        piece.push_str("])");
                    }
                    parse_list(&piece)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut shows: Vec<Arc<Show>> = Vec::new();
    let mut schema_version = None;
    for part in parts {
        let part = part?;
        if schema_version.is_some_and(|v| v != part.schema_version) {
            return None;
        }
        schema_version = Some(part.schema_version);
        shows.extend(part.shows);
    }
    Some(Watchlist {
        schema_version: schema_version?,
        shows,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Status, generate};
    use crate::store::format::{from_ron, to_ron, write_body};

    /// The single-threaded text.
    fn whole(watchlist: &Watchlist) -> String {
        write_body(watchlist, "").expect("ron")
    }

    /// Shows whose notes hold the very text the reader cuts at, and other traps.
    fn tricky(n: usize) -> Watchlist {
        let mut watchlist = generate::watchlist(n, 9);
        for (i, show) in watchlist.shows.iter_mut().enumerate() {
            let show = Arc::make_mut(show);
            show.notes = match i % 4 {
                0 => format!("a note that contains the cut:{BOUNDARY}            id: \"fake\",\n"),
                1 => format!("r#\"raw\"# and \"quotes\" and {BOUNDARY}"),
                2 => "shows: [\n    ],\n)".to_owned(),
                _ => String::new(),
            };
        }
        watchlist
            .shows
            .push(Arc::new(Show::new("last", "Last", Status::Ended)));
        watchlist
    }

    /// The piece counts the tests split into: one core, this machine's CI, laptops, servers.
    const PIECE_COUNTS: [usize; 5] = [1, 2, 3, 4, 16];

    #[test]
    fn pieces_written_in_parallel_stitch_to_the_same_bytes() {
        for pieces in PIECE_COUNTS {
            for n in [1, 2, 3, 17, 600] {
                let watchlist = tricky(n);
                let expected = whole(&watchlist);
                match write(&watchlist, pieces, 0, "", |w| Ok(whole(w))) {
                    Some(stitched) => assert!(
                        stitched.expect("writes") == expected,
                        "{pieces} pieces, n = {n}: stitched text differs"
                    ),
                    // One piece is the single writer's job, and only then is the split refused.
                    None => assert!(pieces.min(n) < 2, "{pieces} pieces, n = {n}: not split"),
                }
            }
        }
    }

    #[test]
    fn pieces_read_in_parallel_give_the_same_watchlist_or_defer() {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        for pieces in PIECE_COUNTS {
            for n in [2, 3, 17, 600] {
                let watchlist = tricky(n);
                let text = to_ron(&watchlist).expect("ron");
                let parsed = read(&text, pieces, 0, |piece| {
                    options.from_str::<Watchlist>(piece).ok()
                });
                // Either the pieces parse to exactly the watchlist, or the reader defers.
                if let Some(parsed) = parsed {
                    assert!(
                        parsed == watchlist,
                        "{pieces} pieces, n = {n}: pieces differ"
                    );
                }
                assert!(from_ron(&text, "w.ron".as_ref()).expect("loads") == watchlist);
            }
            // A plain large watchlist is read in pieces whenever more than one is asked for.
            let watchlist = generate::watchlist(600, 3);
            let text = to_ron(&watchlist).expect("ron");
            let parsed = read(&text, pieces, 0, |piece| {
                options.from_str::<Watchlist>(piece).ok()
            });
            if pieces < 2 {
                assert!(parsed.is_none(), "one piece is the single parser's");
            } else {
                assert!(parsed.as_ref() == Some(&watchlist), "{pieces} pieces: read");
            }
        }
    }
}
