//! The status bar (where the data lives, whether it is saved, what just happened) and the
//! screen shown when the file does not load.

use std::path::Path;

use eframe::egui::{self, RichText};

use super::UiCommand;
use super::app::ViewState;
use super::theme::alarm_color;
use crate::store::StoreError;

/// Whether the watchlist on screen is on disk.
pub struct SaveState<'a> {
    pub dirty: bool,
    pub error: Option<&'a str>,
    pub from_sample: bool,
}

/// The bar along the bottom of the window.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    path: &Path,
    save: &SaveState<'_>,
    view: &ViewState,
    commands: &mut Vec<UiCommand>,
) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            match (save.error, save.dirty, save.from_sample) {
                (Some(error), _, _) => {
                    ui.label(
                        RichText::new(format!("⚠ Not saved: {error} — retrying"))
                            .color(alarm_color(ui)),
                    );
                }
                (None, true, _) => {
                    ui.label("Saving…");
                }
                (None, false, true) => {
                    ui.label("Sample watchlist — saved with your first change");
                }
                (None, false, false) => {
                    ui.label("✔ All changes saved");
                }
            }
            ui.separator();
            ui.weak(path.display().to_string());
            if let Some(message) = &view.message {
                ui.separator();
                ui.label(message);
                if !message.starts_with("Undid") && ui.small_button("Undo").clicked() {
                    commands.push(UiCommand::Undo);
                }
            }
        });
    });
}

/// The whole window when the file did not load. Returns true when the user asks to reload.
pub fn load_error_ui(ui: &mut egui::Ui, error: &StoreError) -> bool {
    let mut reload = false;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.label(
                RichText::new("Your watchlist could not be opened")
                    .heading()
                    .strong(),
            );
        });
        ui.add_space(16.0);
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.5, alarm_color(ui)))
            .inner_margin(egui::Margin::same(12))
            .show(ui, |ui| {
                ui.label(
                    RichText::new(error.to_string())
                        .monospace()
                        .color(alarm_color(ui)),
                );
            });
        ui.add_space(12.0);
        ui.label(
            "The file has not been changed, and nothing will be written to it while it does \
             not load. Fix it in a text editor (the line and column above point at the problem), \
             then reload.",
        );
        ui.add_space(8.0);
        if ui.button("⟳ Reload the file").clicked() {
            reload = true;
        }
    });
    reload
}
