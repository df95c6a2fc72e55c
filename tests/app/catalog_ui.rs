//! The catalogs in the real UI (egui_kittest) against a local HTTP server: search and add, a
//! check that flags a show, manual-wins, offline, and a hostile server while the UI works on.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::common::fake_server::{FakeServer, Gate, Reply, fixture, unreachable_url};
use crate::common::{
    open_with, options, temp_data, type_into, wait_for_file, wait_for_label_containing, wait_until,
};
use curtaincall::model::{Source, Status, Watchlist};
use curtaincall::sources::{ProviderConfig, Providers};
use curtaincall::ui::{AppOptions, CurtainCallApp};
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn catalog_options(url: &str) -> AppOptions {
    let mut providers = ProviderConfig::with_urls(Some(url.to_owned()), Some(url.to_owned()));
    providers.http.overall_timeout = Duration::from_secs(2);
    AppOptions {
        providers,
        ..options()
    }
}

/// A watchlist file holding Harbor Lights as TVmaze had it (Running).
fn harbor_file(path: &Path, server: &FakeServer) {
    server.json("/shows/101", &fixture("tvmaze/show-101-running.json"));
    let config = ProviderConfig::with_urls(Some(server.url()), None);
    let fresh = Providers::new(&config).show(101, None).expect("fixture");
    let mut watchlist = Watchlist::default();
    let mut show = fresh.to_show("2025-05-01".parse().unwrap());
    show.id = "harbor-lights".into();
    show.storylines
        .push(curtaincall::model::Storyline::new("Who lit the beam?"));
    watchlist.shows.push(std::sync::Arc::new(show));
    curtaincall::store::save_atomic(path, &watchlist).expect("saves");
}

fn harbor(harness: &Harness<'static, CurtainCallApp>) -> curtaincall::model::Show {
    let watchlist = harness.state().watchlist().expect("open");
    watchlist
        .shows
        .iter()
        .find(|s| s.id == "harbor-lights")
        .map(|s| (**s).clone())
        .expect("Harbor Lights")
}

fn report_ended(server: &FakeServer) {
    server.json("/updates/shows", r#"{"101": 1770000000}"#);
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
}

#[test]
fn search_tvmaze_and_add_a_show_with_its_cast() {
    let (_dir, path) = temp_data();
    let server = FakeServer::start();
    server.json("/search/shows", &fixture("tvmaze/search-harbor.json"));
    server.json("/shows/101", &fixture("tvmaze/show-101-running.json"));
    let mut harness = open_with(&path, catalog_options(&server.url()));

    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::N);
    harness.run();
    type_into(&mut harness, "Search TVmaze", "harbor");
    harness.get_by_label("🔍 Search").click();
    wait_for_label_containing(&mut harness, "Harbor Lights (2025)");
    harness.get_by_label("Prime Video  ·  ▶ Airing");
    harness.get_by_label("Night Shift Diaries (2009)");
    harness.get_by_label("Show data from");

    harness.get_by_label("Add Harbor Lights (2025)").click();
    wait_until(&mut harness, "Harbor Lights is added", |app| {
        app.watchlist()
            .is_some_and(|w| w.shows.iter().any(|s| s.title == "Harbor Lights"))
    });
    let show = harness
        .state()
        .watchlist()
        .unwrap()
        .shows
        .iter()
        .find(|s| s.title == "Harbor Lights")
        .map(|s| (**s).clone())
        .unwrap();
    assert_eq!(show.network.as_deref(), Some("Prime Video"));
    assert_eq!(show.cast.len(), 4);
    assert_eq!(show.external_ids.tvmaze, Some(101));
    assert_eq!(harness.state().selected(), Some(show.id.as_str()));
    // The detail shows the catalog's facts and its attribution.
    harness.get_by_label_contains("Drama, Mystery");
    harness.get_by_label("🔗 Official site");
    let file = wait_for_file(&mut harness, &path, "Captain Obi Hale");
    assert!(file.contains("tvmaze: 101"));
}

#[test]
fn a_search_that_finds_nothing_or_cannot_reach_tvmaze_says_so() {
    let (_dir, path) = temp_data();
    let server = FakeServer::start();
    server.json("/search/shows", "[]");
    let mut harness = open_with(&path, catalog_options(&server.url()));
    harness.get_by_label("➕ Add show").click();
    harness.run();
    type_into(&mut harness, "Search TVmaze", "zzzz");
    harness.get_by_label("🔍 Search").click();
    wait_for_label_containing(&mut harness, "No show on TVmaze matches “zzzz”");
    drop(server);

    // Offline: the error, and the manual form still works.
    let down = unreachable_url();
    let (_dir2, path2) = temp_data();
    let mut harness = open_with(&path2, catalog_options(&down));
    harness.get_by_label("➕ Add show").click();
    harness.run();
    type_into(&mut harness, "Search TVmaze", "harbor");
    harness.get_by_label("🔍 Search").click();
    wait_for_label_containing(&mut harness, "Could not reach 127.0.0.1");
    type_into(&mut harness, "Title", "Offline Show");
    harness.get_by_label("Add show").click();
    harness.run();
    wait_for_file(&mut harness, &path2, "Offline Show");
    let _ = path;
}

