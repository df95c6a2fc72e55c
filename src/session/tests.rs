//! The session without a window: a real data file in a temporary folder, a clock moved by
//! hand, jobs run inline, and a storage that can be told to fail. Each test says what a user
//! would see happen to their edits.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use jiff::civil::date;

use super::*;
use crate::model::{ShowEdit, Status};
use crate::store::Loaded;
use crate::store::watch::FolderEvent;
use crate::store::{self, Fingerprint, SaveOutcome, StoreError};

const DELAY: Duration = Duration::from_millis(500);
const RETRY: Duration = Duration::from_secs(5);

/// The real file, unless told to fail.
struct Flaky {
    inner: FileStorage,
    failing: AtomicBool,
    /// Panics instead of saving, as a save whose thread dies.
    panicking: AtomicBool,
    attempts: AtomicUsize,
}

impl Storage for Flaky {
    fn save(
        &self,
        watchlist: &Watchlist,
        expected: Fingerprint,
    ) -> Result<SaveOutcome, StoreError> {
        self.attempts.fetch_add(1, Ordering::SeqCst);
        assert!(!self.panicking.load(Ordering::SeqCst), "the save died");
        if self.failing.load(Ordering::SeqCst) {
            return Err(StoreError::Write {
                path: "watchlist.ron".into(),
                source: std::io::Error::other("disk full"),
            });
        }
        self.inner.save(watchlist, expected)
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    file: DataFile,
    clock: Arc<ManualClock>,
    storage: Arc<Flaky>,
}

impl Fixture {
    /// A folder with the sample watchlist saved in it.
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("watchlist.ron");
        store::save_atomic(&path, &crate::model::sample().expect("sample")).expect("saves");
        let file = DataFile::with_state_dir(&path, dir.path().join("state"));
        Fixture {
            storage: Arc::new(Flaky {
                inner: FileStorage::new(file.clone()),
                failing: AtomicBool::new(false),
                panicking: AtomicBool::new(false),
                attempts: AtomicUsize::new(0),
            }),
            clock: Arc::new(ManualClock::new(date(2026, 11, 30))),
            file,
            _dir: dir,
        }
    }

    fn path(&self) -> &Path {
        &self.file.path
    }

    /// The options every test session runs with: short delays, no folder watcher, no check at
    /// start, the poster cache beside the file.
    fn options(&self) -> Options {
        Options {
            timing: Timing {
                save_delay: DELAY,
                retry_delay: RETRY,
            },
            watch_folder: false,
            auto_check: false,
            listen: false,
            config_dir: None,
            autostart_dir: None,
            poster_cache: PosterCache::new(self.file.state_dir.join("posters")),
            ..Options::default()
        }
    }

    /// A session on the file, not opened yet.
    fn session(&self) -> Session {
        self.session_with(self.options())
    }

    /// A session on the file with `options`, not opened yet.
    fn session_with(&self, options: Options) -> Session {
        Session::with(
            self.file.clone(),
            options,
            Arc::clone(&self.clock) as Arc<dyn Clock>,
            Arc::clone(&self.storage) as Arc<dyn Storage>,
            Tasks::inline(),
        )
    }

    /// A session on the file, opened.
    fn open(&self) -> Session {
        let mut session = self.session();
        session.start_opening();
        session.update();
        assert!(session.open_file().is_some(), "the file opens");
        session
    }

    /// Gives Étoile TVmaze id `tvmaze` in the file, and an episode cache beside the state.
    fn etoile_in_the_catalog(&self, tvmaze: u64) -> crate::store::guide_cache::GuideCache {
        let mut watchlist = self.on_disk();
        let at = watchlist.index_of("etoile").expect("Étoile");
        Arc::make_mut(&mut watchlist.shows[at]).external_ids.tvmaze = Some(tvmaze);
        store::save_atomic(self.path(), &watchlist).expect("writes");
        crate::store::guide_cache::GuideCache::new(self.file.state_dir.join("episodes"))
    }

    /// The watchlist in the file now.
    fn on_disk(&self) -> Watchlist {
        match store::load(self.path()).expect("loads") {
            Loaded::Found(watchlist) => watchlist,
            Loaded::Missing => panic!("no file"),
        }
    }

    /// Another program changes the file; the folder watcher reports what it read.
    fn change_outside(&self, session: &Session, change: impl FnOnce(&mut Watchlist)) {
        let mut watchlist = self.on_disk();
        change(&mut watchlist);
        store::save_atomic(self.path(), &watchlist).expect("writes");
        self.clock.advance(Duration::from_millis(10));
        self.watcher_reads(session);
    }

