//! The "Restore from backup" window: every backup with what it holds, newest first. The
//! session lists them in the background; restoring first backs up the current file.

use eframe::egui;

use crate::session::{Backups, Command, local_time};
use crate::ui::UiCommand;
use crate::ui::theme::alarm_color;

/// The backups window. Returns false when it was closed.
pub fn backups_ui(
    ctx: &egui::Context,
    backups: &Backups,
    unsaved: bool,
    commands: &mut Vec<UiCommand>,
) -> bool {
    let mut open = true;
    egui::Window::new("Restore from backup")
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(
                "A copy is kept at every save: the last 10, one a day for two weeks and one a \
                 week for two months. Restoring first backs up the current file.",
            );
            ui.add_space(6.0);
            let list = match backups {
                Backups::Listed(list) => list,
                Backups::NotAsked | Backups::Listing(_) => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Reading backups…");
                    });
                    return;
                }
            };
            if list.is_empty() {
                ui.weak("No backups yet: one is kept with every save.");
                return;
            }
            if unsaved {
                ui.colored_label(alarm_color(ui), "Saving your latest changes first…");
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    egui::Grid::new("backups")
                        .num_columns(3)
                        .striped(true)
                        .show(ui, |ui| {
                            for (index, summary) in list.iter().enumerate() {
                                ui.label(local_time(&summary.backup));
                                match &summary.content {
                                    Ok(content) => {
                                        ui.label(content);
                                        let restore = ui
                                            .add_enabled(!unsaved, egui::Button::new("Restore"))
                                            .accessible_name(format!(
                                                "Restore backup {}",
                                                index + 1
                                            ));
                                        if restore.clicked() {
                                            commands.push(
                                                Command::RestoreBackup(summary.backup.clone())
                                                    .into(),
                                            );
                                        }
                                    }
                                    Err(error) => {
                                        ui.colored_label(alarm_color(ui), "does not load")
                                            .on_hover_text(error);
                                        ui.label("");
                                    }
                                }
                                ui.end_row();
                            }
                        });
                });
        });
    open
}
