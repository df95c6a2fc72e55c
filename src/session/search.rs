//! Search beyond titles: keeps a [`TextIndex`] of the watchlist, built by a background job the
//! first time the user searches and again once many shows have changed, so no keystroke ever
//! waits for it. Until it is ready the search covers titles only, and says so.

use super::Event;
use crate::model::Watchlist;
use crate::model::text_index::{TextIndex, searchable};
use crate::tasks::{Task, TaskId, Tasks};

/// Shows changed since the index was built that are read directly on each search; past this
/// many, a new index is built in the background.
pub const REBUILD_AFTER: usize = 64;

/// The text index and its building.
#[derive(Default)]
pub struct TextSearch {
    index: Option<TextIndex>,
    building: Option<Task>,
    /// Goes up when a new index arrives, so cached rows are computed again with it.
    generation: u64,
}

impl TextSearch {
    /// Takes a finished index, if it is the one being built.
    pub(super) fn on_built(&mut self, task: TaskId, index: TextIndex) {
        if self.building.as_ref().is_some_and(|b| b.id() == task) {
            self.building = None;
            self.index = Some(index);
            self.generation += 1;
        }
    }

    /// The build was lost: the next search starts another.
    pub(super) fn on_lost(&mut self, task: TaskId) -> bool {
        let lost = self.building.as_ref().is_some_and(|b| b.id() == task);
        if lost {
            self.building = None;
        }
        lost
    }

    /// True while the first index is being built (the search covers titles only meanwhile).
    pub fn indexing(&self) -> bool {
        self.index.is_none() && self.building.is_some()
    }

    /// Goes up whenever a new index arrives.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// For each show, whether its text matches `query`; `None` when the query is too short to
    /// search text or no index is ready yet (one is then started).
    pub(super) fn hits(
        &mut self,
        tasks: &Tasks<Event>,
        watchlist: &Watchlist,
        query: &str,
    ) -> Option<Vec<bool>> {
        if !searchable(query) {
            return None;
        }
        let stale = self.index.as_ref().map(|index| index.stale(watchlist));
        if stale.is_some_and(|stale| stale > REBUILD_AFTER) {
            // Searching that many shows directly would take frames; titles only until the new
            // index is there (the search says so).
            self.index = None;
        }
        if stale.is_none_or(|stale| stale > REBUILD_AFTER) && self.building.is_none() {
            // Shows are shared, so the snapshot costs microseconds, not a copy of the text.
            let snapshot = watchlist.clone();
            self.building = Some(tasks.spawn("index", move |_| {
                Event::IndexBuilt(TextIndex::build(&snapshot))
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
    use crate::tasks::Events;

    /// Hands the built index back, as the session does with the events.
    fn take_in(search: &mut TextSearch, events: &Events<Event>) {
        while let Some(report) = events.try_next() {
            if let Ok(Event::IndexBuilt(index)) = report.outcome {
                search.on_built(report.task, index);
            }
        }
    }

    #[test]
    fn an_index_behind_by_many_shows_gives_way_to_titles_only_until_rebuilt() {
        let (tasks, events) = Tasks::inline();
        let mut watchlist = generate::watchlist(200, 1);
        let mut search = TextSearch::default();
        // The first search starts the index and searches titles only.
        assert_eq!(search.hits(&tasks, &watchlist, "letter"), None);
        assert!(search.indexing());
        take_in(&mut search, &events);
        let hits = search.hits(&tasks, &watchlist, "letter").expect("indexed");
        assert!(hits.iter().all(|&hit| hit), "every storyline mentions it");
        assert_eq!(search.generation(), 1);

        for show in watchlist.shows.iter_mut().take(REBUILD_AFTER + 1) {
            Arc::make_mut(show).notes = "Edited.".into();
        }
        // Searching that many changed shows directly would hold up the frame.
        assert_eq!(search.hits(&tasks, &watchlist, "letter"), None);
        assert!(search.indexing(), "the search says titles only");
        take_in(&mut search, &events);
        let hits = search.hits(&tasks, &watchlist, "letter").expect("rebuilt");
        assert_eq!(hits.len(), 200);
        assert!(hits.iter().all(|&hit| hit));
        assert_eq!(search.generation(), 2);
    }
}
