//! The desktop app (egui/eframe): a thin layer over the core.
//!
//! Views read the watchlist and push [`UiCommand`]s; [`CurtainCallApp`] applies them after the
//! frame is drawn, in one place. Loading and saving run on background threads.

mod add_show;
mod alerts;
mod app;
mod cache;
mod cast;
mod catalog;
mod detail;
mod dialogs;
mod fields;
mod intake;
mod jobs;
mod posters;
pub mod prefs;
mod progress;
mod recovery;
mod scores;
mod search;
mod session;
mod stats;
mod status_bar;
mod storylines;
mod tags;
mod texts;
mod theme;
mod top_bar;
mod watchlist;

use std::path::PathBuf;

pub use app::{AppOptions, CurtainCallApp};

use crate::model::Action;

/// What a view asks for; applied by [`CurtainCallApp`] after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum UiCommand {
    /// Change the watchlist.
    Apply(Action),
    /// Show this show's detail (or none).
    Select(Option<String>),
    /// Show this show's detail and scroll the list to it.
    Reveal(String),
    /// Open or close the Alerts window.
    ToggleAlerts,
    /// Open or close the keyboard shortcuts window (F1).
    ToggleShortcuts,
    Undo,
    Redo,
    /// Open the "Add show" dialog.
    OpenAddShow,
    /// Read the data file again (after fixing it by hand).
    Reload,
    /// Open the data file without the fields this version does not know.
    DropUnknownFields,
    /// Open the "Restore from backup" window.
    OpenBackups,
    /// Replace the data file with this backup (the current file is backed up first).
    RestoreBackup(crate::store::backup::Backup),
    /// Merge a sync tool's conflict copy into the watchlist.
    MergeCopy(PathBuf),
    /// Stop offering a conflict copy (the file itself is left alone).
    DismissCopy(PathBuf),
    /// Apply the choices made in the conflict dialog.
    SettleConflict,
    /// Close the window (pending edits are written first).
    Quit,
    /// Check the catalogs for changes to every followed show now (F5).
    CheckCatalogs,
    /// Open the Settings window.
    OpenSettings,
    /// Ask for an image file (a native dialog) to be this show's poster.
    ChoosePoster(String),
    /// Make the image at this path this show's poster (it is checked, then copied into the
    /// poster cache).
    SetPosterFrom(String, PathBuf),
    /// Show this smart list, narrowed to a network or tag (a tag is a personal list), with the
    /// search cleared.
    OpenList {
        filter: crate::model::query::Filter,
        narrow: crate::model::query::Narrow,
    },
    /// Open or close the Statistics window.
    ToggleStats,
}

/// The command that applies one edit to a show.
fn edit(show: &crate::model::Show, edit: crate::model::ShowEdit) -> UiCommand {
    UiCommand::Apply(Action::Edit {
        id: show.id.clone(),
        edit,
    })
}

/// The window title.
pub const APP_TITLE: &str = "Curtain Call";

/// Opens the app's window on the watchlist `file` and returns when it is closed.
pub fn run(file: crate::store::DataFile, app_options: AppOptions) -> anyhow::Result<()> {
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_title(APP_TITLE)
        .with_app_id("curtaincall")
        .with_inner_size([1180.0, 760.0])
        .with_min_inner_size([640.0, 420.0]);
    // Decoded before the event loop starts (the window needs it at creation); a 256×256 PNG.
    if let Some(icon) = crate::posters::icon() {
        viewport = viewport.with_icon(std::sync::Arc::new(eframe::egui::IconData {
            rgba: icon.rgba,
            width: icon.width,
            height: icon.height,
        }));
    }
    let options = eframe::NativeOptions {
        viewport,
        // Always OpenGL: the snapshot tests' feature also builds eframe's wgpu renderer, which
        // would otherwise become the default in such a build.
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        APP_TITLE,
        options,
        Box::new(move |cc| Ok(Box::new(CurtainCallApp::new(cc, file, app_options)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
