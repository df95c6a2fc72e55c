//! The open watchlist and everything that keeps it safe: the writer lock, debounced background
//! saves that never write over a change they have not seen, reloading or merging when the file
//! changes outside the app, conflicts, and writing what is pending when the app closes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::conflict::{ConflictSource, PendingConflict};
use super::disk::{DiskChange, DiskChanges};
use super::document::Document;
use super::messages::FileNews;
use super::saving::{SaveState, SaveStatus};
use super::storage::SaveReport;
use super::{Env, Event};
use crate::model::merge;
use crate::model::{Action, ActionError, Watchlist};
use crate::store::watch::{FolderEvent, FolderWatcher};
use crate::store::{self, DataFile, Fingerprint, SaveOutcome, StoreError, WriterLock};
use crate::tasks::{Lost, Task, TaskId};

/// The open watchlist.
pub struct OpenFile {
    env: Env,
    doc: Document,
    file: DataFile,
    /// What the file holds as far as this process knows, and the watchlist it parses to: the
    /// base of a three-way merge.
    disk: Fingerprint,
    base: Watchlist,
    /// True while the watchlist is the sample and no file exists yet.
    from_sample: bool,
    lock: Option<WriterLock>,
    /// Why this window may not write, when it may not.
    read_only: Option<String>,
    save: SaveState,
    /// Changes seen on disk, handled once no save of ours is in flight.
    disk_changes: DiskChanges,
    /// An outside change being parsed; saving waits for it.
    parsing: Option<Task>,
    /// The file changed outside and no longer loads: saving waits until it does.
    external_error: Option<String>,
    /// Sync tools' conflict copies beside the file, offered for merging.
    conflict_copies: Vec<PathBuf>,
    /// Copies read and waiting to be merged: not while a save is in flight, whose report the
    /// merge's conflict would otherwise drop.
    copies_to_merge: Vec<(PathBuf, Watchlist)>,
    /// What last happened to the file, for the banner.
    news: Option<FileNews>,
    watcher: Option<FolderWatcher>,
    /// What was pending has been written (or kept in a copy) at closing: closing again does
    /// nothing.
    finished: bool,
}

/// Why an edit was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// This window may not write.
    ReadOnly,
    /// The action itself was refused; nothing changed.
    Action(ActionError),
}

impl OpenFile {
    /// The watchlist just read from `file` (or the sample, when there is no file yet).
    pub(super) fn new(
        env: Env,
        file: DataFile,
        doc: Document,
        disk: Fingerprint,
        from_sample: bool,
        lock: Result<WriterLock, store::LockError>,
        conflict_copies: Vec<PathBuf>,
    ) -> Self {
        let (lock, read_only) = match lock {
            Ok(lock) => (Some(lock), None),
            Err(error) => (None, Some(format!("Read-only: {error}."))),
        };
        OpenFile {
            env,
            base: if from_sample {
                Watchlist::default()
            } else {
                doc.watchlist().clone()
            },
            doc,
            file,
            disk,
            from_sample,
            lock,
            read_only,
            save: SaveState::Saved,
            disk_changes: DiskChanges::default(),
            parsing: None,
            external_error: None,
            conflict_copies,
            copies_to_merge: Vec::new(),
            news: None,
            watcher: None,
            finished: false,
        }
    }

    /// The document: the watchlist, its revisions and undo history.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The watchlist as it is now.
    pub fn watchlist(&self) -> &Watchlist {
        self.doc.watchlist()
    }

    /// The data file.
    pub fn path(&self) -> &Path {
        &self.file.path
    }

    /// Why this window may not write, when it may not.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Says why this window is read-only in other words, when it is (what the launch knew).
    pub(super) fn explain_read_only(&mut self, why: String) {
        if self.read_only.is_some() {
            self.read_only = Some(why);
        }
    }

    /// Why saving waits for the file: it was changed outside and no longer loads.
    pub fn external_error(&self) -> Option<&str> {
        self.external_error.as_deref()
    }

    /// The conflict waiting for the user.
    pub fn conflict(&self) -> Option<&PendingConflict> {
        self.save.conflict()
    }

    /// Sync tools' conflict copies waiting to be merged.
    pub fn conflict_copies(&self) -> &[PathBuf] {
        &self.conflict_copies
    }

    /// What last happened to the file.
    pub fn news(&self) -> Option<&FileNews> {
        self.news.as_ref()
    }

    /// Where saving stands.
    pub fn save_state(&self) -> &SaveState {
        &self.save
    }

