//! Trakt's data export: a folder of JSON files, each a verbatim API response. Read:
//! `watched-history.json` (or its pages `watched-history-N.json`), `ratings-shows.json`,
//! `ratings-episodes.json`, `hidden-progress-watched.json`, `lists-watchlist.json`,
//! `lists-favorites.json` and `lists-list-*.json`. Never `user-settings.json` or
//! `user-profile.json`, which hold the account's private details.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::found::{Found, FoundShow, Rating};
use super::{Format, ImportError};
use crate::model::{EpisodeRef, ExternalIds};

/// True for a folder holding a Trakt export.
pub fn is_export_folder(dir: &Path) -> bool {
    names(dir).iter().any(|name| {
        name == "watched-history.json"
            || (name.starts_with("watched-history-") && name.ends_with(".json"))
            || name == "watched-shows.json"
    })
}

/// True for a Trakt watch history (one page of it): entries with `watched_at` and `type`.
pub fn is_history(value: &Value) -> bool {
    value.as_array().is_some_and(|entries| {
        entries
            .first()
            .is_some_and(|e| e.get("watched_at").is_some() && e.get("type").is_some())
    })
}

/// The file names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// What is read as it is being read: shows keyed by their Trakt identity.
struct Reading {
    found: Found,
    index: HashMap<String, usize>,
}

impl Reading {
    /// The show of an entry's `show` object.
    fn show(&mut self, show: &Value) -> Option<&mut FoundShow> {
        let title = show.get("title")?.as_str()?;
        let year = show
            .get("year")
            .and_then(Value::as_i64)
            .and_then(|y| i16::try_from(y).ok());
        let ids = ids_of(show.get("ids"));
        let key = show
            .get("ids")
            .and_then(|ids| ids.get("trakt"))
            .map(Value::to_string)
            .unwrap_or_else(|| format!("{title} ({year:?})"));
        Some(
            self.found
                .show_mut(&mut self.index, key, || FoundShow::new(title, year, ids)),
        )
    }

    /// One history entry: an episode watched (or a movie, counted).
    fn history_entry(&mut self, entry: &Value) {
        match entry.get("type").and_then(Value::as_str) {
            Some("movie") => self.found.movies += 1,
            Some("episode") => {
                let day = entry
                    .get("watched_at")
                    .and_then(Value::as_str)
                    .and_then(day_of);
                let episode = entry.get("episode").and_then(episode_of);
                match (episode, entry.get("show")) {
                    (Some(episode), Some(show)) => {
                        if let Some(show) = self.show(show) {
                            show.watched.push((episode, day));
                        }
                    }
                    _ => self
                        .found
                        .unreadable(format!("a history entry without an episode: {entry}")),
                }
            }
            _ => self
                .found
                .unreadable(format!("an unknown history entry: {entry}")),
        }
    }
}

/// Reads one history page given on its own.
pub fn read_history_file(value: &Value) -> Found {
    let mut reading = Reading {
        found: Found::new(Format::Trakt),
        index: HashMap::new(),
    };
    for entry in value.as_array().into_iter().flatten() {
        reading.history_entry(entry);
    }
    reading.found
}

