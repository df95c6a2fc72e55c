//! Watch progress: episodes watched per season, what is up next, caught up or not.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::episodes::{self, EpisodeRef, EpisodeSpec, Mark, Seen};

/// How far the user is with a show: the episodes watched (see [`super::episodes`]), the
/// seasons' lengths where known, and whether the user dropped it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The episodes watched (or skipped), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<Seen>,
    /// Episodes in each season, where known (0: not known yet); filled in from the catalog.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub episodes: Vec<u32>,
    /// The user stopped watching on purpose.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dropped: bool,
    /// Version 1's count of episodes watched per season: read from older files, turned into
    /// `seen` by [`super::Watchlist::migrate`], never written.
    #[serde(default, rename = "watched", skip_serializing)]
    pub counts_v1: Vec<u32>,
}

/// Why episodes could not be marked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EpisodeError {
    #[error("season {season} has {len} episodes; there is no episode {episode}")]
    PastTheSeason { season: u32, episode: u32, len: u32 },
    #[error("season {0} is not known yet (how many episodes it has)")]
    SeasonLengthUnknown(u32),
    #[error("{0} is not marked watched; mark it watched to rate it")]
    NotWatched(EpisodeRef),
    #[error("a rating is out of 10, not {0}")]
    RatingOutOfRange(u8),
}

/// Where the user stands with a show, for the smart lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WatchState {
    NotStarted,
    Watching,
    CaughtUp,
    Dropped,
}

impl WatchState {
    /// The word used in JSON, e.g. `caught-up`.
    pub fn word(self) -> &'static str {
        match self {
            WatchState::NotStarted => "not-started",
            WatchState::Watching => "watching",
            WatchState::CaughtUp => "caught-up",
            WatchState::Dropped => "dropped",
        }
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            WatchState::NotStarted => "Not started",
            WatchState::Watching => "Watching",
            WatchState::CaughtUp => "Caught up",
            WatchState::Dropped => "Dropped",
        }
    }
}

impl Progress {
    /// True when nothing is recorded (the field is then left out of the file).
    pub fn is_empty(&self) -> bool {
        *self == Progress::default()
    }

    /// How many seasons the progress covers (specials aside): the known ones, and any with an
    /// episode watched.
    pub fn seasons(&self) -> usize {
        let watched = self.seen.iter().map(|s| s.season).max().unwrap_or(0) as usize;
        self.episodes.len().max(watched)
    }

    /// Episodes watched in season `number` (0 for specials); skipped ones do not count.
    pub fn watched_in(&self, number: usize) -> u32 {
        self.seen
            .iter()
            .filter(|s| s.season as usize == number && !s.skipped)
            .map(Seen::len)
            .sum()
    }

    /// Episodes known in season `number` (from 1); 0 when not known.
    pub fn episodes_in(&self, number: usize) -> u32 {
        self.episodes
            .get(number.wrapping_sub(1))
            .copied()
            .unwrap_or(0)
    }

    /// The watched (or skipped) episodes one by one, with what is known of each.
    pub fn marks(&self) -> BTreeMap<EpisodeRef, Mark> {
        episodes::marks(&self.seen)
    }

    /// True when `episode` was watched (not only skipped).
    pub fn is_watched(&self, episode: EpisodeRef) -> bool {
        self.seen.iter().any(|s| {
            !s.skipped
                && s.season == episode.season()
                && (s.from..=s.last()).contains(&episode.episode())
        })
    }

    /// The last day anything of the show was watched, when a day is known.
    pub fn last_watched(&self) -> Option<Date> {
        self.seen
            .iter()
            .filter(|s| !s.skipped)
            .filter_map(|s| s.on.last().copied())
            .max()
    }

    /// The furthest episode watched or skipped, specials aside.
    pub fn furthest(&self) -> Option<EpisodeRef> {
        self.seen
            .iter()
            .filter(|s| s.season > 0)
            .map(|s| EpisodeRef(s.season, s.last()))
            .max()
    }

    /// The next episode to watch: the one after the furthest watched (or skipped), into the
    /// next season when this one's length is known and reached. A gap left behind is not
    /// next: people skip on purpose. `None` once caught up.
    pub fn up_next(&self) -> Option<EpisodeRef> {
        let Some(furthest) = self.furthest() else {
            return Some(EpisodeRef(1, 1));
        };
        let (season, episode) = (furthest.season(), furthest.episode());
        let length = self.episodes_in(season as usize);
        if length == 0 || episode < length {
            return Some(EpisodeRef(season, episode + 1));
        }
        (self.episodes.len() > season as usize).then_some(EpisodeRef(season + 1, 1))
    }

