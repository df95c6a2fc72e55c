//! Reading and atomically writing the data file.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::model::Watchlist;

use super::{StoreError, format};

/// What was found at the data path.
#[derive(Debug)]
pub enum Loaded {
    /// The file exists and holds this watchlist.
    Found(Watchlist),
    /// There is no file yet: the caller starts from the sample.
    Missing,
}

/// Reads and parses the data file.
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Missing),
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let (line, column) = line_column_at_end(valid);
        StoreError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: "the file is not valid UTF-8 text".to_owned(),
        }
    })?;
    format::from_ron(&text, path).map(Loaded::Found)
}

/// The 1-based line and column just after `bytes` (valid UTF-8).
fn line_column_at_end(bytes: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    let line = 1 + text.matches('\n').count();
    let column = 1 + text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count());
    (line, column)
}

/// Writes the watchlist so that the file on disk is always either the old or the new version:
/// a temporary file in the same directory is written and flushed to disk, then renamed over the
/// target, then the directory entry is flushed. A symlinked data file stays a symlink.
pub fn save_atomic(path: &Path, watchlist: &Watchlist) -> Result<(), StoreError> {
    let text = format::to_ron(watchlist)?;
    write_atomic(path, text.as_bytes())
}

/// Atomically replaces the file at `path` (or its symlink target) with `bytes`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let write_error = |source| StoreError::Write {
        path: path.to_owned(),
        source,
    };
    let target = resolve_symlink(path).map_err(write_error)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(write_error)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".watchlist-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(write_error)?;
    temp.write_all(bytes).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    // Keep the permissions a user gave the existing file.
    if let Ok(meta) = fs::metadata(&target) {
        let _ = fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(&target).map_err(|e| write_error(e.error))?;
    sync_dir(&dir).map_err(write_error)?;
    Ok(())
}

/// The file a symlink points at (followed to the end), or `path` itself.
fn resolve_symlink(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Flushes a directory's entries, so a rename survives a power cut (Unix only).
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
