//! The session's life: reading the file on a job while the window is made (the reading
//! waits for the window's first frame before taking every core), taking in what the opening
//! found (an open watchlist, or recovery), reopening after a reload or a restored backup, and
//! closing.

use std::sync::Arc;
use std::time::Duration;

use super::opening::{self, Opened, Recovery};
use super::prepared::{self, Prepared};
use super::{Backups, Document, Event, FileNews, Message, OpenFile, Phase, Session};
use crate::store::Loaded;
use crate::store::backup::Backup;
use crate::tasks::Task;

/// Whether the window has drawn its first frame. Reading a large file beside the window's
/// creation uses one core until then, so the window gets the other; the wait is short and
/// bounded, for a session with no window (the tests) or one that never says.
#[derive(Debug, Default)]
pub(super) struct WindowShown {
    shown: std::sync::Mutex<bool>,
    now: std::sync::Condvar,
}

impl WindowShown {
    /// The longest the reading waits for the window.
    const PATIENCE: Duration = Duration::from_millis(250);

    fn shown(&self) {
        *self
            .shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = true;
        self.now.notify_all();
    }

    fn wait_until_shown(&self) {
        let shown = self
            .shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = self
            .now
            .wait_timeout_while(shown, Self::PATIENCE, |shown| !*shown);
    }
}

impl Session {
    /// Starts reading the file (once). The app starts it before its window exists: reading
    /// runs beside the window's creation, and the window never waits for it.
    pub fn start_opening(&mut self) {
        if matches!(self.phase, Phase::Starting) {
            self.phase = Phase::Opening(self.spawn_open(None, None, false));
        }
    }

    fn spawn_open(
        &self,
        lock: Option<crate::store::WriterLock>,
        restore: Option<Backup>,
        drop_unknown_fields: bool,
    ) -> Task {
        let file = self.file.clone();
        let window = Arc::clone(&self.window);
        let watch = self.options.watch_folder.then(|| self.env.tasks.sink());
        let today = self.env.clock.today();
        self.env.tasks.spawn("open", move |_| {
            // Watching starts before the file is read, so no change after the read is missed;
            // its events count once the file is open.
            let watcher = watch.and_then(|sink| {
                prepared::start_watching(&file.path, move |event| {
                    sink.send(Event::Folder(event));
                })
            });
            let opened = opening::open(&file, lock, restore, drop_unknown_fields, &|| {
                window.wait_until_shown()
            });
            let watchlist = match &opened.loaded {
                Ok((Loaded::Found(watchlist), _)) => Some(watchlist),
                _ => None,
            };
            let mut prepared = Prepared::new(watchlist, watcher, today);
            prepared.catch_up = Some(crate::store::catch_up::CatchUpQueue::load(&file));
            Event::Opened(Box::new(opened), Box::new(prepared))
        })
    }

    /// The window has drawn its first frame: reading the file may use every core from now on.
    pub fn window_shown(&self) {
        self.window.shown();
    }

    /// Reopens the file, first restoring `backup` when given. The writer lock, if held, is
    /// handed to the job rather than released.
    pub(super) fn reopen(&mut self, restore: Option<Backup>, drop_unknown_fields: bool) {
        if matches!(self.phase, Phase::Starting | Phase::Opening(_)) {
            return;
        }
        // What is pending is written first: the file is read again.
        self.close();
        let lock = match &mut self.phase {
            Phase::Open(file) => file.take_lock(),
            Phase::Failed(recovery) => recovery.lock.take(),
            Phase::Starting | Phase::Opening(_) => None,
        };
        self.backups = Backups::NotAsked;
        self.phase = Phase::Opening(self.spawn_open(lock, restore, drop_unknown_fields));
    }

    /// Takes the opener's result.
    pub(super) fn on_opened(&mut self, opened: Opened, mut prepared: Prepared) {
        if let Some(result) = &opened.restore_result {
            self.message = Some(match result {
                Ok(when) => Message::Info(format!("Restored the backup from {when}")),
                Err(error) => Message::Failed(format!("Could not restore: {error}")),
            });
        }
        if let Some(error) = &opened.upgrade_failed {
            self.message = Some(Message::Failed(format!(
                "This file is from an older version of Curtain Call and was not upgraded: its \
                 original could not be backed up first ({error}). It is open as it was; the \
                 upgrade is tried again the next time it opens."
            )));
        }
        let restored = opened.restore_result.clone();
        self.first_frame = prepared.first_frame.take();
        let prepared_catch_up = prepared.catch_up.take();
        self.phase = self.phase_after(opened, prepared);
        let early = std::mem::take(&mut self.early_folder_events);
        if let Some(file) = self.open_file_mut() {
            for event in early {
                file.on_folder_event(event);
            }
        }
        self.listen();
        self.load_guides();
        if let Some(queue) = prepared_catch_up {
            self.catch_up.on_loaded(queue);
        }
        if let Some(export) = self.options.review_import.take() {
            self.start_import(Some(export), None);
        }
        self.on_reopened(restored.as_ref());
    }

    fn phase_after(&self, opened: Opened, prepared: Prepared) -> Phase {
        let failed = |error, lock: Result<_, _>, corrupt_copy, backup| {
            Phase::Failed(Box::new(Recovery {
                error,
                corrupt_copy,
                backup,
                lock: lock.ok(),
            }))
        };
        let (loaded, disk) = match opened.loaded {
            Ok(loaded) => loaded,
            // Shown on the recovery screen.
            Err(error) => return failed(error, opened.lock, opened.corrupt_copy, opened.recovery),
        };
        let (doc, from_sample) = match (loaded, prepared.document) {
            (Loaded::Found(_), Some(doc)) => (doc, false),
            (Loaded::Found(watchlist), None) => (Document::new(watchlist), false),
            (Loaded::Missing, _) => match opening::sample() {
                Ok(sample) => (Document::new(sample), true),
                Err(error) => return failed(error, opened.lock, None, None),
            },
        };
        let mut file = OpenFile::new(
            self.env.clone(),
            self.file.clone(),
            doc,
            disk,
            from_sample,
            opened.lock,
            opened.conflict_copies,
        );
        if let Some(from) = opened.migrated_from {
            // Save the upgraded watchlist; the original is the newest backup.
            file.mark_unsaved(FileNews::Upgraded {
                from,
                to: crate::model::SCHEMA_VERSION,
            });
        }
        if !opened.dropped_fields.is_empty() {
            // The user chose to drop them: save the watchlist without them.
            let names = opened
                .dropped_fields
                .iter()
                .map(|f| format!("`{}` (line {})", f.name, f.line))
                .collect();
            file.mark_unsaved(FileNews::DroppedFields(names));
        }
        if let Some(why) = &self.options.silent_owner {
            file.explain_read_only(format!(
                "Read-only: another Curtain Call has this file open but did not answer ({why}); \
                 it may be stopped or hung. Close it, then open this file again to edit."
            ));
        }
        if let Some(watcher) = prepared.watcher {
            file.watch_with(watcher);
        }
        Phase::Open(Box::new(file))
    }

    /// Writes what is pending and waits for it: the app is closing (or the file is being
    /// reopened). A save already under way finishes first, as the last one must be checked
    /// against it. Closing twice does nothing more.
    pub fn close(&mut self) {
        while self.open_file().is_some_and(OpenFile::is_saving) {
            // A save job always reports (a panicking one as lost); the wait is a backstop for a
            // disk that never answers.
            match self.events.wait_next(Duration::from_secs(120)) {
                Some(report) => self.handle(report),
                None => break,
            }
        }
        if let Some(file) = self.open_file_mut() {
            file.finish();
        }
    }
}
