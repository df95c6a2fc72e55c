//! Opening a watchlist file: the writer lock, stale temporary files, loading, upgrading an
//! older file (after backing up the original), and, for a file that does not load, a copy of
//! its bytes and the newest backup that loads. The same steps serve the app (on a background
//! job) and the command line's one-shot edits.

use std::path::PathBuf;
use std::time::Duration;

use crate::model::{self, Action, ActionError, Change, Watchlist};
use crate::store::backup::{self, Backup};
use crate::store::unknown::UnknownField;
use crate::store::{
    self, DataFile, Fingerprint, Loaded, LockError, SaveOutcome, StoreError, WriterLock,
};

use super::clock::Clock;
use super::storage::{FileStorage, Storage as _};

/// A backup and what it holds.
#[derive(Debug, Clone)]
pub struct BackupSummary {
    pub backup: Backup,
    /// What it holds in words ("5 shows, 1 storyline"), or why the copy does not load.
    pub content: Result<String, String>,
}

impl BackupSummary {
    /// Reads `backup` to say what it holds.
    fn of(backup: Backup) -> Self {
        BackupSummary {
            content: backup
                .load()
                .map(|w| w.summary())
                .map_err(|e| e.to_string()),
            backup,
        }
    }
}

/// Everything learned while opening a watchlist file.
#[derive(Debug)]
pub struct Opened {
    pub loaded: Result<(Loaded, Fingerprint), StoreError>,
    /// The writer lock, or why this instance must stay read-only.
    pub lock: Result<WriterLock, LockError>,
    /// Sync tools' conflict copies found beside the file.
    pub conflict_copies: Vec<PathBuf>,
    /// Where the bytes of a file that did not load were copied.
    pub corrupt_copy: Option<PathBuf>,
    /// The newest backup that loads, offered when the file does not.
    pub recovery: Option<BackupSummary>,
    /// What a requested restore did: when the restored backup was taken, or why it failed.
    pub restore_result: Option<Result<String, String>>,
    /// Unknown fields dropped at the user's request; the file still holds them until saved.
    pub dropped_fields: Vec<UnknownField>,
    /// The schema version of a file that was migrated to the current one (after the original
    /// was backed up).
    pub migrated_from: Option<u32>,
    /// Why an older file was not upgraded: its original could not be backed up first. It is
    /// open as it was read, and the upgrade is tried again the next time it opens.
    pub upgrade_failed: Option<String>,
}

impl Opened {
    /// What the app knows when the job that opened the file was lost.
    pub fn lost(file: &DataFile, why: &str) -> Self {
        let error = || std::io::Error::other(why.to_owned());
        Opened {
            loaded: Err(StoreError::Read {
                path: file.path.clone(),
                source: error(),
            }),
            lock: Err(LockError::Io {
                lock: file.lock_path(),
                source: error(),
            }),
            conflict_copies: Vec::new(),
            corrupt_copy: None,
            recovery: None,
            restore_result: None,
            dropped_fields: Vec::new(),
            migrated_from: None,
            upgrade_failed: None,
        }
    }
}

/// What recovery mode knows: the data file did not load.
pub struct Recovery {
    pub error: StoreError,
    /// Where the file's bytes were copied (`watchlist.ron.corrupt-<timestamp>`).
    pub corrupt_copy: Option<PathBuf>,
    /// The newest backup that loads.
    pub backup: Option<BackupSummary>,
    /// The writer lock, kept so a restore cannot race another instance.
    pub(super) lock: Option<WriterLock>,
}

/// Opens the watchlist at `file`; when `restore` is given, that backup replaces the file first
/// (after the current file is itself backed up). A lock already held by this process is handed
/// over rather than taken again. Reads the disk: run it off the UI thread.
pub fn open(
    file: &DataFile,
    lock: Option<WriterLock>,
    restore: Option<Backup>,
    drop_unknown_fields: bool,
    pace: store::Pace<'_>,
) -> Opened {
    let path = file.path.clone();
    let lock = lock.map_or_else(|| WriterLock::try_acquire(file), Ok);
    let restore_result = restore.map(|backup| match &lock {
        Ok(_) => backup::restore(file, &backup)
            .map(|_| local_time(&backup))
            .map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    });
    if lock.is_ok() {
        remove_stale_temp_files(file);
    }
    let mut loaded = store::load_paced(&path, pace);
    let mut dropped_fields = Vec::new();
    if drop_unknown_fields
        && let Err(StoreError::Parse {
            unknown_field: Some(_),
            ..
        }) = &loaded
        && let Ok(Some(bytes)) = store::read_bytes(&path)
    {
        // The original, with the fields, stays beside the file.
        if let Err(error) = store::keep_corrupt_copy(&path) {
            log::error!("could not copy the original aside: {error}");
        } else if let Ok((watchlist, dropped)) =
            store::from_ron_leaving_out_unknown_fields(&String::from_utf8_lossy(&bytes), &path)
        {
            loaded = Ok((Loaded::Found(watchlist), Fingerprint::of(&bytes)));
            dropped_fields = dropped;
        }
    }
    let mut migrated_from = None;
    let mut upgrade_failed = None;
    if let Ok((Loaded::Found(watchlist), _)) = &mut loaded {
        match migrate_keeping_original(file, watchlist) {
            Ok(from) => migrated_from = from,
            // Told to the user when the file opens (`Session::on_opened`).
            Err(error) => upgrade_failed = Some(error.to_string()),
        }
    }
    let (corrupt_copy, recovery) = match &loaded {
        Err(StoreError::Parse { .. }) => {
            let copy = store::keep_corrupt_copy(&path).unwrap_or_else(|error| {
                log::error!("could not copy the broken file aside: {error}");
                None
            });
            let recovery = backup::newest_that_loads(file).map(|(backup, w)| BackupSummary {
                backup,
                content: Ok(w.summary()),
            });
            (copy, recovery)
        }
        _ => (None, None),
    };
    Opened {
        loaded,
        lock,
        conflict_copies: store::watch::conflict_copies(&path),
        corrupt_copy,
        recovery,
        restore_result,
        dropped_fields,
        migrated_from,
        upgrade_failed,
    }
}

