//! Which shows the list shows, in which order: title search, smart lists and sorting.
//!
//! Built for every keystroke at ten thousand shows and more: the titles are folded and sorted
//! once per change of titles or membership ([`TitleIndex`]); a search then only scans that
//! index.

use std::cmp::Reverse;

use jiff::civil::Date;

use super::ids::fold;
use super::{Status, WatchState, Watchlist};

/// The smart lists beside the full list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Filter {
    #[default]
    All,
    Airing,
    Returning,
    Canceled,
    /// Canceled shows that left storylines unresolved.
    CanceledUnresolved,
    /// Shows whose status changed in the last 30 days.
    RecentlyChanged,
    Ended,
    /// Started, not caught up, not dropped.
    Watching,
    /// Every known episode watched.
    CaughtUp,
    /// Nothing watched yet.
    NotStarted,
    /// Stopped on purpose.
    Dropped,
}

impl Filter {
    /// Every smart list, in the order they are offered.
    pub const ALL: [Filter; 11] = [
        Filter::All,
        Filter::Airing,
        Filter::Returning,
        Filter::Canceled,
        Filter::CanceledUnresolved,
        Filter::RecentlyChanged,
        Filter::Ended,
        Filter::Watching,
        Filter::CaughtUp,
        Filter::NotStarted,
        Filter::Dropped,
    ];

    /// The list's name, with an icon.
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "All",
            Filter::Airing => "▶ Airing",
            Filter::Returning => "🔁 Returning",
            Filter::Canceled => "✖ Canceled",
            Filter::CanceledUnresolved => "⚠ Canceled, unresolved",
            Filter::RecentlyChanged => "📅 Changed lately",
            Filter::Ended => "🏁 Ended",
            Filter::Watching => "👁 Watching",
            Filter::CaughtUp => "✔ Caught up",
            Filter::NotStarted => "◻ Not started",
            Filter::Dropped => "⏹ Dropped",
        }
    }

    /// True when membership depends on more than titles and statuses (storylines, dates), so
    /// the rows must be recomputed after any edit.
    pub fn reads_details(self) -> bool {
        !matches!(
            self,
            Filter::All | Filter::Airing | Filter::Returning | Filter::Canceled | Filter::Ended
        )
    }

    /// Whether the show at `index` belongs to this list.
    fn keeps(self, watchlist: &Watchlist, index: usize, today: Date) -> bool {
        let status = watchlist.shows[index].status;
        match self {
            Filter::All => true,
            Filter::Airing => status == Status::Airing,
            Filter::Returning => status == Status::Returning,
            Filter::Canceled => status == Status::Canceled,
            Filter::Ended => status == Status::Ended,
            Filter::CanceledUnresolved => {
                let show = &watchlist.shows[index];
                status == Status::Canceled && show.unresolved_count() > 0
            }
            Filter::RecentlyChanged => last_change(watchlist, index)
                .is_some_and(|on| on <= today && (today - on).get_days() <= 30),
            Filter::Watching => watch_state(watchlist, index) == WatchState::Watching,
            Filter::CaughtUp => watch_state(watchlist, index) == WatchState::CaughtUp,
            Filter::NotStarted => watch_state(watchlist, index) == WatchState::NotStarted,
            Filter::Dropped => watch_state(watchlist, index) == WatchState::Dropped,
        }
    }
}

/// The orders the list can be sorted in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    #[default]
    Title,
    Status,
    /// Highest critic score first; shows without one last.
    CriticScore,
    /// Most recent status change first.
    LastChange,
}

impl Sort {
    /// Every order, as offered.
    pub const ALL: [Sort; 4] = [
        Sort::Title,
        Sort::Status,
        Sort::CriticScore,
        Sort::LastChange,
    ];

    /// The order's name.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Title => "Title",
            Sort::Status => "Status",
            Sort::CriticScore => "Critic score",
            Sort::LastChange => "Last change",
        }
    }

    /// True when the order depends on more than titles and statuses (scores), so any edit
    /// can change it.
    pub fn reads_details(self) -> bool {
        self == Sort::CriticScore
    }
}

