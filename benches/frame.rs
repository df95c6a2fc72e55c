//! UI frame CPU time with the real app in a headless egui context (egui_kittest, no GPU):
//! the list scrolled to the middle with a filter active, at 100, 10,000 and 100,000 shows; the
//! longest frame while edits are saved in the background; and the longest frame while a check
//! for changes runs against a catalog on 127.0.0.1 and its answers are taken in.
//!
//! `cargo bench --bench frame` (add `-- quick` to skip 100,000)

// A benchmark or a developer tool, not the app: a failure here may simply panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

use curtaincall::model::{CatalogState, Watchlist, generate};
use curtaincall::session::Timing;
use curtaincall::sources::ProviderConfig;
use curtaincall::store::guide_cache::GuideCache;
use curtaincall::store::{self, DataFile};
use curtaincall::ui::{AppOptions, CurtainCallApp};
use egui_kittest::Harness;

#[path = "../tests/app/common/fake_server.rs"]
#[allow(dead_code)]
mod fake_server;

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let sizes: &[usize] = if quick {
        &[100, 10_000]
    } else {
        &[100, 10_000, 100_000]
    };
    println!(
        "machine: {} cores; times are medians of {FRAMES} frames",
        cores()
    );
    let mut medians = Vec::new();
    for &n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("watchlist.ron");
        let started = Instant::now();
        store::save_atomic(&path, &generate::watchlist(n, 2026)).expect("writes");
        let prepared = started.elapsed();
        let mut harness = open(
            &path,
            dir.path(),
            Duration::from_millis(500),
            ProviderConfig::default(),
            None,
        );
        let median = idle_frames(&mut harness, n);
        println!(
            "n = {n:>7}: frame median {:>7.3} ms, p99 {:>7.3} ms   (file prepared in {prepared:.1?})",
            ms(median.0),
            ms(median.1)
        );
        medians.push((n, median.0));
        if n == 10_000 {
            let (median, max, alerts) = frames_with_the_alerts_open(dir.path(), n);
            println!(
                "n = {n:>7}: the Alerts window open ({alerts} alerts): frame median {:.3} ms, longest {:.3} ms",
                ms(median),
                ms(max)
            );
            let (median, max) = frames_while_saving(&mut harness);
            println!(
                "n = {n:>7}: while saving on every edit: frame median {:.3} ms, longest {:.3} ms",
                ms(median),
                ms(max)
            );
            let (median, max) = frames_opening_guides(dir.path(), n);
            println!(
                "n = {n:>7}: the frame that opens a show with its episode guide (60 episodes, 40 watched): median {:.3} ms, longest {:.3} ms",
                ms(median),
                ms(max)
            );
            let (median, max, changed) = frames_while_refreshing(dir.path(), n);
            println!(
                "n = {n:>7}: while a check takes in {changed} changed shows: frame median {:.3} ms, longest {:.3} ms",
                ms(median),
                ms(max)
            );
            let (median, max) = frames_while_catching_up(dir.path(), n);
            println!(
                "n = {n:>7}: while {CAUGHT_UP} imported shows are matched and linked: frame median {:.3} ms, longest {:.3} ms",
                ms(median),
                ms(max)
            );
        }
    }
    if let (Some(first), Some(last)) = (medians.first(), medians.last()) {
        println!(
            "flatness: t({}) / t({}) = {:.2}",
            last.0,
            first.0,
            last.1.as_secs_f64() / first.1.as_secs_f64()
        );
    }
}

