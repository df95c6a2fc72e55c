//! The CSV export: a ZIP of two spreadsheets, `curtaincall-shows.csv` (a row per show) and
//! `curtaincall-episodes.csv` (a row per watch of an episode, and one per episode skipped), for
//! anyone who wants their history in a spreadsheet or another tracker. `curtaincall import`
//! reads it back (see `import::own_csv`); the JSON export is the one with every field.
//!
//! Columns, documented in the README ("Moving from another tracker"):
//! - shows: `curtaincall_id, title, status, network, premiered, ended, tvmaze, imdb, tmdb,
//!   thetvdb, tags, dropped, rating, rating_out_of, rated_on, genres, notes` (tags and genres
//!   joined with `; `; dates `YYYY-MM-DD`; the rating is the user's own score of the show);
//! - episodes: `curtaincall_id, title, season, episode, watched_on, skipped, rating, note`
//!   (a rewatch is another row with its day; a watch of unknown day has an empty
//!   `watched_on`; an episode's rating and note are on its first row).

use std::io::Write as _;

use crate::model::{ScoreSource, Show, Watchlist};

/// The shows' file inside the ZIP.
pub const SHOWS_FILE: &str = "curtaincall-shows.csv";
/// The episodes' file inside the ZIP.
pub const EPISODES_FILE: &str = "curtaincall-episodes.csv";

/// The shows' header.
pub const SHOWS_HEADER: [&str; 17] = [
    "curtaincall_id",
    "title",
    "status",
    "network",
    "premiered",
    "ended",
    "tvmaze",
    "imdb",
    "tmdb",
    "thetvdb",
    "tags",
    "dropped",
    "rating",
    "rating_out_of",
    "rated_on",
    "genres",
    "notes",
];

/// The episodes' header.
pub const EPISODES_HEADER: [&str; 8] = [
    "curtaincall_id",
    "title",
    "season",
    "episode",
    "watched_on",
    "skipped",
    "rating",
    "note",
];

/// Why the CSV export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CsvExportError {
    #[error("could not write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("could not write the ZIP: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("could not write the ZIP: {0}")]
    Io(#[from] std::io::Error),
}

/// The ZIP holding both files.
pub fn zipped(watchlist: &Watchlist) -> Result<Vec<u8>, CsvExportError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(SHOWS_FILE, options)?;
    zip.write_all(&shows_csv(watchlist)?)?;
    zip.start_file(EPISODES_FILE, options)?;
    zip.write_all(&episodes_csv(watchlist)?)?;
    Ok(zip.finish()?.into_inner())
}

/// `curtaincall-shows.csv`.
pub fn shows_csv(watchlist: &Watchlist) -> Result<Vec<u8>, ::csv::Error> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    out.write_record(SHOWS_HEADER)?;
    for show in &watchlist.shows {
        out.write_record(show_row(show))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

fn show_row(show: &Show) -> [String; 17] {
    let day = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    let joined = |names: &[crate::model::Name]| {
        names
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rating = show
        .scores
        .iter()
        .find(|s| s.source == ScoreSource::Personal);
    let ids = &show.external_ids;
    [
        show.id.clone(),
        show.title.clone(),
        show.status.word().to_owned(),
        show.network
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        day(show.premiered),
        day(show.ended),
        number(ids.tvmaze),
        ids.imdb.clone().unwrap_or_default(),
        number(ids.tmdb),
        number(ids.thetvdb),
        joined(&show.tags),
        show.progress.dropped.to_string(),
        rating.map(|r| r.value.to_string()).unwrap_or_default(),
        rating.map(|r| r.out_of.to_string()).unwrap_or_default(),
        day(rating.and_then(|r| r.as_of)),
        joined(&show.genres),
        show.notes.to_string(),
    ]
}

/// `curtaincall-episodes.csv`.
pub fn episodes_csv(watchlist: &Watchlist) -> Result<Vec<u8>, ::csv::Error> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    out.write_record(EPISODES_HEADER)?;
    for show in &watchlist.shows {
        for (episode, mark) in show.progress.marks() {
            let rows = mark.on.len().max(1);
            for row in 0..rows {
                let first = row == 0;
                out.write_record([
                    show.id.as_str(),
                    show.title.as_str(),
                    &episode.0.to_string(),
                    &episode.1.to_string(),
                    &mark
                        .on
                        .get(row)
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    if mark.skipped { "true" } else { "false" },
                    &mark
                        .rating
                        .filter(|_| first)
                        .map(|r| r.to_string())
                        .unwrap_or_default(),
                    if first { mark.note.as_str() } else { "" },
                ])?;
            }
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}
