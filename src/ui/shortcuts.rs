//! The keyboard shortcuts window (F1).

use eframe::egui::{self, RichText};

/// Every keyboard shortcut, in the order a person learns them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "Ctrl+F",
        "Search titles, networks, cast, storylines, notes and tags",
    ),
    ("↑ / ↓", "Move through the list"),
    ("Ctrl+N", "Add a show"),
    ("Ctrl+Shift+V", "Read an article (pastes the clipboard)"),
    ("Delete", "Delete the open show (Ctrl+Z brings it back)"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    ("Enter / Escape", "Confirm / cancel a dialog"),
    ("F1", "Show or hide these shortcuts"),
    ("F2", "Show or hide the statistics"),
    (
        "F3",
        "Show or hide Up next: aired episodes you have not watched",
    ),
    ("F4", "Show or hide the calendar of episodes airing"),
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
