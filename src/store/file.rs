//! Reading and atomically writing the data file.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::model::Watchlist;

use super::{StoreError, format, parallel};

/// What was found at the data path.
#[derive(Debug)]
pub enum Loaded {
    /// The file exists and holds this watchlist.
    Found(Watchlist),
    /// There is no file yet: the caller starts from the sample.
    Missing,
}

/// What the data file held when it was last read or written: lets a save check that nothing
/// else changed the file in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fingerprint {
    /// There was no file.
    Missing,
    /// The file's length and a hash of its bytes.
    Content { len: u64, hash: u64 },
}

impl Fingerprint {
    /// The fingerprint of these file contents.
    pub fn of(bytes: &[u8]) -> Self {
        Fingerprint::Content {
            len: bytes.len() as u64,
            hash: content_hash(bytes),
        }
    }

    /// The fingerprint of a text in parts, read in order (the same as of their bytes joined).
    pub fn of_parts<'a>(parts: impl Iterator<Item = &'a [u8]>) -> Self {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut len = 0;
        for part in parts {
            hasher.update(part);
            len += part.len() as u64;
        }
        Fingerprint::Content {
            len,
            hash: hasher.digest(),
        }
    }
}

/// A fast hash of file contents (XXH3, several GB/s: a 50 MB watchlist in a few
/// milliseconds). Fingerprints live only in memory; with the length, the hash tells contents
/// apart, but it is no defence against forgery.
fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The file's bytes, or `None` when there is no file. A large file is read in pieces on every
/// core: the cost of reading 50 MB is mostly the memory it lands in being mapped page by page,
/// and that work then happens on all of them at once.
pub fn read_bytes(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let Some(file) = open_if_there(path)? else {
        return Ok(None);
    };
    if let Some(len) = large(&file)? {
        // Zeroed memory comes from the system untouched: each reader maps its own part.
        let mut bytes = vec![0u8; len];
        if read_in_pieces(&file, &mut bytes)? {
            return Ok(Some(bytes));
        }
    }
    read_whole(file).map(Some)
}

/// A file's bytes in memory, to be parsed: on the heap, or for a large file in an anonymous
/// mapping that the system may back with huge pages.
pub enum FileBytes {
    Heap(Vec<u8>),
    Mapped(memmap2::MmapMut),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Heap(bytes) => bytes,
            FileBytes::Mapped(map) => map,
        }
    }
}

/// [`read_bytes`] for a file about to be parsed. A large one lands in memory advised for huge
/// pages: the 57 MB of a 10,000-show file are then faulted in 2 MB at a time rather than 4 KB,
/// some 14,000 faults fewer while the window is being created (~14 ms sooner on screen,
/// BENCHMARKS.md "Start-up"). Where huge pages are not to be had, it is ordinary memory.
pub fn read_bytes_for_parsing(path: &Path) -> io::Result<Option<FileBytes>> {
    let Some(file) = open_if_there(path)? else {
        return Ok(None);
    };
    if let Some(len) = large(&file)?
        && let Ok(mut map) = memmap2::MmapMut::map_anon(len)
    {
        // Linux's transparent huge pages; elsewhere the system chooses.
        #[cfg(target_os = "linux")]
        let _ = map.advise(memmap2::Advice::HugePage);
        if read_in_pieces(&file, &mut map)? {
            return Ok(Some(FileBytes::Mapped(map)));
        }
    }
    read_whole(file).map(|bytes| Some(FileBytes::Heap(bytes)))
}

fn open_if_there(path: &Path) -> io::Result<Option<fs::File>> {
    match fs::File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// The file's length when it is worth reading in pieces on this machine.
fn large(file: &fs::File) -> io::Result<Option<usize>> {
    let len = file.metadata()?.len();
    Ok(usize::try_from(len)
        .ok()
        .filter(|len| *len >= parallel::MIN_BYTES && parallel::pieces_for_this_machine() >= 2))
}

fn read_whole(mut file: fs::File) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok(bytes)
}

/// Reads `file` into `into` (as long as the file was) on one thread per core, each into its
/// part; false when the file was not that long any more or grew meanwhile (the caller reads it
/// whole), or where positioned reads are not available.
fn read_in_pieces(file: &fs::File, into: &mut [u8]) -> io::Result<bool> {
    read_in_pieces_with(file, into, parallel::pieces_for_this_machine())
}

