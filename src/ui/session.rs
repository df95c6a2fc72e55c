//! An open watchlist and everything that keeps it safe: the writer lock, debounced background
//! saves that never write over a change they have not seen, and reloading or merging when the
//! file changes outside the app.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use eframe::egui;

use super::app::AppOptions;
use super::jobs;
use crate::document::Document;
use crate::model::Watchlist;
use crate::model::merge::{self, Merge};
use crate::store::watch::{FolderEvent, FolderWatcher};
use crate::store::{self, DataFile, Fingerprint, SaveOutcome, Saver, StoreError, WriterLock};

/// A conflict waiting for the user: shows changed both here and elsewhere.
pub struct PendingConflict {
    pub merge: Merge,
    /// The other version: where it came from and what the merge was made with.
    pub source: ConflictSource,
    /// For each conflicting show id: true to take the other version.
    pub take_theirs: BTreeMap<String, bool>,
    /// The document's revision the merge was made from.
    made_at: u64,
}

impl PendingConflict {
    /// A conflict to ask about, with every show defaulting to the local version.
    fn new(merge: Merge, source: ConflictSource, made_at: u64) -> Self {
        PendingConflict {
            take_theirs: merge
                .conflicts
                .iter()
                .map(|c| (c.id.clone(), false))
                .collect(),
            merge,
            source,
            made_at,
        }
    }

    /// Keeps the choices made (`earlier`) for the shows this conflict asks about too.
    fn with_choices(mut self, earlier: &BTreeMap<String, bool>) -> Self {
        for (id, take_theirs) in &mut self.take_theirs {
            if let Some(&chosen) = earlier.get(id) {
                *take_theirs = chosen;
            }
        }
        self
    }

    /// True when `other` asks about the same shows, each with the same two versions.
    fn asks_the_same_as(&self, other: &Merge) -> bool {
        self.merge.conflicts.len() == other.conflicts.len()
            && self
                .merge
                .conflicts
                .iter()
                .zip(&other.conflicts)
                .all(|(a, b)| a.id == b.id && a.local == b.local && a.theirs == b.theirs)
    }
}

/// Where the other side of a conflict came from, with what the merge is made of, to make it
/// again if the document changes behind the dialog.
pub enum ConflictSource {
    /// The data file, changed outside the app: what it held (`theirs`, with its fingerprint) and
    /// the base of the three-way merge.
    DataFile {
        on_disk: Fingerprint,
        base: Watchlist,
        theirs: Watchlist,
    },
    /// A sync tool's conflict copy.
    Copy { path: PathBuf, copy: Watchlist },
}

impl ConflictSource {
    /// Merges `local` with the other side again.
    fn merge(&self, local: &Watchlist) -> Merge {
        match self {
            ConflictSource::DataFile { base, theirs, .. } => merge::three_way(base, local, theirs),
            ConflictSource::Copy { copy, .. } => merge::fold_in_copy(local, copy),
        }
    }

    /// The conflict copy's path, for a copy.
    fn copy_path(&self) -> Option<&Path> {
        match self {
            ConflictSource::DataFile { .. } => None,
            ConflictSource::Copy { path, .. } => Some(path),
        }
    }
}

/// The open watchlist.
pub struct Session {
    pub doc: Document,
    file: DataFile,
    /// What the file holds as far as this process knows, and the watchlist it parses to: the
    /// base of a three-way merge.
    disk: Fingerprint,
    base: Watchlist,
    /// True while the watchlist is the sample and no file exists yet.
    pub from_sample: bool,
    lock: Option<WriterLock>,
    /// Why this window may not write, when it may not.
    pub read_only: Option<String>,
    saver: Option<Saver>,
    watcher: Option<FolderWatcher>,
    last_edit: Instant,
    requested_revision: u64,
    reported_revision: u64,
    pub save_error: Option<String>,
    retry_at: Option<Instant>,
    /// Changes seen on disk, handled once no save of ours is in flight.
    disk_changes: DiskChanges,
    /// An outside change being parsed on a background thread, with the fingerprint of what was
    /// parsed; saving waits for it.
    parsing: Option<mpsc::Receiver<(Fingerprint, Result<Watchlist, StoreError>)>>,
    /// The file changed outside and no longer loads: saving waits until it does.
    pub external_error: Option<String>,
    pub conflict: Option<PendingConflict>,
    /// Sync tools' conflict copies beside the file, offered for merging.
    pub conflict_copies: Vec<PathBuf>,
    /// News for the status bar ("Reloaded …", "Merged …").
    pub notice: Option<String>,
}

