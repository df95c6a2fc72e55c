//! The app: owns the open document and the view state, applies [`UiCommand`]s in one place,
//! and drives background loading and saving.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::{UiCommand, add_show, detail, status_bar, top_bar, watchlist};
use crate::document::Document;
use crate::model::{self, Action, Watchlist};
use crate::store::{self, Loaded, Saver, StoreError};

/// Settings that tests and benchmarks tune.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// How long the watchlist must rest after an edit before it is saved: typing a note is
    /// saved once, not per keystroke.
    pub save_delay: Duration,
    /// How long to wait before trying a failed save again.
    pub retry_delay: Duration,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            save_delay: Duration::from_millis(500),
            retry_delay: Duration::from_secs(5),
        }
    }
}

/// The Curtain Call app.
pub struct CurtainCallApp {
    path: PathBuf,
    options: AppOptions,
    phase: Phase,
    view: ViewState,
}

/// Where the app is in its life.
enum Phase {
    /// The file is being read on a background thread.
    Loading(mpsc::Receiver<Result<Loaded, StoreError>>),
    /// The watchlist is open.
    Ready(Box<Session>),
    /// The file did not load. Nothing is written until it does.
    Failed(StoreError),
}

/// An open watchlist and its saving state.
struct Session {
    doc: Document,
    saver: Option<Saver>,
    /// True while the watchlist is the sample and no file exists yet.
    from_sample: bool,
    last_edit: Instant,
    /// The newest revision handed to the saver.
    requested_revision: u64,
    save_error: Option<String>,
    retry_at: Option<Instant>,
}

/// What the views remember between frames.
#[derive(Default)]
pub(crate) struct ViewState {
    pub selected: Option<String>,
    pub list: watchlist::ListState,
    pub detail: detail::DetailState,
    pub add_show: Option<add_show::AddShowDraft>,
    /// The outcome of the last command, shown in the status bar (e.g. "Deleted “Étoile”").
    pub message: Option<String>,
}

impl CurtainCallApp {
    /// Creates the app and starts reading the file at `path` in the background.
    pub fn new(cc: &eframe::CreationContext<'_>, path: PathBuf, options: AppOptions) -> Self {
        let phase = start_loading(&cc.egui_ctx, path.clone());
        CurtainCallApp {
            path,
            options,
            phase,
            view: ViewState::default(),
        }
    }

    /// True once the watchlist is open (not loading, not failed).
    pub fn is_ready(&self) -> bool {
        matches!(self.phase, Phase::Ready(_))
    }

    /// The open watchlist.
    pub fn watchlist(&self) -> Option<&Watchlist> {
        match &self.phase {
            Phase::Ready(session) => Some(session.doc.watchlist()),
            _ => None,
        }
    }

    /// Why the file did not load.
    pub fn load_error(&self) -> Option<&StoreError> {
        match &self.phase {
            Phase::Failed(error) => Some(error),
            _ => None,
        }
    }

    /// True when edits are waiting to be written.
    pub fn has_unsaved_changes(&self) -> bool {
        match &self.phase {
            Phase::Ready(session) => session.doc.is_dirty(),
            _ => false,
        }
    }

    /// The id of the show whose detail is open.
    pub fn selected(&self) -> Option<&str> {
        self.view.selected.as_deref()
    }

