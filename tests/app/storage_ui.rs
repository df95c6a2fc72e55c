//! The storage guarantees as a user meets them in the app: changes made outside while edits are
//! pending, conflicts, a second window, recovery from a broken file, failing saves and sync
//! tools' conflict copies.

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::common::{data_file, open, open_with, options, temp_data, wait_for_file, wait_until};
use curtaincall::model::{self, Show, Status, Watchlist};
use curtaincall::session::Timing;
use curtaincall::store::{self, backup};
use curtaincall::ui::{AppOptions, CurtainCallApp};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// Options for a test where only closing the app saves.
fn saves_only_on_close() -> AppOptions {
    AppOptions {
        timing: Timing {
            save_delay: Duration::from_secs(3600),
            ..Timing::default()
        },
        ..options()
    }
}

fn write_sample_with(path: &Path, change: impl FnOnce(&mut Watchlist)) {
    let mut watchlist = model::sample().expect("sample");
    change(&mut watchlist);
    store::save_atomic(path, &watchlist).expect("saves");
}

fn set_notes(watchlist: &mut Watchlist, id: &str, notes: &str) {
    let at = watchlist.index_of(id).expect("show");
    Arc::make_mut(&mut watchlist.shows[at]).notes = notes.into();
}

fn notes_of(harness: &Harness<'static, CurtainCallApp>, id: &str) -> Option<String> {
    harness
        .state()
        .watchlist()
        .and_then(|w| w.get(id))
        .map(|s| s.notes.clone())
}

/// A sync tool's conflict copy of `watchlist.ron`, as Syncthing names it.
const PHONE_COPY: &str = "watchlist.sync-conflict-20261125-101010-PHONE.ron";

/// Takes up the banner's offer to merge a conflict copy, up to the dialog for the shows changed
/// on both sides.
fn merge_the_offered_copy(harness: &mut Harness<'static, CurtainCallApp>) {
    harness
        .get_by_label_contains("A sync tool left a conflicting copy")
        .hover();
    harness.get_by_label("Merge it").click();
    harness.run();
    wait_for_label(harness, "Changed in two places");
}

