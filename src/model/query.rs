//! Which shows the list shows, in which order: title search, smart lists and sorting.
//!
//! Built for every keystroke at ten thousand shows and more: the titles are folded and sorted
//! once per change of titles or membership ([`TitleIndex`]); a search then only scans that
//! index.

use std::cmp::Reverse;

use jiff::civil::Date;

use super::ids::fold;
use super::{Show, Status, WatchState, Watchlist};

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
    /// Every smart list, in the order they are offered: by status, then by progress.
    pub const ALL: [Filter; 11] = {
        let mut all = [Filter::All; 11];
        let mut i = 0;
        while i < Self::BY_STATUS.len() {
            all[i] = Self::BY_STATUS[i];
            i += 1;
        }
        while i < all.len() {
            all[i] = Self::BY_PROGRESS[i - Self::BY_STATUS.len()];
            i += 1;
        }
        all
    };

    /// The lists by status (and what happened to it), in the order they are offered.
    pub const BY_STATUS: [Filter; 7] = [
        Filter::All,
        Filter::Airing,
        Filter::Returning,
        Filter::Canceled,
        Filter::CanceledUnresolved,
        Filter::RecentlyChanged,
        Filter::Ended,
    ];

    /// The lists by how far the user is, in the order they are offered.
    pub const BY_PROGRESS: [Filter; 4] = [
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

    /// The list's icon alone (its name for `All`), for a compact chip.
    pub fn icon(self) -> &'static str {
        match self.label().split_once(' ') {
            Some((icon, _)) if self != Filter::All => icon,
            _ => self.label(),
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
        let show = &watchlist.shows[index];
        match self {
            Filter::All => true,
            Filter::Airing | Filter::Returning | Filter::Canceled | Filter::Ended => {
                Filter::of_status(show.status) == Some(self)
            }
            Filter::CanceledUnresolved => canceled_unresolved(show),
            Filter::RecentlyChanged => changed_lately(last_change(watchlist, index), lately(today)),
            Filter::Watching | Filter::CaughtUp | Filter::NotStarted | Filter::Dropped => {
                Filter::of_watch_state(show.progress.state()) == self
            }
        }
    }

    /// The status list a show with this status is in, if any.
    pub fn of_status(status: Status) -> Option<Filter> {
        match status {
            Status::Airing => Some(Filter::Airing),
            Status::Returning => Some(Filter::Returning),
            Status::Canceled => Some(Filter::Canceled),
            Status::Ended => Some(Filter::Ended),
            _ => None,
        }
    }

    /// The progress list a show in this watch state is in.
    fn of_watch_state(state: WatchState) -> Filter {
        match state {
            WatchState::Watching => Filter::Watching,
            WatchState::CaughtUp => Filter::CaughtUp,
            WatchState::NotStarted => Filter::NotStarted,
            WatchState::Dropped => Filter::Dropped,
        }
    }
}

/// Canceled with storylines left hanging.
fn canceled_unresolved(show: &Show) -> bool {
    show.status == Status::Canceled && show.unresolved_count() > 0
}

/// "Changed lately" for `today`: from 30 days before it to it.
fn lately(today: Date) -> (Option<Date>, Date) {
    (today.checked_sub(jiff::Span::new().days(30)).ok(), today)
}

/// True when `last` (a show's latest status change) falls within `window`.
fn changed_lately(last: Option<Date>, (from, to): (Option<Date>, Date)) -> bool {
    last.is_some_and(|on| on <= to && from.is_none_or(|from| on >= from))
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

/// The date of a show's latest dated status change.
fn last_change(watchlist: &Watchlist, index: usize) -> Option<Date> {
    watchlist.shows[index]
        .status_history
        .iter()
        .filter_map(|c| c.on)
        .max()
}

/// How many shows each smart list holds within `narrow` (a network or tag, or none), in
/// [`Filter::ALL`] order: the number of rows each would show.
pub fn counts(watchlist: &Watchlist, today: Date, narrow: &Narrow) -> [usize; Filter::ALL.len()] {
    let mut counts = [0; Filter::ALL.len()];
    let slot = |filter: Filter| Filter::ALL.iter().position(|f| *f == filter);
    let window = lately(today);
    let narrow = narrow.folded();
    // One pass, each show's facts worked out once (this runs after every edit), with the same
    // tests `Filter::keeps` makes.
    for (index, show) in watchlist.shows.iter().enumerate() {
        if !narrow.keeps(show) {
            continue;
        }
        let lists = [
            Some(Filter::All),
            Filter::of_status(show.status),
            canceled_unresolved(show).then_some(Filter::CanceledUnresolved),
            changed_lately(last_change(watchlist, index), window)
                .then_some(Filter::RecentlyChanged),
            Some(Filter::of_watch_state(show.progress.state())),
        ];
        for i in lists.into_iter().flatten().filter_map(slot) {
            counts[i] += 1;
        }
    }
    counts
}

/// What the list shows: the search text, the smart list, a network or tag, the order.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    pub query: &'a str,
    /// One flag per show of the watchlist: its text (cast, storylines, notes…) matches the
    /// query, from a [`super::text_index::TextIndex`]. `None` searches titles only.
    pub text_hits: Option<&'a [bool]>,
    pub filter: Filter,
    pub narrow: &'a Narrow,
    pub sort: Sort,
}

