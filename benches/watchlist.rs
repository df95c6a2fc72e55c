//! Core costs at 100 to 10,000 shows: loading (against serde_json as the parse floor), saving,
//! the snapshot the UI hands to the saver, and search per keystroke.
//!
//! `cargo bench --bench watchlist`

// A benchmark or a developer tool, not the app: a failure here may simply panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use curtaincall::model::query::{Filter, Narrow, Selection, Sort, TitleIndex};
use curtaincall::model::text_index::TextIndex;
use curtaincall::model::{Watchlist, generate};
use curtaincall::store;
use divan::Bencher;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[100, 1_000, 10_000];

fn watchlist(n: usize) -> Watchlist {
    generate::watchlist(n, 2026)
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn load_ron(bencher: Bencher, n: usize) {
    let text = store::to_ron(&watchlist(n)).expect("ron");
    bencher.bench(|| store::from_ron(divan::black_box(&text), "w.ron".as_ref()).expect("loads"));
}

/// Loading with an episode history per show (`generate::watchlist_with_episodes`: 40 watched
/// of 60 known), against the same shows without.
#[divan::bench(args = [10_000], sample_count = 10)]
fn load_ron_with_episodes(bencher: Bencher, n: usize) {
    let text = store::to_ron(&generate::watchlist_with_episodes(n, 2026)).expect("ron");
    bencher.bench(|| store::from_ron(divan::black_box(&text), "w.ron".as_ref()).expect("loads"));
}

/// The save the budget names (text, temporary file, fsync, rename) with an episode history
/// per show.
#[divan::bench(args = [10_000], sample_count = 10)]
fn save_atomic_with_episodes(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("watchlist.ron");
    let list = generate::watchlist_with_episodes(n, 2026);
    bencher.bench(|| store::save_atomic(&path, &list).expect("saves"));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn load_json_floor(bencher: Bencher, n: usize) {
    let text = serde_json::to_string(&watchlist(n)).expect("json");
    bencher.bench(|| serde_json::from_str::<Watchlist>(divan::black_box(&text)).expect("loads"));
}

/// The text of a save as a save makes it (in runs, not joined), by the app's fast writer and by
/// `ron`'s own, side by side (the same bytes, on every core either way).
#[divan::bench(args = SIZES, consts = [0, 1], sample_count = 10)]
fn to_text<const RON: usize>(bencher: Bencher, n: usize) {
    let writer = [store::Writer::Fast, store::Writer::Ron][RON];
    let list = watchlist(n);
    bencher.bench(|| store::to_text(divan::black_box(&list), writer).expect("ron"));
}

/// The save the budget names: the text, written to a temporary file, flushed, renamed over the
/// file; by the app's fast writer (`0`) and by `ron`'s own (`1`).
#[divan::bench(args = SIZES, consts = [0, 1], sample_count = 10)]
fn save_atomic_with_fsync<const RON: usize>(bencher: Bencher, n: usize) {
    let writer = [store::Writer::Fast, store::Writer::Ron][RON];
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("watchlist.ron");
    let list = watchlist(n);
    bencher.bench(|| store::save_atomic_by(&path, &list, writer).expect("saves"));
}

/// Everything the saver thread does per save: check that the file still holds what was last
/// read or written (read and hash it), write the new text atomically with fsync, and keep a
/// backup copy. Two versions alternate so that every save writes and keeps a new backup.
#[divan::bench(args = SIZES, sample_count = 10)]
fn saver_cycle_with_backup(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = store::DataFile {
        path: dir.path().join("watchlist.ron"),
        state_dir: dir.path().join("state"),
    };
    let first = watchlist(n);
    let mut second = first.clone();
    let show = Arc::make_mut(&mut second.shows[0]);
    show.notes = format!("{} One more line.", show.notes);
    let versions = [first, second];
    let mut expected = store::Fingerprint::Missing;
    let mut turn = 0;
    bencher.bench_local(|| {
        turn += 1;
        let list = &versions[turn % 2];
        match store::save_checked(&file.path, list, expected).expect("saves") {
            store::SaveOutcome::Saved { fingerprint, text } => {
                store::backup::record_saved(&file, &text).expect("backup");
                expected = fingerprint;
            }
            store::SaveOutcome::ChangedOnDisk { .. } => panic!("nothing else writes the file"),
        }
    });
}

#[divan::bench(args = SIZES)]
fn snapshot_for_the_saver(bencher: Bencher, n: usize) {
    let list = watchlist(n);
    bencher.bench(|| divan::black_box(&list).clone());
}

#[divan::bench(args = SIZES)]
fn search_keystroke(bencher: Bencher, n: usize) {
    let list = watchlist(n);
    let index = TitleIndex::new(&list);
    let today = jiff::civil::date(2026, 11, 25);
    bencher.bench(|| {
        index.matching(
            &list,
            divan::black_box("golden har"),
            Filter::All,
            Sort::Title,
            today,
        )
    });
}

/// A keystroke of a search that reads cast, storylines and notes too: the text index's answer
/// (with one show edited since it was built, read directly) and the rows it selects.
#[divan::bench(args = SIZES, consts = [0, 1])]
fn search_keystroke_everywhere<const QUERY: usize>(bencher: Bencher, n: usize) {
    // A rare word and a common one: "cliffhang" is in every generated storyline.
    let query = ["hiro pablo", "cliffhang"][QUERY];
    let mut list = watchlist(n);
    let titles = TitleIndex::new(&list);
    let text = TextIndex::build(&list);
    let show = Arc::make_mut(&mut list.shows[n / 2]);
    show.notes = format!("{} hiro", show.notes);
    let today = jiff::civil::date(2026, 11, 25);
    bencher.bench(|| {
        let hits = text.matches(&list, divan::black_box(query));
        let selection = Selection {
            query,
            text_hits: hits.as_deref(),
            filter: Filter::All,
            narrow: &Narrow::default(),
            sort: Sort::Title,
        };
        titles.matching_with(&list, &selection, today)
    });
}

/// Building the text index, on a background thread the first time the user searches.
#[divan::bench(args = SIZES, sample_count = 5)]
fn text_index_build(bencher: Bencher, n: usize) {
    let list = watchlist(n);
    bencher.bench(|| TextIndex::build(divan::black_box(&list)));
}

#[divan::bench(args = SIZES)]
fn title_index_after_an_edit(bencher: Bencher, n: usize) {
    let list = watchlist(n);
    bencher.bench(|| TitleIndex::new(divan::black_box(&list)));
}

#[divan::bench(args = SIZES)]
fn edit_one_show(bencher: Bencher, n: usize) {
    let list = watchlist(n);
    bencher.bench(|| {
        let mut copy = list.clone();
        Arc::make_mut(&mut copy.shows[n / 2]).notes = "edited".into();
        copy
    });
}

/// Recounting the networks and tags for the list's Network and Tag menus, after every edit.
#[divan::bench(args = SIZES)]
fn facets_after_an_edit(bencher: Bencher, n: usize) {
    let list = watchlist(n);
    bencher.bench(|| curtaincall::model::query::Facets::of(divan::black_box(&list)));
}

/// Counting the statistics, after every edit while the Statistics window is open.
#[divan::bench(args = SIZES)]
fn statistics_after_an_edit(bencher: Bencher, n: usize) {
    let list = watchlist(n);
    bencher.bench(|| curtaincall::model::stats::Statistics::of(divan::black_box(&list)));
}

/// Up next across the watchlist (10,000 shows, 60 catalog episodes and 40 watched each), as
/// after an edit while the window is open.
#[divan::bench(args = [10_000])]
fn up_next_after_an_edit(bencher: Bencher, n: usize) {
    let today = jiff::civil::date(2026, 11, 30);
    let mut list = generate::watchlist_with_episodes(n, 2026);
    let guides = generate::guides(&mut list, 2026, today);
    let now = jiff::Timestamp::from_second(1_796_050_000).expect("now");
    let mut memo = curtaincall::model::guide::UpNextMemo::default();
    memo.rows(&list, &guides, now);
    let mut k = 0;
    bencher.bench_local(|| {
        // An edit: one show replaced (the watchlist's copy is a list of pointers, 0.1 ms).
        let mut edited = list.clone();
        k = (k + 7919) % n;
        Arc::make_mut(&mut edited.shows[k]).notes.push('.');
        memo.rows(divan::black_box(&edited), &guides, now)
    });
}

/// Up next worked out from nothing (the first time the window opens).
#[divan::bench(args = [10_000])]
fn up_next_from_nothing(bencher: Bencher, n: usize) {
    let today = jiff::civil::date(2026, 11, 30);
    let mut list = generate::watchlist_with_episodes(n, 2026);
    let guides = generate::guides(&mut list, 2026, today);
    let now = jiff::Timestamp::from_second(1_796_050_000).expect("now");
    bencher.bench(|| curtaincall::model::guide::up_next(divan::black_box(&list), &guides, now));
}

/// The calendar's 37 days across the watchlist (same data), in a time zone with DST.
#[divan::bench(args = [10_000])]
fn calendar_after_an_edit(bencher: Bencher, n: usize) {
    let today = jiff::civil::date(2026, 11, 30);
    let mut list = generate::watchlist_with_episodes(n, 2026);
    let guides = generate::guides(&mut list, 2026, today);
    let tz = jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC);
    bencher.bench(|| {
        curtaincall::model::guide::calendar(divan::black_box(&list), &guides, today, &tz, 7, 30)
    });
}

/// Refusing a hostile file nested 100,000 deep (without overflowing the stack: the test in
/// `tests/app/durability.rs`).
#[divan::bench(sample_count = 10)]
fn deep_nesting_refused(bencher: Bencher) {
    let text = format!("(schema_version: 1, shows: {})", "[".repeat(100_000));
    bencher.bench(|| store::from_ron(divan::black_box(&text), "deep.ron".as_ref()).is_err());
}

/// Reading and applying a Trakt export of 2,000 shows and 100,000 watched episodes (400 history
/// pages of 250 entries, as Trakt splits them) into the sample watchlist: `import::read`,
/// `import::plan`, then every action applied. The budget is one second.
#[divan::bench(sample_count = 5)]
fn import_trakt_2000_shows_100000_episodes(bencher: Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let entries: Vec<serde_json::Value> = (0..100_000u32)
        .map(|i| {
            let show = i % 2_000;
            let (season, number) = (1 + (i / 2_000) / 10, 1 + (i / 2_000) % 10);
            serde_json::json!({
                "id": i, "watched_at": "2025-06-10T22:00:00.000Z", "action": "watch",
                "type": "episode",
                "episode": {"season": season, "number": number, "title": "An Episode",
                            "ids": {"trakt": i}},
                "show": {"title": format!("Imported Show {show}"), "year": 2020,
                         "ids": {"trakt": show, "tvdb": 100_000 + show, "imdb": null}}
            })
        })
        .collect();
    for (page, chunk) in entries.chunks(250).enumerate() {
        let path = dir
            .path()
            .join(format!("watched-history-{}.json", page + 1));
        std::fs::write(path, serde_json::to_vec(chunk).expect("json")).expect("writes");
    }
    let sample = curtaincall::model::sample().expect("sample");
    bencher.bench(|| {
        let found = curtaincall::import::read(dir.path()).expect("reads");
        let plan = curtaincall::import::plan(found, &sample);
        let mut watchlist = sample.clone();
        let today = jiff::civil::date(2026, 11, 30);
        for action in plan.actions() {
            watchlist.apply(action, today).expect("applies");
        }
        assert_eq!(watchlist.shows.len(), 2_005);
        watchlist
    });
}

/// The episode alerts (premieres, finales, the next season's date) across the watchlist (same
/// data as the calendar), as the alert count and the notifications work them out after an edit:
/// through `EpisodeAlertsMemo`, the edited show worked out again.
#[divan::bench(args = [10_000])]
fn episode_alerts_after_an_edit(bencher: Bencher, n: usize) {
    let today = jiff::civil::date(2026, 11, 30);
    let mut list = generate::watchlist_with_episodes(n, 2026);
    let guides = generate::guides(&mut list, 2026, today);
    let tz = jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC);
    let mut memo = curtaincall::model::guide::EpisodeAlertsMemo::default();
    memo.alerts(&list, &guides, today, &tz, true);
    let mut k = 0;
    bencher.bench_local(|| {
        // An edit: one show replaced (the watchlist's copy is a list of pointers, 0.1 ms).
        let mut edited = list.clone();
        k = (k + 7919) % n;
        Arc::make_mut(&mut edited.shows[k]).notes.push('.');
        memo.alerts(divan::black_box(&edited), &guides, today, &tz, true)
    });
}

