//! The status bar: whether everything is saved, where the data lives, what just happened.

use eframe::egui::{self, RichText};

use super::UiCommand;
use super::app::ViewState;
use super::session::Session;
use super::theme::alarm_color;

/// The bar along the bottom of the window.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    session: &Session,
    view: &ViewState,
    checking: Option<String>,
    commands: &mut Vec<UiCommand>,
) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let alarm = alarm_color(ui);
            if let Some(error) = &session.save_error {
                ui.label(RichText::new(format!("⚠ Not saved: {error} — retrying")).color(alarm));
            } else if session.conflict.is_some() {
                ui.label(RichText::new("⚠ Not saved: settle the conflict first").color(alarm));
            } else if session.external_error.is_some() {
                ui.label(RichText::new("⚠ Not saved: the file no longer loads").color(alarm));
            } else if session.read_only.is_some() {
                ui.label("🔒 Read-only");
            } else if session.doc.is_dirty() {
                ui.label("Saving…");
            } else if session.from_sample {
                ui.label("Sample watchlist — saved with your first change");
            } else {
                ui.label("✔ All changes saved");
            }
            ui.separator();
            ui.weak(session.path().display().to_string());
            if let Some(progress) = checking {
                ui.separator();
                ui.spinner();
                ui.label(progress);
            }
            if let Some(message) = &view.message {
                ui.separator();
                ui.label(message);
                let undoable = session.doc.undo_label().is_some() && !message.starts_with("Undid");
                if undoable && ui.small_button("Undo").clicked() {
                    commands.push(UiCommand::Undo);
                }
            }
        });
    });
}
