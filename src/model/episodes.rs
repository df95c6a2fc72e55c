//! The episodes a user watched, as the file keeps them: a run of episodes watched without dates
//! is one entry (`(season: 2, from: 1, to: 5)` reads "season 2, episodes 1–5"), and an episode
//! with dates, a rating, a note or marked skipped is an entry of its own
//! (`(season: 2, from: 6, on: ["2026-11-02"])`). Specials are season 0.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One entry of the watched episodes: a run without dates, or one episode with its details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub season: u32,
    /// The first episode (the only one when `to` is left out).
    pub from: u32,
    /// The last episode of a run watched without dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u32>,
    /// The days it was watched, oldest first (a rewatch adds one); empty when not known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on: Vec<Date>,
    /// The user's rating of the episode, out of 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// A short note on the episode.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Watched past without watching it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
}

/// What is known of one episode the user watched (or skipped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    pub on: Vec<Date>,
    pub rating: Option<u8>,
    pub note: String,
    pub skipped: bool,
}

impl Mark {
    /// A mark with nothing but "watched": kept in runs.
    fn is_plain(&self) -> bool {
        *self == Mark::default()
    }
}

impl Seen {
    /// The last episode this entry covers.
    pub fn last(&self) -> u32 {
        self.to.unwrap_or(self.from).max(self.from)
    }

    /// How many episodes it covers.
    pub fn len(&self) -> u32 {
        self.last() - self.from + 1
    }

    /// Never empty: an entry covers at least one episode.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The episodes it covers.
    pub fn episodes(&self) -> impl Iterator<Item = EpisodeRef> + '_ {
        (self.from..=self.last()).map(|number| EpisodeRef(self.season, number))
    }
}

/// The watched episodes one by one, from the file's entries.
pub fn marks(seen: &[Seen]) -> BTreeMap<EpisodeRef, Mark> {
    let mut marks = BTreeMap::new();
    for entry in seen {
        for episode in entry.episodes() {
            let mark = Mark {
                on: entry.on.clone(),
                rating: entry.rating,
                note: entry.note.clone(),
                skipped: entry.skipped,
            };
            marks
                .entry(episode)
                .and_modify(|known: &mut Mark| merge_into(known, &mark))
                .or_insert(mark);
        }
    }
    marks
}

/// The same episode listed twice (written by hand, or merged): its dates together, the rest
/// kept where given.
pub fn merge_into(known: &mut Mark, more: &Mark) {
    for day in &more.on {
        if !known.on.contains(day) {
            known.on.push(*day);
        }
    }
    known.on.sort_unstable();
    known.rating = known.rating.or(more.rating);
    if known.note.is_empty() {
        known.note.clone_from(&more.note);
    }
    known.skipped &= more.skipped;
}

/// The file's entries for `marks`: runs of plain episodes joined, the rest one entry each, in
/// order.
pub fn entries(marks: &BTreeMap<EpisodeRef, Mark>) -> Vec<Seen> {
    let mut seen: Vec<Seen> = Vec::new();
    for (episode, mark) in marks {
        if mark.is_plain()
            && let Some(last) = seen.last_mut()
            && last.season == episode.season()
            && last.on.is_empty()
            && last.rating.is_none()
            && last.note.is_empty()
            && !last.skipped
            && last.last() + 1 == episode.episode()
        {
            last.to = Some(episode.episode());
            continue;
        }
        seen.push(Seen {
            season: episode.season(),
            from: episode.episode(),
            to: None,
            on: mark.on.clone(),
            rating: mark.rating,
            note: mark.note.clone(),
            skipped: mark.skipped,
        });
    }
    seen
}

/// Runs of episodes 1..=n for each season's count: what a version-1 file's
/// `watched: [8, 3]` means.
pub fn from_counts(counts: &[u32]) -> Vec<Seen> {
    counts
        .iter()
        .zip(1u32..)
        .filter(|(count, _)| **count > 0)
        .map(|(&count, season)| Seen {
            season,
            from: 1,
            to: (count > 1).then_some(count),
            on: Vec::new(),
            rating: None,
            note: String::new(),
            skipped: false,
        })
        .collect()
}

/// Episodes written as a user types them: `S01E03`, `s1e3`, a range `S01E04-S01E08` or
/// `S01E04-08`, or a whole season `S02`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EpisodeSpec {
    One(EpisodeRef),
    Range(EpisodeRef, EpisodeRef),
    Season(u32),
}

/// Why an episode could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not an episode: write S01E03, a range S01E04-S01E08, or a season S02")]
pub struct BadEpisode(pub String);

