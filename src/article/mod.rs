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
mod tests {
    use super::*;

    fn sample() -> Watchlist {
        crate::model::sample().expect("sample")
    }

    #[test]
    fn the_seed_kind_of_article_proposes_the_cancellation_score_creators_cast_and_storyline() {
        let text = "Fans of Étoile will not get a second season: Prime Video has canceled the \
            ballet dramedy from Amy Sherman-Palladino and Daniel Palladino after one season. \
            The show holds an 85% critics score on Rotten Tomatoes. Its cancellation leaves a \
            cliffhanger romance between Kirby's Jack and Lou de Laâge's Cheyenne unresolved. \
            The cast included Luke Kirby and Charlotte Gainsbourg.";
        let reading = read(text, &sample(), None);
        let etoile = &reading.shows[0];
        assert_eq!(etoile.id.as_deref(), Some("etoile"));
        assert_eq!(etoile.outcome(), Some(Status::Canceled));
        let has = |pred: &dyn Fn(&What) -> bool| etoile.facts.iter().any(|f| pred(&f.what));
        assert!(has(
            &|w| matches!(w, What::Score { value, .. } if *value == 85.0)
        ));
        assert!(has(
            &|w| matches!(w, What::Creators { names } if names.len() == 2)
        ));
        assert!(has(
            &|w| matches!(w, What::Cast { actor, character: Some(c) } if actor == "Luke Kirby" && c == "Jack")
        ));
        assert!(has(
            &|w| matches!(w, What::Cast { actor, character: Some(c) } if actor == "Lou de Laâge" && c == "Cheyenne")
        ));
        assert!(has(
            &|w| matches!(w, What::Storyline { characters, .. } if characters == &["Jack", "Cheyenne"])
        ));
    }

    #[test]
    fn negations_rumours_and_other_shows_give_no_outcome() {
        for text in [
            "Étoile is not being canceled, Prime Video said.",
            "Prime Video denied reports that Étoile had been canceled.",
            "Étoile could face cancellation if its numbers do not improve.",
            "Fans fear Étoile may be axed.",
            "Rumours that Étoile was cancelled are false.",
        ] {
            let reading = read(text, &sample(), None);
            assert!(
                reading.shows.iter().all(|s| s.outcome().is_none()),
                "{text}: {reading:?}"
            );
        }
        let text = "Slow Horses has been renewed for a fifth season, despite rumours of its \
            cancellation. Unlike Bunheads, which was canceled after one season, it thrives.";
        let reading = read(text, &sample(), None);
        let outcome = |title: &str| {
            reading
                .shows
                .iter()
                .find(|s| s.title == title)
                .and_then(ShowReading::outcome)
        };
        assert_eq!(outcome("Slow Horses"), Some(Status::Returning));
        assert_eq!(outcome("Bunheads"), Some(Status::Canceled));
    }

    #[test]
    fn a_new_show_matched_to_a_watchlist_show_changes_that_show_and_can_be_taken_back() {
        use crate::model::Action;
        let list = sample();
        let text = "Prime Video has renewed the comedy \"Mrs. Maisel\" for a sixth season. \
            \"Mrs. Maisel\" holds an 89% critics score on Rotten Tomatoes.";
        let mut reading = read(text, &list, None);
        let at = reading
            .shows
            .iter()
            .position(|s| s.id.is_none())
            .expect("the title the article uses is not the watchlist's");
        let maisel = list
            .find("The Marvelous Mrs. Maisel")
            .expect("sample")
            .id
            .clone();
        let index = Index::new(&list);
        assert_eq!(
            index
                .alike(&reading.shows[at].title, 1)
                .first()
                .map(|m| m.0),
            Some(maisel.as_str()),
            "the watchlist's title is offered first"
        );
        let applying = Applying {
            source: crate::model::Source::Url("Test Weekly".to_owned()),
            published: None,
            today: jiff::civil::date(2026, 11, 30),
        };
        let all: Vec<Vec<bool>> = reading
            .shows
            .iter()
            .map(|s| vec![true; s.facts.len()])
            .collect();
        reading.match_show(at, Some(maisel.clone()));
        assert!(reading.shows[at].matched);
        let actions = actions_for_reading(&reading, &all, &list, &applying);
        assert!(
            actions.iter().any(|a| matches!(
                a,
                Action::SetStatus { id, status: Status::Returning, .. } if *id == maisel
            )),
            "{actions:?}"
        );
        assert!(!actions.iter().any(|a| matches!(a, Action::AddShow(_))));
        // Taken back: a new show again.
        reading.match_show(at, None);
        assert!(!reading.shows[at].matched);
        let actions = actions_for_reading(&reading, &all, &list, &applying);
        assert!(
            matches!(actions.as_slice(), [Action::AddShow(show)] if show.title == "Mrs. Maisel")
        );
        // A show on the watchlist by its own title is not re-pointed.
        let mut on_list = read("Slow Horses has been renewed.", &list, None);
        on_list.match_show(0, Some(maisel.clone()));
        assert_ne!(on_list.shows[0].id, Some(maisel.clone()));
        // The command line's --show takes the article's one new show as the show named.
        let mut reading = read(text, &list, None);
        only_show(&mut reading, &list, "The Marvelous Mrs. Maisel").expect("on the watchlist");
        assert_eq!(reading.shows.len(), 1);
        assert_eq!(reading.shows[0].id.as_deref(), Some(maisel.as_str()));
        assert!(reading.shows[0].matched);
    }

