//! A run of days in a time zone, for finding the episodes that air on them.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::{Guide, GuideEpisode};

/// Days from `first` to `last` in a time zone, for finding what airs on them without
/// converting every episode's time: the days as instants (a day's margin either side, as a
/// day may start at any offset), a guide passed over whole when it airs nothing near them.
pub(super) struct Days<'a> {
    /// The first day.
    pub(super) first: Date,
    last: Date,
    /// The time zone the days are in.
    pub(super) tz: &'a TimeZone,
    instants: Option<(Timestamp, Timestamp)>,
}

impl<'a> Days<'a> {
    pub(super) fn new(first: Date, last: Date, tz: &'a TimeZone) -> Self {
        let instant = |day: Date| {
            tz.to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
                .ok()
        };
        let margin = jiff::SignedDuration::from_hours(48);
        let instants = instant(first)
            .zip(last.tomorrow().ok().and_then(instant))
            .map(|(from, to)| (from - margin, to + margin));
        Days {
            first,
            last,
            tz,
            instants,
        }
    }

    /// True when `episode` aired well before these days (known without a time zone
    /// conversion).
    pub(super) fn long_before(&self, episode: &GuideEpisode) -> bool {
        match (episode.airs_at, self.instants) {
            (Some(at), Some((from, _))) => at < from,
            (None, _) => episode.air_date.is_some_and(|d| d < self.first),
            (Some(_), None) => false,
        }
    }

    /// The episodes of `guide` airing on these days, each with its day.
    pub(super) fn airings<'g>(
        &self,
        guide: &'g Guide,
    ) -> impl Iterator<Item = (&'g GuideEpisode, Date)> {
        let window = self.instants;
        let (first, last, tz) = (self.first, self.last, self.tz);
        let skip = window.is_some_and(|(from, to)| !guide.airs_within(from, to));
        let episodes = if skip { &[][..] } else { &guide.episodes[..] };
        episodes
            .iter()
            .filter(move |episode| match (episode.airs_at, window) {
                (Some(at), Some((from, to))) => from <= at && at < to,
                (None, _) => episode
                    .air_date
                    .is_some_and(|d| (first..=last).contains(&d)),
                (Some(_), None) => true,
            })
            .filter_map(move |episode| {
                let day = episode.day_in(tz).filter(|d| (first..=last).contains(d))?;
                Some((episode, day))
            })
    }
}
