//! Windows and banners about the file itself: backups to restore, changes made outside the app,
//! conflicts to settle, sync tools' conflict copies, and quitting with unsaved edits.

use std::sync::mpsc;

use eframe::egui::{self, RichText};

use super::UiCommand;
use super::jobs::{self, BackupSummary};
use super::session::{ConflictSource, PendingConflict, Session, display_name};
use super::texts::{Shown, Texts, not_at_hand_ui};
use super::theme::{alarm_color, status_text};
use crate::model::Show;
use crate::store::DataFile;

/// The "Restore from backup" window's state.
pub struct BackupsView {
    loading: Option<mpsc::Receiver<Vec<BackupSummary>>>,
    backups: Vec<BackupSummary>,
}

impl BackupsView {
    /// Opens the window and starts listing backups in the background.
    pub fn open(ctx: &egui::Context, file: DataFile) -> Self {
        BackupsView {
            loading: Some(jobs::list_backups(ctx, file)),
            backups: Vec::new(),
        }
    }
}

/// The backups window. Returns false when it was closed.
pub fn backups_ui(
    ctx: &egui::Context,
    view: &mut BackupsView,
    unsaved: bool,
    commands: &mut Vec<UiCommand>,
) -> bool {
    if let Some(backups) = super::jobs::take(&mut view.loading) {
        view.backups = backups;
    }
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
            if view.loading.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading backups…");
                });
                return;
            }
            if view.backups.is_empty() {
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
                            for (index, summary) in view.backups.iter().enumerate() {
                                ui.label(jobs::local_time(&summary.backup));
                                match &summary.content {
                                    Ok((shows, storylines)) => {
                                        ui.label(format!("{shows} shows, {storylines} storylines"));
                                        let restore = ui
                                            .add_enabled(!unsaved, egui::Button::new("Restore"))
                                            .accessible_name(format!(
                                                "Restore backup {}",
                                                index + 1
                                            ));
                                        if restore.clicked() {
                                            commands.push(UiCommand::RestoreBackup(
                                                summary.backup.clone(),
                                            ));
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

/// Banners above the list: read-only, a file that changed and no longer loads, conflict copies,
/// and what just happened to the file.
pub fn session_banners_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<UiCommand>) {
    let has_news = session.read_only.is_some()
        || session.external_error.is_some()
        || !session.conflict_copies.is_empty()
        || session.notice.is_some();
    if !has_news {
        return;
    }
    egui::Panel::top("file_banners").show(ui, |ui| {
        ui.add_space(4.0);
        if let Some(reason) = &session.read_only {
            ui.colored_label(alarm_color(ui), format!("🔒 {reason}"));
        }
        if let Some(error) = &session.external_error {
            ui.colored_label(alarm_color(ui), format!("⚠ {error}"));
        }
        for copy in &session.conflict_copies {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "🔀 A sync tool left a conflicting copy: {}",
                    display_name(copy)
                ));
                if ui.button("Merge it").clicked() {
                    commands.push(UiCommand::MergeCopy(copy.clone()));
                }
                if ui
                    .button("Not now")
                    .on_hover_text("The copy stays where it is")
                    .clicked()
                {
                    commands.push(UiCommand::DismissCopy(copy.clone()));
                }
            });
        }
        if let Some(notice) = &session.notice {
            ui.label(format!("ℹ {notice}"));
        }
        ui.add_space(4.0);
    });
}

/// The dialog for shows changed both here and elsewhere: both versions side by side, and a
/// choice per show.
pub fn conflict_ui(
    ctx: &egui::Context,
    conflict: &mut PendingConflict,
    texts: &mut Texts,
    commands: &mut Vec<UiCommand>,
) {
    // The column heading, and the same in a sentence: a file name keeps its own spelling.
    let (theirs_name, theirs_in_sentence) = match &conflict.source {
        ConflictSource::DataFile { .. } => {
            ("The file on disk".to_owned(), "the file on disk".to_owned())
        }
        ConflictSource::Copy { path, .. } => (display_name(path), display_name(path)),
    };
    /// The width of each version's column, so both get the same room from the first frame
    /// (a grid sizes columns from the frame before, and wrapped text would squeeze one).
    const VERSION_WIDTH: f32 = 300.0;
    egui::Modal::new(egui::Id::unique("conflict_dialog")).show(ctx, |ui| {
        ui.set_width(720.0);
        ui.label(RichText::new("Changed in two places").heading().strong());
        ui.label(format!(
            "These shows were changed here and in {theirs_in_sentence} since Curtain Call last \
             saved. Choose which version to keep for each; everything else was merged."
        ));
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .show(ui, |ui| {
                egui::Grid::new("conflicts")
                    .num_columns(3)
                    .spacing([16.0, 8.0])
                    .show(ui, |ui| {
                        ui.label("");
                        ui.label(RichText::new("Here").strong());
                        ui.label(RichText::new(&theirs_name).strong());
                        ui.end_row();
                        for c in &conflict.merge.conflicts {
                            let take_theirs =
                                conflict.take_theirs.entry(c.id.clone()).or_insert(false);
                            ui.label(RichText::new(&c.id).monospace());
                            ui.vertical(|ui| {
                                ui.set_width(VERSION_WIDTH);
                                show_summary_ui(ui, c.local.as_deref(), texts);
                                ui.radio_value(take_theirs, false, "Keep this")
                                    .accessible_name(format!("Keep this version of {}", c.id));
                            });
                            ui.vertical(|ui| {
                                ui.set_width(VERSION_WIDTH);
                                show_summary_ui(ui, c.theirs.as_deref(), texts);
                                ui.radio_value(take_theirs, true, "Take this")
                                    .accessible_name(format!("Take the other version of {}", c.id));
                            });
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(8.0);
        if ui.button("Apply").clicked() {
            commands.push(UiCommand::SettleConflict);
        }
    });
}

fn show_summary_ui(ui: &mut egui::Ui, show: Option<&Show>, texts: &mut Texts) {
    let Some(show) = show else {
        ui.weak("deleted");
        return;
    };
    ui.label(RichText::new(&show.title).strong());
    ui.label(status_text(show.status));
    ui.label(format!(
        "{} cast · {} scores · {} storylines",
        show.cast.len(),
        show.scores.len(),
        show.storylines.len()
    ));
    match texts.get(ui.ctx(), &show.notes) {
        Shown::Ready(notes) => {
            if let Some(first) = notes.lines().next().filter(|l| !l.is_empty()) {
                ui.weak(first);
            }
        }
        shown => not_at_hand_ui(ui, &shown),
    }
}

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

/// Every keyboard shortcut, in the order a person learns them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "Ctrl+F",
        "Search titles, networks, cast, storylines, notes and tags",
    ),
    ("↑ / ↓", "Move through the list"),
    ("Ctrl+N", "Add a show"),
    ("Delete", "Delete the open show (Ctrl+Z brings it back)"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    ("Enter / Escape", "Confirm / cancel a dialog"),
    ("F1", "Show or hide these shortcuts"),
    ("F2", "Show or hide the statistics"),
    ("F5", "Check the catalogs for changes now"),
    ("Ctrl+Q", "Quit (pending changes are saved)"),
];

/// The keyboard shortcuts window (F1).
pub fn shortcuts_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("⌨ Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .spacing([24.0, 6.0])
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(RichText::new(*keys).monospace().strong());
                        ui.label(*what);
                        ui.end_row();
                    }
                });
        });
}
