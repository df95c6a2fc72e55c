//! The watch progress section: each season's episodes (watched, skipped, when), up next,
//! caught up, dropped.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};

use super::episode::{Episodes, episode_actions, storylines_at};
use crate::model::episodes::Mark;
use crate::model::guide::Guide;
use crate::model::{EpisodeRef, Progress, Show, ShowEdit, WatchDay, WatchState};
use crate::ui::theme::section_heading;
use crate::ui::{UiCommand, edit};

/// The section in a show's detail.
pub fn progress_ui(
    ui: &mut egui::Ui,
    show: &Show,
    guide: Option<&Guide>,
    hide_spoilers: bool,
    commands: &mut Vec<UiCommand>,
) {
    section_heading(ui, "Watch progress");
    let progress = &show.progress;
    ui.horizontal(|ui| {
        let state = progress.state();
        let summary = match (state, progress.up_next()) {
            (WatchState::Dropped, _) => "Dropped".to_owned(),
            (WatchState::CaughtUp, _) => "✔ Caught up".to_owned(),
            (_, Some(next)) => format!("Up next: {next}"),
            (_, None) => state.label().to_owned(),
        };
        ui.label(RichText::new(summary).strong());
        if let Some(next) = progress.up_next().filter(|_| !progress.dropped) {
            let watched = ui
                .button(format!("✔ Watched {next}"))
                .accessible_name("Watched next episode")
                .on_hover_text("Mark the next episode watched");
            if watched.clicked() {
                commands.push(edit(show, ShowEdit::WatchNext));
            }
        }
        let recap = ui
            .button("Previously on…")
            .on_hover_text("A recap from your storylines and notes, before the next season");
        if recap.clicked() {
            commands.push(UiCommand::OpenRecap(show.id.clone()));
        }
        let mut dropped = progress.dropped;
        if ui.checkbox(&mut dropped, "Dropped").changed() {
            let mut changed = progress.clone();
            changed.dropped = dropped;
            commands.push(edit(show, ShowEdit::Progress(changed)));
        }
    });
    let listed = guide.map_or(0, |g| {
        g.season_lengths()
            .last()
            .map_or(0, |(season, _)| *season as usize)
    });
    let seasons = progress.seasons().max(listed).max(1);
    let specials = progress.watched_in(0) > 0 || guide.is_some_and(|g| !g.season(0).is_empty());
    let episodes = Episodes {
        guide,
        hide_titles: hide_spoilers || show.spoiler_shield,
        now: jiff::Timestamp::now(),
        tz: jiff::tz::TimeZone::system(),
    };
    // Once a frame for all seasons: each episode's mark, looked up by its button.
    let marks = progress.marks();
    for number in (if specials { 0 } else { 1 })..=seasons {
        match guide.map(|g| g.season(number as u32)) {
            Some(listed) if !listed.is_empty() => {
                super::guide::season_ui(ui, show, &marks, &episodes, listed, commands);
            }
            _ => season_ui(ui, show, &marks, &episodes, number, commands),
        }
    }
    if ui.small_button("➕ Add a season").clicked() {
        let number = seasons + 1;
        commands.push(edit(
            show,
            ShowEdit::Progress(with_length(progress, number, 0)),
        ));
    }
}

/// One season: "Season 2 · 5 of 8 watched", its length (editable, for shows added by hand),
/// and a button per episode: click to mark it watched today or unwatched; right-click to mark
/// it and every episode before it, or to skip it.
fn season_ui(
    ui: &mut egui::Ui,
    show: &Show,
    marks: &BTreeMap<EpisodeRef, Mark>,
    episodes: &Episodes<'_>,
    number: usize,
    commands: &mut Vec<UiCommand>,
) {
    let progress = &show.progress;
    let season = number as u32;
    let listed = episodes.guide.map_or(0, |g| g.season(season).len() as u32);
    let length = match progress.episodes_in(number) {
        0 => listed,
        kept => kept,
    };
    ui.horizontal(|ui| {
        let name = if number == 0 {
            "Specials".to_owned()
        } else {
            format!("Season {number}")
        };
        let label = ui.label(RichText::new(name).strong());
        let watched = progress.watched_in(number);
        ui.label(match length {
            0 => format!("{watched} watched"),
            _ => format!("{watched} of {length} watched"),
        });
        if number > 0 {
            let mut episodes = length;
            let changed = ui
                .add(
                    egui::DragValue::new(&mut episodes)
                        .range(0..=999)
                        .prefix("episodes: ")
                        .custom_formatter(|n, _| {
                            if n == 0.0 {
                                "?".to_owned()
                            } else {
                                format!("{n}")
                            }
                        }),
                )
                .labelled_by(label.id)
                .on_hover_text("Episodes in the season (? when not known)")
                .changed();
            if changed {
                commands.push(edit(
                    show,
                    ShowEdit::Progress(with_length(progress, number, episodes)),
                ));
            }
        }
        if length > 0 && watched < length {
            let all = ui
                .small_button("✔ Season")
                .on_hover_text("Mark every episode of the season watched today");
            if all.clicked() {
                let episodes = (1..=length).map(|n| EpisodeRef(season, n)).collect();
                commands.push(edit(
                    show,
                    ShowEdit::Watched {
                        episodes,
                        on: WatchDay::Today,
                    },
                ));
            }
        }
    });
    // Known episodes, or those watched so far and the next, when the length is not known.
    let furthest = marks
        .keys()
        .filter(|e| e.season() == season)
        .map(|e| e.episode())
        .max()
        .unwrap_or(0);
    let storied = show
        .storylines
        .iter()
        .flat_map(|s| [s.left_at, s.resolved_in])
        .flatten()
        .filter(|e| e.season() == season)
        .map(|e| e.episode())
        .max()
        .unwrap_or(0);
    let shown = if length > 0 {
        length
    } else {
        (furthest + 1).max(storied)
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        for n in 1..=shown {
            let episode = EpisodeRef(season, n);
            let mark = marks.get(&episode);
            let (mut text, state) = match mark {
                Some(mark) if mark.skipped => (format!("{n} »"), "skipped"),
                Some(_) => (format!("{n} ✔"), "watched"),
                None => (format!("{n}"), "not watched"),
            };
            // Where storylines were left, and where they were resolved.
            let stories = storylines_at(show, episode);
            if !stories.is_empty() {
                text.push_str(" •");
            }
            let mut button = egui::Button::new(text).small();
            if mark.is_some_and(|m| !m.skipped) {
                button = button.fill(ui.visuals().selection.bg_fill);
            }
            let mut when = mark
                .and_then(|m| m.on.last())
                .map_or(String::new(), |day| format!(", watched {day}"));
            if let Some(rating) = mark.and_then(|m| m.rating) {
                when.push_str(&format!(", rated {rating}/10"));
            }
            let told = if stories.is_empty() {
                String::new()
            } else {
                format!(". {}", stories.join("; "))
            };
            let about = episodes.describe(episode, mark.is_some_and(|m| !m.skipped));
            let response = ui
                .add(button)
                .accessible_name(format!("{episode}{about}, {state}{when}{told}"))
                .on_hover_text(format!(
                    "{episode}{about}: {state}{when}{told}. Right-click for more."
                ));
            episode_actions(&response, show, episode, mark, commands);
        }
    });
}

/// `progress` with season `number` known to have `episodes` episodes (0: not known).
fn with_length(progress: &Progress, number: usize, episodes: u32) -> Progress {
    let mut changed = progress.clone();
    if changed.episodes.len() < number {
        changed.episodes.resize(number, 0);
    }
    changed.episodes[number - 1] = episodes;
    changed
}
