//! The spill file: where the texts of a load are kept, append-only, while anything refers to
//! them.
//!
//! Each thread that parses a data file (see [`spilling`]) writes its texts into a spill of its
//! own, so the parsing threads never wait on each other. A spill is an unnamed file in the
//! folder given to [`keep_texts_in`] (the local state folder; the system's temporary folder by
//! default), and is gone when the last text referring to it is dropped.
//!
//! Nothing depends on the disk accepting the texts: they are gathered in a buffer and written a
//! few hundred KB at a time. If the file cannot be made, the texts are held in memory as they
//! were before spilling existed; if a write fails, the rest stay in the buffer, in memory.

use std::cell::RefCell;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// How much a spill gathers before writing it out.
const WRITE_AT: usize = 256 * 1024;

static FOLDER: OnceLock<PathBuf> = OnceLock::new();

thread_local! {
    static CURRENT: RefCell<Option<Arc<Spill>>> = const { RefCell::new(None) };
}

/// Where spill files are made: call once at start-up with a folder on a real disk (not a
/// `tmpfs`, where "on disk" would still be memory). Later calls are ignored.
pub fn keep_texts_in(folder: &Path) {
    let _ = FOLDER.set(folder.to_owned());
}

/// Runs `parse` with the long texts it deserializes kept in a new spill file (see
/// [`super::Prose`]), then writes out what is still buffered.
pub fn spilling<T>(parse: impl FnOnce() -> T) -> T {
    let spill = Spill::create().map(Arc::new);
    let previous = CURRENT.with(|current| current.replace(spill.clone()));
    let parsed = parse();
    CURRENT.with(|current| current.replace(previous));
    if let Some(spill) = spill {
        spill.finish();
    }
    parsed
}

/// The spill of the load running on this thread, if any.
pub(super) fn current_spill() -> Option<Arc<Spill>> {
    CURRENT.with(|current| current.borrow().clone())
}

/// One spill file and the texts not yet written to it.
pub(super) struct Spill {
    file: File,
    tail: Mutex<Tail>,
}

struct Tail {
    /// Bytes `0..written` are in the file; the rest are in `buffer`.
    written: u64,
    buffer: Vec<u8>,
    /// A write failed: keep everything from here on in memory.
    failed: bool,
}

impl Spill {
    /// A new spill file, or `None` (texts held in memory) when none can be made.
    fn create() -> Option<Spill> {
        let folder = FOLDER.get().cloned().unwrap_or_else(std::env::temp_dir);
        let made = std::fs::create_dir_all(&folder).and_then(|()| tempfile::tempfile_in(&folder));
        match made {
            Ok(file) => Some(Spill {
                file,
                tail: Mutex::new(Tail {
                    written: 0,
                    buffer: Vec::new(),
                    failed: false,
                }),
            }),
            Err(error) => {
                log::warn!(
                    "keeping notes in memory: no spill file in {}: {error}",
                    folder.display()
                );
                None
            }
        }
    }

    fn tail(&self) -> std::sync::MutexGuard<'_, Tail> {
        // The tail is consistent between statements; a panic elsewhere cannot leave it half done.
        self.tail.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Appends `text`; its offset, or `None` when the spill is full (4 GiB: the rest of the load
    /// is held in memory).
    pub(super) fn append(&self, text: &str) -> Option<u32> {
        let mut tail = self.tail();
        let at = tail.written + tail.buffer.len() as u64;
        u32::try_from(at + text.len() as u64).ok()?;
        tail.buffer.extend_from_slice(text.as_bytes());
        if tail.buffer.len() >= WRITE_AT {
            self.write_out(&mut tail);
        }
        u32::try_from(at).ok()
    }

    /// Writes the buffer to the file, unless an earlier write failed. Texts never straddle the
    /// end of what was written: it is always written whole.
    fn write_out(&self, tail: &mut Tail) {
        if tail.failed || tail.buffer.is_empty() {
            return;
        }
        match write_at(&self.file, &tail.buffer, tail.written) {
            Ok(()) => {
                tail.written += tail.buffer.len() as u64;
                tail.buffer.clear();
            }
            Err(error) => {
                log::warn!(
                    "keeping the rest of the notes in memory: writing the spill file: {error}"
                );
                tail.failed = true;
            }
        }
    }

    /// The end of the load: writes out the rest and lets go of the buffer.
    fn finish(&self) {
        let mut tail = self.tail();
        self.write_out(&mut tail);
        tail.buffer.shrink_to_fit();
    }

    /// Writes `bytes` over the spill at `at`: a disk giving back other bytes, for tests.
    #[cfg(test)]
    pub(super) fn damage(&self, at: u32, bytes: &[u8]) {
        write_at(&self.file, bytes, u64::from(at)).expect("writes");
    }

    /// The `len` bytes at `at`, as text.
    pub(super) fn read(&self, at: u32, len: u32) -> io::Result<String> {
        let (at, len) = (u64::from(at), len as usize);
        let mut bytes = vec![0; len];
        let tail = self.tail();
        if at >= tail.written {
            let start = (at - tail.written) as usize;
            let held = tail.buffer.get(start..start + len).ok_or_else(|| {
                io::Error::new(io::ErrorKind::UnexpectedEof, "past the end of the spill")
            })?;
            bytes.copy_from_slice(held);
        } else {
            drop(tail);
            read_at(&self.file, &mut bytes, at)?;
        }
        String::from_utf8(bytes).map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))
    }
}

/// Writes all of `bytes` at offset `at`, leaving the file's cursor alone where the system can.
#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

/// Fills `bytes` from offset `at`.
#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt as _;
    while !bytes.is_empty() {
        match file.seek_write(bytes, at)? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => {
                bytes = &bytes[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt as _;
    while !bytes.is_empty() {
        match file.seek_read(bytes, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                bytes = &mut bytes[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_a_failed_write_could_not_keep_stay_in_memory() {
        // A file open for reading only: every write fails, as on a full or vanished disk.
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("spill");
        std::fs::write(&path, "").expect("writes");
        let spill = Spill {
            file: File::open(&path).expect("opens"),
            tail: Mutex::new(Tail {
                written: 0,
                buffer: Vec::new(),
                failed: false,
            }),
        };
        let texts: Vec<String> = (0..400)
            .map(|i| format!("{i} {}", "the letter was never opened. ".repeat(40)))
            .collect();
        let places: Vec<u32> = texts
            .iter()
            .map(|t| spill.append(t).expect("room"))
            .collect();
        spill.finish();
        assert!(spill.tail().failed, "the write was tried and failed");
        for (text, at) in texts.iter().zip(places) {
            assert_eq!(&spill.read(at, text.len() as u32).expect("reads"), text);
        }
    }
}
