//! Work that touches the disk, run on background threads so the UI never waits: opening the
//! watchlist (with its lock, recovery information and, on request, a restore first) and listing
//! backups. Results come back through channels and wake the UI.

use std::path::PathBuf;
use std::sync::mpsc;

use eframe::egui;

use crate::store::backup::{self, Backup};
use crate::store::unknown::DroppedField;
use crate::store::{self, DataFile, Fingerprint, Loaded, LockError, StoreError, WriterLock};

/// A backup and what it holds.
#[derive(Debug, Clone)]
pub struct BackupSummary {
    pub backup: Backup,
    /// Shows and storylines, or why the copy does not load.
    pub content: Result<(usize, usize), String>,
}

/// Everything learned while opening a watchlist file.
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
    /// What a requested restore did.
    pub restore_result: Option<Result<String, String>>,
    /// Unknown fields dropped at the user's request; the file still holds them until saved.
    pub dropped_fields: Vec<DroppedField>,
    /// The schema version of a file that was migrated to the current one (after the original
    /// was backed up).
    pub migrated_from: Option<u32>,
}

/// Opens the watchlist at `path` on a background thread; when `restore` is given, that backup
/// replaces the file first (after the current file is itself backed up). A lock already held by
/// this process is handed over rather than taken again.
pub fn open(
    ctx: &egui::Context,
    file: DataFile,
    lock: Option<WriterLock>,
    restore: Option<Backup>,
    drop_unknown_fields: bool,
) -> mpsc::Receiver<Opened> {
    spawn(ctx, "curtaincall-loader", move || {
        let path = file.path.clone();
        let lock = lock.map_or_else(|| WriterLock::try_acquire(&file), Ok);
        let restore_result = restore.map(|backup| match &lock {
            Ok(_) => backup::restore(&file, &backup)
                .map(|_| format!("Restored the backup from {}", local_time(&backup)))
                .map_err(|e| e.to_string()),
            Err(error) => Err(error.to_string()),
        });
        if lock.is_ok() {
            let removed = store::remove_stale_temp_files(&path);
            if removed > 0 {
                log::info!("removed {removed} temporary file(s) left by an earlier crash");
            }
        }
        let mut loaded = store::load_with_fingerprint(&path);
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
            } else if let Ok((watchlist, dropped)) = store::unknown::load_dropping_unknown_fields(
                &String::from_utf8_lossy(&bytes),
                &path,
            ) {
                loaded = Ok((Loaded::Found(watchlist), Fingerprint::of(&bytes)));
                dropped_fields = dropped;
            }
        }
        let mut migrated_from = None;
        if let Ok((Loaded::Found(watchlist), _)) = &mut loaded
            && watchlist.schema_version < crate::model::SCHEMA_VERSION
        {
            // Keep the original before anything writes the upgraded version over it.
            let kept = store::read_bytes(&path)
                .ok()
                .flatten()
                .map(|bytes| backup::record(&file, &bytes));
            match kept {
                Some(Err(error)) => {
                    log::error!("could not back up the original before migrating: {error}")
                }
                _ => migrated_from = watchlist.migrate(),
            }
        }
        let (corrupt_copy, recovery) = match &loaded {
            Err(StoreError::Parse { .. }) => {
                let copy = store::keep_corrupt_copy(&path).unwrap_or_else(|error| {
                    log::error!("could not copy the broken file aside: {error}");
                    None
                });
                let recovery = backup::newest_that_loads(&file).map(|(backup, w)| BackupSummary {
                    backup,
                    content: Ok((w.shows.len(), w.storyline_count())),
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
        }
    })
}

/// Lists the backups of `path` with what each holds, newest first.
pub fn list_backups(ctx: &egui::Context, file: DataFile) -> mpsc::Receiver<Vec<BackupSummary>> {
    spawn(ctx, "curtaincall-backups", move || {
        backup::list(&file)
            .into_iter()
            .map(|backup| BackupSummary {
                content: backup
                    .load()
                    .map(|w| (w.shows.len(), w.storyline_count()))
                    .map_err(|e| e.to_string()),
                backup,
            })
            .collect()
    })
}

/// Reads a sync tool's conflict copy.
pub fn read_copy(
    ctx: &egui::Context,
    path: PathBuf,
) -> mpsc::Receiver<(PathBuf, Result<crate::model::Watchlist, StoreError>)> {
    spawn(ctx, "curtaincall-copy", move || {
        let result = match store::load(&path) {
            Ok(Loaded::Found(watchlist)) => Ok(watchlist),
            Ok(Loaded::Missing) => Err(StoreError::Read {
                path: path.clone(),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            }),
            Err(error) => Err(error),
        };
        (path, result)
    })
}

/// When a backup was taken, in local time, e.g. `2026-11-25 10:42:07`.
pub fn local_time(backup: &Backup) -> String {
    backup
        .taken
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// The result a background job sent, once it has; clears `slot` then (and when the job's thread
/// is gone, so a lost job never leaves the UI waiting).
pub fn take<T>(slot: &mut Option<mpsc::Receiver<T>>) -> Option<T> {
    let result = match slot.as_ref()?.try_recv() {
        Ok(value) => Some(value),
        Err(mpsc::TryRecvError::Empty) => return None,
        Err(mpsc::TryRecvError::Disconnected) => None,
    };
    *slot = None;
    result
}

/// Runs `work` on a named thread and sends its result back, waking the UI.
pub fn spawn<T: Send + 'static>(
    ctx: &egui::Context,
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> mpsc::Receiver<T> {
    let (sender, receiver) = mpsc::channel();
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = sender.send(work());
            ctx.request_repaint();
        });
    if let Err(error) = spawned {
        // The receiver then reports a disconnected channel, which callers treat as a failure.
        log::error!("cannot start a background thread: {error}");
    }
    receiver
}

/// Asks for an image with the native file dialog, then imports it as show `id`'s poster. An
/// empty error means the user canceled the dialog.
pub fn choose_poster(
    ctx: &egui::Context,
    id: String,
    cache: crate::posters::PosterCache,
) -> mpsc::Receiver<(String, Result<String, String>)> {
    spawn(ctx, "curtaincall-choose-poster", move || {
        let picked = rfd::FileDialog::new()
            .set_title("Choose a poster")
            .add_filter("Images", &["png", "jpg", "jpeg", "webp"])
            .pick_file();
        match picked {
            Some(path) => (id, import(&cache, &path)),
            None => (id, Err(String::new())),
        }
    })
}

/// Imports the image at `path` as show `id`'s poster, off the UI thread.
pub fn import_poster(
    ctx: &egui::Context,
    id: String,
    path: PathBuf,
    cache: crate::posters::PosterCache,
) -> mpsc::Receiver<(String, Result<String, String>)> {
    spawn(ctx, "curtaincall-import-poster", move || {
        let result = import(&cache, &path);
        (id, result)
    })
}

fn import(cache: &crate::posters::PosterCache, path: &std::path::Path) -> Result<String, String> {
    crate::posters::import(cache, path)
        .map_err(|error| format!("{} was not used as a poster: {error}", path.display()))
}