    /// A sync tool's conflict copy from a phone beside the file, where Étoile's notes say
    /// `text`.
    fn phone_copy(&self, text: &str) -> std::path::PathBuf {
        let copy = self
            .path()
            .with_file_name("watchlist.sync-conflict-20261130-101010-PHONE.ron");
        let mut phone = self.on_disk();
        set_notes(&mut phone, "etoile", text);
        store::save_atomic(&copy, &phone).expect("writes");
        copy
    }

    /// The folder watcher reads the file and reports it.
    fn watcher_reads(&self, session: &Session) {
        let bytes = store::read_bytes(self.path()).expect("reads");
        let fingerprint = bytes
            .as_deref()
            .map_or(Fingerprint::Missing, Fingerprint::of);
        session
            .env
            .tasks
            .sink()
            .send(Event::Folder(FolderEvent::DataChanged {
                fingerprint,
                bytes,
                read_at: self.clock.now(),
            }));
    }
}

fn notes(id: &str, notes: &str) -> Command {
    Command::Apply(Action::Edit {
        id: id.to_owned(),
        edit: ShowEdit::Notes(notes.to_owned()),
    })
}

/// Sets the notes of show `id` in `watchlist`, as another device would.
fn set_notes(watchlist: &mut Watchlist, id: &str, text: &str) {
    let at = watchlist.index_of(id).expect("the show");
    Arc::make_mut(&mut watchlist.shows[at]).notes = text.into();
}

fn notes_of(watchlist: &Watchlist, id: &str) -> String {
    watchlist.get(id).expect("show").notes.clone()
}

fn status(session: &Session) -> SaveStatus<'_> {
    session.open_file().expect("open").save_status()
}

#[test]
fn an_edit_is_saved_once_it_has_rested_for_the_delay() {
    let fx = Fixture::new();
    let mut session = fx.open();
    session.execute(notes("etoile", "Typed."));
    assert_eq!(
        session.update(),
        Some(fx.clock.now() + DELAY),
        "asks to be woken"
    );
    fx.clock.advance(DELAY - Duration::from_millis(1));
    session.update();
    assert_eq!(status(&session), SaveStatus::Saving);
    assert_ne!(notes_of(&fx.on_disk(), "etoile"), "Typed.", "not yet");
    // Typing on restarts the wait: one save for a burst, not one per keystroke.
    session.execute(notes("etoile", "Typed more."));
    fx.clock.advance(DELAY - Duration::from_millis(1));
    session.update();
    assert_eq!(fx.storage.attempts.load(Ordering::SeqCst), 0);
    fx.clock.advance(Duration::from_millis(1));
    session.update();
    assert_eq!(notes_of(&fx.on_disk(), "etoile"), "Typed more.");
    assert_eq!(status(&session), SaveStatus::Saved);
    assert_eq!(fx.storage.attempts.load(Ordering::SeqCst), 1);
    assert!(!session.open_file().expect("open").edits_at_risk());
}

#[test]
fn a_failing_save_keeps_the_edits_in_memory_and_is_retried() {
    let fx = Fixture::new();
    let mut session = fx.open();
    fx.storage.failing.store(true, Ordering::SeqCst);
    session.execute(notes("etoile", "Kept in memory."));
    fx.clock.advance(DELAY);
    session.update();
    assert_eq!(
        status(&session),
        SaveStatus::Failed("watchlist.ron: cannot save: disk full")
    );
    let file = session.open_file().expect("open");
    assert!(file.edits_at_risk(), "quitting now asks first");
    assert_eq!(notes_of(file.watchlist(), "etoile"), "Kept in memory.");
    // Not retried before the retry delay…
    fx.clock.advance(RETRY - Duration::from_millis(1));
    session.update();
    assert_eq!(fx.storage.attempts.load(Ordering::SeqCst), 1);
    // …then retried, and once the disk is back, saved.
    fx.storage.failing.store(false, Ordering::SeqCst);
    fx.clock.advance(Duration::from_millis(1));
    session.update();
    assert_eq!(fx.storage.attempts.load(Ordering::SeqCst), 2);
    assert_eq!(notes_of(&fx.on_disk(), "etoile"), "Kept in memory.");
    assert_eq!(status(&session), SaveStatus::Saved);
}

