//! What a session is set up with.

use std::path::PathBuf;

use super::saving::Timing;
use crate::posters::PosterCache;
use crate::settings::Settings;
use crate::sources::ProviderConfig;
use crate::store::guide_cache::GuideCache;

/// What the session is set up with.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long edits rest before they are saved, and how long a failed save waits.
    pub timing: Timing,
    /// Whether to watch the data file's folder for changes made outside the app.
    pub watch_folder: bool,
    /// Where the catalogs are and how to reach them.
    pub providers: ProviderConfig,
    /// The user's settings (TMDB key, check interval), read before the window opened.
    pub settings: Settings,
    /// Where changed settings are written; `None` keeps them for this run only.
    pub config_dir: Option<PathBuf>,
    /// Where the "start when I log in" entry goes (see [`crate::autostart`]); `None` where
    /// there is no such folder.
    pub autostart_dir: Option<PathBuf>,
    /// Check the catalogs once the watchlist is open, when the last check is older than the
    /// setting.
    pub auto_check: bool,
    /// Where posters are kept.
    pub poster_cache: PosterCache,
    /// Where episode guides are kept; `None` keeps none and fetches none (the app sets the
    /// platform cache dir; tests set a folder of their own or leave it out).
    pub guide_cache: Option<GuideCache>,
    /// Listen on the file's socket for the command line and a second launch (see
    /// [`crate::instance`]) while this session holds the writer lock.
    pub listen: bool,
    /// Another Curtain Call has the file open but did not answer when this one was launched
    /// (stopped or hung); why. This window then says so when it opens read-only.
    pub silent_owner: Option<String>,
    /// An export to show in the import review once the file is open (`--review-import FILE`:
    /// opening an export with Curtain Call).
    pub review_import: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timing: Timing::default(),
            watch_folder: true,
            providers: ProviderConfig::default(),
            settings: Settings::default(),
            config_dir: None,
            autostart_dir: crate::autostart::default_dir(),
            auto_check: true,
            poster_cache: PosterCache::default_location(),
            guide_cache: None,
            listen: true,
            silent_owner: None,
            review_import: None,
        }
    }
}