fn watch_state(watchlist: &Watchlist, index: usize) -> WatchState {
    watchlist.shows[index].progress.state()
}

/// The date of a show's latest dated status change.
fn last_change(watchlist: &Watchlist, index: usize) -> Option<Date> {
    watchlist.shows[index]
        .status_history
        .iter()
        .filter_map(|c| c.on)
        .max()
}

/// How many shows each smart list holds, in [`Filter::ALL`] order.
pub fn counts(watchlist: &Watchlist, today: Date) -> [usize; Filter::ALL.len()] {
    let mut counts = [0; Filter::ALL.len()];
    let slot = |filter: Filter| Filter::ALL.iter().position(|f| *f == filter);
    let recent_from = today.checked_sub(jiff::Span::new().days(30)).ok();
    // One pass, each show's facts worked out once (this runs after every edit).
    for show in &watchlist.shows {
        let mut count = |filter: Filter| {
            if let Some(i) = slot(filter) {
                counts[i] += 1;
            }
        };
        count(Filter::All);
        match show.status {
            Status::Airing => count(Filter::Airing),
            Status::Returning => count(Filter::Returning),
            Status::Ended => count(Filter::Ended),
            Status::Canceled => {
                count(Filter::Canceled);
                if show.unresolved_count() > 0 {
                    count(Filter::CanceledUnresolved);
                }
            }
            _ => {}
        }
        let changed = show.status_history.iter().filter_map(|c| c.on).max();
        if changed.is_some_and(|on| on <= today && recent_from.is_none_or(|from| on >= from)) {
            count(Filter::RecentlyChanged);
        }
        match show.progress.state() {
            WatchState::Watching => count(Filter::Watching),
            WatchState::CaughtUp => count(Filter::CaughtUp),
            WatchState::NotStarted => count(Filter::NotStarted),
            WatchState::Dropped => count(Filter::Dropped),
        }
    }
    counts
}

/// The shows sorted by title, with their folded titles: built again only when titles or
/// membership change (statuses are read from the shows, so a status change costs nothing here).
#[derive(Debug, Default)]
pub struct TitleIndex {
    /// (folded title, index into the watchlist), sorted by title.
    entries: Vec<(String, usize)>,
}

impl TitleIndex {
    /// Indexes the watchlist.
    pub fn new(watchlist: &Watchlist) -> Self {
        let mut entries: Vec<(String, usize)> = watchlist
            .shows
            .iter()
            .enumerate()
            .map(|(i, show)| (fold(&show.title), i))
            .collect();
        entries.sort_unstable();
        TitleIndex { entries }
    }

    /// Indexes into the watchlist of the shows whose title contains `query` (ignoring case and
    /// accents) and that belong to `filter`, in `sort` order (title order breaks ties).
    pub fn matching(
        &self,
        watchlist: &Watchlist,
        query: &str,
        filter: Filter,
        sort: Sort,
        today: Date,
    ) -> Vec<usize> {
        self.matching_with(watchlist, query, None, filter, sort, today)
    }