#[test]
fn a_change_the_watcher_saw_while_the_file_was_read_is_taken_in_once_it_is_open() {
    let fx = Fixture::new();
    let mut session = fx.session();
    // The watcher (started before the read) reports a version the read did not see.
    let mut later = fx.on_disk();
    set_notes(&mut later, "etoile", "Written while the app was opening.");
    let elsewhere = fx.path().with_file_name("elsewhere.ron");
    store::save_atomic(&elsewhere, &later).expect("writes");
    let bytes = store::read_bytes(&elsewhere).expect("reads");
    session
        .env
        .tasks
        .sink()
        .send(Event::Folder(FolderEvent::DataChanged {
            fingerprint: bytes
                .as_deref()
                .map_or(Fingerprint::Missing, Fingerprint::of),
            bytes,
            read_at: fx.clock.now(),
        }));
    session.start_opening();
    session.update();
    session.update();
    let file = session.open_file().expect("open");
    assert_eq!(
        notes_of(file.watchlist(), "etoile"),
        "Written while the app was opening."
    );
    assert_eq!(file.news(), Some(&FileNews::Reloaded));
}

#[test]
fn the_opening_job_prepares_the_first_frame_with_the_watchlist() {
    let fx = Fixture::new();
    let mut session = fx.open();
    let first = session
        .take_first_frame()
        .expect("prepared by the opening job");
    let doc = session.open_file().expect("open").document();
    assert_eq!(first.revision, doc.revision());
    assert_eq!(first.titles_revision, doc.titles_revision());
    let watchlist = doc.watchlist();
    assert_eq!(
        first.counts,
        crate::model::query::counts(watchlist, fx.clock.today(), &Default::default())
    );
    assert_eq!(first.alerts, crate::model::alerts::count(watchlist));
    assert!(session.take_first_frame().is_none(), "handed over once");
}

#[test]
fn an_outside_change_is_reloaded_when_nothing_is_pending_here() {
    let fx = Fixture::new();
    let mut session = fx.open();
    fx.change_outside(&session, |w| {
        Arc::make_mut(&mut w.shows[0]).notes = "Written on the laptop.".into();
    });
    session.update();
    let file = session.open_file().expect("open");
    assert_eq!(file.watchlist(), &fx.on_disk());
    assert_eq!(file.news(), Some(&FileNews::Reloaded));
    assert_eq!(status(&session), SaveStatus::Saved);
    assert_eq!(
        fx.storage.attempts.load(Ordering::SeqCst),
        0,
        "nothing to write"
    );
}

#[test]
fn an_outside_change_to_another_show_is_merged_with_the_edits_made_here() {
    let fx = Fixture::new();
    let mut session = fx.open();
    session.execute(notes("etoile", "Mine."));
    fx.change_outside(&session, |w| set_notes(w, "bunheads", "Theirs."));
    session.update();
    assert_eq!(
        session.open_file().expect("open").news(),
        Some(&FileNews::Merged)
    );
    fx.clock.advance(DELAY);
    session.update();
    let on_disk = fx.on_disk();
    assert_eq!(notes_of(&on_disk, "etoile"), "Mine.");
    assert_eq!(notes_of(&on_disk, "bunheads"), "Theirs.");
    assert_eq!(status(&session), SaveStatus::Saved);
}

#[test]
fn the_same_show_changed_in_both_places_waits_for_the_user_and_is_never_overwritten() {
    let fx = Fixture::new();
    let mut session = fx.open();
    session.execute(notes("etoile", "Mine."));
    fx.change_outside(&session, |w| set_notes(w, "etoile", "Theirs."));
    session.update();
    assert_eq!(status(&session), SaveStatus::Conflict);
    assert!(session.open_file().expect("open").edits_at_risk());
    // However long it waits, nothing is written over the other version.
    for _ in 0..5 {
        fx.clock.advance(RETRY);
        session.update();
    }
    assert_eq!(fx.storage.attempts.load(Ordering::SeqCst), 0);
    assert_eq!(notes_of(&fx.on_disk(), "etoile"), "Theirs.");
    let conflict = session
        .open_file()
        .and_then(OpenFile::conflict)
        .expect("asks");
    assert_eq!(conflict.merge().conflicts.len(), 1);
    assert!(!conflict.takes_theirs("etoile"), "yours by default");

    session.execute(Command::ChooseVersion {
        id: "etoile".into(),
        take_theirs: true,
    });
    session.execute(Command::SettleConflict);
    fx.clock.advance(DELAY);
    session.update();
    assert_eq!(status(&session), SaveStatus::Saved);
    let file = session.open_file().expect("open");
    assert_eq!(notes_of(file.watchlist(), "etoile"), "Theirs.");
    assert_eq!(file.news(), Some(&FileNews::ConflictSettled));
}