fn read_in_pieces_with(file: &fs::File, into: &mut [u8], pieces: usize) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt as _;
        let len = into.len();
        let per_piece = len.div_ceil(pieces.max(1)).max(1);
        let read = std::thread::scope(|scope| {
            let readers: Vec<_> = into
                .chunks_mut(per_piece)
                .enumerate()
                .map(|(i, part)| {
                    let offset = (i * per_piece) as u64;
                    scope.spawn(move || file.read_exact_at(part, offset))
                })
                .collect();
            readers
                .into_iter()
                .all(|reader| reader.join().is_ok_and(|read| read.is_ok()))
        });
        Ok(read && file.metadata()?.len() == len as u64)
    }
    #[cfg(not(unix))]
    {
        let _ = (file, into, pieces);
        Ok(false)
    }
}

/// Reads and parses the data file (or a backup, or a copy), without taking its fingerprint.
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_owned(),
        source,
    };
    match read_bytes(path).map_err(read_error)? {
        None => Ok(Loaded::Missing),
        Some(bytes) => format::from_bytes(&bytes, path).map(Loaded::Found),
    }
}

/// Reads and parses the data file, and says what exactly was read.
pub fn load_with_fingerprint(path: &Path) -> Result<(Loaded, Fingerprint), StoreError> {
    load_paced(path, &|| {})
}

/// [`load_with_fingerprint`], the parsing threads after the first waiting for `pace` (see
/// [`parallel::Pace`]).
pub fn load_paced(
    path: &Path,
    pace: parallel::Pace<'_>,
) -> Result<(Loaded, Fingerprint), StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_owned(),
        source,
    };
    match read_bytes_for_parsing(path).map_err(read_error)? {
        None => Ok((Loaded::Missing, Fingerprint::Missing)),
        Some(bytes) => {
            let bytes: &[u8] = &bytes;
            // The fingerprint is taken beside the parse, not before it, and like the parse's
            // second thread only once the window has drawn its first frame.
            let (fingerprint, parsed) = std::thread::scope(|scope| {
                let hashing = scope.spawn(|| {
                    pace();
                    Fingerprint::of(bytes)
                });
                let parsed = format::from_bytes_paced(bytes, path, pace);
                let fingerprint = hashing.join().unwrap_or_else(|_| Fingerprint::of(bytes));
                (fingerprint, parsed)
            });
            parsed.map(|watchlist| (Loaded::Found(watchlist), fingerprint))
        }
    }
}

/// Writes the watchlist so that the file on disk is always either the old or the new version:
/// a temporary file in the same directory is written and flushed to disk, then renamed over the
/// target, then the directory entry is flushed. A symlinked data file stays a symlink.
pub fn save_atomic(path: &Path, watchlist: &Watchlist) -> Result<(), StoreError> {
    save_atomic_by(path, watchlist, format::Writer::Fast)
}

/// [`save_atomic`] with the text made by `writer` (benchmarks compare the two).
pub fn save_atomic_by(
    path: &Path,
    watchlist: &Watchlist,
    writer: format::Writer,
) -> Result<(), StoreError> {
    let text = format::to_text(watchlist, writer)?;
    write_atomic_unless(path, text.parts(), false, || Ok(None::<()>)).map(drop)
}

/// What a checked save found.
#[derive(Debug)]
pub enum SaveOutcome {
    /// The file now holds the watchlist; its new fingerprint and text.
    Saved {
        fingerprint: Fingerprint,
        text: format::RonText,
    },
    /// Something else changed the file since it was last read or written; nothing was written.
    /// The file's current bytes (`None` if it was deleted), for merging, and their
    /// fingerprint (worked out already, off the UI thread).
    ChangedOnDisk {
        current: Option<Vec<u8>>,
        fingerprint: Fingerprint,
    },
}

/// Saves the watchlist atomically, but only if the file still holds what `expected` says: never
/// write over a change this process has not seen.
///
/// The check runs after the new text is written and flushed to a temporary file, right before
/// the rename, so a change that lands while a large watchlist is being converted and written
/// (hundreds of milliseconds at 10,000 shows) is still seen, not written over.
pub fn save_checked(
    path: &Path,
    watchlist: &Watchlist,
    expected: Fingerprint,
) -> Result<SaveOutcome, StoreError> {
    save_checked_with(path, watchlist, expected, || {})
}

