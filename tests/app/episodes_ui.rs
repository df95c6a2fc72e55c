//! Episodes from the catalog, through the real app: the guide's titles and air dates in a
//! show's detail, Up next (F3) with its one-click "watched" and undo, and the calendar (F4) —
//! all read from an episode cache in a temporary folder, as after a check.

use std::sync::Arc;

use crate::common::{click, open_with, options, temp_data, wait_for_label_containing};
use curtaincall::model::guide::{Guide, GuideEpisode};
use curtaincall::model::{EpisodeRef, ExternalIds, Show, Status, Watchlist};
use curtaincall::store::guide_cache::GuideCache;
use egui_kittest::kittest::Queryable as _;
use jiff::{SignedDuration, Timestamp};

/// The app on `path`, its episode guides read from `cache`.
fn open_with_guides(
    path: &std::path::Path,
    cache: GuideCache,
) -> egui_kittest::Harness<'static, curtaincall::ui::CurtainCallApp> {
    open_with(
        path,
        curtaincall::ui::AppOptions {
            guide_cache: Some(cache),
            ..options()
        },
    )
}

/// Season 1's episode `number`, airing `days` from now (negative: aired).
fn episode(number: u32, title: &str, days: i64) -> GuideEpisode {
    in_season(1, number, title, days)
}

/// Episode `number` of `season`, airing `days` from now (negative: aired).
fn in_season(season: u32, number: u32, title: &str, days: i64) -> GuideEpisode {
    GuideEpisode {
        episode: EpisodeRef(season, number),
        title: title.into(),
        airs_at: Some(Timestamp::now() + SignedDuration::from_hours(24 * days)),
        air_date: None,
        runtime: Some(52),
        summary: String::new(),
    }
}

#[test]
fn up_next_and_the_calendar_come_from_the_cached_guide_and_watched_is_one_undoable_click() {
    let (dir, path) = temp_data();
    let mut show = Show::new("harbor-lights", "Harbor Lights", Status::Airing);
    show.external_ids = ExternalIds {
        tvmaze: Some(101),
        ..ExternalIds::default()
    };
    show.progress
        .mark_watched(&[EpisodeRef(1, 1)], Some(curtaincall::model::today()))
        .expect("marks");
    let watchlist = Watchlist {
        shows: vec![
            Arc::new(show),
            Arc::new(Show::new("zebra-days", "Zebra Days", Status::Airing)),
        ],
        ..Watchlist::default()
    };
    curtaincall::store::save_atomic(&path, &watchlist).expect("writes");
    let cache = GuideCache::new(dir.path().join("cache").join("episodes"));
    cache
        .store(&Guide::new(
            101,
            None,
            vec![
                episode(1, "Low Tide", -10),
                GuideEpisode {
                    summary: "The keeper's log goes missing.".into(),
                    ..episode(2, "The Keeper", -3)
                },
                episode(3, "Fog Signal", 5),
                in_season(2, 1, "Spring Tide", 12),
            ],
        ))
        .expect("stores");
    let mut harness = open_with_guides(&path, cache);
    // The detail's episode guide: each row with the title and when it aired or airs.
    wait_for_label_containing(&mut harness, "S1E2 · The Keeper, aired");
    harness.get_by_label_contains("S1E3 · Fog Signal, airs");
    harness.get_by_label("Fog Signal");
    // The open show's summaries are read on demand: the aired episode's on hover.
    harness.get_by_label("The Keeper").hover();
    wait_for_label_containing(&mut harness, "The keeper's log goes missing.");
    // By keyboard: ↓ moves from one episode to the next (not the list to the next show), and
    // Space marks it.
    harness
        .get_by_label_contains("S1E2 · The Keeper, aired")
        .focus();
    harness.run();
    harness.key_press(eframe::egui::Key::ArrowDown);
    harness.run();
    harness.key_press(eframe::egui::Key::Space);
    harness.run();
    assert_eq!(harness.state().selected(), Some("harbor-lights"));
    let marked = |harness: &egui_kittest::Harness<'static, curtaincall::ui::CurtainCallApp>,
                  episode| {
        harness
            .state()
            .watchlist()
            .and_then(|w| w.get("harbor-lights"))
            .is_some_and(|s| s.progress.is_watched(episode))
    };
    assert!(marked(&harness, EpisodeRef(1, 3)), "Space marked S1E3");
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    assert!(!marked(&harness, EpisodeRef(1, 3)));

    // Up next: the aired episode after the last watched, with its title.
    click(&mut harness, "▶ Up next");
    harness.get_by_label("S1E2 · The Keeper");
    click(&mut harness, "Mark Harbor Lights S1E2 watched");
    let watched = |harness: &egui_kittest::Harness<'static, _>| {
        let app: &curtaincall::ui::CurtainCallApp = harness.state();
        app.watchlist()
            .and_then(|w| w.get("harbor-lights"))
            .is_some_and(|s| s.progress.is_watched(EpisodeRef(1, 2)))
    };
    assert!(watched(&harness));
    // S1E3 has not aired: nothing is left to catch up on.
    wait_for_label_containing(&mut harness, "Nothing to catch up on");
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    assert!(!watched(&harness), "one undo takes it back");
    harness.get_by_label("S1E2 · The Keeper");

    // The calendar: the coming episode, marked as the season's last.
    harness.key_press(eframe::egui::Key::F4);
    harness.run();
    harness.get_by_label("S1E3 · Fog Signal");
    harness.get_by_label("Season finale");

    // The next season's date is an alert (with the status changes, of which there are none).
    click(&mut harness, "🔔 1 alert");
    harness.get_by_label_contains("Season 2 premieres");
}

#[test]
fn a_premiere_in_two_days_offers_previously_on_with_the_storylines_left_open() {
    let (dir, path) = temp_data();
    let mut watchlist = curtaincall::model::sample().expect("sample");
    let at = watchlist.index_of("etoile").expect("Étoile");
    Arc::make_mut(&mut watchlist.shows[at]).external_ids.tvmaze = Some(202);
    curtaincall::store::save_atomic(&path, &watchlist).expect("writes");
    let cache = GuideCache::new(dir.path().join("cache").join("episodes"));
    cache
        .store(&Guide::new(
            202,
            None,
            vec![episode(8, "Curtain", -400), in_season(2, 1, "Encore", 2)],
        ))
        .expect("stores");
    let mut harness = open_with_guides(&path, cache);
    wait_for_label_containing(&mut harness, "2 alerts");
    click(&mut harness, "🔔 2 alerts");
    harness.get_by_label_contains("Season 2 premieres");
    click(&mut harness, "Previously on Étoile");
    harness.get_by_label("Jack and Cheyenne — left at S1E8");
    harness.get_by_label("With Jack (Luke Kirby), Cheyenne (Lou de Laâge)");
    harness.get_by_label_contains("cliffhanger");
}
