//! The "Add show" dialog.

use eframe::egui::{self, Key, RichText};

use super::theme::status_text;
use crate::model::{Show, Status};

/// What the user has typed so far.
pub struct AddShowDraft {
    title: String,
    network: String,
    status: Status,
    focused: bool,
}

impl Default for AddShowDraft {
    fn default() -> Self {
        AddShowDraft {
            title: String::new(),
            network: String::new(),
            status: Status::Airing,
            focused: false,
        }
    }
}

/// What the dialog decided this frame.
pub enum Outcome {
    Open,
    Cancel,
    /// Add this show (its id is filled in when it is added).
    Add(Box<Show>),
}

/// The modal dialog. Enter adds, Escape cancels.
pub fn add_show_ui(ctx: &egui::Context, draft: &mut AddShowDraft) -> Outcome {
    let mut outcome = Outcome::Open;
    let modal = egui::Modal::new(egui::Id::unique("add_show_dialog")).show(ctx, |ui| {
        ui.set_width(380.0);
        ui.label(RichText::new("Add a show").heading().strong());
        ui.add_space(8.0);
        egui::Grid::new("add_show_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Title");
                let title = ui
                    .add(egui::TextEdit::singleline(&mut draft.title).desired_width(260.0))
                    .labelled_by(label.id);
                if !draft.focused {
                    title.request_focus();
                    draft.focused = true;
                }
                ui.end_row();

                let label = ui.label("Network");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.network)
                        .hint_text("e.g. Prime Video")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
                ui.end_row();

                ui.label("Status");
                egui::ComboBox::new("add_show_status", "")
                    .selected_text(status_text(draft.status))
                    .show_ui(ui, |ui| {
                        for status in Status::ALL {
                            ui.selectable_value(&mut draft.status, status, status_text(status));
                        }
                    })
                    .response
                    .accessible_name("Status");
                ui.end_row();
            });
        ui.add_space(10.0);
        let ready = !draft.title.trim().is_empty();
        ui.horizontal(|ui| {
            let add = ui
                .add_enabled(ready, egui::Button::new("Add show"))
                .clicked();
            let enter = ui.input(|i| i.key_pressed(Key::Enter));
            if ready && (add || enter) {
                let mut show = Show::new(String::new(), draft.title.trim(), draft.status);
                show.network = Some(draft.network.trim().to_owned()).filter(|n| !n.is_empty());
                outcome = Outcome::Add(Box::new(show));
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Cancel;
            }
        });
    });
    if modal.should_close() && matches!(outcome, Outcome::Open) {
        outcome = Outcome::Cancel;
    }
    outcome
}