#[test]
fn a_check_that_reports_an_end_flags_the_show_and_raises_an_alert() {
    let (_dir, path) = temp_data();
    let server = FakeServer::start();
    harbor_file(&path, &server);
    let mut harness = open_with(&path, catalog_options(&server.url()));
    harness.get_by_label("🔔 No alerts");

    report_ended(&server);
    harness.key_press(Key::F5);
    wait_until(&mut harness, "the check lands", |app| {
        app.watchlist()
            .is_some_and(|w| w.shows[0].status == Status::Ended)
    });
    let show = harbor(&harness);
    let unseen: Vec<_> = show.status_history.iter().filter(|c| !c.seen).collect();
    assert_eq!(unseen.len(), 1, "one alert for the end, with its date");
    assert!(
        unseen[0].note.contains("last episode 2025-06-12"),
        "{}",
        unseen[0].note
    );
    assert!(unseen.iter().all(|c| c.source == Source::TvMaze));
    harness.get_by_label("🔔 1 alert");
    harness.get_by_label_contains("TVmaze: 1 show changed");
    // The row says so too, for a screen reader as for the eye.
    harness.get_by_label_contains("Harbor Lights, Ended, likely canceled?, new alert");

    // The alert names the change; the detail asks whether it was canceled.
    harness.get_by_label("🔔 1 alert").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("TVmaze now lists it as “Ended”")
            .next()
            .is_some()
    );
    // One button per alert; both open the show.
    harness
        .query_all_by_label("Open Harbor Lights")
        .next()
        .expect("an Open button")
        .click();
    harness.run();
    harness.get_by_label("🔔 1 alert").click();
    harness.run();
    harness.get_by_label("⚠ Likely canceled");
    // The accessibility click: the Alerts window just closed over this spot, and a pointer
    // click can land on it while it fades on a loaded machine.
    harness
        .get_by_label("Yes, mark it canceled")
        .click_accesskit();
    harness.run();
    let show = harbor(&harness);
    assert_eq!(show.status, Status::Canceled);
    assert_eq!(
        show.storylines[0].state,
        curtaincall::model::StorylineState::Unresolved
    );
    assert!(harness.query_by_label("⚠ Likely canceled").is_none());
    let file = wait_for_file(&mut harness, &path, "status: Canceled");
    assert!(file.contains("state: Unresolved"), "{file}");
}

#[test]
fn the_status_set_by_hand_wins_until_the_user_accepts_the_catalog() {
    let (_dir, path) = temp_data();
    let server = FakeServer::start();
    harbor_file(&path, &server);
    let mut harness = open_with(&path, catalog_options(&server.url()));
    harness.get_by_label("New status").click();
    harness.run();
    harness.get_by_label("🔁 Returning").click();
    harness.run();
    harness.get_by_label("Set status").click();
    harness.run();
    assert_eq!(harbor(&harness).status, Status::Returning);

    report_ended(&server);
    harness.get_by_label("🔄 Check for changes").click();
    wait_until(&mut harness, "the check lands", |app| {
        app.watchlist().is_some_and(|w| {
            w.shows[0]
                .catalog
                .as_ref()
                .is_some_and(|c| c.disagreement.is_some())
        })
    });
    assert_eq!(
        harbor(&harness).status,
        Status::Returning,
        "never overwritten"
    );
    harness.get_by_label("⚠ TVmaze says Ended; you set Returning.");
    harness.get_by_label("Accept Ended").click();
    harness.run();
    let show = harbor(&harness);
    assert_eq!(show.status, Status::Ended);
    assert_eq!(show.status_history.last().unwrap().source, Source::TvMaze);
    assert!(show.catalog.as_ref().unwrap().disagreement.is_none());
    wait_for_file(&mut harness, &path, "accepted from TVmaze");
}

#[test]
fn an_unreachable_catalog_changes_nothing_and_says_why() {
    let (_dir, path) = temp_data();
    let server = FakeServer::start();
    harbor_file(&path, &server);
    let before = fs::read(&path).unwrap();
    drop(server);
    let down = unreachable_url();
    let mut harness = open_with(&path, catalog_options(&down));
    harness.key_press(Key::F5);
    wait_for_label_containing(&mut harness, "Could not check for changes");
    harness.get_by_label_contains("Nothing was changed");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(!harness.state().has_unsaved_changes());
}