    /// True when every episode of every known season is watched.
    pub fn caught_up(&self) -> bool {
        self.seasons() > 0 && self.furthest().is_some() && self.up_next().is_none()
    }

    /// Where the user stands.
    pub fn state(&self) -> WatchState {
        if self.dropped {
            WatchState::Dropped
        } else if self.caught_up() {
            WatchState::CaughtUp
        } else if self.seen.iter().any(|s| !s.skipped) {
            WatchState::Watching
        } else {
            WatchState::NotStarted
        }
    }

    /// Checks that `episode` can exist: within its season's length when that is known.
    fn check(&self, episode: EpisodeRef) -> Result<(), EpisodeError> {
        let len = self.episodes_in(episode.season() as usize);
        if episode.season() > 0 && len > 0 && episode.episode() > len {
            return Err(EpisodeError::PastTheSeason {
                season: episode.season(),
                episode: episode.episode(),
                len,
            });
        }
        Ok(())
    }

    /// Marks `list` watched, on `day` when given (an episode watched again on another day gets
    /// that day too: a rewatch). Returns whether anything changed.
    pub fn mark_watched(
        &mut self,
        list: &[EpisodeRef],
        day: Option<Date>,
    ) -> Result<bool, EpisodeError> {
        for &episode in list {
            self.check(episode)?;
        }
        let mut marks = self.marks();
        let mut changed = false;
        for &episode in list {
            let mark = marks.entry(episode).or_insert_with(|| {
                changed = true;
                Mark::default()
            });
            if mark.skipped {
                mark.skipped = false;
                changed = true;
            }
            if let Some(day) = day
                && !mark.on.contains(&day)
            {
                mark.on.push(day);
                mark.on.sort_unstable();
                changed = true;
            }
        }
        if changed {
            self.seen = episodes::entries(&marks);
        }
        Ok(changed)
    }

    /// Marks `list` skipped: watched past without watching (kept if already watched).
    pub fn mark_skipped(&mut self, list: &[EpisodeRef]) -> Result<bool, EpisodeError> {
        for &episode in list {
            self.check(episode)?;
        }
        let mut marks = self.marks();
        let mut changed = false;
        for &episode in list {
            marks.entry(episode).or_insert_with(|| {
                changed = true;
                Mark {
                    skipped: true,
                    ..Mark::default()
                }
            });
        }
        if changed {
            self.seen = episodes::entries(&marks);
        }
        Ok(changed)
    }

    /// Forgets that `list` was watched (or skipped). Returns whether anything changed.
    pub fn unmark(&mut self, list: &[EpisodeRef]) -> bool {
        let mut marks = self.marks();
        let before = marks.len();
        for episode in list {
            marks.remove(episode);
        }
        let changed = marks.len() != before;
        if changed {
            self.seen = episodes::entries(&marks);
        }
        changed
    }

    /// Sets (or with `None` clears) the user's rating of a watched episode, out of 10.
    pub fn rate(&mut self, episode: EpisodeRef, rating: Option<u8>) -> Result<bool, EpisodeError> {
        if let Some(rating) = rating.filter(|r| *r > 10) {
            return Err(EpisodeError::RatingOutOfRange(rating));
        }
        let mut marks = self.marks();
        let mark = marks
            .get_mut(&episode)
            .filter(|mark| !mark.skipped)
            .ok_or(EpisodeError::NotWatched(episode))?;
        if mark.rating == rating {
            return Ok(false);
        }
        mark.rating = rating;
        self.seen = episodes::entries(&marks);
        Ok(true)
    }

    /// Sets the user's note on a watched (or skipped) episode; an empty note clears it.
    pub fn note(&mut self, episode: EpisodeRef, note: &str) -> Result<bool, EpisodeError> {
        let mut marks = self.marks();
        let mark = marks
            .get_mut(&episode)
            .ok_or(EpisodeError::NotWatched(episode))?;
        if mark.note == note {
            return Ok(false);
        }
        mark.note = note.to_owned();
        self.seen = episodes::entries(&marks);
        Ok(true)
    }

    /// Every episode of season `season`, when its length is known.
    pub fn season_episodes(&self, season: u32) -> Result<Vec<EpisodeRef>, EpisodeError> {
        match self.episodes_in(season as usize) {
            0 => Err(EpisodeError::SeasonLengthUnknown(season)),
            len => Ok((1..=len).map(|n| EpisodeRef(season, n)).collect()),
        }
    }

