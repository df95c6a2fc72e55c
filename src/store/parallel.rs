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

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

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

/// Runs of text, each with the part of it that belongs in the file.
pub type Runs = Vec<(String, Range<usize>)>;

/// Writes `watchlist` with `write_one` on up to `pieces` threads: the runs, and the part of
/// each that belongs in the file (the first one's header, every run's shows, the last one's
/// trailer), which read in order after a prefix are the text one writer makes. `None` when one
/// piece would do (fewer than two pieces asked for, or fewer than `min_shows` shows) or the
/// output is not shaped as expected.
pub fn write(
    watchlist: &Watchlist,
    pieces: usize,
    min_shows: usize,
    write_one: impl Fn(&Watchlist) -> Result<String, ron::Error> + Sync,
) -> Option<Result<Runs, ron::Error>> {
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
    let last = texts.len().checked_sub(1)?;
    let mut parts = Vec::with_capacity(texts.len());
    for (i, text) in texts.into_iter().enumerate() {
        // Each run reads: header "shows: [\n", its shows "        (…),\n", trailer "    ],\n)…".
        let body_start = text.find("shows: [\n")? + "shows: [\n".len();
        let body_end = text.rfind("\n    ],\n)")? + 1;
        let start = if i == 0 { 0 } else { body_start };
        let end = if i == last { text.len() } else { body_end };
        text.get(start..end)?;
        parts.push((text, start..end));
    }
    Some(Ok(parts))
}

/// About how long a run of shows one thread reads at a time: short enough that the last run
/// finishes soon after the others (a quarter of a 57 MB file left one thread reading for ~48 ms
/// at start-up while the other core idled), long enough that each run's own cost (its list, a
/// search for the cut) stays negligible.
pub const RUN_BYTES: usize = 1 << 20;

/// What ends the file in the writer's layout: the list of shows, then the watchlist.
const TRAILER: &[u8] = b"    ],\n)";

/// What the reading threads after the first wait for before they start: nothing (the command
/// line, tests), or the app's window drawing its first frame, so that reading the file beside
/// the window's creation leaves the window a core.
pub type Pace<'a> = &'a (dyn Fn() + Sync);

