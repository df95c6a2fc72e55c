//! Up next: each followed show's first unwatched episode that has aired, kept per show so that
//! after an edit only the edited show is worked out again.

use jiff::Timestamp;
use jiff::civil::Date;

use super::per_show::PerShow;
use super::{Guide, Guides, aired_by};
use crate::model::{EpisodeRef, Show, Watchlist};

/// A show with an unwatched aired episode, for Up next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpNext {
    /// The show's index in the watchlist.
    pub show: usize,
    pub episode: EpisodeRef,
    pub title: Option<String>,
    /// The last day the user watched something of it, for the order.
    pub last_watched: Option<Date>,
}

/// The shows with an aired episode not yet watched (by the catalog's guide, or for a show
/// without one, by the season lengths kept by hand), dropped shows left out; most recently
/// watched first, then shows never started in watchlist order.
pub fn up_next(watchlist: &Watchlist, guides: &Guides, now: Timestamp) -> Vec<UpNext> {
    UpNextMemo::default().rows(watchlist, guides, now)
}

/// Each show's next episode whether aired or not, remembered per show so that after an edit
/// only the edited show is worked out again.
#[derive(Default)]
pub struct UpNextMemo {
    candidates: PerShow<Option<Candidate>>,
}

/// A show's next episode, before asking whether it has aired.
#[derive(Clone)]
struct Candidate {
    episode: EpisodeRef,
    title: Option<String>,
    /// From the guide; `None` for a show without one (its hand-kept seasons count as aired).
    listed: Option<(Option<Timestamp>, Option<Date>)>,
    last_watched: Option<Date>,
}

impl Candidate {
    /// The next episode of `show`, by `guide` when there is one; `None` for a dropped show, one
    /// the user has not begun, or one caught up.
    fn of(show: &Show, guide: Option<&Guide>) -> Option<Candidate> {
        let progress = &show.progress;
        // A show the user has not begun is not "next".
        if progress.dropped || progress.furthest().is_none() {
            return None;
        }
        let (episode, title, listed) = match guide {
            Some(guide) => {
                let next = guide.next_after(progress)?;
                (
                    next.episode,
                    Some(next.title.clone()),
                    Some((next.airs_at, next.air_date)),
                )
            }
            None => (progress.up_next()?, None, None),
        };
        Some(Candidate {
            episode,
            title,
            listed,
            last_watched: progress.last_watched(),
        })
    }

    fn aired_by(&self, now: Timestamp) -> bool {
        self.listed
            .is_none_or(|(airs_at, air_date)| aired_by(airs_at, air_date, now))
    }
}

impl UpNextMemo {
    /// Up next at `now`, working out again only the shows (or guides) that changed since the
    /// last call.
    pub fn rows(&mut self, watchlist: &Watchlist, guides: &Guides, now: Timestamp) -> Vec<UpNext> {
        let mut rows: Vec<UpNext> = self
            .candidates
            .update(watchlist, guides, Candidate::of)
            .filter_map(|(i, candidate)| {
                let candidate = candidate.as_ref()?;
                candidate.aired_by(now).then(|| UpNext {
                    show: i,
                    episode: candidate.episode,
                    title: candidate.title.clone(),
                    last_watched: candidate.last_watched,
                })
            })
            .collect();
        rows.sort_by(|a, b| {
            b.last_watched
                .cmp(&a.last_watched)
                .then(a.show.cmp(&b.show))
        });
        rows
    }
}
