//! Figures about the whole watchlist, for the Statistics view and `curtaincall stats`: shows by
//! status, cancellations by network, storylines left unresolved.

use super::{Status, StorylineState, Watchlist};

/// The name given to shows without a network in the per-network figures.
pub const NO_NETWORK: &str = "No network";

/// How many shows with unresolved storylines are named, most first.
const TOP_UNRESOLVED: usize = 10;

/// Figures about one watchlist.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistics {
    /// How many shows there are.
    pub shows: usize,
    /// Every status, in [`Status::ALL`] order, with its number of shows (zeros included, so a
    /// chart keeps its shape).
    pub by_status: Vec<(Status, usize)>,
    /// Canceled shows per network, most first, then by name; only networks with one.
    pub cancellations_by_network: Vec<(String, usize)>,
    /// Storylines by the state they are in now (an open storyline of a canceled show counts as
    /// unresolved), in [`StorylineState::ALL`] order.
    pub storylines_by_state: Vec<(StorylineState, usize)>,
    /// How many storylines are left unresolved, in all.
    pub unresolved: usize,
    /// How many shows left at least one.
    pub shows_with_unresolved: usize,
    /// The shows that left the most unresolved, most first, then by title: (id, title, count).
    pub most_unresolved: Vec<(String, String, usize)>,
}

impl Statistics {
    /// Counts everything in one pass over the shows.
    pub fn of(watchlist: &Watchlist) -> Self {
        let mut by_status = vec![0usize; Status::ALL.len()];
        let mut by_state = vec![0usize; StorylineState::ALL.len()];
        let mut by_network: std::collections::HashMap<&str, usize> = Default::default();
        // (unresolved count, index) for every show that left some; titles are copied only for
        // the few named.
        let mut unresolved_shows: Vec<(usize, usize)> = Vec::new();
        for (index, show) in watchlist.shows.iter().enumerate() {
            if let Some(i) = Status::ALL.iter().position(|s| *s == show.status) {
                by_status[i] += 1;
            }
            if show.status == Status::Canceled {
                let network = show
                    .network
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .unwrap_or(NO_NETWORK);
                *by_network.entry(network).or_default() += 1;
            }
            let mut unresolved = 0;
            for storyline in &show.storylines {
                let state = storyline.state;
                if let Some(i) = StorylineState::ALL.iter().position(|s| *s == state) {
                    by_state[i] += 1;
                }
                unresolved += usize::from(state == StorylineState::Unresolved);
            }
            if unresolved > 0 {
                unresolved_shows.push((unresolved, index));
            }
        }
        let mut cancellations_by_network: Vec<(String, usize)> = by_network
            .into_iter()
            .map(|(network, count)| (network.to_owned(), count))
            .collect();
        cancellations_by_network.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let shows_with_unresolved = unresolved_shows.len();
        let unresolved = unresolved_shows.iter().map(|(n, _)| n).sum();
        let title = |index: usize| watchlist.shows[index].title.as_str();
        let order = |a: &(usize, usize), b: &(usize, usize)| {
            b.0.cmp(&a.0).then_with(|| title(a.1).cmp(title(b.1)))
        };
        if unresolved_shows.len() > TOP_UNRESOLVED {
            unresolved_shows.select_nth_unstable_by(TOP_UNRESOLVED, order);
            unresolved_shows.truncate(TOP_UNRESOLVED);
        }
        unresolved_shows.sort_by(order);
        let most_unresolved = unresolved_shows
            .into_iter()
            .map(|(count, index)| {
                let show = &watchlist.shows[index];
                (show.id.clone(), show.title.clone(), count)
            })
            .collect();
        Statistics {
            shows: watchlist.shows.len(),
            by_status: Status::ALL.into_iter().zip(by_status).collect(),
            cancellations_by_network,
            storylines_by_state: StorylineState::ALL.into_iter().zip(by_state).collect(),
            unresolved,
            shows_with_unresolved,
            most_unresolved,
        }
    }

    /// The statistics as plain text, a figure per line, for the command line.
    pub fn to_text(&self) -> String {
        let mut out = format!("{} shows\n\nBy status\n", self.shows);
        for (status, count) in &self.by_status {
            out.push_str(&format!("  {:<13} {count}\n", status.word()));
        }
        out.push_str("\nCancellations by network\n");
        if self.cancellations_by_network.is_empty() {
            out.push_str("  none\n");
        }
        for (network, count) in &self.cancellations_by_network {
            out.push_str(&format!("  {network}: {count}\n"));
        }
        out.push_str(&format!(
            "\nStorylines left unresolved: {} in {} shows\n",
            self.unresolved, self.shows_with_unresolved
        ));
        for (_, title, count) in &self.most_unresolved {
            out.push_str(&format!("  {title}: {count}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn counts_the_sample_by_status_network_and_unresolved_storyline() {
        let mut watchlist = crate::model::sample().expect("sample");
        // A second canceled show on Prime Video without storylines, and one with no network.
        let mut extra = crate::model::Show::new("x", "Extra", Status::Canceled);
        extra.network = Some("Prime Video".into());
        watchlist.shows.push(Arc::new(extra));
        watchlist.shows.push(Arc::new(crate::model::Show::new(
            "y",
            "Why",
            Status::Canceled,
        )));
        let stats = Statistics::of(&watchlist);
        assert_eq!(stats.shows, 7);
        let count = |status| {
            stats
                .by_status
                .iter()
                .find(|(s, _)| *s == status)
                .map(|p| p.1)
        };
        assert_eq!(count(Status::Canceled), Some(4));
        assert_eq!(count(Status::Ended), Some(2));
        assert_eq!(count(Status::Planned), Some(0), "zeros are kept");
        assert_eq!(stats.by_status.len(), Status::ALL.len());
        assert_eq!(
            stats.cancellations_by_network,
            [
                ("Prime Video".to_owned(), 2),
                ("ABC Family".to_owned(), 1),
                (NO_NETWORK.to_owned(), 1)
            ]
        );
        // Étoile's open storyline is unresolved now that it is canceled.
        assert_eq!(stats.unresolved, 1);
        assert_eq!(stats.shows_with_unresolved, 1);
        assert_eq!(
            stats.most_unresolved,
            [("etoile".to_owned(), "Étoile".to_owned(), 1)]
        );
        let text = stats.to_text();
        assert!(text.contains("  Prime Video: 2\n"), "{text}");
        assert!(text.contains("unresolved: 1 in 1 shows"), "{text}");
    }

    #[test]
    fn every_show_and_storyline_is_counted_once() {
        let watchlist = crate::model::generate::watchlist(500, 3);
        let stats = Statistics::of(&watchlist);
        let by_status: usize = stats.by_status.iter().map(|p| p.1).sum();
        assert_eq!(by_status, 500);
        let by_state: usize = stats.storylines_by_state.iter().map(|p| p.1).sum();
        assert_eq!(by_state, watchlist.storyline_count());
        let canceled = stats
            .by_status
            .iter()
            .find(|p| p.0 == Status::Canceled)
            .map(|p| p.1);
        let by_network: usize = stats.cancellations_by_network.iter().map(|p| p.1).sum();
        assert_eq!(Some(by_network), canceled);
        let unresolved = stats
            .storylines_by_state
            .iter()
            .find(|p| p.0 == StorylineState::Unresolved)
            .map(|p| p.1);
        assert_eq!(Some(stats.unresolved), unresolved);
        assert!(stats.most_unresolved.len() <= TOP_UNRESOLVED);
        assert!(stats.most_unresolved.windows(2).all(|w| w[0].2 >= w[1].2));
    }
}
