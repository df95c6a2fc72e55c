//! Reading a news article about TV shows into proposed changes, offline and deterministic: which
//! shows it is about (on the watchlist, or new), and for each the outcome (canceled, renewed,
//! ended) with its date, the network, critic scores, creators, studio, how many seasons, the
//! cast with their characters, and the storylines left open. Each fact keeps the sentence it
//! came from, for the review. No I/O: the text comes in, facts come out (see `apply` for the
//! actions they become).
//!
//! The reading is cue words and patterns, sentence by sentence, with care where a wrong answer
//! costs most: an outcome is taken only from a plain statement ("has canceled", "renewed for a
//! third season"), never from a negation ("is not being canceled"), a denial, a rumour or a
//! hypothetical ("could face cancellation"), and it goes to the show the sentence is about (the
//! nearest title, or the show the article was last talking about).

mod apply;
mod cast;
mod describe;
mod facts;
mod index;
mod networks;
pub mod page;
mod report;
mod shows;
pub mod text;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{ScoreKind, ScoreSource, Status, Watchlist};
pub use apply::{Applying, actions_for_reading};
pub use describe::describe;
pub use index::{Index, IndexCache};
pub use report::{only_show, report};

/// The most text read: longer input is cut here (a news article is a few thousand words).
pub const MAX_TEXT: usize = 256 * 1024;

/// What an article says, show by show, in the order the shows first appear.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reading {
    pub shows: Vec<ShowReading>,
    /// The article was longer than [`MAX_TEXT`] and only its beginning was read.
    pub cut: bool,
}

/// What an article says about one show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShowReading {
    /// The title as the article writes it (the watchlist's, for a show on it).
    pub title: String,
    /// The watchlist show's id; `None` for a show not on the watchlist (proposed as new).
    pub id: Option<String>,
    /// The article names it by a title not on the watchlist, and the user said which watchlist
    /// show it is ([`Reading::match_show`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub matched: bool,
    pub facts: Vec<Fact>,
}

/// One thing the article states, with the sentence that states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    #[serde(flatten)]
    pub what: What,
    pub sentence: String,
}

/// The kinds of fact read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum What {
    /// Canceled, renewed (returning) or ended (a final season announced), with the day when
    /// the article gives it.
    Outcome {
        status: Status,
        on: Option<Date>,
        final_season: bool,
    },
    Network {
        name: String,
    },
    Score {
        source: ScoreSource,
        score_kind: ScoreKind,
        value: f64,
        out_of: f64,
    },
    Creators {
        names: Vec<String>,
    },
    Studio {
        name: String,
    },
    /// How many seasons it ran, or has been ordered in all.
    Seasons {
        count: u32,
    },
    Cast {
        actor: String,
        character: Option<String>,
    },
    /// A thread left open, with the characters in it.
    Storyline {
        characters: Vec<String>,
        text: String,
    },
}

impl Reading {
    /// Takes the show at `show`, which the article names by a title not on the watchlist, as
    /// the watchlist's show `id` (the user knows them to be the same): its facts then change
    /// that show. `None` takes it back to a new show. A show that was on the watchlist by its
    /// own title is left as it is.
    pub fn match_show(&mut self, show: usize, id: Option<String>) {
        let Some(reading) = self.shows.get_mut(show) else {
            return;
        };
        if reading.id.is_some() && !reading.matched {
            return;
        }
        reading.matched = id.is_some();
        reading.id = id;
    }
}

impl ShowReading {
    /// The outcome read, if any.
    pub fn outcome(&self) -> Option<Status> {
        self.facts.iter().find_map(|f| match f.what {
            What::Outcome { status, .. } => Some(status),
            _ => None,
        })
    }
}

/// Reads `text` (plain text) against `watchlist`; `published` is the article's day, for dates
/// written without a year. Indexes the watchlist first: to read several articles, keep an
/// [`IndexCache`] and use [`read_with`].
pub fn read(text: &str, watchlist: &Watchlist, published: Option<Date>) -> Reading {
    read_with(text, watchlist, &Index::new(watchlist), published)
}

