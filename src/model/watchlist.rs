//! The whole watchlist: what the data file holds.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::Show;

/// The schema version this build writes and fully understands.
pub const SCHEMA_VERSION: u32 = 2;

/// Every show the user follows.
///
/// Shows sit behind `Arc` so that a snapshot of the list (for the background saver, or an undo
/// step) costs one reference count per show instead of a deep copy; edits go through
/// [`Arc::make_mut`], which copies only the show being changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Watchlist {
    pub schema_version: u32,
    #[serde(default, deserialize_with = "read_shows")]
    pub shows: Vec<Arc<Show>>,
}

/// Reads the list of shows, giving each show's lists back their spare capacity (see
/// [`Show::shrink_to_fit`]) as soon as that show is read: the freed tails are then reused by the
/// next show's text on the same thread instead of staying behind as holes in the heap.
fn read_shows<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Arc<Show>>, D::Error> {
    struct Shows;

    impl<'de> serde::de::Visitor<'de> for Shows {
        type Value = Vec<Arc<Show>>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut shows = Vec::new();
            while let Some(mut show) = seq.next_element::<Show>()? {
                show.shrink_to_fit();
                shows.push(Arc::new(show));
            }
            shows.shrink_to_fit();
            Ok(shows)
        }
    }

    deserializer.deserialize_seq(Shows)
}

impl Default for Watchlist {
    fn default() -> Self {
        Watchlist {
            schema_version: SCHEMA_VERSION,
            shows: Vec::new(),
        }
    }
}

impl Watchlist {
    /// The position of the show with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.shows.iter().position(|show| show.id == id)
    }

    /// The show with this id.
    pub fn get(&self, id: &str) -> Option<&Show> {
        self.shows
            .iter()
            .find(|show| show.id == id)
            .map(Arc::as_ref)
    }

    /// The show added from TVmaze show `id`, if it is on the watchlist.
    pub fn with_tvmaze_id(&self, id: u64) -> Option<&Show> {
        self.shows
            .iter()
            .find(|show| show.external_ids.tvmaze == Some(id))
            .map(Arc::as_ref)
    }

    /// The show named by `key`: its id, else its exact title, else a title equal ignoring case
    /// when only one show has it.
    pub fn find(&self, key: &str) -> Result<&Show, FindError> {
        if let Some(show) = self.get(key) {
            return Ok(show);
        }
        let exact: Vec<&Show> = self
            .shows
            .iter()
            .filter(|s| s.title == key)
            .map(Arc::as_ref)
            .collect();
        let matches = if exact.is_empty() {
            let lower = key.to_lowercase();
            self.shows
                .iter()
                .filter(|s| s.title.to_lowercase() == lower)
                .map(Arc::as_ref)
                .collect()
        } else {
            exact
        };
        match matches.as_slice() {
            [] => Err(FindError::NotFound(key.to_owned())),
            [one] => Ok(one),
            many => Err(FindError::Ambiguous {
                key: key.to_owned(),
                ids: many.iter().map(|s| s.id.clone()).collect(),
            }),
        }
    }

    /// Brings a watchlist read from an older file up to [`SCHEMA_VERSION`]. Returns the version
    /// it had, when it was older. The caller backs up the original file before saving.
    pub fn migrate(&mut self) -> Option<u32> {
        let from = self.schema_version;
        if from >= SCHEMA_VERSION {
            return None;
        }
        // Version 0 (files from before the first release) has the shape of version 1. Each later
        // version adds its step here, oldest first.
        if from < 2 {
            // Episodes watched per season (a count) become the episodes watched: 1..n, dates
            // not known.
            for show in &mut self.shows {
                if !show.progress.counts_v1.is_empty() {
                    Arc::make_mut(show).progress.migrate_counts();
                }
            }
        }
        self.schema_version = SCHEMA_VERSION;
        Some(from)
    }

    /// How many storylines all shows hold together.
    pub fn storyline_count(&self) -> usize {
        self.shows.iter().map(|s| s.storylines.len()).sum()
    }

    /// What the watchlist holds in words, e.g. "5 shows, 1 storyline" (the command line's
    /// `validate` and `backups`).
    pub fn summary(&self) -> String {
        format!(
            "{}, {}",
            super::counted(self.shows.len() as i64, "show"),
            super::counted(self.storyline_count() as i64, "storyline")
        )
    }
}

/// A show that could not be named unambiguously.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("no show has the id or title {0:?}")]
    NotFound(String),
    #[error("{key:?} is the title of several shows; use one of their ids: {}", ids.join(", "))]
    Ambiguous { key: String, ids: Vec<String> },
}
