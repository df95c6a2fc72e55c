//! Helpers shared by the UI tests: the real app in an egui_kittest harness, on a data file in a
//! temporary directory, with its backups and lock in a `state/` folder beside it.

#![allow(dead_code)]

pub mod fake_server;
pub mod images;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use curtaincall::session::Timing;
use curtaincall::store::DataFile;
use curtaincall::ui::{AppOptions, CurtainCallApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// How long a test waits for something the app does in the background before it gives up: a
/// backstop for a hang, far longer than any machine needs, never a wait for its own sake.
pub const PATIENCE: Duration = Duration::from_secs(60);

pub fn options() -> AppOptions {
    AppOptions {
        timing: Timing {
            save_delay: Duration::ZERO,
            ..Timing::default()
        },
        auto_check: false,
        // Only the tests of the command line talking to the app listen.
        listen: false,
        // Never the user's own autostart folder.
        autostart_dir: None,
        // Never the real catalog (an import's new shows are looked up in the background): a
        // test that wants one serves it on 127.0.0.1.
        providers: curtaincall::sources::ProviderConfig::with_urls(
            Some(fake_server::unreachable_url()),
            None,
        ),
        ..AppOptions::default()
    }
}

/// The app on `path`, with the file loaded.
pub fn open(path: &Path) -> Harness<'static, CurtainCallApp> {
    open_with(path, options())
}

/// The app on `path` with `options`; backups and the lock live beside the file in `state/`.
pub fn open_with(path: &Path, options: AppOptions) -> Harness<'static, CurtainCallApp> {
    let file = data_file(path);
    let mut harness = Harness::builder()
        .with_size([1280.0, 1600.0])
        // Background saves and folder events wake the UI; give it room to settle.
        .with_max_steps(64)
        .build_eframe(move |cc| CurtainCallApp::new(cc, file, options));
    wait_until(&mut harness, "the file loads", |app| {
        app.is_ready() || app.load_error().is_some()
    });
    harness.run();
    harness
}

/// Steps the app until `done` holds (giving up after [`PATIENCE`]).
pub fn wait_until(
    harness: &mut Harness<'static, CurtainCallApp>,
    what: &str,
    done: impl Fn(&CurtainCallApp) -> bool,
) {
    let deadline = Instant::now() + PATIENCE;
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    // The state may have changed after this frame was drawn (background results are also taken
    // at the end of a frame): draw one more so the screen shows it.
    harness.step();
}

/// Steps the app until the data file contains `text`.
pub fn wait_for_file(
    harness: &mut Harness<'static, CurtainCallApp>,
    path: &Path,
    text: &str,
) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        harness.step();
        if let Ok(content) = fs::read_to_string(path)
            && content.contains(text)
        {
            return content;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {text:?} in the file"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub fn data_file(path: &Path) -> DataFile {
    let state = path
        .parent()
        .map_or_else(|| PathBuf::from("state"), |d| d.join("state"));
    DataFile::with_state_dir(path, state)
}

pub fn temp_data() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("watchlist.ron");
    (dir, path)
}

/// The watchlist in the file at `path`.
pub fn loaded(path: &Path) -> curtaincall::model::Watchlist {
    match curtaincall::store::load(path).expect("loads") {
        curtaincall::store::Loaded::Found(watchlist) => watchlist,
        curtaincall::store::Loaded::Missing => panic!("no file at {}", path.display()),
    }
}

/// Focuses the field labelled `label` and types `text` into it, as a person would.
pub fn type_into(harness: &mut Harness<'static, CurtainCallApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Steps the app until a widget whose label contains `text` shows (giving up after
/// [`PATIENCE`]).
pub fn wait_for_label_containing(harness: &mut Harness<'static, CurtainCallApp>, text: &str) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        harness.step();
        if harness.query_all_by_label_contains(text).next().is_some() {
            harness.step();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("nothing labelled with {text:?} showed");
}

/// Clicks the widget labelled `label` and lets the app settle.
pub fn click(harness: &mut Harness<'static, CurtainCallApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Clicks `chip`, something that picks what the list shows (a smart list, a tag, a menu item,
/// a statistics bar); the list then shows a row containing `present` and none containing
/// `absent`.
pub fn pick_list(
    harness: &mut Harness<'static, CurtainCallApp>,
    chip: &str,
    present: &str,
    absent: &str,
) {
    click(harness, chip);
    harness.get_by_label_contains(present);
    assert!(
        harness.query_by_label_contains(absent).is_none(),
        "{chip}: {absent:?} is not listed"
    );
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// `path` as a file dropped on the window.
pub fn dropped(path: &Path) -> eframe::egui::DroppedFileHandle {
    std::sync::Arc::new(Dropped(path.to_owned()))
}