    /// What the status bar says about saving. The order is the order of importance: a failure
    /// or a question for the user before anything else.
    pub fn save_status(&self) -> SaveStatus<'_> {
        if let SaveState::Failed { error, .. }
        | SaveState::Saving {
            retrying: Some(error),
            ..
        } = &self.save
        {
            SaveStatus::Failed(error)
        } else if self.save.conflict().is_some() {
            SaveStatus::Conflict
        } else if self.external_error.is_some() {
            SaveStatus::FileBroken
        } else if let Some(reason) = &self.read_only {
            SaveStatus::ReadOnly(reason)
        } else if self.doc.is_dirty() {
            SaveStatus::Saving
        } else if self.from_sample {
            SaveStatus::Sample
        } else {
            SaveStatus::Saved
        }
    }

    /// True when edits are not in the file and cannot be written as things stand.
    pub fn edits_at_risk(&self) -> bool {
        self.save_status().edits_at_risk(self.doc.is_dirty())
    }

    /// Gives up the writer lock (to hand it to a restore).
    pub(super) fn take_lock(&mut self) -> Option<WriterLock> {
        self.lock.take()
    }

    /// Applies a change and records it for undo; returns its label.
    pub fn apply(&mut self, action: Action) -> Result<String, Refusal> {
        if self.read_only.is_some() {
            return Err(Refusal::ReadOnly);
        }
        let label = self
            .doc
            .apply(action, self.env.clock.today(), self.env.clock.now())
            .map_err(Refusal::Action)?;
        self.edited();
        Ok(label)
    }

    /// Applies actions to one show as one change, undone in one step (see
    /// [`Document::apply_together`]); returns what each did.
    pub fn apply_together(
        &mut self,
        actions: Vec<Action>,
    ) -> Result<Vec<crate::model::Change>, Refusal> {
        if self.read_only.is_some() {
            return Err(Refusal::ReadOnly);
        }
        let changes = self
            .doc
            .apply_together(actions, self.env.clock.today(), self.env.clock.now())
            .map_err(Refusal::Action)?;
        if !changes.is_empty() {
            self.edited();
        }
        Ok(changes)
    }

    /// Applies actions to any number of shows as one undoable step (see
    /// [`Document::apply_as_one`]).
    pub fn apply_as_one(
        &mut self,
        actions: Vec<Action>,
        label: String,
    ) -> Result<super::document::AppliedAsOne, Refusal> {
        if self.read_only.is_some() {
            return Err(Refusal::ReadOnly);
        }
        let applied = self
            .doc
            .apply_as_one(actions, label, self.env.clock.today(), self.env.clock.now())
            .map_err(Refusal::Action)?;
        if applied.changed > 0 {
            self.edited();
        }
        Ok(applied)
    }

    /// Applies a change the user did not make, without an undo step (see
    /// [`Document::apply_quietly`]); saved like any other.
    pub fn apply_quietly(&mut self, action: Action) -> Result<(), Refusal> {
        if self.read_only.is_some() {
            return Err(Refusal::ReadOnly);
        }
        self.doc
            .apply_quietly(action, self.env.clock.today())
            .map_err(Refusal::Action)?;
        self.edited();
        Ok(())
    }

    /// Undoes the last change; `Ok(None)` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, Refusal> {
        if self.read_only.is_some() {
            return Err(Refusal::ReadOnly);
        }
        let label = self.doc.undo();
        if label.is_some() {
            self.edited();
        }
        Ok(label)
    }

    /// Redoes the last undone change; `Ok(None)` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>, Refusal> {
        if self.read_only.is_some() {
            return Err(Refusal::ReadOnly);
        }
        let label = self.doc.redo();
        if label.is_some() {
            self.edited();
        }
        Ok(label)
    }

    /// Asks for the watchlist as it is to be written, keeping the undo history: after an
    /// upgrade, or after dropping unknown fields.
    pub(super) fn mark_unsaved(&mut self, news: FileNews) {
        self.doc.mark_unsaved();
        self.edited();
        self.news = Some(news);
    }

    /// The document changed: saving starts after the delay.
    fn edited(&mut self) {
        self.save.edited(self.env.clock.now(), self.env.timing);
    }

    /// Keeps `watcher`, watching the file's folder for outside changes and conflict copies;
    /// the opening job started it.
    pub(super) fn watch_with(&mut self, watcher: FolderWatcher) {
        self.watcher = Some(watcher);
    }

    /// Handles an outside change whose turn has come, and starts a save when edits have
    /// rested. Returns when it wants to be asked again (a save that is not due yet).
    pub(super) fn drive(&mut self) -> Option<Instant> {
        if self.save.saving().is_none() && self.parsing.is_none() {
            if let Some(change) = self.disk_changes.take_fresh() {
                self.on_disk_change(change.fingerprint, change.bytes);
            }
            // An outside change is merged first: the copy is then merged with what the file
            // holds.
            while self.parsing.is_none()
                && let Some((path, copy)) = self.copies_to_merge.pop()
            {
                self.merge_copy_now(path, copy);
            }
        }
        self.schedule_save()
    }

    /// A save finished.
    pub(super) fn on_saved(&mut self, report: SaveReport) {
        let SaveState::Saving { since, .. } = self.save else {
            return;
        };
        let now = self.env.clock.now();
        match report.result {
            Ok(SaveOutcome::Saved { fingerprint, .. }) => {
                self.doc.mark_saved(report.revision);
                self.disk = fingerprint;
                self.disk_changes.wrote(report.finished_at);
                self.base = report.watchlist;
                self.from_sample = false;
                self.save = if self.doc.is_dirty() {
                    SaveState::Pending { since }
                } else {
                    SaveState::Saved
                };
            }
            Ok(SaveOutcome::ChangedOnDisk {
                current,
                fingerprint,
            }) => {
                self.disk_changes.seen(DiskChange {
                    fingerprint,
                    bytes: current,
                    read_at: report.finished_at,
                });
                // Saved again once the change is merged.
                self.save = SaveState::Pending { since };
            }
            Err(error) => self.save_failed(error.to_string(), since, now),
        }
    }

    fn save_failed(&mut self, error: String, since: Instant, now: Instant) {
        let timing = self.env.timing;
        self.save = SaveState::Failed {
            error,
            retry_at: (now + timing.retry_delay).max(since + timing.save_delay),
        };
    }

    /// A job of this file's ended without a result: the save or the parse it was waiting for
    /// fails rather than waits for ever. Returns true when the job was one of these.
    pub(super) fn on_lost(&mut self, task: TaskId, lost: &Lost) -> bool {
        if let SaveState::Saving {
            task: saving,
            since,
            ..
        } = self.save
            && saving == task
        {
            self.save_failed(lost.to_string(), since, self.env.clock.now());
            return true;
        }
        if self.parsing.as_ref().is_some_and(|p| p.id() == task) {
            self.parsing = None;
            self.external_error = Some(format!(
                "The file was changed outside Curtain Call and could not be read ({lost})."
            ));
            return true;
        }
        false
    }

    /// The folder watcher saw something.
    pub(super) fn on_folder_event(&mut self, event: FolderEvent) {
        match event {
            FolderEvent::DataChanged {
                fingerprint,
                bytes,
                read_at,
            } => self.disk_changes.seen(DiskChange {
                fingerprint,
                bytes,
                read_at,
            }),
            FolderEvent::ConflictCopy(path) => {
                if !self.conflict_copies.contains(&path) {
                    self.conflict_copies.push(path);
                }
            }
        }
    }

    /// The file now holds something else than this process last read or wrote.
    fn on_disk_change(&mut self, fingerprint: Fingerprint, bytes: Option<Vec<u8>>) {
        if fingerprint == self.disk {
            // Our own save, a touch that changed nothing, or the file put back as this process
            // knows it (a broken edit undone, say): whatever held saving back is over.
            self.external_error = None;
            return;
        }
        let already_asked = matches!(
            self.save.conflict().map(PendingConflict::source),
            Some(ConflictSource::DataFile { on_disk, .. }) if *on_disk == fingerprint
        );
        if already_asked {
            // One outside write often arrives as several events; the user is already deciding.
            return;
        }
        let Some(bytes) = bytes else {
            // Deleted outside. Nothing of the user's may be lost: write it again.
            self.disk = Fingerprint::Missing;
            self.base = Watchlist::default();
            self.external_error = None;
            if !self.doc.watchlist().shows.is_empty() && self.read_only.is_none() {
                self.mark_unsaved(FileNews::DeletedOutside);
            }
            return;
        };
        // Parsing a large file takes tens of milliseconds: never on the UI thread.
        let path = self.file.path.clone();
        self.parsing = Some(self.env.tasks.spawn("reload", move |_| Event::Parsed {
            fingerprint,
            parsed: store::from_bytes(&bytes, &path),
        }));
    }

    /// An outside change the file now holds (`fingerprint`) was parsed: reloads, merges or
    /// asks.
    pub(super) fn on_parsed(
        &mut self,
        task: TaskId,
        fingerprint: Fingerprint,
        parsed: Result<Watchlist, StoreError>,
    ) {
        if self.parsing.as_ref().is_none_or(|p| p.id() != task) {
            return;
        }
        self.parsing = None;
        let theirs = match parsed {
            Ok(theirs) => theirs,
            Err(error) => {
                self.external_error = Some(format!(
                    "The file was changed outside Curtain Call and no longer loads ({error}). \
                     Your watchlist is kept here; nothing is written until the file loads again."
                ));
                return;
            }
        };
        self.external_error = None;
        if !self.doc.is_dirty() && self.save.saving().is_none() {
            self.doc.replace(theirs.clone(), true);
            self.disk = fingerprint;
            self.base = theirs;
            self.from_sample = false;
            self.saving_after_outside_change(false);
            self.news = Some(FileNews::Reloaded);
            return;
        }
        let merge = merge::three_way(&self.base, self.doc.watchlist(), &theirs);
        if merge.conflicts.is_empty() {
            self.adopt_merge(merge.merged, fingerprint, theirs);
            self.news = Some(FileNews::Merged);
        } else {
            let source = ConflictSource::DataFile {
                on_disk: fingerprint,
                base: self.base.clone(),
                theirs,
            };
            self.ask(PendingConflict::new(merge, source, self.doc.revision()));
        }
    }

    /// Opens the conflict dialog on `conflict`. One that was already open is replaced: its
    /// choices carry over, and a sync tool's copy it was about is offered again, as the new
    /// merge is not made with it.
    fn ask(&mut self, mut conflict: PendingConflict) {
        if let SaveState::Conflict(earlier) = &self.save {
            if let Some(path) = earlier.source().copy_path()
                && conflict.source().copy_path() != Some(path)
                && !self.conflict_copies.iter().any(|p| p == path)
            {
                self.conflict_copies.push(path.to_owned());
            }
            conflict.keep_choices_of(earlier);
        }
        self.save = SaveState::Conflict(Box::new(conflict));
    }

    /// Takes a merged watchlist against a file that holds `theirs` (fingerprint `on_disk`).
    fn adopt_merge(&mut self, merged: Watchlist, on_disk: Fingerprint, theirs: Watchlist) {
        let same_as_disk = merged == theirs;
        self.doc.replace(merged, same_as_disk);
        self.disk = on_disk;
        self.base = theirs;
        self.from_sample = false;
        // The merge is saved (over `on_disk`) unless it is what the file holds.
        self.saving_after_outside_change(!same_as_disk);
    }

    /// The watchlist was replaced by what came from outside: saved already, or to be saved
    /// (`unsaved`). A conflict still waiting for the user keeps saving held back; settling it
    /// saves what is pending then.
    fn saving_after_outside_change(&mut self, unsaved: bool) {
        if self.save.conflict().is_some() {
            return;
        }
        self.save = if unsaved {
            SaveState::Pending {
                since: self.env.clock.now(),
            }
        } else {
            SaveState::Saved
        };
    }

    /// Merges a sync tool's conflict copy, already read, once no save or reload is in flight
    /// (the next [`OpenFile::drive`]): at once when nothing conflicts, else through the
    /// conflict dialog.
    pub fn merge_copy(&mut self, path: PathBuf, copy: Watchlist) {
        self.conflict_copies.retain(|p| p != &path);
        self.copies_to_merge.retain(|(p, _)| p != &path);
        self.copies_to_merge.push((path, copy));
    }

    fn merge_copy_now(&mut self, path: PathBuf, copy: Watchlist) {
        let merge = merge::fold_in_copy(self.doc.watchlist(), &copy);
        if merge.conflicts.is_empty() {
            if merge.merged != *self.doc.watchlist() {
                self.doc.replace(merge.merged, false);
                self.edited();
            }
            self.news = Some(FileNews::CopyMerged(display_name(&path)));
        } else {
            let source = ConflictSource::Copy { path, copy };
            self.ask(PendingConflict::new(merge, source, self.doc.revision()));
        }
    }

    /// Stops offering a conflict copy (the file itself is left alone).
    pub fn dismiss_copy(&mut self, path: &Path) {
        self.conflict_copies.retain(|p| p != path);
    }

    /// Chooses which version of show `id` the pending conflict keeps.
    pub fn choose(&mut self, id: &str, take_theirs: bool) {
        if let SaveState::Conflict(conflict) = &mut self.save {
            conflict.choose(id, take_theirs);
        }
    }

    /// Chooses which version one field of show `id` comes from in the pending conflict.
    pub fn choose_field(&mut self, id: &str, field: &str, take_theirs: bool) {
        if let SaveState::Conflict(conflict) = &mut self.save {
            conflict.choose_field(id, field, take_theirs);
        }
    }

    /// Settles the pending conflict with the user's choices.
    pub fn settle_conflict(&mut self) {
        let SaveState::Conflict(conflict) = std::mem::replace(&mut self.save, SaveState::Saved)
        else {
            return;
        };
        match conflict.settle(self.doc.watchlist(), self.doc.revision()) {
            Err(again) => {
                self.save = SaveState::Conflict(again);
                self.news = Some(FileNews::ChangedWhileDeciding);
            }
            Ok((
                merged,
                ConflictSource::DataFile {
                    on_disk, theirs, ..
                },
            )) => {
                self.adopt_merge(merged, on_disk, theirs);
                self.news = Some(FileNews::ConflictSettled);
            }
            Ok((merged, ConflictSource::Copy { .. })) => {
                self.doc.replace(merged, false);
                self.save = SaveState::Pending {
                    since: self.env.clock.now(),
                };
                self.news = Some(FileNews::ConflictSettled);
            }
        }
    }

    /// Starts a save when one is due; otherwise says when to ask again.
    fn schedule_save(&mut self) -> Option<Instant> {
        if self.read_only.is_some() || self.external_error.is_some() || self.parsing.is_some() {
            return None;
        }
        let due = self.save.due(self.env.timing)?;
        let now = self.env.clock.now();
        if now < due {
            return Some(due);
        }
        let (since, retrying) = match &self.save {
            SaveState::Pending { since } => (*since, None),
            SaveState::Failed { error, .. } => (now, Some(error.clone())),
            _ => (now, None),
        };
        let revision = self.doc.revision();
        let snapshot = self.doc.watchlist().clone();
        let (storage, clock, expected) = (
            Arc::clone(&self.env.storage),
            Arc::clone(&self.env.clock),
            self.disk,
        );
        let task = self.env.tasks.spawn("save", move |_| {
            let result = storage.save(&snapshot, expected);
            Event::Saved(SaveReport {
                revision,
                watchlist: snapshot,
                result,
                finished_at: clock.now(),
            })
        });
        // One save at a time, so each is checked against what the previous one wrote. (With
        // inline tasks the report is already waiting in the channel.)
        self.save = SaveState::Saving {
            task: task.id(),
            since,
            retrying,
        };
        None
    }

    /// True while a save is being written.
    pub(super) fn is_saving(&self) -> bool {
        self.save.saving().is_some()
    }

    /// Writes what is pending, here and now: the app is closing, and any save in flight has
    /// reported. If the file changed outside meanwhile (or a conflict or a broken file holds
    /// saving back), the edits go to a conflict copy beside it instead, which the next start
    /// offers to merge.
    pub(super) fn finish(&mut self) {
        if self.read_only.is_some() || std::mem::replace(&mut self.finished, true) {
            return;
        }
        let mut changed_outside = self.save.conflict().is_some() || self.external_error.is_some();
        if self.doc.is_dirty() && !changed_outside {
            match self.env.storage.save(self.doc.watchlist(), self.disk) {
                Ok(SaveOutcome::Saved { fingerprint, .. }) => {
                    self.doc.mark_saved(self.doc.revision());
                    self.disk = fingerprint;
                    self.save = SaveState::Saved;
                }
                Ok(SaveOutcome::ChangedOnDisk { .. }) => changed_outside = true,
                Err(error) => log::error!("could not save before closing: {error}"),
            }
        }
        if changed_outside {
            log::warn!(
                "{} changed outside Curtain Call while closing",
                self.file.path.display()
            );
        }
        if self.doc.is_dirty() {
            self.write_exit_copy();
        }
    }

    /// Writes the watchlist beside the data file as a conflict copy. Beside the file itself, not
    /// a symlink to it: that is where the next start looks for copies to offer.
    fn write_exit_copy(&mut self) {
        let target = store::state::absolute(&self.file.path);
        let stem = target.file_stem().map_or_else(
            || "watchlist".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S");
        let copy = target.with_file_name(format!("{stem}.sync-conflict-{stamp}-curtaincall.ron"));
        match store::save_atomic(&copy, self.doc.watchlist()) {
            Ok(()) => log::warn!(
                "the data file could not be written; your latest edits were written to {}",
                copy.display()
            ),
            Err(error) => log::error!("could not keep your latest edits: {error}"),
        }
    }
}

/// A file's name for messages.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