/// [`save_checked`], calling `before_check` right before the file is compared: tests change the
/// file there, at the last moment a save can still see a change.
fn save_checked_with(
    path: &Path,
    watchlist: &Watchlist,
    expected: Fingerprint,
    before_check: impl FnOnce(),
) -> Result<SaveOutcome, StoreError> {
    let text = format::to_text(watchlist, format::Writer::Fast)?;
    // What the file holds instead of `expected`, when something else changed it.
    let changed = write_atomic_unless(path, text.parts(), false, || {
        before_check();
        let current = read_bytes(path).map_err(|source| StoreError::Read {
            path: path.to_owned(),
            source,
        })?;
        let found = current
            .as_deref()
            .map_or(Fingerprint::Missing, Fingerprint::of);
        Ok((found != expected).then_some((current, found)))
    })?;
    Ok(match changed {
        Some((current, fingerprint)) => SaveOutcome::ChangedOnDisk {
            current,
            fingerprint,
        },
        None => SaveOutcome::Saved {
            fingerprint: Fingerprint::of_parts(text.parts()),
            text,
        },
    })
}

/// Atomically replaces the file at `path` (or its symlink target) with `bytes`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_unless(path, [bytes], false, || Ok(None::<()>)).map(drop)
}

/// Atomically replaces the file at `path` with `bytes`, readable and writable only by the user
/// (on Unix): for settings that may hold an API key.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_unless(path, [bytes], true, || Ok(None::<()>)).map(drop)
}

/// Writes `parts` in order to a temporary file beside the target and flushes it, then asks
/// `stop`: when it gives a reason, the temporary file is removed, the target is left alone and
/// the reason is returned. Otherwise the temporary file is renamed over the target.
pub(crate) fn write_atomic_unless<'a, T>(
    path: &Path,
    parts: impl IntoIterator<Item = &'a [u8]>,
    private: bool,
    stop: impl FnOnce() -> Result<Option<T>, StoreError>,
) -> Result<Option<T>, StoreError> {
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
    for part in parts {
        temp.write_all(part).map_err(write_error)?;
    }
    temp.as_file().sync_all().map_err(write_error)?;
    if private {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(temp.path(), fs::Permissions::from_mode(0o600))
                .map_err(write_error)?;
        }
    } else if let Ok(meta) = fs::metadata(&target) {
        // Keep the permissions a user gave the existing file.
        let _ = fs::set_permissions(temp.path(), meta.permissions());
    }
    if let Some(reason) = stop()? {
        // Dropping the temporary file removes it.
        return Ok(Some(reason));
    }
    persist_with_retry(temp, &target).map_err(write_error)?;
    // The new file is in place; flushing the directory entry only makes the rename itself
    // durable. Some file systems refuse to flush a directory (VirtualBox shared folders, some
    // FUSE and network mounts): the save has still happened and must be reported as such.
    if let Err(error) = sync_dir(&dir) {
        log::warn!("could not flush the folder {}: {error}", dir.display());
    }
    Ok(None)
}

/// Renames the temporary file over the target. On Windows a rename can fail for a moment while
/// an antivirus or indexer holds the file open; it is retried for about two seconds.
fn persist_with_retry(temp: tempfile::NamedTempFile, target: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let mut temp = temp;
        loop {
            match temp.persist(target) {
                Ok(_) => return Ok(()),
                Err(error)
                    if error.error.kind() == io::ErrorKind::PermissionDenied
                        && std::time::Instant::now() < deadline =>
                {
                    temp = error.file;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(error) => return Err(error.error),
            }
        }
    }
    #[cfg(not(windows))]
    temp.persist(target).map(|_| ()).map_err(|e| e.error)
}

/// Removes temporary files a crash left beside the data file (`.watchlist-*.tmp`). Call only
/// while holding the writer lock, so another instance's save in progress is never touched.
pub fn remove_stale_temp_files(data_path: &Path) -> usize {
    // Beside the file itself, where saves write them, when `data_path` is a symlink.
    let data_path = super::state::absolute(data_path);
    let dir = match data_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(".watchlist-") && name.ends_with(".tmp")
        })
        .filter(|entry| fs::remove_file(entry.path()).is_ok())
        .count()
}

