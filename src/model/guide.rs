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

use super::{EpisodeRef, Progress, Show, Status, Watchlist};

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

/// Something worked out for each show from the show and its guide, kept while both are the very
/// ones they were (the same `Arc`s): shows are shared, an edit replaces only its own show and a
/// fetch only its own guide, so after an edit only the edited show is worked out again.
struct PerShow<T> {
    /// By position in the watchlist: the show and guide it was worked out for (held, so their
    /// addresses stay theirs), and what was worked out.
    entries: Vec<Option<Kept<T>>>,
}

impl<T> Default for PerShow<T> {
    fn default() -> Self {
        PerShow {
            entries: Vec::new(),
        }
    }
}

struct Kept<T> {
    show: std::sync::Arc<Show>,
    guide: Option<std::sync::Arc<Guide>>,
    value: T,
}

impl<T> PerShow<T> {
    /// Forgets everything (what the values depend on beyond show and guide changed).
    fn clear(&mut self) {
        self.entries.clear();
    }

    /// Each show's value, by position in the watchlist, worked out by `work` for the shows
    /// (or guides) that changed since the last call.
    fn update(
        &mut self,
        watchlist: &Watchlist,
        guides: &Guides,
        mut work: impl FnMut(&Show, Option<&Guide>) -> T,
    ) -> impl Iterator<Item = (usize, &T)> {
        self.entries.resize_with(watchlist.shows.len(), || None);
        for (show, entry) in watchlist.shows.iter().zip(&mut self.entries) {
            let guide = show.external_ids.tvmaze.and_then(|id| guides.get(&id));
            let fresh = entry
                .as_ref()
                .is_some_and(|kept| same_inputs((&kept.show, kept.guide.as_ref()), show, guide));
            if !fresh {
                *entry = Some(Kept {
                    show: std::sync::Arc::clone(show),
                    guide: guide.cloned(),
                    value: work(show, guide.map(std::sync::Arc::as_ref)),
                });
            }
        }
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| entry.as_ref().map(|kept| (i, &kept.value)))
    }
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