/// Narrows any list to the shows of one network and/or carrying one tag; `None` keeps all.
/// Both are compared ignoring case and accents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Narrow {
    pub network: Option<String>,
    pub tag: Option<String>,
}

impl Narrow {
    /// Whether it narrows anything.
    pub fn is_active(&self) -> bool {
        self.network.is_some() || self.tag.is_some()
    }

    /// Whether `show` is of the network and carries the tag asked for.
    pub fn keeps(&self, show: &Show) -> bool {
        self.folded().keeps(show)
    }

    /// The narrowing with its words folded once, for testing many shows.
    fn folded(&self) -> FoldedNarrow {
        FoldedNarrow {
            network: self.network.as_deref().map(|n| fold(n.trim())),
            tag: self.tag.as_deref().map(|t| fold(t.trim())),
        }
    }
}

struct FoldedNarrow {
    network: Option<String>,
    tag: Option<String>,
}

impl FoldedNarrow {
    fn keeps(&self, show: &Show) -> bool {
        let network_ok = self.network.as_deref().is_none_or(|want| {
            show.network
                .as_deref()
                .is_some_and(|network| same_folded(network, want))
        });
        let tag_ok = self
            .tag
            .as_deref()
            .is_none_or(|want| show.tags.iter().any(|tag| same_folded(tag, want)));
        network_ok && tag_ok
    }
}

/// `text` equals the already folded `folded`, ignoring case and accents; no allocation for
/// ASCII text, the common case, since this runs per show on every keystroke.
fn same_folded(text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        text.trim().eq_ignore_ascii_case(folded)
    } else {
        fold(text.trim()) == folded
    }
}

/// The networks and tags of a watchlist, each with how many shows have it, sorted by name
/// (ignoring case and accents); spellings that differ only in case or accents count as one,
/// under the spelling most shows use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub networks: Vec<(String, usize)>,
    pub tags: Vec<(String, usize)>,
}

impl Facets {
    /// Counts the watchlist's networks and tags. Runs after every edit, so the pass over the
    /// shows only counts exact spellings (no allocation per show); folding and merging happen
    /// once per distinct spelling.
    pub fn of(watchlist: &Watchlist) -> Self {
        use std::collections::HashMap;
        let mut networks: HashMap<&str, usize> = HashMap::new();
        let mut tags: HashMap<&str, usize> = HashMap::new();
        for show in &watchlist.shows {
            if let Some(network) = &show.network {
                *networks.entry(network.trim()).or_default() += 1;
            }
            for tag in &show.tags {
                *tags.entry(tag.trim()).or_default() += 1;
            }
        }
        Facets {
            networks: merge_spellings(networks),
            tags: merge_spellings(tags),
        }
    }
}

