//! What the GUI asks of the session: one command per thing the user can do to the watchlist,
//! the file or the catalogs.

use std::path::PathBuf;

use crate::model::Action;
use crate::settings::Settings;
use crate::store::backup::Backup;

/// What the GUI asks of the session.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Change the watchlist (an undoable edit).
    Apply(Action),
    Undo,
    Redo,
    /// Read the data file again (after fixing it by hand).
    Reload,
    /// Open the data file without the fields this version does not know.
    DropUnknownFields,
    /// Replace the data file with this backup (the current file is backed up first).
    RestoreBackup(Backup),
    /// List the backups (for the "Restore from backup" window).
    ListBackups,
    /// Merge a sync tool's conflict copy into the watchlist.
    MergeCopy(PathBuf),
    /// Stop offering a conflict copy (the file itself is left alone).
    DismissCopy(PathBuf),
    /// Choose which version of a show the conflict dialog keeps.
    ChooseVersion {
        id: String,
        take_theirs: bool,
    },
    /// Choose which version one field of a show comes from, in the conflict dialog.
    ChooseField {
        id: String,
        /// The field's name in the file (`network`).
        field: String,
        take_theirs: bool,
    },
    /// Import another tracker's export: read and plan it for review (asking for the file when
    /// `None`).
    Import(Option<PathBuf>),
    /// Export the watchlist to this file (asking for it first when `None`): the CSV ZIP for a
    /// `.zip`, the full JSON otherwise.
    Export(Option<PathBuf>),
    /// Open the "Read an article" window.
    OpenArticle,
    /// Read this article (text pasted, an address, or a file dropped) into facts.
    ReadArticle(super::reading_article::ArticleInput),
    /// Keep (or leave out) fact `fact` of show `show` of the article under review.
    ChooseFact {
        show: usize,
        fact: usize,
        keep: bool,
    },
    /// Take show `show` of the article under review, named by a title not on the watchlist, as
    /// the watchlist show `to`; `None` takes it back to a new show.
    MatchArticleShow {
        show: usize,
        to: Option<String>,
    },
    /// Apply the facts kept, as one step.
    ApplyArticle,
    /// Close the article without changing anything.
    CloseArticle,
    /// The password of the encrypted export being imported.
    ImportPassword(String),
    /// Keep (or leave out) show `index` of the import under review.
    ChooseImported {
        index: usize,
        import: bool,
    },
    /// Import what the review keeps, as one step.
    ApplyImport,
    /// Close the import without changing anything.
    CloseImport,
    /// Apply the choices made in the conflict dialog.
    SettleConflict,
    /// Check the catalogs for changes to every followed show now.
    CheckCatalogs,
    /// Search TVmaze for these words (for the Add show dialog).
    SearchCatalog(String),
    /// Fetch TVmaze show `id` with its cast and seasons, and add it.
    AddFromCatalog(u64),
    /// Link imported show `id` to TVmaze show `tvmaze` (matched by hand, or a match by title
    /// confirmed), fetching its details; its history stays.
    MatchImported {
        id: String,
        tvmaze: u64,
    },
    /// Leave imported show `id` as it is, unmatched, and stop listing it.
    KeepUnmatched(String),
    /// Stop fetching imported shows' details (until resumed, also after a restart).
    StopCatchUp,
    /// Resume fetching imported shows' details.
    ResumeCatchUp,
    /// The Add show dialog closed: forget its search.
    ForgetCatalogSearch,
    /// Ask for an image file (a native dialog) to be this show's poster.
    ChoosePoster(String),
    /// Make the image at this path this show's poster (checked, then copied into the cache).
    SetPosterFrom(String, PathBuf),
    /// Keep new settings (and write them).
    SaveSettings(Settings),
}
