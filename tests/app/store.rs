//! The store against real files in a temporary directory.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use curtaincall::model::{self, Show, Status, Watchlist};
use curtaincall::session::{FileStorage, Storage as _};
use curtaincall::store::{
    self, DataFile, Fingerprint, Loaded, LockError, SaveOutcome, StoreError, WriterLock, backup,
};

fn sample() -> Watchlist {
    model::sample().expect("the embedded sample parses")
}

fn load_found(path: &Path) -> Watchlist {
    match store::load(path).expect("loads") {
        Loaded::Found(watchlist) => watchlist,
        Loaded::Missing => panic!("{} is missing", path.display()),
    }
}

#[test]
fn save_then_load_gives_the_same_watchlist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("watchlist.ron");
    let watchlist = sample();
    store::save_atomic(&path, &watchlist).expect("saves");
    assert_eq!(load_found(&path), watchlist);
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["watchlist.ron"], "no temporary file is left behind");
}

#[test]
fn a_missing_file_is_reported_as_missing_not_as_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert!(matches!(
        store::load(&dir.path().join("none.ron")),
        Ok(Loaded::Missing)
    ));
}

#[test]
fn saving_creates_missing_directories() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("a/b/watchlist.ron");
    store::save_atomic(&path, &sample()).expect("saves");
    assert_eq!(load_found(&path), sample());
}

/// Lines of a good file with one mistake each, and the line the error must point at.
const BROKEN: &[(&str, usize)] = &[
    // A missing comma between two fields.
    (
        "(\n    schema_version: 1,\n    shows: [\n        (\n            id: \"a\"\n            title: \"A\",\n            status: Airing,\n        ),\n    ],\n)\n",
        6,
    ),
    // A status that does not exist.
    (
        "(\n    schema_version: 1,\n    shows: [\n        (\n            id: \"a\",\n            title: \"A\",\n            status: Cancelled,\n        ),\n    ],\n)\n",
        7,
    ),
    // A typo in a field name.
    (
        "(\n    schema_version: 1,\n    shows: [\n        (\n            id: \"a\",\n            title: \"A\",\n            status: Airing,\n            notse: \"x\",\n        ),\n    ],\n)\n",
        8,
    ),
    // A string never closed.
    (
        "(\n    schema_version: 1,\n    shows: [\n        (\n            id: \"a\",\n            title: \"A,\n",
        6,
    ),
];

#[test]
fn a_malformed_file_reports_its_line_and_is_left_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (text, line) in BROKEN {
        let path = dir.path().join("broken.ron");
        fs::write(&path, text).expect("writes");
        match store::load(&path) {
            Err(StoreError::Parse {
                line: found,
                column,
                message,
                ..
            }) => {
                assert_eq!(found, *line, "wrong line for {text:?}: {message}");
                assert!(column >= 1);
            }
            other => panic!("expected a parse error for {text:?}, got {other:?}"),
        }
        assert_eq!(fs::read_to_string(&path).expect("reads"), *text);
    }
}

#[test]
fn parse_errors_read_file_line_column_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    fs::write(&path, BROKEN[0].0).expect("writes");
    let error = store::load(&path).expect_err("fails");
    let text = error.to_string();
    let prefix = format!("{}:6:", path.display());
    assert!(text.starts_with(&prefix), "{text}");
}