impl Session {
    /// A session on a watchlist just read from `path` (or the sample, when there is no file).
    pub fn new(
        file: DataFile,
        watchlist: Watchlist,
        disk: Fingerprint,
        from_sample: bool,
        lock: Result<WriterLock, store::LockError>,
        conflict_copies: Vec<PathBuf>,
    ) -> Self {
        let (lock, read_only) = match lock {
            Ok(lock) => (Some(lock), None),
            Err(error) => (None, Some(format!("Read-only: {error}."))),
        };
        let doc = Document::new(watchlist.clone());
        let revision = doc.revision();
        Session {
            doc,
            file,
            disk,
            base: if from_sample {
                Watchlist::default()
            } else {
                watchlist
            },
            from_sample,
            lock,
            read_only,
            saver: None,
            watcher: None,
            last_edit: Instant::now(),
            requested_revision: revision,
            reported_revision: revision,
            save_error: None,
            retry_at: None,
            disk_changes: DiskChanges::default(),
            parsing: None,
            external_error: None,
            conflict: None,
            conflict_copies,
            notice: None,
        }
    }

    /// The data file.
    pub fn path(&self) -> &Path {
        &self.file.path
    }

    /// Gives up the writer lock (to hand it to a restore).
    pub fn take_lock(&mut self) -> Option<WriterLock> {
        self.lock.take()
    }

    /// Notes that the user just changed something.
    pub fn touched(&mut self) {
        self.last_edit = Instant::now();
    }

    /// Lets the next `drive` save the current revision even though it was asked for before.
    /// Only called with no save in flight.
    fn ask_to_save_again(&mut self) {
        self.requested_revision = 0;
        self.reported_revision = 0;
    }

    /// True while a save has been handed to the saver and not reported back.
    fn save_in_flight(&self) -> bool {
        self.requested_revision > self.reported_revision
    }

    /// True when edits are held back: read-only, a conflict to settle, or a file that does not
    /// load.
    pub fn saving_paused(&self) -> bool {
        self.read_only.is_some() || self.conflict.is_some() || self.external_error.is_some()
    }

    /// Starts watching the file's folder (once).
    pub fn watch(&mut self, ctx: &egui::Context) {
        if self.watcher.is_some() {
            return;
        }
        let repaint = ctx.clone();
        match FolderWatcher::spawn(&self.file.path, move || repaint.request_repaint()) {
            Ok(watcher) => self.watcher = Some(watcher),
            Err(error) => log::warn!(
                "cannot watch {} for changes: {error}",
                self.file.path.display()
            ),
        }
    }

    /// Collects save reports and folder events, and starts a save when edits have rested.
    pub fn drive(&mut self, ctx: &egui::Context, options: &AppOptions) {
        self.collect_save_reports(options);
        self.collect_folder_events();
        self.take_parsed();
        if !self.save_in_flight()
            && self.parsing.is_none()
            && let Some(change) = self.disk_changes.take_fresh()
        {
            self.on_disk_change(ctx, change.fingerprint, change.bytes);
        }
        self.schedule_save(ctx, options);
    }

    fn collect_save_reports(&mut self, options: &AppOptions) {
        let Some(saver) = &self.saver else {
            return;
        };
        let mut reports = Vec::new();
        while let Some(report) = saver.try_report() {
            reports.push(report);
        }
        for report in reports {
            self.reported_revision = self.reported_revision.max(report.revision);
            match report.result {
                Ok(SaveOutcome::Saved { fingerprint, .. }) => {
                    self.doc.mark_saved(report.revision);
                    self.disk = fingerprint;
                    self.disk_changes.wrote(report.finished_at);
                    self.base = report.watchlist;
                    self.from_sample = false;
                    self.save_error = None;
                    self.retry_at = None;
                }
                Ok(SaveOutcome::ChangedOnDisk { current }) => {
                    let fingerprint = current
                        .as_deref()
                        .map_or(Fingerprint::Missing, Fingerprint::of);
                    self.disk_changes.seen(DiskChange {
                        fingerprint,
                        bytes: current,
                        read_at: report.finished_at,
                    });
                    // Save again once the change is merged.
                    self.requested_revision = self.reported_revision;
                }
                Err(error) => {
                    self.save_error = Some(error.to_string());
                    self.retry_at = Some(Instant::now() + options.retry_delay);
                    // Ask again at the retry time, even if nothing else changes.
                    self.ask_to_save_again();
                }
            }
        }
    }

