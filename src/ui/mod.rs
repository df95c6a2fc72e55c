//! The desktop app (egui/eframe): draws what the [`crate::session::Session`] holds and turns
//! input into commands. Views read state and push [`UiCommand`]s; [`CurtainCallApp`] hands
//! the session its [`Command`]s after the frame is drawn, and keeps the view's own state
//! (what is selected, which windows are open). No view touches the disk or the network.

mod add_show;
mod alerts;
mod app;
mod article;
mod backups;
mod banners;
mod cache;
mod calendar;
mod conflict;
mod detail;
mod fields;
mod import;
mod matching;
mod posters;
pub mod prefs;
mod quit;
mod recap;
mod recovery;
mod settings;
mod shortcuts;
mod stats;
mod status_bar;
mod theme;
mod top_bar;
mod up_next;
mod watchlist;

pub use app::{AppOptions, CurtainCallApp};

use crate::model::Action;
use crate::session::Command;

/// What a view asks for: something for the session to do, or a change of what is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum UiCommand {
    /// Something for the session: an edit, undo, a reload, a check…
    Session(Command),
    /// Show this show's detail.
    Select(String),
    /// Show this show's detail and scroll the list to it.
    Reveal(String),
    /// Open or close the Alerts window.
    ToggleAlerts,
    /// Open or close the keyboard shortcuts window (F1).
    ToggleShortcuts,
    /// Open or close the Statistics window.
    ToggleStats,
    /// Open or close the Up next window (F3).
    ToggleUpNext,
    /// Open or close the Calendar window (F4).
    ToggleCalendar,
    /// Open "Previously on…", the recap of this show.
    OpenRecap(String),
    /// Open the "Add show" dialog.
    OpenAddShow,
    /// Open the "Restore from backup" window.
    OpenBackups,
    /// Open the "Match imported shows" window.
    OpenMatching,
    /// Open the "Read an article" window, with this text (the clipboard's) when given.
    OpenArticle(Option<String>),
    /// Open the Settings window.
    OpenSettings,
    /// Close the window (pending edits are written first).
    Quit,
    /// Show this smart list, narrowed to a network or tag (a tag is a personal list), with the
    /// search cleared.
    OpenList {
        filter: crate::model::query::Filter,
        narrow: crate::model::query::Narrow,
    },
}

impl From<Command> for UiCommand {
    fn from(command: Command) -> Self {
        UiCommand::Session(command)
    }
}

/// The command that applies an action to the watchlist.
fn apply(action: Action) -> UiCommand {
    UiCommand::Session(Command::Apply(action))
}

/// The command that applies one edit to a show.
fn edit(show: &crate::model::Show, edit: crate::model::ShowEdit) -> UiCommand {
    apply(Action::Edit {
        id: show.id.clone(),
        edit,
    })
}

/// The window title.
pub const APP_TITLE: &str = "Curtain Call";

/// Opens the app's window on the watchlist `file` and returns when it is closed.
/// With `profile_startup` (the process start), prints start-up timings and closes once the
/// watchlist is on screen; with `minimized`, the window starts minimised (started at login).
pub fn run(
    file: crate::store::DataFile,
    app_options: AppOptions,
    profile_startup: Option<std::time::Instant>,
    minimized: bool,
) -> anyhow::Result<()> {
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
    // Reading the file starts now, beside the window's creation: neither waits for the other,
    // and the first frame never waits for the file.
    let waker = app::Waker::default();
    let mut session = crate::session::Session::new(file, app_options, waker.callback());
    session.start_opening();
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
        Box::new(move |cc| {
            let mut app = CurtainCallApp::with_session(cc, session, &waker);
            if minimized {
                // eframe cannot create a window minimised: it is minimised at once instead.
                cc.egui_ctx
                    .send_viewport_cmd(eframe::egui::ViewportCommand::Minimized(true));
            }
            if let Some(started) = profile_startup {
                app = app.profile_startup(started);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
