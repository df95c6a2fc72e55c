//! UI flows through the real app, driven headlessly by egui_kittest with its accessibility
//! check on: every input a test touches is found by its accessible name.

use std::fs;
use std::time::Duration;

use crate::common::{open, open_with, options, pick_list, temp_data, type_into, wait_for_file};
use curtaincall::model::{Status, StorylineState};
use curtaincall::session::Timing;
use curtaincall::ui::AppOptions;
use egui_kittest::kittest::Queryable as _;

#[test]
fn first_run_shows_the_sample_with_etoile_flagged_canceled() {
    let (_dir, path) = temp_data();
    let harness = open(&path);
    assert_eq!(harness.state().selected(), Some("etoile"));
    // The list row says status and score in words, not color alone.
    harness.get_by_label("Étoile, Canceled, Rotten Tomatoes 85%, 1 unresolved, new alert");
    harness.get_by_label("🔔 1 alert");
    harness.get_by_label("✖ Canceled — 1 storyline left unresolved");
    harness.get_by_label("⚠ Left unresolved");
    harness.get_by_label("Luke Kirby");
    // Characters link to the storylines they are in.
    harness.get_by_label("Jack: show their storylines (1)");
    harness.get_by_label("Cheyenne: show their storylines (1)");
    harness.get_by_label("85%");
    assert!(!path.exists(), "nothing is written before the first change");
}

#[test]
fn adding_a_show_selects_it_and_saves_it() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness.get_by_label("➕ Add show").click();
    harness.run();
    type_into(&mut harness, "Title", "Étoile: The Revival");
    type_into(&mut harness, "Network", "Prime Video");
    harness.get_by_label("Add show").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.selected(), Some("etoile-the-revival"));
    let show = app
        .watchlist()
        .and_then(|w| w.get("etoile-the-revival"))
        .expect("added");
    assert_eq!(show.network.as_deref(), Some("Prime Video"));
    assert_eq!(show.status, Status::Airing);
    let file = wait_for_file(&mut harness, &path, "Étoile: The Revival");
    assert!(file.contains("id: \"etoile-the-revival\""));
}

#[test]
fn a_long_title_wraps_beside_the_edit_and_delete_buttons() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    let title = "The Extraordinarily Long-Running Chronicles of the Midnight Orchestra";
    harness.get_by_label("➕ Add show").click();
    harness.run();
    type_into(&mut harness, "Title", title);
    harness.get_by_label("Add show").click();
    harness.run();
    let title_rect = harness.get_by_label(title).rect();
    let badge = harness
        .query_all_by_label("▶ Airing")
        .map(|node| node.rect())
        .find(|rect| rect.min.x > title_rect.min.x)
        .expect("the header's status badge");
    for button in ["✏ Edit", "🗑 Delete show"] {
        let button = harness.get_by_label(button).rect();
        assert!(
            title_rect.max.x <= button.min.x && badge.max.x <= button.min.x,
            "{title_rect:?} or the badge {badge:?} runs under {button:?}"
        );
    }
    assert!(
        title_rect.height() > 40.0,
        "the title wraps: {title_rect:?}"
    );
    assert!(
        badge.height() < 30.0,
        "the badge's text stays on one line: {badge:?}"
    );
}

#[test]
fn a_storylines_state_menu_says_what_its_chip_says_and_a_choice_means_what_it_says() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    // Étoile is canceled and its storyline was left unresolved: the chip and the menu agree.
    harness.get_by_label("⚠ Left unresolved");
    harness.get_by_value("Left unresolved").click();
    harness.run();
    // Still open, the user says (a revival is rumoured): both say Open, and so does the file.
    harness.get_by_label("Open").click();
    harness.run();
    harness.get_by_label("○ Open");
    harness.get_by_value("Open");
    assert!(harness.query_by_label("⚠ Left unresolved").is_none());
    assert!(harness.query_by_label_contains("left unresolved").is_none());
    let file = wait_for_file(&mut harness, &path, "state: Open");
    assert!(!file.contains("state: Unresolved"), "{file}");
}

