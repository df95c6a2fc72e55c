//! Watch progress: episodes watched per season, what is up next, caught up or not.

use serde::{Deserialize, Serialize};

use super::EpisodeRef;

/// How far the user is with a show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Episodes watched in each season, season 1 first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watched: Vec<u32>,
    /// Episodes in each season, where known (0: not known yet); filled in from the catalog.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub episodes: Vec<u32>,
    /// The user stopped watching on purpose.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dropped: bool,
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

    /// How many seasons the progress covers.
    pub fn seasons(&self) -> usize {
        self.watched.len().max(self.episodes.len())
    }

    /// Episodes watched in season `number` (from 1).
    pub fn watched_in(&self, number: usize) -> u32 {
        self.watched
            .get(number.wrapping_sub(1))
            .copied()
            .unwrap_or(0)
    }

    /// Episodes known in season `number` (from 1); 0 when not known.
    pub fn episodes_in(&self, number: usize) -> u32 {
        self.episodes
            .get(number.wrapping_sub(1))
            .copied()
            .unwrap_or(0)
    }

    /// The next episode to watch: the first one not watched in a season whose length is known,
    /// or the next one in the last season when its length is not known. `None` once caught up.
    pub fn up_next(&self) -> Option<EpisodeRef> {
        let seasons = self.seasons();
        if seasons == 0 {
            return Some(EpisodeRef(1, 1));
        }
        for number in 1..=seasons {
            let (watched, episodes) = (self.watched_in(number), self.episodes_in(number));
            let unknown_last = episodes == 0 && number == seasons;
            if unknown_last || watched < episodes {
                return Some(EpisodeRef(number as u32, watched + 1));
            }
        }
        None
    }

    /// True when every episode of every known season is watched.
    pub fn caught_up(&self) -> bool {
        self.seasons() > 0 && self.up_next().is_none()
    }

    /// Where the user stands.
    pub fn state(&self) -> WatchState {
        if self.dropped {
            WatchState::Dropped
        } else if self.caught_up() {
            WatchState::CaughtUp
        } else if self.watched.iter().any(|&w| w > 0) {
            WatchState::Watching
        } else {
            WatchState::NotStarted
        }
    }

    /// Marks the next episode watched (see [`Progress::up_next`]); nothing when caught up.
    pub fn watch_next(&mut self) -> Option<EpisodeRef> {
        let next = self.up_next()?;
        let season = next.season() as usize;
        if self.watched.len() < season {
            self.watched.resize(season, 0);
        }
        self.watched[season - 1] = next.episode();
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_show_starts_at_the_first_episode() {
        let mut progress = Progress::default();
        assert_eq!(progress.state(), WatchState::NotStarted);
        assert_eq!(progress.up_next(), Some(EpisodeRef(1, 1)));
        assert_eq!(progress.watch_next(), Some(EpisodeRef(1, 1)));
        assert_eq!(progress.state(), WatchState::Watching);
        assert_eq!(progress.up_next(), Some(EpisodeRef(1, 2)));
    }

    #[test]
    fn known_seasons_lead_to_the_next_season_then_caught_up() {
        let mut progress = Progress {
            watched: vec![8, 9],
            episodes: vec![8, 10],
            dropped: false,
        };
        assert_eq!(progress.up_next(), Some(EpisodeRef(2, 10)));
        progress.watch_next();
        assert!(progress.caught_up());
        assert_eq!(progress.state(), WatchState::CaughtUp);
        assert_eq!(progress.watch_next(), None);
        // A new season listed by the catalog: not caught up any more.
        progress.learn_lengths([(3, 6)]);
        assert_eq!(progress.up_next(), Some(EpisodeRef(3, 1)));
        assert_eq!(progress.state(), WatchState::Watching);
    }

    #[test]
    fn dropped_wins_over_everything() {
        let progress = Progress {
            watched: vec![2],
            episodes: vec![8],
            dropped: true,
        };
        assert_eq!(progress.state(), WatchState::Dropped);
        assert_eq!(WatchState::CaughtUp.word(), "caught-up");
    }
}
