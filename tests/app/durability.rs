//! Durability of the data file, with the figures the storage issue asks for: crash (SIGKILL)
//! during saves, every truncation, random round trips with hostile text, hostile and malformed
//! files, and writes that fail partway.

use std::fs;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use curtaincall::model::{
    self, Billing, CastMember, EpisodeRef, Score, ScoreKind, ScoreSource, Show, Source, Status,
    StatusChange, Storyline, StorylineState, Watchlist,
};
use curtaincall::store::{self, Loaded, StoreError};
use proptest::prelude::*;

/// A deterministic watchlist of `n` shows with notes and a storyline each, so a parent process
/// can tell exactly which save a file holds.
fn generated(n: usize) -> Watchlist {
    let shows = (0..n)
        .map(|i| {
            let mut show = Show::new(format!("show-{i}"), format!("Show {i}"), Status::Airing);
            show.notes = format!("Notes for show {i}.\n").repeat(8);
            let mut storyline = Storyline::new(format!("Thread {i}"));
            storyline.text = format!("What happened in {i}, \"quoted\".");
            show.storylines.push(storyline);
            Arc::new(show)
        })
        .collect();
    Watchlist {
        schema_version: model::SCHEMA_VERSION,
        shows,
    }
}

/// The child side of the kill test: saves a growing watchlist forever, printing the count of
/// shows after each completed save. Runs only when the parent starts it.
#[test]
#[ignore = "started by the kill tests as a child process"]
fn kill_test_child() {
    let Some(path) = std::env::var_os("CURTAINCALL_KILL_TEST_FILE") else {
        return;
    };
    let start: usize = std::env::var("CURTAINCALL_KILL_TEST_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut stdout = std::io::stdout().lock();
    for n in start.. {
        store::save_atomic(Path::new(&path), &generated(n)).expect("saves");
        // A marker, because the test harness's own "test kill_test_child ... " line has no
        // newline yet when the first save is reported.
        writeln!(stdout, "saved {n}").expect("reports");
        stdout.flush().expect("flushes");
    }
}

/// The child test's name as the test harness knows it: its module path within the binary.
fn child_test_name() -> String {
    let module = module_path!()
        .split_once("::")
        .map_or("", |(_, inside)| inside);
    format!("{module}::kill_test_child")
}

/// A small random number generator, so the kill test needs no extra crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Kills `kills` saving children at random moments; returns (corrupt, mixed) counts.
fn kill_test(kills: usize) -> (usize, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("watchlist.ron");
    let exe = std::env::current_exe().expect("test binary");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    println!("kill test seed {seed}");
    let mut rng = XorShift(seed);
    let (mut corrupt, mut mixed, mut next_start) = (0, 0, 1);
    for _ in 0..kills {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                &child_test_name(),
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CURTAINCALL_KILL_TEST_FILE", &path)
            .env("CURTAINCALL_KILL_TEST_START", next_start.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let stdout = child.stdout.take().expect("piped");
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.split("saved ").nth(1)?.trim().parse::<usize>().ok())
                .last()
        });
        std::thread::sleep(Duration::from_micros(rng.next() % 30_000));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let last_done = reader.join().expect("reader").unwrap_or(next_start - 1);
        match store::load(&path) {
            Ok(Loaded::Found(watchlist)) => {
                let n = watchlist.shows.len();
                let whole = (n == last_done || n == last_done + 1) && watchlist == generated(n);
                if !whole {
                    eprintln!(
                        "mixed after kill: {n} shows, last completed save {last_done}, equal to a save: {}",
                        watchlist == generated(n)
                    );
                    mixed += 1;
                }
                next_start = n + 1;
            }
            Ok(Loaded::Missing) => assert_eq!(last_done, 0, "a completed save left no file"),
            Err(error) => {
                eprintln!("corrupt after kill: {error}");
                corrupt += 1;
            }
        }
    }
    let leftovers = fs::read_dir(dir.path()).expect("lists").count();
    println!("{kills} kills: {corrupt} corrupt, {mixed} mixed, {leftovers} files in the folder");
    (corrupt, mixed)
}

