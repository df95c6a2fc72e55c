//! A show's episodes as the catalog lists them — titles, air times, runtimes — and the
//! questions the views ask of them across the watchlist: what has aired and is still unwatched
//! (Up next), what airs in the coming days (the calendar), which episode opens or closes a
//! season. These are facts that can be fetched again, so they live in a cache beside the
//! posters, never in the data file; what the user did with them lives in [`super::Progress`].

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::{EpisodeRef, Progress, Show, Status};

mod alerts;
mod calendar;
mod days;
mod per_show;
#[cfg(test)]
mod tests;
mod up_next;

pub use alerts::{EpisodeAlert, EpisodeAlertsMemo, EpisodeNews, episode_alerts};
pub use calendar::{Airing, calendar};
pub use up_next::{UpNext, UpNextMemo, up_next};

/// One episode as the catalog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideEpisode {
    /// Season and number; specials are season 0, numbered in the order they aired.
    pub episode: EpisodeRef,
    pub title: String,
    /// When it airs or aired, as an instant; `None` when only the day (or nothing) is known.
    #[serde(default)]
    pub airs_at: Option<Timestamp>,
    /// The day it airs in the network's own time zone, when known.
    #[serde(default)]
    pub air_date: Option<Date>,
    /// Minutes.
    #[serde(default)]
    pub runtime: Option<u32>,
    /// The catalog's summary, as plain text. Kept in the cache file and read for the show
    /// whose detail is open (see [`Guide::without_summaries`]): across a whole watchlist they
    /// would take far more memory than everything else here.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
}

impl GuideEpisode {
    /// Whether it has aired by `now` (an episode with no date has not).
    pub fn aired_by(&self, now: Timestamp) -> bool {
        aired_by(self.airs_at, self.air_date, now)
    }

    /// The day it airs in time zone `tz` (the user's), falling back to the network's day.
    pub fn day_in(&self, tz: &TimeZone) -> Option<Date> {
        self.airs_at
            .map(|at| tz.to_datetime(at).date())
            .or(self.air_date)
    }
}

/// Whether an episode airing at `airs_at` (or on `air_date`, when the time is not known) has
/// aired by `now`; one with no date has not.
fn aired_by(airs_at: Option<Timestamp>, air_date: Option<Date>, now: Timestamp) -> bool {
    match (airs_at, air_date) {
        (Some(at), _) => at <= now,
        (None, Some(day)) => day <= TimeZone::UTC.to_datetime(now).date(),
        (None, None) => false,
    }
}

/// A show's episodes from the catalog, in season and episode order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "GuideFile")]
pub struct Guide {
    /// The catalog's id of the show (TVmaze).
    pub tvmaze: u64,
    /// When it was fetched.
    pub fetched: Option<Timestamp>,
    episodes: Vec<GuideEpisode>,
    /// The first and last air instants, so the calendar passes over a show that airs nothing
    /// near the days it shows without looking at its episodes (most shows, most days).
    #[serde(skip)]
    span: Option<(Timestamp, Timestamp)>,
}

/// A guide as the cache file holds it.
#[derive(Deserialize)]
struct GuideFile {
    tvmaze: u64,
    fetched: Option<Timestamp>,
    episodes: Vec<GuideEpisode>,
}

impl From<GuideFile> for Guide {
    fn from(file: GuideFile) -> Self {
        Guide::new(file.tvmaze, file.fetched, file.episodes)
    }
}

impl GuideEpisode {
    /// When it airs as an instant: its time, else noon UTC on its day.
    fn instant(&self) -> Option<Timestamp> {
        self.airs_at.or_else(|| {
            let noon = self.air_date?.at(12, 0, 0, 0);
            TimeZone::UTC.to_timestamp(noon).ok()
        })
    }
}

impl Guide {
    /// A guide of `episodes`, put in order.
    pub fn new(tvmaze: u64, fetched: Option<Timestamp>, mut episodes: Vec<GuideEpisode>) -> Self {
        episodes.sort_by_key(|e| e.episode);
        episodes.dedup_by_key(|e| e.episode);
        let instants = episodes.iter().filter_map(GuideEpisode::instant);
        let span = instants.clone().min().zip(instants.max());
        Guide {
            tvmaze,
            fetched,
            episodes,
            span,
        }
    }