#[test]
fn canceling_a_show_flags_it_and_marks_its_storylines_unresolved() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness
        .get_by_label_contains("Slow Horses, Returning")
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some("slow-horses"));

    // Give it an open storyline first.
    type_into(&mut harness, "New storyline title", "Who is the mole?");
    harness.get_by_label("➕ Add storyline").click();
    harness.run();
    harness.get_by_label("○ Open");

    // Then cancel it.
    harness.get_by_label("New status").click();
    harness.run();
    harness.get_by_label("✖ Canceled").click();
    harness.run();
    type_into(&mut harness, "Status note", "no more seasons");
    harness.get_by_label("Set status").click();
    harness.run();

    harness.get_by_label("Slow Horses, Canceled, 1 unresolved");
    harness.get_by_label("✖ Canceled — 1 storyline left unresolved");
    harness.get_by_label("⚠ Left unresolved");
    let show = harness
        .state()
        .watchlist()
        .and_then(|w| w.get("slow-horses"))
        .expect("still there")
        .clone();
    assert_eq!(show.status, Status::Canceled);
    assert_eq!(show.storylines[0].state, StorylineState::Unresolved);
    let change = show.status_history.last().expect("history");
    assert_eq!(change.note, "no more seasons");
    assert_eq!(change.on, Some(curtaincall::model::today()));

    // The Canceled filter now lists it with the sample's two canceled shows.
    harness.get_by_label_contains("Canceled (3)").click();
    harness.run();
    assert!(harness.query_by_label_contains("Gilmore Girls").is_none());
    harness.get_by_label_contains("Slow Horses, Canceled");

    let file = wait_for_file(&mut harness, &path, "no more seasons");
    assert!(file.contains("state: Unresolved"), "{file}");
}

#[test]
fn a_storyline_written_in_the_app_reaches_the_file() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness
        .get_by_label_contains("Gilmore Girls, Ended")
        .click();
    harness.run();
    type_into(&mut harness, "New storyline title", "Rory and Logan");
    harness.get_by_label("➕ Add storyline").click();
    harness.run();
    type_into(
        &mut harness,
        "Storyline 1: text",
        "The revival ends on four words.",
    );
    let file = wait_for_file(&mut harness, &path, "The revival ends on four words.");
    assert!(file.contains("title: \"Rory and Logan\""));
    drop(harness);
    // Reopening shows it again.
    let harness = open(&path);
    let show = harness
        .state()
        .watchlist()
        .and_then(|w| w.get("gilmore-girls"))
        .expect("loaded");
    assert_eq!(show.storylines[0].text, "The revival ends on four words.");
}

#[test]
fn a_deleted_show_comes_back_with_ctrl_z() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness.get_by_label("🗑 Delete show").click();
    harness.run();
    assert!(
        harness
            .state()
            .watchlist()
            .and_then(|w| w.get("etoile"))
            .is_none()
    );
    wait_for_file(&mut harness, &path, "gilmore-girls");
    assert!(!fs::read_to_string(&path).expect("reads").contains("Étoile"));
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .watchlist()
            .and_then(|w| w.get("etoile"))
            .is_some()
    );
    wait_for_file(&mut harness, &path, "Étoile");
}

#[test]
fn edits_to_cast_and_scores_are_saved() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness.get_by_label("✏ Edit").click();
    harness.run();
    type_into(&mut harness, "New cast member: actor", "Simon Callow");
    type_into(&mut harness, "New cast member: character", "Geoffrey");
    harness.get_by_label("➕ Add to cast").click();
    harness.run();
    harness
        .get_by_label("Remove Gideon Glick from the cast")
        .click();
    harness.run();
    let show = harness
        .state()
        .watchlist()
        .and_then(|w| w.get("etoile"))
        .expect("there")
        .clone();
    assert!(
        show.cast
            .iter()
            .any(|m| m.actor == "Simon Callow" && m.character.as_deref() == Some("Geoffrey"))
    );
    assert!(
        !show.cast.iter().any(|m| m.actor == "Gideon Glick"),
        "{:?}",
        show.cast
    );
    // Both edits are saved (one save each, or one for both): wait until nothing is pending.
    crate::common::wait_until(&mut harness, "both edits are saved", |app| {
        !app.has_unsaved_changes()
    });
    let file = fs::read_to_string(&path).expect("reads");
    assert!(file.contains("Simon Callow"), "{file}");
    assert!(!file.contains("Gideon Glick"));
}