/// Removes temporary files an earlier crash left beside the data file. Only with the lock held.
fn remove_stale_temp_files(file: &DataFile) {
    let removed = store::remove_stale_temp_files(&file.path);
    if removed > 0 {
        log::info!("removed {removed} temporary file(s) left by an earlier crash");
    }
}

/// Upgrades a watchlist of an older schema version to this one, after backing up the file as
/// it is (the original must outlive the first save of the upgraded version). Returns the
/// version it was upgraded from; leaves it alone if the backup fails.
fn migrate_keeping_original(
    file: &DataFile,
    watchlist: &mut Watchlist,
) -> std::io::Result<Option<u32>> {
    if watchlist.schema_version >= model::SCHEMA_VERSION {
        return Ok(None);
    }
    if let Some(bytes) = store::read_bytes(&file.path)? {
        backup::record(file, &bytes)?;
    }
    Ok(watchlist.migrate())
}

/// Lists the backups of `file` with what each holds, newest first. Reads the disk.
pub fn list_backups(file: &DataFile) -> Vec<BackupSummary> {
    backup::list(file)
        .into_iter()
        .map(BackupSummary::of)
        .collect()
}

/// Reads a sync tool's conflict copy. Reads the disk.
pub fn read_copy(path: &std::path::Path) -> Result<Watchlist, StoreError> {
    match store::load(path)? {
        Loaded::Found(watchlist) => Ok(watchlist),
        Loaded::Missing => Err(StoreError::Read {
            path: path.to_owned(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        }),
    }
}

/// When a backup was taken, in local time, e.g. `2026-11-25 10:42:07`.
pub fn local_time(backup: &Backup) -> String {
    backup
        .taken
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// Why a one-shot edit left the file as it was.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot back up the file before upgrading it: {0}")]
    Backup(#[from] std::io::Error),
    #[error(transparent)]
    Action(#[from] ActionError),
    #[error("{0}")]
    Refused(String),
    #[error("changed by another program while this command ran; nothing was written, run it again")]
    ChangedMeanwhile,
}

/// Loads the file, applies the actions `make` asks for and saves, as the app would: holding
/// the writer lock (waiting up to `patience` for another writer), never over a change made
/// meanwhile, keeping a backup. Actions that would change nothing are skipped; when none
/// changes anything (and no upgrade is due), the file is not written at all. When anything
/// fails, the file is left as it is. Returns what each action did and the watchlist as saved.
/// What the command line's writing commands go through when no app has the file open.
pub fn edit_once(
    file: &DataFile,
    clock: &dyn Clock,
    patience: Duration,
    make: impl FnOnce(&Watchlist) -> Result<Vec<Action>, EditError>,
) -> Result<(Vec<Change>, Watchlist), EditError> {
    let _lock = WriterLock::acquire_within(file, patience)?;
    remove_stale_temp_files(file);
    let (mut watchlist, fingerprint) = match store::load_with_fingerprint(&file.path)? {
        (Loaded::Found(watchlist), fingerprint) => (watchlist, fingerprint),
        (Loaded::Missing, fingerprint) => (sample()?, fingerprint),
    };
    let migrated = migrate_keeping_original(file, &mut watchlist)?.is_some();
    let actions = make(&watchlist)?;
    let mut changes = Vec::with_capacity(actions.len());
    for action in actions {
        match watchlist.apply(action, clock.today()) {
            Ok(change) => changes.push(change),
            Err(ActionError::Unchanged) => {}
            Err(error) => return Err(error.into()),
        }
    }
    if changes.is_empty() && !migrated {
        return Ok((changes, watchlist));
    }
    match FileStorage::new(file.clone()).save(&watchlist, fingerprint)? {
        SaveOutcome::Saved { .. } => Ok((changes, watchlist)),
        SaveOutcome::ChangedOnDisk { .. } => Err(EditError::ChangedMeanwhile),
    }
}

/// The embedded sample watchlist, read as any file is (a store error if it ever failed to
/// parse).
pub fn sample() -> Result<Watchlist, StoreError> {
    store::from_ron(
        model::SAMPLE_RON,
        std::path::Path::new("assets/sample-watchlist.ron"),
    )
}
