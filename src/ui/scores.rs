//! The scores section: critic and audience scores with source and date.

use eframe::egui::{self, RichText};

use super::detail::DetailState;
use super::edit;
use super::theme::section_heading;
use super::{UiCommand, fields};
use crate::model::{Score, ScoreKind, ScoreSource, Show, ShowEdit, today};

/// The "Add score" form.
pub struct NewScore {
    source: ScoreSource,
    kind: ScoreKind,
    value: f64,
}

impl Default for NewScore {
    fn default() -> Self {
        NewScore {
            source: ScoreSource::RottenTomatoes,
            kind: ScoreKind::Critic,
            value: 0.0,
        }
    }
}

const SOURCES: [ScoreSource; 4] = [
    ScoreSource::RottenTomatoes,
    ScoreSource::Metacritic,
    ScoreSource::Imdb,
    ScoreSource::Personal,
];

/// Scores: read-only, or editable in edit mode.
pub fn scores_ui(
    ui: &mut egui::Ui,
    show: &Show,
    state: &mut DetailState,
    commands: &mut Vec<UiCommand>,
) {
    section_heading(ui, "Scores");
    if show.scores.is_empty() && !state.editing {
        ui.weak("No scores yet. Click ✏ Edit to add one, e.g. Rotten Tomatoes 85%.");
        return;
    }
    egui::Grid::new(("scores", &show.id))
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for header in ["Source", "Kind", "Score", "Seen on", ""] {
                ui.label(RichText::new(header).weak());
            }
            ui.end_row();
            for (index, score) in show.scores.iter().enumerate() {
                ui.label(score.source.label());
                ui.label(score.kind.word());
                if state.editing {
                    score_editor_ui(ui, show, index, score, commands);
                } else {
                    ui.label(RichText::new(score.display()).strong().size(16.0));
                    ui.label(fields::date_text(score.as_of));
                    ui.label("");
                }
                ui.end_row();
            }
        });
    if state.editing {
        add_score_ui(ui, show, &mut state.new_score, commands);
    }
}

fn score_editor_ui(
    ui: &mut egui::Ui,
    show: &Show,
    index: usize,
    score: &Score,
    commands: &mut Vec<UiCommand>,
) {
    let name = format!("{} {} score", score.source.label(), score.kind.word());
    let mut value = score.value;
    ui.horizontal(|ui| {
        let response = ui
            .add(
                egui::DragValue::new(&mut value)
                    .range(0.0..=score.out_of)
                    .speed(0.1),
            )
            .accessible_name(name.clone());
        ui.label(format!("/ {}", crate::model::trim_number(score.out_of)));
        if response.changed() {
            let mut updated = score.clone();
            updated.value = value;
            commands.push(edit(show, ShowEdit::UpdateScore(index, updated)));
        }
    });
    let id = egui::Id::unique(("score_date", &show.id, index));
    if let Some(as_of) = fields::date_field(ui, id, score.as_of, &format!("{name}: seen on")) {
        let mut updated = score.clone();
        updated.as_of = as_of;
        commands.push(edit(show, ShowEdit::UpdateScore(index, updated)));
    }
    if ui
        .small_button("🗑")
        .accessible_name(format!("Remove the {name}"))
        .on_hover_text("Remove this score")
        .clicked()
    {
        commands.push(edit(show, ShowEdit::RemoveScore(index)));
    }
}

fn add_score_ui(ui: &mut egui::Ui, show: &Show, new: &mut NewScore, commands: &mut Vec<UiCommand>) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::new(("new_score_source", &show.id), "")
            .selected_text(new.source.label())
            .show_ui(ui, |ui| {
                for source in SOURCES {
                    let label = source.label().to_owned();
                    ui.selectable_value(&mut new.source, source, label);
                }
            })
            .response
            .accessible_name("New score source");
        egui::ComboBox::new(("new_score_kind", &show.id), "")
            .selected_text(new.kind.word())
            .show_ui(ui, |ui| {
                for kind in [ScoreKind::Critic, ScoreKind::Audience] {
                    ui.selectable_value(&mut new.kind, kind, kind.word());
                }
            })
            .response
            .accessible_name("New score kind");
        let out_of = new.source.default_out_of();
        ui.add(
            egui::DragValue::new(&mut new.value)
                .range(0.0..=out_of)
                .speed(0.1),
        )
        .accessible_name("New score value");
        ui.label(format!("/ {}", crate::model::trim_number(out_of)));
        if ui.button("➕ Add score").clicked() {
            commands.push(edit(
                show,
                ShowEdit::AddScore(Score {
                    source: new.source.clone(),
                    kind: new.kind,
                    value: new.value,
                    out_of,
                    as_of: Some(today()),
                    url: None,
                }),
            ));
            new.value = 0.0;
        }
    });
}
