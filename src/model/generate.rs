//! Realistic synthetic watchlists of any size, for benchmarks and stress tests
//! (`cargo run --release --example generate -- 10000 > big.ron`).

use std::sync::Arc;

use jiff::civil::date;

use super::{
    Billing, CastMember, EpisodeRef, SCHEMA_VERSION, Score, ScoreKind, ScoreSource, Show, Source,
    Status, StatusChange, Storyline, StorylineState, Watchlist,
};

const ADJECTIVES: &[&str] = &[
    "Silent", "Golden", "Broken", "Hidden", "Last", "Northern", "Midnight", "Crimson", "Lost",
    "Electric", "Quiet", "Wild", "Gilded", "Hollow", "Burning", "Distant", "Painted", "Restless",
];
const NOUNS: &[&str] = &[
    "Harbor",
    "Empire",
    "Garden",
    "Signal",
    "Kingdom",
    "Station",
    "Orchard",
    "Ballet",
    "Frontier",
    "Archive",
    "Lighthouse",
    "Verdict",
    "Orchestra",
    "Circuit",
    "Carnival",
    "Dynasty",
    "Border",
];
/// The user's own tags: a few, shared by many shows.
const TAGS: &[&str] = &[
    "comfort",
    "rewatch",
    "with Sam",
    "weekend",
    "book adaptation",
    "favourite",
    "background",
];

const NETWORKS: &[&str] = &[
    "Prime Video",
    "Netflix",
    "HBO",
    "Apple TV+",
    "FX",
    "AMC",
    "BBC One",
    "Hulu",
    "Peacock",
    "Disney+",
    "Paramount+",
    "The CW",
    "NBC",
    "Canal+",
];
const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dev", "Elif", "Farid", "Greta", "Hiro", "Inès", "Jack", "Kofi", "Lou",
    "Mara", "Nils", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tess",
];
const LAST: &[&str] = &[
    "Alvarez", "Brennan", "Castillo", "Dubois", "Eriksen", "Fontaine", "García", "Hughes",
    "Ibarra", "Jansen", "Kowalski", "Laâge", "Moreau", "Nakamura", "Okafor", "Petrov",
];

/// A small deterministic random number generator (xorshift64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A watchlist of `n` shows, the same for the same `n` and `seed`: about 12 cast members,
/// 5 storylines, 2 KB of notes, a status history and scores per show.
pub fn watchlist(n: usize, seed: u64) -> Watchlist {
    let mut rng = Rng(seed | 1);
    Watchlist {
        schema_version: SCHEMA_VERSION,
        shows: (0..n).map(|i| Arc::new(show(i, &mut rng))).collect(),
    }
}

/// [`watchlist`] with an episode history per show, as someone who moved from another tracker
/// has: six seasons of ten episodes known (60), the first three watched without dates (one
/// run each) and ten more watched one by one with their days, a few rated.
pub fn watchlist_with_episodes(n: usize, seed: u64) -> Watchlist {
    let mut watchlist = watchlist(n, seed);
    let mut rng = Rng(seed.rotate_left(7) | 1);
    for show in &mut watchlist.shows {
        let progress = &mut Arc::make_mut(show).progress;
        progress.learn_lengths((1..=6).map(|season| (season, 10)));
        let undated: Vec<_> = (1..=3)
            .flat_map(|season| (1..=10).map(move |n| EpisodeRef(season, n)))
            .collect();
        // Generated data is in range: marking cannot fail.
        let _ = progress.mark_watched(&undated, None);
        let first = date(2025, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8);
        for n in 1..=10u32 {
            let day = first
                .checked_add(jiff::Span::new().days(i64::from(n) * (1 + rng.below(7) as i64)))
                .unwrap_or(first);
            let _ = progress.mark_watched(&[EpisodeRef(4, n)], Some(day));
        }
    }
    watchlist
}

/// Episode guides for [`watchlist_with_episodes`]'s shows, as a check would cache them: each
/// show gets TVmaze id `i + 1` (set on `watchlist` too) and six seasons of ten weekly episodes,
/// a season a year; for one show in five the last season is airing around `today` (some of it
/// aired, some to come), the others ended years ago.
pub fn guides(
    watchlist: &mut Watchlist,
    seed: u64,
    today: jiff::civil::Date,
) -> super::guide::Guides {
    use super::guide::{Guide, GuideEpisode};
    let mut rng = Rng(seed.rotate_left(13) | 1);
    let mut guides = super::guide::Guides::new();
    for (i, show) in watchlist.shows.iter_mut().enumerate() {
        let tvmaze = i as u64 + 1;
        Arc::make_mut(show).external_ids.tvmaze = Some(tvmaze);
        let airing_now = rng.below(5) == 0;
        // The last season's premiere: a few weeks before today, or years before.
        let weeks_back = if airing_now {
            2 + rng.below(8) as i64
        } else {
            52 * (2 + rng.below(10) as i64)
        };
        let last_premiere = today
            .checked_sub(jiff::Span::new().days(7 * weeks_back))
            .unwrap_or(today);
        let mut episodes = Vec::with_capacity(60);
        for season in 1..=6u32 {
            let premiere = last_premiere
                .checked_sub(jiff::Span::new().days(364 * i64::from(6 - season)))
                .unwrap_or(last_premiere);
            for number in 1..=10u32 {
                let day = premiere
                    .checked_add(jiff::Span::new().days(7 * i64::from(number - 1)))
                    .unwrap_or(premiere);
                let airs_at = jiff::tz::TimeZone::UTC
                    .to_timestamp(day.at(21, 0, 0, 0))
                    .ok();
                episodes.push(GuideEpisode {
                    episode: EpisodeRef(season, number),
                    title: format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
                    airs_at,
                    air_date: Some(day),
                    runtime: Some(45),
                    summary: String::new(),
                });
            }
        }
        guides.insert(tvmaze, Arc::new(Guide::new(tvmaze, None, episodes)));
    }
    guides
}