const FRAMES: usize = 300;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The app on `path`, loaded, at a typical window size.
fn open(
    path: &Path,
    dir: &Path,
    save_delay: Duration,
    providers: ProviderConfig,
    guide_cache: Option<GuideCache>,
) -> Harness<'static, CurtainCallApp> {
    let file = DataFile::with_state_dir(path, dir.join("state"));
    let options = AppOptions {
        timing: Timing {
            save_delay,
            ..Timing::default()
        },
        providers,
        config_dir: Some(dir.join("config")),
        // Frames only: nothing listening for the command line.
        listen: false,
        autostart_dir: None,
        watch_folder: false,
        // Frames only: no catalog check, whatever the data holds.
        auto_check: false,
        guide_cache,
        ..AppOptions::default()
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(1000)
        .build_eframe(move |cc| CurtainCallApp::new(cc, file, options));
    let deadline = Instant::now() + Duration::from_secs(600);
    while !harness.state().is_ready() {
        assert!(Instant::now() < deadline, "the file did not load");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness
}

/// The frames that open one show after another (50 of them, spread over the list), each with
/// its episode guide from the cache: what a click on a show costs. Median and longest.
fn frames_opening_guides(dir: &Path, n: usize) -> (Duration, Duration) {
    let dir = dir.join("guides");
    let path = dir.join("watchlist.ron");
    std::fs::create_dir_all(&dir).expect("folder");
    let mut list = generate::watchlist_with_episodes(n, 2026);
    let guides = generate::guides(&mut list, 2026, curtaincall::model::today());
    store::save_atomic(&path, &list).expect("writes");
    let cache = GuideCache::new(dir.join("cache"));
    for guide in guides.values() {
        cache.store(guide).expect("caches");
    }
    let mut harness = open(
        &path,
        &dir,
        Duration::from_millis(500),
        ProviderConfig::default(),
        Some(cache),
    );
    let deadline = Instant::now() + Duration::from_secs(600);
    while harness.state().guide_count() < n {
        assert!(Instant::now() < deadline, "the guides did not load");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.step();
    let mut times: Vec<Duration> = (0..50)
        .map(|k| {
            let id = format!("show-{}", 1 + (k * 197) % n);
            harness.state_mut().select_and_reveal(&id);
            let start = Instant::now();
            harness.step();
            let frame = start.elapsed();
            harness.step();
            frame
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

/// Median and 99th percentile of frames with the list filtered (canceled only) and scrolled
/// to the middle, the middle show's detail open.
fn idle_frames(harness: &mut Harness<'static, CurtainCallApp>, n: usize) -> (Duration, Duration) {
    harness
        .state_mut()
        .set_list_filter("", curtaincall::model::query::Filter::Canceled);
    harness.step();
    let watchlist = harness.state().watchlist().expect("open").clone();
    let canceled: Vec<&str> = watchlist
        .shows
        .iter()
        .filter(|s| s.status == curtaincall::model::Status::Canceled)
        .map(|s| s.id.as_str())
        .collect();
    let middle = canceled
        .get(canceled.len() / 2)
        .copied()
        .unwrap_or("show-1");
    harness.state_mut().select_and_reveal(middle);
    let _ = n;
    let times = timed_frames(harness, FRAMES);
    (times[times.len() / 2], times[times.len() * 99 / 100])
}

/// How long each of `count` frames took, shortest first (after ten frames to settle).
fn timed_frames(harness: &mut Harness<'static, CurtainCallApp>, count: usize) -> Vec<Duration> {
    for _ in 0..10 {
        harness.step();
    }
    let mut times: Vec<Duration> = (0..count)
        .map(|_| {
            let start = Instant::now();
            harness.step();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

/// The frames with the Alerts window open on `n` shows whose latest status change is unseen
/// (every show an alert: the worst case, as after a first check of a large import): median
/// and longest, and how many alerts it lists.
fn frames_with_the_alerts_open(dir: &Path, n: usize) -> (Duration, Duration, usize) {
    use egui_kittest::kittest::Queryable as _;
    let path = dir.join("alerts.ron");
    let mut watchlist = generate::watchlist(n, 2026);
    for show in &mut watchlist.shows {
        if let Some(last) = std::sync::Arc::make_mut(show).status_history.last_mut() {
            last.seen = false;
        }
    }
    let alerts = curtaincall::model::alerts::count(&watchlist);
    store::save_atomic(&path, &watchlist).expect("writes");
    let mut harness = open(
        &path,
        dir,
        Duration::from_millis(500),
        ProviderConfig::default(),
        None,
    );
    harness.get_by_label(&format!("🔔 {alerts} alerts")).click();
    let times = timed_frames(&mut harness, 100);
    (times[times.len() / 2], times[times.len() - 1], alerts)
}

/// Types into the notes every frame with no save delay, so saves run in the background the
/// whole time; returns the median and the longest frame.
fn frames_while_saving(harness: &mut Harness<'static, CurtainCallApp>) -> (Duration, Duration) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label("Notes").focus();
    harness.step();
    let mut times: Vec<Duration> = (0..FRAMES)
        .map(|i| {
            harness
                .get_by_label("Notes")
                .type_text(if i % 2 == 0 { "a" } else { "b" });
            let start = Instant::now();
            harness.step();
            let took = start.elapsed();
            // Real frames come at most every ~16 ms; give the saver that time too.
            std::thread::sleep(Duration::from_millis(4));
            took
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

/// How many shows the catalog reports as changed in the refresh run: TVmaze updates a few
/// hundred of its ~80,000 shows a day, so this is a busy day for a 10,000-show watchlist.
const CHANGED: usize = 500;

/// A 10,000-show watchlist whose every show TVmaze knows (checked before), a catalog on
/// 127.0.0.1 that reports `CHANGED` of them as updated, and F5: the median and longest frame
/// from the key press until every answer is taken in, and how many shows changed.
fn frames_while_refreshing(dir: &Path, n: usize) -> (Duration, Duration, usize) {
    let server = fake_server::FakeServer::start();
    let template = fake_server::fixture("tvmaze/show-101-running.json");
    let mut updates = Vec::new();
    let mut watchlist: Watchlist = generate::watchlist(n, 2026);
    for (i, show) in watchlist.shows.iter_mut().enumerate() {
        let tvmaze = 10_000 + i as u64;
        let show = std::sync::Arc::make_mut(show);
        show.external_ids.tvmaze = Some(tvmaze);
        show.catalog = Some(CatalogState {
            updated: Some(1_700_000_000),
            ..CatalogState::default()
        });
        if i % (n / CHANGED) == 0 {
            updates.push(format!("\"{tvmaze}\": 1760000000"));
            let answer = template.replacen("\"id\": 101", &format!("\"id\": {tvmaze}"), 1);
            server.json(&format!("/shows/{tvmaze}"), &answer);
        }
    }
    server.json("/updates/shows", &format!("{{{}}}", updates.join(",")));
    let path = dir.join("refresh.ron");
    store::save_atomic(&path, &watchlist).expect("writes");
    let mut providers = ProviderConfig::with_urls(Some(server.url()), Some(server.url()));
    // The catalog is on this machine: no need to keep to TVmaze's 20 calls per 10 s.
    providers.http.max_calls = 100_000;
    let mut harness = open(&path, dir, Duration::from_millis(500), providers, None);
    let before = harness.state().watchlist().expect("open").clone();
    harness.key_press(egui::Key::F5);
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut times = Vec::new();
    loop {
        let start = Instant::now();
        harness.step();
        times.push(start.elapsed());
        if !harness.state().is_checking() && times.len() > 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the check did not finish");
        // Real frames come at most every ~16 ms.
        std::thread::sleep(Duration::from_millis(4));
    }
    let after = harness.state().watchlist().expect("open");
    let changed = after
        .shows
        .iter()
        .zip(&before.shows)
        .filter(|(a, b)| !std::sync::Arc::ptr_eq(a, b))
        .count();
    assert!(changed >= CHANGED, "only {changed} shows were refreshed");
    times.sort();
    (times[times.len() / 2], times[times.len() - 1], changed)
}

/// Imported shows the catalog catches up on in [`frames_while_catching_up`].
const CAUGHT_UP: usize = 200;

/// A 10,000-show watchlist in which `CAUGHT_UP` shows came from an import (an IMDb id, no
/// TVmaze id) and wait in the catch-up queue, and a catalog on 127.0.0.1 that finds each by
/// `/lookup/shows` (a redirect) and answers with its details: the median and longest frame
/// from opening until every one is linked (each link an edit of one show).
fn frames_while_catching_up(dir: &Path, n: usize) -> (Duration, Duration) {
    let server = fake_server::FakeServer::start();
    let template = fake_server::fixture("tvmaze/show-101-running.json");
    let mut watchlist: Watchlist = generate::watchlist(n, 2026);
    let mut queue = curtaincall::store::catch_up::CatchUpQueue::default();
    let mut imported = Vec::new();
    for (i, show) in watchlist.shows.iter_mut().enumerate() {
        if i % (n / CAUGHT_UP) != 0 {
            continue;
        }
        let tvmaze = 20_000 + i as u64;
        let show = std::sync::Arc::make_mut(show);
        show.external_ids.tvmaze = None;
        show.catalog = None;
        show.external_ids.imdb = Some(format!("tt{:07}", 5_000_000 + i));
        server.route(
            &format!("/lookup/shows?imdb=tt{:07}", 5_000_000 + i),
            vec![fake_server::Reply::Redirect(format!(
                "{}/shows/{tvmaze}",
                server.url()
            ))],
        );
        let answer = template.replacen("\"id\": 101", &format!("\"id\": {tvmaze}"), 1);
        server.json(&format!("/shows/{tvmaze}"), &answer);
        imported.push(curtaincall::store::catch_up::Queued {
            id: show.id.clone(),
            year: None,
        });
    }
    queue.add(imported);
    let path = dir.join("catch-up.ron");
    store::save_atomic(&path, &watchlist).expect("writes");
    let file = DataFile::with_state_dir(&path, dir.join("state"));
    queue.save(&file).expect("writes the queue");
    let mut providers = ProviderConfig::with_urls(Some(server.url()), None);
    // The catalog is on this machine: no need to keep to TVmaze's 20 calls per 10 s.
    providers.http.max_calls = 100_000;
    let mut harness = open(&path, dir, Duration::from_millis(500), providers, None);
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut times = Vec::new();
    loop {
        let start = Instant::now();
        harness.step();
        times.push(start.elapsed());
        let done = harness
            .state()
            .catch_up()
            .is_some_and(|q| q.pending.is_empty());
        if done && times.len() > 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the catch-up did not finish");
        // Real frames come at most every ~16 ms.
        std::thread::sleep(Duration::from_millis(4));
    }
    let linked = harness
        .state()
        .watchlist()
        .expect("open")
        .shows
        .iter()
        .filter(|s| s.external_ids.tvmaze.is_some_and(|id| id >= 20_000))
        .count();
    assert_eq!(linked, CAUGHT_UP, "every imported show was linked");
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}
