//! What an export holds, tracker by tracker the same shape.

use jiff::civil::Date;

use super::Format;
use std::collections::BTreeMap;

use crate::model::episodes::{self, Mark};
use crate::model::{EpisodeRef, ExternalIds, Score, ScoreKind, ScoreSource, Show, Status};

/// A rating on the tracker's own scale: 8 out of 10, 4 out of 5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rating {
    pub value: f64,
    pub out_of: f64,
    pub on: Option<Date>,
}

/// One show as the export has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FoundShow {
    pub title: String,
    pub year: Option<i16>,
    pub ids: ExternalIds,
    /// Each watch of an episode, with its day when the export has one (a rewatch is another
    /// entry).
    pub watched: Vec<(EpisodeRef, Option<Date>)>,
    /// Episodes watched past without watching.
    pub skipped: Vec<EpisodeRef>,
    /// The user's ratings of episodes, out of 10.
    pub episode_ratings: Vec<(EpisodeRef, u8)>,
    /// The user's rating of the show.
    pub rating: Option<Rating>,
    /// Notes and comments, each already marked with where it came from.
    pub notes: Vec<String>,
    /// Lists and favourites, as tags.
    pub tags: Vec<String>,
    /// Put away on the tracker (TV Time "archived", Trakt "hidden from progress", SeriesGuide
    /// "hidden").
    pub dropped: bool,
}

impl FoundShow {
    /// The tag given to shows on a watchlist or "for later".
    pub const WANT_TO_WATCH: &'static str = "Want to watch";

    /// The tag given to a tracker's favourites (the spelling Trakt and SeriesGuide use).
    pub const FAVORITES: &'static str = "Favorites";

    /// A show with this title and these ids.
    pub fn new(title: &str, year: Option<i16>, ids: ExternalIds) -> Self {
        FoundShow {
            title: title.trim().to_owned(),
            year,
            ids,
            ..FoundShow::default()
        }
    }

    /// The show an export's entry makes: its ids, history, ratings, notes and tags.
    pub fn to_show(&self) -> Show {
        let found = self;
        let id = crate::model::ids::slug(&found.title);
        let mut show = Show::new(
            if id.is_empty() {
                "imported".to_owned()
            } else {
                id
            },
            found.title.clone(),
            Status::Undetermined,
        );
        show.external_ids = found.ids.clone();
        let mut marks: BTreeMap<crate::model::EpisodeRef, Mark> = BTreeMap::new();
        for (episode, day) in &found.watched {
            let mark = marks.entry(*episode).or_default();
            if let Some(day) = day
                && !mark.on.contains(day)
            {
                mark.on.push(*day);
                mark.on.sort();
            }
        }
        for episode in &found.skipped {
            marks.entry(*episode).or_insert_with(|| Mark {
                skipped: true,
                ..Mark::default()
            });
        }
        for (episode, rating) in &found.episode_ratings {
            if let Some(mark) = marks.get_mut(episode).filter(|m| !m.skipped) {
                mark.rating = Some((*rating).min(10));
            }
        }
        show.progress.seen = episodes::entries(&marks);
        show.progress.dropped = found.dropped;
        show.notes = found.notes.join("\n\n");
        show.tags = found.tags.iter().map(|t| t.as_str().into()).collect();
        if let Some(rating) = found.rating {
            let mut score = Score::new(
                ScoreSource::Personal,
                ScoreKind::Audience,
                rating.value,
                rating.on,
            );
            score.out_of = rating.out_of;
            show.scores.push(score);
        }
        show
    }

    /// Adds `tag` unless it is there.
    pub fn tag(&mut self, tag: &str) {
        if !self.tags.iter().any(|t| t == tag) {
            self.tags.push(tag.to_owned());
        }
    }
}

/// Everything an export holds that Curtain Call takes, and what it left out and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub format: Format,
    pub shows: Vec<FoundShow>,
    /// Movies: Curtain Call tracks series.
    pub movies: usize,
    /// Rows or entries that could not be read, and why (the first few).
    pub unreadable: usize,
    pub unreadable_examples: Vec<String>,
    /// Whole shows, every field: from Curtain Call's own export, or an export made into shows
    /// (see [`Found::into_whole`]) to send to the running app.
    pub whole: Vec<WholeShow>,
}

/// A show with every field, and the year the export gave it (for matching by title).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WholeShow {
    pub show: crate::model::Show,
    #[serde(default)]
    pub year: Option<i16>,
}

impl Found {
    /// Nothing found yet, from `format`.
    pub fn new(format: Format) -> Self {
        Found {
            format,
            shows: Vec::new(),
            movies: 0,
            unreadable: 0,
            unreadable_examples: Vec::new(),
            whole: Vec::new(),
        }
    }

    /// The same export with every show made whole: what the command line sends the running
    /// app, which plans it against the watchlist as it has it.
    pub fn into_whole(mut self) -> Found {
        let made = std::mem::take(&mut self.shows)
            .into_iter()
            .map(|found| WholeShow {
                show: found.to_show(),
                year: found.year,
            });
        self.whole.extend(made);
        self
    }

    /// Counts an entry that could not be read.
    pub fn unreadable(&mut self, why: String) {
        self.unreadable += 1;
        if self.unreadable_examples.len() < 5 {
            self.unreadable_examples.push(why);
        }
    }

    /// The show keyed by its tracker's identity (`key`), made by `make` the first time.
    pub fn show_mut(
        &mut self,
        index: &mut std::collections::HashMap<String, usize>,
        key: String,
        make: impl FnOnce() -> FoundShow,
    ) -> &mut FoundShow {
        let at = *index.entry(key).or_insert_with(|| {
            self.shows.push(make());
            self.shows.len() - 1
        });
        &mut self.shows[at]
    }
}