/// Reads `text` (the data file's bytes) with up to `pieces` threads when it is large and laid
/// out as the writer lays it out: the header (everything before the first show) by
/// `parse_header` as a watchlist without shows, and the shows in runs cut between two shows,
/// each run checked as UTF-8 and read by `parse_shows` where it lies, without a copy. The runs
/// are short ([`RUN_BYTES`], and at least twice as many as threads) and taken in turn, so
/// threads that start late (see [`Pace`]) or run slow still share the work, and none is left
/// reading a long last run alone while the others have finished. `None` means: use the single
/// parser (which also words any mistake).
pub fn read(
    text: &[u8],
    pieces: usize,
    min_bytes: usize,
    pace: Pace<'_>,
    parse_header: impl Fn(&str) -> Option<Watchlist>,
    parse_shows: impl Fn(&str) -> Option<Vec<Arc<Show>>> + Sync,
) -> Option<Watchlist> {
    if pieces < 2 || text.len() < min_bytes {
        return None;
    }
    let header_end = memchr::memmem::find(text, b"shows: [")? + b"shows: [".len();
    // The shows end where the trailer begins; only white space may follow it.
    let trailing = text.len()
        - text
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    let shows_end = trailing.checked_sub(TRAILER.len())?;
    if &text[shows_end..trailing] != TRAILER || shows_end <= header_end {
        return None;
    }
    // Cut points right after a show's closing "),\n", near equal shares of the text.
    let runs = (text.len() / RUN_BYTES).max(pieces * 2);
    let mut bounds = vec![header_end];
    for k in 1..runs {
        let from = (text.len() * k / runs).max(bounds[bounds.len() - 1]);
        // Fewer shows than runs, or a last show longer than a share: fewer, longer runs.
        let Some(found) = text
            .get(from..shows_end)
            .and_then(|rest| memchr::memmem::find(rest, BOUNDARY.as_bytes()))
        else {
            break;
        };
        bounds.push(from + found + "),\n".len());
    }
    bounds.push(shows_end);
    // The last show's end may have been found as a cut: no empty run.
    bounds.dedup();
    let mut header = std::str::from_utf8(&text[..header_end]).ok()?.to_owned();
    header.push_str("])");
    let schema_version = parse_header(&header)?.schema_version;
    let runs: Vec<&[u8]> = bounds.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    let read: Vec<OnceLock<Option<Vec<Arc<Show>>>>> =
        runs.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..pieces.min(runs.len()) {
            let (runs, read, next, parse_shows) = (&runs, &read, &next, &parse_shows);
            scope.spawn(move || {
                if worker > 0 {
                    pace();
                }
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(run) = runs.get(i) else {
                        return;
                    };
                    let shows = std::str::from_utf8(run).ok().and_then(parse_shows);
                    let _ = read[i].set(shows);
                }
            });
        }
    });
    let mut shows: Vec<Arc<Show>> = Vec::new();
    for run in read {
        shows.extend(run.into_inner().flatten()?);
    }
    Some(Watchlist {
        schema_version,
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
                match write(&watchlist, pieces, 0, |w| Ok(whole(w))) {
                    Some(parts) => {
                        let stitched: String = parts
                            .expect("writes")
                            .iter()
                            .map(|(run, span)| &run[span.clone()])
                            .collect();
                        assert!(
                            stitched == expected,
                            "{pieces} pieces, n = {n}: stitched text differs"
                        );
                    }
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
        // `ron` reads each run, as a list of its own: the cutting is tested apart from the
        // fast reader.
        let read = |text: &str, pieces| {
            read(
                text.as_bytes(),
                pieces,
                0,
                &|| {},
                |header| options.from_str::<Watchlist>(header).ok(),
                |run| {
                    let list = options.from_str::<Vec<Show>>(&format!("[{run}]")).ok()?;
                    Some(list.into_iter().map(Arc::new).collect())
                },
            )
        };
        for pieces in PIECE_COUNTS {
            for n in [2, 3, 17, 600] {
                let watchlist = tricky(n);
                let text = to_ron(&watchlist).expect("ron");
                let parsed = read(&text, pieces);
                // Either the pieces parse to exactly the watchlist, or the reader defers.
                if let Some(parsed) = parsed {
                    assert!(
                        parsed == watchlist,
                        "{pieces} pieces, n = {n}: pieces differ"
                    );
                }
                assert!(from_ron(&text, "w.ron".as_ref()).expect("loads") == watchlist);
            }
            // A plain watchlist, large or with fewer shows than runs, is read in pieces
            // whenever more than one is asked for: how many cores there are never decides
            // whether the file is read in parallel.
            for n in [1, 2, 3, 17] {
                let watchlist = generate::watchlist(n, 3);
                let parsed = read(&to_ron(&watchlist).expect("ron"), pieces);
                assert!(
                    parsed.as_ref() == (pieces >= 2).then_some(&watchlist),
                    "{pieces} pieces, n = {n}: read"
                );
            }
            let watchlist = generate::watchlist(600, 3);
            let text = to_ron(&watchlist).expect("ron");
            let parsed = read(&text, pieces);
            if pieces < 2 {
                assert!(parsed.is_none(), "one piece is the single parser's");
            } else {
                assert!(parsed.as_ref() == Some(&watchlist), "{pieces} pieces: read");
            }
            // And so it is with the app's own readers, where each run lies.
            let fast = super::read(
                text.as_bytes(),
                pieces,
                0,
                &|| {},
                |header| crate::store::fast_read::from_str::<Watchlist>(header).ok(),
                |run| crate::store::fast_read::shows_from_str(run).ok(),
            );
            assert!(fast.as_ref() == (pieces >= 2).then_some(&watchlist));
        }
    }

    #[test]
    fn a_file_longer_than_its_runs_is_read_in_short_runs_to_the_same_watchlist() {
        // More text than two runs of RUN_BYTES per thread: cut by length, not by thread count.
        let watchlist = generate::watchlist(1200, 5);
        let text = to_ron(&watchlist).expect("ron");
        assert!(text.len() > 4 * RUN_BYTES, "{} bytes", text.len());
        let runs_read = AtomicUsize::new(0);
        let parsed = read(
            text.as_bytes(),
            2,
            0,
            &|| {},
            |header| crate::store::fast_read::from_str::<Watchlist>(header).ok(),
            |run| {
                runs_read.fetch_add(1, Ordering::Relaxed);
                crate::store::fast_read::shows_from_str(run).ok()
            },
        );
        assert!(parsed.as_ref() == Some(&watchlist));
        assert!(runs_read.into_inner() >= text.len() / RUN_BYTES);
    }
}
