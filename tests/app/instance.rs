//! One instance per data file: the real command line (the binary, as a child process) while
//! the real app (egui_kittest) has the file open, a second launch, and hostile requests on
//! the app's socket.

use std::io::{Read as _, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::fake_server::{FakeServer, fixture};
use crate::common::{PATIENCE, data_file, open_with, options, temp_data, wait_until};
use curtaincall::instance::{self, Launch};
use curtaincall::model::{self, Status, Watchlist};
use curtaincall::sources::{ProviderConfig, Providers};
use curtaincall::store;
use curtaincall::ui::{AppOptions, CurtainCallApp};
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The app on `path` (the sample written there first, unless a file is), listening.
fn open_listening(path: &Path, options: AppOptions) -> Harness<'static, CurtainCallApp> {
    if !path.exists() {
        store::save_atomic(path, &model::sample().expect("sample")).expect("writes");
    }
    let mut harness = open_with(
        path,
        AppOptions {
            listen: true,
            ..options
        },
    );
    wait_until(&mut harness, "the app listens", |app| {
        app.listening_at().is_some()
    });
    harness
}

/// The binary on `path` with `args`, its state beside the file as the app has it; the app is
/// stepped (it answers at its frames) until the command exits.
fn run(harness: &mut Harness<'static, CurtainCallApp>, path: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_curtaincall"))
        .env_remove("CURTAINCALL_DATA")
        .env("CURTAINCALL_STATE_DIR", data_file(path).state_dir)
        .arg("--data")
        .arg(path)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + PATIENCE;
    while child.try_wait().expect("waits").is_none() {
        assert!(Instant::now() < deadline, "{args:?} did not finish");
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.step();
    child.wait_with_output().expect("output")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn show_status(watchlist: &Watchlist, title: &str) -> Status {
    watchlist.find(title).expect("the show").status
}

/// Steps the app until the file on disk holds what `holds` wants.
fn wait_for_disk(
    harness: &mut Harness<'static, CurtainCallApp>,
    path: &Path,
    what: &str,
    holds: impl Fn(&Watchlist) -> bool,
) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Ok(store::Loaded::Found(on_disk)) = store::load(path)
            && holds(&on_disk)
        {
            return;
        }
        assert!(Instant::now() < deadline, "the file never had {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn set_status_while_the_app_is_open_goes_through_it_and_one_undo_takes_it_back() {
    let (_dir, path) = temp_data();
    let mut harness = open_listening(&path, options());
    let out = run(
        &mut harness,
        &path,
        &["set-status", "Slow Horses", "canceled"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Slow Horses: returning → canceled\n");
    // In the window at once, with where it came from.
    let watchlist = harness.state().watchlist().expect("open");
    assert_eq!(show_status(watchlist, "Slow Horses"), Status::Canceled);
    harness.get_by_label_contains("From the command line: Slow Horses set to Canceled");
    wait_for_disk(&mut harness, &path, "the cancellation", |w| {
        show_status(w, "Slow Horses") == Status::Canceled
    });

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let watchlist = harness.state().watchlist().expect("open");
    assert_eq!(show_status(watchlist, "Slow Horses"), Status::Returning);
    wait_for_disk(&mut harness, &path, "the undo", |w| {
        show_status(w, "Slow Horses") == Status::Returning
    });
}

#[test]
fn add_and_tag_go_through_the_app_and_a_refusal_exits_as_it_always_has() {
    let (_dir, path) = temp_data();
    let mut harness = open_listening(&path, options());
    let out = run(
        &mut harness,
        &path,
        &["add", "Bad Sisters", "--status", "ended"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Added “Bad Sisters” as bad-sisters\n");
    assert_eq!(
        harness.state().selected(),
        Some("bad-sisters"),
        "opened in the window"
    );

    let out = run(
        &mut harness,
        &path,
        &["tag", "Slow Horses", "spy", "comfort"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "“Slow Horses” tags: with Sam, spy, comfort\n");
    wait_for_disk(&mut harness, &path, "the tags", |w| {
        w.find("Slow Horses").is_ok_and(|s| s.tags.len() == 3) && w.find("Bad Sisters").is_ok()
    });
    // Both tags are one edit: one undo takes both off, and leaves the show added before.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let watchlist = harness.state().watchlist().expect("open");
    assert_eq!(
        watchlist.find("Slow Horses").expect("show").tags,
        ["with Sam"]
    );
    assert!(watchlist.find("Bad Sisters").is_ok());

    // Refused by the app: the same words and exit code as on the file.
    let out = run(&mut harness, &path, &["set-status", "Nope", "ended"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(
        said.contains("was not changed") && said.contains("Nope"),
        "{said}"
    );
}

#[test]
fn check_while_the_app_is_open_checks_in_the_app_and_prints_what_it_found() {
    let (_dir, path) = temp_data();
    let server = FakeServer::start();
    server.json("/shows/101", &fixture("tvmaze/show-101-running.json"));
    let config = ProviderConfig::with_urls(Some(server.url()), None);
    let fresh = Providers::new(&config).show(101, None).expect("fixture");
    let mut watchlist = Watchlist::default();
    let mut show = fresh.to_show("2025-05-01".parse().expect("date"));
    show.id = "harbor-lights".into();
    watchlist.shows.push(std::sync::Arc::new(show));
    store::save_atomic(&path, &watchlist).expect("saves");
    let mut providers = ProviderConfig::with_urls(Some(server.url()), Some(server.url()));
    providers.http.overall_timeout = Duration::from_secs(2);
    let mut harness = open_listening(
        &path,
        AppOptions {
            providers,
            ..options()
        },
    );
    server.json("/updates/shows", r#"{"101": 1770000000}"#);
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));

    // The binary is pointed at an address with nothing behind it: only the app may ask.
    let out = run(
        &mut harness,
        &path,
        &["--tvmaze-url", "http://127.0.0.1:9", "check"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Harbor Lights: TVmaze:"),
        "{}",
        stdout(&out)
    );
    let watchlist = harness.state().watchlist().expect("open");
    assert_eq!(show_status(watchlist, "Harbor Lights"), Status::Ended);
    harness.get_by_label("🔔 1 alert");
}

#[test]
fn a_second_launch_brings_the_first_window_forward_and_exits() {
    let (_dir, path) = temp_data();
    let mut harness = open_listening(&path, options());
    let out = run(&mut harness, &path, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("brought forward"), "{}", stderr(&out));
    assert_eq!(harness.state().times_raised(), 1);
}

#[test]
fn a_launch_beside_an_app_that_does_not_answer_opens_read_only_and_says_why() {
    let (_dir, path) = temp_data();
    store::save_atomic(&path, &model::sample().expect("sample")).expect("writes");
    // The first app holds the file; its socket takes connections but nobody answers, as when
    // the process is stopped.
    let first = open_with(&path, options());
    let address = instance::address(&data_file(&path));
    std::fs::create_dir_all(address.parent().expect("folder")).expect("folder");
    let _silent = std::os::unix::net::UnixListener::bind(&address).expect("binds");
    let why = match instance::announce_launch(&address) {
        Launch::Silent(why) => why,
        other => panic!("{other:?}"),
    };
    assert_eq!(why, "no answer within 1 s");
    let second = open_with(
        &path,
        AppOptions {
            silent_owner: Some(why),
            ..options()
        },
    );
    let reason = second.state().read_only_reason().expect("read-only");
    assert!(reason.contains("did not answer"), "{reason}");
    second.get_by_label_contains("did not answer");
    drop(first);
}

/// Sends raw bytes on the app's socket and reads whatever comes back until it closes.
fn send_raw(address: &Path, bytes: Vec<u8>, then_close: bool) -> Vec<u8> {
    let mut stream = UnixStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(PATIENCE))
        .expect("read timeout");
    let mut writer = stream.try_clone().expect("clone");
    // Written beside the reading: the app may refuse before reading it all.
    let writing = std::thread::spawn(move || {
        let _ = writer.write_all(&bytes);
        if then_close {
            let _ = writer.shutdown(std::net::Shutdown::Write);
        }
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let _ = writing.join();
    answer
}

fn framed(json: &str) -> Vec<u8> {
    let mut bytes = (json.len() as u32).to_be_bytes().to_vec();
    bytes.extend_from_slice(json.as_bytes());
    bytes.extend_from_slice(&0u32.to_be_bytes());
    bytes
}

#[test]
fn hostile_requests_are_refused_and_the_app_and_its_file_are_untouched() {
    let (_dir, path) = temp_data();
    let mut harness = open_listening(&path, options());
    let address = harness.state().listening_at().expect("listens").to_owned();
    let mode = std::fs::metadata(&address)
        .expect("socket")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "only the user may connect");
    let before = std::fs::read(&path).expect("reads");

    let refused = |answer: &[u8], why: &str| {
        let text = String::from_utf8_lossy(answer);
        assert!(text.contains(r#"{"done":{"Err":"#), "not refused: {text}");
        assert!(text.contains(why), "{why:?} not in {text}");
    };
    refused(
        &send_raw(
            &address,
            b"\x00\x00\x00\x05hello\x00\x00\x00\x00".to_vec(),
            true,
        ),
        "not valid",
    );
    let mut huge = (100u32 * 1024 * 1024).to_be_bytes().to_vec();
    huge.resize(100 * 1024 * 1024 + 4, b'x');
    refused(&send_raw(&address, huge, true), "at most");
    let whole = framed(r#"{"version":1,"body":{"check":{"json":false}}}"#);
    refused(
        &send_raw(&address, whole[..10].to_vec(), true),
        "ended in the middle",
    );
    refused(
        &send_raw(&address, framed(r#"{"version":2,"body":"focus"}"#), true),
        "version 2",
    );
    refused(
        &send_raw(
            &address,
            framed(r#"{"version":1,"body":"format-disk"}"#),
            true,
        ),
        "format-disk",
    );
    // A flood of connections, each closed at once.
    for _ in 0..1000 {
        drop(UnixStream::connect(&address).expect("connects"));
    }
    harness.step();
    assert_eq!(
        std::fs::read(&path).expect("reads"),
        before,
        "nothing written"
    );
    assert_eq!(harness.state().times_raised(), 0);

    // Still listening and answering.
    let out = run(&mut harness, &path, &["set-status", "Slow Horses", "ended"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn poster_sends_the_image_to_the_app_which_checks_it_and_refuses_a_bomb() {
    let (dir, path) = temp_data();
    let cache = curtaincall::posters::PosterCache::new(dir.path().join("app-cache"));
    let mut harness = open_listening(
        &path,
        AppOptions {
            poster_cache: cache.clone(),
            ..options()
        },
    );
    let image = dir.path().join("etoile.png");
    std::fs::write(&image, crate::common::images::png(200, 300)).expect("writes");
    let out = run(
        &mut harness,
        &path,
        &["poster", "Étoile", image.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Set the poster of “Étoile”\n");
    let watchlist = harness.state().watchlist().expect("open");
    let name = watchlist
        .find("Étoile")
        .expect("show")
        .poster_file
        .clone()
        .expect("a poster");
    // In the app's own cache: the app took the bytes, not the path.
    let kept = cache.local_path(&name).expect("a name the cache made");
    assert_eq!(
        std::fs::read(kept).expect("reads"),
        std::fs::read(&image).expect("reads")
    );

    let bomb = dir.path().join("bomb.png");
    std::fs::write(&bomb, crate::common::images::png_claiming(60_000, 60_000)).expect("writes");
    let out = run(
        &mut harness,
        &path,
        &["poster", "Bunheads", bomb.to_str().expect("utf-8")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not used as a poster"),
        "{}",
        stderr(&out)
    );
    let watchlist = harness.state().watchlist().expect("open");
    assert!(
        watchlist
            .find("Bunheads")
            .expect("show")
            .poster_file
            .is_none()
    );
}

#[test]
fn backups_restore_while_the_app_is_open_reopens_it_on_the_backup() {
    let (_dir, path) = temp_data();
    let mut harness = open_listening(&path, options());
    for status in ["ended", "canceled"] {
        let out = run(&mut harness, &path, &["set-status", "Slow Horses", status]);
        assert!(out.status.success(), "{}", stderr(&out));
        let wanted: Status = status.parse().expect("status");
        wait_for_disk(&mut harness, &path, status, |w| {
            show_status(w, "Slow Horses") == wanted
        });
    }
    // Backup 1 is the file as it is; backup 2 the save before it.
    let out = run(&mut harness, &path, &["backups", "restore", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Restored backup 2: 5 shows"),
        "{}",
        stdout(&out)
    );
    wait_until(&mut harness, "the backup is open", |app| {
        app.watchlist()
            .is_some_and(|w| show_status(w, "Slow Horses") == Status::Ended)
    });
    let out = run(&mut harness, &path, &["backups", "restore", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("there is no backup 99"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn watched_while_the_app_is_open_marks_the_episodes_there_as_one_edit() {
    let (_dir, path) = temp_data();
    let mut harness = open_listening(&path, options());
    let out = run(
        &mut harness,
        &path,
        &["watched", "Étoile", "S01E01-S01E03", "--on", "2026-11-02"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "“Étoile”: S1E1-S1E3 watched (up next: S1E4)\n"
    );
    let progress = |harness: &Harness<'static, CurtainCallApp>| {
        harness
            .state()
            .watchlist()
            .expect("open")
            .find("Étoile")
            .expect("show")
            .progress
            .clone()
    };
    assert_eq!(progress(&harness).watched_in(1), 3);
    harness.get_by_label_contains("From the command line: Étoile S1E1-S1E3 watched");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        progress(&harness).watched_in(1),
        0,
        "one undo takes all three back"
    );
}

#[test]
fn import_while_the_app_is_open_goes_through_it_as_one_undoable_step() {
    let (_dir, path) = temp_data();
    let mut harness = open_listening(&path, options());
    let shows = harness.state().watchlist().expect("open").shows.len();
    let export =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/imdb-to-match.csv");
    let export = export.to_str().expect("utf-8");
    let out = run(&mut harness, &path, &["import", export, "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("From IMDb: 4 new shows"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("Imported into"), "{}", stdout(&out));
    let watchlist = harness.state().watchlist().expect("open");
    assert_eq!(watchlist.shows.len(), shows + 4, "in the window at once");
    harness.get_by_label_contains("Import 4 shows from IMDb (from the command line)");
    assert_eq!(
        harness.state().catch_up().map(|q| q.total()),
        Some(4),
        "queued for their details"
    );
    wait_for_disk(&mut harness, &path, "the import", |w| {
        w.shows.len() == shows + 4
    });

    // A second time changes nothing, and says so.
    let again = run(&mut harness, &path, &["import", export, "--yes", "--json"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let json: serde_json::Value = serde_json::from_slice(&again.stdout).expect("JSON");
    assert_eq!(json["applied"], false);
    assert_eq!(json["counts"]["unchanged_shows"], 4);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().watchlist().expect("open").shows.len(),
        shows
    );
}

#[test]
fn read_article_apply_while_the_app_is_open_goes_through_it_as_one_undoable_step() {
    let (_dir, path) = temp_data();
    let mut harness = open_listening(&path, options());
    let article = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles/11-cartographers-canceled.txt");
    let out = run(
        &mut harness,
        &path,
        &[
            "read-article",
            article.to_str().expect("utf-8"),
            "--apply",
            "--source",
            "Variety",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("The Cartographers — not on your watchlist"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("Applied to"), "{}", stdout(&out));
    let show = harness
        .state()
        .watchlist()
        .expect("open")
        .find("The Cartographers")
        .expect("in the window at once")
        .clone();
    assert_eq!(show.status, Status::Canceled);
    harness.get_by_label_contains("Apply an article (from the command line)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .watchlist()
            .expect("open")
            .find("The Cartographers")
            .is_err()
    );
}
