//! Where Curtain Call keeps what belongs to one machine rather than to the watchlist: backups and
//! the writer lock. It lives in the platform's local data directory, outside any folder a sync
//! tool might share, and is keyed by the data file's path so several watchlists never mix.

use std::path::{Path, PathBuf};

/// The environment variable that moves the local state directory (tests, portable installs).
pub const STATE_ENV: &str = "CURTAINCALL_STATE_DIR";

/// The local state directory: `CURTAINCALL_STATE_DIR`, else the platform's local data dir
/// (e.g. `~/.local/share/curtaincall` on Linux, `%LOCALAPPDATA%\curtaincall\data` on Windows),
/// else a folder in the temporary directory.
pub fn default_state_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(STATE_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "curtaincall").map_or_else(
        || std::env::temp_dir().join("curtaincall"),
        |d| d.data_local_dir().to_owned(),
    )
}

/// A watchlist file together with the folder that keeps its local state (backups, lock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    /// The watchlist file.
    pub path: PathBuf,
    /// Where its backups and lock live.
    pub state_dir: PathBuf,
}

impl DataFile {
    /// The file at `path`, with the default state directory.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        DataFile {
            path: path.into(),
            state_dir: default_state_dir(),
        }
    }

    /// The file at `path`, keeping its state in `state_dir`.
    pub fn with_state_dir(path: impl Into<PathBuf>, state_dir: impl Into<PathBuf>) -> Self {
        DataFile {
            path: path.into(),
            state_dir: state_dir.into(),
        }
    }

    /// The folder of this file's backups.
    pub fn backup_dir(&self) -> PathBuf {
        self.state_dir.join("backups").join(file_key(&self.path))
    }

    /// This file's lock file.
    pub fn lock_path(&self) -> PathBuf {
        self.state_dir
            .join("locks")
            .join(format!("{}.lock", file_key(&self.path)))
    }
}

/// A short name that tells data files apart: the file's stem and a hash of its absolute path,
/// e.g. `watchlist-3f2a9c0d11e4b577`.
pub fn file_key(data_path: &Path) -> String {
    let absolute = absolute(data_path);
    let stem = absolute
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "watchlist".to_owned());
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    format!(
        "{stem}-{:016x}",
        fnv1a(absolute.to_string_lossy().as_bytes())
    )
}

/// The data path made absolute and, where it exists, with symlinks resolved, so two spellings of
/// one file share their backups and lock.
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    // The file may not exist yet: resolve its folder instead.
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = parent.map_or_else(|| PathBuf::from("."), Path::to_owned);
    match (std::fs::canonicalize(&dir), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
    }
}

/// 64-bit FNV-1a: stable across Rust versions and platforms, unlike `DefaultHasher`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