    /// The episodes before and up to `episode` that are not marked yet: "watched up to here".
    /// Earlier seasons count where their length is known.
    pub fn up_to(&self, episode: EpisodeRef) -> Vec<EpisodeRef> {
        let marks = self.marks();
        let earlier = (1..episode.season()).flat_map(|season| {
            (1..=self.episodes_in(season as usize)).map(move |n| EpisodeRef(season, n))
        });
        let this = (1..=episode.episode()).map(|n| EpisodeRef(episode.season(), n));
        earlier
            .chain(this)
            .filter(|e| !marks.contains_key(e))
            .collect()
    }

    /// Marks the next episode watched, on `day` (see [`Progress::up_next`]); nothing when
    /// caught up.
    pub fn watch_next(&mut self, day: Option<Date>) -> Option<EpisodeRef> {
        let next = self.up_next()?;
        self.mark_watched(&[next], day).ok()?;
        Some(next)
    }

    /// Takes the catalog's season lengths where they are longer than what is known.
    pub fn learn_lengths(&mut self, lengths: impl IntoIterator<Item = (u32, u32)>) {
        for (number, length) in lengths {
            if number == 0 || length == 0 {
                continue;
            }
            let index = number as usize - 1;
            if self.episodes.len() <= index {
                self.episodes.resize(index + 1, 0);
            }
            self.episodes[index] = self.episodes[index].max(length);
        }
    }

    /// Turns a version-1 file's counts into watched episodes (runs 1..n, dates unknown).
    pub fn migrate_counts(&mut self) {
        let counts = std::mem::take(&mut self.counts_v1);
        if counts.is_empty() {
            return;
        }
        let mut marks = self.marks();
        for entry in episodes::from_counts(&counts) {
            for episode in entry.episodes() {
                marks.entry(episode).or_default();
            }
        }
        self.seen = episodes::entries(&marks);
    }
}