#[cfg(unix)]
#[test]
fn sigkill_during_saves_never_leaves_a_corrupt_or_mixed_file() {
    assert_eq!(kill_test(200), (0, 0));
}

#[cfg(unix)]
#[test]
#[ignore = "long: 1,000 kills; run with --ignored"]
fn sigkill_during_saves_1000_times() {
    assert_eq!(kill_test(1000), (0, 0));
}

#[test]
fn every_truncation_of_a_realistic_file_is_rejected() {
    let mut watchlist = model::sample().expect("sample");
    watchlist.shows.extend(generated(3).shows);
    let text = store::to_ron(&watchlist).expect("ron");
    let bytes = text.as_bytes();
    let (mut rejected, mut whole) = (0, 0);
    for len in 0..bytes.len() {
        match store::from_bytes(&bytes[..len], Path::new("cut.ron")) {
            Err(_) => rejected += 1,
            // Only a cut in the trailing newline may load, and then it must be all of it.
            Ok(loaded) => {
                assert_eq!(
                    loaded, watchlist,
                    "a prefix of {len} bytes loaded with less"
                );
                whole += 1;
            }
        }
    }
    println!(
        "{} prefixes: {rejected} rejected, {whole} loaded whole, 0 loaded with less",
        bytes.len()
    );
    assert!(whole <= 1);
}

/// Text that has broken text formats before: quotes, raw-string markers, backslashes, CRLF,
/// NUL and other control characters, emoji, right-to-left text, and very long notes.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\"#",
        "r#\"",
        "\"##",
        "\\",
        "\\n",
        "\r\n",
        "\n",
        "\0",
        "\t",
        "\u{7}",
        "🎭",
        "👩‍👩‍👧",
        "\u{202e}",
        "שלום",
        "مرحبا",
        "Étoile",
        "Laâge",
        " ",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "//",
        "/*",
        "*/",
        "Some(",
        "None",
        "'",
        "#",
        "\u{feff}",
        "\u{fffd}",
    ]);
    let short = prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), "[a-z ]{0,6}"],
        0..12,
    )
    .prop_map(|parts| parts.concat());
    prop_oneof![
        20 => short,
        1 => Just("\"#\\\r\n🎭 ".repeat(64 * 1024 / 12)),
    ]
}

