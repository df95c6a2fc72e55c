//! The Settings window: the TMDB key, how often to check the catalogs, starting at login, and
//! the calendar file.

use eframe::egui::{self, RichText};

use crate::settings::Settings;

/// The Settings window's draft.
pub struct SettingsDraft {
    tmdb_key: String,
    hours: u32,
    at_login: bool,
    calendar_file: bool,
    new_episodes: bool,
    recap_days: u32,
    reveal: bool,
}

impl SettingsDraft {
    /// A draft of `settings`.
    pub fn of(settings: &Settings) -> Self {
        SettingsDraft {
            tmdb_key: settings.tmdb_key.clone().unwrap_or_default(),
            hours: settings.refresh_every_hours,
            at_login: settings.start_at_login,
            calendar_file: settings.keep_calendar_file,
            new_episodes: settings.alert_new_episodes,
            recap_days: settings.recap_days_before_premiere,
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
                let label = ui.label("Check TVmaze for changes every");
                ui.add(
                    egui::DragValue::new(&mut draft.hours)
                        .range(1..=24 * 30)
                        .suffix(" h"),
                )
                .labelled_by(label.id);
            });
            ui.label(
                RichText::new(
                    "While Curtain Call is open, and when it starts if the last check is older.",
                )
                .weak(),
            );
            ui.checkbox(
                &mut draft.at_login,
                "Start Curtain Call when I log in (minimised), so cancellations are flagged \
                 even if I never open it",
            );
            ui.add_space(8.0);
            ui.label(RichText::new("Calendar").strong());
            ui.checkbox(
                &mut draft.calendar_file,
                "Keep a calendar file of upcoming episodes beside the watchlist, named after \
                 it (watchlist-episodes.ics), for a calendar app to subscribe to",
            );
            ui.checkbox(
                &mut draft.new_episodes,
                "Alert me to each new episode of a show I am watching (premieres and finales \
                 always)",
            );
            ui.horizontal(|ui| {
                let label = ui.label("Offer \"Previously on…\" this many days before a premiere");
                ui.add(
                    egui::DragValue::new(&mut draft.recap_days)
                        .range(0..=30)
                        .suffix(" days"),
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
                        start_at_login: draft.at_login,
                        keep_calendar_file: draft.calendar_file,
                        alert_new_episodes: draft.new_episodes,
                        recap_days_before_premiere: draft.recap_days,
                    });
                }
            });
        });
    *open = keep_open && saved.is_none();
    saved
}
