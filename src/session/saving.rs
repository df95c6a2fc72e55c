//! Where saving stands, as one typed state: saved, waiting for edits to rest, writing, failed
//! and waiting to retry, or held back by a conflict the user must settle.

use std::time::{Duration, Instant};

use super::conflict::PendingConflict;
use crate::tasks::TaskId;

/// How long edits rest before they are saved, and how long a failed save waits to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// How long the watchlist must rest after an edit before it is saved: typing a note is
    /// saved once, not per keystroke.
    pub save_delay: Duration,
    /// How long to wait before trying a failed save again.
    pub retry_delay: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            save_delay: Duration::from_millis(500),
            retry_delay: Duration::from_secs(5),
        }
    }
}

/// Where saving the open watchlist stands.
#[derive(Debug)]
pub enum SaveState {
    /// The file holds every edit.
    Saved,
    /// Edits wait for the save delay to pass after the last one, made at `since`.
    Pending { since: Instant },
    /// A save is being written. `since` is when the last edit was made, so that
    /// edits made meanwhile are saved after the same delay. `retrying` is why the save before
    /// it failed, when this one retries it: the warning stays up until a save succeeds.
    Saving {
        task: TaskId,
        since: Instant,
        retrying: Option<String>,
    },
    /// The last save failed; the edits are kept in memory and the save is tried again at
    /// `retry_at`.
    Failed { error: String, retry_at: Instant },
    /// The same shows were changed here and elsewhere: nothing is saved until the user chooses.
    Conflict(Box<PendingConflict>),
}

impl SaveState {
    /// The watchlist was edited at `now`.
    pub fn edited(&mut self, now: Instant, timing: Timing) {
        match self {
            SaveState::Saved | SaveState::Pending { .. } => {
                *self = SaveState::Pending { since: now };
            }
            SaveState::Saving { since, .. } => *since = now,
            SaveState::Failed { retry_at, .. } => {
                // Typing on while saves fail waits for the typing to rest, as any edit does.
                *retry_at = (*retry_at).max(now + timing.save_delay);
            }
            // Saved once the user has settled it.
            SaveState::Conflict(_) => {}
        }
    }

    /// When the next save may start, if one is waiting.
    pub fn due(&self, timing: Timing) -> Option<Instant> {
        match self {
            SaveState::Pending { since } => Some(*since + timing.save_delay),
            SaveState::Failed { retry_at, .. } => Some(*retry_at),
            SaveState::Saved | SaveState::Saving { .. } | SaveState::Conflict(_) => None,
        }
    }

    /// The save in flight, if one is.
    pub fn saving(&self) -> Option<TaskId> {
        match self {
            SaveState::Saving { task, .. } => Some(*task),
            _ => None,
        }
    }

    /// The conflict waiting for the user, if one is.
    pub fn conflict(&self) -> Option<&PendingConflict> {
        match self {
            SaveState::Conflict(conflict) => Some(conflict),
            _ => None,
        }
    }
}

/// What the status bar says about saving, worked out in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStatus<'a> {
    /// Another instance holds the file; why.
    ReadOnly(&'a str),
    /// The last save failed (it is retried); why.
    Failed(&'a str),
    /// A conflict must be settled first.
    Conflict,
    /// The file was changed outside and no longer loads.
    FileBroken,
    /// Edits are waiting or being written.
    Saving,
    /// The sample watchlist; the file is written with the first change.
    Sample,
    /// The file holds every edit.
    Saved,
}

impl SaveStatus<'_> {
    /// True when the user's edits are at risk: they are not in the file and cannot be written
    /// as things stand (quitting asks first).
    pub fn edits_at_risk(self, unsaved: bool) -> bool {
        unsaved
            && matches!(
                self,
                SaveStatus::Failed(_) | SaveStatus::Conflict | SaveStatus::FileBroken
            )
    }
}
