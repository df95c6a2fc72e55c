//! The poster cache: downloaded posters and the user's own images, in the platform cache dir.
//!
//! Every file name here is made by this module from a hash (of the URL, or of the image's
//! bytes) — never taken from remote data or from the watchlist file as a path — so nothing a
//! catalog or a hand-edited file says can put a file outside the cache or read one elsewhere.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use super::decode::MAX_FILE;

pub use crate::store::guide_cache::CACHE_ENV;

/// The cache folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosterCache {
    dir: PathBuf,
}

impl PosterCache {
    /// The cache at `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        PosterCache { dir: dir.into() }
    }

    /// `CURTAINCALL_CACHE_DIR`, else the platform cache dir (e.g. `~/.cache/curtaincall/posters`).
    pub fn default_location() -> Self {
        PosterCache::new(crate::store::guide_cache::cache_base().join("posters"))
    }

    /// The folder itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the poster downloaded from `url` is kept.
    pub fn path_for_url(&self, url: &str) -> PathBuf {
        self.dir
            .join(format!("url-{}.img", hash_hex(url.as_bytes())))
    }

    /// The path of a local poster named `name` in a show, if `name` is one this cache made
    /// (`local-` + 32 hex digits + `.img`); anything else — `../x`, `/etc/passwd`, `C:\x` —
    /// is refused.
    pub fn local_path(&self, name: &str) -> Option<PathBuf> {
        let hex = name.strip_prefix("local-")?.strip_suffix(".img")?;
        let valid = hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| self.dir.join(name))
    }

    /// Copies `bytes` (already checked to be an image) into the cache and returns the name to
    /// keep in the show.
    pub fn store_local(&self, bytes: &[u8]) -> std::io::Result<String> {
        let name = format!("local-{}.img", hash_hex(bytes));
        self.write(&self.dir.join(&name), bytes)?;
        Ok(name)
    }

    /// Keeps a downloaded poster.
    pub fn store_download(&self, url: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let path = self.path_for_url(url);
        self.write(&path, bytes)?;
        Ok(path)
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".poster-")
            .tempfile_in(&self.dir)?;
        temp.write_all(bytes)?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Reads at most [`MAX_FILE`] bytes of `path`; a larger file is an error, not an allocation.
pub fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(std::io::Error::other(format!(
            "larger than {} MB",
            MAX_FILE / 1024 / 1024
        )));
    }
    Ok(bytes)
}

/// 128 bits of two FNV-1a hashes with different seeds, as hex: stable across versions, so a
/// name made today still names the same file tomorrow.
fn hash_hex(bytes: &[u8]) -> String {
    let fnv = |seed: u64| {
        bytes.iter().fold(seed, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    format!(
        "{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x6c62_272e_07bb_0142)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_outside_cannot_leave_the_cache() {
        let cache = PosterCache::new("/tmp/cache/posters");
        for url in [
            "https://static.tvmaze.com/../../../etc/passwd",
            "https://x/..\\..\\Windows\\win.ini",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "file:///etc/passwd",
        ] {
            let path = cache.path_for_url(url);
            assert_eq!(path.parent(), Some(cache.dir()), "{url}");
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(name.starts_with("url-") && name.ends_with(".img"), "{name}");
        }
        for name in [
            "../x.png",
            "/etc/passwd",
            "C:\\x.png",
            "C:x.png",
            "local-../../../../etc/passwd.img",
            "local-0123.img",
            "local-0123456789abcdef0123456789abcdeg.img",
            "url-0123456789abcdef0123456789abcdef.img",
        ] {
            assert_eq!(cache.local_path(name), None, "{name}");
        }
        let ok = "local-0123456789abcdef0123456789abcdef.img";
        assert_eq!(cache.local_path(ok), Some(cache.dir().join(ok)));
    }

    #[test]
    fn the_same_url_or_bytes_always_give_the_same_name() {
        let cache = PosterCache::new("c");
        assert_eq!(cache.path_for_url("a"), cache.path_for_url("a"));
        assert_ne!(cache.path_for_url("a"), cache.path_for_url("b"));
        assert_eq!(hash_hex(b"").len(), 32);
    }
}
