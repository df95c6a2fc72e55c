//! The Settings window: the TMDB key and how often to check the catalogs.

use eframe::egui::{self, RichText};

use crate::settings::Settings;

/// The Settings window's draft.
pub struct SettingsDraft {
    tmdb_key: String,
    hours: u32,
    reveal: bool,
}

impl SettingsDraft {
    /// A draft of `settings`.
    pub fn of(settings: &Settings) -> Self {
        SettingsDraft {
            tmdb_key: settings.tmdb_key.clone().unwrap_or_default(),
            hours: settings.refresh_every_hours,
            reveal: false,
        }
    }
}

/// The Settings window. Returns the settings to keep when the user saves; `open` turns false
/// when the window is closed.
pub fn settings_ui(
    ctx: &egui::Context,
    draft: &mut SettingsDraft,
    open: &mut bool,
) -> Option<Settings> {
    let mut saved = None;
    let mut keep_open = *open;
    egui::Window::new("⚙ Settings")
        .open(&mut keep_open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(RichText::new("TMDB").strong());
            ui.label(
                "TVmaze cannot tell a canceled show from one that ended as planned; TMDB can. \
                 Paste your own TMDB API key (or read access token) to use it. It is kept in \
                 your config folder, never in the watchlist.",
            );
            ui.horizontal(|ui| {
                let label = ui.label("TMDB key");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.tmdb_key)
                        .password(!draft.reveal)
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
                ui.checkbox(&mut draft.reveal, "Show");
            });
            ui.add_space(8.0);
            ui.label(RichText::new("Checking").strong());
            ui.horizontal(|ui| {
                let label = ui.label("Check at start when the last check is older than");
                ui.add(
                    egui::DragValue::new(&mut draft.hours)
                        .range(1..=24 * 30)
                        .suffix(" h"),
                )
                .labelled_by(label.id);
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    let key = draft.tmdb_key.trim();
                    saved = Some(Settings {
                        tmdb_key: (!key.is_empty()).then(|| key.to_owned()),
                        refresh_every_hours: draft.hours.max(1),
                    });
                }
            });
        });
    *open = keep_open && saved.is_none();
    saved
}