fn show(i: usize, rng: &mut Rng) -> Show {
    let title = format!("The {} {} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS), i + 1);
    let status = Status::ALL[rng.below(Status::ALL.len())];
    let mut show = Show::new(format!("show-{}", i + 1), title, status);
    show.network = Some(rng.pick(NETWORKS).into());
    show.creators = (0..1 + rng.below(2)).map(|_| person(rng).into()).collect();
    show.studios = vec![format!("{} Studios", rng.pick(NOUNS)).into()];
    let year = 2000 + rng.below(25) as i16;
    show.status_history = (0..2 + rng.below(3))
        .map(|k| StatusChange {
            status: if k == 0 {
                Status::Airing
            } else {
                Status::ALL[rng.below(7)]
            },
            on: Some(date(
                year + k as i16,
                1 + rng.below(12) as i8,
                1 + rng.below(28) as i8,
            )),
            source: if rng.below(2) == 0 {
                Source::Manual
            } else {
                Source::TvMaze
            },
            note: "renewal news from the network".to_owned(),
            seen: true,
        })
        .collect();
    if let Some(last) = show.status_history.last_mut() {
        last.status = status;
    }
    let mut critic = Score::new(
        ScoreSource::RottenTomatoes,
        ScoreKind::Critic,
        (40 + rng.below(50)) as f64,
        Some(date(year, 3, 1)),
    );
    // The critics' score as it settled over the first season: two later readings.
    for month in [6, 9] {
        let moved = (critic.value + rng.below(11) as f64 - 5.0).clamp(0.0, 100.0);
        critic.record(Score::new(
            ScoreSource::RottenTomatoes,
            ScoreKind::Critic,
            moved,
            Some(date(year, month, 1)),
        ));
    }
    show.scores = vec![
        critic,
        Score::new(
            ScoreSource::Imdb,
            ScoreKind::Audience,
            (50 + rng.below(45)) as f64 / 10.0,
            Some(date(year, 6, 1)),
        ),
    ];
    show.cast = (0..12)
        .map(|k| CastMember {
            actor: person(rng).into(),
            character: Some(rng.pick(FIRST).into()),
            billing: if k < 5 {
                Billing::Main
            } else {
                Billing::Recurring
            },
        })
        .collect();
    show.storylines = (0..5)
        .map(|k| Storyline {
            title: format!(
                "{} and the {}",
                rng.pick(FIRST),
                rng.pick(NOUNS).to_lowercase()
            )
            .into(),
            state: StorylineState::ALL[rng.below(3)],
            left_at: Some(EpisodeRef(1 + k as u32 % 3, 1 + rng.below(10) as u32)),
            characters: [rng.pick(FIRST), rng.pick(FIRST)].into_iter().collect(),
            text: "Left on a cliffhanger: the letter was never opened, and the season ended \
                   before anyone asked who sent it.\nWorth rewatching the last two episodes."
                .into(),
            created: Some(date(year, 2 + k as i8, 10)),
            updated: Some(date(year + 1, 1 + k as i8, 20)),
            may_be_answered_in: None,
            resolved_in: None,
        })
        .collect();
    let sentence = "A note about why this show matters, which episodes to rewatch, and \
                    what the finale left open. ";
    show.notes = sentence.repeat(2048 / sentence.len() + 1);
    // Tags from the show's number, not the generator, so earlier fields stay as they were.
    show.tags = (0..i % 3)
        .map(|k| TAGS[(i + 5 * k) % TAGS.len()].into())
        .collect();
    show
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_watchlists_are_realistic_and_repeatable() {
        let watchlist = super::watchlist(50, 7);
        assert_eq!(watchlist, super::watchlist(50, 7));
        let show = &watchlist.shows[0];
        assert_eq!((show.cast.len(), show.storylines.len()), (12, 5));
        assert!(show.notes.len() >= 2048);
        let text = crate::store::to_ron(&watchlist).expect("ron");
        assert_eq!(
            crate::store::from_ron(&text, "g.ron".as_ref()).expect("loads"),
            watchlist
        );
    }
}
