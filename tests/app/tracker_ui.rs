//! The tracker in depth, through the real app: score history, cast order and a character's
//! storylines, the spoiler shield, storyline dates, and the View menu's preferences. Each flow
//! checks the effect on the watchlist and, for data, that it reaches the file.

use crate::common::{click, open, pick_list, temp_data, type_into, wait_for_file};
use curtaincall::model::Show;
use curtaincall::ui::CurtainCallApp;
use curtaincall::ui::prefs::{Preferences, Theme};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn etoile(harness: &Harness<'static, CurtainCallApp>) -> Show {
    harness
        .state()
        .watchlist()
        .and_then(|w| w.get("etoile"))
        .expect("Étoile")
        .clone()
}

/// Adds an open storyline to the open show.
fn add_storyline(harness: &mut Harness<'static, CurtainCallApp>, title: &str) {
    type_into(harness, "New storyline title", title);
    click(harness, "➕ Add storyline");
}

/// Replaces what the search field holds with `query`.
fn search_for(harness: &mut Harness<'static, CurtainCallApp>, query: &str) {
    harness.get_by_label("Search").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Search").type_text(query);
    harness.run();
}

#[test]
fn a_new_score_value_keeps_the_old_one_and_the_history_is_plotted() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    click(&mut harness, "✏ Edit");
    // Étoile's Rotten Tomatoes critic score is 85%; the form's defaults are that source and kind.
    // A DragValue takes typed text once clicked, and the value when Enter is pressed.
    click(&mut harness, "New score value");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("New score value").type_text("91");
    harness.key_press(egui::Key::Enter);
    harness.run();
    click(&mut harness, "➕ Record new value");
    let show = etoile(&harness);
    let critic = show.critic_score().expect("critic score");
    assert_eq!(critic.value, 91.0);
    let values: Vec<f64> = critic.points().map(|p| p.value).collect();
    assert_eq!(values, [85.0, 91.0]);
    click(&mut harness, "✔ Done editing");
    harness.get_by_label_contains("Rotten Tomatoes critic score over time: 85%");
    let file = wait_for_file(&mut harness, &path, "history:");
    assert!(file.contains("value: 85.0"), "the old value is in the file");
}

#[test]
fn cast_members_are_reordered_and_a_character_leads_to_their_storylines() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    let first_two = |h: &Harness<'static, CurtainCallApp>| -> Vec<String> {
        etoile(h)
            .cast
            .iter()
            .take(2)
            .map(|c| c.actor.to_string())
            .collect()
    };
    let before = first_two(&harness);
    click(&mut harness, "✏ Edit");
    click(&mut harness, &format!("Move {} down", before[0]));
    assert_eq!(first_two(&harness), [before[1].clone(), before[0].clone()]);
    wait_for_file(&mut harness, &path, &before[1]);
    click(&mut harness, "✔ Done editing");

    // A second storyline that Jack is not in; then Jack's link shows only his.
    add_storyline(&mut harness, "The lease on the theater");
    click(&mut harness, "Jack: show their storylines (1)");
    harness.get_by_label("Storylines with Jack (1)");
    let shown = |h: &Harness<'static, CurtainCallApp>, title: &str| {
        h.query_all_by_value(title).next().is_some()
    };
    assert!(shown(&harness, "Jack and Cheyenne"));
    assert!(
        !shown(&harness, "The lease on the theater"),
        "a storyline without Jack is not shown"
    );
    click(&mut harness, "Show all storylines");
    assert!(shown(&harness, "The lease on the theater"));
}

#[test]
fn a_character_picked_below_the_fold_scrolls_their_storylines_into_view() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    // Storylines Jack is not in put the cast far below the section's heading.
    for title in [
        "The lease on the theater",
        "Who pays the dancers",
        "The Paris company",
    ] {
        add_storyline(&mut harness, title);
    }
    // A window short enough that the cast and the storylines are never in view together.
    let height = 420.0;
    harness.set_size(egui::vec2(1280.0, height));
    harness.run();
    let link = "Jack: show their storylines (1)";
    harness.get_by_label(link).scroll_to_me();
    harness.run();
    let heading = "Storylines left unresolved";
    let in_view = |rect: egui::Rect| rect.top() >= 0.0 && rect.bottom() <= height;
    assert!(
        in_view(harness.get_by_label(link).rect()),
        "the cast is in view"
    );
    assert!(
        !in_view(harness.get_by_label(heading).rect()),
        "the storylines are out of view before the click"
    );

    click(&mut harness, link);
    assert!(
        in_view(harness.get_by_label("Storylines with Jack (1)").rect()),
        "Jack's storylines are brought into view: {:?}",
        harness.get_by_label("Storylines with Jack (1)").rect()
    );
}