#[test]
fn a_file_from_a_newer_version_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.ron");
    fs::write(
        &path,
        "(schema_version: 9, shows: [], sharing: (friends: [\"x\"]))",
    )
    .expect("writes");
    let error = store::load(&path).expect_err("refused");
    assert!(
        matches!(error, StoreError::NewerVersion { found: 9, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("newer Curtain Call"));
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("windows.ron");
    let text = store::to_ron(&sample())
        .expect("serializes")
        .replace('\n', "\r\n");
    fs::write(&path, format!("\u{feff}{text}")).expect("writes");
    assert_eq!(load_found(&path).shows.len(), sample().shows.len());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("deep.ron");
    fs::write(
        &path,
        format!("(schema_version: 1, shows: {})", "[".repeat(100_000)),
    )
    .expect("writes");
    assert!(matches!(store::load(&path), Err(StoreError::Parse { .. })));
}

#[cfg(unix)]
#[test]
fn a_symlinked_data_file_stays_a_symlink() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("real.ron");
    let link = dir.path().join("watchlist.ron");
    store::save_atomic(&target, &Watchlist::default()).expect("saves");
    std::os::unix::fs::symlink(&target, &link).expect("links");
    store::save_atomic(&link, &sample()).expect("saves through the link");
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(load_found(&target), sample());
}

fn data_file(dir: &Path, name: &str) -> DataFile {
    DataFile::with_state_dir(dir.join(name), dir.join("state"))
}

#[test]
fn the_file_storage_never_writes_over_a_change_it_has_not_seen_and_keeps_a_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = data_file(dir.path(), "watchlist.ron");
    let storage = FileStorage::new(file.clone());
    let mut watchlist = sample();
    let Ok(SaveOutcome::Saved { fingerprint, .. }) = storage.save(&watchlist, Fingerprint::Missing)
    else {
        panic!("saved");
    };
    assert_eq!(load_found(&file.path), watchlist);

    // Someone else writes the file; a save expecting the old content must not overwrite it.
    fs::write(
        &file.path,
        store::to_ron(&Watchlist::default()).expect("ron"),
    )
    .expect("writes");
    let outside = fs::read(&file.path).expect("reads");
    watchlist
        .shows
        .push(Arc::new(Show::new("x", "X", Status::Airing)));
    match storage.save(&watchlist, fingerprint) {
        Ok(SaveOutcome::ChangedOnDisk { current, .. }) => {
            assert_eq!(current.as_deref(), Some(&outside[..]))
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        fs::read(&file.path).expect("reads"),
        outside,
        "left as the other writer left it"
    );

    // Told what is on disk now, it saves.
    let saved = storage.save(&watchlist, Fingerprint::of(&outside));
    assert!(matches!(saved, Ok(SaveOutcome::Saved { .. })));
    assert_eq!(load_found(&file.path), watchlist);
    assert_eq!(backup::list(&file).len(), 2, "each save left a backup");
}

#[test]
fn backups_are_kept_deduplicated_and_restored_after_backing_up_the_current_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = data_file(dir.path(), "watchlist.ron");
    let first = store::to_ron(&sample()).expect("ron");
    let second = store::to_ron(&Watchlist::default()).expect("ron");
    backup::record(&file, first.as_bytes()).expect("records");
    assert!(
        backup::record(&file, first.as_bytes())
            .expect("records")
            .is_none(),
        "same bytes: no new copy"
    );
    backup::record(&file, second.as_bytes()).expect("records");
    fs::write(&file.path, &second).expect("writes");
    let backups = backup::list(&file);
    assert_eq!(backups.len(), 2);
    assert_eq!(backups[1].load().expect("loads"), sample(), "newest first");
    let restored = backup::restore(&file, &backups[1]).expect("restores");
    assert_eq!(restored, sample());
    assert_eq!(load_found(&file.path), sample());
    // The file as it was before the restore is itself the newest backup.
    assert_eq!(
        fs::read_to_string(&backup::list(&file)[0].path).expect("reads"),
        second
    );
}

#[test]
fn a_backup_that_is_not_utf8_is_not_restored_and_the_file_is_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = data_file(dir.path(), "watchlist.ron");
    let current = store::to_ron(&Watchlist::default()).expect("ron");
    fs::write(&file.path, &current).expect("writes");
    // The sample with one byte in a note that is not UTF-8: read leniently it would load.
    let mut broken = store::to_ron(&sample()).expect("ron").into_bytes();
    let at = broken
        .windows(6)
        .position(|w| w == b"ballet")
        .expect("a note to break");
    broken[at] = 0xff;
    backup::record(&file, &broken).expect("records");
    let backups = backup::list(&file);
    let error = backup::restore(&file, &backups[0]).expect_err("refused");
    assert!(matches!(error, StoreError::Parse { .. }), "{error}");
    assert_eq!(fs::read_to_string(&file.path).expect("reads"), current);
}

