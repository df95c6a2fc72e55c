//! The data file: where it lives, loading it with precise errors, saving it atomically,
//! backups, the writer lock and watching its folder. This is the only code that touches the
//! watchlist file.

pub mod backup;
pub mod catch_up;
mod declined;
mod fast_read;
mod fast_write;
mod file;
mod format;
pub mod guide_cache;
mod ident;
mod lock;
mod parallel;
pub mod state;
pub mod unknown;
pub mod watch;

use std::path::PathBuf;

pub use file::{
    Fingerprint, Loaded, SaveOutcome, keep_corrupt_copy, load, load_paced, load_with_fingerprint,
    read_bytes, remove_stale_temp_files, save_atomic, save_atomic_by, save_checked, write_atomic,
    write_private,
};
pub use format::{
    RonText, Writer, from_bytes, from_ron, from_ron_leaving_out_unknown_fields, to_ron, to_ron_by,
    to_text,
};
pub use lock::{LockError, WriterLock};
pub use parallel::Pace;
pub use state::{DataFile, file_key};

/// The file name of the watchlist in the data directory. Not `app.ron`: eframe keeps its UI
/// preferences under that name in the same directory on Linux.
pub const FILE_NAME: &str = "watchlist.ron";

/// The environment variable that names another data file.
pub const DATA_ENV: &str = "CURTAINCALL_DATA";

/// The default data file: `watchlist.ron` in the platform data directory
/// (e.g. `~/.local/share/curtaincall/` on Linux).
pub fn default_data_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "curtaincall")
        .map(|dirs| dirs.data_dir().join(FILE_NAME))
}

/// Everything that can go wrong with the data file. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid watchlist RON.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        /// The field's name when the mistake is a field this version does not know (a typo, or
        /// a field from another version), which the user may choose to drop.
        unknown_field: Option<String>,
    },
    /// A newer Curtain Call wrote the file; this one would lose what it does not know.
    #[error(
        "{}: written by a newer Curtain Call (schema version {found}; this version knows {}); it will not be changed",
        path.display(),
        crate::model::SCHEMA_VERSION
    )]
    NewerVersion { path: PathBuf, found: u32 },
    /// The watchlist could not be turned into RON (should not happen with valid data).
    #[error("cannot write the watchlist as RON: {0}")]
    Serialize(#[from] ron::Error),
    /// Writing the file failed; the file on disk is as it was.
    #[error("{}: cannot save: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Watchlists for the store's tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use std::sync::Arc;

    use jiff::civil::date;

    use crate::model::{
        CatalogState, ExternalIds, Progress, Score, ScoreKind, ScoreSource, Source, Status,
        Watchlist, generate,
    };

    /// A show using every part of the format: catalog state, ids, progress, a URL source, a
    /// score source of its own, spoiler shield, and text that needs raw strings.
    pub fn rich() -> Watchlist {
        let mut watchlist = generate::watchlist(2, 11);
        let show = Arc::make_mut(&mut watchlist.shows[0]);
        show.notes = "She said \"wait\" \\ then left.\nLine two, tab\there.".into();
        show.storylines[0].text = "a raw \"# inside".into();
        show.summary = "Plain summary with ünïcödé and emoji 📺.".into();
        show.external_ids = ExternalIds {
            tvmaze: Some(42),
            imdb: Some("tt0123".to_owned()),
            tmdb: Some(7),
            thetvdb: None,
        };
        show.progress = Progress {
            seen: crate::model::episodes::from_counts(&[10, 3]),
            episodes: vec![10, 0],
            dropped: true,
            ..Progress::default()
        };
        show.progress
            .mark_watched(&[crate::model::EpisodeRef(2, 5)], Some(date(2026, 11, 30)))
            .expect("marks");
        show.progress
            .mark_skipped(&[crate::model::EpisodeRef(0, 1)])
            .expect("skips");
        show.spoiler_shield = true;
        show.status_history[0].source = Source::Url("https://example.com/news?a=1".to_owned());
        show.status_history[0].seen = false;
        show.scores.push(Score::new(
            ScoreSource::Other("My club".to_owned()),
            ScoreKind::Audience,
            -0.5,
            Some(date(2026, 1, 2)),
        ));
        show.catalog = Some(CatalogState {
            updated: Some(-1_700_000_000),
            status: Some(Status::Canceled),
            source: Some(Source::TvMaze),
            network: Some("HBO".into()),
            seasons: 3,
            ended: Some(date(2024, 5, 6)),
            disagreement: None,
            likely_canceled: Some("short run".to_owned()),
            checked: Some(date(2026, 11, 1)),
        });
        watchlist
    }
}