#[test]
fn the_spoiler_shield_hides_storyline_text_until_clicked_and_is_kept_in_the_file() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    type_into(
        &mut harness,
        "Storyline 1: text",
        " The letter is from Paris.",
    );
    click(
        &mut harness,
        "🙈 Hide storyline text until clicked (spoilers)",
    );
    assert!(etoile(&harness).spoiler_shield);
    assert!(harness.query_by_label("Storyline 1: text").is_none());
    click(&mut harness, "Show the text of storyline 1");
    harness.get_by_label("Storyline 1: text");
    wait_for_file(&mut harness, &path, "spoiler_shield: true");
}

#[test]
fn storylines_show_when_they_were_written() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    add_storyline(&mut harness, "Who sent the letter?");
    let today = curtaincall::model::today();
    let written = etoile(&harness)
        .storylines
        .iter()
        .find(|s| s.title == "Who sent the letter?")
        .and_then(|s| s.created);
    assert_eq!(written, Some(today));
    harness.get_by_label(&format!("Written {today}"));
}

#[test]
fn the_view_menu_sets_the_theme_text_size_and_hides_spoilers_everywhere() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    click(&mut harness, "👁 View");
    click(&mut harness, "Light");
    assert_eq!(harness.state().preferences().theme, Theme::Light);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    click(&mut harness, "Larger text");
    assert!((harness.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    click(
        &mut harness,
        "🙈 Hide storyline text everywhere until clicked",
    );
    assert!(harness.state().preferences().hide_spoilers);
    assert!(harness.query_by_label("Storyline 1: text").is_none());
    harness.get_by_label("Show the text of storyline 1");
    assert!(
        !etoile(&harness).spoiler_shield,
        "a display preference, not an edit to the show"
    );
}

#[test]
fn search_finds_shows_by_actor_character_storyline_and_note() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    let rows = |h: &Harness<'static, CurtainCallApp>| {
        h.query_all_by_label_contains(", Canceled")
            .chain(h.query_all_by_label_contains(", Returning"))
            .chain(h.query_all_by_label_contains(", Ended"))
            .chain(h.query_all_by_label_contains(", Airing"))
            .count()
    };
    let everything = rows(&harness);
    assert!(everything >= 4, "the sample's shows are listed");
    // An actor (the index is built in the background on the first search).
    type_into(&mut harness, "Search", "kirby");
    crate::common::wait_until(&mut harness, "the search index is built", |app| {
        app.list_rows().len() == 1
    });
    harness.get_by_label_contains("Étoile, Canceled");
    assert_eq!(rows(&harness), 1);
    // A character, without the accent the user did not type; and a word of a storyline.
    for query in ["cheyenne", "jack cheyenne"] {
        search_for(&mut harness, query);
        assert_eq!(harness.state().list_rows().len(), 1, "{query}");
    }
    // A word typed into another show's notes is found at once, without a new index.
    harness.get_by_label("Search").focus();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(rows(&harness), everything, "Escape clears the search");
    harness.get_by_label_contains("Bunheads").click();
    harness.run();
    type_into(&mut harness, "Notes", "Marzipan subplot");
    search_for(&mut harness, "marzi");
    let ids: Vec<String> = {
        let app = harness.state();
        let watchlist = app.watchlist().expect("open");
        app.list_rows()
            .iter()
            .map(|&i| watchlist.shows[i].id.clone())
            .collect()
    };
    assert_eq!(ids, ["bunheads"]);
}

/// eframe's storage, in memory.
#[derive(Default)]
struct Memory(std::collections::HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_theme_and_the_last_open_show_come_back_from_eframes_storage() {
    let (_dir, path) = temp_data();
    let mut stored = Memory::default();
    Preferences {
        theme: Theme::Dark,
        last_selected: Some((path.clone(), "slow-horses".into())),
        ..Preferences::default()
    }
    .store(&mut stored);
    let stored: &'static Memory = Box::leak(Box::new(stored));
    let file = crate::common::data_file(&path);
    let mut harness = Harness::builder()
        .with_size([1280.0, 1600.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            cc.storage = Some(stored);
            CurtainCallApp::new(cc, file, crate::common::options())
        });
    crate::common::wait_until(&mut harness, "the file loads", |app| app.is_ready());
    assert_eq!(harness.state().selected(), Some("slow-horses"));
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);

    // What eframe stores at exit: the show open now.
    click(&mut harness, "Bunheads, Canceled");
    let mut saved = Memory::default();
    eframe::App::save(harness.state_mut(), &mut saved);
    let back = Preferences::load(Some(&saved));
    assert_eq!(back.selected_in(&path), Some("bunheads"));
    assert_eq!(back.theme, Theme::Dark);
}

