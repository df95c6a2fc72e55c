//! Saving on a background thread, so the UI never waits on the disk.

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread::JoinHandle;

use crate::model::Watchlist;

use super::{StoreError, save_atomic};

/// The outcome of one save.
#[derive(Debug)]
pub struct SaveReport {
    /// The revision of the document that was saved (or failed to be).
    pub revision: u64,
    pub result: Result<(), StoreError>,
}

struct Request {
    watchlist: Watchlist,
    revision: u64,
}

/// A thread that writes watchlist snapshots to one file, newest first: when several requests
/// queue up while a save runs, only the newest is written.
pub struct Saver {
    requests: Option<mpsc::Sender<Request>>,
    reports: mpsc::Receiver<SaveReport>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the thread. `wake` is called after each save, e.g. to repaint the UI.
    pub fn spawn(path: PathBuf, wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (request_tx, request_rx) = mpsc::channel::<Request>();
        let (report_tx, report_rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("curtaincall-saver".to_owned())
            .spawn(move || {
                while let Ok(mut request) = request_rx.recv() {
                    while let Ok(newer) = request_rx.try_recv() {
                        request = newer;
                    }
                    let result = save_atomic(&path, &request.watchlist);
                    if let Err(error) = &result {
                        log::warn!("save failed: {error}");
                    }
                    let report = SaveReport {
                        revision: request.revision,
                        result,
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

    /// Queues a snapshot to be written. Cheap: the watchlist shares its shows.
    pub fn save(&self, watchlist: Watchlist, revision: u64) {
        if let Some(requests) = &self.requests {
            // A send fails only if the thread is gone, which `finish` reports.
            let _ = requests.send(Request {
                watchlist,
                revision,
            });
        }
    }

    /// A finished save, if there is one not yet collected.
    pub fn try_report(&self) -> Option<SaveReport> {
        self.reports.try_recv().ok()
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
