//! The user's preferences that are not part of the watchlist: the TMDB key and how often to
//! check the catalogs. Kept in the platform config directory (e.g. `~/.config/curtaincall`),
//! never in the watchlist file — a watchlist may be shared or synced, a key must not be.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::{DataFile, StoreError, file_key};

/// The environment variable that moves the config directory (tests, portable installs).
pub const CONFIG_ENV: &str = "CURTAINCALL_CONFIG_DIR";

/// The environment variable that supplies a TMDB key without saving it (scripts, cron).
pub const TMDB_KEY_ENV: &str = "CURTAINCALL_TMDB_KEY";

/// What the user chose in Settings.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// A TMDB v3 API key or v4 read access token; with it, canceled is told from ended.
    pub tmdb_key: Option<String>,
    /// Check the catalogs every this many hours (at start when the last check is older).
    pub refresh_every_hours: u32,
    /// Start Curtain Call, minimised, when the user logs in (an XDG autostart entry).
    pub start_at_login: bool,
    /// Keep an iCalendar file of upcoming episodes beside the watchlist, for calendar apps.
    pub keep_calendar_file: bool,
    /// Alert (and notify) each new episode of a show the user is watching, not only premieres
    /// and finales.
    pub alert_new_episodes: bool,
    /// How many days ahead of a season premiere its alert offers "Previously on…".
    pub recap_days_before_premiere: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            tmdb_key: None,
            refresh_every_hours: 24,
            start_at_login: false,
            keep_calendar_file: false,
            alert_new_episodes: false,
            recap_days_before_premiere: 3,
        }
    }
}

impl std::fmt::Debug for Settings {
    // The key never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("tmdb_key", &self.tmdb_key.as_ref().map(|_| "<hidden>"))
            .field("refresh_every_hours", &self.refresh_every_hours)
            .field("start_at_login", &self.start_at_login)
            .field("keep_calendar_file", &self.keep_calendar_file)
            .field("alert_new_episodes", &self.alert_new_episodes)
            .field(
                "recap_days_before_premiere",
                &self.recap_days_before_premiere,
            )
            .finish()
    }
}

/// The config directory: `CURTAINCALL_CONFIG_DIR`, else the platform's.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "curtaincall").map(|d| d.config_dir().to_owned())
}

/// The settings file in `dir`.
pub fn settings_path(dir: &Path) -> PathBuf {
    dir.join("settings.ron")
}

impl Settings {
    /// The settings in `dir`, or the defaults when there are none or they do not load (a bad
    /// file is reported in the log and left alone until the user saves new settings).
    pub fn load(dir: &Path) -> Settings {
        let path = settings_path(dir);
        match std::fs::read_to_string(&path) {
            Ok(text) => ron::from_str(&text).unwrap_or_else(|error| {
                log::warn!("{}: {error}; using default settings", path.display());
                Settings::default()
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(error) => {
                log::warn!("{}: {error}; using default settings", path.display());
                Settings::default()
            }
        }
    }

    /// Writes the settings to `dir` atomically, readable only by the user (it may hold a key).
    pub fn save(&self, dir: &Path) -> Result<(), StoreError> {
        let path = settings_path(dir);
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|error| write_error(&path, std::io::Error::other(error)))?;
        std::fs::create_dir_all(dir).map_err(|error| write_error(dir, error))?;
        crate::store::write_private(&path, text.as_bytes())
    }

    /// The TMDB key to use: `CURTAINCALL_TMDB_KEY` if set, else the saved one.
    pub fn effective_tmdb_key(&self) -> Option<String> {
        std::env::var(TMDB_KEY_ENV)
            .ok()
            .or_else(|| self.tmdb_key.clone())
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
    }
}

fn write_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Write {
        path: path.to_owned(),
        source,
    }
}

fn last_check_path(file: &DataFile) -> PathBuf {
    file.state_dir
        .join("checks")
        .join(format!("{}.last", file_key(&file.path)))
}

/// When the catalogs were last checked for this watchlist (kept in its local state, so a
/// check does not touch the watchlist file when nothing changed).
pub fn last_check(file: &DataFile) -> Option<jiff::Timestamp> {
    std::fs::read_to_string(last_check_path(file))
        .ok()
        .and_then(|text| text.trim().parse().ok())
}

/// Records a successful check at `when`.
pub fn record_check(file: &DataFile, when: jiff::Timestamp) -> Result<(), StoreError> {
    let path = last_check_path(file);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|error| write_error(dir, error))?;
    }
    crate::store::write_private(&path, format!("{when}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_hide_the_key() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        let settings = Settings {
            tmdb_key: Some("abc123secret".into()),
            refresh_every_hours: 6,
            start_at_login: true,
            keep_calendar_file: true,
            alert_new_episodes: true,
            recap_days_before_premiere: 5,
        };
        settings.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), settings);
        assert!(!format!("{settings:?}").contains("abc123secret"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(settings_path(dir.path()))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "settings readable by others: {mode:o}");
        }
    }

    #[test]
    fn a_broken_settings_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(settings_path(dir.path()), "(tmdb_key: Some(").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }

    #[test]
    fn the_last_check_is_kept_per_watchlist() {
        let dir = tempfile::tempdir().unwrap();
        let a = DataFile::with_state_dir(dir.path().join("a.ron"), dir.path().join("state"));
        let b = DataFile::with_state_dir(dir.path().join("b.ron"), dir.path().join("state"));
        assert_eq!(last_check(&a), None);
        let when: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().unwrap();
        record_check(&a, when).unwrap();
        assert_eq!(last_check(&a), Some(when));
        assert_eq!(last_check(&b), None);
    }
}
