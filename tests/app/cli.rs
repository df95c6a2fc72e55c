//! The command line, through the real binary.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// A state directory (backups, locks) shared by this test process, never the user's own.
fn state_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
        .path()
}

fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_curtaincall"));
    command
        .env_remove("CURTAINCALL_DATA")
        .env("CURTAINCALL_STATE_DIR", state_dir())
        .env("CURTAINCALL_CACHE_DIR", state_dir().join("cache"));
    command
}

fn curtaincall(args: &[&str]) -> Output {
    command().args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn data_arg(path: &Path) -> String {
    path.to_str().expect("utf-8 temp path").to_owned()
}

#[test]
fn sample_prints_a_watchlist_that_validates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = curtaincall(&["sample"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("title: \"Étoile\""));
    let path = dir.path().join("sample.ron");
    fs::write(&path, out.stdout).expect("writes");
    let out = curtaincall(&["validate", &data_arg(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "5 shows, 1 storyline (file format version 2)\n"
    );
}

#[test]
fn validate_names_an_older_format_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.ron");
    let text = "(schema_version: 1, shows: [(id: \"a\", title: \"A\", status: Airing, \
                progress: (watched: [3]))])\n";
    fs::write(&path, text).expect("writes");
    let out = curtaincall(&["validate", &data_arg(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "1 show, 0 storylines (file format version 1; Curtain Call upgrades it to 2 when it \
         opens it)\n"
    );
    assert_eq!(fs::read_to_string(&path).expect("reads"), text);
}

#[test]
fn validate_reports_file_line_column_and_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    let text = "(\n    schema_version: 1,\n    shows: [\n        (id: \"a\", title: \"A\", status: Sideways),\n    ],\n)\n";
    fs::write(&path, text).expect("writes");
    let out = curtaincall(&["validate", &data_arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected_prefix = format!("{}:4:", path.display());
    assert!(err.starts_with(&expected_prefix), "{err}");
    assert!(err.contains("Sideways"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn validate_of_a_missing_file_fails() {
    let out = curtaincall(&["validate", "/nonexistent/watchlist.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such file"));
}

#[test]
fn list_prints_a_line_per_show_with_status_and_score() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(&dir.path().join("new.ron"));
    let out = curtaincall(&["list", "--data", &data]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 5, "{text}");
    let etoile = text
        .lines()
        .find(|l| l.starts_with("Étoile"))
        .expect("Étoile listed");
    assert!(
        etoile.contains("canceled") && etoile.trim_end().ends_with("85%"),
        "{etoile}"
    );
    assert!(
        !dir.path().join("new.ron").exists(),
        "reading never creates the file"
    );
}

#[test]
fn recap_prints_the_open_storylines_with_actors_and_an_unknown_show_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(&dir.path().join("new.ron"));
    let out = curtaincall(&["recap", "etoile", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Previously on Étoile\n"), "{text}");
    assert!(
        text.contains("• Jack and Cheyenne — left at S1E8 (left unresolved)"),
        "{text}"
    );
    assert!(
        text.contains("with Jack (Luke Kirby), Cheyenne (Lou de Laâge)"),
        "{text}"
    );
    let out = curtaincall(&["recap", "No Such Show", "--data", &data]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("No Such Show"), "{}", stderr(&out));
}

#[test]
fn list_json_has_the_documented_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(&dir.path().join("new.ron"));
    let out = curtaincall(&["list", "--json", "--data", &data]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let shows = json.as_array().expect("an array");
    let etoile = shows.iter().find(|s| s["id"] == "etoile").expect("Étoile");
    assert_eq!(etoile["title"], "Étoile");
    assert_eq!(etoile["status"], "canceled");
    assert_eq!(etoile["network"], "Prime Video");
    let score = &etoile["scores"][0];
    assert_eq!(score["source"], "rotten-tomatoes");
    assert_eq!(score["kind"], "critic");
    assert_eq!(score["value"], 85);
    assert_eq!(score["out_of"], 100);
    assert!(score.get("as_of").is_some());
    let history = etoile["status_history"].as_array().expect("history");
    assert!(history.iter().all(|h| {
        h.get("status").is_some()
            && h.get("on").is_some()
            && h.get("source").is_some()
            && h.get("note").is_some()
    }));
    assert_eq!(history.last().expect("entry")["status"], "canceled");
    assert_eq!(
        history.last().expect("entry")["seen"],
        false,
        "the sample's alert"
    );
    let kirby = &etoile["cast"][0];
    assert_eq!(
        (&kirby["actor"], &kirby["character"], &kirby["billing"]),
        (&"Luke Kirby".into(), &"Jack".into(), &"main".into())
    );
    let storyline = &etoile["storylines"][0];
    assert_eq!(storyline["title"], "Jack and Cheyenne");
    assert_eq!(storyline["state"], "unresolved");
    assert_eq!(storyline["left_at"]["season"], 1);
    assert_eq!(storyline["left_at"]["episode"], 8);
    assert!(
        storyline["text"]
            .as_str()
            .is_some_and(|t| t.contains("cliffhanger"))
    );
}

#[test]
fn add_then_set_status_change_the_file_as_the_app_would() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let data = data_arg(&path);
    let out = curtaincall(&[
        "add",
        "Bunheads 2",
        "--network",
        "ABC Family",
        "--status",
        "returning",
        "--data",
        &data,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("bunheads-2"), "{}", stdout(&out));

    let out = curtaincall(&[
        "set-status",
        "Bunheads 2",
        "canceled",
        "--note",
        "no season 2",
        "--data",
        &data,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("returning → canceled"),
        "{}",
        stdout(&out)
    );

    let out = curtaincall(&["list", "--json", "--data", &data]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let show = json
        .as_array()
        .and_then(|a| a.iter().find(|s| s["id"] == "bunheads-2"))
        .expect("added")
        .clone();
    assert_eq!(show["network"], "ABC Family");
    assert_eq!(show["status"], "canceled");
    let history = show["status_history"].as_array().expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["note"], "no season 2");
    assert_eq!(history[1]["source"], "manual");
    assert!(
        history[1]["on"].as_str().is_some_and(|d| d.len() == 10),
        "dated today"
    );
    // The sample the file started from is kept alongside.
    assert!(fs::read_to_string(&path).expect("reads").contains("Étoile"));
}

#[test]
fn tags_are_added_and_removed_and_list_prints_one_tag_or_network() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(&dir.path().join("w.ron"));
    let out = curtaincall(&["tag", "Slow Horses", "spies", "Comfort", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "“Slow Horses” tags: with Sam, spies, Comfort\n"
    );

    // Tags match ignoring case: "comfort" is now on three shows.
    let out = curtaincall(&["list", "--tag", "comfort", "--data", &data]);
    let text = stdout(&out);
    let titles: Vec<&str> = text
        .lines()
        .map(|l| l.split("  ").next().unwrap_or("").trim())
        .collect();
    assert_eq!(
        titles,
        ["Gilmore Girls", "The Marvelous Mrs. Maisel", "Slow Horses"]
    );
    let out = curtaincall(&[
        "list",
        "--json",
        "--network",
        "prime video",
        "--data",
        &data,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let ids: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, ["etoile", "the-marvelous-mrs-maisel"]);
    assert_eq!(
        json[0]["tags"],
        serde_json::json!(["ballet", "Palladino-verse"])
    );

    let out = curtaincall(&["tag", "--remove", "slow-horses", "SPIES", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "“Slow Horses” tags: with Sam, Comfort\n");
    let out = curtaincall(&["tag", "Nobody", "x", "--data", &data]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Nobody"), "{}", stderr(&out));
}

#[test]
fn stats_count_statuses_cancellations_by_network_and_unresolved_storylines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(&dir.path().join("w.ron"));
    let out = curtaincall(&["stats", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("5 shows\n"), "{text}");
    assert!(text.contains("  canceled      2\n"), "{text}");
    assert!(
        text.contains("  ABC Family: 1\n  Prime Video: 1\n"),
        "{text}"
    );
    assert!(
        text.contains("unresolved: 1 in 1 shows\n  Étoile: 1\n"),
        "{text}"
    );

    // Canceling Slow Horses (no storylines) adds an Apple TV+ cancellation.
    let out = curtaincall(&["set-status", "slow-horses", "canceled", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = curtaincall(&["stats", "--json", "--data", &data]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["shows"], 5);
    assert_eq!(json["by_status"]["canceled"], 3);
    assert_eq!(json["by_status"]["returning"], 0);
    assert_eq!(
        json["cancellations_by_network"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(json["storylines"]["unresolved"], 1);
    assert_eq!(json["most_unresolved"][0]["id"], "etoile");
}

#[test]
fn set_status_by_id_and_unknown_shows_and_statuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(&dir.path().join("w.ron"));
    let out = curtaincall(&["set-status", "slow-horses", "ended", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = curtaincall(&["set-status", "No Such Show", "ended", "--data", &data]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("No Such Show"));

    let out = curtaincall(&["set-status", "slow-horses", "sideways", "--data", &data]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("in-production"),
        "lists the valid words"
    );
}

#[test]
fn writing_commands_refuse_a_broken_file_and_leave_it_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    let text = "(schema_version: 1, shows: [(id: \"a\", title: \"A\" status: Airing)])";
    fs::write(&path, text).expect("writes");
    let data = data_arg(&path);
    for args in [
        vec!["add", "New", "--data", &data],
        vec!["set-status", "a", "ended", "--data", &data],
    ] {
        let out = curtaincall(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(":1:"), "names line and column: {err}");
        assert!(err.contains("not changed"), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("reads"), text);
    }
    let out = curtaincall(&["list", "--data", &data]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_data_file_can_come_from_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("env.ron");
    let out = command()
        .args(["add", "From The Env"])
        .env("CURTAINCALL_DATA", &path)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fs::read_to_string(&path)
            .expect("written")
            .contains("From The Env")
    );
}

#[test]
fn help_and_version() {
    let out = curtaincall(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    for command in ["list", "validate", "sample", "add", "set-status", "--data"] {
        assert!(help.contains(command), "help mentions {command}");
    }
    let out = curtaincall(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim(),
        format!("curtaincall {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn backups_are_listed_and_restored_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let data = data_arg(&path);
    let state = dir.path().join("state");
    let run = |args: &[&str]| {
        command()
            .args(args)
            .env("CURTAINCALL_STATE_DIR", &state)
            .output()
            .expect("runs")
    };
    assert!(
        run(&["add", "First Added", "--data", &data])
            .status
            .success()
    );
    assert!(
        run(&["add", "Second Added", "--data", &data])
            .status
            .success()
    );
    let out = run(&["backups", "list", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout(&out);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(
        lines[0].starts_with("  1  ") && lines[0].ends_with("7 shows, 1 storyline"),
        "{list}"
    );
    assert!(lines[1].ends_with("6 shows, 1 storyline"), "{list}");

    let out = run(&["backups", "restore", "2", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("6 shows"));
    let text = fs::read_to_string(&path).expect("reads");
    assert!(text.contains("First Added") && !text.contains("Second Added"));
    // The file as it was before the restore is now the newest backup.
    let out = run(&["backups", "list", "--data", &data]);
    assert!(
        stdout(&out)
            .lines()
            .next()
            .is_some_and(|l| l.ends_with("7 shows, 1 storyline"))
    );

    let out = run(&["backups", "restore", "99", "--data", &data]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no backup 99"));
}

#[test]
fn writing_commands_wait_for_another_writer_then_fail_and_reading_needs_no_lock() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let data = data_arg(&path);
    assert!(
        curtaincall(&["add", "Before", "--data", &data])
            .status
            .success()
    );
    let before = fs::read(&path).expect("reads");
    let file = curtaincall::store::DataFile::with_state_dir(&path, state_dir());
    let lock = curtaincall::store::WriterLock::try_acquire(&file).expect("locks");

    let started = std::time::Instant::now();
    let out = curtaincall(&["add", "Blocked", "--data", &data]);
    let waited = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("another Curtain Call is changing"),
        "{}",
        stderr(&out)
    );
    assert!(
        waited >= std::time::Duration::from_secs(2),
        "gave up after {waited:?}"
    );
    assert_eq!(fs::read(&path).expect("reads"), before);

    let out = curtaincall(&["list", "--data", &data]);
    assert!(out.status.success() && stdout(&out).contains("Before"));
    drop(lock);
    assert!(
        curtaincall(&["add", "After", "--data", &data])
            .status
            .success()
    );
}

#[test]
fn a_file_from_a_newer_version_is_never_rewritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let text = "(schema_version: 3, shows: [], friends: [])\n";
    fs::write(&path, text).expect("writes");
    let out = curtaincall(&["add", "X", "--data", &data_arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("newer Curtain Call"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&path).expect("reads"), text);
}

#[test]
fn an_older_schema_version_is_migrated_after_the_original_is_backed_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let state = dir.path().join("state");
    let original =
        "(schema_version: 0, shows: [(id: \"old\", title: \"Old Show\", status: Ended)])\n";
    fs::write(&path, original).expect("writes");
    let data = data_arg(&path);
    let out = command()
        .args(["set-status", "old", "canceled", "--data", &data])
        .env("CURTAINCALL_STATE_DIR", &state)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fs::read_to_string(&path)
            .expect("reads")
            .contains("schema_version: 2")
    );
    let file = curtaincall::store::DataFile::with_state_dir(&path, &state);
    let backups = curtaincall::store::backup::list(&file);
    let oldest = backups.last().expect("backed up");
    assert_eq!(fs::read_to_string(&oldest.path).expect("reads"), original);
}

#[test]
fn list_json_includes_watch_progress() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let out = curtaincall(&["list", "--json", "--data", &data_arg(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let progress = &json[0]["progress"];
    assert_eq!(progress["state"], "not-started");
    assert_eq!(progress["watched"], serde_json::json!([]));
    assert_eq!(
        progress["up_next"],
        serde_json::json!({"season": 1, "episode": 1})
    );
}

#[test]
fn watched_unwatched_and_episodes_keep_each_episode_and_refuse_what_is_not_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let data = data_arg(&path);
    fs::write(
        &path,
        "(schema_version: 2, shows: [(id: \"harbor\", title: \"Harbor Lights\", \
         status: Airing, progress: (episodes: [8, 10]))])\n",
    )
    .expect("writes");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--data", &data]);
        curtaincall(&all)
    };
    let out = run(&[
        "watched",
        "Harbor Lights",
        "S01E01-S01E03",
        "--on",
        "2026-11-02",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "“Harbor Lights”: S1E1-S1E3 watched (up next: S1E4)\n"
    );
    let out = run(&["watched", "harbor", "s1e5", "--undated"]);
    assert_eq!(
        stdout(&out),
        "“Harbor Lights”: S1E5 watched (up next: S1E6)\n"
    );

    // Not there, or not an episode: a clear error and the file as it was.
    let before = fs::read_to_string(&path).expect("reads");
    let out = run(&["watched", "harbor", "S1E999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("season 1 has 8 episodes; there is no episode 999"),
        "{}",
        stderr(&out)
    );
    let out = run(&["watched", "harbor", "S1E4-2"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("is not an episode"),
        "{}",
        stderr(&out)
    );
    let out = run(&["watched", "harbor", "S3"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("season 3 is not known"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&path).expect("reads"), before);

    let out = run(&["episodes", "Harbor Lights"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Harbor Lights — up next: S1E6\n"),
        "{text}"
    );
    assert!(text.contains("Season 1: 4 of 8 watched\n"), "{text}");
    assert!(text.contains("  S1E2  watched 2026-11-02\n"), "{text}");
    assert!(text.contains("  S1E5  watched\n"), "{text}");
    assert!(text.contains("Season 2: 0 of 10 watched\n"), "{text}");

    let out = run(&["unwatched", "harbor", "S1E5"]);
    assert_eq!(
        stdout(&out),
        "“Harbor Lights”: S1E5 no longer marked watched (up next: S1E4)\n"
    );
    let out = run(&["episodes", "harbor", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["watched"], serde_json::json!([3, 0]));
    assert_eq!(
        json["watched_episodes"][0]["on"],
        serde_json::json!(["2026-11-02"])
    );
    assert_eq!(
        json["up_next"],
        serde_json::json!({"season": 1, "episode": 4})
    );
    // The file reads as the README says: a run of three days-known episodes, each its own.
    let file = fs::read_to_string(&path).expect("reads");
    assert!(file.contains("season: 1,"), "{file}");
    assert!(file.contains("\"2026-11-02\""), "{file}");
}

#[test]
fn renewing_a_canceled_show_reopens_the_storylines_it_left_unresolved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let data = data_arg(&path);
    let out = curtaincall(&[
        "set-status",
        "Étoile",
        "returning",
        "--note",
        "renewed",
        "--data",
        &data,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = curtaincall(&["list", "--json", "--data", &data]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let etoile = json
        .as_array()
        .expect("shows")
        .iter()
        .find(|s| s["id"] == "etoile")
        .expect("Étoile");
    let storyline = &etoile["storylines"][0];
    assert_eq!(storyline["state"], "open");
    // Left at S1E8: the next season may answer it.
    assert_eq!(storyline["may_be_answered_in"], 2);
    let history = etoile["status_history"].as_array().expect("history");
    let note = history.last().expect("a change")["note"]
        .as_str()
        .expect("note");
    assert_eq!(
        note,
        "renewed · Étoile is back — 1 storyline you marked unresolved may be answered"
    );
}
