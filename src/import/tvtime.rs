//! TV Time's GDPR export, unpacked (the ZIP itself is not read yet): a folder of CSVs of which
//! only an allow-list is opened, never the account's token, password or IP files. Columns are
//! read by header name (their order differs between accounts).
//!
//! - `tracking-prod-records-v2.csv` (the current generation): a row per watch
//!   (`watch-episode-…`, `rewatch-episode-…` keys) with the show's TVDB id (`s_id`), season and
//!   episode, and when (`created_at`, UTC); `user-series-…` rows carry `is_archived` and
//!   `is_for_later`; other rows (counts) are skipped.
//! - The older generation's `seen_episode.csv`: the show's name with season and episode.
//! - `followed_tv_show.csv`: `archived` shows (TVDB `tv_show_id`) become dropped.

use std::collections::HashMap;
use std::path::Path;

use super::found::{Found, FoundShow};
use super::{Format, ImportError};
use crate::model::{EpisodeRef, ExternalIds};

/// The files read, by name; nothing else in the export is opened.
pub const ALLOWED: [&str; 7] = [
    "tracking-prod-records-v2.csv",
    "seen_episode.csv",
    "followed_tv_show.csv",
    "watched_on_episode.csv",
    "user_tv_show_data.csv",
    "tv_show_rate.csv",
    "tracking-prod-records.csv",
];

/// True for a folder holding TV Time's export.
pub fn is_export_folder(dir: &Path) -> bool {
    [
        "tracking-prod-records-v2.csv",
        "tracking-prod-records.csv",
        "seen_episode.csv",
    ]
    .iter()
    .any(|name| dir.join(name).is_file())
}

/// True for the v2 watch records given on their own.
pub fn is_records(text: &str) -> bool {
    let header = text.lines().next().unwrap_or_default();
    let columns: Vec<&str> = header.split(',').map(str::trim).collect();
    columns.contains(&"key") && columns.contains(&"s_id")
}

/// One CSV, rows as maps from header to cell; unreadable rows counted in `found`.
fn rows(text: &str, found: &mut Found, file: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else {
        found.unreadable(format!("{file}: no header"));
        return Vec::new();
    };
    let mut rows = Vec::new();
    for (line, record) in reader.records().enumerate() {
        match record {
            Ok(record) => rows.push(
                headers
                    .iter()
                    .zip(record.iter())
                    .map(|(h, v)| (h.trim().to_owned(), v.trim().to_owned()))
                    .collect(),
            ),
            Err(error) => found.unreadable(format!("{file} row {}: {error}", line + 2)),
        }
    }
    rows
}

/// The first of `names` a row has, non-empty.
fn cell<'a>(row: &'a HashMap<String, String>, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|n| row.get(*n).map(String::as_str).filter(|v| !v.is_empty()))
}

fn number(row: &HashMap<String, String>, names: &[&str]) -> Option<u32> {
    cell(row, names)?.parse().ok()
}

/// Reads the v2 watch records in `text` into `found`.
pub fn read_records(text: &str, found: &mut Found) {
    let mut index = HashMap::new();
    for row in rows(text, found, "tracking-prod-records-v2.csv") {
        let key = cell(&row, &["key"]).unwrap_or_default();
        let tvdb = number(&row, &["s_id"]).map(u64::from);
        let name = cell(&row, &["series_name"]).unwrap_or_default().to_owned();
        let Some(tvdb) = tvdb else {
            if key.starts_with("watch-episode-") || key.starts_with("rewatch-episode-") {
                found.unreadable(format!("a watch without a show id: {key}"));
            }
            continue;
        };
        let make = || {
            FoundShow::new(
                if name.is_empty() { UNTITLED } else { &name },
                None,
                ExternalIds {
                    thetvdb: Some(tvdb),
                    ..ExternalIds::default()
                },
            )
        };
        if key.starts_with("watch-episode-") || key.starts_with("rewatch-episode-") {
            let special = cell(&row, &["is_special"]) == Some("true");
            let season = number(&row, &["season_number", "s_no"]);
            let episode = number(&row, &["episode_number", "ep_no"]).filter(|n| *n > 0);
            let (Some(season), Some(episode)) = (season, episode) else {
                found.unreadable(format!("a watch without season or episode: {key}"));
                continue;
            };
            let at = EpisodeRef(if special { 0 } else { season }, episode);
            let day = cell(&row, &["created_at"])
                .and_then(|t| t.get(..10))
                .and_then(|d| d.parse().ok());
            let show = found.show_mut(&mut index, tvdb.to_string(), make);
            named(show, &name);
            show.watched.push((at, day));
        } else if key.starts_with("user-series-") {
            let show = found.show_mut(&mut index, tvdb.to_string(), make);
            named(show, &name);
            if cell(&row, &["is_archived"]) == Some("true") {
                show.dropped = true;
            }
            if cell(&row, &["is_for_later"]) == Some("true") {
                show.tag(FoundShow::WANT_TO_WATCH);
            }
        }
    }
}

/// Gives `show` the name a later row has when the first row it came from had none.
fn named(show: &mut FoundShow, name: &str) {
    if show.title == UNTITLED && !name.is_empty() {
        name.clone_into(&mut show.title);
    }
}