/// Keeps a copy of a data file that does not load, beside it, as
/// `watchlist.ron.corrupt-<timestamp>`, so that whatever happens next the broken bytes survive.
/// A copy with the same bytes is reused rather than made again.
pub fn keep_corrupt_copy(data_path: &Path) -> io::Result<Option<PathBuf>> {
    let Some(bytes) = read_bytes(data_path)? else {
        return Ok(None);
    };
    let name = data_path.file_name().map_or_else(
        || "watchlist.ron".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let prefix = format!("{name}.corrupt-");
    let dir = match data_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.filter_map(Result::ok) {
            if entry.file_name().to_string_lossy().starts_with(&prefix)
                && fs::read(entry.path()).is_ok_and(|old| old == bytes)
            {
                return Ok(Some(entry.path()));
            }
        }
    }
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S%.3fZ");
    let copy = dir.join(format!("{prefix}{stamp}"));
    write_atomic(&copy, &bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(Some(copy))
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Show, Status};

    fn temp_files(dir: &Path) -> Vec<PathBuf> {
        fs::read_dir(dir)
            .expect("lists")
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "tmp"))
            .collect()
    }

    #[test]
    fn a_large_save_is_written_and_hashed_in_its_parts_as_one_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("watchlist.ron");
        let watchlist = crate::model::generate::watchlist(700, 4);
        let text = format::to_text(&watchlist, format::Writer::Fast).expect("ron");
        let joined = format::to_ron(&watchlist).expect("ron");
        assert_eq!(text.to_string(), joined);
        assert_eq!(text.len(), joined.len());
        assert!(text.same_as(joined.as_bytes()));
        assert!(!text.same_as(&joined.as_bytes()[1..]));
        let Ok(SaveOutcome::Saved { fingerprint, .. }) =
            save_checked(&path, &watchlist, Fingerprint::Missing)
        else {
            panic!("saved");
        };
        assert_eq!(fs::read(&path).expect("reads"), joined.as_bytes());
        assert_eq!(fingerprint, Fingerprint::of(joined.as_bytes()));
        assert_eq!(Fingerprint::of_parts(text.parts()), fingerprint);
    }

    #[test]
    fn a_large_file_reads_the_same_in_pieces_as_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.ron");
        // Not a multiple of anything: 3.3 blocks, odd tail.
        let bytes: Vec<u8> = (0..(3 << 20) + 333_333)
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        fs::write(&path, &bytes).expect("writes");
        let file = fs::File::open(&path).expect("opens");
        for pieces in [2, 3, 4, 16] {
            let mut read = vec![0u8; bytes.len()];
            assert!(read_in_pieces_with(&file, &mut read, pieces).expect("reads"));
            assert!(read == bytes, "{pieces} pieces");
        }
        assert_eq!(read_bytes(&path).expect("reads"), Some(bytes.clone()));
        // The same bytes land in the memory advised for huge pages.
        let for_parsing = read_bytes_for_parsing(&path)
            .expect("reads")
            .expect("there");
        assert!(*for_parsing == bytes[..]);
        // A file shorter than it was said to be is not taken for whole.
        let mut longer = vec![0u8; bytes.len() + 10];
        assert!(!read_in_pieces_with(&file, &mut longer, 2).expect("reads"));
    }

    #[test]
    fn a_change_landing_while_the_new_text_is_written_is_not_written_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("watchlist.ron");
        fs::write(&path, "ours, as last read").expect("writes");
        let expected = Fingerprint::of(b"ours, as last read");
        let mut watchlist = Watchlist::default();
        watchlist
            .shows
            .push(Arc::new(Show::new("etoile", "Étoile", Status::Canceled)));

        let outcome = save_checked_with(&path, &watchlist, expected, || {
            // The new text is already written and flushed beside the file when the check runs.
            let pending = temp_files(dir.path());
            assert_eq!(pending.len(), 1, "the new text waits in a temporary file");
            let text = fs::read_to_string(&pending[0]).expect("reads");
            assert!(text.contains("Étoile"));
            // A sync tool writes the file now.
            fs::write(&path, "theirs, from another device").expect("writes");
        })
        .expect("no I/O error");

        match outcome {
            SaveOutcome::ChangedOnDisk { current, .. } => {
                assert_eq!(
                    current.as_deref(),
                    Some(&b"theirs, from another device"[..])
                )
            }
            SaveOutcome::Saved { .. } => panic!("wrote over a change it had not seen"),
        }
        assert_eq!(
            fs::read(&path).expect("reads"),
            b"theirs, from another device"
        );
        assert!(
            temp_files(dir.path()).is_empty(),
            "the temporary file is removed"
        );
    }

    #[test]
    fn an_unchanged_file_is_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("watchlist.ron");
        fs::write(&path, "ours, as last read").expect("writes");
        let watchlist = Watchlist::default();
        let outcome =
            save_checked(&path, &watchlist, Fingerprint::of(b"ours, as last read")).expect("saves");
        let SaveOutcome::Saved { fingerprint, text } = outcome else {
            panic!("the file had not changed");
        };
        let bytes = fs::read(&path).expect("reads");
        assert!(text.same_as(&bytes));
        assert_eq!(fingerprint, Fingerprint::of(&bytes));
        assert!(temp_files(dir.path()).is_empty());
    }
}
