//! The "Previously on…" window: a show's recap before its next season, from the user's own
//! words (see [`crate::model::recap`]). With the show's spoiler shield up, each storyline's
//! text stays hidden until clicked.

use std::collections::HashSet;

use eframe::egui::{self, RichText};

use super::UiCommand;
use crate::model::recap::Recap;

/// Which show's recap is open, and which hidden texts the user revealed.
#[derive(Default)]
pub struct RecapState {
    pub show: Option<String>,
    revealed: HashSet<usize>,
}

impl RecapState {
    /// Opens the recap of show `id`.
    pub fn open(&mut self, id: String) {
        self.show = Some(id);
        self.revealed.clear();
    }
}

/// The window, for `recap` (of the show in `state`). Closing it clears `state.show`.
pub fn recap_ui(
    ctx: &egui::Context,
    state: &mut RecapState,
    recap: &Recap,
    commands: &mut Vec<UiCommand>,
) {
    let mut open = true;
    egui::Window::new(format!("Previously on {}", recap.title))
        .id(egui::Id::unique("recap_window"))
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| {
            if let Some((episode, title)) = &recap.last_watched {
                let mut line = format!("You last watched {episode}");
                if let Some(title) = title {
                    line.push_str(&format!(" · {title}"));
                }
                ui.label(RichText::new(line).strong());
            }
            if recap.storylines.is_empty() {
                ui.label("No open storylines: nothing was left hanging.");
            }
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for (i, storyline) in recap.storylines.iter().enumerate() {
                        ui.add_space(6.0);
                        let mut heading = storyline.title.clone();
                        if let Some(at) = storyline.left_at {
                            heading.push_str(&format!(" — left at {at}"));
                        }
                        ui.label(RichText::new(heading).strong());
                        if storyline.unresolved {
                            ui.label(
                                RichText::new("Left unresolved — the new season may answer it")
                                    .weak(),
                            );
                        }
                        if !storyline.characters.is_empty() {
                            ui.label(format!("With {}", storyline.characters.join(", ")));
                        }
                        if storyline.text.is_empty() {
                            continue;
                        }
                        if recap.shielded && !state.revealed.contains(&i) {
                            let reveal = ui
                                .button("Show the text (spoilers)")
                                .accessible_name(format!("Show the text of {}", storyline.title));
                            if reveal.clicked() {
                                state.revealed.insert(i);
                            }
                        } else {
                            ui.label(&storyline.text);
                        }
                    }
                    if !recap.notes.is_empty() {
                        ui.add_space(8.0);
                        ui.label(RichText::new("Your notes").strong());
                        ui.label(&recap.notes);
                    }
                });
            ui.add_space(6.0);
            if let Some(id) = &state.show
                && ui.button("Open the show").clicked()
            {
                commands.push(UiCommand::Reveal(id.clone()));
            }
        });
    if !open {
        state.show = None;
    }
}
