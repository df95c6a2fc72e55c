//! `search`, `add --tvmaze` and `check` through the real binary, against a local catalog.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::fake_server::{FakeServer, fixture, unreachable_url};

/// The binary with its state and config in `dir`, never the user's, and the catalogs at
/// `server`.
fn curtaincall(dir: &Path, server: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_curtaincall"))
        .env_remove("CURTAINCALL_DATA")
        .env_remove("CURTAINCALL_TMDB_KEY")
        .env("CURTAINCALL_STATE_DIR", dir.join("state"))
        .env("CURTAINCALL_CACHE_DIR", dir.join("cache"))
        .env("CURTAINCALL_CONFIG_DIR", dir.join("config"))
        .env("CURTAINCALL_TVMAZE_URL", server)
        .env("CURTAINCALL_TMDB_URL", server)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A watchlist with Harbor Lights added from the catalog (Running), and a storyline.
fn watchlist_with_harbor(dir: &Path, server: &FakeServer) -> std::path::PathBuf {
    let path = dir.join("watchlist.ron");
    server.json("/shows/101", &fixture("tvmaze/show-101-running.json"));
    let out = curtaincall(
        dir,
        &server.url(),
        &["add", "--tvmaze", "101", "--data", path.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    path
}

/// Harbor Lights as `list --json` shows it.
fn listed_harbor(dir: &Path, server: &FakeServer, data: &str) -> serde_json::Value {
    let out = curtaincall(dir, &server.url(), &["list", "--json", "--data", data]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    list.as_array()
        .expect("an array")
        .iter()
        .find(|s| s["id"] == "harbor-lights")
        .cloned()
        .expect("Harbor Lights is listed")
}

#[test]
fn search_prints_a_line_per_show_or_json() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    server.json("/search/shows", &fixture("tvmaze/search-harbor.json"));
    let out = curtaincall(dir.path(), &server.url(), &["search", "harbor"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "    101  Harbor Lights (2025) — Prime Video — running\n    102  Night Shift Diaries (2009) — NBC — ended\n"
    );
    let out = curtaincall(dir.path(), &server.url(), &["search", "harbor", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json[0]["tvmaze"], 101);
    assert_eq!(json[0]["network"], "Prime Video");
    assert_eq!(json[0]["status"], "airing");
    assert_eq!(json[1]["poster_url"], serde_json::Value::Null);

    server.json("/search/shows", "[]");
    let out = curtaincall(dir.path(), &server.url(), &["search", "nothing like it"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).contains("no show on TVmaze matches"));
}

#[test]
fn add_tvmaze_creates_the_show_with_its_cast_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    let path = watchlist_with_harbor(dir.path(), &server);
    let harbor = listed_harbor(dir.path(), &server, path.to_str().unwrap());
    assert_eq!(harbor["network"], "Prime Video");
    assert_eq!(harbor["status"], "airing");
    assert_eq!(harbor["premiered"], "2025-04-24");
    assert_eq!(harbor["genres"], serde_json::json!(["Drama", "Mystery"]));
    assert_eq!(harbor["external_ids"]["tvmaze"], 101);
    assert_eq!(harbor["external_ids"]["imdb"], "tt9000101");
    assert_eq!(harbor["external_ids"]["thetvdb"], 400101);
    assert_eq!(harbor["cast"][1]["character"], "Captain Obi Hale");
    assert!(
        harbor["poster_url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert_eq!(harbor["status_history"][0]["source"], "tvmaze");

    // A second add of the same show is refused and changes nothing.
    let before = fs::read(&path).unwrap();
    let out = curtaincall(
        dir.path(),
        &server.url(),
        &["add", "--tvmaze", "101", "--data", path.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("already on the watchlist"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn check_reports_a_show_that_ended_once_then_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    let path = watchlist_with_harbor(dir.path(), &server);
    let data = path.to_str().unwrap();

    // Nothing changed at TVmaze: nothing printed, file untouched.
    server.json("/updates/shows", r#"{"101": 1760000000}"#);
    let before = fs::read(&path).unwrap();
    let out = curtaincall(dir.path(), &server.url(), &["check", "--data", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(fs::read(&path).unwrap(), before);

    server.json("/updates/shows", r#"{"101": 1770000000}"#);
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
    let out = curtaincall(
        dir.path(),
        &server.url(),
        &["check", "--json", "--data", data],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let kinds: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["status", "end-date", "likely-canceled"]);
    assert_eq!(json[0]["from"], "airing");
    assert_eq!(json[0]["to"], "ended");
    assert_eq!(json[0]["id"], "harbor-lights");
    assert!(
        json[2]["description"]
            .as_str()
            .unwrap()
            .contains("8 of 10 ordered episodes")
    );

    // The file has the change as an unseen alert.
    let harbor = listed_harbor(dir.path(), &server, data);
    assert_eq!(harbor["status"], "ended");
    let history = harbor["status_history"].as_array().unwrap();
    let unseen: Vec<_> = history.iter().filter(|c| c["seen"] == false).collect();
    assert!(unseen.iter().any(|c| c["status"] == "ended"));

    // Asked again: the same answer is not news.
    let out = curtaincall(dir.path(), &server.url(), &["check", "--data", data]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn check_with_the_catalog_down_fails_and_leaves_the_file_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    let path = watchlist_with_harbor(dir.path(), &server);
    let before = fs::read(&path).unwrap();
    let down = unreachable_url();
    let out = curtaincall(
        dir.path(),
        &down,
        &["check", "--data", path.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("could not reach 127.0.0.1"), "{err}");
    assert!(err.contains("was not changed"), "{err}");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_status_set_by_hand_is_kept_when_the_catalog_disagrees() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    let path = watchlist_with_harbor(dir.path(), &server);
    let data = path.to_str().unwrap();
    let out = curtaincall(
        dir.path(),
        &server.url(),
        &["set-status", "harbor-lights", "returning", "--data", data],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    server.json("/updates/shows", r#"{"101": 1770000000}"#);
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
    let out = curtaincall(dir.path(), &server.url(), &["check", "--data", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.contains("Harbor Lights: TVmaze says Ended; you set Returning"),
        "{printed}"
    );
    let file = fs::read_to_string(&path).unwrap();
    assert!(file.contains("status: Returning"), "{file}");
    assert!(file.contains("disagreement: Ended"), "{file}");
}

#[test]
fn with_a_tmdb_key_a_cancellation_is_recorded_and_storylines_left_unresolved() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    let path = watchlist_with_harbor(dir.path(), &server);
    let data = path.to_str().unwrap();
    // A storyline, written by hand into the file as a user would.
    let file = fs::read_to_string(&path).unwrap();
    let file = file.replacen(
        "title: \"Harbor Lights\",",
        "title: \"Harbor Lights\",\n            storylines: [(title: \"Who lit the beam?\")],",
        1,
    );
    fs::write(&path, file).unwrap();
    // The key from the settings file in the config dir.
    fs::create_dir_all(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/settings.ron"),
        "(tmdb_key: Some(\"v3key\"))",
    )
    .unwrap();
    server.json("/updates/shows", r#"{"101": 1770000000}"#);
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
    server.json("/find/tt9000101", &fixture("tmdb/find-tt9000101.json"));
    server.json("/tv/77101", &fixture("tmdb/tv-77101-canceled.json"));
    let out = curtaincall(dir.path(), &server.url(), &["check", "--data", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.starts_with("Harbor Lights: TMDB: Airing ➡ Canceled\n"),
        "{printed}"
    );
    assert!(!printed.contains("likely"), "{printed}");
    let harbor = listed_harbor(dir.path(), &server, data);
    assert_eq!(harbor["status"], "canceled");
    assert_eq!(harbor["storylines"][0]["state"], "unresolved");
    assert_eq!(harbor["external_ids"]["tmdb"], 77101);
    // The key never reaches the watchlist.
    assert!(!fs::read_to_string(&path).unwrap().contains("v3key"));
}

#[test]
fn a_show_that_cannot_be_read_is_reported_and_asked_again_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    let path = watchlist_with_harbor(dir.path(), &server);
    let data = path.to_str().unwrap();
    server.json("/updates/shows", r#"{"101": 1770000000}"#);
    server.route(
        "/shows/101",
        vec![crate::common::fake_server::Reply::Status(
            500,
            Vec::new(),
            "oops".into(),
        )],
    );
    let out = curtaincall(dir.path(), &server.url(), &["check", "--data", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("harbor-lights: "),
        "{}",
        text(&out.stderr)
    );
    // Not recorded as checked: the next check asks for every stamp again and reads the show.
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
    let out = curtaincall(dir.path(), &server.url(), &["check", "--data", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("TVmaze: Airing ➡ Ended"));
    let updates: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|r| r.starts_with("/updates/shows"))
        .collect();
    assert_eq!(updates, ["/updates/shows", "/updates/shows"]);
    // Now it is: a third check asks only for the last day.
    curtaincall(dir.path(), &server.url(), &["check", "--data", data]);
    assert_eq!(server.count("/updates/shows?since=day"), 1);
}

#[test]
fn upcoming_lists_the_episodes_a_check_cached_by_day_offline() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    let path = watchlist_with_harbor(dir.path(), &server);
    let data = path.to_str().unwrap();
    // Before any check there is no guide: the command says how to get one.
    let out = curtaincall(dir.path(), &server.url(), &["upcoming", "--data", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("No episode guides yet"));

    // The catalog lists an episode that aired and two to come (stamps made from now).
    let at = |days: i64| {
        (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * days)).to_string()
    };
    let episodes = serde_json::json!([
        {"season": 1, "number": 1, "name": "Low Tide", "airstamp": at(-2), "runtime": 52},
        {"season": 1, "number": 2, "name": "The Keeper", "airstamp": at(3), "runtime": 52},
        {"season": 1, "number": 3, "name": "Fog Signal", "airstamp": at(20), "runtime": null}
    ]);
    server.json("/updates/shows", r#"{"101": 1760000000}"#);
    server.json("/shows/101/episodes", &episodes.to_string());
    let out = curtaincall(dir.path(), &server.url(), &["check", "--data", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(server.count("/shows/101/episodes"), 1);

    // Offline from here: the server is gone.
    let url = server.url();
    drop(server);
    let out = curtaincall(dir.path(), &url, &["upcoming", "--json", "--data", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = json.as_array().expect("an array");
    assert_eq!(rows.len(), 1, "{json}");
    assert_eq!(rows[0]["show"], "harbor-lights");
    assert_eq!(rows[0]["season"], 1);
    assert_eq!(rows[0]["episode"], 2);
    assert_eq!(rows[0]["episode_title"], "The Keeper");
    assert_eq!(rows[0]["watched"], false);
    let out = curtaincall(
        dir.path(),
        &url,
        &["upcoming", "--days", "30", "--data", data],
    );
    let listing = text(&out.stdout);
    assert!(
        listing.contains("Harbor Lights  S1E2 · The Keeper"),
        "{listing}"
    );
    assert!(
        listing.contains("Harbor Lights  S1E3 · Fog Signal  [Season finale]"),
        "{listing}"
    );

    // A number of days out of range is refused with a clear error.
    let out = curtaincall(
        dir.path(),
        &url,
        &["upcoming", "--days", "9999", "--data", data],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--days"),
        "{}",
        text(&out.stderr)
    );

    // The same episodes as an iCalendar file, which parses back.
    let ics = dir.path().join("upcoming.ics");
    let out = curtaincall(
        dir.path(),
        &url,
        &[
            "calendar",
            "--ics",
            "--out",
            ics.to_str().unwrap(),
            "--data",
            data,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let parsed: icalendar::Calendar = fs::read_to_string(&ics)
        .unwrap()
        .parse()
        .expect("parses as iCalendar");
    let summaries: Vec<&str> = parsed
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => icalendar::Component::get_summary(e),
            _ => None,
        })
        .collect();
    assert_eq!(
        summaries,
        [
            "Harbor Lights S1E2 · The Keeper",
            "Harbor Lights S1E3 · Fog Signal"
        ]
    );
    let out = curtaincall(dir.path(), &url, &["calendar", "--data", data]);
    assert_eq!(out.status.code(), Some(2), "iCalendar must be asked for");
}