#[test]
fn a_broken_file_is_shown_with_its_line_and_never_overwritten() {
    let (_dir, path) = temp_data();
    let text =
        "(\n    schema_version: 1,\n    shows: [(id: \"a\", title: \"A\" status: Airing)],\n)\n";
    fs::write(&path, text).expect("writes");
    let mut harness = open(&path);
    let error = harness
        .state()
        .load_error()
        .expect("fails to load")
        .to_string();
    assert!(error.contains(":3:"), "{error}");
    harness.get_by_label_contains(":3:");
    harness.get_by_label("⟳ Reload the file");
    harness.run();
    drop(harness);
    assert_eq!(fs::read_to_string(&path).expect("reads"), text);
}

#[test]
fn closing_the_app_writes_edits_that_were_not_saved_yet() {
    let (_dir, path) = temp_data();
    // A save delay far longer than the test: only closing can write the edit.
    let mut harness = open_with(
        &path,
        AppOptions {
            timing: Timing {
                save_delay: Duration::from_secs(3600),
                ..Timing::default()
            },
            ..options()
        },
    );
    type_into(&mut harness, "Notes", "Written just before closing.");
    assert!(harness.state().has_unsaved_changes());
    assert!(!path.exists(), "not saved yet");
    drop(harness);
    let file = fs::read_to_string(&path).expect("written on close");
    assert!(file.contains("Written just before closing."));
}

#[test]
fn a_long_alert_list_lays_out_only_the_rows_in_view_and_scrolls_to_the_last() {
    let (_dir, path) = temp_data();
    let mut watchlist = curtaincall::model::generate::watchlist(500, 7);
    for show in &mut watchlist.shows {
        if let Some(last) = std::sync::Arc::make_mut(show).status_history.last_mut() {
            last.seen = false;
        }
    }
    let alerts = curtaincall::model::alerts::alerts(&watchlist);
    let last_title = alerts.last().expect("alerts").show.title.clone();
    curtaincall::store::save_atomic(&path, &watchlist).expect("writes");
    let mut harness = open(&path);
    harness
        .get_by_label(&format!("🔔 {} alerts", alerts.len()))
        .click();
    harness.run();
    let rows = harness
        .query_all_by_label_contains("Mark the alerts of")
        .count();
    assert!(
        (1..60).contains(&rows),
        "{rows} of {} rows laid out",
        alerts.len()
    );
    // Every row has the same height, so the last one is reached by scrolling to the end.
    let seen = format!("Mark the alerts of {last_title} seen");
    harness
        .get_by_label(&format!("Mark the alerts of {} seen", alerts[0].show.title))
        .hover();
    harness.run();
    for _ in 0..200 {
        if harness.query_by_label(&seen).is_some() {
            break;
        }
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.run();
    }
    assert!(
        harness.query_by_label(&seen).is_some(),
        "the last alert is reached"
    );
}

#[test]
fn the_cancellation_alert_opens_the_show_and_is_marked_seen() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness.get_by_label_contains("Bunheads").click();
    harness.run();
    assert_eq!(harness.state().selected(), Some("bunheads"));

    harness.get_by_label("🔔 1 alert").click();
    harness.run();
    harness.get_by_label("Open Étoile").click();
    harness.run();
    assert_eq!(harness.state().selected(), Some("etoile"));

    harness
        .get_by_label("Mark the alerts of Étoile seen")
        .click();
    harness.run();
    harness.get_by_label("🔔 No alerts");
    harness.get_by_label("Étoile, Canceled, Rotten Tomatoes 85%, 1 unresolved");
    let etoile = harness
        .state()
        .watchlist()
        .and_then(|w| w.get("etoile"))
        .expect("there")
        .clone();
    assert!(etoile.status_history.iter().all(|c| c.seen));
    // Seen changes are written without the flag; the undo brings the alert back.
    wait_for_file(
        &mut harness,
        &path,
        "Prime Video canceled it after one season",
    );
    assert!(
        !fs::read_to_string(&path)
            .expect("reads")
            .contains("seen: false")
    );
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    harness.get_by_label("🔔 1 alert");
}

