//! What the reader knows of the watchlist before it reads: every title, folded, in one automaton,
//! and the networks to look for. Building it takes longer than reading an article at 10,000
//! shows (folding every title and compiling the automaton), so it is built once and kept while
//! the titles and networks stay the same ([`IndexCache`]).

use std::sync::{Arc, Mutex, PoisonError};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::networks;
use crate::model::Watchlist;
use crate::model::ids::fold;

/// One watchlist show as the index knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    id: String,
    title: String,
    network: Option<String>,
}

/// The watchlist's titles and networks, ready to be found in a text.
#[derive(Debug)]
pub struct Index {
    entries: Vec<Entry>,
    /// Each entry's title folded (accents and case ignored), in the same order.
    folded: Vec<String>,
    /// Finds the folded titles, the longest where two start together; `None` when it could not
    /// be built (nothing then is found on the watchlist).
    titles: Option<AhoCorasick>,
    /// For each of the automaton's patterns, the entry it finds.
    pattern_entry: Vec<usize>,
    /// The networks to look for: the well-known ones and those on the watchlist.
    networks: Vec<String>,
    /// Finds the networks, every one that matches (boundaries are judged after).
    network_finder: Option<AhoCorasick>,
}

/// A watchlist title found in a folded text.
pub struct TitleHit<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub folded: &'a str,
    pub start: usize,
    /// The length of the text found (the title, or the title without its "The").
    pub len: usize,
}

impl Index {
    /// Indexes `watchlist`'s titles and networks.
    pub fn new(watchlist: &Watchlist) -> Self {
        let entries: Vec<Entry> = watchlist
            .shows
            .iter()
            .map(|show| Entry {
                id: show.id.clone(),
                title: show.title.clone(),
                network: show.network.as_ref().map(ToString::to_string),
            })
            .collect();
        let folded: Vec<String> = entries.iter().map(|e| fold(&e.title)).collect();
        // Each title, and a title of two words or more without its "The" ("Marvelous Mrs.
        // Maisel" is The Marvelous Mrs. Maisel): (folded pattern, entry).
        let mut patterns: Vec<(&str, usize)> = Vec::with_capacity(folded.len());
        for (at, title) in folded.iter().enumerate() {
            patterns.push((title, at));
            if let Some(rest) = title.strip_prefix("the ")
                && rest.contains(' ')
            {
                patterns.push((rest, at));
            }
        }
        // The plain automaton (no DFA): it builds fastest and still finds 10,000 titles in one
        // pass of a few thousand words.
        let titles = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(patterns.iter().map(|(p, _)| p))
            .ok();
        let pattern_entry: Vec<usize> = patterns.iter().map(|(_, at)| *at).collect();
        let mut names: Vec<String> = networks::NETWORKS.iter().map(|n| (*n).to_owned()).collect();
        let mut seen: std::collections::HashSet<&str> = networks::NETWORKS.into_iter().collect();
        for network in entries.iter().filter_map(|e| e.network.as_deref()) {
            if seen.insert(network) {
                names.push(network.to_owned());
            }
        }
        let network_finder = AhoCorasick::new(&names).ok();
        Index {
            entries,
            folded,
            titles,
            pattern_entry,
            networks: names,
            network_finder,
        }
    }

    /// True when this index was built from `watchlist`'s titles, ids and networks as they are.
    pub fn is_for(&self, watchlist: &Watchlist) -> bool {
        self.entries.len() == watchlist.shows.len()
            && self.entries.iter().zip(&watchlist.shows).all(|(e, show)| {
                e.id == show.id
                    && e.title == show.title
                    && e.network.as_deref() == show.network.as_ref().map(|n| n.as_str())
            })
    }

    /// The watchlist titles in `folded` (a folded sentence), leftmost-longest, in order.
    pub fn titles_in<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = TitleHit<'a>> + 'a {
        self.titles.iter().flat_map(move |titles| {
            titles.find_iter(folded).filter_map(move |hit| {
                let at = *self.pattern_entry.get(hit.pattern().as_usize())?;
                let entry = self.entries.get(at)?;
                Some(TitleHit {
                    id: &entry.id,
                    title: &entry.title,
                    folded: self.folded.get(at)?,
                    start: hit.start(),
                    len: hit.len(),
                })
            })
        })
    }

