//! The list's search beyond titles: keeps a [`TextIndex`] of the watchlist, built on a
//! background thread the first time the user searches and again once many shows have changed,
//! so no keystroke ever waits for it. Until it is ready the search covers titles only, and says
//! so.

use std::sync::mpsc;

use eframe::egui;

use super::jobs::{spawn, take};
use crate::model::Watchlist;
use crate::model::text_index::{TextIndex, searchable};

/// Shows changed since the index was built that are read directly on each search; past this
/// many, a new index is built in the background.
const REBUILD_AFTER: usize = 64;

/// The text index and its building.
#[derive(Default)]
pub struct TextSearch {
    index: Option<TextIndex>,
    building: Option<mpsc::Receiver<TextIndex>>,
    /// Goes up when a new index arrives, so cached rows are computed again with it.
    pub generation: u64,
}

impl TextSearch {
    /// Takes a finished index, if one arrived.
    pub fn poll(&mut self) {
        if let Some(index) = take(&mut self.building) {
            self.index = Some(index);
            self.generation += 1;
        }
    }

    /// True while the first index is being built (the search covers titles only meanwhile).
    pub fn indexing(&self) -> bool {
        self.index.is_none() && self.building.is_some()
    }

    /// For each show, whether its text matches `query`; `None` when the query is too short to
    /// search text or no index is ready yet (one is then started).
    pub fn hits(
        &mut self,
        ctx: &egui::Context,
        watchlist: &Watchlist,
        query: &str,
    ) -> Option<Vec<bool>> {
        if !searchable(query) {
            return None;
        }
        let stale = self.index.as_ref().map(|index| index.stale(watchlist));
        if stale.is_some_and(|stale| stale.shows > REBUILD_AFTER) {
            // Searching that many shows directly would take frames; titles only until the new
            // index is there (the search says so).
            self.index = None;
        }
        let rebuild = stale.is_none_or(|stale| stale.shows > REBUILD_AFTER || stale.unread);
        if rebuild && self.building.is_none() {
            // Shows are shared, so the snapshot costs microseconds, not a copy of the text.
            let snapshot = watchlist.clone();
            self.building = Some(spawn(ctx, "curtaincall-index", move || {
                TextIndex::build(&snapshot)
            }));
        }
        self.index.as_ref()?.matches(watchlist, query)
    }
}