    /// Takes the loader's result, once it arrives.
    fn poll_loading(&mut self) {
        let Phase::Loading(receiver) = &self.phase else {
            return;
        };
        let result = match receiver.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Err(StoreError::Read {
                path: self.path.clone(),
                source: std::io::Error::other("the loading thread stopped"),
            }),
        };
        self.phase = match result.and_then(|loaded| self.open(loaded)) {
            Ok(session) => {
                if self.view.selected.is_none() {
                    self.view.selected =
                        session.doc.watchlist().shows.first().map(|s| s.id.clone());
                }
                Phase::Ready(Box::new(session))
            }
            Err(error) => {
                log::warn!("{error}");
                Phase::Failed(error)
            }
        };
    }

    fn open(&self, loaded: Loaded) -> Result<Session, StoreError> {
        let (watchlist, from_sample) = match loaded {
            Loaded::Found(watchlist) => (watchlist, false),
            Loaded::Missing => (model::sample().map_err(|e| sample_error(&e))?, true),
        };
        let doc = Document::new(watchlist);
        Ok(Session {
            requested_revision: doc.revision(),
            doc,
            saver: None,
            from_sample,
            last_edit: Instant::now(),
            save_error: None,
            retry_at: None,
        })
    }

    /// Keyboard shortcuts that act on the whole app. Consumed before the widgets see them, so
    /// Ctrl+Z undoes watchlist changes even while a text field has focus.
    fn shortcuts(ctx: &egui::Context, commands: &mut Vec<UiCommand>) {
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let add = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
        let quit = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
        if ctx.input_mut(|input| input.consume_shortcut(&quit)) {
            // Closing goes through `on_exit`, which writes pending edits.
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.input_mut(|input| {
            // Redo first: Ctrl+Shift+Z would also match a plain Ctrl+Z check.
            if input.consume_shortcut(&redo) || input.consume_shortcut(&redo_y) {
                commands.push(UiCommand::Redo);
            } else if input.consume_shortcut(&undo) {
                commands.push(UiCommand::Undo);
            }
            if input.consume_shortcut(&add) {
                commands.push(UiCommand::OpenAddShow);
            }
        });
    }

    /// Carries out the views' commands: the one place the watchlist changes.
    fn apply(&mut self, commands: Vec<UiCommand>) {
        let Phase::Ready(session) = &mut self.phase else {
            return;
        };
        for command in commands {
            match command {
                UiCommand::Apply(action) => {
                    let added = matches!(action, Action::AddShow(_));
                    match session.doc.apply(action, model::today(), Instant::now()) {
                        Ok(label) => {
                            session.last_edit = Instant::now();
                            if added {
                                self.view.selected =
                                    session.doc.watchlist().shows.last().map(|s| s.id.clone());
                            }
                            self.view.message = Some(capitalize(&label));
                        }
                        Err(error) => self.view.message = Some(capitalize(&error.to_string())),
                    }
                }
                UiCommand::Select(id) => self.view.selected = id,
                UiCommand::Undo => {
                    self.view.message = Some(match session.doc.undo() {
                        Some(label) => format!("Undid: {label}"),
                        None => "Nothing to undo".to_owned(),
                    });
                    session.last_edit = Instant::now();
                }
                UiCommand::Redo => {
                    self.view.message = Some(match session.doc.redo() {
                        Some(label) => format!("Redid: {label}"),
                        None => "Nothing to redo".to_owned(),
                    });
                    session.last_edit = Instant::now();
                }
                UiCommand::OpenAddShow => {
                    self.view
                        .add_show
                        .get_or_insert_with(add_show::AddShowDraft::default);
                }
            }
        }
        // A show that was deleted (or undone away) cannot stay selected.
        let list = session.doc.watchlist();
        if let Some(id) = &self.view.selected
            && list.index_of(id).is_none()
        {
            self.view.selected = list.shows.first().map(|s| s.id.clone());
        }
    }

    /// Collects finished saves and hands the saver a snapshot once edits have rested.
    fn drive_saving(&mut self, ctx: &egui::Context) {
        let Phase::Ready(session) = &mut self.phase else {
            return;
        };
        if let Some(saver) = &session.saver {
            while let Some(report) = saver.try_report() {
                match report.result {
                    Ok(()) => {
                        session.doc.mark_saved(report.revision);
                        session.from_sample = false;
                        session.save_error = None;
                        session.retry_at = None;
                    }
                    Err(error) => {
                        session.save_error = Some(error.to_string());
                        session.retry_at = Some(Instant::now() + self.options.retry_delay);
                        // Ask again later, even if nothing else changes.
                        session.requested_revision = 0;
                    }
                }
            }
        }
        let revision = session.doc.revision();
        if !session.doc.is_dirty() || session.requested_revision >= revision {
            return;
        }
        let now = Instant::now();
        let due =
            (session.last_edit + self.options.save_delay).max(session.retry_at.unwrap_or(now));
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        if session.saver.is_none() {
            let repaint = ctx.clone();
            match Saver::spawn(self.path.clone(), move || repaint.request_repaint()) {
                Ok(saver) => session.saver = Some(saver),
                Err(error) => {
                    session.save_error = Some(format!("cannot start saving: {error}"));
                    return;
                }
            }
        }
        if let Some(saver) = &session.saver {
            saver.save(session.doc.watchlist().clone(), revision);
            session.requested_revision = revision;
        }
    }

    /// Writes what is pending and waits for it: the window is closing.
    fn save_before_exit(&mut self) {
        let Phase::Ready(session) = &mut self.phase else {
            return;
        };
        let saver = match session.saver.take() {
            Some(saver) => saver,
            None if session.doc.is_dirty() => match Saver::spawn(self.path.clone(), || {}) {
                Ok(saver) => saver,
                Err(error) => {
                    log::error!("cannot save before closing: {error}");
                    return;
                }
            },
            None => return,
        };
        if session.doc.is_dirty() {
            saver.save(session.doc.watchlist().clone(), session.doc.revision());
        }
        for report in saver.finish() {
            match report.result {
                Ok(()) => session.doc.mark_saved(report.revision),
                Err(error) => log::error!("could not save before closing: {error}"),
            }
        }
    }

    fn main_ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        match &self.phase {
            Phase::Loading(_) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.centered_and_justified(|ui| {
                        ui.spinner();
                        ui.label(format!("Opening {}…", self.path.display()));
                    });
                });
            }
            Phase::Failed(error) => {
                if status_bar::load_error_ui(ui, error) {
                    self.phase = start_loading(ui.ctx(), self.path.clone());
                }
            }
            Phase::Ready(session) => {
                Self::shortcuts(ui.ctx(), &mut commands);
                let doc = &session.doc;
                let save = status_bar::SaveState {
                    dirty: doc.is_dirty(),
                    error: session.save_error.as_deref(),
                    from_sample: session.from_sample,
                };
                top_bar::top_bar_ui(ui, doc, &mut self.view, &mut commands);
                status_bar::status_bar_ui(ui, &self.path, &save, &self.view, &mut commands);
                watchlist::list_panel_ui(
                    ui,
                    doc.watchlist(),
                    doc.revision(),
                    &mut self.view,
                    &mut commands,
                );
                egui::CentralPanel::default().show(ui, |ui| {
                    let selected = self
                        .view
                        .selected
                        .as_deref()
                        .and_then(|id| doc.watchlist().get(id));
                    match selected {
                        Some(show) => {
                            detail::detail_ui(ui, show, &mut self.view.detail, &mut commands)
                        }
                        None => detail::empty_ui(ui, &mut commands),
                    }
                });
                if let Some(draft) = &mut self.view.add_show {
                    match add_show::add_show_ui(ui.ctx(), draft) {
                        add_show::Outcome::Open => {}
                        add_show::Outcome::Cancel => self.view.add_show = None,
                        add_show::Outcome::Add(show) => {
                            self.view.add_show = None;
                            commands.push(UiCommand::Apply(Action::AddShow(show)));
                        }
                    }
                }
            }
        }
        self.apply(commands);
    }
}

impl eframe::App for CurtainCallApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_loading();
        self.drive_saving(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.main_ui(ui);
        // Commands may have made new edits; schedule their save without waiting a frame.
        self.drive_saving(&ui.ctx().clone());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_before_exit();
    }
}

impl Drop for CurtainCallApp {
    /// A last chance to write pending edits when the app is dropped without `on_exit`
    /// (e.g. in tests). Does nothing once they are saved.
    fn drop(&mut self) {
        self.save_before_exit();
    }
}

/// Starts reading `path` on a background thread.
fn start_loading(ctx: &egui::Context, path: PathBuf) -> Phase {
    let (sender, receiver) = mpsc::channel();
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("curtaincall-loader".to_owned())
        .spawn(move || {
            let _ = sender.send(store::load(&path));
            ctx.request_repaint();
        });
    match spawned {
        Ok(_) => Phase::Loading(receiver),
        Err(source) => Phase::Failed(StoreError::Read {
            path: PathBuf::new(),
            source,
        }),
    }
}

fn sample_error(error: &ron::error::SpannedError) -> StoreError {
    StoreError::Parse {
        path: PathBuf::from("assets/sample-watchlist.ron"),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
