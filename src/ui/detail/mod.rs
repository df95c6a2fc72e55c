//! A show's detail: the header, cancellation banner and the catalog's questions, then the
//! sections, each in a module of its own that takes only the state it draws: storylines, scores,
//! cast, progress, status and notes.

mod cast;
mod episode;
pub(crate) mod guide;
mod header;
mod notes;
mod progress;
mod questions;
mod scores;
mod status;
mod storylines;
mod tags;

use eframe::egui::{self, RichText};

use super::posters::Posters;
use super::theme::alarm_color;
use super::{UiCommand, fields};
use crate::model::{Show, Status};

/// What the detail view remembers between frames.
#[derive(Default)]
pub struct DetailState {
    /// Edit mode: header fields, scores and cast become editable.
    pub editing: bool,
    /// The status picked in "Change status", with its note, for the show it was picked for.
    status_draft: Option<status::StatusDraft>,
    new_cast: cast::NewCast,
    new_score: scores::NewScore,
    storylines: storylines::StorylinesState,
    /// The text typed in the "Add tag" field.
    new_tag: String,
    /// A character clicked in the cast: the storylines section shows only theirs.
    character: Option<CharacterFilter>,
    /// The storylines section scrolls into view on the next frame (a character was just picked
    /// in the cast, below it).
    reveal_storylines: bool,
}

/// The storylines of one character of one show.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CharacterFilter {
    show_id: String,
    name: String,
}

/// What the detail shows a show with, besides the show itself.
pub struct Showing<'a> {
    /// The catalog's episode guide of the show, when cached.
    pub guide: Option<&'a crate::model::guide::Guide>,
    /// The View menu's "hide spoilers".
    pub hide_spoilers: bool,
}

/// The detail of one show.
pub fn detail_ui(
    ui: &mut egui::Ui,
    show: &Show,
    showing: Showing<'_>,
    state: &mut DetailState,
    known_tags: &mut dyn FnMut() -> Vec<(String, usize)>,
    posters: &mut Posters,
    commands: &mut Vec<UiCommand>,
) {
    egui::ScrollArea::vertical()
        .id_salt(("detail", &show.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let Showing {
                guide,
                hide_spoilers,
            } = showing;
            // Long lines are hard to read; keep the detail at a comfortable width.
            ui.set_max_width(ui.available_width().min(960.0));
            ui.horizontal_top(|ui| {
                header::poster_ui(ui, show, posters, commands);
                ui.vertical(|ui| {
                    header::header_ui(ui, show, &mut state.editing, commands);
                    ui.add_space(4.0);
                    tags::tags_ui(ui, show, known_tags, &mut state.new_tag, commands);
                });
            });
            if show.status == Status::Canceled {
                cancellation_banner_ui(ui, show);
            }
            questions::questions_ui(ui, show, commands);
            // Storylines lead: for a canceled show they are what it left hanging.
            let character = state
                .character
                .as_ref()
                .filter(|f| f.show_id == show.id)
                .map(|f| f.name.as_str());
            let show_all = storylines::storylines_ui(
                ui,
                show,
                &mut state.storylines,
                character,
                std::mem::take(&mut state.reveal_storylines),
                hide_spoilers,
                commands,
            );
            if show_all {
                state.character = None;
            }
            // Side by side when reading; one above the other when editing, where the rows of
            // fields and buttons need the whole width.
            let picked = if !state.editing && ui.available_width() >= 760.0 {
                ui.columns(2, |columns| {
                    scores::scores_ui(
                        &mut columns[0],
                        show,
                        state.editing,
                        &mut state.new_score,
                        commands,
                    );
                    cast::cast_ui(
                        &mut columns[1],
                        show,
                        state.editing,
                        &mut state.new_cast,
                        commands,
                    )
                })
            } else {
                scores::scores_ui(ui, show, state.editing, &mut state.new_score, commands);
                cast::cast_ui(ui, show, state.editing, &mut state.new_cast, commands)
            };
            if let Some(name) = picked {
                state.character = Some(CharacterFilter {
                    show_id: show.id.clone(),
                    name,
                });
                state.reveal_storylines = true;
                ui.ctx().request_repaint();
            }
            progress::progress_ui(ui, show, guide, hide_spoilers, commands);
            status::status_ui(ui, show, &mut state.status_draft, commands);
            notes::notes_ui(ui, show, commands);
            ui.add_space(24.0);
        });
}

/// Shown when no show is selected.
pub fn empty_ui(ui: &mut egui::Ui, commands: &mut Vec<UiCommand>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.label(RichText::new("No show selected").heading());
        ui.label("Pick a show on the left, or add one.");
        if ui.button("➕ Add show").clicked() {
            commands.push(UiCommand::OpenAddShow);
        }
    });
}

fn cancellation_banner_ui(ui: &mut egui::Ui, show: &Show) {
    let alarm = alarm_color(ui);
    ui.add_space(6.0);
    egui::Frame::new()
        .fill(alarm.gamma_multiply(0.14))
        .stroke(egui::Stroke::new(1.5, alarm))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let unresolved = show.unresolved_count();
            let headline = match unresolved {
                0 => "✖ Canceled".to_owned(),
                1 => "✖ Canceled — 1 storyline left unresolved".to_owned(),
                n => format!("✖ Canceled — {n} storylines left unresolved"),
            };
            ui.label(RichText::new(headline).color(alarm).strong().size(17.0));
            if let Some(change) = show
                .status_history
                .iter()
                .rev()
                .find(|c| c.status == Status::Canceled)
            {
                let mut line = fields::date_text(change.on);
                if !change.note.is_empty() {
                    line = format!("{line} · {}", change.note);
                }
                line = format!("{line} · source: {}", change.source.label());
                ui.label(line);
            }
        });
}