fn date() -> impl Strategy<Value = Option<jiff::civil::Date>> {
    prop::option::of(
        (1900i16..2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d)),
    )
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn show() -> impl Strategy<Value = Show> {
    (
        "[a-z0-9-]{1,12}",
        hostile_text(),
        prop::option::of(hostile_text()),
        status(),
        prop::collection::vec((status(), date(), hostile_text(), any::<bool>()), 0..3),
        prop::collection::vec(
            (0.0f64..100.0, date(), prop::option::of(hostile_text())),
            0..3,
        ),
        prop::collection::vec((hostile_text(), prop::option::of(hostile_text())), 0..4),
        prop::collection::vec(
            (
                hostile_text(),
                hostile_text(),
                prop::option::of((1u32..30, 0u32..30)),
            ),
            0..3,
        ),
        hostile_text(),
    )
        .prop_map(
            |(id, title, network, status, history, scores, cast, storylines, notes)| {
                let mut show = Show::new(id, title, status);
                show.network = network.map(Into::into);
                show.notes = notes;
                show.status_history = history
                    .into_iter()
                    .map(|(status, on, note, seen)| StatusChange {
                        status,
                        on,
                        source: Source::Url(note.clone()),
                        note,
                        seen,
                    })
                    .collect();
                show.scores = scores
                    .into_iter()
                    .map(|(value, as_of, url)| Score {
                        source: ScoreSource::Other(url.clone().unwrap_or_default()),
                        kind: ScoreKind::Audience,
                        value,
                        out_of: 100.0,
                        as_of,
                        url,
                        history: Vec::new(),
                    })
                    .collect();
                show.cast = cast
                    .into_iter()
                    .map(|(actor, character)| CastMember {
                        actor: actor.into(),
                        character: character.map(Into::into),
                        billing: Billing::Guest,
                    })
                    .collect();
                show.storylines = storylines
                    .into_iter()
                    .map(|(title, text, left_at)| Storyline {
                        title: title.into(),
                        state: StorylineState::Unresolved,
                        left_at: left_at.map(|(s, e)| EpisodeRef(s, e)),
                        characters: [text.as_str()].into_iter().collect(),
                        text,
                        created: None,
                        updated: None,
                        may_be_answered_in: None,
                        resolved_in: None,
                    })
                    .collect();
                show
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_watchlists_round_trip_byte_for_byte(shows in prop::collection::vec(show(), 0..4)) {
        let watchlist = Watchlist {
            schema_version: 1,
            shows: shows.into_iter().map(Arc::new).collect(),
        };
        let text = store::to_ron(&watchlist).expect("serializes");
        let back = store::from_ron(&text, Path::new("prop.ron"));
        prop_assert!(back.is_ok(), "does not load back: {:?}", back.err());
        let back = back.expect("checked");
        prop_assert_eq!(&back, &watchlist);
        prop_assert_eq!(store::to_ron(&back).expect("serializes"), text);
    }
}

/// How fast it is refused is measured by `cargo bench --bench watchlist -- deep_nesting`.
#[test]
fn deep_nesting_fails_without_overflowing_the_stack() {
    for text in [
        format!("(schema_version: 1, shows: {})", "[".repeat(100_000)),
        "(".repeat(100_000),
        format!(
            "(schema_version: 1, shows: [(id: \"a\", title: \"a\", status: Airing, notes: {})])",
            "Some(".repeat(100_000)
        ),
    ] {
        assert!(store::from_ron(&text, Path::new("deep.ron")).is_err());
    }
}

/// Malformed files and the line each error must point at.
fn corpus() -> Vec<(&'static str, Vec<u8>, usize)> {
    let good_head = "(\n    schema_version: 1,\n    shows: [\n        (\n            id: \"a\",\n            title: \"A\",\n";
    let good_tail = "        ),\n    ],\n)\n";
    let body = |line: &str| format!("{good_head}{line}{good_tail}").into_bytes();
    vec![
        ("empty file", Vec::new(), 1),
        ("only whitespace", b"\n\n\n".to_vec(), 4),
        ("all NUL bytes", vec![0; 4096], 1),
        ("missing status (reported at the end of its show)", format!("{good_head}{good_tail}").into_bytes(), 7),
        ("unknown status", body("            status: Cancelled,\n"), 7),
        ("typo in a field name", body("            status: Airing,\n            notse: \"x\",\n"), 8),
        ("string never closed", body("            status: Airing,\n            notes: \"open,\n"), 8),
        ("missing comma", body("            status: Airing\n            notes: \"x\",\n"), 8),
        ("number where text goes", body("            status: Airing,\n            notes: 42,\n"), 8),
        ("bad date", body("            status: Airing,\n            status_history: [(status: Airing, on: Some(\"2025-13-01\"), source: Manual)],\n"), 8),
        ("negative season", body("            status: Airing,\n            storylines: [(title: \"t\", left_at: Some((-1, 2)))],\n"), 8),
        ("network as a list", body("            status: Airing,\n            network: [\"HBO\"],\n"), 8),
        ("list where text goes", body("            status: Airing,\n            title: [\"A\"],\n"), 8),
        ("unknown storyline state", body("            status: Airing,\n            storylines: [(title: \"t\", state: Dangling)],\n"), 8),
        ("unknown billing", body("            status: Airing,\n            cast: [(actor: \"x\", billing: Lead)],\n"), 8),
        ("unknown score source", body("            status: Airing,\n            scores: [(source: Letterboxd, kind: Critic, value: 1, out_of: 5)],\n"), 8),
        ("unclosed list", b"(\n    schema_version: 1,\n    shows: [\n        (id: \"a\", title: \"A\", status: Airing),\n".to_vec(), 5),
        ("garbage after the end", b"(\n    schema_version: 1,\n    shows: [],\n)\nextra\n".to_vec(), 5),
        ("missing schema version", b"(\n    shows: [],\n)\n".to_vec(), 3),
        ("schema version as text", b"(\n    schema_version: \"1\",\n    shows: [],\n)\n".to_vec(), 2),
        ("git conflict markers", b"(\n    schema_version: 1,\n<<<<<<< HEAD\n    shows: [],\n=======\n    shows: [(id: \"b\", title: \"B\", status: Ended)],\n>>>>>>> theirs\n)\n".to_vec(), 3),
        ("invalid UTF-8", b"(\n    schema_version: 1,\n    shows: [(id: \"\xff\", title: \"A\", status: Airing)],\n)\n".to_vec(), 3),
        ("bad escape", body("            status: Airing,\n            notes: \"\\q\",\n"), 8),
    ]
}

#[test]
fn each_malformed_file_reports_the_line_of_its_mistake() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = corpus();
    let mut wrong = Vec::new();
    for (name, bytes, line) in &cases {
        let path = dir.path().join("case.ron");
        fs::write(&path, bytes).expect("writes");
        match store::load(&path) {
            Err(StoreError::Parse {
                line: found,
                message,
                ..
            }) => {
                if found != *line {
                    wrong.push(format!("{name}: line {found}, expected {line} ({message})"));
                }
            }
            other => wrong.push(format!("{name}: expected a parse error, got {other:?}")),
        }
        assert_eq!(
            fs::read(&path).expect("reads"),
            *bytes,
            "{name}: file untouched"
        );
    }
    println!(
        "{} malformed files, {} with the wrong line",
        cases.len(),
        wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Runs the real binary with the file size limited to `blocks` KiB, so that its save fails
/// after that many bytes, as on a full disk.
#[cfg(unix)]
fn add_with_file_size_limit(data: &Path, state: &Path, blocks: u32) -> std::process::Output {
    let script =
        format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" add 'Partial Write' --data \"$1\"");
    Command::new("bash")
        .args(["-c", &script, env!("CARGO_BIN_EXE_curtaincall")])
        .arg(data)
        .env("CURTAINCALL_STATE_DIR", state)
        .output()
        .expect("bash runs")
}

#[cfg(unix)]
#[test]
fn a_save_that_fails_partway_leaves_the_original_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("watchlist.ron");
    let state = dir.path().join("state");
    let mut watchlist = model::sample().expect("sample");
    watchlist.shows.extend(generated(20).shows);
    store::save_atomic(&data, &watchlist).expect("saves");
    let original = fs::read(&data).expect("reads");
    let size_kib = original.len() / 1024;
    let mut failures = 0;
    for blocks in 1..size_kib as u32 {
        let out = add_with_file_size_limit(&data, &state, blocks);
        assert_eq!(
            out.status.code(),
            Some(1),
            "limit {blocks} KiB: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot save"));
        assert_eq!(
            fs::read(&data).expect("reads"),
            original,
            "limit {blocks} KiB"
        );
        failures += 1;
    }
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n != "watchlist.ron" && n != "state")
        .collect();
    println!("{failures} writes cut short (1..{size_kib} KiB): original intact each time");
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    // Without the limit the same command works.
    let out = add_with_file_size_limit(&data, &state, 100_000);
    assert!(out.status.success());
    assert!(
        fs::read_to_string(&data)
            .expect("reads")
            .contains("Partial Write")
    );
}
