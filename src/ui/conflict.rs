//! The conflict dialog: shows changed both here and elsewhere, both versions side by side, and
//! a choice per show.

use eframe::egui::{self, RichText};

use crate::model::{Show, counted, merge};
use crate::session::{Command, ConflictSource, PendingConflict, display_name};
use crate::ui::UiCommand;
use crate::ui::theme::status_text;

/// The dialog for shows changed both here and elsewhere: both versions side by side, and a
/// choice per show.
pub fn conflict_ui(ctx: &egui::Context, conflict: &PendingConflict, commands: &mut Vec<UiCommand>) {
    // The column heading, and the same in a sentence: a file name keeps its own spelling.
    let (theirs_name, theirs_in_sentence) = match conflict.source() {
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
             saved. Choose which version to keep for each, or field by field; everything else was merged."
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
                        for c in &conflict.merge().conflicts {
                            let differences = match (c.local.as_deref(), c.theirs.as_deref()) {
                                (Some(mine), Some(other)) => merge::differences(mine, other),
                                _ => Vec::new(),
                            };
                            let chosen = conflict.takes_theirs(&c.id);
                            let mut take_theirs = chosen;
                            ui.label(RichText::new(&c.id).monospace());
                            ui.vertical(|ui| {
                                ui.set_width(VERSION_WIDTH);
                                show_summary_ui(ui, c.local.as_deref());
                                differences_ui(ui, conflict, &c.id, &differences, false, commands);
                                ui.radio_value(&mut take_theirs, false, "Keep this")
                                    .accessible_name(format!("Keep this version of {}", c.id));
                            });
                            ui.vertical(|ui| {
                                ui.set_width(VERSION_WIDTH);
                                show_summary_ui(ui, c.theirs.as_deref());
                                differences_ui(ui, conflict, &c.id, &differences, true, commands);
                                ui.radio_value(&mut take_theirs, true, "Take this")
                                    .accessible_name(format!("Take the other version of {}", c.id));
                            });
                            if take_theirs != chosen {
                                commands.push(
                                    Command::ChooseVersion {
                                        id: c.id.clone(),
                                        take_theirs,
                                    }
                                    .into(),
                                );
                            }
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(8.0);
        if ui.button("Apply").clicked() {
            commands.push(Command::SettleConflict.into());
        }
    });
}

/// What differs between the two versions, this side's values ("Network: Prime Video"), each
/// a choice of its own: the field can come from either version.
fn differences_ui(
    ui: &mut egui::Ui,
    conflict: &PendingConflict,
    id: &str,
    differences: &[merge::Difference],
    theirs: bool,
    commands: &mut Vec<UiCommand>,
) {
    for difference in differences {
        let value = if theirs {
            &difference.theirs
        } else {
            &difference.local
        };
        let from_theirs = conflict.takes_theirs_field(id, &difference.key);
        let chosen = from_theirs == theirs;
        // The choice and the value it keeps, as a screen reader reads it.
        let name = if theirs {
            format!(
                "Take {} from the other version of {id}: {value}",
                difference.field
            )
        } else {
            format!("Keep {} of {id} as it is here: {value}", difference.field)
        };
        let clicked = ui
            .radio(chosen, format!("{}: {value}", difference.field))
            .accessible_name(name)
            .clicked();
        if clicked && !chosen {
            commands.push(
                Command::ChooseField {
                    id: id.to_owned(),
                    field: difference.key.clone(),
                    take_theirs: theirs,
                }
                .into(),
            );
        }
    }
}

fn show_summary_ui(ui: &mut egui::Ui, show: Option<&Show>) {
    let Some(show) = show else {
        ui.weak("deleted");
        return;
    };
    ui.label(RichText::new(&show.title).strong());
    ui.label(status_text(show.status));
    ui.label(format!(
        "{} cast · {} · {}",
        show.cast.len(),
        counted(show.scores.len() as i64, "score"),
        counted(show.storylines.len() as i64, "storyline")
    ));
    if let Some(first) = show.notes.lines().next().filter(|l| !l.is_empty()) {
        ui.weak(first);
    }
}
