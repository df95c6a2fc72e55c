//! What an episode's button says and does, shared by the compact season rows and the
//! catalog's episode guide: its title and air time as the user's clock reads them, the
//! storylines left or resolved there, and the edits a click or its menu makes.

use eframe::egui;

use crate::model::episodes::Mark;
use crate::model::guide::{Guide, GuideEpisode};
use crate::model::{EpisodeRef, Show, ShowEdit, WatchDay};
use crate::ui::{UiCommand, edit};

/// What the catalog's guide says of the episodes, as the buttons tell it.
pub(super) struct Episodes<'a> {
    pub(super) guide: Option<&'a Guide>,
    /// The spoiler setting: titles of unwatched episodes stay hidden.
    pub(super) hide_titles: bool,
    pub(super) now: jiff::Timestamp,
    pub(super) tz: jiff::tz::TimeZone,
}

impl Episodes<'_> {
    /// " · Low Tide, aired Sun 7 Sep 2025" or " · airs Fri 12 Dec, 21:00" (in the user's time
    /// zone); empty without a guide entry.
    pub(super) fn describe(&self, episode: EpisodeRef, watched: bool) -> String {
        let Some(listed) = self.guide.and_then(|g| g.get(episode)) else {
            return String::new();
        };
        let mut text = String::new();
        if !listed.title.is_empty() && (watched || !self.hide_titles) {
            text.push_str(&format!(" · {}", listed.title));
        }
        let when = self.when(listed);
        if !when.is_empty() {
            text.push_str(&format!(", {when}"));
        }
        text
    }

    /// "aired Sun 7 Sep 2025", or "airs Fri 12 Dec, 21:00" in the user's time zone when ahead;
    /// empty when the catalog gives no date.
    pub(super) fn when(&self, listed: &GuideEpisode) -> String {
        match (listed.airs_at, listed.air_date) {
            (Some(at), _) => {
                let local = self.tz.to_datetime(at);
                if at > self.now {
                    format!("airs {}", local.strftime("%a %-d %b, %H:%M"))
                } else {
                    format!("aired {}", local.strftime("%a %-d %b %Y"))
                }
            }
            (None, Some(day)) => format!("airs {}", day.strftime("%a %-d %b %Y")),
            (None, None) => String::new(),
        }
    }
}

/// What an episode's button does: a click marks it watched today, or unwatched; its menu marks
/// it and every episode before it, skips it, or rates it. Each is one undoable edit.
pub(super) fn episode_actions(
    response: &egui::Response,
    show: &Show,
    episode: EpisodeRef,
    mark: Option<&Mark>,
    commands: &mut Vec<UiCommand>,
) {
    let progress = &show.progress;
    if response.clicked() {
        let change = match mark {
            Some(m) if !m.skipped => ShowEdit::Unwatched(vec![episode]),
            _ => ShowEdit::Watched {
                episodes: vec![episode],
                on: WatchDay::Today,
            },
        };
        commands.push(edit(show, change));
    }
    response.context_menu(|ui| {
        if ui.button("Watched up to here").clicked() {
            commands.push(edit(
                show,
                ShowEdit::Watched {
                    episodes: progress.up_to(episode),
                    on: WatchDay::Unknown,
                },
            ));
            ui.close();
        }
        if mark.is_none() && ui.button("Skipped").clicked() {
            commands.push(edit(show, ShowEdit::Skipped(vec![episode])));
            ui.close();
        }
        if mark.is_some() && ui.button("Not watched").clicked() {
            commands.push(edit(show, ShowEdit::Unwatched(vec![episode])));
            ui.close();
        }
        if let Some(mark) = mark {
            note_ui(ui, show, episode, mark, commands);
        }
        if let Some(mark) = mark.filter(|m| !m.skipped) {
            ui.separator();
            ui.label("Your rating");
            ui.horizontal(|ui| {
                let choices = std::iter::once(None).chain((1..=10).map(Some));
                for rating in choices {
                    let text = rating.map_or("–".to_owned(), |r| r.to_string());
                    let chosen = mark.rating == rating;
                    let name = rating.map_or(format!("No rating for {episode}"), |r| {
                        format!("Rate {episode} {r} out of 10")
                    });
                    let picked = ui
                        .selectable_label(chosen, text)
                        .accessible_name(name)
                        .clicked();
                    if picked && !chosen {
                        commands.push(edit(show, ShowEdit::RateEpisode { episode, rating }));
                        ui.close();
                    }
                }
            });
        }
    });
}

/// What happened to the show's storylines in `episode`: "left here: Jack and Cheyenne",
/// "resolved here: Who sent the letter?".
pub(super) fn storylines_at(show: &Show, episode: EpisodeRef) -> Vec<String> {
    show.storylines
        .iter()
        .filter_map(|storyline| {
            if storyline.resolved_in == Some(episode) {
                Some(format!("resolved here: {}", storyline.title))
            } else if storyline.left_at == Some(episode) {
                Some(format!("left here: {}", storyline.title))
            } else {
                None
            }
        })
        .collect()
}

/// The episode's note in its menu: typed, then kept with Enter or "Save note" (one undoable
/// edit); the draft lives in egui's memory while the menu is open.
fn note_ui(
    ui: &mut egui::Ui,
    show: &Show,
    episode: EpisodeRef,
    mark: &Mark,
    commands: &mut Vec<UiCommand>,
) {
    ui.separator();
    let id = egui::Id::unique(("episode_note", &show.id, episode));
    let mut draft = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| mark.note.clone());
    let label = ui.label("Your note");
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut draft)
                .hint_text("a line on this episode")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let saved = ui.button("Save note").clicked();
    if entered || saved {
        ui.data_mut(|d| d.remove::<String>(id));
        if draft.trim() != mark.note {
            commands.push(edit(
                show,
                ShowEdit::NoteEpisode {
                    episode,
                    note: draft.trim().to_owned(),
                },
            ));
        }
        ui.close();
    } else {
        ui.data_mut(|d| d.insert_temp(id, draft));
    }
}
