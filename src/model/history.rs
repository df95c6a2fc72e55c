//! Undo and redo over [`Change`]s.

use std::time::{Duration, Instant};

use super::{Change, Watchlist};

/// Edits to the same field closer together than this undo as one step.
const MERGE_WINDOW: Duration = Duration::from_secs(2);

/// How many steps are kept.
const LIMIT: usize = 500;

/// The undo and redo stacks of a watchlist.
#[derive(Debug, Default)]
pub struct UndoHistory {
    undo: Vec<(Change, Instant)>,
    redo: Vec<Change>,
}

impl UndoHistory {
    /// Records a change just applied at `now`. A new change clears what could be redone.
    pub fn record(&mut self, change: Change, now: Instant) {
        self.redo.clear();
        if let Some((last, at)) = self.undo.last_mut() {
            let same_field = last.merge_key.is_some() && last.merge_key == change.merge_key;
            if same_field && now.saturating_duration_since(*at) < MERGE_WINDOW {
                // Keep the oldest `before`, so one undo takes the whole burst back.
                last.after = change.after;
                *at = now;
                return;
            }
        }
        self.undo.push((change, now));
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// Undoes the newest change; returns its label.
    pub fn undo(&mut self, watchlist: &mut Watchlist) -> Option<String> {
        let (change, _) = self.undo.pop()?;
        watchlist.revert(&change);
        let label = change.label.clone();
        self.redo.push(change);
        Some(label)
    }

    /// Redoes the newest undone change; returns its label.
    pub fn redo(&mut self, watchlist: &mut Watchlist) -> Option<String> {
        let change = self.redo.pop()?;
        watchlist.reapply(&change);
        let label = change.label.clone();
        // A far-past instant, so a redone step never merges with the next edit.
        let long_ago = Instant::now()
            .checked_sub(MERGE_WINDOW)
            .unwrap_or_else(Instant::now);
        self.undo.push((change, long_ago));
        Some(label)
    }

    /// The label of what Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(c, _)| c.label.as_str())
    }

    /// The label of what Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|c| c.label.as_str())
    }
}
