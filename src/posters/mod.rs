//! Posters and the app icon, through the `image` crate: a cache on disk, safe decoding, and the
//! job that turns a show's poster source into pixels of the size they are shown at. No egui
//! here: the UI turns [`Decoded`] pixels into textures (`ui/posters.rs`).

pub mod cache;
pub mod decode;

use std::collections::HashSet;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

pub use cache::PosterCache;
pub use decode::{Decoded, PosterError};

use crate::model::Show;
use crate::sources::HttpClient;

/// The placeholder shown where a show has no poster (or a broken one).
pub const PLACEHOLDER_PNG: &[u8] = include_bytes!("../../assets/placeholder-poster.png");

/// Texture memory the app keeps for posters; beyond it, the least recently drawn go first.
pub const TEXTURE_BUDGET: usize = 48 * 1024 * 1024;

/// The window icon.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Where a poster comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PosterSource {
    /// An image the user chose, by its name in the cache.
    Local(String),
    /// A catalog's image URL (`https`, or loopback `http` for tests).
    Remote(String),
    /// The placeholder from `assets/`.
    Placeholder,
}

impl PosterSource {
    /// The show's poster: the user's own image first, then the catalog's.
    pub fn of(show: &Show) -> PosterSource {
        if let Some(name) = &show.poster_file {
            PosterSource::Local(name.clone())
        } else if let Some(url) = &show.poster_url {
            PosterSource::Remote(url.clone())
        } else {
            PosterSource::Placeholder
        }
    }
}

/// What loading a poster needs: the cache, and the HTTP client for remote ones.
#[derive(Clone)]
pub struct PosterLoader {
    pub cache: PosterCache,
    pub http: Arc<HttpClient>,
    /// URLs being downloaded, so two sizes of one poster asked at once download it once
    /// (while other posters download and decode alongside).
    downloading: Arc<(Mutex<HashSet<String>>, Condvar)>,
}

impl PosterLoader {
    /// A loader keeping posters in `cache`, downloading through `http`.
    pub fn new(cache: PosterCache, http: Arc<HttpClient>) -> Self {
        PosterLoader {
            cache,
            http,
            downloading: Arc::default(),
        }
    }

    /// The bytes of `source`: from the cache, downloading a remote poster into it first.
    pub fn bytes(&self, source: &PosterSource) -> Result<Vec<u8>, PosterError> {
        match source {
            PosterSource::Placeholder => Ok(PLACEHOLDER_PNG.to_vec()),
            PosterSource::Local(name) => {
                let path = self.cache.local_path(name).ok_or_else(|| {
                    PosterError::Io("the poster's name in the watchlist is not valid".into())
                })?;
                cache::read_capped(&path).map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        PosterError::Io("the poster file is not on this computer".into())
                    }
                    _ => PosterError::Io(e.to_string()),
                })
            }
            PosterSource::Remote(url) => {
                let path = self.cache.path_for_url(url);
                if let Ok(bytes) = cache::read_capped(&path) {
                    return Ok(bytes);
                }
                let _claim = self.claim(url);
                // Another worker may have fetched it while this one waited.
                if let Ok(bytes) = cache::read_capped(&path) {
                    return Ok(bytes);
                }
                let body = self
                    .http
                    .get(url, &[("Accept", "image/webp,image/png,image/jpeg")])
                    .map_err(|e| PosterError::Download(e.to_string()))?;
                // Check before keeping: a page of HTML is not a poster.
                decode::check(&body)?;
                if let Err(error) = self.cache.store_download(url, &body) {
                    log::warn!("could not keep the poster in the cache: {error}");
                }
                Ok(body.to_vec())
            }
        }
    }

    /// The poster of `source`, shrunk to fit `max_width` × `max_height` pixels.
    pub fn load(
        &self,
        source: &PosterSource,
        max_width: u32,
        max_height: u32,
    ) -> Result<Decoded, PosterError> {
        let bytes = self.bytes(source)?;
        let decoded = decode::decode(&bytes, max_width, max_height);
        if let (Err(_), PosterSource::Remote(url)) = (&decoded, source) {
            // A download whose header looked right but whose pixels do not decode is not
            // kept: a later try downloads it again.
            let _ = std::fs::remove_file(self.cache.path_for_url(url));
        }
        decoded
    }

    /// Waits until no other worker downloads `url`, then marks it as this one's until the
    /// returned guard is dropped.
    fn claim(&self, url: &str) -> impl Drop + '_ {
        let (set, freed) = &*self.downloading;
        let mut busy = set.lock().unwrap_or_else(PoisonError::into_inner);
        while busy.contains(url) {
            busy = freed.wait(busy).unwrap_or_else(PoisonError::into_inner);
        }
        busy.insert(url.to_owned());
        Claim {
            loader: self,
            url: url.to_owned(),
        }
    }
}

/// A download in progress; releases its URL when dropped.
struct Claim<'a> {
    loader: &'a PosterLoader,
    url: String,
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        let (set, freed) = &*self.loader.downloading;
        set.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.url);
        freed.notify_all();
    }
}

/// Checks the image at `path` (a format this app takes, within the limits, not damaged) and
/// copies it into `cache`; returns its name there, to keep in the show.
pub fn import(cache: &PosterCache, path: &std::path::Path) -> Result<String, PosterError> {
    let bytes = cache::read_capped(path).map_err(|e| PosterError::Io(e.to_string()))?;
    import_bytes(cache, &bytes)
}

/// [`import`] for an image already read (sent by the command line to the running app).
pub fn import_bytes(cache: &PosterCache, bytes: &[u8]) -> Result<String, PosterError> {
    if bytes.len() as u64 > decode::MAX_FILE {
        return Err(PosterError::FileTooLarge);
    }
    // A full decode, small: a file whose header is fine but whose pixels are not is refused too.
    decode::decode(bytes, 64, 96)?;
    cache
        .store_local(bytes)
        .map_err(|e| PosterError::Io(format!("cannot copy it into the poster cache: {e}")))
}

/// The window icon, decoded from `assets/icon.png`.
pub fn icon() -> Option<Decoded> {
    decode::decode(ICON_PNG, 256, 256)
        .map_err(|error| log::warn!("the app icon: {error}"))
        .ok()
}
