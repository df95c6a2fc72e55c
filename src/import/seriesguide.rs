//! SeriesGuide's JSON backup of shows (`seriesguide-shows-<date>.json`, default or full dump):
//! an array of shows with their seasons and episodes, watched / skipped flags and play counts
//! (no days), the user's ratings (0–10, 0 for none), note, favourite and hidden flags.

use serde_json::Value;

use super::Format;
use super::found::{Found, FoundShow, Rating};
use crate::model::{EpisodeRef, ExternalIds};

/// True for a SeriesGuide shows backup: an array of objects with a title and seasons.
pub fn is_shows(value: &Value) -> bool {
    value.as_array().is_some_and(|shows| {
        shows.first().is_some_and(|s| {
            s.get("title").is_some()
                && s.get("seasons").is_some()
                && (s.get("tmdb_id").is_some() || s.get("tvdb_id").is_some())
        })
    })
}

/// True for a SeriesGuide lists backup: an array of lists with their items.
pub fn is_lists(value: &Value) -> bool {
    value.as_array().is_some_and(|lists| {
        lists
            .first()
            .is_some_and(|l| l.get("list_id").is_some() && l.get("items").is_some())
    })
}

/// True for a file name SeriesGuide gives its backups: `seriesguide-shows-<date>.json`, and
/// `seriesguide-lists-<date>.json` read with it.
pub fn reads(name: &str) -> bool {
    (name.starts_with("seriesguide-shows") || name.starts_with("seriesguide-lists"))
        && name.ends_with(".json")
}

/// True for a folder holding a shows backup.
pub fn is_export_folder(dir: &std::path::Path) -> bool {
    backups(dir, "seriesguide-shows").next().is_some()
}

/// The backups in `dir` whose names start with `prefix`, newest name first.
fn backups(dir: &std::path::Path, prefix: &str) -> impl Iterator<Item = std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".json"))
        })
        .collect();
    found.sort();
    found.into_iter().rev()
}

/// Reads the newest shows backup in `dir`, with the newest lists backup beside it as tags.
pub fn read_folder(dir: &std::path::Path) -> Result<Found, super::ImportError> {
    let json = |path: &std::path::Path| -> Result<Value, super::ImportError> {
        let bytes = super::read_file(path)?;
        serde_json::from_slice(&bytes).map_err(|e| super::ImportError::Malformed {
            path: path.display().to_string(),
            format: "SeriesGuide",
            reason: e.to_string(),
        })
    };
    let Some(shows) = backups(dir, "seriesguide-shows").next() else {
        return Err(super::ImportError::NotAnExport(dir.display().to_string()));
    };
    let mut found = read_shows(&json(&shows)?);
    if let Some(lists) = backups(dir, "seriesguide-lists").next() {
        add_lists(&mut found, &json(&lists)?);
    }
    Ok(found)
}

/// Tags the shows found with the names of the lists that hold them (by TMDB id for
/// `tmdb-show` items, TheTVDB id for older `show` items); movies on lists are counted.
pub fn add_lists(found: &mut Found, lists: &Value) {
    for list in lists.as_array().into_iter().flatten() {
        let Some(name) = list.get("name").and_then(Value::as_str).map(str::trim) else {
            continue;
        };
        for item in list
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let id = item.get("externalId").and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            });
            let kind = item.get("type").and_then(Value::as_str).unwrap_or("");
            let show = match kind {
                "tmdb-show" => found
                    .shows
                    .iter_mut()
                    .find(|s| s.ids.tmdb.is_some() && s.ids.tmdb == id),
                "show" => found
                    .shows
                    .iter_mut()
                    .find(|s| s.ids.thetvdb.is_some() && s.ids.thetvdb == id),
                "movie" => {
                    found.movies += 1;
                    continue;
                }
                // Seasons and episodes on lists have no place here.
                _ => continue,
            };
            if let Some(show) = show
                && !name.is_empty()
            {
                show.tag(name);
            }
        }
    }
}

/// Reads a shows backup.
pub fn read_shows(value: &Value) -> Found {
    let mut found = Found::new(Format::SeriesGuide);
    for show in value.as_array().into_iter().flatten() {
        match read_show(show) {
            Some(show) => found.shows.push(show),
            None => found.unreadable(format!("a show without a title: {show}")),
        }
    }
    found
}

fn read_show(value: &Value) -> Option<FoundShow> {
    let title = value.get("title")?.as_str()?;
    let number = |key: &str| {
        value.get(key).and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
    };
    let ids = ExternalIds {
        tvmaze: None,
        imdb: value
            .get("imdb_id")
            .and_then(Value::as_str)
            .filter(|id| id.starts_with("tt"))
            .map(str::to_owned),
        tmdb: number("tmdb_id").filter(|id| *id > 0),
        thetvdb: number("tvdb_id").filter(|id| *id > 0),
    };
    let mut show = FoundShow::new(title, None, ids);
    for season in value
        .get("seasons")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(number) = season
            .get("season")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
        else {
            continue;
        };
        for episode in season
            .get("episodes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(at) = episode
                .get("episode")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n > 0)
                .map(|n| EpisodeRef(number, n))
            else {
                continue;
            };
            let flag = |key: &str| episode.get(key).and_then(Value::as_bool).unwrap_or(false);
            if flag("skipped") {
                show.skipped.push(at);
            } else if flag("watched") {
                // No days in this format; each play beyond the first is a rewatch.
                let plays = episode
                    .get("plays")
                    .and_then(Value::as_u64)
                    .unwrap_or(1)
                    .max(1);
                for _ in 0..plays.min(100) {
                    show.watched.push((at, None));
                }
            }
            if let Some(rating) = episode
                .get("rating_user")
                .and_then(Value::as_u64)
                .filter(|r| (1..=10).contains(r))
            {
                show.episode_ratings
                    .push((at, u8::try_from(rating).unwrap_or(10)));
            }
        }
    }
    if let Some(rating) = value
        .get("rating_user")
        .and_then(Value::as_f64)
        .filter(|r| *r > 0.0)
    {
        show.rating = Some(Rating {
            value: rating,
            out_of: 10.0,
            on: None,
        });
    }
    if let Some(note) = value.get("user_note").and_then(Value::as_str)
        && !note.trim().is_empty()
    {
        show.notes
            .push(format!("From SeriesGuide: {}", note.trim()));
    }
    if value.get("favorite").and_then(Value::as_bool) == Some(true) {
        show.tag(FoundShow::FAVORITES);
    }
    show.dropped = value.get("hidden").and_then(Value::as_bool) == Some(true);
    Some(show)
}
