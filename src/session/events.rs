//! What background jobs (and the folder watcher) report to the session, through the one
//! channel [`crate::tasks`] gives it.

use std::path::PathBuf;

use super::article_review::ArticleReview;
use super::opening::{BackupSummary, Opened};
use super::prepared::Prepared;
use super::storage::SaveReport;
use crate::import::{ImportError, Plan};
use crate::instance::{Incoming, Server};
use crate::model::text_index::TextIndex;
use crate::model::{CatalogShow, Watchlist};
use crate::posters::{Decoded, PosterError};
use crate::sources::FetchError;
use crate::sources::catch_up::Caught;
use crate::sources::check::CheckResult;
use crate::store::backup::Backup;
use crate::store::watch::FolderEvent;
use crate::store::{Fingerprint, StoreError};

/// What a background job (or the folder watcher) reports to the session.
#[derive(Debug)]
pub enum Event {
    /// The data file was opened (or failed to open), with what the job prepared for the
    /// window.
    Opened(Box<Opened>, Box<Prepared>),
    /// A save finished.
    Saved(SaveReport),
    /// The folder watcher saw the data file change, or a conflict copy appear.
    Folder(FolderEvent),
    /// An outside change of the data file was parsed.
    Parsed {
        fingerprint: Fingerprint,
        parsed: Result<Watchlist, StoreError>,
    },
    /// A sync tool's conflict copy was read.
    CopyRead {
        path: PathBuf,
        read: Result<Watchlist, StoreError>,
    },
    /// The backups were listed.
    BackupsListed(Vec<BackupSummary>),
    /// An export was chosen, read and planned (or the dialog was closed).
    ImportRead(Box<ImportRead>),
    /// Episode guides read from the cache.
    GuidesLoaded(crate::model::guide::Guides),
    /// One show's guide read whole from the cache (summaries too), for its detail: its TVmaze
    /// id and the guides' revision it was asked at.
    FullGuideLoaded {
        tvmaze: u64,
        revision: u64,
        guide: Option<crate::model::guide::Guide>,
    },
    /// The text index was built.
    IndexBuilt(TextIndex),
    /// The catalog's answer about one imported show.
    CaughtUp(Box<CaughtUp>),
    /// An article the command line sent, read.
    RemoteArticleRead(Box<crate::article::Reading>),
    /// The plan of an import the command line sent, or why its shows could not be read.
    RemoteImportPlanned(Box<Result<crate::import::Plan, String>>),
    /// The watchlist was exported to this file, or why not; `None` when the dialog was closed.
    Exported(Option<(PathBuf, Result<usize, String>)>),
    /// An article was read: what it says, for review, or why it could not be.
    ArticleRead(Box<Result<ArticleReview, String>>),
    /// A catalog search finished.
    CatalogSearched(Result<Vec<CatalogShow>, FetchError>),
    /// A show to add was fetched from the catalog.
    CatalogFetched(Box<Result<CatalogShow, FetchError>>),
    /// The running check got this far: `(done, total)`.
    CheckProgress(usize, usize),
    /// A check finished.
    Checked(CheckOutcome),
    /// An image was checked and copied into the poster cache for show `id`: its name there.
    PosterImported {
        id: String,
        imported: Result<String, PosterImport>,
    },
    /// A poster was loaded for the screen.
    PosterLoaded(Result<Decoded, PosterError>),
    /// Work whose only news is a failure.
    Chore(Chore),
    /// A request from the command line or a second launch.
    Remote(Incoming),
    /// The file's socket is listened on, or why not.
    Listening(Result<Server, String>),
    /// The backups, listed for a restore asked for from the command line.
    BackupsFound(Vec<Backup>),
}

/// Why an image did not become a show's poster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PosterImport {
    /// The user closed the file dialog without choosing.
    Canceled,
    /// The image was refused; why.
    Refused(String),
}

/// What a check job sends back.
#[derive(Debug)]
pub enum CheckOutcome {
    /// The catalog answered, for a check started at this time.
    Done(CheckResult, jiff::Timestamp),
    /// An automatic check found the last one (at this time) recent enough and asked nothing.
    NotDue(jiff::Timestamp),
    Failed(FetchError),
}

/// Background work whose only news is a failure, logged once when it arrives.
#[derive(Debug)]
pub enum Chore {
    SettingsSaved(Result<(), String>),
    CheckRecorded(Result<(), String>),
    Notified(Result<(), String>),
    Autostart(Result<(), String>),
    CalendarWritten(Result<(), String>),
    CatchUpSaved(Result<(), String>),
}

impl Chore {
    /// Logs a failure: none of these is worth interrupting the user for.
    pub fn log(self) {
        match self {
            Chore::SettingsSaved(Err(error)) => log::warn!("could not save the settings: {error}"),
            Chore::CalendarWritten(Err(error)) => {
                log::warn!("could not write the calendar file: {error}");
            }
            Chore::CheckRecorded(Err(error)) => {
                log::warn!("could not record the time of the check: {error}");
            }
            Chore::Notified(Err(error)) => log::info!("desktop notification not shown: {error}"),
            Chore::Autostart(Err(error)) => {
                log::warn!("could not change starting at login: {error}");
            }
            Chore::CatchUpSaved(Err(error)) => {
                log::warn!("could not keep where fetching imported shows stands: {error}");
            }
            Chore::SettingsSaved(Ok(()))
            | Chore::CheckRecorded(Ok(()))
            | Chore::Notified(Ok(()))
            | Chore::Autostart(Ok(()))
            | Chore::CalendarWritten(Ok(()))
            | Chore::CatchUpSaved(Ok(())) => {}
        }
    }
}

/// What a catch-up job sends back: the show asked about and what the catalog said.
#[derive(Debug)]
pub struct CaughtUp {
    pub id: String,
    pub caught: Result<Caught, FetchError>,
}

/// What the reading job sends back: the export's path (`None` when the dialog was closed)
/// and what reading and planning it gave.
#[derive(Debug)]
pub struct ImportRead {
    pub path: Option<PathBuf>,
    pub result: Result<Plan, ImportError>,
    /// Read with a password the user typed.
    pub with_password: bool,
}
