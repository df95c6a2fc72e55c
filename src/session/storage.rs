//! How the session writes the data file, injected: the real [`FileStorage`] writes with the
//! store's checked, atomic save and keeps a backup; tests put one in front of it that fails on
//! demand.

use std::time::Instant;

use crate::model::Watchlist;
use crate::store::{self, DataFile, Fingerprint, SaveOutcome, StoreError, backup};

/// Writes watchlist snapshots to the data file.
pub trait Storage: Send + Sync {
    /// Writes `watchlist` if the file still holds `expected` (never over a change this process
    /// has not seen), and keeps a backup of what it wrote.
    fn save(&self, watchlist: &Watchlist, expected: Fingerprint)
    -> Result<SaveOutcome, StoreError>;
}

/// The data file on disk.
#[derive(Debug, Clone)]
pub struct FileStorage {
    file: DataFile,
}

impl FileStorage {
    /// Saves to `file`, with backups in its state directory.
    pub fn new(file: DataFile) -> Self {
        FileStorage { file }
    }
}

impl Storage for FileStorage {
    fn save(
        &self,
        watchlist: &Watchlist,
        expected: Fingerprint,
    ) -> Result<SaveOutcome, StoreError> {
        let outcome = store::save_checked(&self.file.path, watchlist, expected)?;
        if let SaveOutcome::Saved { text, .. } = &outcome
            && let Err(error) = backup::record_saved(&self.file, text)
        {
            // The save itself happened; a missing backup is worth a line in the log, not a
            // failed save that would be retried.
            log::warn!(
                "could not keep a backup of {}: {error}",
                self.file.path.display()
            );
        }
        Ok(outcome)
    }
}

/// The outcome of one save.
#[derive(Debug)]
pub struct SaveReport {
    /// The revision of the document that was saved (or not).
    pub revision: u64,
    /// The snapshot that was to be saved: the base of the next three-way merge once written.
    pub watchlist: Watchlist,
    pub result: Result<SaveOutcome, StoreError>,
    /// When the save finished: a reading of the folder taken before it shows the file as it
    /// was before.
    pub finished_at: Instant,
}