/// Counts per exact spelling → counts per folded name, under the most used spelling (ties: the
/// first in character order), sorted by folded name.
fn merge_spellings(counts: std::collections::HashMap<&str, usize>) -> Vec<(String, usize)> {
    use std::collections::BTreeMap;
    // folded name → (best spelling, its count, total)
    let mut merged: BTreeMap<String, (&str, usize, usize)> = BTreeMap::new();
    for (spelling, count) in counts {
        if spelling.is_empty() {
            continue;
        }
        let entry = merged.entry(fold(spelling)).or_insert((spelling, 0, 0));
        if count > entry.1 || (count == entry.1 && spelling < entry.0) {
            entry.0 = spelling;
            entry.1 = count;
        }
        entry.2 += count;
    }
    merged
        .into_values()
        .map(|(spelling, _, total)| (spelling.to_owned(), total))
        .collect()
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
        let selection = Selection {
            query,
            text_hits: None,
            filter,
            narrow: &Narrow::default(),
            sort,
        };
        self.matching_with(watchlist, &selection, today)
    }

    /// The rows `selection` picks: as [`TitleIndex::matching`], narrowed to a network or tag,
    /// where a show also matches when the selection's text hits say its text does.
    pub fn matching_with(
        &self,
        watchlist: &Watchlist,
        selection: &Selection,
        today: Date,
    ) -> Vec<usize> {
        let needle = fold(selection.query.trim());
        let text_hit = |index: usize| {
            selection
                .text_hits
                .is_some_and(|hits| hits.get(index) == Some(&true))
        };
        let narrow = selection.narrow.folded();
        let mut rows: Vec<(usize, Status)> = self
            .entries
            .iter()
            .filter(|(title, index)| {
                needle.is_empty() || title.contains(&needle) || text_hit(*index)
            })
            .filter(|&&(_, index)| {
                selection.filter.keeps(watchlist, index, today)
                    && narrow.keeps(&watchlist.shows[index])
            })
            .map(|&(_, index)| (index, watchlist.shows[index].status))
            .collect();
        // Stable sorts keep title order among equals.
        match selection.sort {
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

    /// `n` generated shows and the sample's, for tests that need every status and list.
    fn generated_with_sample(n: usize, seed: u64) -> Watchlist {
        let mut watchlist = crate::model::generate::watchlist(n, seed);
        watchlist
            .shows
            .extend(crate::model::sample().expect("sample").shows);
        watchlist
    }

    /// The rows of smart list `filter` narrowed by `narrow`, with no search, in title order.
    fn rows_within(
        index: &TitleIndex,
        watchlist: &Watchlist,
        filter: Filter,
        narrow: &Narrow,
        today: Date,
    ) -> Vec<usize> {
        let selection = Selection {
            query: "",
            text_hits: None,
            filter,
            narrow,
            sort: Sort::Title,
        };
        index.matching_with(watchlist, &selection, today)
    }

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
        let counts = counts(&watchlist, today, &Narrow::default());
        assert_eq!(counts, [5, 0, 1, 2, 1, 0, 2, 0, 0, 5, 0]);
    }

    #[test]
    fn narrows_by_network_and_tag_ignoring_case_and_counts_each() {
        let watchlist = crate::model::sample().expect("sample");
        let index = TitleIndex::new(&watchlist);
        let today = jiff::civil::date(2026, 11, 25);
        let narrowed = |network: Option<&str>, tag: Option<&str>, filter| {
            let narrow = Narrow {
                network: network.map(str::to_owned),
                tag: tag.map(str::to_owned),
            };
            titles(
                &watchlist,
                rows_within(&index, &watchlist, filter, &narrow, today),
            )
        };
        assert_eq!(
            narrowed(Some("prime video"), None, Filter::All),
            ["Étoile", "The Marvelous Mrs. Maisel"]
        );
        assert_eq!(
            narrowed(None, Some("PALLADINO-VERSE"), Filter::Canceled),
            ["Bunheads", "Étoile"]
        );
        assert_eq!(
            narrowed(Some("Prime Video"), Some("comfort"), Filter::All),
            ["The Marvelous Mrs. Maisel"]
        );
        assert!(narrowed(Some("HBO"), None, Filter::All).is_empty());

        let facets = Facets::of(&watchlist);
        let count = |list: &[(String, usize)], name: &str| {
            list.iter().find(|(n, _)| n == name).map(|(_, c)| *c)
        };
        assert_eq!(count(&facets.networks, "Prime Video"), Some(2));
        assert_eq!(count(&facets.tags, "Palladino-verse"), Some(4));
        assert_eq!(count(&facets.tags, "with Sam"), Some(1));
        let tags: Vec<&str> = facets.tags.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(tags, ["ballet", "comfort", "Palladino-verse", "with Sam"]);
    }

    #[test]
    fn each_smart_list_count_is_the_number_of_rows_it_shows() {
        let watchlist = generated_with_sample(300, 11);
        let index = TitleIndex::new(&watchlist);
        for today in [
            jiff::civil::date(2026, 11, 25),
            jiff::civil::date(2012, 5, 1),
        ] {
            let counts = counts(&watchlist, today, &Narrow::default());
            for (filter, count) in Filter::ALL.into_iter().zip(counts) {
                let rows = index.matching(&watchlist, "", filter, Sort::Title, today);
                assert_eq!(rows.len(), count, "{filter:?} on {today}");
            }
            // Within a network or a tag, too.
            for narrow in [
                Narrow {
                    network: Some("prime video".to_owned()),
                    tag: None,
                },
                Narrow {
                    network: None,
                    tag: Some("Comfort".to_owned()),
                },
            ] {
                let within = super::counts(&watchlist, today, &narrow);
                assert!(
                    within[0] > 0 && within[0] < watchlist.shows.len(),
                    "{narrow:?}"
                );
                for (filter, count) in Filter::ALL.into_iter().zip(within) {
                    let rows = rows_within(&index, &watchlist, filter, &narrow, today);
                    assert_eq!(rows.len(), count, "{filter:?} within {narrow:?} on {today}");
                }
            }
        }
    }

    #[test]
    fn sorts_by_score_status_and_last_change() {
        let watchlist = generated_with_sample(30, 5);
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
