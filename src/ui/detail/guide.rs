//! The episode guide: a season the catalog lists, as a collapsible group of rows — number,
//! title (hidden while unwatched with the spoiler setting), when it aired or airs in the user's
//! time zone, when it was watched, and the storylines left or resolved there. Each row's
//! button is focusable: ↑/↓ move through the episodes, Space marks one, and its menu offers
//! "watched up to here", skipping and a rating, as the compact buttons do.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};

use super::episode::{Episodes, episode_actions, storylines_at};
use crate::model::episodes::Mark;
use crate::model::guide::GuideEpisode;
use crate::model::{EpisodeRef, Show, ShowEdit, WatchDay};
use crate::ui::{UiCommand, edit};

/// Where the focused row's id is kept for a frame, so the list leaves ↑/↓ to the guide.
pub fn focus_key() -> egui::Id {
    egui::Id::unique("episode_guide_focus")
}

/// One season of the guide, open when it holds the next episode to watch.
pub(super) fn season_ui(
    ui: &mut egui::Ui,
    show: &Show,
    marks: &BTreeMap<EpisodeRef, Mark>,
    episodes: &Episodes<'_>,
    listed: &[GuideEpisode],
    commands: &mut Vec<UiCommand>,
) {
    let Some(season) = listed.first().map(|e| e.episode.season()) else {
        return;
    };
    let watched = listed
        .iter()
        .filter(|e| marks.get(&e.episode).is_some_and(|m| !m.skipped))
        .count();
    let name = if season == 0 {
        "Specials".to_owned()
    } else {
        format!("Season {season}")
    };
    let next = show.progress.up_next();
    let holds_next = next.is_some_and(|n| n.season() == season);
    egui::CollapsingHeader::new(RichText::new(format!(
        "{name} · {watched} of {} watched",
        listed.len()
    )))
    .id_salt(("guide", &show.id, season))
    .default_open(holds_next)
    .show(ui, |ui| {
        if watched < listed.len() && season > 0 {
            let all = ui
                .small_button(format!("✔ Mark season {season} watched"))
                .on_hover_text("Every episode of the season, watched today");
            if all.clicked() {
                let list = listed.iter().map(|e| e.episode).collect();
                commands.push(edit(
                    show,
                    ShowEdit::Watched {
                        episodes: list,
                        on: WatchDay::Today,
                    },
                ));
            }
        }
        egui::Grid::new(("guide_rows", &show.id, season))
            .num_columns(4)
            .striped(true)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for listed in listed {
                    row_ui(
                        ui,
                        show,
                        marks.get(&listed.episode),
                        episodes,
                        listed,
                        commands,
                    );
                    ui.end_row();
                }
            });
    });
}

/// One episode's row.
fn row_ui(
    ui: &mut egui::Ui,
    show: &Show,
    mark: Option<&Mark>,
    episodes: &Episodes<'_>,
    listed: &GuideEpisode,
    commands: &mut Vec<UiCommand>,
) {
    let episode = listed.episode;
    let watched = mark.is_some_and(|m| !m.skipped);
    let (text, state) = match mark {
        Some(m) if m.skipped => (format!("» {}", episode.episode()), "skipped"),
        Some(_) => (format!("✔ {}", episode.episode()), "watched"),
        None => (format!("{}", episode.episode()), "not watched"),
    };
    let about = episodes.describe(episode, watched);
    let response = ui
        .add(
            egui::Button::new(text)
                .selected(watched)
                .min_size(egui::vec2(44.0, 0.0)),
        )
        .accessible_name(format!("{episode}{about}, {state}"))
        .on_hover_text("Click: watched today, or not watched. Right-click for more.");
    if response.has_focus() {
        ui.ctx()
            .data_mut(|d| d.insert_temp(focus_key(), response.id));
    }
    episode_actions(&response, show, episode, mark, commands);
    let hidden = !watched && episodes.hide_titles;
    let title = if listed.title.is_empty() {
        RichText::new("—").weak()
    } else if hidden {
        RichText::new("title hidden until watched").weak().italics()
    } else {
        RichText::new(&listed.title)
    };
    let title = ui.label(title);
    // The catalog's summary on hover, hidden with the title while unwatched.
    if !hidden && !listed.summary.is_empty() {
        title.on_hover_text(&listed.summary);
    }
    ui.label(RichText::new(episodes.when(listed)).weak());
    let mut notes = Vec::new();
    if let Some(days) = mark.filter(|m| !m.on.is_empty()).map(|m| &m.on) {
        let days: Vec<String> = days
            .iter()
            .map(|d| d.strftime("%-d %b %Y").to_string())
            .collect();
        notes.push(format!("watched {}", days.join(", ")));
    }
    if let Some(rating) = mark.and_then(|m| m.rating) {
        notes.push(format!("rated {rating}/10"));
    }
    if let Some(note) = mark.map(|m| m.note.as_str()).filter(|n| !n.is_empty()) {
        notes.push(format!("“{note}”"));
    }
    notes.extend(
        storylines_at(show, episode)
            .into_iter()
            .map(|s| format!("• {s}")),
    );
    ui.label(notes.join(" · "));
}