impl std::str::FromStr for EpisodeSpec {
    type Err = BadEpisode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadEpisode(text.to_owned());
        let lower = text.trim().to_ascii_lowercase();
        let (first, rest) = match lower.split_once('-') {
            Some((first, rest)) => (first, Some(rest)),
            None => (lower.as_str(), None),
        };
        let season_of = |s: &str| -> Option<u32> { s.strip_prefix('s')?.parse().ok() };
        let episode_of = |s: &str| -> Option<EpisodeRef> {
            let (season, episode) = s.strip_prefix('s')?.split_once('e')?;
            let episode: u32 = episode.parse().ok()?;
            (episode > 0).then_some(EpisodeRef(season.parse().ok()?, episode))
        };
        match (episode_of(first), rest) {
            (Some(one), None) => Ok(EpisodeSpec::One(one)),
            (Some(start), Some(end)) => {
                let end = episode_of(end)
                    .or_else(|| Some(EpisodeRef(start.season(), end.parse().ok()?)))
                    .ok_or_else(bad)?;
                if end.season() != start.season() || end.episode() < start.episode() {
                    return Err(bad());
                }
                Ok(EpisodeSpec::Range(start, end))
            }
            (None, None) => season_of(first).map(EpisodeSpec::Season).ok_or_else(bad),
            (None, Some(_)) => Err(bad()),
        }
    }
}

impl std::fmt::Display for EpisodeSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EpisodeSpec::One(one) => write!(f, "{one}"),
            EpisodeSpec::Range(start, end) => write!(f, "{start}-{end}"),
            EpisodeSpec::Season(season) => write!(f, "S{season}"),
        }
    }
}

/// Where in a show something was left: season and episode, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EpisodeRef(pub u32, pub u32);

impl EpisodeRef {
    /// The season number.
    pub fn season(self) -> u32 {
        self.0
    }

    /// The episode number within the season.
    pub fn episode(self) -> u32 {
        self.1
    }
}

impl std::fmt::Display for EpisodeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "S{}E{}", self.0, self.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn runs_without_dates_stay_one_entry_and_details_stand_alone() {
        let mut marks = BTreeMap::new();
        for n in 1..=5 {
            marks.insert(EpisodeRef(2, n), Mark::default());
        }
        marks.insert(
            EpisodeRef(2, 6),
            Mark {
                on: vec![date(2026, 11, 2)],
                ..Mark::default()
            },
        );
        marks.insert(EpisodeRef(2, 7), Mark::default());
        marks.insert(EpisodeRef(0, 1), Mark::default());
        let seen = entries(&marks);
        assert_eq!(seen.len(), 4, "{seen:?}");
        assert_eq!((seen[0].season, seen[0].from, seen[0].to), (0, 1, None));
        assert_eq!((seen[1].season, seen[1].from, seen[1].to), (2, 1, Some(5)));
        assert_eq!(seen[2].on, [date(2026, 11, 2)]);
        assert_eq!((seen[3].from, seen[3].to), (7, None));
        assert_eq!(self::marks(&seen), marks, "read back as written");
    }

    #[test]
    fn version_one_counts_become_runs() {
        let seen = from_counts(&[8, 0, 1]);
        assert_eq!(seen.len(), 2);
        assert_eq!((seen[0].season, seen[0].from, seen[0].to), (1, 1, Some(8)));
        assert_eq!((seen[1].season, seen[1].from, seen[1].to), (3, 1, None));
    }

    #[test]
    fn episodes_are_read_as_people_type_them() {
        let one = |s, e| EpisodeSpec::One(EpisodeRef(s, e));
        assert_eq!("S01E03".parse(), Ok(one(1, 3)));
        assert_eq!("s1e3".parse(), Ok(one(1, 3)));
        assert_eq!(
            "S01E04-S01E08".parse(),
            Ok(EpisodeSpec::Range(EpisodeRef(1, 4), EpisodeRef(1, 8)))
        );
        assert_eq!(
            "S1E4-8".parse(),
            Ok(EpisodeSpec::Range(EpisodeRef(1, 4), EpisodeRef(1, 8)))
        );
        assert_eq!("S02".parse(), Ok(EpisodeSpec::Season(2)));
        assert_eq!("S00E01".parse(), Ok(one(0, 1)), "a special");
        for bad in [
            "",
            "E3",
            "S1E",
            "S1E0",
            "S1E8-S1E4",
            "S1E4-S2E1",
            "S1E4-x",
            "3",
        ] {
            assert!(bad.parse::<EpisodeSpec>().is_err(), "{bad:?}");
        }
    }
}