#[test]
fn a_conflict_can_be_settled_field_by_field() {
    let fx = Fixture::new();
    let mut session = fx.open();
    // Here: notes and network changed; elsewhere: the same two fields, the other way.
    session.execute(notes("etoile", "Mine."));
    session.execute(Command::Apply(Action::Edit {
        id: "etoile".into(),
        edit: ShowEdit::Network(Some("Prime Video (here)".into())),
    }));
    fx.change_outside(&session, |w| {
        set_notes(w, "etoile", "Theirs.");
        let at = w.index_of("etoile").expect("Étoile");
        Arc::make_mut(&mut w.shows[at]).network = Some("Amazon Prime".into());
    });
    session.update();
    assert_eq!(status(&session), SaveStatus::Conflict);
    // The whole other version first, then the notes back from here: the network stays theirs.
    session.execute(Command::ChooseVersion {
        id: "etoile".into(),
        take_theirs: true,
    });
    session.execute(Command::ChooseField {
        id: "etoile".into(),
        field: "notes".into(),
        take_theirs: false,
    });
    let conflict = session
        .open_file()
        .and_then(OpenFile::conflict)
        .expect("asks");
    assert!(conflict.takes_theirs_field("etoile", "network"));
    assert!(!conflict.takes_theirs_field("etoile", "notes"));
    session.execute(Command::SettleConflict);
    fx.clock.advance(DELAY);
    session.update();
    let on_disk = fx.on_disk();
    let etoile = on_disk.get("etoile").expect("Étoile");
    assert_eq!(etoile.notes, "Mine.");
    assert_eq!(etoile.network.as_deref(), Some("Amazon Prime"));
}

#[test]
fn quitting_writes_the_edits_that_were_still_waiting_for_the_delay() {
    let fx = Fixture::new();
    let mut session = fx.open();
    session.execute(notes("etoile", "Typed just before quitting."));
    session.update();
    session.close();
    assert_eq!(
        notes_of(&fx.on_disk(), "etoile"),
        "Typed just before quitting."
    );
    assert_eq!(status(&session), SaveStatus::Saved);
    // Closing again (the app's Drop after on_exit) writes nothing more.
    session.close();
    assert_eq!(fx.storage.attempts.load(Ordering::SeqCst), 1);
}

