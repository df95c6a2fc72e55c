//! UI frame CPU time with the real app in a headless egui context (egui_kittest, no GPU):
//! the list scrolled to the middle with a filter active, at 100, 10,000 and 100,000 shows; and
//! the longest frame while edits are saved in the background.
//!
//! `cargo bench --bench frame` (add `-- quick` to skip 100,000)

use std::path::Path;
use std::time::{Duration, Instant};

use curtaincall::model::generate;
use curtaincall::store::{self, DataFile};
use curtaincall::ui::{AppOptions, CurtainCallApp};
use egui_kittest::Harness;

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
        let mut harness = open(&path, dir.path(), Duration::from_millis(500));
        let median = idle_frames(&mut harness, n);
        println!(
            "n = {n:>7}: frame median {:>7.3} ms, p99 {:>7.3} ms   (file prepared in {prepared:.1?})",
            ms(median.0),
            ms(median.1)
        );
        medians.push((n, median.0));
        if n == 10_000 {
            let (median, max) = frames_while_saving(&mut harness);
            println!(
                "n = {n:>7}: while saving on every edit: frame median {:.3} ms, longest {:.3} ms",
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
fn open(path: &Path, dir: &Path, save_delay: Duration) -> Harness<'static, CurtainCallApp> {
    let file = DataFile::with_state_dir(path, dir.join("state"));
    let options = AppOptions {
        save_delay,
        watch_folder: false,
        // Frames only: no catalog check, whatever the data holds.
        check_at_start: false,
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
    for _ in 0..10 {
        harness.step();
    }
    let _ = n;
    let mut times: Vec<Duration> = (0..FRAMES)
        .map(|_| {
            let start = Instant::now();
            harness.step();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[times.len() * 99 / 100])
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