/// Steps the app until a widget labelled `label` shows (giving up after a minute).
fn wait_for_label(harness: &mut Harness<'static, CurtainCallApp>, label: &str) {
    let deadline = std::time::Instant::now() + crate::common::PATIENCE;
    while std::time::Instant::now() < deadline {
        harness.step();
        if harness.query_by_label(label).is_some() {
            // Let the new window settle: a grid's first frame only measures it.
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{label:?} never showed");
}

fn type_notes(harness: &mut Harness<'static, CurtainCallApp>, text: &str) {
    crate::common::type_into(harness, "Notes", text);
}

/// The app on `open`, with the data file at `file` (the same path, or a symlink's target)
/// then replaced by a folder so that every save fails, and `typed` added to the notes; returns
/// once the status bar says the edit is not saved. Saves are retried after `retry_delay`.
fn open_with_failing_saves(
    open: &Path,
    file: &Path,
    retry_delay: Duration,
    typed: &str,
) -> Harness<'static, CurtainCallApp> {
    let mut harness = open_with(
        open,
        AppOptions {
            timing: Timing {
                retry_delay,
                ..options().timing
            },
            watch_folder: false,
            ..options()
        },
    );
    fs::remove_file(file).expect("removes");
    fs::create_dir(file).expect("blocks the path");
    type_notes(&mut harness, typed);
    crate::common::wait_for_label_containing(&mut harness, "Not saved:");
    harness
}

#[test]
fn a_change_made_outside_to_another_show_is_merged_with_unsaved_edits() {
    let (_dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    let mut harness = open_with(&path, saves_only_on_close());
    type_notes(&mut harness, " Mine.");
    assert!(harness.state().has_unsaved_changes());

    write_sample_with(&path, |w| {
        set_notes(w, "gilmore-girls", "Edited on the laptop.")
    });
    wait_until(&mut harness, "the outside change is merged", |app| {
        app.watchlist()
            .and_then(|w| w.get("gilmore-girls"))
            .is_some_and(|s| s.notes == "Edited on the laptop.")
    });
    assert!(notes_of(&harness, "etoile").is_some_and(|n| n.ends_with(" Mine.")));
    harness.get_by_label_contains("Merged changes made to the file outside");
    drop(harness);

    let file = fs::read_to_string(&path).expect("reads");
    assert!(file.contains("Edited on the laptop."), "their edit kept");
    assert!(file.contains(" Mine."), "my edit kept");
}

#[test]
fn the_same_show_changed_in_two_places_is_asked_about_and_never_overwritten() {
    let (_dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    let mut harness = open_with(&path, saves_only_on_close());
    type_notes(&mut harness, " Mine.");
    write_sample_with(&path, |w| set_notes(w, "etoile", "Theirs."));
    let theirs = fs::read(&path).expect("reads");

    wait_for_label(&mut harness, "Changed in two places");
    harness.get_by_label_contains("Not saved: settle the conflict first");
    // What the choice is between, field by field.
    harness.get_by_label("Take Notes from the other version of etoile: Theirs.");
    harness.get_by_label_contains("Keep Notes of etoile as it is here: A ballet dramedy");
    assert_eq!(
        fs::read(&path).expect("reads"),
        theirs,
        "nothing written while undecided"
    );

    // As a screen reader would: the accessibility action, not a pointer position.
    harness
        .get_by_label("Take the other version of etoile")
        .click_accesskit();
    harness.run();
    harness.get_by_label("Apply").click();
    harness.run();
    assert_eq!(notes_of(&harness, "etoile").as_deref(), Some("Theirs."));
    assert!(harness.query_by_label("Changed in two places").is_none());
    drop(harness);
    assert!(
        fs::read_to_string(&path)
            .expect("reads")
            .contains("Theirs.")
    );
}

#[test]
fn a_change_made_outside_is_reloaded_when_nothing_is_pending() {
    let (_dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    let mut harness = open(&path);
    write_sample_with(&path, |w| {
        set_notes(w, "bunheads", "Synced from the desktop.")
    });
    wait_until(&mut harness, "the file is reloaded", |app| {
        app.watchlist()
            .and_then(|w| w.get("bunheads"))
            .is_some_and(|s| s.notes == "Synced from the desktop.")
    });
    assert!(!harness.state().has_unsaved_changes());
    harness.get_by_label_contains("Reloaded: the file was changed outside");
}

#[test]
fn a_second_window_on_the_same_file_is_read_only_and_follows_the_first() {
    let (_dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    let mut first = open(&path);
    assert!(first.state().read_only_reason().is_none());
    let mut second = open(&path);
    let reason = second
        .state()
        .read_only_reason()
        .expect("read-only")
        .to_owned();
    assert!(reason.contains("another Curtain Call"), "{reason}");
    second.get_by_label_contains("🔒 Read-only: another Curtain Call");

    // The second window refuses edits.
    second.get_by_label("🗑 Delete show").click();
    second.run();
    assert!(
        second
            .state()
            .watchlist()
            .and_then(|w| w.get("etoile"))
            .is_some()
    );
    second.get_by_label_contains("read-only; nothing was changed");

    // The first one writes, and the second one follows.
    type_notes(&mut first, " Seen in the first window.");
    crate::common::wait_for_file(&mut first, &path, "Seen in the first window.");
    wait_until(&mut second, "the second window reloads", |app| {
        app.watchlist()
            .and_then(|w| w.get("etoile"))
            .is_some_and(|s| s.notes.contains("Seen in the first window."))
    });
    let before = fs::read(&path).expect("reads");
    drop(second);
    assert_eq!(
        fs::read(&path).expect("reads"),
        before,
        "the read-only window wrote nothing"
    );
}

#[test]
fn a_broken_file_opens_in_recovery_and_the_newest_good_backup_can_be_restored() {
    let (dir, path) = temp_data();
    let file = data_file(&path);
    write_sample_with(&path, |w| set_notes(w, "etoile", "From the backup."));
    backup::record(&file, &fs::read(&path).expect("reads")).expect("backs up");
    let broken = b"(\n    schema_version: 1,\n    shows: [\n<<<<<<< HEAD\n".to_vec();
    fs::write(&path, &broken).expect("writes");

    let mut harness = open(&path);
    let error = harness
        .state()
        .load_error()
        .expect("recovery mode")
        .to_string();
    assert!(error.contains(":4:"), "{error}");
    harness.get_by_label_contains("was kept at");
    let copies: Vec<_> = fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("watchlist.ron.corrupt-")
        })
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(fs::read(copies[0].path()).expect("reads"), broken);
    assert_eq!(
        fs::read(&path).expect("reads"),
        broken,
        "not touched in recovery"
    );

    // What the backup holds, in the words the command line's `backups list` uses.
    harness.get_by_label_contains(" (5 shows, 1 storyline)");
    harness
        .get_by_label_contains("Restore the backup from")
        .click();
    harness.step();
    wait_until(
        &mut harness,
        "the backup is restored",
        CurtainCallApp::is_ready,
    );
    assert_eq!(
        notes_of(&harness, "etoile").as_deref(),
        Some("From the backup.")
    );
    assert!(
        fs::read_to_string(&path)
            .expect("reads")
            .contains("From the backup.")
    );
}

#[test]
fn a_save_that_fails_keeps_the_edits_and_is_retried() {
    let (_dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    // The file's place is taken by a folder: every save fails.
    let mut harness =
        open_with_failing_saves(&path, &path, Duration::from_millis(100), " Kept in memory.");
    harness.get_by_label_contains("Not saved:");
    assert!(harness.state().has_unsaved_changes());
    assert!(notes_of(&harness, "etoile").is_some_and(|n| n.ends_with(" Kept in memory.")));

    fs::remove_dir(&path).expect("unblocks");
    crate::common::wait_for_file(&mut harness, &path, " Kept in memory.");
    wait_until(&mut harness, "the retry succeeds", |app| {
        !app.has_unsaved_changes()
    });
}

#[test]
fn a_broken_outside_edit_that_is_undone_lets_saving_resume() {
    let (_dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    let good = fs::read(&path).expect("reads");
    let mut harness = open(&path);

    // A typo saved from a text editor: the app keeps the watchlist and holds its saves.
    fs::write(&path, b"(schema_version: 1, shows: [ (id: ").expect("writes");
    wait_for_label(&mut harness, "⚠ Not saved: the file no longer loads");
    type_notes(&mut harness, " Typed while the file was broken.");
    assert_eq!(
        fs::read(&path).expect("reads"),
        b"(schema_version: 1, shows: [ (id: "
    );

    // The editor's undo puts back exactly the bytes the app last read.
    fs::write(&path, &good).expect("writes");
    wait_for_file(&mut harness, &path, "Typed while the file was broken.");
    // The save may have been taken in after the last frame was drawn: draw the news.
    harness.run();
    assert!(
        harness
            .query_by_label("⚠ Not saved: the file no longer loads")
            .is_none()
    );
}

#[test]
fn a_change_reloaded_while_the_conflict_dialog_is_open_survives_settling_it() {
    let (dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    let copy = dir.path().join(PHONE_COPY);
    write_sample_with(&copy, |w| set_notes(w, "etoile", "Written on the phone."));
    let mut harness = open(&path);
    merge_the_offered_copy(&mut harness);

    // While the user decides, another device's edit to a different show arrives; nothing is
    // pending here, so it is reloaded behind the dialog.
    write_sample_with(&path, |w| {
        set_notes(w, "bunheads", "Synced from the desktop.")
    });
    wait_until(&mut harness, "the file is reloaded", |app| {
        app.watchlist()
            .and_then(|w| w.get("bunheads"))
            .is_some_and(|s| s.notes == "Synced from the desktop.")
    });

    // Applying the merge made before the reload would put the old Bunheads back. The merge is
    // made again, and as the copy also differs from the reloaded Bunheads, the user is asked.
    harness.get_by_label("Apply").click_accesskit();
    harness.run();
    harness.get_by_label_contains("Your watchlist changed while you were deciding");
    harness.get_by_label("Take the other version of bunheads");
    harness.get_by_label("Apply").click_accesskit();
    harness.run();
    assert!(harness.query_by_label("Changed in two places").is_none());
    assert_eq!(
        notes_of(&harness, "bunheads").as_deref(),
        Some("Synced from the desktop."),
        "settling the conflict kept what was reloaded meanwhile"
    );
    drop(harness);
    assert!(
        fs::read_to_string(&path)
            .expect("reads")
            .contains("Synced from the desktop.")
    );
}

#[test]
fn a_sync_conflict_copy_is_offered_merged_and_kept() {
    let (dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    let copy = dir.path().join(PHONE_COPY);
    write_sample_with(&copy, |w| {
        set_notes(w, "etoile", "Written on the phone.");
        w.shows.push(Arc::new(Show::new(
            "from-the-phone",
            "From the Phone",
            Status::Airing,
        )));
    });
    let mut harness = open(&path);
    merge_the_offered_copy(&mut harness);
    // Keys meant for the list do not reach it behind the dialog: Delete would remove the open
    // show, the arrows would move off it.
    let selected = harness.state().selected().map(str::to_owned);
    let shows = harness.state().watchlist().expect("open").shows.len();
    harness.key_press(eframe::egui::Key::Delete);
    harness.key_press(eframe::egui::Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().selected().map(str::to_owned), selected);
    assert_eq!(
        harness.state().watchlist().expect("open").shows.len(),
        shows
    );
    // The copy's name as it is spelled, and both versions side by side with room to read.
    harness.get_by_label_contains(&format!("in {PHONE_COPY} since"));
    let keep = harness.get_by_label("Keep this version of etoile").rect();
    let take = harness
        .get_by_label("Take the other version of etoile")
        .rect();
    assert!(
        take.left() - keep.left() >= 300.0,
        "the local version's column is squeezed: {keep:?} beside {take:?}"
    );
    // The accessibility click: a pointer click on a modal that has just opened can land
    // during its first (sizing) frames on a loaded machine and be lost.
    harness.get_by_label("Apply").click_accesskit();
    harness.run();
    wait_until(&mut harness, "the copy's new show is merged", |app| {
        app.watchlist()
            .is_some_and(|w| w.get("from-the-phone").is_some())
    });
    let watchlist = harness.state().watchlist().expect("open").clone();
    assert_ne!(
        watchlist
            .get("etoile")
            .map(|s| s.notes == "Written on the phone."),
        Some(true),
        "kept mine"
    );
    assert!(copy.exists(), "a conflict copy is never deleted");
    drop(harness);
    assert!(
        fs::read_to_string(&path)
            .expect("reads")
            .contains("From the Phone")
    );
}

#[test]
fn one_field_of_a_conflicting_show_can_be_taken_from_the_copy() {
    let (dir, path) = temp_data();
    write_sample_with(&path, |w| set_notes(w, "etoile", "Written here."));
    let copy = dir.path().join(PHONE_COPY);
    write_sample_with(&copy, |w| {
        set_notes(w, "etoile", "Written on the phone.");
        let at = w.index_of("etoile").expect("Étoile");
        Arc::make_mut(&mut w.shows[at]).network = Some("Amazon Prime".into());
    });
    let mut harness = open(&path);
    merge_the_offered_copy(&mut harness);
    // Each differing field is a choice of its own; the show as a whole stays "here".
    harness.get_by_label("Keep Network of etoile as it is here: Prime Video");
    harness
        .get_by_label("Take Notes from the other version of etoile: Written on the phone.")
        .click_accesskit();
    harness.run();
    harness.get_by_label("Apply").click_accesskit();
    harness.run();
    wait_until(&mut harness, "the phone's notes are taken", |app| {
        app.watchlist()
            .and_then(|w| w.get("etoile"))
            .is_some_and(|s| s.notes == "Written on the phone.")
    });
    let etoile = harness
        .state()
        .watchlist()
        .and_then(|w| w.get("etoile"))
        .cloned()
        .expect("Étoile");
    assert_eq!(etoile.network.as_deref(), Some("Prime Video"), "kept here");
}

#[test]
fn an_unknown_field_is_named_and_dropped_only_when_the_user_says_so() {
    let (dir, path) = temp_data();
    let text = "(\n    schema_version: 1,\n    shows: [\n        (\n            id: \"a\",\n            title: \"A\",\n            status: Airing,\n            notse: \"typed in an editor\",\n            notes: \"kept\",\n        ),\n    ],\n)\n";
    fs::write(&path, text).expect("writes");
    let mut harness = open(&path);
    harness.get_by_label_contains("`notse` on line 8 is not a field this version knows");
    harness.run();
    assert_eq!(
        fs::read_to_string(&path).expect("reads"),
        text,
        "nothing saved before choosing"
    );

    harness.get_by_label("Drop unknown fields and open").click();
    harness.step();
    wait_until(&mut harness, "the file opens", CurtainCallApp::is_ready);
    harness.run();
    harness.get_by_label_contains("Dropped unknown fields: `notse` (line 8)");
    // Only files Curtain Call wrote start with its comment.
    let saved = crate::common::wait_for_file(&mut harness, &path, "// Curtain Call watchlist");
    assert!(saved.contains("notes: \"kept\""));
    assert!(!saved.contains("notse"));
    let original = fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("watchlist.ron.corrupt-")
        })
        .expect("the original is kept");
    assert_eq!(fs::read_to_string(original.path()).expect("reads"), text);
}

#[test]
fn closing_with_edits_that_cannot_be_saved_asks_first_and_keeps_them_in_a_copy() {
    let (dir, path) = temp_data();
    write_sample_with(&path, |_| {});
    let mut harness =
        open_with_failing_saves(&path, &path, Duration::from_secs(3600), " Cannot be saved.");
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    harness.run();
    harness.get_by_label("Quit without saving?");
    harness.get_by_label("Quit anyway");
    drop(harness);
    let copy = fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().contains(".sync-conflict-"))
        .expect("the edits were written to a copy");
    assert!(
        fs::read_to_string(copy.path())
            .expect("reads")
            .contains(" Cannot be saved.")
    );
}

#[cfg(unix)]
#[test]
fn edits_kept_at_exit_through_a_symlink_land_where_the_next_start_offers_them() {
    let (dir, _) = temp_data();
    let synced = dir.path().join("Dropbox");
    fs::create_dir(&synced).expect("creates");
    let target = synced.join("tv.ron");
    write_sample_with(&target, |_| {});
    let link = dir.path().join("watchlist.ron");
    std::os::unix::fs::symlink(&target, &link).expect("links");
    let harness = open_with_failing_saves(
        &link,
        &target,
        Duration::from_secs(3600),
        " Cannot be saved.",
    );
    drop(harness);

    let offered = store::watch::conflict_copies(&link);
    assert_eq!(offered.len(), 1, "the copy is offered at the next start");
    assert!(
        offered[0].starts_with(&synced),
        "beside the file, not the link"
    );
    assert!(
        fs::read_to_string(&offered[0])
            .expect("reads")
            .contains(" Cannot be saved.")
    );
}

#[test]
fn an_older_file_is_upgraded_and_its_original_backed_up_first() {
    let (_dir, path) = temp_data();
    // Version 1 kept a count of episodes watched per season.
    let original = "(schema_version: 1, shows: [(id: \"old\", title: \"Old Show\", \
                    status: Ended, progress: (watched: [8, 3], episodes: [8, 10]))])\n";
    fs::write(&path, original).expect("writes");
    let mut harness = open(&path);
    harness.get_by_label_contains("Upgraded the file from schema version 1 to 2");
    let file = crate::common::wait_for_file(&mut harness, &path, "schema_version: 2");
    // The counts became the episodes watched: runs 1–8 and 1–3, dates not known.
    assert!(
        file.contains("(season: 1, from: 1, to: 8)") || file.contains("from: 1,\n"),
        "{file}"
    );
    assert!(!file.contains("watched:"), "{file}");
    let progress = &harness.state().watchlist().expect("open").shows[0].progress;
    assert_eq!((progress.watched_in(1), progress.watched_in(2)), (8, 3));
    assert_eq!(
        progress.up_next(),
        Some(curtaincall::model::EpisodeRef(2, 4))
    );
    let backups = backup::list(&data_file(&path));
    let oldest = backups.last().expect("backed up");
    assert_eq!(fs::read_to_string(&oldest.path).expect("reads"), original);
}
