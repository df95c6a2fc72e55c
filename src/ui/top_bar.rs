//! The top bar: the app's name and the commands that act on the whole watchlist.

use eframe::egui::{self, RichText};

use super::UiCommand;
use crate::session::{Command, Document};

/// The bar across the top of the window.
pub fn top_bar_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    alert_count: usize,
    checking: bool,
    prefs: &mut super::prefs::Preferences,
    catch_up: Option<&crate::store::catch_up::CatchUpQueue>,
    commands: &mut Vec<UiCommand>,
) {
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
                commands.push(Command::Undo.into());
            }
            let redo = ui
                .add_enabled(doc.redo_label().is_some(), egui::Button::new("⟳ Redo"))
                .on_hover_text(match doc.redo_label() {
                    Some(label) => format!("Redo {label} (Ctrl+Shift+Z)"),
                    None => "Nothing to redo".to_owned(),
                });
            if redo.clicked() {
                commands.push(Command::Redo.into());
            }
            ui.separator();
            alerts_button_ui(ui, alert_count, commands);
            let check = ui
                .add_enabled(!checking, egui::Button::new("🔄 Check for changes"))
                .on_hover_text(
                    "Ask TVmaze (and TMDB, with your key) whether your shows changed status (F5)",
                );
            if check.clicked() {
                commands.push(Command::CheckCatalogs.into());
            }
            if ui
                .button("📊 Statistics")
                .on_hover_text(
                    "Shows by status, cancellations by network, unresolved storylines (F2)",
                )
                .clicked()
            {
                commands.push(UiCommand::ToggleStats);
            }
            if ui
                .button("▶ Up next")
                .on_hover_text("Shows with an aired episode you have not watched (F3)")
                .clicked()
            {
                commands.push(UiCommand::ToggleUpNext);
            }
            if ui
                .button("Calendar")
                .on_hover_text("Episodes airing in the next 30 days and the last 7 (F4)")
                .clicked()
            {
                commands.push(UiCommand::ToggleCalendar);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("⚙ Settings")
                    .on_hover_text("TMDB key, how often to check")
                    .clicked()
                {
                    commands.push(UiCommand::OpenSettings);
                }
                super::prefs::view_menu_ui(ui, prefs);
                // What comes into the file from elsewhere, in one menu: the bar must fit the
                // default window beside the views on the left.
                ui.menu_button("🗄 File", |ui| {
                    if ui
                        .button("Import from another tracker…")
                        .on_hover_text(
                            "Bring in your history from TV Time, Trakt, SeriesGuide or IMDb \
                             (or drop the export on the window)",
                        )
                        .clicked()
                    {
                        commands.push(Command::Import(None).into());
                        ui.close();
                    }
                    if ui
                        .button("Read an article…")
                        .on_hover_text(
                            "Paste a news article about a show and review what it says \
                             (Ctrl+Shift+V pastes one)",
                        )
                        .clicked()
                    {
                        commands.push(UiCommand::OpenArticle(None));
                        ui.close();
                    }
                    if ui
                        .button("Export…")
                        .on_hover_text(
                            "Everything on the watchlist, as JSON (every field) or as a ZIP of \
                             two spreadsheets (.zip)",
                        )
                        .clicked()
                    {
                        commands.push(Command::Export(None).into());
                        ui.close();
                    }
                    let to_match = catch_up.map_or(0, |q| q.to_review());
                    if to_match > 0
                        && ui
                            .button(format!("Match imported shows… ({to_match})"))
                            .on_hover_text("Imported shows TVmaze did not recognise by their ids")
                            .clicked()
                    {
                        commands.push(UiCommand::OpenMatching);
                        ui.close();
                    }
                    if let Some(queue) = catch_up.filter(|q| q.stopped && !q.pending.is_empty())
                        && ui
                            .button(format!(
                                "Resume fetching details ({} left)",
                                queue.pending.len()
                            ))
                            .on_hover_text("Fetch imported shows' status, cast and episodes")
                            .clicked()
                    {
                        commands.push(Command::ResumeCatchUp.into());
                        ui.close();
                    }
                    if ui
                        .button("Restore from a backup…")
                        .on_hover_text("The copies kept at every save")
                        .clicked()
                    {
                        commands.push(UiCommand::OpenBackups);
                        ui.close();
                    }
                });
            });
        });
        ui.add_space(4.0);
    });
}

/// The alerts badge: red and counted when there are alerts, so a cancellation cannot be missed.
fn alerts_button_ui(ui: &mut egui::Ui, count: usize, commands: &mut Vec<UiCommand>) {
    let button = if count == 0 {
        egui::Button::new("🔔 No alerts")
    } else {
        let alarm = super::theme::alarm_color(ui);
        let text = match count {
            1 => "🔔 1 alert".to_owned(),
            n => format!("🔔 {n} alerts"),
        };
        egui::Button::new(RichText::new(text).strong().color(egui::Color32::WHITE))
            .fill(alarm.gamma_multiply(0.85))
    };
    if ui
        .add(button)
        .on_hover_text("Status changes you have not seen yet, premieres and finales")
        .clicked()
    {
        commands.push(UiCommand::ToggleAlerts);
    }
}
