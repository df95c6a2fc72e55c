//! Which shows the list shows, in which order: title search and the status filter.
//!
//! Built for every keystroke at ten thousand shows and more: the titles are lowercased and sorted
//! once per watchlist revision ([`TitleIndex`]); a search then only scans that index.

use super::ids::fold;
use super::{Status, Watchlist};

/// Which shows the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Filter {
    #[default]
    All,
    /// Only canceled shows.
    Canceled,
}

/// The shows sorted by title, with their lowercased titles: built once per watchlist revision.
#[derive(Debug, Default)]
pub struct TitleIndex {
    /// (folded title, index into the watchlist, canceled), sorted by title.
    entries: Vec<(String, usize, bool)>,
    canceled: usize,
}

impl TitleIndex {
    /// Indexes the watchlist.
    pub fn new(watchlist: &Watchlist) -> Self {
        let mut entries: Vec<(String, usize, bool)> = watchlist
            .shows
            .iter()
            .enumerate()
            .map(|(i, show)| (fold(&show.title), i, show.status == Status::Canceled))
            .collect();
        entries.sort_unstable();
        let canceled = entries.iter().filter(|e| e.2).count();
        TitleIndex { entries, canceled }
    }

    /// How many shows are canceled.
    pub fn canceled_count(&self) -> usize {
        self.canceled
    }

    /// Indexes into the watchlist of the shows whose title contains `query` (ignoring case and
    /// accents) and that pass `filter`, sorted by title.
    pub fn matching(&self, query: &str, filter: Filter) -> Vec<usize> {
        let needle = fold(query.trim());
        self.entries
            .iter()
            .filter(|(_, _, canceled)| filter == Filter::All || *canceled)
            .filter(|(title, _, _)| needle.is_empty() || title.contains(&needle))
            .map(|&(_, index, _)| index)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_titles_ignoring_case_and_filters_canceled() {
        let watchlist = crate::model::sample().expect("sample");
        let index = TitleIndex::new(&watchlist);
        let titles = |rows: Vec<usize>| -> Vec<String> {
            rows.into_iter()
                .map(|i| watchlist.shows[i].title.clone())
                .collect()
        };
        assert_eq!(
            titles(index.matching("GIRLS", Filter::All)),
            ["Gilmore Girls"]
        );
        assert_eq!(
            titles(index.matching("", Filter::Canceled)),
            ["Bunheads", "Étoile"]
        );
        assert_eq!(titles(index.matching("etoile", Filter::All)), ["Étoile"]);
        assert_eq!(
            titles(index.matching("", Filter::All)),
            [
                "Bunheads",
                "Étoile",
                "Gilmore Girls",
                "Slow Horses",
                "The Marvelous Mrs. Maisel"
            ]
        );
        assert_eq!(index.canceled_count(), 2);
        assert!(index.matching("zzz", Filter::All).is_empty());
    }
}
