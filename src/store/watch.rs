//! Watching the data file's folder for changes made outside the app (a sync tool, an editor,
//! git) and for sync tools' conflict copies.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::Watcher as _;

use super::file::{Fingerprint, read_bytes};

/// Something seen in the data file's folder.
#[derive(Debug)]
pub enum FolderEvent {
    /// The data file held these bytes (`None`: it was deleted) when it was read at `read_at`.
    /// Events arrive late under load: one read before this process's latest save finished says
    /// nothing about the file now.
    DataChanged {
        fingerprint: Fingerprint,
        bytes: Option<Vec<u8>>,
        read_at: Instant,
    },
    /// A sync tool left a conflict copy of the data file.
    ConflictCopy(PathBuf),
}

/// A running watcher; dropping it stops watching.
pub struct FolderWatcher {
    _watcher: notify::RecommendedWatcher,
}

/// How long to wait for a burst of file events to settle before reading the file.
const SETTLE: Duration = Duration::from_millis(150);

impl FolderWatcher {
    /// Watches the folder of `data_path`, handing each event to `send` (on the watcher's own
    /// thread).
    pub fn spawn(
        data_path: &Path,
        send: impl Fn(FolderEvent) + Send + 'static,
    ) -> notify::Result<Self> {
        let data_path = super::state::absolute(data_path);
        let dir = data_path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_owned);
        let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(raw_tx)?;
        watcher.watch(&dir, notify::RecursiveMode::NonRecursive)?;
        std::thread::Builder::new()
            .name("curtaincall-watcher".to_owned())
            .spawn(move || {
                let name = data_path.file_name().map(|n| n.to_owned());
                while let Some(first) = next_change(&raw_rx, None) {
                    let mut batch = vec![first];
                    // Let a burst (write, rename, chmod) settle into one read.
                    while let Some(more) = next_change(&raw_rx, Some(SETTLE)) {
                        batch.push(more);
                    }
                    let mut data_touched = false;
                    for event in batch {
                        // Events were lost (the queue overflowed): read the file to be sure.
                        data_touched |= event.need_rescan();
                        for path in event.paths {
                            if path.file_name() == name.as_deref() {
                                data_touched = true;
                            } else if is_conflict_copy(&data_path, &path) && path.exists() {
                                send(FolderEvent::ConflictCopy(path));
                            }
                        }
                    }
                    if data_touched {
                        let read_at = Instant::now();
                        // A read that fails (the file is mid-replace, or unreadable for a
                        // moment) says nothing about what the file holds: taking it as
                        // deleted would have the app write the file again.
                        let Ok(bytes) = read_bytes(&data_path) else {
                            continue;
                        };
                        let fingerprint = bytes
                            .as_deref()
                            .map_or(Fingerprint::Missing, Fingerprint::of);
                        send(FolderEvent::DataChanged {
                            fingerprint,
                            bytes,
                            read_at,
                        });
                    }
                }
            })
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(FolderWatcher { _watcher: watcher })
    }
}

/// The next event that may have changed something in the folder, waiting at most `settle`
/// after the last one (or for ever); `None` when the wait is over or watching has stopped.
///
/// Opening or reading a file changes nothing, and is skipped without restarting the wait: the
/// watcher's own read of the data file is such an event, and taking it for a change would read
/// the file again and again, as would anything that polls the file (an indexer, a backup tool).
fn next_change(
    events: &mpsc::Receiver<notify::Result<notify::Event>>,
    settle: Option<Duration>,
) -> Option<notify::Event> {
    let deadline = settle.map(|settle| Instant::now() + settle);
    loop {
        let received = match deadline {
            None => events.recv().ok()?,
            Some(deadline) => events
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .ok()?,
        };
        match received {
            Ok(event) if changes_something(&event.kind) => return Some(event),
            // Errors (a watch lost, the queue overflowed) say nothing about one file.
            Ok(_) | Err(_) => {}
        }
    }
}

/// False for events that only say a file was opened, read or closed without writing.
fn changes_something(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Conflict copies of `data_path` already in its folder.
pub fn conflict_copies(data_path: &Path) -> Vec<PathBuf> {
    let data_path = super::state::absolute(data_path);
    let Some(dir) = data_path.parent() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_conflict_copy(&data_path, p))
        .collect();
    copies.sort();
    copies
}

/// Syncthing's `watchlist.sync-conflict-20261125-101010-ABCDEFG.ron` and Dropbox's
/// `watchlist (Ann's conflicted copy 2026-11-25).ron`.
pub fn is_conflict_copy(data_path: &Path, candidate: &Path) -> bool {
    let (Some(stem), Some(name)) = (
        data_path.file_stem().and_then(|s| s.to_str()),
        candidate.file_name().and_then(|n| n.to_str()),
    ) else {
        return false;
    };
    name.starts_with(stem)
        && candidate != data_path
        && (name.contains(".sync-conflict-") || name.contains("conflicted copy"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data-file readings the watcher has sent so far.
    fn readings(events: &mpsc::Receiver<FolderEvent>) -> Vec<Option<Vec<u8>>> {
        events
            .try_iter()
            .filter_map(|event| match event {
                FolderEvent::DataChanged { bytes, .. } => Some(bytes),
                FolderEvent::ConflictCopy(_) => None,
            })
            .collect()
    }

    /// Reads the file every 10 ms for `how_long`, as an indexer or a backup tool might.
    fn poll(path: &Path, how_long: Duration) {
        let until = Instant::now() + how_long;
        while Instant::now() < until {
            let _ = std::fs::read(path);
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn reading_the_file_is_not_a_change_and_does_not_hold_back_a_real_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("watchlist.ron");
        std::fs::write(&path, "one").expect("writes");
        let (sender, events) = mpsc::channel();
        let _watcher = FolderWatcher::spawn(&path, move |event| {
            let _ = sender.send(event);
        })
        .expect("watches");

        poll(&path, Duration::from_millis(600));
        assert_eq!(readings(&events), Vec::<Option<Vec<u8>>>::new());

        // A write while the polling goes on is still read, once it has settled.
        std::fs::write(&path, "two").expect("writes");
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        while seen.is_empty() {
            assert!(Instant::now() < deadline, "the write was never reported");
            poll(&path, Duration::from_millis(50));
            seen = readings(&events);
        }
        assert_eq!(seen.last(), Some(&Some(b"two".to_vec())));

        // The watcher's own read of the file is not a change either: nothing more follows.
        std::thread::sleep(Duration::from_millis(800));
        assert_eq!(readings(&events), Vec::<Option<Vec<u8>>>::new());
    }

    #[test]
    fn recognises_syncthing_and_dropbox_conflict_copies() {
        let data = Path::new("/sync/watchlist.ron");
        for name in [
            "watchlist.sync-conflict-20261125-101010-ABCDEFG.ron",
            "watchlist (Ann's conflicted copy 2026-11-25).ron",
        ] {
            assert!(
                is_conflict_copy(data, &Path::new("/sync").join(name)),
                "{name}"
            );
        }
        for name in [
            "watchlist.ron",
            "other.sync-conflict-1.ron",
            "watchlist.ron.corrupt-1",
        ] {
            assert!(
                !is_conflict_copy(data, &Path::new("/sync").join(name)),
                "{name}"
            );
        }
    }
}