    #[test]
    fn two_readings_of_one_show_become_one_shows_edits() {
        use crate::model::{Action, ShowEdit};
        let list = sample();
        // The article names the watchlist's title and, later, its own for the same show, with a
        // creator under each: both are added, neither edit undoing the other.
        let text = "Slow Horses has been renewed, and it was created by Ada Quill. The spy \
            drama \"Slough House\" has a second showrunner, Bo Chen. \"Slough House\" has \
            showrunner Bo Chen.";
        let mut reading = read(text, &list, None);
        let at = reading
            .shows
            .iter()
            .position(|s| s.id.is_none())
            .expect("a new title");
        let slow_horses = list.find("Slow Horses").expect("sample").id.clone();
        reading.match_show(at, Some(slow_horses.clone()));
        let all: Vec<Vec<bool>> = reading
            .shows
            .iter()
            .map(|s| vec![true; s.facts.len()])
            .collect();
        let applying = Applying {
            source: crate::model::Source::Url("Test Weekly".to_owned()),
            published: None,
            today: jiff::civil::date(2026, 11, 30),
        };
        let actions = actions_for_reading(&reading, &all, &list, &applying);
        let creators: Vec<Vec<String>> = actions
            .iter()
            .filter_map(|a| match a {
                Action::Edit {
                    id,
                    edit: ShowEdit::Creators(names),
                } if *id == slow_horses => Some(names.iter().map(|n| n.to_string()).collect()),
                _ => None,
            })
            .collect();
        assert_eq!(creators.len(), 1, "{actions:?}");
        assert!(
            ["Ada Quill", "Bo Chen"]
                .iter()
                .all(|name| creators[0].iter().any(|c| c == name)),
            "{creators:?}"
        );
        assert!(!actions.iter().any(|a| matches!(a, Action::AddShow(_))));
    }

    #[test]
    fn days_are_read_as_articles_write_them() {
        use jiff::civil::date;
        let friday = Some(date(2026, 3, 6));
        assert_eq!(
            facts::date_in("Paramount+ canceled it on Tuesday.", friday),
            Some(date(2026, 3, 3))
        );
        assert_eq!(
            facts::date_in("It was canceled on Friday.", friday),
            Some(date(2026, 3, 6)),
            "the day it was published"
        );
        assert_eq!(
            facts::date_in("confirmed on Wednesday, Feb. 11.", friday),
            Some(date(2026, 2, 11))
        );
        assert_eq!(
            facts::date_in("renewed on Sept. 4, 2025", None),
            Some(date(2025, 9, 4))
        );
        assert_eq!(facts::date_in("It aired on Tuesday nights.", friday), None);
        assert_eq!(facts::date_in("canceled on Tuesday", None), None);
        // A season that ended is not the show's end.
        let reading = read(
            "Slow Horses has been renewed for a sixth season. Season 5 wrapped its run last month.",
            &sample(),
            None,
        );
        assert_eq!(reading.shows[0].outcome(), Some(Status::Returning));
    }

    #[test]
    fn hostile_text_is_read_within_bounds() {
        // Ten megabytes on one line: only the first MAX_TEXT bytes are read.
        let huge = "Étoile ".repeat(10 * 1024 * 1024 / 8);
        let reading = read(&huge, &sample(), None);
        assert!(reading.cut);
        // Thousands of quoted capitalised phrases: a bounded number of candidate titles.
        let quotes = (0..5_000)
            .map(|i| format!("\"Show Number {i}\" was canceled. "))
            .collect::<String>();
        let reading = read(&quotes, &sample(), None);
        assert!(reading.shows.len() <= 40, "{}", reading.shows.len());
        // Markup and control characters are just text that says nothing.
        let markup = "<div>".repeat(100_000) + &"\u{0}\u{1}".repeat(1000);
        assert!(read(&markup, &sample(), None).shows.is_empty());
    }

    #[test]
    fn every_pattern_compiles() {
        // The patterns compile at first use; reading one text of every kind uses them all.
        let text = "'Harrow Street' (Netflix). Created by Ana Ruiz. Mara (Ada Quill). \
            Ada Quill's Mara. Lou Reyes, who plays Theo. Starring Ann Lee and Bo Chen. \
            Produced by Fieldstone Studios. It holds 7.4 on IMDb and 68 on Metacritic. \
            The finale left Mara's fate unresolved. Harrow Street will not return for a third \
            season, Netflix said on March 3, 2026.";
        let reading = read(text, &Watchlist::default(), None);
        assert!(!reading.shows.is_empty());
    }
}