    fn collect_folder_events(&mut self) {
        let Some(watcher) = &self.watcher else {
            return;
        };
        while let Some(event) = watcher.try_event() {
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
    }

    /// The file now holds something else than this process last read or wrote.
    fn on_disk_change(
        &mut self,
        ctx: &egui::Context,
        fingerprint: Fingerprint,
        bytes: Option<Vec<u8>>,
    ) {
        if fingerprint == self.disk {
            // Our own save, a touch that changed nothing, or the file put back as this process
            // knows it (a broken edit undone, say): whatever held saving back is over.
            self.external_error = None;
            if self.doc.is_dirty() && self.requested_revision >= self.doc.revision() {
                // This revision was asked for and not written (the file had changed): ask again.
                self.ask_to_save_again();
            }
            return;
        }
        let already_asked = self.conflict.as_ref().is_some_and(|c| {
            matches!(&c.source, ConflictSource::DataFile { on_disk, .. } if *on_disk == fingerprint)
        });
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
                let watchlist = self.doc.watchlist().clone();
                self.doc.replace(watchlist, false);
                self.notice = Some(
                    "The file was deleted outside Curtain Call; it will be written again."
                        .to_owned(),
                );
            }
            return;
        };
        // Parsing a large file takes tens of milliseconds, and it writes the file's notes to a
        // spill file: never on the UI thread.
        let path = self.file.path.clone();
        self.parsing = Some(jobs::spawn(ctx, "curtaincall-reload", move || {
            (fingerprint, store::parse_bytes(bytes, &path))
        }));
    }

    /// Takes in an outside change once it is parsed.
    fn take_parsed(&mut self) {
        if let Some((fingerprint, parsed)) = jobs::take(&mut self.parsing) {
            self.on_parsed(fingerprint, parsed);
        }
    }

    /// Reloads or merges an outside change the file now holds (`fingerprint`), parsed.
    fn on_parsed(&mut self, fingerprint: Fingerprint, parsed: Result<Watchlist, StoreError>) {
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
        if !self.doc.is_dirty() && !self.save_in_flight() {
            self.doc.replace(theirs.clone(), true);
            self.disk = fingerprint;
            self.base = theirs;
            self.from_sample = false;
            self.notice = Some("Reloaded: the file was changed outside Curtain Call.".to_owned());
            return;
        }
        let merge = merge::three_way(&self.base, self.doc.watchlist(), &theirs);
        if merge.conflicts.is_empty() {
            self.adopt_merge(merge.merged, fingerprint, theirs);
            self.notice = Some("Merged changes made to the file outside Curtain Call.".to_owned());
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
    fn ask(&mut self, conflict: PendingConflict) {
        let conflict = match self.conflict.take() {
            Some(earlier) => {
                if let Some(path) = earlier.source.copy_path()
                    && conflict.source.copy_path() != Some(path)
                    && !self.conflict_copies.iter().any(|p| p == path)
                {
                    self.conflict_copies.push(path.to_owned());
                }
                conflict.with_choices(&earlier.take_theirs)
            }
            None => conflict,
        };
        self.conflict = Some(conflict);
    }

    /// Takes a merged watchlist against a file that holds `theirs` (fingerprint `on_disk`).
    fn adopt_merge(&mut self, merged: Watchlist, on_disk: Fingerprint, theirs: Watchlist) {
        let same_as_disk = merged == theirs;
        self.doc.replace(merged, same_as_disk);
        self.disk = on_disk;
        self.base = theirs;
        self.from_sample = false;
        // The next `drive` saves the merge (over `on_disk`) unless it is what the file holds.
    }

    /// Starts merging a sync tool's conflict copy, already read.
    pub fn merge_copy(&mut self, path: PathBuf, copy: &Watchlist) {
        self.conflict_copies.retain(|p| p != &path);
        let merge = merge::fold_in_copy(self.doc.watchlist(), copy);
        if merge.conflicts.is_empty() {
            if merge.merged != *self.doc.watchlist() {
                self.doc.replace(merge.merged, false);
                self.touched();
            }
            self.notice = Some(format!(
                "Merged {} into your watchlist.",
                display_name(&path)
            ));
        } else {
            let source = ConflictSource::Copy {
                path,
                copy: copy.clone(),
            };
            self.ask(PendingConflict::new(merge, source, self.doc.revision()));
        }
    }

    /// Settles the pending conflict with the user's choices.
    pub fn resolve_conflict(&mut self) {
        let Some(mut conflict) = self.conflict.take() else {
            return;
        };
        if self.doc.revision() != conflict.made_at {
            // The watchlist changed behind the dialog (a reload, a check's answers, a download):
            // applying the old merge would undo that. Merge again with the same other side.
            let merge = conflict.source.merge(self.doc.watchlist());
            if !conflict.asks_the_same_as(&merge) {
                let again = PendingConflict::new(merge, conflict.source, self.doc.revision());
                self.ask(again.with_choices(&conflict.take_theirs));
                self.notice = Some(
                    "Your watchlist changed while you were deciding: check the shows again."
                        .to_owned(),
                );
                return;
            }
            conflict.merge = merge;
        }
        let choices = conflict.take_theirs;
        let merged = merge::resolve(conflict.merge, |id| {
            choices.get(id).copied().unwrap_or(false)
        });
        match conflict.source {
            ConflictSource::DataFile {
                on_disk, theirs, ..
            } => self.adopt_merge(merged, on_disk, theirs),
            ConflictSource::Copy { .. } => {
                self.doc.replace(merged, false);
                self.touched();
            }
        }
        self.notice = Some("Conflict settled.".to_owned());
    }

    fn schedule_save(&mut self, ctx: &egui::Context, options: &AppOptions) {
        let revision = self.doc.revision();
        // One save at a time, so each is checked against what the previous one wrote.
        if self.saving_paused()
            || self.save_in_flight()
            || self.parsing.is_some()
            || !self.doc.is_dirty()
            || self.requested_revision >= revision
        {
            return;
        }
        let now = Instant::now();
        let due = (self.last_edit + options.save_delay).max(self.retry_at.unwrap_or(now));
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        if self.saver.is_none() {
            let repaint = ctx.clone();
            match Saver::spawn(self.file.clone(), move || repaint.request_repaint()) {
                Ok(saver) => self.saver = Some(saver),
                Err(error) => {
                    self.save_error = Some(format!("cannot start saving: {error}"));
                    self.retry_at = Some(now + options.retry_delay);
                    return;
                }
            }
        }
        if let Some(saver) = &self.saver {
            saver.save(self.doc.watchlist().clone(), revision, self.disk);
            self.requested_revision = revision;
        }
    }

    /// Writes what is pending and waits for it: the window is closing. If the file changed
    /// outside in the meantime, the edits go to a conflict copy beside it instead, which the
    /// next start offers to merge.
    pub fn save_before_exit(&mut self) {
        if self.read_only.is_some() {
            return;
        }
        let unsaved =
            self.doc.is_dirty() || self.conflict.is_some() || self.external_error.is_some();
        let saver = match self.saver.take() {
            Some(saver) => saver,
            None if unsaved => match Saver::spawn(self.file.clone(), || {}) {
                Ok(saver) => saver,
                Err(error) => {
                    log::error!("cannot save before closing: {error}");
                    return;
                }
            },
            None => return,
        };
        // Let a save already under way finish first: the last one must be checked against it.
        let mut changed_outside = self.conflict.is_some() || self.external_error.is_some();
        let mut reports = Vec::new();
        while self.save_in_flight() {
            match saver.wait_report() {
                Some(report) => {
                    self.reported_revision = self.reported_revision.max(report.revision);
                    reports.push(report);
                }
                None => break,
            }
        }
        for report in reports {
            match report.result {
                Ok(SaveOutcome::Saved { fingerprint, .. }) => {
                    self.doc.mark_saved(report.revision);
                    self.disk = fingerprint;
                }
                Ok(SaveOutcome::ChangedOnDisk { .. }) => changed_outside = true,
                Err(error) => log::error!("could not save before closing: {error}"),
            }
        }
        if self.doc.is_dirty() && !changed_outside {
            saver.save(self.doc.watchlist().clone(), self.doc.revision(), self.disk);
        }
        for report in saver.finish() {
            match report.result {
                Ok(SaveOutcome::Saved { .. }) => self.doc.mark_saved(report.revision),
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
    fn write_exit_copy(&self) {
        let target = store::state::absolute(&self.file.path);
        let stem = target.file_stem().map_or_else(
            || "watchlist".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S");
        let copy = target.with_file_name(format!("{stem}.sync-conflict-{stamp}-curtaincall.ron"));
        match store::save_atomic(&copy, self.doc.watchlist()) {
            Ok(()) => log::warn!(
                "the data file changed outside Curtain Call; your latest edits were written to {}",
                copy.display()
            ),
            Err(error) => log::error!("could not keep your latest edits: {error}"),
        }
    }
}

/// What the data file held when it was read, by the folder watcher or a save's check.
#[derive(Debug)]
struct DiskChange {
    fingerprint: Fingerprint,
    bytes: Option<Vec<u8>>,
    read_at: Instant,
}

/// The newest reading of the data file not handled yet, and when this process last wrote it.
///
/// The watcher reads the file after a burst of events settles, and under load its news arrives
/// late: a reading taken before our latest save replaced the file shows an earlier state of our
/// own file, not a change from outside, and taking it for one would reload older data over the
/// user's newer edits. Anything written outside before that save was caught by the save's own
/// check (the saver refuses to write over a file that changed).
#[derive(Debug, Default)]
struct DiskChanges {
    pending: Option<DiskChange>,
    last_write: Option<Instant>,
}

impl DiskChanges {
    /// A reading arrived; the newest one is kept, as readings can arrive out of order.
    fn seen(&mut self, change: DiskChange) {
        if self
            .pending
            .as_ref()
            .is_none_or(|pending| pending.read_at <= change.read_at)
        {
            self.pending = Some(change);
        }
    }

    /// This process finished writing the file at `at`.
    fn wrote(&mut self, at: Instant) {
        self.last_write = Some(self.last_write.map_or(at, |last| last.max(at)));
    }

    /// The pending reading, unless it was taken before our latest write.
    fn take_fresh(&mut self) -> Option<DiskChange> {
        let change = self.pending.take()?;
        if self
            .last_write
            .is_some_and(|written| change.read_at < written)
        {
            log::debug!("ignoring a reading of the data file taken before our latest save");
            return None;
        }
        Some(change)
    }
}

/// A file's name for messages.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::{DiskChange, DiskChanges};
    use crate::store::Fingerprint;

    fn reading(read_at: Instant, hash: u64) -> DiskChange {
        DiskChange {
            fingerprint: Fingerprint::Content { len: 1, hash },
            bytes: Some(vec![b'x']),
            read_at,
        }
    }

    #[test]
    fn a_reading_taken_before_our_latest_save_is_not_a_change_from_outside() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let mut changes = DiskChanges::default();
        // The watcher read the file at 10 ms; our save replaced it at 20 ms; the news came late.
        changes.wrote(at(20));
        changes.seen(reading(at(10), 1));
        assert!(changes.take_fresh().is_none(), "stale reading ignored");
        // A reading after the save is news: something outside wrote the file.
        changes.seen(reading(at(30), 2));
        let fresh = changes.take_fresh().expect("a change from outside");
        assert_eq!(fresh.fingerprint, Fingerprint::Content { len: 1, hash: 2 });
        assert!(changes.take_fresh().is_none(), "handled once");
    }

    #[test]
    fn the_newest_reading_wins_whatever_order_they_arrive_in() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let mut changes = DiskChanges::default();
        changes.seen(reading(at(50), 5));
        changes.seen(reading(at(40), 4));
        let fresh = changes.take_fresh().expect("pending");
        assert_eq!(fresh.read_at, at(50));
        // An earlier save reported after a later one does not move the line back.
        changes.wrote(at(100));
        changes.wrote(at(60));
        changes.seen(reading(at(80), 8));
        assert!(changes.take_fresh().is_none());
    }
}
