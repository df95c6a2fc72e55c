//! An open watchlist: the data, its undo history, and whether it has been saved.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use jiff::civil::Date;

use crate::model::{Action, ActionError, Change, Show, ShowEdit, UndoHistory, Watchlist};

/// What [`Document::apply_as_one`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppliedAsOne {
    /// How many actions changed anything.
    pub changed: usize,
    /// The ids of the shows it added, in the order of the actions.
    pub added: Vec<String>,
}

/// The watchlist being edited, with everything needed to undo and to know what to save.
#[derive(Debug)]
pub struct Document {
    watchlist: Watchlist,
    history: UndoHistory,
    /// Goes up with every change, undo and redo.
    revision: u64,
    /// The newest revision known to be on disk.
    saved_revision: u64,
    /// Goes up only with changes that can reorder or refilter the list: shows added or
    /// removed, titles or statuses changed. Typing a note leaves it alone.
    list_revision: u64,
    /// Goes up only with changes to titles or to which shows there are: what the title index
    /// is built from.
    titles_revision: u64,
    /// Where each show id sits in the list, so looking a show up costs the same at 100 or
    /// 100,000 shows. Ids never change, so only adding or removing shows moves entries.
    index: HashMap<String, usize>,
}

impl Document {
    /// A document for a watchlist as loaded (or, on first run, the sample: it is written with
    /// the first change, not before).
    pub fn new(watchlist: Watchlist) -> Self {
        // Revisions never repeat across documents: the views cache indexes and rows by revision,
        // and a document opened in place of another (a reload, a restored backup) must not
        // meet the old one's caches with the same numbers.
        static NEXT_BASE: AtomicU64 = AtomicU64::new(0);
        let first = NEXT_BASE.fetch_add(1 << 32, Ordering::Relaxed) + 1;
        let mut doc = Document {
            watchlist,
            history: UndoHistory::default(),
            revision: first,
            saved_revision: first,
            list_revision: first,
            titles_revision: first,
            index: HashMap::new(),
        };
        doc.reindex();
        doc
    }

    /// The show with this id.
    pub fn get(&self, id: &str) -> Option<&Show> {
        match self
            .index
            .get(id)
            .and_then(|&i| self.watchlist.shows.get(i))
        {
            Some(show) if show.id == id => Some(Arc::as_ref(show)),
            // The index is rebuilt on every structural change; this is only a safety net.
            _ => self.watchlist.get(id),
        }
    }

    /// Rebuilds the id index after shows were added or removed.
    fn reindex(&mut self) {
        self.index = self
            .watchlist
            .shows
            .iter()
            .enumerate()
            .map(|(i, show)| (show.id.clone(), i))
            .collect();
    }

    /// Keeps the index in step after a change that may have added or removed a show.
    fn after_change(&mut self) {
        self.revision += 1;
        if self.index.len() != self.watchlist.shows.len() {
            self.reindex();
        }
    }

    /// The watchlist as it is now.
    pub fn watchlist(&self) -> &Watchlist {
        &self.watchlist
    }

    /// Applies a change and records it for undo; returns its label.
    pub fn apply(
        &mut self,
        action: Action,
        today: Date,
        now: Instant,
    ) -> Result<String, ActionError> {
        let change = self.apply_unrecorded(action, today)?;
        let label = change.label.clone();
        self.history.record(change, now);
        Ok(label)
    }

    /// Applies actions to one show as one change, undone in one step (the command line's
    /// `tag SHOW a b c`); returns what each did. Actions that would change nothing are skipped.
    /// All or nothing: when one is refused, those before it are taken back and nothing is
    /// recorded.
    pub fn apply_together(
        &mut self,
        actions: Vec<Action>,
        today: Date,
        now: Instant,
    ) -> Result<Vec<Change>, ActionError> {
        let changes = self.apply_all(actions, today)?;
        let mut steps = changes.iter().cloned();
        if let Some(first) = steps.next() {
            let mut step = first;
            for next in steps {
                if next.id == step.id {
                    step = step.then(next);
                } else {
                    // Another show: a step of its own.
                    self.history.record(std::mem::replace(&mut step, next), now);
                }
            }
            self.history.record(step, now);
        }
        Ok(changes)
    }

