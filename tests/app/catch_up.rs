//! After an import, the catalog catches up in the background: each new show is looked up on
//! TVmaze by its ids (`/lookup/shows`, answered with 301 and 302 redirects, or 404), else by
//! its title and year, for the user to confirm; what cannot be matched is listed, to be
//! matched by hand later with its history kept. Where it stands is kept on disk, so a restart
//! (or the user's Stop) resumes where it stopped. The stand-in for TVmaze is a real HTTP
//! server on 127.0.0.1.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::fake_server::{FakeServer, Reply, fixture};
use crate::common::{click, data_file, open_with, options, temp_data, wait_until};
use curtaincall::model::{ScoreSource, Status, Watchlist};
use curtaincall::sources::ProviderConfig;
use curtaincall::store::catch_up::CatchUpQueue;
use curtaincall::ui::{AppOptions, CurtainCallApp};
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn export() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/imdb-to-match.csv")
}

/// TVmaze as the four shows of `imdb-to-match.csv` find it: Harbor Lights by a 302 from its
/// IMDb id, Night Shift Diaries by a 301, Lighthouse Keepers only by its title (and year), and
/// Quiet Acre not at all.
fn tvmaze() -> FakeServer {
    let server = FakeServer::start();
    let to = |path: &str| format!("{}{path}", server.url());
    server.route(
        "/lookup/shows?imdb=tt5000101",
        vec![Reply::Status(
            302,
            vec![("Location".to_owned(), to("/shows/101"))],
            String::new(),
        )],
    );
    server.route(
        "/lookup/shows?imdb=tt5000102",
        vec![Reply::Redirect(to("/shows/102"))],
    );
    server.json("/shows/101", &fixture("tvmaze/show-101-running.json"));
    server.json("/shows/101/episodes", &fixture("tvmaze/episodes-101.json"));
    server.json("/shows/102", &fixture("tvmaze/show-102-old-shape.json"));
    server.json(
        "/search/shows?q=Lighthouse+Keepers",
        r#"[{"score": 0.9, "show": {"id": 103, "name": "Lighthouse Keepers", "premiered": "2023-03-02",
             "status": "Ended", "network": {"id": 9, "name": "Channel 4"}}},
            {"score": 0.4, "show": {"id": 104, "name": "Lighthouse Keepers", "premiered": "1998-01-01"}}]"#,
    );
    server.json(
        "/shows/103",
        r#"{"id": 103, "name": "Lighthouse Keepers", "status": "Ended", "premiered": "2023-03-02",
            "network": {"id": 9, "name": "Channel 4"},
            "_embedded": {"cast": [{"person": {"name": "Ada Quill"}, "character": {"name": "Morwenna"}}]}}"#,
    );
    server.json("/search/shows?q=Quiet+Acre", "[]");
    server
}

fn catalog_options(server: &FakeServer) -> AppOptions {
    AppOptions {
        providers: ProviderConfig::with_urls(Some(server.url()), None),
        ..options()
    }
}

fn wait_until_caught_up(harness: &mut Harness<'static, CurtainCallApp>) {
    wait_until(harness, "every imported show was looked up", |app| {
        app.catch_up()
            .is_some_and(|q| q.pending.is_empty() && q.to_review() == 2)
    });
}

fn empty_watchlist() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_data();
    curtaincall::store::save_atomic(&path, &Watchlist::default()).expect("writes");
    (dir, path)
}

#[test]
fn imported_shows_are_matched_by_id_in_the_background_and_the_rest_listed_to_match_by_hand() {
    let server = tvmaze();
    let (_dir, path) = empty_watchlist();
    let mut harness = open_with(&path, catalog_options(&server));
    harness
        .input_mut()
        .dropped_files
        .push(crate::common::dropped(&export()));
    harness.run();
    click(&mut harness, "Import 4 shows");
    wait_until_caught_up(&mut harness);

    let watchlist = harness.state().watchlist().expect("open").clone();
    let harbor = watchlist.find("Harbor Lights").expect("imported");
    assert_eq!(harbor.external_ids.tvmaze, Some(101), "found through a 302");
    assert_eq!(harbor.network.as_deref(), Some("Prime Video"));
    assert_eq!(harbor.status, Status::Airing);
    assert!(!harbor.cast.is_empty(), "the cast came with it");
    assert!(
        harbor
            .scores
            .iter()
            .any(|s| s.source == ScoreSource::Personal && s.value == 9.0),
        "the user's IMDb rating stays"
    );
    let night = watchlist.find("Night Shift Diaries").expect("imported");
    assert_eq!(night.external_ids.tvmaze, Some(102), "found through a 301");
    assert_eq!(night.status, Status::Ended);
    assert_eq!(harness.state().guide_count(), 1, "Harbor Lights' episodes");
    assert!(
        watchlist
            .shows
            .iter()
            .all(|s| s.status_history.iter().all(|c| c.seen)),
        "recognising imported shows raises no alert"
    );
    let queue = harness.state().catch_up().expect("read").clone();
    assert_eq!(queue.proposed.len(), 1);
    assert_eq!(
        queue.proposed[0].tvmaze, 103,
        "the same title and year, not the 1998 one"
    );
    assert_eq!(queue.not_matched.len(), 1);
    harness.get_by_label_contains("2 shows to match by hand");
    // The import is still what Undo takes back: the catalog's details are no step of theirs.
    assert!(
        harness
            .state()
            .undo_label()
            .is_some_and(|l| l.starts_with("import 4 shows")),
        "{:?}",
        harness.state().undo_label()
    );

    // Confirm the match by title; search for the one not found.
    click(&mut harness, "🗄 File");
    click(&mut harness, "Match imported shows… (2)");
    harness.get_by_label_contains("TVmaze has “Lighthouse Keepers (2023), Channel 4”");
    click(&mut harness, "✔ That's it");
    wait_until(&mut harness, "Lighthouse Keepers is matched", |app| {
        app.watchlist()
            .and_then(|w| w.find("Lighthouse Keepers").ok())
            .is_some_and(|s| s.external_ids.tvmaze == Some(103))
    });
    let lighthouse = harness
        .state()
        .watchlist()
        .and_then(|w| w.find("Lighthouse Keepers").ok())
        .expect("there")
        .clone();
    assert_eq!(lighthouse.cast[0].actor.as_str(), "Ada Quill");
    assert!(
        lighthouse.scores.iter().any(|s| s.value == 8.0),
        "its history stays"
    );
    // Matching by hand is the user's step: Undo takes it back.
    assert!(
        harness
            .state()
            .undo_label()
            .is_some_and(|l| l.starts_with("match “Lighthouse Keepers”"))
    );
    click(&mut harness, "Search TVmaze for Quiet Acre");
    crate::common::wait_for_label_containing(
        &mut harness,
        "No show on TVmaze matches “Quiet Acre”",
    );
    click(&mut harness, "Keep as it is");
    harness.run();
    assert_eq!(harness.state().catch_up().expect("read").to_review(), 0);
    assert!(
        harness
            .state()
            .watchlist()
            .expect("open")
            .find("Quiet Acre")
            .is_ok(),
        "kept, a show of the user's own"
    );
    assert_eq!(server.count("/lookup/shows"), 4, "each show looked up once");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        harness.state().watchlist().expect("open").shows.is_empty(),
        "undo, undo: as before"
    );
}

