//! One writer per data file: an exclusive lock on a file in the local state directory (not
//! beside the data file, which may sit in a synced folder). The operating system releases it
//! when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::state::DataFile;

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another Curtain Call (app or command) is writing this watchlist.
    #[error("another Curtain Call is changing {} (lock {}){}", data.display(), lock.display(), holder.as_deref().map(|h| format!(", held by {h}")).unwrap_or_default())]
    Held {
        data: PathBuf,
        lock: PathBuf,
        holder: Option<String>,
    },
    /// The lock file could not be created.
    #[error("cannot create the lock file {}: {source}", lock.display())]
    Io {
        lock: PathBuf,
        source: std::io::Error,
    },
}

/// The right to write one data file, held until dropped.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the lock for `file`, or says who has it.
    pub fn try_acquire(file: &DataFile) -> Result<WriterLock, LockError> {
        let data_path = file.path.as_path();
        let lock = file.lock_path();
        let dir = lock
            .parent()
            .map_or_else(|| file.state_dir.clone(), Path::to_owned);
        let io = |source| LockError::Io {
            lock: lock.clone(),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(io)?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {
                // Who holds it, for the message another instance shows. Best effort only.
                let _ = file.set_len(0);
                let _ = writeln!(file, "pid {} ({})", std::process::id(), data_path.display());
                Ok(WriterLock { _file: file })
            }
            Err(TryLockError::WouldBlock) => Err(LockError::Held {
                data: data_path.to_owned(),
                holder: std::fs::read_to_string(&lock)
                    .ok()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty()),
                lock,
            }),
            Err(TryLockError::Error(source)) => Err(io(source)),
        }
    }

    /// Tries for up to `patience`, for commands that can afford a short wait.
    pub fn acquire_within(file: &DataFile, patience: Duration) -> Result<WriterLock, LockError> {
        let deadline = Instant::now() + patience;
        loop {
            match WriterLock::try_acquire(file) {
                Err(LockError::Held { .. }) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                other => return other,
            }
        }
    }
}