    /// Up to `limit` watchlist shows whose title shares the most words with `title` (small
    /// words left out), as (id, title), the closest first: the shows a title the article
    /// names may be on the watchlist as ("Glass Orchard" for "The Glass Orchard").
    pub fn alike(&self, title: &str, limit: usize) -> Vec<(&str, &str)> {
        const SMALL: [&str; 8] = ["the", "a", "an", "of", "and", "in", "on", "at"];
        let folded = fold(title);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !SMALL.contains(w))
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(usize, usize, usize)> = self
            .folded
            .iter()
            .enumerate()
            .filter_map(|(at, other)| {
                let theirs: Vec<&str> = other
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty() && !SMALL.contains(w))
                    .collect();
                let shared = words.iter().filter(|w| theirs.contains(w)).count();
                // Words neither shares, so "Glass Orchard" is closer to "The Glass Orchard"
                // than to "Glass Orchard Nights".
                let apart = words.len() + theirs.len() - 2 * shared;
                (shared > 0).then_some((shared, apart, at))
            })
            .collect();
        scored.sort_by_key(|&(shared, apart, at)| (std::cmp::Reverse(shared), apart, at));
        scored
            .into_iter()
            .take(limit)
            .filter_map(|(_, _, at)| self.entries.get(at))
            .map(|e| (e.id.as_str(), e.title.as_str()))
            .collect()
    }

    /// Up to `limit` watchlist shows whose title contains `query` (accents and case ignored),
    /// as (id, title), in watchlist order.
    pub fn titles_containing(&self, query: &str, limit: usize) -> Vec<(&str, &str)> {
        let needle = fold(query.trim());
        if needle.is_empty() {
            return Vec::new();
        }
        self.folded
            .iter()
            .zip(&self.entries)
            .filter(|(folded, _)| folded.contains(&needle))
            .take(limit)
            .map(|(_, e)| (e.id.as_str(), e.title.as_str()))
            .collect()
    }

    /// The network `text` names first, written whole ("HBO Max", not "HBO" of it; not "Apple
    /// TV" of "Apple TV+"); the longest where two start together.
    pub fn first_network(&self, text: &str) -> Option<&str> {
        let finder = self.network_finder.as_ref()?;
        finder
            .find_overlapping_iter(text)
            .filter(|hit| {
                let before = text[..hit.start()].chars().next_back();
                let after = text[hit.end()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(|c| c.is_alphanumeric() || c == '+')
            })
            .min_by_key(|hit| (hit.start(), std::cmp::Reverse(hit.len())))
            .and_then(|hit| self.networks.get(hit.pattern().as_usize()))
            .map(String::as_str)
    }
}

/// The index kept between reads, shared by the jobs that read: one is built when the titles or
/// networks changed since the last.
#[derive(Debug, Clone, Default)]
pub struct IndexCache(Arc<Mutex<Option<Arc<Index>>>>);

impl IndexCache {
    /// The index for `watchlist`: the one kept when it still fits, else a new one (kept).
    pub fn get(&self, watchlist: &Watchlist) -> Arc<Index> {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match &*kept {
            Some(index) if index.is_for(watchlist) => Arc::clone(index),
            _ => {
                let index = Arc::new(Index::new(watchlist));
                *kept = Some(Arc::clone(&index));
                index
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_rebuilt_when_a_title_or_network_changes_and_kept_otherwise() {
        let mut list = crate::model::sample().expect("sample");
        let cache = IndexCache::default();
        let first = cache.get(&list);
        assert!(Arc::ptr_eq(&first, &cache.get(&list)));
        let mut show = (*list.shows[0]).clone();
        show.notes = "a note changes nothing the reader looks for".to_owned();
        list.shows[0] = Arc::new(show.clone());
        assert!(Arc::ptr_eq(&first, &cache.get(&list)));
        show.title = "Étoile Renamed".to_owned();
        list.shows[0] = Arc::new(show.clone());
        let renamed = cache.get(&list);
        assert!(!Arc::ptr_eq(&first, &renamed));
        assert!(
            renamed
                .titles_in("etoile renamed was canceled")
                .any(|hit| hit.id == show.id)
        );
        show.network = Some("Quiet Channel".into());
        list.shows[0] = Arc::new(show);
        let moved = cache.get(&list);
        assert!(!Arc::ptr_eq(&renamed, &moved));
        assert_eq!(
            moved.first_network("It aired on Quiet Channel."),
            Some("Quiet Channel")
        );
    }

    #[test]
    fn alike_titles_share_words_the_closest_first() {
        let mut list = Watchlist::default();
        for (id, title) in [
            ("a", "Glass Orchard Nights"),
            ("b", "The Glass Orchard"),
            ("c", "Orchard"),
            ("d", "Slow Horses"),
        ] {
            list.shows.push(Arc::new(crate::model::Show::new(
                id,
                title,
                crate::model::Status::Airing,
            )));
        }
        let index = Index::new(&list);
        let alike: Vec<&str> = index
            .alike("Glass Orchard", 5)
            .iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(alike, ["b", "a", "c"]);
        assert!(index.alike("The", 5).is_empty());
        let found: Vec<&str> = index
            .titles_containing("orchard", 2)
            .iter()
            .map(|m| m.1)
            .collect();
        assert_eq!(found, ["Glass Orchard Nights", "The Glass Orchard"]);
    }

    #[test]
    fn the_first_network_written_whole_is_found() {
        let index = Index::new(&Watchlist::default());
        assert_eq!(
            index.first_network("Now on HBO Max and Netflix."),
            Some("HBO Max")
        );
        assert_eq!(
            index.first_network("Moved from Apple TV+ to Hulu."),
            Some("Apple TV+")
        );
        // "HBO Max" of "HBO Maxwell" is not written whole; the "HBO" it starts with is.
        assert_eq!(index.first_network("HBO Maxwell, then HBO."), Some("HBO"));
        assert_eq!(index.first_network("Maxine watched it."), None);
    }
}