/// Reads the export folder `dir`.
pub fn read_folder(dir: &Path) -> Result<Found, ImportError> {
    let mut reading = Reading {
        found: Found::new(Format::Trakt),
        index: HashMap::new(),
    };
    let names = names(dir);
    let json = |name: &str| -> Result<Value, ImportError> {
        let path = dir.join(name);
        let bytes = super::read_file(&path)?;
        serde_json::from_slice(&bytes).map_err(|e| ImportError::Malformed {
            path: path.display().to_string(),
            format: "Trakt",
            reason: e.to_string(),
        })
    };
    for name in names.iter().filter(|n| is_history_page(n)) {
        for entry in json(name)?.as_array().into_iter().flatten() {
            reading.history_entry(entry);
        }
    }
    if names.iter().any(|n| n == "ratings-shows.json") {
        for entry in json("ratings-shows.json")?.as_array().into_iter().flatten() {
            let rating = rating_of(entry);
            if let (Some(rating), Some(show)) = (rating, entry.get("show"))
                && let Some(show) = reading.show(show)
            {
                show.rating = Some(rating);
            }
        }
    }
    if names.iter().any(|n| n == "ratings-episodes.json") {
        for entry in json("ratings-episodes.json")?
            .as_array()
            .into_iter()
            .flatten()
        {
            let value = entry.get("rating").and_then(Value::as_u64);
            let episode = entry.get("episode").and_then(episode_of);
            if let (Some(value), Some(episode), Some(show)) = (value, episode, entry.get("show"))
                && let Some(show) = reading.show(show)
            {
                show.episode_ratings
                    .push((episode, u8::try_from(value.min(10)).unwrap_or(10)));
            }
        }
    }
    // Curtain Call keeps no rating per season: each becomes a line of the show's notes.
    if names.iter().any(|n| n == "ratings-seasons.json") {
        for entry in json("ratings-seasons.json")?
            .as_array()
            .into_iter()
            .flatten()
        {
            let value = entry.get("rating").and_then(Value::as_u64);
            let season = entry
                .get("season")
                .and_then(|s| s.get("number"))
                .and_then(Value::as_u64);
            let day = entry
                .get("rated_at")
                .and_then(Value::as_str)
                .and_then(day_of)
                .map(|d| format!(", {d}"))
                .unwrap_or_default();
            if let (Some(value), Some(season), Some(show)) = (value, season, entry.get("show"))
                && let Some(show) = reading.show(show)
            {
                show.notes.push(format!(
                    "From Trakt (rating of season {season}{day}): {value}/10"
                ));
            }
        }
    }
    if names.iter().any(|n| n == "hidden-progress-watched.json") {
        for entry in json("hidden-progress-watched.json")?
            .as_array()
            .into_iter()
            .flatten()
        {
            if let Some(show) = entry.get("show")
                && let Some(show) = reading.show(show)
            {
                show.dropped = true;
            }
        }
    }
    for name in names.iter().filter(|n| is_list(n)) {
        let tag = list_tag(name);
        for item in json(name)?.as_array().into_iter().flatten() {
            match item.get("type").and_then(Value::as_str) {
                Some("show") => {
                    if let Some(show) = item.get("show")
                        && let Some(show) = reading.show(show)
                    {
                        show.tag(&tag);
                        if let Some(note) = item.get("notes").and_then(Value::as_str)
                            && !note.trim().is_empty()
                        {
                            show.notes
                                .push(format!("From Trakt ({tag}): {}", note.trim()));
                        }
                    }
                }
                Some("movie") => reading.found.movies += 1,
                _ => {}
            }
        }
    }
    for name in names.iter().filter(|n| is_comments_or_notes(n)) {
        for item in json(name)?.as_array().into_iter().flatten() {
            reading.comment_or_note(item);
        }
    }
    Ok(reading.found)
}

/// `comments-*.json` and `notes-*.json` (paged like the history, or not).
fn is_comments_or_notes(name: &str) -> bool {
    (name.starts_with("comments") || name.starts_with("notes")) && name.ends_with(".json")
}

impl Reading {
    /// A comment (`{type, comment: {comment, created_at}, show}`) or a personal note
    /// (`{type, note: {notes, created_at}, show}`) on a show, or on one of its seasons or
    /// episodes: into the show's notes, marked with where it came from. Movies' are counted
    /// with the movies; lists' are left out.
    fn comment_or_note(&mut self, item: &Value) {
        let (kind, text) = match (item.get("comment"), item.get("note")) {
            (Some(comment), _) => ("comment", comment.get("comment")),
            (None, Some(note)) => ("note", note.get("notes").or_else(|| note.get("note"))),
            (None, None) => {
                return self
                    .found
                    .unreadable(format!("neither comment nor note: {item}"));
            }
        };
        let Some(text) = text
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return;
        };
        let day = item
            .get(kind)
            .and_then(|c| c.get("created_at"))
            .and_then(Value::as_str)
            .and_then(day_of)
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        let about = match item.get("type").and_then(Value::as_str) {
            Some("episode") => item
                .get("episode")
                .and_then(episode_of)
                .map(|e| format!(" on {e}"))
                .unwrap_or_default(),
            Some("season") => item
                .get("season")
                .and_then(|s| s.get("number"))
                .and_then(Value::as_u64)
                .map(|n| format!(" on season {n}"))
                .unwrap_or_default(),
            Some("show") => String::new(),
            Some("movie") => {
                self.found.movies += 1;
                return;
            }
            _ => return,
        };
        if let Some(show) = item.get("show")
            && let Some(show) = self.show(show)
        {
            show.notes
                .push(format!("From Trakt ({kind}{about}{day}): {text}"));
        }
    }
}

