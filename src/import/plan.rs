//! How an export joins the watchlist: each show found is matched to a show already there
//! (the same TVDB, IMDb or TMDB id, or the exact title and year) and merged into it, or added
//! as a new show. The plan is a list of ordinary actions, applied together as one undoable
//! step; a show whose history is already all there plans no action, so importing the same
//! export twice changes nothing.

use serde::Serialize;

use super::found::{Found, FoundShow};
use crate::model::ids::fold;
use crate::model::{Action, Show, ShowEdit, Watchlist, merge};

/// What the import does with one show found.
#[derive(Debug, Clone)]
pub struct PlannedShow {
    /// The show as the export has it, made into a show.
    pub show: Show,
    /// The watchlist show it merges into, by id; `None` for a new show.
    pub into: Option<String>,
    /// Whether the watchlist gains anything from it.
    pub changes: bool,
    /// The year the export gave, for finding a new show in the catalog by title.
    pub year: Option<i16>,
    /// The title of the watchlist show it merges into, for the review.
    pub into_title: Option<String>,
}

impl PlannedShow {
    /// What it brings, in a few words: "2 episodes · a rating · notes · Want to watch".
    pub fn brings(&self) -> String {
        let show = &self.show;
        let marks = show.progress.marks();
        let mut parts = Vec::new();
        let watched = marks.values().filter(|m| !m.skipped).count();
        if watched > 0 {
            parts.push(crate::model::counted(watched as i64, "episode"));
        }
        let skipped = marks.len() - watched;
        if skipped > 0 {
            parts.push(format!("{skipped} skipped"));
        }
        if !show.scores.is_empty() || marks.values().any(|m| m.rating.is_some()) {
            parts.push("ratings".to_owned());
        }
        if !show.notes.is_empty() {
            parts.push("notes".to_owned());
        }
        parts.extend(show.tags.iter().map(ToString::to_string));
        if show.progress.dropped {
            parts.push("dropped".to_owned());
        }
        parts.join(" · ")
    }

    /// The action that imports this show; `None` when it brings nothing.
    pub fn action(&self) -> Option<Action> {
        if !self.changes {
            return None;
        }
        Some(match &self.into {
            None => Action::AddShow(Box::new(self.show.clone())),
            Some(id) => Action::Edit {
                id: id.clone(),
                edit: ShowEdit::MergeImported(Box::new(self.show.clone())),
            },
        })
    }
}

/// The whole import, before anything changes.
#[derive(Debug, Clone)]
pub struct Plan {
    pub format: super::Format,
    pub shows: Vec<PlannedShow>,
    pub movies: usize,
    pub unreadable: usize,
    pub unreadable_examples: Vec<String>,
}

/// The plan's figures, as `--json` prints them and the summary says them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub new_shows: usize,
    pub merged_shows: usize,
    pub unchanged_shows: usize,
    pub watched_episodes: usize,
    pub skipped_episodes: usize,
    pub ratings: usize,
    pub notes: usize,
    pub movies_skipped: usize,
    pub unreadable: usize,
}

impl Plan {
    /// The actions that carry out the plan: one per show that brings anything.
    pub fn actions(&self) -> Vec<Action> {
        self.shows.iter().filter_map(PlannedShow::action).collect()
    }

    /// The shows `added` (the ids an apply of `chosen` gave the new shows, in order) that the
    /// catalog has yet to be asked about: those without a TVmaze id.
    pub fn to_catch_up(
        &self,
        chosen: impl Fn(usize) -> bool,
        added: &[String],
    ) -> Vec<crate::store::catch_up::Queued> {
        self.shows
            .iter()
            .enumerate()
            .filter(|(i, p)| chosen(*i) && p.changes && p.into.is_none())
            .zip(added)
            .filter(|((_, p), _)| p.show.external_ids.tvmaze.is_none())
            .map(|((_, p), id)| crate::store::catch_up::Queued {
                id: id.clone(),
                year: p.year,
            })
            .collect()
    }

