//! Banners above the list about the file itself: read-only, a file that changed outside and no
//! longer loads, sync tools' conflict copies, and what just happened to the file.

use eframe::egui;

use crate::session::{Command, OpenFile, display_name};
use crate::ui::UiCommand;
use crate::ui::theme::alarm_color;

/// Banners above the list: read-only, a file that changed and no longer loads, conflict copies,
/// and what just happened to the file.
pub fn file_banners_ui(ui: &mut egui::Ui, file: &OpenFile, commands: &mut Vec<UiCommand>) {
    let has_news = file.read_only().is_some()
        || file.external_error().is_some()
        || !file.conflict_copies().is_empty()
        || file.news().is_some();
    if !has_news {
        return;
    }
    egui::Panel::top("file_banners").show(ui, |ui| {
        ui.add_space(4.0);
        if let Some(reason) = file.read_only() {
            ui.colored_label(alarm_color(ui), format!("🔒 {reason}"));
        }
        if let Some(error) = file.external_error() {
            ui.colored_label(alarm_color(ui), format!("⚠ {error}"));
        }
        for copy in file.conflict_copies() {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "🔀 A sync tool left a conflicting copy: {}",
                    display_name(copy)
                ));
                if ui.button("Merge it").clicked() {
                    commands.push(Command::MergeCopy(copy.clone()).into());
                }
                if ui
                    .button("Not now")
                    .on_hover_text("The copy stays where it is")
                    .clicked()
                {
                    commands.push(Command::DismissCopy(copy.clone()).into());
                }
            });
        }
        if let Some(notice) = file.news() {
            ui.label(format!("ℹ {notice}"));
        }
        ui.add_space(4.0);
    });
}