/// True when a show and guide a memo kept are the very ones now (the same `Arc`s): an edit
/// replaces only its own show, and a fetch only its own guide.
fn same_inputs(
    kept: (&std::sync::Arc<Show>, Option<&std::sync::Arc<Guide>>),
    show: &std::sync::Arc<Show>,
    guide: Option<&std::sync::Arc<Guide>>,
) -> bool {
    std::sync::Arc::ptr_eq(kept.0, show)
        && match (kept.1, guide) {
            (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
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

/// What an episode alert tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpisodeNews {
    /// A season to come has a premiere date.
    SeasonAnnounced,
    /// A season starts today.
    Premiere,
    /// A season ends today.
    Finale,
    /// The show ends today (it has ended or been canceled).
    SeriesFinale,
    /// A new episode of a show the user is watching airs today (when Settings ask).
    NewEpisode,
}

/// An alert about episodes, worked out from the guides (nothing is stored: it lasts as long as
/// it is true).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeAlert {
    /// The show's index in the watchlist.
    pub show: usize,
    pub episode: EpisodeRef,
    /// The day it airs, in the user's time zone.
    pub day: Date,
    pub news: EpisodeNews,
}

impl EpisodeAlert {
    /// True when it airs from `today` to `days` days later.
    pub fn within(&self, today: Date, days: u32) -> bool {
        (0..=i64::from(days)).contains(&i64::from((self.day - today).get_days()))
    }

    /// The alert in words, after the show's title: "Season 3 premieres Fri 12 Dec".
    pub fn text(&self) -> String {
        let day = self.day.strftime("%a %-d %b");
        let season = self.episode.season();
        match self.news {
            EpisodeNews::SeasonAnnounced => format!("Season {season} premieres {day}"),
            EpisodeNews::Premiere => format!("Season {season} premieres today"),
            EpisodeNews::Finale => format!("The season {season} finale airs today"),
            EpisodeNews::SeriesFinale => "The series finale airs today".to_owned(),
            EpisodeNews::NewEpisode => format!("New episode today: {}", self.episode),
        }
    }
}

/// The episode alerts on `today` in time zone `tz`: premieres and finales airing today, the
/// next season's premiere once it has a date, and — with `new_episodes` — every episode airing
/// today of a show the user is watching. Dropped shows are left out.
pub fn episode_alerts(
    watchlist: &Watchlist,
    guides: &Guides,
    today: Date,
    tz: &TimeZone,
    new_episodes: bool,
) -> Vec<EpisodeAlert> {
    EpisodeAlertsMemo::default().alerts(watchlist, guides, today, tz, new_episodes)
}

/// [`episode_alerts`] kept between calls: after an edit only the edited show (or a show whose
/// guide changed) is worked out again, the others known by their `Arc`s. A catalog catching up
/// on an import edits a show every second or so; at 10,000 shows working every show out again
/// after each took 12 ms of a frame.
#[derive(Default)]
pub struct EpisodeAlertsMemo {
    /// The day and setting the alerts were worked out for.
    key: Option<(Date, bool)>,
    /// Each show's alerts.
    alerts: PerShow<Vec<EpisodeAlert>>,
}

impl EpisodeAlertsMemo {
    /// The episode alerts on `today` (see [`episode_alerts`]), sorted by day, then show.
    pub fn alerts(
        &mut self,
        watchlist: &Watchlist,
        guides: &Guides,
        today: Date,
        tz: &TimeZone,
        new_episodes: bool,
    ) -> Vec<EpisodeAlert> {
        if self.key != Some((today, new_episodes)) {
            self.key = Some((today, new_episodes));
            self.alerts.clear();
        }
        let window = Days::new(today, today, tz);
        let work = |show: &Show, guide: Option<&Guide>| {
            let mut mine = Vec::new();
            if let Some(guide) = guide {
                show_alerts(show, guide, &window, new_episodes, &mut mine);
            }
            mine
        };
        let mut alerts: Vec<EpisodeAlert> = self
            .alerts
            .update(watchlist, guides, work)
            .flat_map(|(i, mine)| mine.iter().map(move |a| EpisodeAlert { show: i, ..*a }))
            .collect();
        alerts.sort_by(|a, b| a.day.cmp(&b.day).then(a.show.cmp(&b.show)));
        alerts
    }
}

/// `show`'s episode alerts on the day of `window` (with position 0: the caller places them).
fn show_alerts(
    show: &Show,
    guide: &Guide,
    window: &Days<'_>,
    new_episodes: bool,
    alerts: &mut Vec<EpisodeAlert>,
) {
    if show.progress.dropped {
        return;
    }
    let today = window.first;
    let watching = || show.progress.state() == super::WatchState::Watching;
    for (episode, _) in window
        .airings(guide)
        .filter(|(e, _)| e.episode.season() > 0)
    {
        let news = match guide.landmark(episode.episode, show.status) {
            Some(Landmark::Premiere) => EpisodeNews::Premiere,
            Some(Landmark::Finale) => EpisodeNews::Finale,
            Some(Landmark::SeriesFinale) => EpisodeNews::SeriesFinale,
            None if new_episodes && watching() => EpisodeNews::NewEpisode,
            None => continue,
        };
        alerts.push(EpisodeAlert {
            show: 0,
            episode: episode.episode,
            day: today,
            news,
        });
    }
    // The last season's premiere, once dated and still to come.
    let last_season = guide.episodes.last().map_or(0, |e| e.episode.season());
    if let Some(first) = guide
        .season(last_season)
        .first()
        .filter(|_| last_season > 0)
        .filter(|e| !window.long_before(e))
        && let Some(day) = first.day_in(window.tz).filter(|d| *d > today)
    {
        alerts.push(EpisodeAlert {
            show: 0,
            episode: first.episode,
            day,
            news: EpisodeNews::SeasonAnnounced,
        });
    }
}

/// Days from `first` to `last` in a time zone, for finding what airs on them without
/// converting every episode's time: the days as instants (a day's margin either side, as a
/// day may start at any offset), a guide passed over whole when it airs nothing near them.
struct Days<'a> {
    first: Date,
    last: Date,
    tz: &'a TimeZone,
    instants: Option<(Timestamp, Timestamp)>,
}