    /// How many shows, episodes, ratings and notes come in, and what was left out.
    pub fn counts(&self) -> Counts {
        let bringing = || self.shows.iter().filter(|p| p.changes);
        let marks = |p: &PlannedShow| p.show.progress.marks();
        Counts {
            new_shows: bringing().filter(|p| p.into.is_none()).count(),
            merged_shows: bringing().filter(|p| p.into.is_some()).count(),
            unchanged_shows: self.shows.iter().filter(|p| !p.changes).count(),
            watched_episodes: bringing()
                .map(|p| marks(p).values().filter(|m| !m.skipped).count())
                .sum(),
            skipped_episodes: bringing()
                .map(|p| marks(p).values().filter(|m| m.skipped).count())
                .sum(),
            ratings: bringing()
                .map(|p| {
                    marks(p).values().filter(|m| m.rating.is_some()).count() + p.show.scores.len()
                })
                .sum(),
            notes: bringing().filter(|p| !p.show.notes.is_empty()).count(),
            movies_skipped: self.movies,
            unreadable: self.unreadable,
        }
    }

    /// The plan in words, as the command line prints it.
    pub fn summary(&self) -> String {
        let c = self.counts();
        let name = self.format.name();
        if c.new_shows + c.merged_shows == 0 {
            let mut out = format!(
                "Everything in this {name} export is already on your watchlist ({} shows).\n",
                c.unchanged_shows
            );
            self.left_out(&mut out, &c);
            return out;
        }
        let mut out = format!(
            "From {name}: {} new shows, {} merged into shows you have, {} already there.\n\
             {} watched episodes, {} skipped, {} ratings, {} with notes.\n",
            c.new_shows,
            c.merged_shows,
            c.unchanged_shows,
            c.watched_episodes,
            c.skipped_episodes,
            c.ratings,
            crate::model::counted(c.notes as i64, "show")
        );
        for planned in self.shows.iter().filter(|p| p.changes) {
            let how = match &planned.into {
                None => "new".to_owned(),
                Some(id) => format!("into {id}"),
            };
            out.push_str(&format!("  {}  ({how})\n", planned.show.title));
        }
        self.left_out(&mut out, &c);
        out
    }

    fn left_out(&self, out: &mut String, c: &Counts) {
        if c.movies_skipped > 0 {
            out.push_str(&format!(
                "{} not imported: Curtain Call tracks series.\n",
                crate::model::counted(c.movies_skipped as i64, "movie")
            ));
        }
        if c.unreadable > 0 {
            out.push_str(&format!(
                "{} could not be read and were skipped, e.g. {}\n",
                crate::model::counted(c.unreadable as i64, "entry"),
                self.unreadable_examples.first().map_or("", String::as_str)
            ));
        }
    }
}

/// Plans how `found` joins `watchlist`.
pub fn plan(found: Found, watchlist: &Watchlist) -> Plan {
    let format = found.format;
    let whole = found.whole.into_iter().map(|whole| {
        let show = whole.show;
        let found = FoundShow::new(
            &show.title,
            whole.year.or(show.premiered.map(|d| d.year())),
            show.external_ids.clone(),
        );
        (found, show)
    });
    let made = found.shows.into_iter().map(|found| {
        let show = found.to_show();
        (found, show)
    });
    let shows = whole
        .chain(made)
        .map(|(found_show, show)| {
            let existing = matching(watchlist, &found_show);
            let into = existing.map(|s| s.id.clone());
            let into_title = existing.map(|s| s.title.clone());
            let changes = match into.as_deref().and_then(|id| watchlist.get(id)) {
                Some(existing) => {
                    let mut merged = existing.clone();
                    merge::fold_in_imported(&mut merged, &show)
                }
                None => true,
            };
            PlannedShow {
                show,
                into,
                changes,
                year: found_show.year,
                into_title,
            }
        })
        .collect();
    Plan {
        format,
        shows,
        movies: found.movies,
        unreadable: found.unreadable,
        unreadable_examples: found.unreadable_examples,
    }
}

/// The watchlist's show that `found` is: the same TVDB, IMDb or TMDB id, else the exact title
/// (ignoring case and accents) and, when both know it, the same year.
fn matching<'a>(watchlist: &'a Watchlist, found: &FoundShow) -> Option<&'a Show> {
    let ids = &found.ids;
    let by_id = watchlist.shows.iter().find(|show| {
        let mine = &show.external_ids;
        (ids.thetvdb.is_some() && mine.thetvdb == ids.thetvdb)
            || (ids.imdb.is_some() && mine.imdb == ids.imdb)
            || (ids.tmdb.is_some() && mine.tmdb == ids.tmdb)
    });
    let title = fold(&found.title);
    by_id
        .or_else(|| {
            watchlist.shows.iter().find(|show| {
                fold(&show.title) == title
                    && match (found.year, show.premiered) {
                        (Some(year), Some(premiered)) => premiered.year() == year,
                        _ => true,
                    }
            })
        })
        .map(AsRef::as_ref)
}
