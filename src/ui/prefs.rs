//! How the user likes the window: theme, text size, spoilers hidden everywhere, and the show
//! last open. Kept by eframe's persistence (with the window size and panel widths), never in
//! the watchlist: they belong to this computer, not to the data.

use std::path::{Path, PathBuf};

use eframe::egui;
use serde::{Deserialize, Serialize};

/// The key the preferences are stored under in eframe's storage.
pub const KEY: &str = "curtaincall.preferences";

/// Light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Whatever the desktop uses.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// Every choice, in menu order.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Follow the system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// The smallest and largest text size offered, as a zoom factor.
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=2.0;

/// The user's display preferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: Theme,
    /// Zoom factor for the whole interface (1.0 = 100 %).
    pub scale: f32,
    /// Storyline text hidden until clicked, for every show.
    pub hide_spoilers: bool,
    /// The show open when the app was last closed, with the file it belongs to.
    pub last_selected: Option<(PathBuf, String)>,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: Theme::System,
            scale: 1.0,
            hide_spoilers: false,
            last_selected: None,
        }
    }
}

impl Preferences {
    /// The stored preferences, or the defaults (also for a storage that cannot be read).
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value::<Preferences>(s, KEY))
            .map(Preferences::sanitized)
            .unwrap_or_default()
    }

    /// Stores the preferences.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
    }

    /// A hand-edited or damaged scale is brought back within range.
    fn sanitized(mut self) -> Self {
        self.scale = if self.scale.is_finite() {
            self.scale.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end())
        } else {
            1.0
        };
        self
    }

    /// Makes the context look as preferred.
    pub fn apply(&self, ctx: &egui::Context) {
        ctx.set_theme(self.theme.preference());
        if (ctx.zoom_factor() - self.scale).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.scale);
        }
    }

    /// The show to open in `file`, if one was open there last time.
    pub fn selected_in(&self, file: &Path) -> Option<&str> {
        self.last_selected
            .as_ref()
            .filter(|(path, _)| path == file)
            .map(|(_, id)| id.as_str())
    }
}

/// The "👁 View" menu: theme, text size and spoilers. Changes apply at once, and the menu stays
/// open while the user tries them (a click outside closes it).
pub fn view_menu_ui(ui: &mut egui::Ui, prefs: &mut Preferences) {
    let config =
        egui::menu::MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::menu::MenuButton::new("👁 View")
        .config(config)
        .ui(ui, |ui| {
            ui.label(egui::RichText::new("Theme").strong());
            for theme in Theme::ALL {
                ui.radio_value(&mut prefs.theme, theme, theme.label());
            }
            ui.separator();
            ui.label(egui::RichText::new("Text size").strong());
            ui.horizontal(|ui| {
                let step = 0.1;
                if ui
                    .button("➖")
                    .accessible_name("Smaller text")
                    .on_hover_text("Ctrl+Minus")
                    .clicked()
                {
                    prefs.scale = (prefs.scale - step).max(*SCALE_RANGE.start());
                }
                ui.label(format!("{:.0} %", prefs.scale * 100.0));
                if ui
                    .button("➕")
                    .accessible_name("Larger text")
                    .on_hover_text("Ctrl+Plus")
                    .clicked()
                {
                    prefs.scale = (prefs.scale + step).min(*SCALE_RANGE.end());
                }
                if ui
                    .button("Reset")
                    .accessible_name("Normal text size")
                    .clicked()
                {
                    prefs.scale = 1.0;
                }
            });
            ui.separator();
            ui.checkbox(
                &mut prefs.hide_spoilers,
                "🙈 Hide storyline text everywhere until clicked",
            );
        });
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use eframe::Storage as _;

    use super::*;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn preferences_come_back_as_stored_and_bad_values_are_tamed() {
        let mut storage = Memory::default();
        assert_eq!(Preferences::load(Some(&storage)), Preferences::default());
        let prefs = Preferences {
            theme: Theme::Light,
            scale: 1.3,
            hide_spoilers: true,
            last_selected: Some(("/tmp/w.ron".into(), "etoile".into())),
        };
        prefs.store(&mut storage);
        let back = Preferences::load(Some(&storage));
        assert_eq!(back, prefs);
        assert_eq!(back.selected_in(Path::new("/tmp/w.ron")), Some("etoile"));
        assert_eq!(back.selected_in(Path::new("/tmp/other.ron")), None);
        storage.set_string(KEY, "(scale: 40.0)".into());
        assert_eq!(Preferences::load(Some(&storage)).scale, 2.0);
        storage.set_string(KEY, "not ron at all".into());
        assert_eq!(Preferences::load(Some(&storage)), Preferences::default());
    }
}
