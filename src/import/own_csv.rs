//! Curtain Call's own CSV export read back (see `export::csv`): the shows' file and the
//! episodes' file, in a ZIP or a folder, made into whole shows with their status, network,
//! dates, ids, tags, rating, notes and every watch, skip, episode rating and note. Columns are
//! found by their header names; a row that cannot be read is skipped and counted.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::found::{Found, WholeShow};
use super::{Format, ImportError};
use crate::export::csv::{EPISODES_FILE, SHOWS_FILE};
use crate::model::episodes::{self, Mark};
use crate::model::{EpisodeRef, Name, Score, ScoreKind, ScoreSource, Show, Status};

/// The files read.
pub const ALLOWED: [&str; 2] = [SHOWS_FILE, EPISODES_FILE];

/// True for a folder holding the shows' file.
pub fn is_export_folder(path: &Path) -> bool {
    path.join(SHOWS_FILE).is_file()
}

/// Reads the export in `folder`.
pub fn read_folder(folder: &Path) -> Result<Found, ImportError> {
    let text = |name: &str| -> Result<Option<String>, ImportError> {
        let path = folder.join(name);
        if !path.is_file() {
            return Ok(None);
        }
        let bytes = std::fs::read(&path).map_err(|source| ImportError::Read {
            path: name.to_owned(),
            source,
        })?;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| malformed(name, format!("not UTF-8 text ({e})")))
    };
    let shows = text(SHOWS_FILE)?.unwrap_or_default();
    let episodes = text(EPISODES_FILE)?.unwrap_or_default();
    read(&shows, &episodes)
}

fn malformed(file: &str, reason: String) -> ImportError {
    ImportError::Malformed {
        path: file.to_owned(),
        format: "Curtain Call CSV",
        reason,
    }
}

/// A CSV's rows as maps from header name to value.
struct Table {
    headers: Vec<String>,
    rows: Vec<Result<csv::StringRecord, csv::Error>>,
}

impl Table {
    fn read(text: &str, file: &str) -> Result<Table, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| malformed(file, e.to_string()))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        Ok(Table {
            headers,
            rows: reader.records().collect(),
        })
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// Reads the two files' text (the episodes' may be empty).
pub fn read(shows_text: &str, episodes_text: &str) -> Result<Found, ImportError> {
    let mut found = Found::new(Format::CurtainCallCsv);
    let shows = Table::read(shows_text, SHOWS_FILE)?;
    let at = |name: &str| shows.column(name);
    let (Some(id_at), Some(title_at)) = (at("curtaincall_id"), at("title")) else {
        return Err(malformed(
            SHOWS_FILE,
            "no curtaincall_id or title column".into(),
        ));
    };
    let mut made: Vec<Show> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (line, row) in shows.rows.iter().enumerate() {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                found.unreadable(format!("{SHOWS_FILE} row {}: {error}", line + 2));
                continue;
            }
        };
        let field = |name: &str| at(name).and_then(|i| row.get(i)).unwrap_or("").trim();
        let (id, title) = (
            row.get(id_at).unwrap_or(""),
            row.get(title_at).unwrap_or(""),
        );
        if id.trim().is_empty() || title.trim().is_empty() {
            found.unreadable(format!("{SHOWS_FILE} row {}: no id or title", line + 2));
            continue;
        }
        let status = field("status").parse().unwrap_or(Status::Undetermined);
        let mut show = Show::new(id.trim(), title.trim(), status);
        show.network = Some(Name::from(field("network"))).filter(|n| !n.is_empty());
        show.premiered = field("premiered").parse().ok();
        show.ended = field("ended").parse().ok();
        let ids = &mut show.external_ids;
        ids.tvmaze = field("tvmaze").parse().ok();
        ids.imdb = Some(field("imdb").to_owned()).filter(|s| !s.is_empty());
        ids.tmdb = field("tmdb").parse().ok();
        ids.thetvdb = field("thetvdb").parse().ok();
        show.tags = names(field("tags"));
        show.genres = names(field("genres"));
        show.progress.dropped = field("dropped") == "true";
        if let Ok(value) = field("rating").parse::<f64>() {
            let mut score = Score::new(
                ScoreSource::Personal,
                ScoreKind::Audience,
                value,
                field("rated_on").parse().ok(),
            );
            score.out_of = field("rating_out_of").parse().unwrap_or(10.0);
            show.scores.push(score);
        }
        // Notes keep their line breaks: not trimmed.
        show.notes = at("notes").and_then(|i| row.get(i)).unwrap_or("").into();
        index.insert(show.id.clone(), made.len());
        made.push(show);
    }
    let mut marks: Vec<BTreeMap<EpisodeRef, Mark>> = vec![BTreeMap::new(); made.len()];
    if !episodes_text.trim().is_empty() {
        read_episodes(episodes_text, &index, &mut marks, &mut found)?;
    }
    found.whole = made
        .into_iter()
        .zip(marks)
        .map(|(mut show, marks)| {
            show.progress.seen = episodes::entries(&marks);
            let year = show.premiered.map(|d| d.year());
            WholeShow { show, year }
        })
        .collect();
    Ok(found)
}

fn read_episodes(
    text: &str,
    index: &HashMap<String, usize>,
    marks: &mut [BTreeMap<EpisodeRef, Mark>],
    found: &mut Found,
) -> Result<(), ImportError> {
    let table = Table::read(text, EPISODES_FILE)?;
    let at = |name: &str| table.column(name);
    let (Some(id_at), Some(season_at), Some(episode_at)) =
        (at("curtaincall_id"), at("season"), at("episode"))
    else {
        return Err(malformed(
            EPISODES_FILE,
            "no curtaincall_id, season or episode column".into(),
        ));
    };
    for (line, row) in table.rows.iter().enumerate() {
        let bad = |why: String| format!("{EPISODES_FILE} row {}: {why}", line + 2);
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                found.unreadable(bad(error.to_string()));
                continue;
            }
        };
        let field = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("").trim();
        let Some(&show) = index.get(field(Some(id_at))) else {
            found.unreadable(bad("a show not in the shows' file".into()));
            continue;
        };
        let (Ok(season), Ok(number)) = (
            field(Some(season_at)).parse::<u32>(),
            field(Some(episode_at)).parse::<u32>(),
        ) else {
            found.unreadable(bad("no season or episode number".into()));
            continue;
        };
        let mark = marks[show].entry(EpisodeRef(season, number)).or_default();
        if let Ok(day) = field(at("watched_on")).parse()
            && !mark.on.contains(&day)
        {
            mark.on.push(day);
            mark.on.sort();
        }
        mark.skipped |= field(at("skipped")) == "true";
        if let Ok(rating) = field(at("rating")).parse::<u8>() {
            mark.rating = Some(rating.min(10));
        }
        let note = at("note").and_then(|i| row.get(i)).unwrap_or("");
        if !note.is_empty() {
            mark.note = note.to_owned();
        }
    }
    Ok(())
}

/// Names joined with `; `.
fn names(joined: &str) -> Vec<Name> {
    joined
        .split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(Name::from)
        .collect()
}
