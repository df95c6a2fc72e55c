//! The Import window: choosing another tracker's export, its password when it is encrypted,
//! and the review — what the export holds, a checkbox per show and a search box — before
//! anything changes. **Import** applies what is kept as one undoable step.

use eframe::egui::{self, RichText};

use super::UiCommand;
use crate::model::ids::fold;
use crate::session::{Command, Importing, Review};

/// What the window keeps between frames: the search and the password being typed.
#[derive(Default)]
pub struct ImportView {
    search: String,
    password: String,
}

/// The window, while an import is under way.
pub fn import_ui(
    ctx: &egui::Context,
    importing: &Importing,
    view: &mut ImportView,
    commands: &mut Vec<UiCommand>,
) {
    if matches!(importing, Importing::Idle) {
        return;
    }
    let mut open = true;
    egui::Window::new("Import from another tracker")
        .id(egui::Id::unique("import_window"))
        .open(&mut open)
        .collapsible(false)
        .default_width(620.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| match importing {
            Importing::Idle => {}
            Importing::Reading(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading the export…");
                });
            }
            Importing::NeedsPassword { path, wrong } => {
                ui.label(format!(
                    "{} is protected by a password (TV Time sends it separately).",
                    path.display()
                ));
                if *wrong {
                    ui.label(
                        RichText::new("That password is not the right one.")
                            .color(ui.visuals().error_fg_color),
                    );
                }
                let label = ui.label("Password");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut view.password).password(true))
                    .labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Open").clicked() || entered {
                    commands
                        .push(Command::ImportPassword(std::mem::take(&mut view.password)).into());
                }
            }
            Importing::Failed(why) => {
                ui.label(RichText::new(why).color(ui.visuals().error_fg_color));
                ui.label("Nothing was changed.");
                if ui.button("Close").clicked() {
                    commands.push(Command::CloseImport.into());
                }
            }
            Importing::Review(review) => review_ui(ui, review, view, commands),
        });
    if !open {
        view.password.clear();
        commands.push(Command::CloseImport.into());
    }
}

/// What the export holds and how it joins the watchlist, a checkbox per show.
fn review_ui(
    ui: &mut egui::Ui,
    review: &Review,
    view: &mut ImportView,
    commands: &mut Vec<UiCommand>,
) {
    let plan = &review.plan;
    let counts = plan.counts();
    ui.label(
        RichText::new(format!(
            "From {}: {}",
            plan.format.name(),
            review.path.display()
        ))
        .strong(),
    );
    if counts.new_shows + counts.merged_shows == 0 {
        ui.label("Everything in this file is already on your watchlist.");
    } else {
        ui.label(format!(
            "{} new shows, {} merged into shows you have, {} already there · {} watched \
             episodes, {} skipped, {} ratings, {} with notes",
            counts.new_shows,
            counts.merged_shows,
            counts.unchanged_shows,
            counts.watched_episodes,
            counts.skipped_episodes,
            counts.ratings,
            crate::model::counted(counts.notes as i64, "show")
        ));
    }
    if counts.movies_skipped > 0 {
        ui.label(format!(
            "{} not imported: Curtain Call tracks series.",
            crate::model::counted(counts.movies_skipped as i64, "movie")
        ));
    }
    if counts.unreadable > 0 {
        ui.label(format!(
            "{} could not be read and will be skipped.",
            crate::model::counted(counts.unreadable as i64, "entry")
        ));
    }
    ui.add_space(4.0);
    let label = ui.label("Search");
    ui.add(egui::TextEdit::singleline(&mut view.search).hint_text("a title"))
        .labelled_by(label.id);
    let wanted = fold(view.search.trim());
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            egui::Grid::new("import_review")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for (index, planned) in plan.shows.iter().enumerate() {
                        if !planned.changes
                            || (!wanted.is_empty() && !fold(&planned.show.title).contains(&wanted))
                        {
                            continue;
                        }
                        let mut import = review.chosen.get(index).copied().unwrap_or(false);
                        if ui.checkbox(&mut import, &planned.show.title).changed() {
                            commands.push(Command::ChooseImported { index, import }.into());
                        }
                        match &planned.into_title {
                            None => ui.label("new"),
                            Some(title) => ui.weak(format!("into “{title}”")),
                        };
                        ui.label(planned.brings());
                        ui.end_row();
                    }
                });
        });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let chosen = review.chosen_count();
        let import = ui.add_enabled(
            chosen > 0,
            egui::Button::new(format!(
                "Import {}",
                crate::model::counted(chosen as i64, "show")
            )),
        );
        if import.clicked() {
            commands.push(Command::ApplyImport.into());
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseImport.into());
        }
    });
}