    /// Applies actions to any number of shows as one step labelled `label` (an import): all or
    /// nothing as [`Document::apply_together`], and undone all at once.
    pub fn apply_as_one(
        &mut self,
        actions: Vec<Action>,
        label: String,
        today: Date,
        now: Instant,
    ) -> Result<AppliedAsOne, ActionError> {
        let changes = self.apply_all(actions, today)?;
        let applied = AppliedAsOne {
            changed: changes.len(),
            added: changes
                .iter()
                .filter(|c| c.before.is_none())
                .map(|c| c.id.clone())
                .collect(),
        };
        let mut changes = changes.into_iter();
        if let Some(mut first) = changes.next() {
            first.label = label;
            first.merge_key = None;
            first.together = changes.collect();
            self.history.record(first, now);
        }
        Ok(applied)
    }

    /// Applies a change the user did not make (the catalog's details of an imported show)
    /// without an undo step of its own, so that the user's last step stays the one Undo
    /// takes back.
    pub fn apply_quietly(&mut self, action: Action, today: Date) -> Result<(), ActionError> {
        self.apply_unrecorded(action, today).map(drop)
    }

    /// Applies `actions` without recording them, all or nothing: when one is refused, those
    /// before it are taken back. Actions that would change nothing are skipped.
    fn apply_all(&mut self, actions: Vec<Action>, today: Date) -> Result<Vec<Change>, ActionError> {
        let mut changes: Vec<Change> = Vec::with_capacity(actions.len());
        for action in actions {
            match self.apply_unrecorded(action, today) {
                Ok(change) => changes.push(change),
                Err(ActionError::Unchanged) => {}
                Err(error) => {
                    for change in changes.iter().rev() {
                        self.watchlist.revert(change);
                    }
                    self.list_revision += 1;
                    self.titles_revision += 1;
                    self.after_change();
                    return Err(error);
                }
            }
        }
        Ok(changes)
    }

    /// Applies a change without recording it for undo.
    fn apply_unrecorded(&mut self, action: Action, today: Date) -> Result<Change, ActionError> {
        let reorders = !matches!(
            &action,
            Action::Edit { edit, .. } if !matches!(edit, ShowEdit::Title(_))
        );
        let retitles = matches!(
            &action,
            Action::AddShow(_)
                | Action::RemoveShow { .. }
                | Action::Edit {
                    edit: ShowEdit::Title(_),
                    ..
                }
        );
        let change = self.watchlist.apply(action, today)?;
        if reorders {
            self.list_revision += 1;
        }
        if retitles {
            self.titles_revision += 1;
        }
        self.after_change();
        Ok(change)
    }

    /// Undoes the last change; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo(&mut self.watchlist)?;
        self.list_revision += 1;
        self.titles_revision += 1;
        self.after_change();
        Some(label)
    }

    /// Redoes the last undone change; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo(&mut self.watchlist)?;
        self.list_revision += 1;
        self.titles_revision += 1;
        self.after_change();
        Some(label)
    }

    /// Marks the watchlist as not yet in the file, as it is: after an upgrade, after dropping
    /// unknown fields, after the file was deleted outside. The undo history is kept.
    pub fn mark_unsaved(&mut self) {
        self.revision += 1;
    }

    /// Replaces the whole watchlist with one that came from outside (a reload or a merge).
    /// Undo history is dropped: its steps were recorded against the old watchlist.
    /// `on_disk` says whether the file already holds exactly this.
    pub fn replace(&mut self, watchlist: Watchlist, on_disk: bool) {
        self.watchlist = watchlist;
        self.history = UndoHistory::default();
        self.revision += 1;
        self.list_revision += 1;
        self.titles_revision += 1;
        self.reindex();
        if on_disk {
            self.saved_revision = self.revision;
        }
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// The revision of what the list shows: titles, statuses and which shows there are.
    pub fn list_revision(&self) -> u64 {
        self.list_revision
    }

    /// Goes up with changes to titles or to which shows there are.
    pub fn titles_revision(&self) -> u64 {
        self.titles_revision
    }

    /// The current revision.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that `revision` is now on disk.
    pub fn mark_saved(&mut self, revision: u64) {
        self.saved_revision = self.saved_revision.max(revision);
    }

    /// True when the watchlist has changes the file does not hold yet.
    pub fn is_dirty(&self) -> bool {
        self.saved_revision < self.revision
    }
}