/// True for a file of the export this reader opens (never the account's settings or profile).
pub fn reads(name: &str) -> bool {
    is_history_page(name)
        || is_list(name)
        || is_comments_or_notes(name)
        || matches!(
            name,
            "ratings-shows.json"
                | "ratings-seasons.json"
                | "ratings-episodes.json"
                | "hidden-progress-watched.json"
        )
}

/// `watched-history.json` and `watched-history-3.json`.
fn is_history_page(name: &str) -> bool {
    name == "watched-history.json"
        || name
            .strip_prefix("watched-history-")
            .and_then(|rest| rest.strip_suffix(".json"))
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// `lists-watchlist.json`, `lists-favorites.json`, `lists-list-123-slug.json`.
fn is_list(name: &str) -> bool {
    name == "lists-watchlist.json"
        || name == "lists-favorites.json"
        || (name.starts_with("lists-list-") && name.ends_with(".json"))
}

/// The tag a list becomes: the watchlist is "Want to watch", favourites "Favorites", a list
/// its name from the file (`lists-list-123-cozy-mysteries.json` → "cozy mysteries").
fn list_tag(name: &str) -> String {
    match name {
        "lists-watchlist.json" => FoundShow::WANT_TO_WATCH.to_owned(),
        "lists-favorites.json" => FoundShow::FAVORITES.to_owned(),
        _ => {
            let rest = name
                .trim_start_matches("lists-list-")
                .trim_end_matches(".json");
            let slug = rest
                .split_once('-')
                .filter(|(id, _)| id.chars().all(|c| c.is_ascii_digit()))
                .map_or(rest, |(_, slug)| slug);
            slug.replace('-', " ")
        }
    }
}

/// Trakt's `ids` object as the watchlist keeps ids.
fn ids_of(ids: Option<&Value>) -> ExternalIds {
    let number = |key: &str| ids.and_then(|i| i.get(key)).and_then(Value::as_u64);
    ExternalIds {
        tvmaze: None,
        imdb: ids
            .and_then(|i| i.get("imdb"))
            .and_then(Value::as_str)
            .filter(|id| id.starts_with("tt"))
            .map(str::to_owned),
        tmdb: number("tmdb"),
        thetvdb: number("tvdb"),
    }
}

/// An `episode` object's season and number.
fn episode_of(episode: &Value) -> Option<EpisodeRef> {
    let season = u32::try_from(episode.get("season")?.as_u64()?).ok()?;
    let number = u32::try_from(episode.get("number")?.as_u64()?).ok()?;
    (number > 0).then_some(EpisodeRef(season, number))
}

/// The day of a Trakt time (`2025-11-02T21:04:00.000Z`), in UTC.
fn day_of(text: &str) -> Option<jiff::civil::Date> {
    let at: jiff::Timestamp = text.parse().ok()?;
    Some(jiff::tz::TimeZone::UTC.to_datetime(at).date())
}

/// A ratings entry's rating, out of 10.
fn rating_of(entry: &Value) -> Option<Rating> {
    Some(Rating {
        value: entry.get("rating")?.as_f64()?,
        out_of: 10.0,
        on: entry
            .get("rated_at")
            .and_then(Value::as_str)
            .and_then(day_of),
    })
}
