//! The Alerts window: every status change not yet seen, cancellations first, each with a way to
//! open the show and to mark it seen.

use eframe::egui::{self, RichText};

use super::theme::{alarm_color, status_color, status_text};
use super::{UiCommand, edit, fields};
use crate::model::alerts::alerts;
use crate::model::{ShowEdit, Watchlist};

/// The window. `open` is cleared when the user closes it.
pub fn alerts_ui(
    ctx: &egui::Context,
    watchlist: &Watchlist,
    open: &mut bool,
    commands: &mut Vec<UiCommand>,
) {
    egui::Window::new("🔔 Alerts")
        .open(open)
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            let alerts = alerts(watchlist);
            if alerts.is_empty() {
                ui.label("No alerts. Status changes you have not seen yet appear here.");
                return;
            }
            ui.label("Status changes you have not seen yet, cancellations first.");
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    egui::Grid::new("alerts")
                        .num_columns(3)
                        .striped(true)
                        .spacing([12.0, 6.0])
                        .show(ui, |ui| {
                            for alert in &alerts {
                                let dark = ui.visuals().dark_mode;
                                ui.vertical(|ui| {
                                    let title = RichText::new(&alert.show.title).strong();
                                    ui.label(if alert.to == crate::model::Status::Canceled {
                                        title.color(alarm_color(ui))
                                    } else {
                                        title
                                    });
                                    ui.horizontal(|ui| {
                                        if let Some(from) = alert.from {
                                            ui.label(
                                                RichText::new(status_text(from))
                                                    .color(status_color(from, dark)),
                                            );
                                            ui.label("➡");
                                        }
                                        ui.label(
                                            RichText::new(status_text(alert.to))
                                                .color(status_color(alert.to, dark))
                                                .strong(),
                                        );
                                    });
                                });
                                ui.vertical(|ui| {
                                    ui.label(fields::date_text(alert.on));
                                    ui.weak(format!("source: {}", alert.source.describe()));
                                    if !alert.note.is_empty() {
                                        ui.weak(alert.note);
                                    }
                                });
                                ui.horizontal(|ui| {
                                    let open_show = ui
                                        .button("Open")
                                        .accessible_name(format!("Open {}", alert.show.title));
                                    if open_show.clicked() {
                                        commands.push(UiCommand::Reveal(alert.show.id.clone()));
                                    }
                                    let seen = ui.button("✔ Seen").accessible_name(format!(
                                        "Mark the alerts of {} seen",
                                        alert.show.title
                                    ));
                                    if seen.clicked() {
                                        commands.push(edit(alert.show, ShowEdit::MarkSeen));
                                    }
                                });
                                ui.end_row();
                            }
                        });
                });
            ui.add_space(6.0);
            if ui.button("✔ Mark all seen").clicked() {
                // One step per show, each undoable.
                let mut done = std::collections::HashSet::new();
                for alert in &alerts {
                    if done.insert(alert.show.id.as_str()) {
                        commands.push(edit(alert.show, ShowEdit::MarkSeen));
                    }
                }
            }
        });
}