impl<'a> Days<'a> {
    fn new(first: Date, last: Date, tz: &'a TimeZone) -> Self {
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
    fn long_before(&self, episode: &GuideEpisode) -> bool {
        match (episode.airs_at, self.instants) {
            (Some(at), Some((from, _))) => at < from,
            (None, _) => episode.air_date.is_some_and(|d| d < self.first),
            (Some(_), None) => false,
        }
    }

    /// The episodes of `guide` airing on these days, each with its day.
    fn airings<'g>(&self, guide: &'g Guide) -> impl Iterator<Item = (&'g GuideEpisode, Date)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ExternalIds, Show};
    use jiff::civil::date;
    use std::sync::Arc;

    fn ep(season: u32, number: u32, at: &str) -> GuideEpisode {
        GuideEpisode {
            episode: EpisodeRef(season, number),
            title: format!("Episode {number}"),
            airs_at: Some(at.parse().expect("stamp")),
            air_date: None,
            runtime: Some(45),
            summary: String::new(),
        }
    }

    fn show_with(id: &str, tvmaze: u64, status: Status) -> Show {
        let mut show = Show::new(id, id, status);
        show.external_ids = ExternalIds {
            tvmaze: Some(tvmaze),
            ..ExternalIds::default()
        };
        show
    }

    fn guide() -> Guide {
        Guide::new(
            7,
            None,
            vec![
                ep(1, 2, "2026-01-08T02:00:00Z"),
                ep(1, 1, "2026-01-01T02:00:00Z"),
                ep(0, 1, "2026-01-05T02:00:00Z"),
                ep(1, 3, "2026-01-15T02:00:00Z"),
                ep(2, 1, "2026-12-03T02:00:00Z"),
                ep(2, 2, "2026-12-10T02:00:00Z"),
            ],
        )
    }

    #[test]
    fn a_guide_is_kept_in_order_and_answers_by_season() {
        let guide = guide();
        assert_eq!(guide.episodes[0].episode, EpisodeRef(0, 1));
        assert_eq!(guide.season(1).len(), 3);
        assert_eq!(guide.season_lengths(), vec![(1, 3), (2, 2)]);
        assert_eq!(
            guide.get(EpisodeRef(1, 3)).map(|e| e.title.as_str()),
            Some("Episode 3")
        );
        assert_eq!(
            guide.landmark(EpisodeRef(2, 1), Status::Returning),
            Some(Landmark::Premiere)
        );
        assert_eq!(
            guide.landmark(EpisodeRef(1, 3), Status::Returning),
            Some(Landmark::Finale)
        );
        assert_eq!(
            guide.landmark(EpisodeRef(2, 2), Status::Canceled),
            Some(Landmark::SeriesFinale)
        );
        assert_eq!(guide.landmark(EpisodeRef(1, 2), Status::Returning), None);
    }

    #[test]
    fn the_next_aired_episode_skips_specials_gaps_behind_and_what_has_not_aired() {
        let guide = guide();
        let now: Timestamp = "2026-11-30T12:00:00Z".parse().expect("now");
        let mut progress = Progress::default();
        assert_eq!(
            guide.next_aired(&progress, now).map(|e| e.episode),
            Some(EpisodeRef(1, 1))
        );
        // Watched 1 and 3 (2 is a gap behind where the user is): nothing aired is next.
        progress
            .mark_watched(&[EpisodeRef(1, 1), EpisodeRef(1, 3)], None)
            .expect("marks");
        assert_eq!(guide.next_aired(&progress, now), None);
        let later: Timestamp = "2026-12-04T00:00:00Z".parse().expect("later");
        assert_eq!(
            guide.next_aired(&progress, later).map(|e| e.episode),
            Some(EpisodeRef(2, 1))
        );
    }

    #[test]
    fn up_next_lists_started_shows_with_an_aired_unwatched_episode_latest_watched_first() {
        let mut watchlist = Watchlist::default();
        let mut a = show_with("a", 7, Status::Returning);
        a.progress
            .mark_watched(&[EpisodeRef(1, 1)], Some(date(2026, 11, 1)))
            .expect("marks");
        let mut b = show_with("b", 7, Status::Returning);
        b.progress
            .mark_watched(
                &[EpisodeRef(1, 1), EpisodeRef(1, 2)],
                Some(date(2026, 11, 20)),
            )
            .expect("marks");
        let never = show_with("never", 7, Status::Returning);
        let mut dropped = show_with("dropped", 7, Status::Returning);
        dropped
            .progress
            .mark_watched(&[EpisodeRef(1, 1)], None)
            .expect("marks");
        dropped.progress.dropped = true;
        watchlist.shows = vec![Arc::new(a), Arc::new(b), Arc::new(never), Arc::new(dropped)];
        let guides: Guides = [(7, Arc::new(guide()))].into_iter().collect();
        let now: Timestamp = "2026-11-30T12:00:00Z".parse().expect("now");
        let rows = up_next(&watchlist, &guides, now);
        let got: Vec<(usize, EpisodeRef)> = rows.iter().map(|r| (r.show, r.episode)).collect();
        assert_eq!(got, vec![(1, EpisodeRef(1, 3)), (0, EpisodeRef(1, 2))]);
        assert_eq!(rows[0].title.as_deref(), Some("Episode 3"));
    }

    #[test]
    fn episode_alerts_tell_premieres_finales_new_seasons_and_new_episodes_when_asked() {
        let day = |d: i8| format!("2026-12-{d:02}T20:00:00Z");
        let guide = Guide::new(
            7,
            None,
            vec![
                ep(1, 1, &day(1)),
                ep(1, 2, &day(2)),
                ep(1, 3, &day(3)),
                ep(2, 1, &day(20)),
            ],
        );
        let guides: Guides = [(7, Arc::new(guide))].into_iter().collect();
        let mut watching = show_with("a", 7, Status::Returning);
        watching
            .progress
            .mark_watched(&[EpisodeRef(1, 1)], None)
            .expect("marks");
        let watchlist = Watchlist {
            shows: vec![Arc::new(watching)],
            ..Watchlist::default()
        };
        let utc = TimeZone::UTC;
        let news = |today: Date, new_episodes: bool| {
            episode_alerts(&watchlist, &guides, today, &utc, new_episodes)
                .iter()
                .map(|a| (a.news, a.episode, a.text()))
                .collect::<Vec<_>>()
        };
        let announced = (
            EpisodeNews::SeasonAnnounced,
            EpisodeRef(2, 1),
            "Season 2 premieres Sun 20 Dec".to_owned(),
        );
        assert_eq!(
            news(date(2026, 12, 1), false),
            vec![
                (
                    EpisodeNews::Premiere,
                    EpisodeRef(1, 1),
                    "Season 1 premieres today".to_owned()
                ),
                announced.clone()
            ]
        );
        assert_eq!(news(date(2026, 12, 2), false), vec![announced.clone()]);
        assert_eq!(
            news(date(2026, 12, 2), true)[0],
            (
                EpisodeNews::NewEpisode,
                EpisodeRef(1, 2),
                "New episode today: S1E2".to_owned()
            )
        );
        assert_eq!(news(date(2026, 12, 3), false)[0].0, EpisodeNews::Finale);
        // On the premiere day the announcement gives way to the premiere.
        assert_eq!(
            news(date(2026, 12, 20), false),
            vec![(
                EpisodeNews::Premiere,
                EpisodeRef(2, 1),
                "Season 2 premieres today".to_owned()
            )]
        );
    }

    #[test]
    fn the_alerts_memo_follows_edits_days_and_the_setting() {
        let day = |d: i8| format!("2026-12-{d:02}T20:00:00Z");
        let guide = Guide::new(
            7,
            None,
            vec![ep(1, 1, &day(1)), ep(1, 2, &day(2)), ep(1, 3, &day(9))],
        );
        let guides: Guides = [(7, Arc::new(guide))].into_iter().collect();
        let mut a = show_with("a", 7, Status::Returning);
        a.progress
            .mark_watched(&[EpisodeRef(1, 1)], None)
            .expect("marks");
        let mut watchlist = Watchlist {
            shows: vec![Arc::new(a.clone()), Arc::new(a)],
            ..Watchlist::default()
        };
        let utc = TimeZone::UTC;
        let mut memo = EpisodeAlertsMemo::default();
        let shows = |alerts: Vec<EpisodeAlert>| alerts.iter().map(|a| a.show).collect::<Vec<_>>();
        let today = date(2026, 12, 2);
        assert_eq!(
            shows(memo.alerts(&watchlist, &guides, today, &utc, true)),
            [0, 1]
        );
        // The second show dropped: its alert goes, the first one's stays.
        Arc::make_mut(&mut watchlist.shows[1]).progress.dropped = true;
        assert_eq!(
            shows(memo.alerts(&watchlist, &guides, today, &utc, true)),
            [0]
        );
        assert_eq!(
            memo.alerts(&watchlist, &guides, today, &utc, true),
            episode_alerts(&watchlist, &guides, today, &utc, true),
            "the same as working every show out"
        );
        // Another setting or another day is worked out afresh.
        assert!(
            memo.alerts(&watchlist, &guides, today, &utc, false)
                .is_empty()
        );
        assert_eq!(
            memo.alerts(&watchlist, &guides, date(2026, 12, 1), &utc, false)[0].news,
            EpisodeNews::Premiere
        );
    }

    #[test]
    fn the_memo_works_out_an_edited_show_again_and_keeps_the_others() {
        let guides: Guides = [(7, Arc::new(guide()))].into_iter().collect();
        let mut a = show_with("a", 7, Status::Returning);
        a.progress
            .mark_watched(&[EpisodeRef(1, 1)], None)
            .expect("marks");
        let mut watchlist = Watchlist {
            shows: vec![Arc::new(a.clone()), Arc::new(a)],
            ..Watchlist::default()
        };
        let now: Timestamp = "2026-11-30T12:00:00Z".parse().expect("now");
        let mut memo = UpNextMemo::default();
        let episodes = |rows: Vec<UpNext>| rows.iter().map(|r| r.episode).collect::<Vec<_>>();
        assert_eq!(
            episodes(memo.rows(&watchlist, &guides, now)),
            [EpisodeRef(1, 2), EpisodeRef(1, 2)]
        );
        Arc::make_mut(&mut watchlist.shows[1])
            .progress
            .mark_watched(&[EpisodeRef(1, 2)], None)
            .expect("marks");
        assert_eq!(
            episodes(memo.rows(&watchlist, &guides, now)),
            [EpisodeRef(1, 2), EpisodeRef(1, 3)]
        );
        // Time passing needs no edit: S2E1 airs on 3 December.
        Arc::make_mut(&mut watchlist.shows[1])
            .progress
            .mark_watched(&[EpisodeRef(1, 3)], None)
            .expect("marks");
        assert_eq!(
            episodes(memo.rows(&watchlist, &guides, now)),
            [EpisodeRef(1, 2)]
        );
        let later: Timestamp = "2026-12-04T00:00:00Z".parse().expect("later");
        assert_eq!(
            episodes(memo.rows(&watchlist, &guides, later)),
            [EpisodeRef(1, 2), EpisodeRef(2, 1)]
        );
    }

    #[test]
    fn the_calendar_day_follows_daylight_saving_time() {
        // Central European rules, without a time zone database: +1 in winter, +2 from 02:00
        // local on the last Sunday of March (29 March 2026).
        let paris = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").expect("rules");
        let guide = Guide::new(
            7,
            None,
            vec![
                // 23:30 UTC on 28 March is 00:30 on the 29th in Paris (winter time, +1).
                ep(1, 1, "2026-03-28T23:30:00Z"),
                // 22:30 UTC on 29 March is 00:30 on the 30th (summer time, +2), not 23:30.
                ep(1, 2, "2026-03-29T22:30:00Z"),
            ],
        );
        let days: Vec<Option<Date>> = guide.episodes().iter().map(|e| e.day_in(&paris)).collect();
        assert_eq!(days, [Some(date(2026, 3, 29)), Some(date(2026, 3, 30))]);
        // The same instants a day apart in UTC: 28 and 29 March.
        let utc: Vec<Option<Date>> = guide
            .episodes()
            .iter()
            .map(|e| e.day_in(&TimeZone::UTC))
            .collect();
        assert_eq!(utc, [Some(date(2026, 3, 28)), Some(date(2026, 3, 29))]);
    }

    #[test]
    fn the_calendar_groups_by_the_users_day_across_midnight() {
        let watchlist = Watchlist {
            shows: vec![Arc::new(show_with("a", 7, Status::Canceled))],
            ..Watchlist::default()
        };
        let guides: Guides = [(7, Arc::new(guide()))].into_iter().collect();
        let today = date(2026, 11, 30);
        // 02:00 UTC on 3 December is still 2 December five hours west.
        let new_york = TimeZone::fixed(jiff::tz::offset(-5));
        let days = calendar(&watchlist, &guides, today, &new_york, 7, 30);
        assert_eq!(
            days.keys().copied().collect::<Vec<_>>(),
            vec![date(2026, 12, 2), date(2026, 12, 9)]
        );
        let premiere = &days[&date(2026, 12, 2)][0];
        assert_eq!(premiere.landmark, Some(Landmark::Premiere));
        assert_eq!(
            days[&date(2026, 12, 9)][0].landmark,
            Some(Landmark::SeriesFinale)
        );
        let days = calendar(&watchlist, &guides, today, &TimeZone::UTC, 7, 30);
        assert!(days.contains_key(&date(2026, 12, 3)));
    }
}
