//! Free-form notes about a show.

use eframe::egui;

use crate::model::{Show, ShowEdit};
use crate::ui::theme::section_heading;
use crate::ui::{UiCommand, edit};

/// Free-form notes about the show.
pub fn notes_ui(ui: &mut egui::Ui, show: &Show, commands: &mut Vec<UiCommand>) {
    let heading = section_heading(ui, "Notes");
    let mut notes = show.notes.clone();
    let response = ui.add(
        egui::TextEdit::multiline(&mut notes)
            .id(egui::Id::unique(("notes", &show.id)))
            .hint_text("Anything else worth remembering about this show…")
            .desired_rows(5)
            .desired_width(f32::INFINITY),
    );
    let response = response.labelled_by(heading.id);
    if response.changed() {
        commands.push(edit(show, ShowEdit::Notes(notes)));
    }
}
