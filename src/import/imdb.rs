//! IMDb's list and ratings CSV exports: a row per title with its `Const` (`tt…`) id, title,
//! year, `Title Type` and the user's rating. Only series are taken (`TV Series`, `TV Mini
//! Series`, or `tvSeries` / `tvMiniSeries` in older files); movies are counted, episodes and
//! the rest skipped. Columns are read by their header names, so a file whose columns moved
//! still reads.

use super::found::{Found, FoundShow, Rating};
use super::{Format, ImportError};
use crate::model::ExternalIds;

/// True for an IMDb export: a CSV header with `Const` and `Title`.
pub fn is_export(text: &str) -> bool {
    let header = text.lines().next().unwrap_or_default();
    let columns: Vec<&str> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    columns.contains(&"Const") && columns.contains(&"Title")
}

/// Reads an export; `path` names it in errors.
pub fn read(text: &str, path: &str) -> Result<Found, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let malformed = |reason: String| ImportError::Malformed {
        path: path.to_owned(),
        format: "IMDb",
        reason,
    };
    let headers = reader
        .headers()
        .map_err(|e| malformed(e.to_string()))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(id_at), Some(title_at)) = (column("Const"), column("Title")) else {
        return Err(malformed("no Const or Title column".to_owned()));
    };
    let type_at = column("Title Type");
    let year_at = column("Year");
    let rating_at = column("Your Rating");
    let rated_at = column("Date Rated");
    let is_list = column("Position").is_some();
    let mut found = Found::new(Format::Imdb);
    for (line, row) in reader.records().enumerate() {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                found.unreadable(format!("row {}: {error}", line + 2));
                continue;
            }
        };
        let cell = |at: Option<usize>| at.and_then(|i| row.get(i)).map(str::trim);
        let (Some(id), Some(title)) = (cell(Some(id_at)), cell(Some(title_at))) else {
            found.unreadable(format!("row {}: too few columns", line + 2));
            continue;
        };
        let kind = cell(type_at).unwrap_or_default();
        match kind {
            "TV Series" | "TV Mini Series" | "tvSeries" | "tvMiniSeries" => {}
            "Movie" | "movie" | "TV Movie" | "tvMovie" | "Short" | "short" => {
                found.movies += 1;
                continue;
            }
            _ => continue,
        }
        if !id.starts_with("tt") || title.is_empty() {
            found.unreadable(format!("row {}: no IMDb id or title", line + 2));
            continue;
        }
        let year = cell(year_at).and_then(|y| y.parse::<i16>().ok());
        let mut show = FoundShow::new(
            title,
            year,
            ExternalIds {
                imdb: Some(id.to_owned()),
                ..ExternalIds::default()
            },
        );
        if let Some(value) = cell(rating_at).and_then(|r| r.parse::<f64>().ok()) {
            show.rating = Some(Rating {
                value,
                out_of: 10.0,
                on: cell(rated_at).and_then(|d| d.parse().ok()),
            });
        }
        if is_list {
            show.tag("IMDb list");
        }
        found.shows.push(show);
    }
    Ok(found)
}
