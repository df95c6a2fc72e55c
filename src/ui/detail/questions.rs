//! The questions a catalog check leaves about a show: a status that differs from the one the
//! user set, or an ended show that looks canceled.

use eframe::egui::{self, RichText};

use crate::model::{Action, Show, ShowEdit, Source, Status};
use crate::ui::theme::alarm_color;
use crate::ui::{UiCommand, apply, edit};

/// The questions the catalog left for the user about `show`: a status that differs from the
/// one they set, or an ended show that looks canceled.
pub fn questions_ui(ui: &mut egui::Ui, show: &Show, commands: &mut Vec<UiCommand>) {
    let Some(state) = &show.catalog else {
        return;
    };
    if let Some(catalog) = state.disagreement {
        let source = state.source.clone().unwrap_or(Source::TvMaze);
        question_frame(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "⚠ {} says {}; you set {}.",
                    source.label(),
                    catalog.label(),
                    show.status.label()
                ))
                .strong(),
            );
            ui.label("Your status is kept until you accept the catalog's.");
            ui.horizontal(|ui| {
                if ui.button(format!("Accept {}", catalog.label())).clicked() {
                    commands.push(apply(Action::SetStatus {
                        id: show.id.clone(),
                        status: catalog,
                        note: format!("accepted from {}", source.label()),
                        source: source.clone(),
                        on: None,
                    }));
                }
                if ui.button(format!("Keep {}", show.status.label())).clicked() {
                    commands.push(edit(show, ShowEdit::DismissCatalog));
                }
            });
        });
    }
    if let Some(reason) = &state.likely_canceled
        && show.status == Status::Ended
    {
        question_frame(ui, |ui| {
            ui.label(RichText::new("⚠ Likely canceled").strong());
            ui.label(format!(
                "TVmaze says only “ended”, but {reason}. Was it canceled?"
            ));
            ui.horizontal(|ui| {
                if ui.button("Yes, mark it canceled").clicked() {
                    commands.push(apply(Action::SetStatus {
                        id: show.id.clone(),
                        status: Status::Canceled,
                        source: Source::Manual,
                        note: format!("confirmed: {reason}"),
                        on: None,
                    }));
                }
                if ui.button("No, it ended as planned").clicked() {
                    commands.push(edit(show, ShowEdit::DismissCatalog));
                }
            });
        });
    }
}

fn question_frame(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let color = alarm_color(ui);
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, color))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
    ui.add_space(6.0);
}