fn curtaincall(path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_curtaincall"))
        .env_remove("CURTAINCALL_DATA")
        .env("CURTAINCALL_STATE_DIR", data_file(path).state_dir)
        .arg("--data")
        .arg(path)
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn an_import_made_while_the_app_was_closed_is_caught_up_when_it_opens_and_stop_is_kept() {
    let server = tvmaze();
    let (_dir, path) = empty_watchlist();
    let out = curtaincall(
        &path,
        &["import", export().to_str().expect("utf-8"), "--yes"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let queue = CatchUpQueue::load(&data_file(&path));
    assert_eq!(queue.pending.len(), 4, "queued for the app");
    assert_eq!(queue.pending[0].year, Some(2025), "with the export's year");

    // Stopped before the app opens: it asks nothing until resumed, also after a restart.
    let mut stopped = queue.clone();
    stopped.stopped = true;
    stopped.save(&data_file(&path)).expect("writes");
    {
        let mut harness = open_with(&path, catalog_options(&server));
        wait_until(&mut harness, "the queue is read", |app| {
            app.catch_up().is_some()
        });
        harness.run();
        assert_eq!(server.requests().len(), 0, "stopped: nothing asked");
        click(&mut harness, "🗄 File");
        harness.get_by_label("Resume fetching details (4 left)");
    }
    let mut resumed = stopped;
    resumed.stopped = false;
    resumed.save(&data_file(&path)).expect("writes");
    let mut harness = open_with(&path, catalog_options(&server));
    wait_until_caught_up(&mut harness);
    let watchlist = harness.state().watchlist().expect("open");
    assert_eq!(
        watchlist
            .find("Harbor Lights")
            .expect("there")
            .external_ids
            .tvmaze,
        Some(101)
    );
    // Where it stands is on disk too.
    let on_disk = CatchUpQueue::load(&data_file(&path));
    assert_eq!((on_disk.pending.len(), on_disk.to_review()), (0, 2));
}

#[test]
fn stop_in_the_status_bar_cancels_the_lookup_and_keeps_the_rest_for_later() {
    let server = tvmaze();
    let gate = crate::common::fake_server::Gate::default();
    // The first lookup is held until the test has pressed Stop; asked again, it redirects.
    let to_show = format!("{}/shows/101", server.url());
    server.route(
        "/lookup/shows?imdb=tt5000101",
        vec![
            Reply::Held(gate.clone(), "{}".to_owned()),
            Reply::Status(302, vec![("Location".to_owned(), to_show)], String::new()),
        ],
    );
    let (_dir, path) = empty_watchlist();
    let out = curtaincall(
        &path,
        &["import", export().to_str().expect("utf-8"), "--yes"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut harness = open_with(&path, catalog_options(&server));
    wait_until(&mut harness, "the first lookup is asked", |_| {
        server.count("/lookup/shows") == 1
    });
    harness.get_by_label_contains("Fetching details: 0 of 4");
    click(&mut harness, "Stop fetching details");
    gate.open();
    let file = data_file(&path);
    wait_until(&mut harness, "the stop is on disk", |_| {
        CatchUpQueue::load(&file).stopped
    });
    let queue = harness.state().catch_up().expect("read").clone();
    assert_eq!(queue.pending.len(), 4, "nothing was lost");
    click(&mut harness, "🗄 File");
    click(&mut harness, "Resume fetching details (4 left)");
    wait_until_caught_up(&mut harness);
}