#[test]
fn the_ui_keeps_working_while_a_check_waits_on_the_catalog() {
    let (_dir, path) = temp_data();
    let server = FakeServer::start();
    harbor_file(&path, &server);
    // TVmaze takes its time: the answer is held until the user has edited.
    let gate = Gate::default();
    server.route(
        "/updates/shows",
        vec![Reply::Held(
            gate.clone(),
            r#"{"101": 1770000000}"#.to_owned(),
        )],
    );
    let mut providers = ProviderConfig::with_urls(Some(server.url()), Some(server.url()));
    providers.http.overall_timeout = Duration::from_secs(600);
    let mut harness = open_with(
        &path,
        AppOptions {
            providers,
            ..options()
        },
    );
    harness.key_press(Key::F5);
    wait_until(&mut harness, "TVmaze is asked", |_| {
        server.count("/updates/shows") == 1
    });
    harness.get_by_label("Checking TVmaze for changes…");
    // While the check waits on the server, the user edits: the UI never waits on it.
    harness.get_by_label("New status").click();
    harness.run_steps(4);
    harness.get_by_label("⏳ Undetermined").click();
    harness.run_steps(4);
    harness.get_by_label("Set status").click();
    harness.run_steps(4);
    assert_eq!(harbor(&harness).status, Status::Undetermined);
    assert!(harness.state().is_checking(), "the check is still waiting");
    wait_for_file(&mut harness, &path, "status: Undetermined");
    // The answer comes; the status the user set by hand stays.
    gate.open();
    wait_until(&mut harness, "the check ends", |app| !app.is_checking());
    assert_eq!(harbor(&harness).status, Status::Undetermined);
}

#[test]
fn a_trickling_catalog_times_out_and_says_so() {
    let (_dir, path) = temp_data();
    let server = FakeServer::start();
    harbor_file(&path, &server);
    server.route(
        "/updates/shows",
        vec![Reply::Trickle(
            r#"{"101": 1770000000}"#.to_owned(),
            Duration::from_millis(300),
        )],
    );
    let mut harness = open_with(&path, catalog_options(&server.url()));
    harness.key_press(Key::F5);
    wait_for_label_containing(&mut harness, "did not answer within 2 s");
    assert!(!harness.state().is_checking());
}

#[test]
fn a_tmdb_key_saved_in_settings_tells_canceled_from_ended() {
    let (dir, path) = temp_data();
    let server = FakeServer::start();
    harbor_file(&path, &server);
    let config_dir = dir.path().join("config");
    let mut harness = open_with(
        &path,
        AppOptions {
            config_dir: Some(config_dir.clone()),
            ..catalog_options(&server.url())
        },
    );
    harness.get_by_label("⚙ Settings").click();
    harness.run();
    type_into(&mut harness, "TMDB key", "v3key");
    harness.get_by_label("Save").click();
    harness.run();
    let written = config_dir.join("settings.ron");
    wait_until(&mut harness, "the settings are written", |_| {
        fs::read_to_string(&written).is_ok_and(|s| s.contains("v3key"))
    });
    assert!(!fs::read_to_string(&path).unwrap().contains("v3key"));

    report_ended(&server);
    server.json("/find/tt9000101", &fixture("tmdb/find-tt9000101.json"));
    server.json("/tv/77101", &fixture("tmdb/tv-77101-canceled.json"));
    harness.key_press(Key::F5);
    wait_until(&mut harness, "the check lands", |app| {
        app.watchlist()
            .is_some_and(|w| w.shows[0].status == Status::Canceled)
    });
    let show = harbor(&harness);
    assert_eq!(show.status_history.last().unwrap().source, Source::Tmdb);
    assert_eq!(
        show.storylines[0].state,
        curtaincall::model::StorylineState::Unresolved
    );
    // TMDB said canceled: nothing to confirm.
    assert!(harness.query_by_label("⚠ Likely canceled").is_none());
    harness.get_by_label("🔔 1 alert");
}

#[test]
fn starting_at_login_is_a_setting_that_writes_and_removes_the_autostart_entry() {
    let (dir, path) = temp_data();
    let autostart = dir.path().join("autostart");
    let entry = curtaincall::autostart::entry_path(&autostart);
    let mut harness = open_with(
        &path,
        AppOptions {
            config_dir: Some(dir.path().join("config")),
            autostart_dir: Some(autostart.clone()),
            ..options()
        },
    );
    for on in [true, false] {
        harness.get_by_label("⚙ Settings").click();
        harness.run();
        harness
            .get_by_label_contains("Start Curtain Call when I log in")
            .click();
        harness.run();
        harness.get_by_label("Save").click();
        harness.run();
        wait_until(&mut harness, "the entry follows the setting", |_| {
            entry.exists() == on
        });
        if on {
            let text = fs::read_to_string(&entry).expect("reads");
            assert!(text.contains(" --minimized --data "), "{text}");
        }
    }
    // Off by default: a new user's settings write no entry.
    assert!(!curtaincall::settings::Settings::default().start_at_login);
}