/// What an [`EpisodeSpec`] names, in a show's progress.
impl EpisodeSpec {
    /// The episodes it names in `progress`'s show: a season needs its length known.
    pub fn episodes(self, progress: &Progress) -> Result<Vec<EpisodeRef>, EpisodeError> {
        match self {
            EpisodeSpec::One(one) => Ok(vec![one]),
            EpisodeSpec::Range(start, end) => Ok((start.episode()..=end.episode())
                .map(|n| EpisodeRef(start.season(), n))
                .collect()),
            EpisodeSpec::Season(season) => progress.season_episodes(season),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn with(seasons: &[u32], watched: &[(u32, u32)]) -> Progress {
        let mut progress = Progress {
            episodes: seasons.to_vec(),
            ..Progress::default()
        };
        let list: Vec<_> = watched.iter().map(|&(s, e)| EpisodeRef(s, e)).collect();
        progress.mark_watched(&list, None).expect("marks");
        progress
    }

    #[test]
    fn a_new_show_starts_at_the_first_episode() {
        let mut progress = Progress::default();
        assert_eq!(progress.state(), WatchState::NotStarted);
        assert_eq!(progress.up_next(), Some(EpisodeRef(1, 1)));
        assert_eq!(progress.watch_next(None), Some(EpisodeRef(1, 1)));
        assert_eq!(progress.state(), WatchState::Watching);
        assert_eq!(progress.up_next(), Some(EpisodeRef(1, 2)));
    }

    #[test]
    fn known_seasons_lead_to_the_next_season_then_caught_up() {
        let mut progress = with(&[8, 10], &[]);
        let all: Vec<_> = (1..=8)
            .map(|n| EpisodeRef(1, n))
            .chain((1..=9).map(|n| EpisodeRef(2, n)))
            .collect();
        progress.mark_watched(&all, None).expect("marks");
        assert_eq!(progress.seen.len(), 2, "two runs: {:?}", progress.seen);
        assert_eq!(progress.up_next(), Some(EpisodeRef(2, 10)));
        progress.watch_next(None);
        assert!(progress.caught_up());
        assert_eq!(progress.state(), WatchState::CaughtUp);
        assert_eq!(progress.watch_next(None), None);
        // A new season listed by the catalog: not caught up any more.
        progress.learn_lengths([(3, 6)]);
        assert_eq!(progress.up_next(), Some(EpisodeRef(3, 1)));
        assert_eq!(progress.state(), WatchState::Watching);
    }

    #[test]
    fn next_follows_the_furthest_watched_past_gaps_specials_and_skips() {
        let mut progress = with(&[8], &[(1, 1), (1, 2), (1, 5), (0, 1)]);
        assert_eq!(progress.up_next(), Some(EpisodeRef(1, 6)), "after the gap");
        assert_eq!(progress.watched_in(1), 3);
        assert_eq!(progress.watched_in(0), 1, "a special");
        progress.mark_skipped(&[EpisodeRef(1, 6)]).expect("skips");
        assert_eq!(progress.up_next(), Some(EpisodeRef(1, 7)), "past the skip");
        assert_eq!(progress.watched_in(1), 3, "a skip is not watched");
        assert!(!progress.is_watched(EpisodeRef(1, 6)));
        // Up to here: the unmarked ones before it, not the skip.
        assert_eq!(
            progress.up_to(EpisodeRef(1, 7)),
            [EpisodeRef(1, 3), EpisodeRef(1, 4), EpisodeRef(1, 7)]
        );
    }

    #[test]
    fn a_rewatch_adds_a_day_and_the_same_day_twice_changes_nothing() {
        let mut progress = with(&[8], &[(1, 1)]);
        let day = date(2026, 11, 30);
        assert_eq!(
            progress.mark_watched(&[EpisodeRef(1, 1)], Some(day)),
            Ok(true)
        );
        assert_eq!(
            progress.mark_watched(&[EpisodeRef(1, 1)], Some(day)),
            Ok(false)
        );
        assert_eq!(progress.mark_watched(&[EpisodeRef(1, 1)], None), Ok(false));
        let later = date(2026, 12, 24);
        assert_eq!(
            progress.mark_watched(&[EpisodeRef(1, 1)], Some(later)),
            Ok(true)
        );
        assert_eq!(progress.marks()[&EpisodeRef(1, 1)].on, [day, later]);
        assert!(progress.unmark(&[EpisodeRef(1, 1)]));
        assert!(progress.seen.is_empty());
    }

    #[test]
    fn an_episode_past_a_known_season_is_refused_and_nothing_changes() {
        let mut progress = with(&[8], &[(1, 1)]);
        let before = progress.clone();
        assert_eq!(
            progress.mark_watched(&[EpisodeRef(1, 2), EpisodeRef(1, 999)], None),
            Err(EpisodeError::PastTheSeason {
                season: 1,
                episode: 999,
                len: 8
            })
        );
        assert_eq!(progress, before);
        // A season of unknown length takes any number.
        assert_eq!(progress.mark_watched(&[EpisodeRef(2, 30)], None), Ok(true));
        assert_eq!(
            progress.season_episodes(2),
            Err(EpisodeError::SeasonLengthUnknown(2))
        );
    }

    #[test]
    fn a_watched_episode_takes_a_rating_and_keeps_its_run_apart() {
        let mut progress = with(&[8], &[(1, 1), (1, 2), (1, 3)]);
        assert_eq!(progress.seen.len(), 1);
        assert_eq!(progress.rate(EpisodeRef(1, 2), Some(9)), Ok(true));
        assert_eq!(progress.seen.len(), 3, "the rated one stands alone");
        assert_eq!(progress.marks()[&EpisodeRef(1, 2)].rating, Some(9));
        assert_eq!(progress.rate(EpisodeRef(1, 2), Some(9)), Ok(false));
        assert_eq!(
            progress.rate(EpisodeRef(1, 5), Some(7)),
            Err(EpisodeError::NotWatched(EpisodeRef(1, 5)))
        );
        assert_eq!(
            progress.rate(EpisodeRef(1, 1), Some(11)),
            Err(EpisodeError::RatingOutOfRange(11))
        );
        assert_eq!(progress.rate(EpisodeRef(1, 2), None), Ok(true));
        assert_eq!(progress.seen.len(), 1, "back in one run");
    }

    #[test]
    fn version_one_counts_become_watched_episodes() {
        let mut progress = Progress {
            counts_v1: vec![8, 3],
            episodes: vec![8, 10],
            ..Progress::default()
        };
        progress.migrate_counts();
        assert!(progress.counts_v1.is_empty());
        assert_eq!(progress.watched_in(1), 8);
        assert_eq!(progress.watched_in(2), 3);
        assert_eq!(progress.up_next(), Some(EpisodeRef(2, 4)));
    }

    #[test]
    fn dropped_wins_over_everything() {
        let mut progress = with(&[8], &[(1, 1), (1, 2)]);
        progress.dropped = true;
        assert_eq!(progress.state(), WatchState::Dropped);
        assert_eq!(WatchState::CaughtUp.word(), "caught-up");
    }
}
