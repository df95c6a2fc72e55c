//! The calendar: the followed shows' episodes airing around today, by day.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::days::Days;
use super::{GuideEpisode, Guides, Landmark, guide_of};
use crate::model::Watchlist;

/// One episode on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Airing {
    /// The show's index in the watchlist.
    pub show: usize,
    pub episode: GuideEpisode,
    pub landmark: Option<Landmark>,
    pub watched: bool,
}

/// Episodes airing from `days_back` days before `today` to `days_ahead` days after it, by
/// day in time zone `tz`, shows dropped left out. Within a day: unwatched first, then by time.
pub fn calendar(
    watchlist: &Watchlist,
    guides: &Guides,
    today: Date,
    tz: &TimeZone,
    days_back: i64,
    days_ahead: i64,
) -> BTreeMap<Date, Vec<Airing>> {
    let window = Days::new(
        today
            .checked_sub(jiff::Span::new().days(days_back))
            .unwrap_or(today),
        today
            .checked_add(jiff::Span::new().days(days_ahead))
            .unwrap_or(today),
        tz,
    );
    let mut days: BTreeMap<Date, Vec<Airing>> = BTreeMap::new();
    for (i, show) in watchlist.shows.iter().enumerate() {
        if show.progress.dropped {
            continue;
        }
        let Some(guide) = guide_of(guides, show) else {
            continue;
        };
        for (episode, day) in window.airings(guide) {
            days.entry(day).or_default().push(Airing {
                show: i,
                landmark: guide.landmark(episode.episode, show.status),
                watched: show.progress.is_watched(episode.episode),
                episode: episode.clone(),
            });
        }
    }
    for airings in days.values_mut() {
        airings.sort_by(|a, b| {
            a.watched
                .cmp(&b.watched)
                .then(a.episode.airs_at.cmp(&b.episode.airs_at))
                .then(a.show.cmp(&b.show))
        });
    }
    days
}