    /// As [`TitleIndex::matching`], where a show also matches when `text_hits` (one flag per
    /// show of the watchlist, from a [`super::text_index::TextIndex`]) says its text does.
    pub fn matching_with(
        &self,
        watchlist: &Watchlist,
        query: &str,
        text_hits: Option<&[bool]>,
        filter: Filter,
        sort: Sort,
        today: Date,
    ) -> Vec<usize> {
        let needle = fold(query.trim());
        let text_hit = |index: usize| text_hits.is_some_and(|hits| hits.get(index) == Some(&true));
        let mut rows: Vec<(usize, Status)> = self
            .entries
            .iter()
            .filter(|(title, index)| {
                needle.is_empty() || title.contains(&needle) || text_hit(*index)
            })
            .filter(|&&(_, index)| filter.keeps(watchlist, index, today))
            .map(|&(_, index)| (index, watchlist.shows[index].status))
            .collect();
        // Stable sorts keep title order among equals.
        match sort {
            Sort::Title => {}
            Sort::Status => rows.sort_by_key(|&(_, status)| status),
            Sort::CriticScore => rows.sort_by(|a, b| {
                let score = |i: usize| {
                    watchlist.shows[i]
                        .critic_score()
                        .map(|s| s.value / s.out_of)
                };
                score(b.0)
                    .partial_cmp(&score(a.0))
                    .unwrap_or(std::cmp::Ordering::Equal)
            }),
            Sort::LastChange => rows.sort_by_key(|&(i, _)| Reverse(last_change(watchlist, i))),
        }
        rows.into_iter().map(|(index, _)| index).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(watchlist: &Watchlist, rows: Vec<usize>) -> Vec<String> {
        rows.into_iter()
            .map(|i| watchlist.shows[i].title.clone())
            .collect()
    }

    #[test]
    fn searches_titles_ignoring_case_and_accents_and_filters_by_smart_list() {
        let watchlist = crate::model::sample().expect("sample");
        let index = TitleIndex::new(&watchlist);
        let today = jiff::civil::date(2026, 11, 25);
        let find = |q: &str, f: Filter| {
            titles(
                &watchlist,
                index.matching(&watchlist, q, f, Sort::Title, today),
            )
        };
        assert_eq!(find("GIRLS", Filter::All), ["Gilmore Girls"]);
        assert_eq!(find("", Filter::Canceled), ["Bunheads", "Étoile"]);
        assert_eq!(find("", Filter::CanceledUnresolved), ["Étoile"]);
        assert_eq!(find("", Filter::Returning), ["Slow Horses"]);
        assert_eq!(find("etoile", Filter::All), ["Étoile"]);
        assert_eq!(
            find("", Filter::All),
            [
                "Bunheads",
                "Étoile",
                "Gilmore Girls",
                "Slow Horses",
                "The Marvelous Mrs. Maisel"
            ]
        );
        assert!(find("zzz", Filter::All).is_empty());
        let counts = counts(&watchlist, today);
        assert_eq!(counts, [5, 0, 1, 2, 1, 0, 2, 0, 0, 5, 0]);
    }

    #[test]
    fn each_smart_list_count_is_the_number_of_rows_it_shows() {
        let mut watchlist = crate::model::generate::watchlist(300, 11);
        watchlist
            .shows
            .extend(crate::model::sample().expect("sample").shows);
        let index = TitleIndex::new(&watchlist);
        for today in [
            jiff::civil::date(2026, 11, 25),
            jiff::civil::date(2012, 5, 1),
        ] {
            let counts = counts(&watchlist, today);
            for (filter, count) in Filter::ALL.into_iter().zip(counts) {
                let rows = index.matching(&watchlist, "", filter, Sort::Title, today);
                assert_eq!(rows.len(), count, "{filter:?} on {today}");
            }
        }
    }

    #[test]
    fn sorts_by_score_status_and_last_change() {
        let mut watchlist = crate::model::generate::watchlist(30, 5);
        watchlist
            .shows
            .extend(crate::model::sample().expect("sample").shows);
        let index = TitleIndex::new(&watchlist);
        let today = jiff::civil::date(2026, 11, 25);
        let by = |sort| index.matching(&watchlist, "", Filter::All, sort, today);
        let scores: Vec<Option<f64>> = by(Sort::CriticScore)
            .into_iter()
            .map(|i| {
                watchlist.shows[i]
                    .critic_score()
                    .map(|s| s.value / s.out_of)
            })
            .collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "highest first, none last"
        );
        let statuses: Vec<Status> = by(Sort::Status)
            .into_iter()
            .map(|i| watchlist.shows[i].status)
            .collect();
        assert!(statuses.windows(2).all(|w| w[0] <= w[1]));
        let changes: Vec<Option<Date>> = by(Sort::LastChange)
            .into_iter()
            .map(|i| last_change(&watchlist, i))
            .collect();
        assert!(
            changes.windows(2).all(|w| w[0] >= w[1]),
            "newest first, undated last"
        );
    }
}
