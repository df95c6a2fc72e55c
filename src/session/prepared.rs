//! What the opening job works out for the window beyond reading the file, so that the UI
//! thread, which is still drawing "Opening…" frames while the file is read, has only layout
//! left to do when the watchlist arrives: the document with its id index, the folder watcher,
//! and the first frame's title index, smart-list sizes and alert count.

use std::path::Path;

use crate::model::Watchlist;
use crate::model::query::{self, Filter, Narrow, TitleIndex};
use crate::store::watch::{FolderEvent, FolderWatcher};
use jiff::civil::Date;

use super::document::Document;

/// The caches the views would otherwise build on the first frame with the watchlist, with the
/// revisions they were made for; a view keeps one only while its key still matches.
#[derive(Debug)]
pub struct FirstFrame {
    /// The document's titles revision: the title index's key.
    pub titles_revision: u64,
    /// The document's revision: the key of the counts and the alert count.
    pub revision: u64,
    /// The titles sorted and folded.
    pub titles: TitleIndex,
    /// Each smart list's size, not narrowed to a network or tag.
    pub counts: [usize; Filter::ALL.len()],
    /// How many shows have an alert.
    pub alerts: usize,
}

/// What the opening job hands over with [`super::Opened`].
#[derive(Default)]
pub struct Prepared {
    /// The loaded watchlist's document (id index built); `None` when nothing loaded.
    pub(super) document: Option<Document>,
    /// The folder watcher, started as soon as the file was read: a change from then on is
    /// seen, and starting it does not take the UI thread's time.
    pub(super) watcher: Option<FolderWatcher>,
    /// The first frame's caches.
    pub(super) first_frame: Option<FirstFrame>,
    /// Where fetching imported shows' details stood, from the file's local state.
    pub(super) catch_up: Option<crate::store::catch_up::CatchUpQueue>,
}

impl Prepared {
    /// Prepares `watchlist` (when one loaded) for the window on `today`, keeping `watcher`.
    /// The document's id index and the views' caches are built side by side.
    pub(super) fn new(
        watchlist: Option<&Watchlist>,
        watcher: Option<FolderWatcher>,
        today: Date,
    ) -> Self {
        let Some(watchlist) = watchlist else {
            return Prepared {
                watcher,
                ..Prepared::default()
            };
        };
        let (document, caches) = std::thread::scope(|scope| {
            let caches = scope.spawn(|| {
                (
                    TitleIndex::new(watchlist),
                    query::counts(watchlist, today, &Narrow::default()),
                    crate::model::alerts::count(watchlist),
                )
            });
            let document = Document::new(watchlist.clone());
            // A panic while building the caches is a bug; the views then build them instead.
            (document, caches.join().ok())
        });
        let first_frame = caches.map(|(titles, counts, alerts)| FirstFrame {
            titles_revision: document.titles_revision(),
            revision: document.revision(),
            titles,
            counts,
            alerts,
        });
        Prepared {
            document: Some(document),
            watcher,
            first_frame,
            catch_up: None,
        }
    }
}

/// Starts the folder watcher for the data file at `path`, handing what it sees to `send`; logs
/// and goes on without one when the platform refuses.
pub(super) fn start_watching(
    path: &Path,
    send: impl Fn(FolderEvent) + Send + 'static,
) -> Option<FolderWatcher> {
    match FolderWatcher::spawn(path, send) {
        Ok(watcher) => Some(watcher),
        Err(error) => {
            log::warn!("cannot watch {} for changes: {error}", path.display());
            None
        }
    }
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("document", &self.document.is_some())
            .field("watcher", &self.watcher.is_some())
            .field("first_frame", &self.first_frame.is_some())
            .finish()
    }
}
