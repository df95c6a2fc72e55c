//! Asking before quitting with edits that could not be saved.

use eframe::egui::{self, RichText};

/// Asks whether to quit although the latest edits could not be saved. `Some(true)`: quit.
pub fn confirm_quit_ui(ctx: &egui::Context) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("confirm_quit")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.label(RichText::new("Quit without saving?").heading().strong());
        ui.label(
            "Your latest changes could not be written to the file (see the status bar). If you \
             quit now, Curtain Call writes them to a copy beside the file \
             (…sync-conflict-…-curtaincall.ron, offered for merging at the next start); if that \
             fails too, they are lost.",
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Keep Curtain Call open").clicked() {
                answer = Some(false);
            }
            if ui.button("Quit anyway").clicked() {
                answer = Some(true);
            }
        });
    });
    answer
}
