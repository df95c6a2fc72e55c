//! A show's status: changing it by hand (with a note), and the history of every change with
//! its date and source.

use eframe::egui::{self, RichText};

use crate::model::{Action, Show, Source, Status};
use crate::ui::theme::{section_heading, status_color, status_text};
use crate::ui::{UiCommand, apply, fields};

/// A status change being prepared.
pub struct StatusDraft {
    show_id: String,
    status: Status,
    note: String,
}

/// "Change to [status] [note] Set status", and the history of the show's statuses.
pub fn status_ui(
    ui: &mut egui::Ui,
    show: &Show,
    draft: &mut Option<StatusDraft>,
    commands: &mut Vec<UiCommand>,
) {
    section_heading(ui, "Status");
    let draft = match draft {
        Some(draft) if draft.show_id == show.id => draft,
        other => other.insert(StatusDraft {
            show_id: show.id.clone(),
            status: show.status,
            note: String::new(),
        }),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Change to");
        egui::ComboBox::new(("status_pick", &show.id), "")
            .selected_text(status_text(draft.status))
            .show_ui(ui, |ui| {
                for status in Status::ALL {
                    let text = RichText::new(status_text(status))
                        .color(status_color(status, ui.visuals().dark_mode));
                    ui.selectable_value(&mut draft.status, status, text);
                }
            })
            .response
            .accessible_name("New status");
        ui.add(
            egui::TextEdit::singleline(&mut draft.note)
                .hint_text("Note (optional), e.g. where you read it")
                .desired_width(260.0),
        )
        .accessible_name("Status note");
        let changed = draft.status != show.status;
        if ui
            .add_enabled(changed, egui::Button::new("Set status"))
            .on_hover_text("Records the change in the history with today's date")
            .clicked()
        {
            commands.push(apply(Action::SetStatus {
                id: show.id.clone(),
                status: draft.status,
                source: Source::Manual,
                note: draft.note.trim().to_owned(),
                on: None,
            }));
            draft.note.clear();
        }
    });
    history_ui(ui, show);
}

fn history_ui(ui: &mut egui::Ui, show: &Show) {
    ui.add_space(6.0);
    if show.status_history.is_empty() {
        ui.weak("No status changes recorded yet.");
        return;
    }
    ui.label(RichText::new("History").strong());
    egui::Grid::new(("history", &show.id))
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for header in ["Date", "Status", "Source", "Note"] {
                ui.label(RichText::new(header).weak());
            }
            ui.end_row();
            for change in show.status_history.iter().rev() {
                ui.label(fields::date_text(change.on));
                let color = status_color(change.status, ui.visuals().dark_mode);
                ui.label(RichText::new(status_text(change.status)).color(color));
                ui.label(change.source.label());
                ui.label(&change.note);
                ui.end_row();
            }
        });
}
