//! The top bar: the app's name and the commands that act on the whole watchlist.

use eframe::egui::{self, RichText};

use super::UiCommand;
use crate::document::Document;

/// The bar across the top of the window.
pub fn top_bar_ui(ui: &mut egui::Ui, doc: &Document, commands: &mut Vec<UiCommand>) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("🎭 Curtain Call").size(20.0).strong());
            ui.add_space(16.0);
            if ui.button("➕ Add show").on_hover_text("Ctrl+N").clicked() {
                commands.push(UiCommand::OpenAddShow);
            }
            ui.separator();
            let undo = ui
                .add_enabled(doc.undo_label().is_some(), egui::Button::new("⟲ Undo"))
                .on_hover_text(match doc.undo_label() {
                    Some(label) => format!("Undo {label} (Ctrl+Z)"),
                    None => "Nothing to undo".to_owned(),
                });
            if undo.clicked() {
                commands.push(UiCommand::Undo);
            }
            let redo = ui
                .add_enabled(doc.redo_label().is_some(), egui::Button::new("⟳ Redo"))
                .on_hover_text(match doc.redo_label() {
                    Some(label) => format!("Redo {label} (Ctrl+Shift+Z)"),
                    None => "Nothing to redo".to_owned(),
                });
            if redo.clicked() {
                commands.push(UiCommand::Redo);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("🗄 Backups…")
                    .on_hover_text("Restore the watchlist from a backup")
                    .clicked()
                {
                    commands.push(UiCommand::OpenBackups);
                }
            });
        });
        ui.add_space(4.0);
    });
}