#[test]
fn smart_lists_and_sorting_pick_and_order_the_rows() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    pick_list(
        &mut harness,
        "⚠ Canceled, unresolved (1)",
        "Étoile, Canceled",
        "Bunheads, Canceled",
    );
    pick_list(
        &mut harness,
        "🔁 Returning (1)",
        "Slow Horses, Returning",
        "Étoile, Canceled",
    );

    // By title Bunheads leads; by critic score the only scored show does.
    harness.get_by_label("All (5)").click();
    harness.run();
    let top = |label: &str| harness.get_by_label_contains(label).rect().min.y;
    assert!(top("Bunheads, Canceled") < top("Étoile, Canceled"));
    harness.get_by_label("Sort by").click();
    harness.run();
    harness.get_by_label("Critic score").click();
    harness.run();
    let top = |label: &str| harness.get_by_label_contains(label).rect().min.y;
    assert!(
        top("Étoile, Canceled") < top("Bunheads, Canceled"),
        "Étoile (85%) leads"
    );
}

#[test]
fn f1_lists_the_shortcuts_and_delete_removes_the_open_show_with_undo() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness.key_press(eframe::egui::Key::F1);
    harness.run();
    harness.get_by_label("⌨ Keyboard shortcuts");
    harness.get_by_label("Show or hide these shortcuts");
    harness.key_press(eframe::egui::Key::F1);
    harness.run();
    assert!(harness.query_by_label("⌨ Keyboard shortcuts").is_none());

    harness.key_press(eframe::egui::Key::Delete);
    harness.run();
    assert!(
        harness
            .state()
            .watchlist()
            .and_then(|w| w.get("etoile"))
            .is_none()
    );
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .watchlist()
            .and_then(|w| w.get("etoile"))
            .is_some()
    );

    // While typing, Delete edits the text instead.
    harness.get_by_label("Notes").focus();
    harness.run();
    harness.key_press(eframe::egui::Key::Delete);
    harness.run();
    assert!(
        harness
            .state()
            .watchlist()
            .and_then(|w| w.get("etoile"))
            .is_some()
    );
}

#[test]
fn watch_progress_moves_on_one_click_and_fills_the_smart_lists() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness.get_by_label("◻ Not started (5)");
    // Étoile is open (the first alert's show is not needed: it is the list's second row).
    harness.get_by_label_contains("Étoile, Canceled").click();
    harness.run();
    harness.get_by_label("Up next: S1E1");
    harness.get_by_label("Watched next episode").click();
    harness.run();
    harness.get_by_label("Watched next episode").click();
    harness.run();
    let etoile = |harness: &egui_kittest::Harness<'static, curtaincall::ui::CurtainCallApp>| {
        harness
            .state()
            .watchlist()
            .unwrap()
            .shows
            .iter()
            .find(|s| s.id == "etoile")
            .map(|s| s.progress.clone())
            .unwrap()
    };
    let progress = etoile(&harness);
    assert_eq!(progress.watched_in(1), 2);
    // Each with the day it was watched.
    assert!(progress.marks().values().all(|mark| mark.on.len() == 1));
    harness.get_by_label("Up next: S1E3");
    // The season's episodes, each a button: marking one further on moves "up next" past it.
    harness.get_by_label_contains("S1E3, not watched").click();
    harness.run();
    harness.get_by_label_contains("S1E3, watched");
    harness.get_by_label("Up next: S1E4");
    harness.get_by_label_contains("S1E3, watched").click();
    harness.run();
    harness.get_by_label("Up next: S1E3");
    // The episode where a storyline was left says so.
    harness.get_by_label_contains("S1E8, not watched. left here: Jack and Cheyenne");
    pick_list(
        &mut harness,
        "👁 Watching (1)",
        "Étoile, Canceled",
        "Bunheads, Canceled",
    );
    let file = wait_for_file(&mut harness, &path, "progress:");
    assert!(file.contains("seen: ["), "{file}");
    assert!(
        file.contains("from: 2,"),
        "the second, with its day: {file}"
    );

    // Dropped moves it to its own list; undo brings it back.
    harness.get_by_label("Dropped").click();
    harness.run();
    harness.get_by_label("⏹ Dropped (1)");
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    harness.get_by_label("⏹ Dropped (0)");
    assert!(!etoile(&harness).dropped);
}