#[test]
fn only_one_writer_holds_the_lock_until_it_is_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = data_file(dir.path(), "watchlist.ron");
    let first = WriterLock::try_acquire(&file).expect("the first takes it");
    let error = WriterLock::try_acquire(&file).expect_err("the second may not");
    assert!(matches!(error, LockError::Held { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains(&format!("pid {}", std::process::id())),
        "{error}"
    );
    // Another spelling of the same path is the same file.
    let other_spelling = DataFile::with_state_dir(
        dir.path().join(".").join("watchlist.ron"),
        dir.path().join("state"),
    );
    assert!(WriterLock::try_acquire(&other_spelling).is_err());
    drop(first);
    WriterLock::try_acquire(&file).expect("free again");
}

#[test]
fn a_broken_file_is_copied_aside_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("watchlist.ron");
    fs::write(&path, "(schema_version: 1, shows: [").expect("writes");
    let copy = store::keep_corrupt_copy(&path)
        .expect("copies")
        .expect("a copy");
    assert!(
        copy.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("watchlist.ron.corrupt-"))
    );
    assert_eq!(
        fs::read(&copy).expect("reads"),
        fs::read(&path).expect("reads")
    );
    assert_eq!(
        store::keep_corrupt_copy(&path).expect("copies"),
        Some(copy),
        "not copied twice"
    );
}

#[test]
fn stale_temporary_files_are_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("watchlist.ron");
    fs::write(dir.path().join(".watchlist-abc.tmp"), "half a save").expect("writes");
    fs::write(dir.path().join("notes.txt"), "mine").expect("writes");
    assert_eq!(store::remove_stale_temp_files(&path), 1);
    assert!(dir.path().join("notes.txt").exists());
}

#[cfg(unix)]
#[test]
fn stale_temporary_files_are_removed_beside_a_symlinks_target() {
    // Saves through a symlink write their temporary file beside the target; so does a crash.
    let dir = tempfile::tempdir().expect("temp dir");
    let synced = dir.path().join("Dropbox");
    fs::create_dir(&synced).expect("creates");
    let target = synced.join("tv.ron");
    store::save_atomic(&target, &sample()).expect("saves");
    let link = dir.path().join("watchlist.ron");
    std::os::unix::fs::symlink(&target, &link).expect("links");
    fs::write(synced.join(".watchlist-abc.tmp"), "half a save").expect("writes");
    assert_eq!(store::remove_stale_temp_files(&link), 1);
    assert!(!synced.join(".watchlist-abc.tmp").exists());
}

#[test]
fn loaded_notes_are_saved_back_word_for_word() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.ron");
    let mut watchlist = model::generate::watchlist(300, 11);
    let show = Arc::make_mut(&mut watchlist.shows[7]);
    show.notes = "Line one, \"quoted\".\nLine two: r#\"raw\"# — 東京 🎭".into();
    show.summary = "A summary from the catalog.".into();
    store::save_atomic(&path, &watchlist).expect("saves");
    let before = fs::read(&path).expect("reads");

    let loaded = load_found(&path);
    let show = loaded.get(&watchlist.shows[7].id).expect("show");
    assert_eq!(
        show.notes,
        "Line one, \"quoted\".\nLine two: r#\"raw\"# — 東京 🎭"
    );
    assert_eq!(loaded, watchlist);

    store::save_atomic(&path, &loaded).expect("saves again");
    assert_eq!(fs::read(&path).expect("reads"), before, "the same bytes");
}
