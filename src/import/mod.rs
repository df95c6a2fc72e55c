//! Moving in from another tracker: reading an export (TV Time's unpacked GDPR export, Trakt,
//! SeriesGuide, IMDb; ZIP archives not yet) into what it holds — shows with their ids, watched and
//! skipped episodes with their days, ratings, notes, lists — and planning how that joins the
//! watchlist ([`plan`]). Formats are told apart by their content, never by a file name. Reading
//! does no writing; the plan is applied as ordinary actions, so an import is one undoable step
//! and importing the same export twice changes nothing.

mod archive;
mod found;
pub mod imdb;
mod own_csv;
mod plan;
mod report;
pub mod seriesguide;
pub mod trakt;
pub mod tvtime;

use std::path::Path;

pub use found::{Found, FoundShow, Rating, WholeShow};
pub use plan::{Counts, Plan, PlannedShow, plan};
pub use report::report;

/// The tracker an export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Curtain Call's own full export (`curtaincall export --format json`).
    CurtainCall,
    /// Curtain Call's CSV export (`curtaincall export --format csv`).
    CurtainCallCsv,
    TvTime,
    Trakt,
    SeriesGuide,
    Imdb,
}

impl Format {
    /// The tracker's name, as notes and messages say it.
    pub fn name(self) -> &'static str {
        match self {
            Format::CurtainCall => "Curtain Call",
            Format::CurtainCallCsv => "Curtain Call CSV",
            Format::TvTime => "TV Time",
            Format::Trakt => "Trakt",
            Format::SeriesGuide => "SeriesGuide",
            Format::Imdb => "IMDb",
        }
    }
}

/// Why an export could not be read. Nothing is changed when reading fails.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{0} is empty")]
    Empty(String),
    #[error("{0} does not look like a TV Time, Trakt, SeriesGuide or IMDb export")]
    NotAnExport(String),
    #[error("{0} is password-protected: give its password (--password-file FILE)")]
    NeedsPassword(String),
    #[error("the password for {0} is wrong (or the archive is damaged)")]
    WrongPassword(String),
    #[error("{path} is not a ZIP archive that can be read: {reason}")]
    Archive { path: String, reason: String },
    #[error("{path} looks like a {format} export but cannot be read: {reason}")]
    Malformed {
        path: String,
        format: &'static str,
        reason: String,
    },
}

/// The largest single file an import reads (a Trakt history page, a SeriesGuide backup).
const MAX_FILE: u64 = 256 * 1024 * 1024;

/// Reads the export at `path`: a file, or a folder holding an unpacked export.
pub fn read(path: &Path) -> Result<Found, ImportError> {
    read_with(path, None)
}

/// [`read`], with the `password` of an encrypted archive.
pub fn read_with(path: &Path, password: Option<&str>) -> Result<Found, ImportError> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return read_folder(path, &shown);
    }
    let bytes = read_file(path)?;
    if archive::is_zip(&bytes) {
        let unpacked = archive::unpack(&bytes, &shown, password)?;
        return read_folder(unpacked.path(), &shown);
    }
    read_bytes(&bytes, &shown)
}

/// A folder holding an unpacked export (`shown` names it in messages).
fn read_folder(path: &Path, shown: &str) -> Result<Found, ImportError> {
    if own_csv::is_export_folder(path) {
        return own_csv::read_folder(path);
    }
    if seriesguide::is_export_folder(path) {
        return seriesguide::read_folder(path);
    }
    if trakt::is_export_folder(path) {
        return trakt::read_folder(path);
    }
    if tvtime::is_export_folder(path) {
        return tvtime::read_folder(path);
    }
    Err(ImportError::NotAnExport(shown.to_owned()))
}

/// One exported file's bytes (`shown` names it in messages).
fn read_bytes(bytes: &[u8], shown: &str) -> Result<Found, ImportError> {
    let shown = shown.to_owned();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty(shown));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::Malformed {
        path: shown.clone(),
        format: "text",
        reason: format!("not UTF-8 text ({e})"),
    })?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with(['[', '{']) {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ImportError::Malformed {
                path: shown.clone(),
                format: "JSON",
                reason: e.to_string(),
            })?;
        if let Some(shows) = own_export(&value) {
            let mut found = Found::new(Format::CurtainCall);
            found.whole = shows
                .map_err(|reason| ImportError::Malformed {
                    path: shown.clone(),
                    format: "Curtain Call",
                    reason,
                })?
                .into_iter()
                .map(|show| WholeShow { show, year: None })
                .collect();
            return Ok(found);
        }
        if seriesguide::is_shows(&value) {
            return Ok(seriesguide::read_shows(&value));
        }
        if seriesguide::is_lists(&value) {
            return Err(ImportError::Malformed {
                path: shown,
                format: "SeriesGuide lists",
                reason: "a lists backup names shows only by their ids: import it together with \
                         the shows backup (both files in one folder or ZIP)"
                    .to_owned(),
            });
        }
        if trakt::is_history(&value) {
            return Ok(trakt::read_history_file(&value));
        }
        return Err(ImportError::NotAnExport(shown));
    }
    if imdb::is_export(text) {
        return imdb::read(text, &shown);
    }
    if text.starts_with("curtaincall_id,") {
        // The shows' file of the CSV export, alone: the shows without their episodes.
        return own_csv::read(text, "");
    }
    if tvtime::is_records(text) {
        let mut found = Found::new(Format::TvTime);
        tvtime::read_records(text, &mut found);
        return Ok(found);
    }
    Err(ImportError::NotAnExport(shown))
}

/// The shows of Curtain Call's own full export, when `value` is one.
fn own_export(value: &serde_json::Value) -> Option<Result<Vec<crate::model::Show>, String>> {
    let version = value.get(crate::export::FULL_EXPORT_KEY)?.as_u64()?;
    if version > u64::from(crate::export::FULL_EXPORT_VERSION) {
        return Some(Err(format!(
            "it was written by a newer Curtain Call (export version {version})"
        )));
    }
    let watchlist = value.get("watchlist")?.clone();
    Some(
        serde_json::from_value::<crate::model::Watchlist>(watchlist)
            .map(|w| w.shows.into_iter().map(|s| (*s).clone()).collect())
            .map_err(|e| e.to_string()),
    )
}

/// A file's bytes, refusing one too large to be an export.
fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let error = |source| ImportError::Read {
        path: path.display().to_string(),
        source,
    };
    let size = std::fs::metadata(path).map_err(error)?.len();
    if size > MAX_FILE {
        return Err(error(std::io::Error::other(format!(
            "{size} bytes is more than an export holds"
        ))));
    }
    std::fs::read(path).map_err(error)
}