    /// The guide without its episodes' summaries, as kept for the whole watchlist.
    pub fn without_summaries(mut self) -> Self {
        for episode in &mut self.episodes {
            episode.summary = String::new();
        }
        self
    }

    /// True when some episode has a summary.
    pub fn has_summaries(&self) -> bool {
        self.episodes.iter().any(|e| !e.summary.is_empty())
    }

    /// The episodes, in season and episode order.
    pub fn episodes(&self) -> &[GuideEpisode] {
        &self.episodes
    }

    /// True when something airs between `from` and `to`.
    fn airs_within(&self, from: Timestamp, to: Timestamp) -> bool {
        self.span
            .is_some_and(|(first, last)| first < to && last >= from)
    }

    /// The episode at `episode`.
    pub fn get(&self, episode: EpisodeRef) -> Option<&GuideEpisode> {
        self.episodes
            .binary_search_by_key(&episode, |e| e.episode)
            .ok()
            .map(|i| &self.episodes[i])
    }

    /// The episodes of season `season`.
    pub fn season(&self, season: u32) -> &[GuideEpisode] {
        let start = self
            .episodes
            .partition_point(|e| e.episode.season() < season);
        let end = self
            .episodes
            .partition_point(|e| e.episode.season() <= season);
        &self.episodes[start..end]
    }

    /// How many episodes each regular season has (specials left out), for the progress's
    /// season lengths.
    pub fn season_lengths(&self) -> Vec<(u32, u32)> {
        let mut lengths = BTreeMap::new();
        for e in self.episodes.iter().filter(|e| e.episode.season() > 0) {
            *lengths.entry(e.episode.season()).or_insert(0) += 1;
        }
        lengths.into_iter().collect()
    }

    /// Where `episode` stands in its season: its first, its last, or the show's last of all.
    pub fn landmark(&self, episode: EpisodeRef, status: Status) -> Option<Landmark> {
        if episode.season() == 0 {
            return None;
        }
        let season = self.season(episode.season());
        let last_of_show = self
            .episodes
            .iter()
            .rev()
            .find(|e| e.episode.season() > 0)
            .map(|e| e.episode);
        if season.first().map(|e| e.episode) == Some(episode) {
            Some(Landmark::Premiere)
        } else if last_of_show == Some(episode)
            && matches!(status, Status::Ended | Status::Canceled)
        {
            Some(Landmark::SeriesFinale)
        } else if season.last().map(|e| e.episode) == Some(episode) && season.len() > 1 {
            Some(Landmark::Finale)
        } else {
            None
        }
    }

    /// The first episode that has aired by `now` and that `progress` has neither seen nor
    /// skipped, after the furthest one it has (a gap before that stays a gap, as Up next
    /// means "where I am"), specials left out.
    pub fn next_aired(&self, progress: &Progress, now: Timestamp) -> Option<&GuideEpisode> {
        self.next_after(progress).filter(|e| e.aired_by(now))
    }

    /// The first episode after the furthest one `progress` has, aired or not, specials left
    /// out. In episode order nothing after the furthest is marked (specials sort first and are
    /// never the furthest): a binary search, not a scan, as Up next asks this of every show.
    pub fn next_after(&self, progress: &Progress) -> Option<&GuideEpisode> {
        let after = progress.furthest().unwrap_or(EpisodeRef(0, u32::MAX));
        self.episodes
            .get(self.episodes.partition_point(|e| e.episode <= after))
    }
}

/// An episode that opens or closes something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landmark {
    /// A season's first episode.
    Premiere,
    /// A season's last episode.
    Finale,
    /// The last episode of a show that has ended or been canceled.
    SeriesFinale,
}

impl Landmark {
    /// The word shown beside the episode.
    pub fn word(self) -> &'static str {
        match self {
            Landmark::Premiere => "Premiere",
            Landmark::Finale => "Season finale",
            Landmark::SeriesFinale => "Series finale",
        }
    }
}

/// The catalog's guides by TVmaze id, as the views read them.
pub type Guides = std::collections::HashMap<u64, std::sync::Arc<Guide>>;

/// The guide of `show`, if its catalog id has one.
pub fn guide_of<'a>(guides: &'a Guides, show: &Show) -> Option<&'a Guide> {
    guides
        .get(&show.external_ids.tvmaze?)
        .map(std::sync::Arc::as_ref)
}
