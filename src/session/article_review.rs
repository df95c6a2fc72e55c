//! The review of an article's reading: which facts to apply, and for a new title the
//! watchlist shows it may be.

use std::sync::Arc;

use crate::article::{Index, Reading};

/// The facts under review and which are kept.
#[derive(Debug)]
pub struct ArticleReview {
    pub reading: Reading,
    /// Per show, per fact: true to apply it.
    pub chosen: Vec<Vec<bool>>,
    /// Where it came from, as the user named it (a publication or URL), for the status history.
    pub source: String,
    /// Per show: for a show not on the watchlist, the watchlist shows with the most alike
    /// titles, as (id, title), for the user to say it is one of them.
    pub alike: Vec<Vec<(String, String)>>,
    /// The watchlist's titles as the article was read against them, to find another show to
    /// match a new one to.
    pub index: Arc<Index>,
}

/// How many alike shows are offered for a new show.
const ALIKE: usize = 5;

impl ArticleReview {
    /// Every fact kept at first.
    pub fn new(reading: Reading, source: String, index: Arc<Index>) -> Self {
        let chosen = reading
            .shows
            .iter()
            .map(|s| vec![true; s.facts.len()])
            .collect();
        let alike = reading
            .shows
            .iter()
            .map(|show| match show.id {
                Some(_) => Vec::new(),
                None => index
                    .alike(&show.title, ALIKE)
                    .into_iter()
                    .map(|(id, title)| (id.to_owned(), title.to_owned()))
                    .collect(),
            })
            .collect();
        ArticleReview {
            reading,
            chosen,
            source,
            alike,
            index,
        }
    }

    /// How many facts are kept.
    pub fn chosen_count(&self) -> usize {
        self.chosen.iter().flatten().filter(|c| **c).count()
    }
}