/// The episode alerts worked out from nothing (at start, and when the day changes).
#[divan::bench(args = [10_000])]
fn episode_alerts_from_nothing(bencher: Bencher, n: usize) {
    let today = jiff::civil::date(2026, 11, 30);
    let mut list = generate::watchlist_with_episodes(n, 2026);
    let guides = generate::guides(&mut list, 2026, today);
    let tz = jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC);
    bencher.bench(|| {
        curtaincall::model::guide::episode_alerts(
            divan::black_box(&list),
            &guides,
            today,
            &tz,
            true,
        )
    });
}

/// A 5,000-word article (the corpus's articles one after another) read against the sample
/// watchlist and against 10,000 shows: every title looked for, every pattern run.
#[divan::bench(args = [5, 10_000])]
fn read_article_of_5000_words(bencher: Bencher, shows: usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    while text.split_whitespace().count() < 5_000 {
        for file in &files {
            text.push_str(&std::fs::read_to_string(file).expect("reads"));
            text.push('\n');
        }
    }
    let mut list = curtaincall::model::sample().expect("sample");
    if shows > 5 {
        let more = generate::watchlist(shows, 2026);
        list.shows.extend(more.shows);
    }
    // The index of the watchlist's titles is built once and kept between reads (the app keeps
    // it while the titles stay the same); building it is measured below.
    let index = curtaincall::article::Index::new(&list);
    bencher.bench(|| curtaincall::article::read_with(divan::black_box(&text), &list, &index, None));
}

/// Indexing the watchlist's titles and networks for the article reader: once, then again only
/// after a title or network changes.
#[divan::bench(args = [10_000])]
fn article_index_of(bencher: Bencher, shows: usize) {
    let list = generate::watchlist(shows, 2026);
    bencher.bench(|| curtaincall::article::Index::new(divan::black_box(&list)));
}
