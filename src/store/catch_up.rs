//! The imported shows whose catalog details are still to be fetched, kept in the data file's
//! local state (never in the synced watchlist), so that fetching them resumes after a restart
//! where it stopped. A small JSON file per data file: `catch-up/<file key>.json`.

use std::collections::VecDeque;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{DataFile, StoreError, file_key};

/// A show waiting to be found in the catalog: its watchlist id, and the year the export gave
/// (for a search by title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    pub id: String,
    #[serde(default)]
    pub year: Option<i16>,
}

/// A catalog show found by title only, waiting for the user to say it is the one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The watchlist show.
    pub id: String,
    pub tvmaze: u64,
    /// How the catalog names it, its year and network, for the user to judge.
    pub title: String,
    pub year: Option<i16>,
    pub network: Option<String>,
}

/// Where fetching imported shows' details stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatchUpQueue {
    /// Shows still to look up, first first.
    pub pending: VecDeque<Queued>,
    /// How many were looked up since the queue was last empty (for "340 of 2,000").
    pub done: usize,
    /// Shows the catalog has nothing for: matched by hand later, their history kept.
    pub not_matched: Vec<Queued>,
    /// Shows found by title, waiting for the user's yes.
    pub proposed: Vec<Proposal>,
    /// The user stopped the fetching; it waits for them to resume it.
    pub stopped: bool,
}

impl CatchUpQueue {
    /// Queues `shows` behind those already waiting (a show already queued is not queued
    /// twice).
    pub fn add(&mut self, shows: impl IntoIterator<Item = Queued>) {
        if self.pending.is_empty() {
            self.done = 0;
        }
        for show in shows {
            self.forget(&show.id);
            self.pending.push_back(show);
        }
    }

    /// Takes show `id` out of every list (it was matched by hand, or removed).
    pub fn forget(&mut self, id: &str) {
        self.pending.retain(|q| q.id != id);
        self.not_matched.retain(|q| q.id != id);
        self.proposed.retain(|p| p.id != id);
    }

    /// Shows looked up and still to look up, since the queue was last empty.
    pub fn total(&self) -> usize {
        self.done + self.pending.len()
    }

    /// Shows waiting for the user: not matched, or matched by title only.
    pub fn to_review(&self) -> usize {
        self.not_matched.len() + self.proposed.len()
    }

    /// Where the queue of `file` is kept.
    pub fn path(file: &DataFile) -> PathBuf {
        file.state_dir
            .join("catch-up")
            .join(format!("{}.json", file_key(&file.path)))
    }

    /// The queue of `file`; empty when there is none. One that cannot be read is logged and
    /// treated as empty: it holds only what can be fetched again.
    pub fn load(file: &DataFile) -> CatchUpQueue {
        let path = Self::path(file);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|error| {
                log::warn!("{}: {error}; starting an empty queue", path.display());
                CatchUpQueue::default()
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => CatchUpQueue::default(),
            Err(error) => {
                log::warn!("{}: {error}; starting an empty queue", path.display());
                CatchUpQueue::default()
            }
        }
    }

    /// Writes the queue of `file` (atomically).
    pub fn save(&self, file: &DataFile) -> Result<(), StoreError> {
        let path = Self::path(file);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Write {
                path: dir.to_owned(),
                source,
            })?;
        }
        let bytes = serde_json::to_vec_pretty(self).map_err(|error| StoreError::Write {
            path: path.clone(),
            source: std::io::Error::other(error),
        })?;
        super::write_atomic(&path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued(id: &str) -> Queued {
        Queued {
            id: id.into(),
            year: None,
        }
    }

    #[test]
    fn the_queue_survives_a_restart_and_counts_from_where_it_stopped() {
        let dir = tempfile::tempdir().unwrap();
        let file = DataFile::with_state_dir(dir.path().join("w.ron"), dir.path().join("state"));
        assert_eq!(CatchUpQueue::load(&file), CatchUpQueue::default());
        let mut queue = CatchUpQueue::default();
        queue.add([queued("a"), queued("b"), queued("c")]);
        queue.pending.pop_front();
        queue.done += 1;
        queue.save(&file).unwrap();
        let again = CatchUpQueue::load(&file);
        assert_eq!(again, queue);
        assert_eq!((again.done, again.total()), (1, 3));
    }

    #[test]
    fn a_show_is_queued_once_and_forgotten_everywhere() {
        let mut queue = CatchUpQueue::default();
        queue.add([queued("a"), queued("b")]);
        queue.not_matched.push(queued("c"));
        queue.add([queued("a"), queued("c")]);
        assert_eq!(queue.pending.len(), 3);
        assert!(queue.not_matched.is_empty());
        queue.forget("a");
        assert_eq!(queue.pending.len(), 2);
    }

    #[test]
    fn an_unreadable_queue_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = DataFile::with_state_dir(dir.path().join("w.ron"), dir.path().join("state"));
        let path = CatchUpQueue::path(&file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"{ not json").unwrap();
        assert_eq!(CatchUpQueue::load(&file), CatchUpQueue::default());
    }
}