/// The show found with TheTVDB id `tvdb`.
fn by_tvdb(found: &mut Found, tvdb: Option<u64>) -> Option<&mut FoundShow> {
    let tvdb = tvdb?;
    found.shows.iter_mut().find(|s| s.ids.thetvdb == Some(tvdb))
}

/// The title of a show whose rows so far had no name.
const UNTITLED: &str = "Untitled show";

/// Reads the export folder `dir`.
pub fn read_folder(dir: &Path) -> Result<Found, ImportError> {
    let mut found = Found::new(Format::TvTime);
    let read = |name: &str| -> Result<Option<String>, ImportError> {
        let path = dir.join(name);
        if !path.is_file() {
            return Ok(None);
        }
        let bytes = super::read_file(&path)?;
        // A damaged byte here and there is the export's, not a reason to refuse it.
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    };
    // Per show: its TheTVDB id by name (the older generation's watches carry only names), and
    // whether it is a favourite.
    let shows_data = match read(ALLOWED[4])? {
        Some(text) => rows(&text, &mut found, ALLOWED[4]),
        None => Vec::new(),
    };
    let followed = match read(ALLOWED[2])? {
        Some(text) => rows(&text, &mut found, ALLOWED[2]),
        None => Vec::new(),
    };
    let tvdb_by_name: HashMap<String, u64> = shows_data
        .iter()
        .chain(&followed)
        .filter_map(|row| {
            let name = cell(row, &["tv_show_name", "name"])?;
            let tvdb = number(row, &["tv_show_id", "s_id"])?;
            Some((crate::model::ids::fold(name), u64::from(tvdb)))
        })
        .collect();
    if let Some(text) = read(ALLOWED[0])? {
        read_records(&text, &mut found);
    } else if let Some((file, text)) = match read(ALLOWED[1])? {
        Some(text) => Some((ALLOWED[1], text)),
        None => read(ALLOWED[3])?.map(|text| (ALLOWED[3], text)),
    } {
        let mut index = HashMap::new();
        for row in rows(&text, &mut found, file) {
            let name = cell(&row, &["tv_show_name"]).map(str::to_owned);
            let season = number(&row, &["episode_season_number", "season_number"]);
            let episode = number(&row, &["episode_number"]).filter(|n| *n > 0);
            let (Some(name), Some(season), Some(episode)) = (name, season, episode) else {
                found.unreadable("a seen episode without its show, season or number".into());
                continue;
            };
            let day = cell(&row, &["created_at", "updated_at"])
                .and_then(|t| t.get(..10))
                .and_then(|d| d.parse().ok());
            let tvdb = tvdb_by_name.get(&crate::model::ids::fold(&name)).copied();
            found
                .show_mut(&mut index, name.clone(), || {
                    FoundShow::new(
                        &name,
                        None,
                        ExternalIds {
                            thetvdb: tvdb,
                            ..ExternalIds::default()
                        },
                    )
                })
                .watched
                .push((EpisodeRef(season, episode), day));
        }
    }
    for row in &shows_data {
        let tvdb = number(row, &["tv_show_id", "s_id"]).map(u64::from);
        if cell(row, &["is_favorited"]).is_some_and(|v| v == "1" || v == "true")
            && let Some(show) = by_tvdb(&mut found, tvdb)
        {
            show.tag(FoundShow::FAVORITES);
        }
    }
    if let Some(text) = read(ALLOWED[5])? {
        for row in rows(&text, &mut found, ALLOWED[5]) {
            let tvdb = number(&row, &["tv_show_id", "s_id"]).map(u64::from);
            let value =
                cell(&row, &["rating", "rate", "value"]).and_then(|v| v.parse::<f64>().ok());
            let on = cell(&row, &["created_at", "updated_at"])
                .and_then(|t| t.get(..10))
                .and_then(|d| d.parse().ok());
            match (
                value.filter(|v| (1.0..=5.0).contains(v)),
                by_tvdb(&mut found, tvdb),
            ) {
                (Some(value), Some(show)) => {
                    show.rating = Some(super::found::Rating {
                        value,
                        out_of: 5.0,
                        on,
                    });
                }
                (None, _) => {
                    found.unreadable(format!("{}: a rating that is not 1 to 5", ALLOWED[5]))
                }
                // A rating of a show with no watch and no follow: nothing to put it on.
                (Some(_), None) => {}
            }
        }
    }
    // The older generation's records hold movies (and their watch lists): counted, not
    // imported.
    if let Some(text) = read(ALLOWED[6])? {
        found.movies += rows(&text, &mut found, ALLOWED[6])
            .iter()
            .filter(|row| cell(row, &["entity_type"]) == Some("movie"))
            .filter_map(|row| cell(row, &["uuid", "entity_id", "movie_name", "name"]))
            .collect::<std::collections::HashSet<_>>()
            .len();
    }
    for row in &followed {
        let tvdb = number(row, &["tv_show_id"]).map(u64::from);
        if cell(row, &["archived"]) == Some("1")
            && let Some(show) = by_tvdb(&mut found, tvdb)
        {
            show.dropped = true;
        }
    }
    Ok(found)
}
