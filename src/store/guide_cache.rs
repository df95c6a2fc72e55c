//! The episode cache: each followed show's episode guide from the catalog (titles, air times,
//! runtimes), one JSON file per show in the platform cache dir. Never beside the data file: a
//! sync tool must not carry facts that can be fetched again, and losing the cache loses
//! nothing the user made. The app works from it offline; a check refreshes it.
//!
//! File names are made here from the catalog's numeric id (`tvmaze-123.json`), never from
//! remote text, so nothing a catalog says can place a file elsewhere.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::guide::{Guide, Guides};

/// The environment variable that moves the caches (tests, portable installs).
pub const CACHE_ENV: &str = "CURTAINCALL_CACHE_DIR";

/// The platform cache dir for Curtain Call (`CURTAINCALL_CACHE_DIR`, else e.g.
/// `~/.cache/curtaincall`, else a folder in the temporary directory).
pub fn cache_base() -> PathBuf {
    if let Some(dir) = std::env::var_os(CACHE_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "curtaincall").map_or_else(
        || std::env::temp_dir().join("curtaincall-cache"),
        |d| d.cache_dir().to_owned(),
    )
}

/// The folder of cached guides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideCache {
    dir: PathBuf,
}

impl GuideCache {
    /// The cache at `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        GuideCache { dir: dir.into() }
    }

    /// `episodes/` in [`cache_base`].
    pub fn default_location() -> Self {
        GuideCache::new(cache_base().join("episodes"))
    }

    /// The folder itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, tvmaze: u64) -> PathBuf {
        self.dir.join(format!("tvmaze-{tvmaze}.json"))
    }

    /// True when show `tvmaze` has a guide here.
    pub fn has(&self, tvmaze: u64) -> bool {
        self.path(tvmaze).is_file()
    }

    /// The guide of show `tvmaze`; `None` when there is none or it cannot be read (a damaged
    /// cache file is fetched again at the next check).
    pub fn load(&self, tvmaze: u64) -> Option<Guide> {
        let bytes = std::fs::read(self.path(tvmaze)).ok()?;
        match serde_json::from_slice::<Guide>(&bytes) {
            Ok(guide) if guide.tvmaze == tvmaze => Some(guide),
            Ok(_) => None,
            Err(error) => {
                log::info!("episode cache for show {tvmaze} unreadable: {error}");
                None
            }
        }
    }

    /// The guides of the shows `ids` that have one, without the episodes' summaries (read
    /// with [`GuideCache::load`] for the one show that shows them).
    pub fn load_all(&self, ids: impl IntoIterator<Item = u64>) -> Guides {
        ids.into_iter()
            .filter_map(|id| Some((id, Arc::new(self.load(id)?.without_summaries()))))
            .collect()
    }

    /// Keeps `guide`, replacing the one before (written whole, then renamed into place).
    pub fn store(&self, guide: &Guide) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".episodes-")
            .tempfile_in(&self.dir)?;
        serde_json::to_writer(&mut temp, guide).map_err(std::io::Error::other)?;
        temp.flush()?;
        temp.persist(self.path(guide.tvmaze)).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EpisodeRef;
    use crate::model::guide::GuideEpisode;

    #[test]
    fn a_guide_comes_back_as_it_was_stored_and_a_damaged_one_is_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = GuideCache::new(dir.path().join("episodes"));
        assert!(cache.load(5).is_none());
        let guide = Guide::new(
            5,
            Some("2026-11-30T10:00:00Z".parse().expect("stamp")),
            vec![GuideEpisode {
                episode: EpisodeRef(1, 1),
                title: "Pilot".into(),
                airs_at: Some("2026-01-01T02:00:00Z".parse().expect("stamp")),
                air_date: None,
                runtime: Some(50),
                summary: String::new(),
            }],
        );
        cache.store(&guide).expect("stores");
        assert!(cache.has(5));
        assert_eq!(cache.load(5), Some(guide));
        assert_eq!(cache.load_all([5, 6]).len(), 1);
        std::fs::write(cache.dir().join("tvmaze-5.json"), b"{ not json").expect("writes");
        assert!(cache.load(5).is_none());
    }
}
