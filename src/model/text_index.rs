//! Search beyond titles: networks, creators, cast, characters, storylines and notes, within the
//! 1 ms a keystroke may cost at 10,000 shows.
//!
//! Scanning every show's text (about 33 MB at 10,000 shows) takes several milliseconds, so the
//! words are indexed: each folded word (lowercase, accents spelled in ASCII) with the shows
//! that contain it, sorted so that a query word finds every word it begins in one binary search.
//! A query matches a show when each of its words begins a word of the show.
//!
//! The index is built from a snapshot of the watchlist, on a background thread (about half a
//! second at 10,000 shows). Shows edited since are not trusted to it: they are recognized
//! by their `Arc` (an edit makes a new one) and searched directly, so results are always those
//! of the watchlist as it is now. When many shows have changed, the caller builds a new index.
//!
use std::collections::HashMap;
use std::sync::Arc;

use super::ids::fold;
use super::{Show, Watchlist};

/// Words shorter than this are not indexed, and query words shorter than this match no text:
/// one letter would match nearly every show.
pub const MIN_WORD: usize = 2;

/// The words of a watchlist snapshot and where they occur.
#[derive(Debug, Default)]
pub struct TextIndex {
    /// The shows as they were when indexed; compared by pointer with the shows of today.
    shows: Vec<Arc<Show>>,
    /// Where each snapshot show is, by address, for watchlists whose order has changed since.
    position: HashMap<usize, u32>,
    /// (word, start, end) sorted by word; the word's shows are `postings[start..end]`.
    words: Vec<(Box<str>, u32, u32)>,
    /// Snapshot positions, ascending within each word.
    postings: Vec<u32>,
}

impl TextIndex {
    /// Indexes every show of `watchlist`.
    pub fn build(watchlist: &Watchlist) -> Self {
        let mut by_word: HashMap<String, Vec<u32>> = HashMap::new();
        for (position, show) in watchlist.shows.iter().enumerate() {
            let position = position as u32;
            each_word(show, |word| {
                // Most words were seen before: look them up without allocating a key.
                match by_word.get_mut(word) {
                    Some(shows) => {
                        if shows.last() != Some(&position) {
                            shows.push(position);
                        }
                    }
                    None => {
                        by_word.insert(word.to_owned(), vec![position]);
                    }
                }
            });
        }
        let mut sorted: Vec<(String, Vec<u32>)> = by_word.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut words = Vec::with_capacity(sorted.len());
        let mut postings = Vec::with_capacity(sorted.iter().map(|(_, p)| p.len()).sum());
        for (word, shows) in sorted {
            let start = postings.len() as u32;
            postings.extend(shows);
            words.push((word.into_boxed_str(), start, postings.len() as u32));
        }
        TextIndex {
            position: watchlist
                .shows
                .iter()
                .enumerate()
                .map(|(i, show)| (Arc::as_ptr(show) as usize, i as u32))
                .collect(),
            shows: watchlist.shows.clone(),
            words,
            postings,
        }
    }

    /// How many of `watchlist`'s shows differ from the snapshot (edited, added): each is
    /// searched directly, so the caller builds a new index when there are many.
    pub fn stale(&self, watchlist: &Watchlist) -> usize {
        watchlist
            .shows
            .iter()
            .enumerate()
            .filter(|(i, show)| self.snapshot_position(*i, show).is_none())
            .count()
    }

    /// For each show of `watchlist`, whether its text matches `query`; `None` when the query
    /// has no word long enough to search text for.
    pub fn matches(&self, watchlist: &Watchlist, query: &str) -> Option<Vec<bool>> {
        let words = query_words(query);
        if words.is_empty() {
            return None;
        }
        // Snapshot positions holding every query word.
        let mut hits: Option<Vec<bool>> = None;
        for word in &words {
            let mut with_word = vec![false; self.shows.len()];
            let from = self.words.partition_point(|(w, ..)| &**w < word.as_str());
            for (_, start, end) in self.words[from..]
                .iter()
                .take_while(|(w, ..)| w.starts_with(word.as_str()))
            {
                for &position in &self.postings[*start as usize..*end as usize] {
                    with_word[position as usize] = true;
                }
            }
            hits = Some(match hits {
                None => with_word,
                Some(mut all) => {
                    all.iter_mut().zip(&with_word).for_each(|(a, w)| *a &= *w);
                    all
                }
            });
        }
        let hits = hits.unwrap_or_default();
        Some(
            watchlist
                .shows
                .iter()
                .enumerate()
                .map(|(i, show)| match self.snapshot_position(i, show) {
                    Some(position) => hits[position],
                    // Changed since the index was built: read the show itself.
                    None => show_matches(show, &words),
                })
                .collect(),
        )
    }

