//! The status bar: whether everything is saved, where the data lives, what just happened.

use eframe::egui::{self, RichText};

use super::UiCommand;
use super::theme::alarm_color;
use crate::session::{Command, Message, OpenFile, SaveStatus};

/// The bar along the bottom of the window.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    file: &OpenFile,
    message: Option<&Message>,
    checking: Option<String>,
    next_check: Option<jiff::Timestamp>,
    catching_up: Option<(usize, usize)>,
    commands: &mut Vec<UiCommand>,
) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let alarm = alarm_color(ui);
            match file.save_status() {
                SaveStatus::Failed(error) => {
                    ui.label(
                        RichText::new(format!("⚠ Not saved: {error} — retrying")).color(alarm),
                    );
                }
                SaveStatus::Conflict => {
                    ui.label(RichText::new("⚠ Not saved: settle the conflict first").color(alarm));
                }
                SaveStatus::FileBroken => {
                    ui.label(RichText::new("⚠ Not saved: the file no longer loads").color(alarm));
                }
                SaveStatus::ReadOnly(_) => {
                    ui.label("🔒 Read-only");
                }
                SaveStatus::Saving => {
                    ui.label("Saving…");
                }
                SaveStatus::Sample => {
                    ui.label("Sample watchlist — saved with your first change");
                }
                SaveStatus::Saved => {
                    ui.label("✔ All changes saved");
                }
            }
            ui.separator();
            ui.weak(file.path().display().to_string());
            if let Some(progress) = checking {
                ui.separator();
                ui.spinner();
                ui.label(progress);
            } else if let Some(next) = next_check {
                ui.separator();
                ui.weak(format!("Next check for changes: {}", when(next)));
            }
            if let Some((done, total)) = catching_up {
                ui.separator();
                // No spinner: it would repaint every frame for the quarter of an hour a big
                // import takes at TVmaze's rate limit; the count moves at each show.
                ui.label(format!("⟳ Fetching details: {done} of {total}"))
                    .on_hover_text(
                        "Status, cast and episodes of the shows you imported, from TVmaze",
                    );
                if ui
                    .small_button("Stop")
                    .on_hover_text("Resume from 🗄 File, also after a restart")
                    .accessible_name("Stop fetching details")
                    .clicked()
                {
                    commands.push(Command::StopCatchUp.into());
                }
            }
            if let Some(message) = message {
                ui.separator();
                if message.is_failure() {
                    ui.colored_label(alarm, message.to_string());
                } else {
                    ui.label(message.to_string());
                }
                let undoable = message.offers_undo() && file.document().undo_label().is_some();
                if undoable && ui.small_button("Undo").clicked() {
                    commands.push(Command::Undo.into());
                }
            }
        });
    });
}

/// A time soon, in the user's time zone: "18:05" today, "Tue 18:05" on another day.
fn when(at: jiff::Timestamp) -> String {
    let zone = jiff::tz::TimeZone::system();
    let at = at.to_zoned_datetime(zone.clone());
    let today = jiff::Timestamp::now().to_zoned_datetime(zone).date();
    if at.date() == today {
        at.strftime("%H:%M").to_string()
    } else {
        at.strftime("%a %H:%M").to_string()
    }
}
