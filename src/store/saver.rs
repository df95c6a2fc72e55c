//! Saving on a background thread, so the UI never waits on the disk.
//!
//! Each save is checked: it only writes when the file still holds what this process last read
//! or wrote, and every successful save leaves a backup copy.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Instant;

use crate::model::Watchlist;

use super::file::{Fingerprint, SaveOutcome, save_checked};
use super::state::DataFile;
use super::{StoreError, backup};

/// The outcome of one save.
#[derive(Debug)]
pub struct SaveReport {
    /// The revision of the document that was saved (or not).
    pub revision: u64,
    /// The snapshot that was to be saved.
    pub watchlist: Watchlist,
    pub result: Result<SaveOutcome, StoreError>,
    /// When the save finished: a folder event read before it shows the file as it was before.
    pub finished_at: Instant,
}

struct Request {
    watchlist: Watchlist,
    revision: u64,
    /// What the file must still hold for the save to go ahead.
    expected: Fingerprint,
}

/// A thread that writes watchlist snapshots to one file, newest first: when several requests
/// queue up while a save runs, only the newest is written.
pub struct Saver {
    requests: Option<mpsc::Sender<Request>>,
    reports: mpsc::Receiver<SaveReport>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the thread for `file`. `wake` is called after each save, e.g. to repaint the UI.
    pub fn spawn(file: DataFile, wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (request_tx, request_rx) = mpsc::channel::<Request>();
        let (report_tx, report_rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("curtaincall-saver".to_owned())
            .spawn(move || {
                while let Ok(mut request) = request_rx.recv() {
                    while let Ok(newer) = request_rx.try_recv() {
                        request = newer;
                    }
                    let path = &file.path;
                    let result = save_checked(path, &request.watchlist, request.expected);
                    let finished_at = Instant::now();
                    match &result {
                        Ok(SaveOutcome::Saved { bytes, .. }) => {
                            if let Err(error) = backup::record(&file, bytes) {
                                log::warn!(
                                    "could not keep a backup of {}: {error}",
                                    path.display()
                                );
                            }
                        }
                        Ok(SaveOutcome::ChangedOnDisk { .. }) => {
                            log::info!("{} changed on disk; not saving over it", path.display());
                        }
                        Err(error) => log::warn!("save failed: {error}"),
                    }
                    let report = SaveReport {
                        revision: request.revision,
                        watchlist: request.watchlist,
                        result,
                        finished_at,
                    };
                    if report_tx.send(report).is_err() {
                        break;
                    }
                    wake();
                }
            })?;
        Ok(Saver {
            requests: Some(request_tx),
            reports: report_rx,
            thread: Some(thread),
        })
    }

    /// Queues a snapshot to be written over a file that holds `expected`; if the file holds
    /// anything else, nothing is written and the report says so. Cheap: the watchlist shares
    /// its shows.
    pub fn save(&self, watchlist: Watchlist, revision: u64, expected: Fingerprint) {
        if let Some(requests) = &self.requests {
            // A send fails only if the thread is gone, which `finish` reports.
            let _ = requests.send(Request {
                watchlist,
                revision,
                expected,
            });
        }
    }

    /// A finished save, if there is one not yet collected.
    pub fn try_report(&self) -> Option<SaveReport> {
        self.reports.try_recv().ok()
    }

    /// Waits for the next report; `None` if the thread is gone.
    pub fn wait_report(&self) -> Option<SaveReport> {
        self.reports.recv().ok()
    }

    /// Waits for every queued save to finish and returns the reports not yet collected.
    pub fn finish(mut self) -> Vec<SaveReport> {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.reports.try_iter().collect()
    }
}