    /// Where `show` (at `index` in today's watchlist) sits in the snapshot, if it is unchanged.
    fn snapshot_position(&self, index: usize, show: &Arc<Show>) -> Option<usize> {
        match self.shows.get(index) {
            Some(indexed) if Arc::ptr_eq(indexed, show) => Some(index),
            _ => self
                .position
                .get(&(Arc::as_ptr(show) as usize))
                .map(|&p| p as usize)
                .filter(|&p| Arc::ptr_eq(&self.shows[p], show)),
        }
    }
}

/// True when `query` has a word long enough to search text for.
pub fn searchable(query: &str) -> bool {
    !query_words(query).is_empty()
}

/// The folded words of a query that are long enough to search for.
fn query_words(query: &str) -> Vec<String> {
    let folded = fold(query);
    let mut words: Vec<String> = split(&folded)
        .filter(|w| w.len() >= MIN_WORD)
        .map(str::to_owned)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// True when each of `words` begins a word of the show.
fn show_matches(show: &Show, words: &[String]) -> bool {
    let mut found = vec![false; words.len()];
    each_word(show, |word| {
        for (i, wanted) in words.iter().enumerate() {
            if !found[i] && word.starts_with(wanted.as_str()) {
                found[i] = true;
            }
        }
    });
    found.iter().all(|f| *f)
}

/// Calls `f` with every indexable folded word of the show's searchable text.
fn each_word(show: &Show, mut f: impl FnMut(&str)) {
    let mut text = |s: &str| {
        let folded = fold(s);
        split(&folded)
            .filter(|w| w.len() >= MIN_WORD)
            .for_each(&mut f);
    };
    text(&show.title);
    if let Some(network) = &show.network {
        text(network);
    }
    show.creators.iter().for_each(|c| text(c));
    show.studios.iter().for_each(|s| text(s));
    show.genres.iter().for_each(|g| text(g));
    show.tags.iter().for_each(|t| text(t));
    for member in &show.cast {
        text(&member.actor);
        if let Some(character) = &member.character {
            text(character);
        }
    }
    for storyline in &show.storylines {
        text(&storyline.title);
        text(&storyline.text);
        storyline.characters.iter().for_each(&mut text);
    }
    text(&show.notes);
}

/// The words of folded text: runs of letters and digits.
fn split(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, ShowEdit};

    fn hits(index: &TextIndex, watchlist: &Watchlist, query: &str) -> Vec<String> {
        let matches = index.matches(watchlist, query).unwrap_or_default();
        watchlist
            .shows
            .iter()
            .zip(matches)
            .filter(|(_, hit)| *hit)
            .map(|(show, _)| show.id.clone())
            .collect()
    }

    #[test]
    fn finds_shows_by_actor_character_storyline_and_note_ignoring_case_and_accents() {
        let watchlist = crate::model::sample().expect("sample");
        let index = TextIndex::build(&watchlist);
        assert_eq!(hits(&index, &watchlist, "luke kirby"), ["etoile"]);
        assert_eq!(hits(&index, &watchlist, "CHEYENNE"), ["etoile"]);
        assert_eq!(hits(&index, &watchlist, "laage"), ["etoile"], "Laâge");
        assert_eq!(
            hits(&index, &watchlist, "chey jack"),
            ["etoile"],
            "prefixes, any order"
        );
        assert!(hits(&index, &watchlist, "cheyenne zzzz").is_empty());
        assert!(
            index.matches(&watchlist, "a").is_none(),
            "too short to search"
        );
    }

    #[test]
    fn edited_shows_are_searched_as_they_are_now() {
        let mut watchlist = crate::model::sample().expect("sample");
        let index = TextIndex::build(&watchlist);
        assert!(hits(&index, &watchlist, "marzipan").is_empty());
        watchlist
            .apply(
                Action::Edit {
                    id: "bunheads".into(),
                    edit: ShowEdit::Notes("The marzipan subplot never paid off.".into()),
                },
                jiff::civil::date(2026, 1, 1),
            )
            .expect("edits");
        assert_eq!(index.stale(&watchlist), 1);
        assert_eq!(hits(&index, &watchlist, "marzipan"), ["bunheads"]);
        // A show added in front moves the others: they are still found through the index.
        let added = Show::new("added", "Cheyenne Returns", crate::model::Status::Airing);
        watchlist.shows.insert(0, Arc::new(added));
        assert_eq!(hits(&index, &watchlist, "cheyenne"), ["added", "etoile"]);
        assert_eq!(
            index.stale(&watchlist),
            2,
            "the edited show and the new one"
        );
    }

    #[test]
    fn the_index_agrees_with_reading_every_show() {
        let watchlist = crate::model::generate::watchlist(200, 3);
        let index = TextIndex::build(&watchlist);
        for query in [
            "ana",
            "letter cliff",
            "hiro",
            "orchestra 1",
            "zz",
            "sami fon",
        ] {
            let words = query_words(query);
            let direct: Vec<bool> = watchlist
                .shows
                .iter()
                .map(|s| show_matches(s, &words))
                .collect();
            assert_eq!(index.matches(&watchlist, query), Some(direct), "{query}");
        }
    }
}
