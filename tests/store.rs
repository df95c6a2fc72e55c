//! The store against real files in a temporary directory.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use curtaincall::model::{self, Show, Status, Watchlist};
use curtaincall::store::{self, Loaded, Saver, StoreError};

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

#[test]
fn the_saver_writes_the_newest_snapshot_in_the_background() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("watchlist.ron");
    let saver = Saver::spawn(path.clone(), || {}).expect("starts");
    let mut watchlist = sample();
    for n in 0..20 {
        watchlist.shows.push(Arc::new(Show::new(
            format!("s{n}"),
            format!("Show {n}"),
            Status::Airing,
        )));
        saver.save(watchlist.clone(), n);
    }
    let reports = saver.finish();
    assert!(reports.iter().all(|r| r.result.is_ok()));
    assert_eq!(reports.last().map(|r| r.revision), Some(19));
    assert_eq!(load_found(&path), watchlist);
}