#[test]
fn fields_in_the_cast_and_score_editors_keep_their_width() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    click(&mut harness, "✏ Edit");
    // Drawn a few times over, as a person would see it: a field in a grid used to shrink to
    // its column's last width and stay there.
    harness.run_steps(5);
    for (label, at_least) in [
        ("Cast 1: actor", 150.0),
        ("Cast 1: character", 150.0),
        ("Rotten Tomatoes critic score: seen on", 96.0),
    ] {
        let width = harness.get_by_label(label).rect().width();
        assert!(width >= at_least, "{label}: {width} px");
    }
}

#[test]
fn a_tag_is_added_kept_in_the_file_and_opens_its_list_and_the_list_narrows_by_network() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    // Typing offers the tags other shows carry; Enter adds what was typed.
    type_into(&mut harness, "Add tag", "com");
    harness.get_by_label("+ comfort");
    harness.get_by_label("Add tag").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Add tag").type_text("Paris");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        etoile(&harness).tags,
        ["ballet", "Palladino-verse", "Paris"]
    );
    wait_for_file(&mut harness, &path, "\"Paris\"");

    // The chip opens the tag as a list: Étoile and Bunheads are the ballet shows.
    pick_list(
        &mut harness,
        "ballet",
        "Bunheads, Canceled",
        "Gilmore Girls, Ended",
    );
    // The smart lists count within the tag: two shows, both canceled, none ended.
    harness.get_by_label_contains("All (2)");
    harness.get_by_label_contains("Canceled (2)");
    harness.get_by_label_contains("Ended (0)");
    // ✖ takes the tag off; one undo puts it back.
    click(&mut harness, "Remove tag Paris");
    assert_eq!(etoile(&harness).tags, ["ballet", "Palladino-verse"]);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        etoile(&harness).tags,
        ["ballet", "Palladino-verse", "Paris"]
    );

    // Network and tag narrow together: Prime Video and "ballet" is Étoile alone.
    click(&mut harness, "Network filter");
    pick_list(
        &mut harness,
        "Prime Video (2)",
        "Étoile, Canceled",
        "Bunheads, Canceled",
    );
    click(&mut harness, "Tag filter");
    click(&mut harness, "All tags");
    harness.get_by_label_contains("The Marvelous Mrs. Maisel, Ended");
}

#[test]
fn statistics_chart_the_watchlist_follow_its_changes_and_a_bar_opens_its_shows() {
    let (_dir, path) = temp_data();
    let mut harness = open(&path);
    harness.key_press(egui::Key::F2);
    harness.run();
    harness.get_by_label("🏁 Ended: 2 shows");
    harness.get_by_label("✖ Canceled: 2 shows");
    harness.get_by_label("Prime Video: 1 canceled show");
    harness.get_by_label("Left unresolved: 1 storyline");
    harness.get_by_label("Étoile: 1 unresolved storyline");

    // Marking Gilmore Girls canceled is in the charts when they open again.
    harness.key_press(egui::Key::F2);
    harness.run();
    assert!(
        harness.query_by_label("🏁 Ended: 2 shows").is_none(),
        "F2 closes it"
    );
    click(&mut harness, "Gilmore Girls, Ended");
    click(&mut harness, "New status");
    click(&mut harness, "✖ Canceled");
    click(&mut harness, "Set status");
    click(&mut harness, "📊 Statistics");
    harness.get_by_label("✖ Canceled: 3 shows");
    harness.get_by_label("The WB: 1 canceled show");

    // A network's bar lists its canceled shows, and the window steps aside.
    pick_list(
        &mut harness,
        "ABC Family: 1 canceled show",
        "Bunheads, Canceled",
        "Étoile, Canceled",
    );
    assert!(harness.query_by_label("🏁 Ended: 2 shows").is_none());
}

#[test]
fn loaded_notes_show_as_soon_as_the_show_opens_and_edits_are_saved() {
    let (_dir, path) = temp_data();
    let mut watchlist = curtaincall::model::generate::watchlist(3, 2);
    let show = std::sync::Arc::make_mut(&mut watchlist.shows[1]);
    show.notes = "What the finale left open.".into();
    show.storylines[0].text = "Nobody opened the letter.".into();
    let title = show.title.clone();
    curtaincall::store::save_atomic(&path, &watchlist).expect("saves");
    let mut harness = open(&path);
    harness.get_by_label_contains(&title).click();
    // The frame that opens the show shows its texts: nothing is read back from anywhere.
    harness.step();
    harness.step();
    assert!(
        harness
            .query_all_by_value("Nobody opened the letter.")
            .next()
            .is_some(),
        "the storyline's text is shown"
    );
    assert!(
        harness
            .query_all_by_value("What the finale left open.")
            .next()
            .is_some(),
        "the notes are shown"
    );
    type_into(&mut harness, "Notes", " Rewatch S2.");
    let file = wait_for_file(&mut harness, &path, "Rewatch S2.");
    assert!(file.contains("What the finale left open."), "{file}");
    assert!(file.contains("Nobody opened the letter."));
}
