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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::generate;

    /// Asks until the index answers (it is built on a background thread).
    fn hits_once_indexed(
        search: &mut TextSearch,
        ctx: &egui::Context,
        watchlist: &Watchlist,
        query: &str,
    ) -> Vec<bool> {
        for _ in 0..1000 {
            search.poll();
            if let Some(hits) = search.hits(ctx, watchlist, query) {
                return hits;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("no index after 10 s");
    }

    #[test]
    fn an_index_behind_by_many_shows_gives_way_to_titles_only_until_rebuilt() {
        let ctx = egui::Context::default();
        let mut watchlist = generate::watchlist(200, 1);
        let mut search = TextSearch::default();
        let hits = hits_once_indexed(&mut search, &ctx, &watchlist, "letter");
        assert!(hits.iter().all(|&hit| hit), "every storyline mentions it");

        for show in watchlist.shows.iter_mut().take(REBUILD_AFTER + 1) {
            Arc::make_mut(show).notes = "Edited.".into();
        }
        // Searching that many changed shows directly would hold up the frame.
        assert_eq!(search.hits(&ctx, &watchlist, "letter"), None);
        assert!(search.indexing(), "the search says titles only");
        let hits = hits_once_indexed(&mut search, &ctx, &watchlist, "letter");
        assert_eq!(hits.len(), 200);
        assert!(hits.iter().all(|&hit| hit));
    }
}
