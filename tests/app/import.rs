//! Moving in from another tracker: sample exports written from the formats' public
//! descriptions (`tests/fixtures/import/`), read into what they hold, planned against the
//! sample watchlist, and imported through the real binary — twice, the second time changing
//! nothing — with bad input refused and the file left as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::loaded;
use curtaincall::import::{self, Format};
use curtaincall::model::{EpisodeRef, ScoreSource};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn curtaincall(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_curtaincall"))
        .env_remove("CURTAINCALL_DATA")
        .env("CURTAINCALL_STATE_DIR", dir.join("state"))
        .env("CURTAINCALL_CACHE_DIR", dir.join("cache"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_trakt_folder_brings_paged_history_rewatches_specials_ratings_lists_and_hidden_shows() {
    let found = import::read(&fixture("trakt")).expect("reads");
    assert_eq!(found.format, Format::Trakt);
    assert_eq!(
        found.movies, 3,
        "one watched, one on the watchlist, one commented on"
    );
    let show = |title: &str| {
        found
            .shows
            .iter()
            .find(|s| s.title == title)
            .unwrap_or_else(|| panic!("{title} found"))
    };
    let etoile = show("Étoile");
    assert_eq!(etoile.ids.thetvdb, Some(7001));
    assert_eq!(etoile.ids.imdb.as_deref(), Some("tt7000001"));
    // The pilot twice (a rewatch, on another page), the second episode once.
    let pilot: Vec<_> = etoile
        .watched
        .iter()
        .filter(|(e, _)| *e == EpisodeRef(1, 1))
        .collect();
    assert_eq!(pilot.len(), 2);
    assert_eq!(etoile.episode_ratings, [(EpisodeRef(1, 2), 9)]);
    assert_eq!(
        etoile.rating.map(|r| (r.value, r.out_of)),
        Some((8.0, 10.0))
    );
    assert_eq!(etoile.tags, ["cozy mysteries"]);
    assert_eq!(
        etoile.notes,
        [
            "From Trakt (rating of season 1, 2026-03-20): 7/10",
            "From Trakt (cozy mysteries): Recommended by Sam",
            "From Trakt (comment on S1E2, 2026-03-03): That ending, on the rooftop, with \"no\" \
             music at all.",
            "From Trakt (note, 2026-04-10): Wait for season 2 before the finale.",
        ]
    );
    let robots = show("Love, Death & Robots");
    assert!(
        robots.watched.iter().any(|(e, _)| *e == EpisodeRef(0, 1)),
        "a special"
    );
    assert!(show("Night Shift Diaries").dropped);
    assert_eq!(show("Slow Horses").tags, ["Want to watch"]);
}

#[test]
fn a_seriesguide_backup_brings_plays_skips_ratings_notes_favourites_and_hidden() {
    let found = import::read(&fixture("seriesguide-shows.json")).expect("reads");
    assert_eq!(found.format, Format::SeriesGuide);
    let etoile = &found.shows[0];
    assert_eq!(etoile.title, "Étoile", "Gson's escapes read");
    assert_eq!(etoile.notes, ["From SeriesGuide: Watch with Sam & Alex"]);
    assert_eq!(
        etoile
            .watched
            .iter()
            .filter(|(e, _)| *e == EpisodeRef(1, 1))
            .count(),
        2,
        "two plays"
    );
    assert_eq!(etoile.skipped, [EpisodeRef(1, 2)]);
    assert_eq!(etoile.episode_ratings, [(EpisodeRef(1, 1), 8)]);
    assert_eq!(etoile.tags, ["Favorites"]);
    let harbor = &found.shows[1];
    assert!(harbor.dropped);
    assert_eq!(harbor.ids.tmdb, Some(90001));

    // With its lists backup beside it (a folder or a ZIP), lists become tags.
    let both = import::read(&fixture("seriesguide-folder")).expect("reads");
    assert_eq!(both.format, Format::SeriesGuide);
    assert_eq!(both.shows[0].tags, ["Favorites", "Ballet & more"]);
    assert_eq!(both.shows[1].tags, ["Comfort"]);
    assert_eq!(both.movies, 1, "the movie on a list is counted");
    // Alone, a lists backup names no show: refused, and why.
    let alone = import::read(&fixture(
        "seriesguide-folder/seriesguide-lists-2026-11-01.json",
    ))
    .expect_err("refused");
    assert!(
        alone.to_string().contains("together with the shows backup"),
        "{alone}"
    );
}

#[test]
fn an_imdb_csv_brings_series_only_counts_movies_and_reports_a_broken_row() {
    let found = import::read(&fixture("imdb-ratings.csv")).expect("reads");
    assert_eq!(found.format, Format::Imdb);
    let titles: Vec<&str> = found.shows.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Slow Horses", "Love, Death & Robots"]);
    assert_eq!(found.movies, 1);
    assert_eq!(found.shows[1].year, Some(2019));
    assert_eq!(found.shows[0].rating.map(|r| r.value), Some(9.0));
    assert_eq!(found.unreadable, 1, "{:?}", found.unreadable_examples);
}

#[test]
fn import_prints_the_plan_applies_it_with_yes_and_a_second_time_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("watchlist.ron");
    std::fs::write(&data, curtaincall::model::SAMPLE_RON).expect("writes");
    let data_arg = data.to_str().expect("utf-8");
    let trakt = fixture("trakt");
    let trakt = trakt.to_str().expect("utf-8");

    // Without --yes: the plan, and nothing written.
    let before = std::fs::read(&data).expect("reads");
    let out = curtaincall(dir.path(), &["import", trakt, "--data", data_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan = text(&out.stdout);
    assert!(
        plan.contains("2 new shows, 2 merged into shows you have"),
        "{plan}"
    );
    assert!(plan.contains("Étoile  (into etoile)"), "{plan}");
    assert!(
        plan.contains("3 movies not imported: Curtain Call tracks series."),
        "{plan}"
    );
    assert!(plan.contains("run again with --yes"), "{plan}");
    assert_eq!(std::fs::read(&data).expect("reads"), before);

    let out = curtaincall(dir.path(), &["import", trakt, "--yes", "--data", data_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let watchlist = loaded(&data);
    let etoile = watchlist
        .get("etoile")
        .expect("merged into, not duplicated");
    assert_eq!(
        watchlist
            .shows
            .iter()
            .filter(|s| s.title == "Étoile")
            .count(),
        1
    );
    let marks = etoile.progress.marks();
    assert_eq!(
        marks[&EpisodeRef(1, 1)].on.len(),
        2,
        "the rewatch's day too"
    );
    assert_eq!(marks[&EpisodeRef(1, 2)].rating, Some(9));
    assert_eq!(etoile.external_ids.thetvdb, Some(7001));
    assert!(etoile.tags.iter().any(|t| t.as_str() == "cozy mysteries"));
    assert!(
        etoile
            .scores
            .iter()
            .any(|s| s.source == ScoreSource::Personal && s.value == 8.0)
    );
    let night = watchlist.find("Night Shift Diaries").expect("added");
    assert!(night.progress.dropped);
    assert!(
        watchlist
            .find("Slow Horses")
            .expect("there")
            .tags
            .iter()
            .any(|t| t.as_str() == "Want to watch")
    );

    // The same export again: nothing changes, and it says so.
    let after = std::fs::read(&data).expect("reads");
    let out = curtaincall(
        dir.path(),
        &["import", trakt, "--yes", "--json", "--data", data_arg],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["applied"], false);
    assert_eq!(json["counts"]["new_shows"], 0);
    assert_eq!(json["counts"]["unchanged_shows"], 4);
    assert_eq!(
        std::fs::read(&data).expect("reads"),
        after,
        "not written again"
    );
    let out = curtaincall(dir.path(), &["import", trakt, "--data", data_arg]);
    assert!(
        text(&out.stdout).contains("Everything in this Trakt export is already on your watchlist"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn bad_input_is_refused_with_a_clear_message_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("watchlist.ron");
    std::fs::write(&data, curtaincall::model::SAMPLE_RON).expect("writes");
    let before = std::fs::read(&data).expect("reads");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("writes");
        path
    };
    let cases: [(PathBuf, &str); 5] = [
        (write("empty.json", b"  \n"), "is empty"),
        (
            write("notes.txt", b"just some notes\nnothing else"),
            "does not look like a TV Time, Trakt, SeriesGuide or IMDb export",
        ),
        (
            write("other.json", br#"{"hello": "world"}"#),
            "does not look like",
        ),
        (
            write("broken.json", b"[{\"title\": \"x\", "),
            "cannot be read",
        ),
        (
            write("latin1.csv", b"Const,Title\n\xe9t\xe9,x\n"),
            "not UTF-8",
        ),
    ];
    for (path, expected) in cases {
        let out = curtaincall(
            dir.path(),
            &[
                "import",
                path.to_str().unwrap(),
                "--yes",
                "--data",
                data.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        assert!(
            text(&out.stderr).contains(expected),
            "{}",
            text(&out.stderr)
        );
        assert_eq!(std::fs::read(&data).expect("reads"), before);
    }
}

#[test]
fn a_tv_time_export_of_either_generation_brings_its_watches_and_states() {
    let found = import::read(&fixture("tvtime-v2")).expect("reads");
    assert_eq!(found.format, Format::TvTime);
    let show = |title: &str| {
        found
            .shows
            .iter()
            .find(|s| s.title == title)
            .unwrap_or_else(|| panic!("{title} found in {:?}", found.shows))
    };
    let etoile = show("Étoile");
    assert_eq!(etoile.ids.thetvdb, Some(7001));
    assert_eq!(etoile.watched.len(), 3, "two watches and a rewatch");
    assert!(
        show("Love, Death & Robots")
            .watched
            .iter()
            .any(|(e, _)| e.season() == 0)
    );
    // A watch row without the name, then the show's own row with it.
    let night = show("Night Shift Diaries");
    assert!(night.dropped, "archived");
    assert_eq!(night.watched.len(), 1);
    assert_eq!(show("Slow Horses").tags, ["Want to watch"]);
    // tv_show_rate.csv: 1 to 5, kept on its scale; a 9 is refused and counted.
    let rating = etoile.rating.expect("rated");
    assert_eq!((rating.value, rating.out_of), (4.0, 5.0));
    assert_eq!(rating.on, Some(jiff::civil::date(2026, 3, 2)));
    assert_eq!(night.rating, None);
    // user_tv_show_data.csv: favourites become a tag.
    assert_eq!(etoile.tags, ["Favorites"]);
    assert_eq!(found.unreadable, 2, "{:?}", found.unreadable_examples);

    let old = import::read(&fixture("tvtime-old")).expect("reads");
    assert_eq!(old.format, Format::TvTime);
    let gilmore = old
        .shows
        .iter()
        .find(|s| s.title == "Gilmore Girls")
        .expect("found");
    assert_eq!(gilmore.watched.len(), 2);
    assert_eq!(
        gilmore.ids.thetvdb,
        Some(76568),
        "the name's id, from followed_tv_show.csv"
    );
    assert_eq!(old.shows.len(), 2);
    assert_eq!(
        old.movies, 2,
        "tracking-prod-records.csv: two movies, counted once each"
    );
}

/// A ZIP of the files in fixture folder `folder`, inside a folder of its own as TV Time zips
/// them, encrypted as `encrypt` says, plus an account file that must never be opened.
fn zip_of(folder: &str, out: &Path, encrypt: Option<(&str, bool)>) {
    use std::io::Write as _;
    use zip::unstable::write::FileOptionsExt as _;
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).expect("creates"));
    let plain = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let options = match encrypt {
        None => plain,
        Some((password, true)) => plain.with_aes_encryption(zip::AesMode::Aes256, password),
        Some((password, false)) => plain
            .with_deprecated_encryption(password.as_bytes())
            .expect("ZipCrypto"),
    };
    let mut names: Vec<_> = std::fs::read_dir(fixture(folder))
        .expect("reads")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        writer
            .start_file(format!("export/{name}"), options)
            .expect("starts");
        writer
            .write_all(&std::fs::read(&path).expect("reads"))
            .expect("writes");
    }
    writer.finish().expect("finishes");
}

#[test]
fn a_zipped_export_is_read_plain_with_aes_or_zipcrypto_and_a_wrong_password_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("watchlist.ron");
    std::fs::write(&data, curtaincall::model::SAMPLE_RON).expect("writes");
    let before = std::fs::read(&data).expect("reads");
    let password = dir.path().join("password.txt");
    std::fs::write(&password, "opensesame\n").expect("writes");
    let args = |zip: &Path, password: Option<&Path>| {
        let mut args = vec![
            "import".to_owned(),
            zip.display().to_string(),
            "--json".to_owned(),
            "--data".to_owned(),
            data.display().to_string(),
        ];
        if let Some(file) = password {
            args.push("--password-file".to_owned());
            args.push(file.display().to_string());
        }
        args
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        curtaincall(dir.path(), &args)
    };

    let plain = dir.path().join("trakt-json-export-sam.zip");
    zip_of("trakt", &plain, None);
    let out = run(args(&plain, None));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["format"], "Trakt");
    assert_eq!(json["counts"]["new_shows"], 2);

    for aes in [true, false] {
        let locked = dir.path().join(format!("tvtime-{aes}.zip"));
        zip_of("tvtime-v2", &locked, Some(("opensesame", aes)));
        let out = run(args(&locked, None));
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("is password-protected"),
            "{}",
            text(&out.stderr)
        );
        let out = run(args(&locked, Some(&password)));
        assert!(out.status.success(), "aes {aes}: {}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(json["format"], "TV Time");
        let wrong = dir.path().join("wrong.txt");
        std::fs::write(&wrong, "letmein").expect("writes");
        let out = run(args(&locked, Some(&wrong)));
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("password"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        std::fs::read(&data).expect("reads"),
        before,
        "--yes never given"
    );
}

#[test]
fn a_damaged_zip_and_a_zip_bomb_are_refused() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("export.zip");
    zip_of("trakt", &plain, None);
    let bytes = std::fs::read(&plain).expect("reads");
    let truncated = dir.path().join("truncated.zip");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("writes");
    let error = import::read(&truncated).expect_err("refused");
    assert!(
        error
            .to_string()
            .contains("not a ZIP archive that can be read"),
        "{error}"
    );

    // Many small entries: more than an export ever holds.
    let bomb = dir.path().join("bomb.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&bomb).expect("creates"));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..10_001 {
        writer.start_file(format!("f{i}"), options).expect("starts");
        writer.write_all(b"x").expect("writes");
    }
    writer.finish().expect("finishes");
    let error = import::read(&bomb).expect_err("refused");
    assert!(error.to_string().contains("entries"), "{error}");
}

#[test]
fn an_export_dropped_on_the_window_is_reviewed_then_imported_as_one_undoable_step() {
    use crate::common::{click, open, temp_data, wait_for_label_containing};
    use egui_kittest::kittest::Queryable as _;
    let (_dir, path) = temp_data();
    std::fs::write(&path, curtaincall::model::SAMPLE_RON).expect("writes");
    let mut harness = open(&path);
    let shows = harness.state().watchlist().expect("open").shows.len();
    harness
        .input_mut()
        .dropped_files
        .push(crate::common::dropped(&fixture("trakt")));
    harness.run();
    wait_for_label_containing(&mut harness, "2 new shows, 2 merged into shows you have");
    harness.get_by_label_contains("3 movies not imported");
    // Leave one new show out, then import the rest.
    click(&mut harness, "Night Shift Diaries");
    assert_eq!(
        harness.state().watchlist().expect("open").shows.len(),
        shows,
        "nothing changes before Import"
    );
    click(&mut harness, "Import 3 shows");
    let watchlist = harness.state().watchlist().expect("open").clone();
    assert_eq!(
        watchlist.shows.len(),
        shows + 1,
        "Love, Death & Robots only"
    );
    assert!(watchlist.find("Night Shift Diaries").is_err());
    assert_eq!(
        watchlist
            .get("etoile")
            .expect("Étoile")
            .external_ids
            .thetvdb,
        Some(7001)
    );
    harness.get_by_label_contains("Import 3 shows from Trakt");
    // One undo takes the whole import back.
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    let watchlist = harness.state().watchlist().expect("open").clone();
    assert_eq!(watchlist.shows.len(), shows);
    assert_eq!(
        watchlist
            .get("etoile")
            .expect("Étoile")
            .external_ids
            .thetvdb,
        None
    );
}

#[test]
fn an_export_imported_into_an_empty_watchlist_gives_back_the_same_shows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let watchlist = with_history();
    let source = dir.path().join("source.ron");
    curtaincall::store::save_atomic(&source, &watchlist).expect("writes");
    let export = dir.path().join("export.json");
    let out = curtaincall(
        dir.path(),
        &[
            "export",
            "--out",
            export.to_str().unwrap(),
            "--data",
            source.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let empty = dir.path().join("empty.ron");
    curtaincall::store::save_atomic(&empty, &curtaincall::model::Watchlist::default())
        .expect("writes");
    let out = curtaincall(
        dir.path(),
        &[
            "import",
            export.to_str().unwrap(),
            "--yes",
            "--data",
            empty.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back = loaded(&empty);
    assert_eq!(back.shows, watchlist.shows, "every field of every show");
    // And a second time, nothing.
    let out = curtaincall(
        dir.path(),
        &[
            "import",
            export.to_str().unwrap(),
            "--data",
            empty.to_str().unwrap(),
        ],
    );
    assert!(
        text(&out.stdout).contains("Everything in this Curtain Call export is already"),
        "{}",
        text(&out.stdout)
    );
}

/// The sample watchlist with a watch history: dated, rewatched, rated, noted and skipped
/// episodes; a tag, and notes with a comma, quotes and a line break.
fn with_history() -> curtaincall::model::Watchlist {
    let mut watchlist = curtaincall::model::sample().expect("sample");
    let at = watchlist.index_of("etoile").expect("Étoile");
    let etoile = std::sync::Arc::make_mut(&mut watchlist.shows[at]);
    let progress = &mut etoile.progress;
    progress
        .mark_watched(
            &[EpisodeRef(1, 1), EpisodeRef(1, 2)],
            Some(jiff::civil::date(2026, 3, 1)),
        )
        .expect("marks");
    progress
        .mark_watched(&[EpisodeRef(1, 1)], Some(jiff::civil::date(2026, 9, 14)))
        .expect("a rewatch");
    progress.mark_skipped(&[EpisodeRef(1, 3)]).expect("skips");
    progress.rate(EpisodeRef(1, 2), Some(9)).expect("rates");
    progress
        .note(EpisodeRef(1, 2), "the rooftop, \"again\"")
        .expect("notes");
    etoile.tags.push("Ballet, mostly".into());
    etoile.notes = "Line one, with a comma.\n\"Line two\"".into();
    watchlist
}

#[test]
fn the_csv_export_is_two_spreadsheets_in_a_zip_and_reads_back_into_an_empty_watchlist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let watchlist = with_history();
    let source = dir.path().join("source.ron");
    curtaincall::store::save_atomic(&source, &watchlist).expect("writes");
    let export = dir.path().join("export.zip");
    let args = |rest: &[&str]| {
        let mut all = rest.to_vec();
        all.extend(["--data", source.to_str().unwrap()]);
        all.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let refused = curtaincall(
        dir.path(),
        &[
            "export",
            "--format",
            "csv",
            "--data",
            source.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success(), "a ZIP is not printed");
    assert!(
        text(&refused.stderr).contains("--out"),
        "{}",
        text(&refused.stderr)
    );
    let argv = args(&[
        "export",
        "--format",
        "csv",
        "--out",
        export.to_str().unwrap(),
    ]);
    let out = curtaincall(
        dir.path(),
        &argv.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Two spreadsheets, readable by anything that reads CSV.
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(&export).expect("opens")).expect("a ZIP");
    let mut episodes = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("curtaincall-episodes.csv").expect("episodes"),
        &mut episodes,
    )
    .expect("reads");
    assert!(
        episodes
            .starts_with("curtaincall_id,title,season,episode,watched_on,skipped,rating,note\n")
    );
    assert!(
        episodes.contains("etoile,Étoile,1,1,2026-09-14,false,,"),
        "a rewatch is a row of its own:\n{episodes}"
    );
    assert!(zip.by_name("curtaincall-shows.csv").is_ok());

    let empty = dir.path().join("empty.ron");
    curtaincall::store::save_atomic(&empty, &curtaincall::model::Watchlist::default())
        .expect("writes");
    let out = curtaincall(
        dir.path(),
        &[
            "import",
            export.to_str().unwrap(),
            "--yes",
            "--data",
            empty.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back = loaded(&empty);
    assert_eq!(back.shows.len(), watchlist.shows.len());
    for show in &watchlist.shows {
        let again = back
            .get(&show.id)
            .unwrap_or_else(|| panic!("{} came back", show.title));
        assert_eq!(again.title, show.title);
        assert_eq!(again.status, show.status, "{}", show.title);
        assert_eq!(again.network, show.network, "{}", show.title);
        assert_eq!(again.premiered, show.premiered, "{}", show.title);
        assert_eq!(again.external_ids, show.external_ids, "{}", show.title);
        assert_eq!(again.tags, show.tags, "{}", show.title);
        assert_eq!(again.notes, show.notes, "{}", show.title);
        assert_eq!(
            again.progress.seen, show.progress.seen,
            "{}: every watch, date, rating, note and skip",
            show.title
        );
        assert_eq!(again.progress.dropped, show.progress.dropped);
    }
    // A second time, nothing.
    let out = curtaincall(
        dir.path(),
        &[
            "import",
            export.to_str().unwrap(),
            "--data",
            empty.to_str().unwrap(),
        ],
    );
    assert!(
        text(&out.stdout).contains("Everything in this Curtain Call CSV export is already"),
        "{}",
        text(&out.stdout)
    );
}