/// Reads `text` against `watchlist` with `index`, built from it ([`Index::is_for`]).
pub fn read_with(
    text: &str,
    watchlist: &Watchlist,
    index: &Index,
    published: Option<Date>,
) -> Reading {
    let cut = text.len() > MAX_TEXT;
    let text = if cut {
        &text[..text.floor_char_boundary(MAX_TEXT)]
    } else {
        text
    };
    let sentences = text::sentences(text);
    let found = shows::find(&sentences, index);
    let mut readings: Vec<ShowReading> = found
        .shows
        .iter()
        .map(|show| ShowReading {
            title: show.title.clone(),
            id: show.id.clone(),
            matched: false,
            facts: Vec::new(),
        })
        .collect();
    for (i, sentence) in sentences.iter().enumerate() {
        let about = &found.about[i];
        let mut add = |show: usize, what: What| {
            if let Some(reading) = readings.get_mut(show) {
                reading.facts.push(Fact {
                    what,
                    sentence: sentence.text.clone(),
                });
            }
        };
        for (show, what) in facts::outcomes(sentence, about, published) {
            add(show, what);
        }
        if let Some(show) = about.main() {
            for what in facts::scores(sentence)
                .into_iter()
                .chain(facts::network(sentence, index))
                .chain(facts::creators(sentence))
                .chain(facts::studio(sentence))
                .chain(facts::seasons(sentence))
            {
                add(show, what);
            }
        }
    }
    for (show, reading) in readings.iter_mut().enumerate() {
        let sentences_about: Vec<&text::Sentence> = sentences
            .iter()
            .zip(&found.about)
            .filter(|(_, about)| about.main() == Some(show))
            .map(|(s, _)| s)
            .collect();
        let known = watchlist
            .get(reading.id.as_deref().unwrap_or(""))
            .map(|s| s.cast.clone())
            .unwrap_or_default();
        let cast = cast::cast(&sentences_about, &known);
        let storylines = cast::storylines(&sentences_about, &cast, &known);
        reading.facts.extend(
            cast.into_iter()
                .map(|(what, sentence)| Fact { what, sentence }),
        );
        reading.facts.extend(
            storylines
                .into_iter()
                .map(|(what, sentence)| Fact { what, sentence }),
        );
        settle(reading);
    }
    readings.retain(|r| !r.facts.is_empty());
    Reading {
        shows: readings,
        cut,
    }
}

/// One fact of each kind where the article repeats itself: the first outcome (none when two
/// disagree: a wrong status is worse than none), the first network, creators and studio, the
/// largest season count, each score source and kind once.
fn settle(reading: &mut ShowReading) {
    let outcomes: Vec<Status> = reading
        .facts
        .iter()
        .filter_map(|f| match f.what {
            What::Outcome { status, .. } => Some(status),
            _ => None,
        })
        .collect();
    let disagree = outcomes.windows(2).any(|w| w[0] != w[1]);
    // The outcome stated twice (a headline, then the story): the statement that gives the day
    // is the one kept, with its sentence.
    let dated = reading
        .facts
        .iter()
        .position(|f| matches!(f.what, What::Outcome { on: Some(_), .. }));
    if let Some(dated) = dated {
        let fact = reading.facts.remove(dated);
        let first = reading
            .facts
            .iter()
            .position(|f| matches!(f.what, What::Outcome { .. }))
            .unwrap_or(reading.facts.len());
        reading.facts.insert(first.min(dated), fact);
    }
    // A thread with its characters makes a characterless mention of it (the same story told
    // around them) redundant.
    let with_characters = reading
        .facts
        .iter()
        .any(|f| matches!(&f.what, What::Storyline { characters, .. } if !characters.is_empty()));
    if with_characters {
        reading.facts.retain(
            |f| !matches!(&f.what, What::Storyline { characters, .. } if characters.is_empty()),
        );
    }
    let most_seasons = reading
        .facts
        .iter()
        .filter_map(|f| match f.what {
            What::Seasons { count } => Some(count),
            _ => None,
        })
        .max();
    let mut seen: Vec<String> = Vec::new();
    reading.facts.retain(|fact| {
        let key = match &fact.what {
            What::Outcome { .. } if disagree => return false,
            What::Outcome { .. } => "outcome".to_owned(),
            What::Network { .. } => "network".to_owned(),
            What::Creators { .. } => "creators".to_owned(),
            What::Studio { .. } => "studio".to_owned(),
            What::Seasons { count } => {
                if Some(*count) != most_seasons {
                    return false;
                }
                "seasons".to_owned()
            }
            What::Score {
                source, score_kind, ..
            } => format!("score {source:?} {score_kind:?}"),
            What::Cast { actor, .. } => format!("cast {actor}"),
            // One thread per set of characters (told again in a later sentence).
            What::Storyline { characters, text } if characters.is_empty() => {
                format!("storyline {text}")
            }
            What::Storyline { characters, .. } => {
                let mut characters = characters.clone();
                characters.sort();
                format!("storyline {characters:?}")
            }
        };
        if seen.contains(&key) {
            return false;
        }
        seen.push(key);
        true
    });
}

#[cfg(test)]
mod tests;