#[test]
fn a_skipped_episode_a_resolved_storyline_and_a_revived_question_are_drawn_and_named() {
    let (_dir, path) = temp_data();
    let mut watchlist = curtaincall::model::sample().expect("sample");
    let etoile = watchlist.index_of("etoile").expect("Étoile");
    let show = std::sync::Arc::make_mut(&mut watchlist.shows[etoile]);
    show.progress
        .mark_skipped(&[curtaincall::model::EpisodeRef(1, 2)])
        .expect("skips");
    show.storylines[0].state = StorylineState::Open;
    show.storylines[0].may_be_answered_in = Some(2);
    let mut resolved = curtaincall::model::Storyline::new("Who runs the company?");
    resolved.state = StorylineState::Resolved;
    resolved.resolved_in = Some(curtaincall::model::EpisodeRef(1, 6));
    show.storylines.push(resolved);
    curtaincall::store::save_atomic(&path, &watchlist).expect("writes");
    let mut harness = open(&path);
    harness.get_by_label_contains("Étoile, Canceled").click();
    harness.run();
    // Every mark is drawn (a missing glyph would fail here) and named for a screen reader.
    harness.get_by_label_contains("S1E2, skipped");
    harness.get_by_label_contains("S1E6, not watched. resolved here: Who runs the company?");
    harness.get_by_label_contains("may be answered in season 2");
    harness.get_by_label("Storyline 2: resolved in episode");

    // A watched episode takes a rating from its menu; "up to here" marks the ones before it.
    harness
        .get_by_label_contains("S1E3, not watched")
        .click_secondary();
    harness.run();
    harness.get_by_label("Watched up to here").click();
    harness.run();
    harness
        .get_by_label_contains("S1E3, watched")
        .click_secondary();
    harness.run();
    harness.get_by_label("Rate S1E3 9 out of 10").click();
    harness.run();
    harness.get_by_label_contains("S1E3, watched, rated 9/10");
    let progress = &etoile_progress(&harness);
    assert_eq!(
        progress.watched_in(1),
        2,
        "S1E1 and S1E3; S1E2 stays skipped"
    );
    assert_eq!(
        progress.marks()[&curtaincall::model::EpisodeRef(1, 3)].rating,
        Some(9)
    );

    // And a note, typed in the same menu and kept with Enter.
    harness
        .get_by_label_contains("S1E3, watched")
        .click_secondary();
    harness.run();
    harness.get_by_label("Your note").focus();
    harness.run();
    harness
        .get_by_label("Your note")
        .type_text("The rooftop scene");
    harness.run();
    harness.key_press(eframe::egui::Key::Enter);
    harness.run();
    let progress = &etoile_progress(&harness);
    assert_eq!(
        progress.marks()[&curtaincall::model::EpisodeRef(1, 3)].note,
        "The rooftop scene"
    );
}

/// Étoile's watch progress as the app holds it now.
fn etoile_progress(
    harness: &egui_kittest::Harness<'static, curtaincall::ui::CurtainCallApp>,
) -> curtaincall::model::Progress {
    harness
        .state()
        .watchlist()
        .expect("open")
        .find("Étoile")
        .expect("show")
        .progress
        .clone()
}
