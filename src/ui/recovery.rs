//! Recovery mode: the data file did not load. The window says exactly what is wrong, where the
//! broken bytes were copied, and offers the newest backup that loads. Nothing is written unless
//! the user restores a backup.

use eframe::egui::{self, RichText};

use super::UiCommand;
use super::theme::alarm_color;
use crate::session::{Command, Recovery, local_time};
use crate::store::StoreError;

/// The whole window in recovery mode.
pub fn recovery_ui(ui: &mut egui::Ui, recovery: &Recovery, commands: &mut Vec<UiCommand>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.set_max_width(ui.available_width().min(900.0));
        ui.add_space(40.0);
        let newer = matches!(recovery.error, StoreError::NewerVersion { .. });
        let title = if newer {
            "This watchlist was written by a newer Curtain Call"
        } else {
            "Your watchlist could not be opened"
        };
        ui.label(RichText::new(title).heading().strong());
        ui.add_space(12.0);
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.5, alarm_color(ui)))
            .inner_margin(egui::Margin::same(12))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(recovery.error.to_string())
                        .monospace()
                        .color(alarm_color(ui)),
                );
            });
        ui.add_space(12.0);
        if newer {
            ui.label(
                "This version will never rewrite it, so nothing in it can be lost. Update \
                 Curtain Call to open it.",
            );
        } else {
            ui.label(
                "The file has not been changed, and nothing will be written to it while it does \
                 not load. Fix it in a text editor (the line and column above point at the \
                 problem) and reload, or restore a backup.",
            );
        }
        if let StoreError::Parse {
            unknown_field: Some(field),
            line,
            ..
        } = &recovery.error
        {
            ui.add_space(6.0);
            ui.label(format!(
                "`{field}` on line {line} is not a field this version knows — a typo, or a \
                 field from another version. Opening the file would silently lose it, so you \
                 choose: fix it by hand and reload, or drop the unknown fields (the original \
                 file is kept beside it).",
            ));
            if ui.button("Drop unknown fields and open").clicked() {
                commands.push(Command::DropUnknownFields.into());
            }
        }
        if let Some(copy) = &recovery.corrupt_copy {
            ui.add_space(6.0);
            ui.label(format!(
                "A copy of the file as it is now was kept at {}.",
                copy.display()
            ));
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("⟳ Reload the file").clicked() {
                commands.push(Command::Reload.into());
            }
            if !newer {
                match &recovery.backup {
                    Some(summary) => {
                        let content = summary.content.as_deref().unwrap_or_default();
                        let label = format!(
                            "Restore the backup from {} ({content})",
                            local_time(&summary.backup)
                        );
                        if ui.button(label).clicked() {
                            commands.push(Command::RestoreBackup(summary.backup.clone()).into());
                        }
                    }
                    None => {
                        ui.weak("No backup that loads was found.");
                    }
                }
                if ui.button("🗄 All backups…").clicked() {
                    commands.push(UiCommand::OpenBackups);
                }
            }
        });
    });
}