#[test]
fn quitting_while_saves_fail_keeps_the_edits_in_a_copy_beside_the_file() {
    let fx = Fixture::new();
    let mut session = fx.open();
    fx.storage.failing.store(true, Ordering::SeqCst);
    session.execute(notes("etoile", "Cannot be saved."));
    fx.clock.advance(DELAY);
    session.update();
    session.close();
    let copies = store::watch::conflict_copies(fx.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = opening::read_copy(&copies[0]).expect("loads");
    assert_eq!(notes_of(&copy, "etoile"), "Cannot be saved.");
    session.close();
    assert_eq!(store::watch::conflict_copies(fx.path()).len(), 1, "once");
}

#[test]
fn a_file_deleted_outside_is_written_again_and_the_undo_history_survives() {
    let fx = Fixture::new();
    let mut session = fx.open();
    session.execute(notes("etoile", "Before the deletion."));
    fx.clock.advance(DELAY);
    session.update();
    std::fs::remove_file(fx.path()).expect("deletes");
    fx.clock.advance(Duration::from_millis(10));
    fx.watcher_reads(&session);
    session.update();
    assert_eq!(
        session.open_file().expect("open").news(),
        Some(&FileNews::DeletedOutside)
    );
    fx.clock.advance(DELAY);
    session.update();
    assert_eq!(notes_of(&fx.on_disk(), "etoile"), "Before the deletion.");
    // Marking the watchlist unsaved kept what Undo can undo.
    session.execute(Command::Undo);
    assert!(matches!(session.message(), Some(Message::Undid(_))));
    assert_ne!(
        notes_of(session.watchlist().expect("open"), "etoile"),
        "Before the deletion."
    );
}

#[test]
fn messages_are_typed_so_undo_is_offered_after_an_edit_and_not_after_an_undo() {
    let fx = Fixture::new();
    let mut session = fx.open();
    session.execute(Command::Apply(Action::SetStatus {
        id: "etoile".into(),
        status: Status::Returning,
        source: crate::model::Source::Manual,
        note: String::new(),
        on: None,
    }));
    let said = session.message().expect("said").clone();
    assert!(said.offers_undo(), "{said}");
    session.execute(Command::Undo);
    let said = session.message().expect("said").clone();
    assert_eq!(said, Message::Undid("mark “Étoile” returning".into()));
    assert!(!said.offers_undo());
    session.execute(Command::Apply(Action::RemoveShow {
        id: "no-such-show".into(),
    }));
    assert!(session.message().expect("said").is_failure());
}

#[test]
fn a_second_session_on_the_same_file_is_read_only_and_refuses_edits() {
    let fx = Fixture::new();
    let first = fx.open();
    let mut second = fx.open();
    assert!(first.open_file().expect("open").read_only().is_none());
    let file = second.open_file().expect("open");
    assert!(matches!(file.save_status(), SaveStatus::ReadOnly(_)));
    second.execute(notes("etoile", "From the second window."));
    assert_eq!(second.message(), Some(&Message::ReadOnly));
    assert_ne!(
        notes_of(second.watchlist().expect("open"), "etoile"),
        "From the second window."
    );
}

#[test]
fn a_save_job_that_dies_fails_the_save_instead_of_leaving_it_waiting() {
    let fx = Fixture::new();
    let mut session = fx.open();
    fx.storage.panicking.store(true, Ordering::SeqCst);
    session.execute(notes("etoile", "Typed."));
    fx.clock.advance(DELAY);
    session.update();
    match status(&session) {
        SaveStatus::Failed(why) => assert!(why.contains("save job stopped"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(session.open_file().expect("open").document().is_dirty());
    fx.storage.panicking.store(false, Ordering::SeqCst);
    fx.clock.advance(RETRY);
    session.update();
    assert_eq!(notes_of(&fx.on_disk(), "etoile"), "Typed.");
}

#[test]
fn a_conflict_with_a_sync_copy_survives_an_outside_change_arriving_behind_it() {
    let fx = Fixture::new();
    let mut session = fx.open();
    let copy = fx.phone_copy("Written on the phone.");
    session.execute(Command::MergeCopy(copy));
    session.update();
    assert_eq!(status(&session), SaveStatus::Conflict);

    // Another device's edit to a different show arrives while the user decides: reloaded
    // behind the dialog, which stays.
    fx.change_outside(&session, |w| {
        set_notes(w, "bunheads", "Synced from the desktop.")
    });
    session.update();
    assert_eq!(status(&session), SaveStatus::Conflict, "still asked");

    session.execute(Command::ChooseVersion {
        id: "etoile".into(),
        take_theirs: true,
    });
    // The copy's Bunheads now differs from the reloaded one too: applying the merge made
    // before would undo the reload, so the user is asked again, with the choice made kept.
    session.execute(Command::SettleConflict);
    let file = session.open_file().expect("open");
    assert_eq!(file.news(), Some(&FileNews::ChangedWhileDeciding));
    let conflict = file.conflict().expect("asked again");
    assert_eq!(conflict.merge().conflicts.len(), 2);
    assert!(conflict.takes_theirs("etoile") && !conflict.takes_theirs("bunheads"));
    session.execute(Command::SettleConflict);
    fx.clock.advance(DELAY);
    session.update();
    let on_disk = fx.on_disk();
    assert_eq!(notes_of(&on_disk, "etoile"), "Written on the phone.");
    assert_eq!(notes_of(&on_disk, "bunheads"), "Synced from the desktop.");
    assert_eq!(status(&session), SaveStatus::Saved);
}

/// A storage that fails until told otherwise, and holds each save until let go: a save can be
/// seen while it is being written.
struct Held {
    inner: FileStorage,
    failing: AtomicBool,
    go: std::sync::Mutex<bool>,
    gone: std::sync::Condvar,
}

impl Held {
    fn let_go(&self) {
        *self.go.lock().expect("lock") = true;
        self.gone.notify_all();
    }
}

impl Storage for Held {
    fn save(
        &self,
        watchlist: &Watchlist,
        expected: Fingerprint,
    ) -> Result<SaveOutcome, StoreError> {
        let mut go = self.go.lock().expect("lock");
        while !*go {
            go = self.gone.wait(go).expect("lock");
        }
        *go = false;
        if self.failing.load(Ordering::SeqCst) {
            return Err(StoreError::Write {
                path: "watchlist.ron".into(),
                source: std::io::Error::other("disk full"),
            });
        }
        self.inner.save(watchlist, expected)
    }
}

impl Held {
    fn new(fx: &Fixture, failing: bool) -> Arc<Self> {
        Arc::new(Held {
            inner: FileStorage::new(fx.file.clone()),
            failing: AtomicBool::new(failing),
            go: std::sync::Mutex::new(false),
            gone: std::sync::Condvar::new(),
        })
    }

    /// A session on the fixture's file saving through this storage, with jobs on threads,
    /// opened.
    fn open(self: &Arc<Self>, fx: &Fixture) -> Session {
        let mut session = Session::with(
            fx.file.clone(),
            fx.options(),
            Arc::clone(&fx.clock) as Arc<dyn Clock>,
            Arc::clone(self) as Arc<dyn Storage>,
            Tasks::new(|| {}),
        );
        session.start_opening();
        wait_for_report(&mut session);
        session
    }
}

impl Held {
    /// A session whose edit of Étoile's notes (`text`) is being saved, held until let go.
    fn saving(self: &Arc<Self>, fx: &Fixture, text: &str) -> Session {
        let mut session = self.open(fx);
        session.execute(notes("etoile", text));
        fx.clock.advance(DELAY);
        session.update();
        assert!(session.open_file().expect("open").is_saving());
        session
    }
}

/// Takes in the next job's report, waiting for it.
fn wait_for_report(session: &mut Session) {
    let report = session
        .events
        .wait_next(Duration::from_secs(60))
        .expect("a report");
    session.handle(report);
}

#[test]
fn the_warning_stays_up_while_a_failed_save_is_retried() {
    let fx = Fixture::new();
    let storage = Held::new(&fx, true);
    let mut session = storage.open(&fx);
    session.execute(notes("etoile", "Typed."));
    fx.clock.advance(DELAY);
    session.update();
    assert_eq!(
        status(&session),
        SaveStatus::Saving,
        "the first save is under way"
    );
    storage.let_go();
    wait_for_report(&mut session);
    let failed = SaveStatus::Failed("watchlist.ron: cannot save: disk full");
    assert_eq!(status(&session), failed);
    // The retry is under way, held: the status bar still says the edits are not saved.
    fx.clock.advance(RETRY);
    session.update();
    assert!(session.open_file().expect("open").is_saving());
    assert_eq!(status(&session), failed);
    assert!(session.open_file().expect("open").edits_at_risk());
    storage.failing.store(false, Ordering::SeqCst);
    storage.let_go();
    wait_for_report(&mut session);
    assert_eq!(status(&session), SaveStatus::Saved);
}

#[test]
fn a_conflicting_copy_merged_while_a_save_is_written_waits_for_the_save_to_report() {
    let fx = Fixture::new();
    let storage = Held::new(&fx, false);
    let mut session = storage.saving(&fx, "Typed here.");

    let copy = fx.phone_copy("Written on the phone.");
    session.execute(Command::MergeCopy(copy));
    wait_for_report(&mut session); // the copy, read
    session.update();
    assert!(
        session.open_file().expect("open").is_saving(),
        "the save in flight is still awaited, not forgotten behind the question"
    );

    storage.let_go();
    wait_for_report(&mut session); // the save
    session.update();
    assert_eq!(notes_of(&fx.on_disk(), "etoile"), "Typed here.");
    assert!(!session.open_file().expect("open").document().is_dirty());
    let conflict = session
        .open_file()
        .expect("open")
        .conflict()
        .expect("then the user is asked");
    assert_eq!(conflict.merge().conflicts.len(), 1);
}

#[test]
fn a_save_refused_by_an_outside_change_is_merged_and_saved_again() {
    let fx = Fixture::new();
    let storage = Held::new(&fx, false);
    let mut session = storage.saving(&fx, "Typed here.");
    // Another device changes another show while the save is being written; the watcher has
    // not seen it yet.
    let mut theirs = fx.on_disk();
    set_notes(&mut theirs, "bunheads", "Synced from the desktop.");
    store::save_atomic(fx.path(), &theirs).expect("writes");

    storage.let_go();
    wait_for_report(&mut session); // the save, refused
    assert_eq!(
        notes_of(&fx.on_disk(), "etoile"),
        notes_of(&theirs, "etoile"),
        "nothing was written over the outside change"
    );
    session.update(); // the change the save found is parsed
    wait_for_report(&mut session);
    assert_eq!(
        session.open_file().expect("open").news(),
        Some(&FileNews::Merged)
    );
    fx.clock.advance(DELAY);
    session.update();
    storage.let_go();
    wait_for_report(&mut session); // the merge, saved
    let on_disk = fx.on_disk();
    assert_eq!(notes_of(&on_disk, "etoile"), "Typed here.");
    assert_eq!(notes_of(&on_disk, "bunheads"), "Synced from the desktop.");
    assert_eq!(status(&session), SaveStatus::Saved);
}

#[test]
fn closing_waits_for_the_save_in_flight_and_writes_what_came_after() {
    let fx = Fixture::new();
    let storage = Held::new(&fx, false);
    let mut session = storage.saving(&fx, "First.");
    session.execute(notes("etoile", "Then this."));
    // Two saves will be let through: the one in flight, and the one closing makes.
    let letting = {
        let storage = Arc::clone(&storage);
        std::thread::spawn(move || {
            for _ in 0..2 {
                storage.let_go();
                // Waits until the save has taken the permission before giving the next.
                while *storage.go.lock().expect("lock") {
                    std::thread::yield_now();
                }
            }
        })
    };
    session.close();
    letting.join().expect("let go");
    assert_eq!(notes_of(&fx.on_disk(), "etoile"), "Then this.");
    assert!(!session.open_file().expect("open").document().is_dirty());
}

#[test]
fn the_catalogs_are_checked_again_every_interval_while_the_app_stays_open() {
    let fx = Fixture::new();
    // A show followed on TVmaze, a catalog that cannot be reached (so a check that goes out
    // says so), and a check recorded an hour ago.
    let mut watchlist = fx.on_disk();
    Arc::make_mut(&mut watchlist.shows[0]).external_ids.tvmaze = Some(101);
    store::save_atomic(fx.path(), &watchlist).expect("writes");
    let hour = Duration::from_secs(3600);
    let last = fx.clock.timestamp() - jiff::SignedDuration::from_hours(1);
    crate::settings::record_check(&fx.file, last).expect("records");
    let mut providers = crate::sources::ProviderConfig::with_urls(
        Some("http://127.0.0.1:9".into()),
        Some("http://127.0.0.1:9".into()),
    );
    providers.http.overall_timeout = Duration::from_secs(2);
    let mut session = fx.session_with(Options {
        auto_check: true,
        providers,
        ..fx.options()
    });
    session.start_opening();
    let wake = session.update().expect("a time to look again");
    // At start: the recorded check is recent, so nothing is asked, and the next is a day after
    // it.
    let day = jiff::SignedDuration::from_hours(24);
    assert_eq!(session.next_check(), Some(last + day));
    assert_eq!(session.message(), None);
    assert!(
        wake <= fx.clock.now() + schedule::LOOK_EVERY,
        "a timer, not a poll"
    );

    fx.clock.advance(22 * hour);
    session.update();
    assert_eq!(session.message(), None, "not due yet");

    // The machine slept past the due time: the first look after waking checks.
    fx.clock.advance(2 * hour);
    session.update();
    match session.message() {
        Some(Message::Failed(why)) => assert!(why.contains("Could not check"), "{why}"),
        other => panic!("a check went out: {other:?}"),
    }
    assert_eq!(
        session.next_check(),
        Some(fx.clock.timestamp() + jiff::SignedDuration::from_hours(1)),
        "a failed check is tried again within the hour"
    );
}

#[test]
fn new_settings_keep_the_http_client_that_posters_share() {
    let fx = Fixture::new();
    let mut session = fx.open();
    let before = session.catalog().http();
    session.execute(Command::SaveSettings(crate::settings::Settings {
        tmdb_key: Some("v3key".into()),
        ..crate::settings::Settings::default()
    }));
    // One rate limit and one cache for the catalogs and the posters, whatever the settings.
    assert!(Arc::ptr_eq(&before, &session.catalog().http()));
    assert_eq!(
        session.catalog().settings().tmdb_key.as_deref(),
        Some("v3key")
    );
}

#[test]
fn the_calendar_file_is_kept_beside_the_watchlist_when_settings_ask_and_follows_the_guides() {
    use crate::model::guide::{Guide, GuideEpisode};
    let fx = Fixture::new();
    let cache = fx.etoile_in_the_catalog(7);
    let episode = |number, days: i64| GuideEpisode {
        episode: crate::model::EpisodeRef(3, number),
        title: format!("Part {number}"),
        airs_at: Some(fx.clock.timestamp() + jiff::SignedDuration::from_hours(24 * days)),
        air_date: None,
        runtime: Some(45),
        summary: String::new(),
    };
    cache
        .store(&Guide::new(7, None, vec![episode(1, 2)]))
        .expect("stores");
    let mut options = fx.options();
    options.guide_cache = Some(cache.clone());
    options.settings.keep_calendar_file = true;
    let mut session = fx.session_with(options);
    session.start_opening();
    session.update();
    session.update();
    let ics = fx.path().with_file_name("watchlist-episodes.ics");
    let events = |text: &str| text.matches("BEGIN:VEVENT").count();
    let text = std::fs::read_to_string(&ics).expect("the calendar file is written");
    assert_eq!(events(&text), 1, "{text}");
    assert!(text.contains("SUMMARY:Étoile S3E1 · Part 1"), "{text}");
    // A check brings a longer guide: the file follows.
    session.take_guides(vec![Guide::new(
        7,
        None,
        vec![episode(1, 2), episode(2, 9)],
    )]);
    session.update();
    session.update();
    let text = std::fs::read_to_string(&ics).expect("rewritten");
    assert_eq!(events(&text), 2, "{text}");
}

#[test]
fn summaries_are_read_for_the_open_show_only() {
    use crate::model::guide::{Guide, GuideEpisode};
    let fx = Fixture::new();
    let cache = fx.etoile_in_the_catalog(7);
    cache
        .store(&Guide::new(
            7,
            None,
            vec![GuideEpisode {
                episode: crate::model::EpisodeRef(1, 1),
                title: "Pilot".into(),
                airs_at: None,
                air_date: None,
                runtime: None,
                summary: "Jack takes over the ballet.".into(),
            }],
        ))
        .expect("stores");
    let mut options = fx.options();
    options.guide_cache = Some(cache);
    let mut session = fx.session_with(options);
    session.start_opening();
    session.update();
    session.update();
    let kept = session.guides().get(&7).expect("the guide is read");
    assert!(!kept.has_summaries(), "not kept for every show");
    assert!(session.full_guide(7).is_none());
    session.want_full_guide(7);
    session.update();
    let full = session.full_guide(7).expect("read for the open show");
    assert_eq!(full.episodes()[0].summary, "Jack takes over the ballet.");
}

#[test]
fn export_writes_the_watchlist_as_the_app_has_it_as_json_or_as_a_csv_zip() {
    let fx = Fixture::new();
    let mut session = fx.open();
    // Not saved yet: the export is of what the user sees.
    session.execute(notes("etoile", "Typed, not saved yet."));
    let shows = session.watchlist().expect("open").shows.len();
    let json = fx.path().with_file_name("out.json");
    session.execute(Command::Export(Some(json.clone())));
    session.update();
    let text = std::fs::read_to_string(&json).expect("written");
    assert!(text.contains("\"curtaincall_export\": 1"), "{text}");
    assert!(text.contains("Typed, not saved yet."));
    assert_eq!(
        session.message().expect("said").to_string(),
        format!("Exported {shows} shows to {}", json.display())
    );
    let zip = fx.path().with_file_name("out.zip");
    session.execute(Command::Export(Some(zip.clone())));
    session.update();
    let bytes = std::fs::read(&zip).expect("written");
    assert!(bytes.starts_with(b"PK"), "a ZIP");
    let found = crate::import::read(&zip).expect("reads back");
    assert_eq!(found.whole.len(), shows);

    // A name taken by a folder cannot be written.
    let taken = fx.path().with_file_name("a-folder.json");
    std::fs::create_dir(&taken).expect("a folder");
    session.execute(Command::Export(Some(taken)));
    session.update();
    assert!(session.message().expect("said").is_failure());
}

#[test]
fn a_catalog_show_already_on_the_watchlist_is_neither_added_again_nor_linked_to_another() {
    let fx = Fixture::new();
    let _cache = fx.etoile_in_the_catalog(7);
    let mut session = fx.open();
    let failed = |session: &Session| match session.catalog().adding() {
        Adding::Failed(why) => why.clone(),
        other => panic!("not refused: {other:?}"),
    };
    session.execute(Command::AddFromCatalog(7));
    assert_eq!(failed(&session), "“Étoile” is already on your watchlist.");
    let other = fx.on_disk().shows[1].id.clone();
    assert_ne!(other, "etoile");
    session.execute(Command::MatchImported {
        id: other,
        tvmaze: 7,
    });
    assert_eq!(
        failed(&session),
        "“Étoile” is already on your watchlist as that TVmaze show."
    );
    assert_eq!(
        fx.on_disk().shows.len(),
        session.watchlist().map_or(0, |w| w.shows.len())
    );
}

#[test]
fn an_older_file_that_cannot_be_backed_up_opens_as_it_was_and_says_why_it_was_not_upgraded() {
    let fx = Fixture::new();
    let original =
        "(schema_version: 0, shows: [(id: \"old\", title: \"Old Show\", status: Ended)])\n";
    std::fs::write(fx.path(), original).expect("writes");
    // Where the backups would go is taken by a file: no backup can be written.
    std::fs::create_dir_all(&fx.file.state_dir).expect("state dir");
    std::fs::write(fx.file.state_dir.join("backups"), "in the way").expect("writes");
    let session = fx.open();
    let Some(Message::Failed(why)) = session.message() else {
        panic!("not told: {:?}", session.message());
    };
    assert!(why.contains("was not upgraded"), "{why}");
    assert_eq!(session.watchlist().map(|w| w.schema_version), Some(0));
    assert_eq!(
        std::fs::read_to_string(fx.path()).expect("reads"),
        original,
        "the file is left as it was"
    );
}
