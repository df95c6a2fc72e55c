//! The app: owns the open session and the view state, applies [`UiCommand`]s in one place, and
//! moves between opening, ready and recovery.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::jobs::{self, Opened};
use super::session::Session;
use super::{
    UiCommand, add_show, catalog, detail, dialogs, intake, posters, prefs, recovery, status_bar,
    top_bar, watchlist,
};
use crate::model::query::{Filter, Narrow};
use crate::model::{self, Action, Watchlist};
use crate::store::{DataFile, Loaded, StoreError};

/// Settings that tests and benchmarks tune.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// How long the watchlist must rest after an edit before it is saved: typing a note is
    /// saved once, not per keystroke.
    pub save_delay: Duration,
    /// How long to wait before trying a failed save again.
    pub retry_delay: Duration,
    /// Whether to watch the data file's folder for changes made outside the app.
    pub watch_folder: bool,
    /// When set (to the process start), print startup timings and exit once the watchlist is
    /// on screen.
    pub profile_startup: Option<std::time::Instant>,
    /// Where the catalogs are and how to reach them.
    pub providers: crate::sources::ProviderConfig,
    /// The user's settings (TMDB key, check interval), read before the window opened.
    pub settings: crate::settings::Settings,
    /// Where changed settings are written; `None` keeps them for this run only.
    pub config_dir: Option<PathBuf>,
    /// Check the catalogs once the watchlist is open, when the last check is older than the
    /// setting.
    pub check_at_start: bool,
    /// Where posters are kept.
    pub poster_cache: crate::posters::PosterCache,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            save_delay: Duration::from_millis(500),
            retry_delay: Duration::from_secs(5),
            watch_folder: true,
            profile_startup: None,
            providers: crate::sources::ProviderConfig::default(),
            settings: crate::settings::Settings::default(),
            config_dir: None,
            check_at_start: true,
            poster_cache: crate::posters::PosterCache::default_location(),
        }
    }
}

/// The Curtain Call app.
pub struct CurtainCallApp {
    file: DataFile,
    options: AppOptions,
    phase: Phase,
    view: ViewState,
    catalog: catalog::Catalog,
    posters: posters::Posters,
    /// A poster being checked and copied into the cache: the show's id and the cache name, or
    /// why the image was refused.
    poster_job: Option<mpsc::Receiver<(String, Result<String, String>)>>,
    /// Theme, text size, spoilers, the show last open: kept by eframe between runs.
    prefs: prefs::Preferences,
}

/// Where the app is in its life.
enum Phase {
    /// Nothing read yet: the file is read once the first frame is on screen, so a large
    /// watchlist's parsing never competes with showing the window.
    Starting,
    /// The file is being read (and perhaps restored) on a background thread.
    Opening(mpsc::Receiver<Opened>),
    /// The watchlist is open.
    Ready(Box<Session>),
    /// The file did not load: recovery mode. Nothing is written.
    Failed(Box<recovery::Recovery>),
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
    /// The "Restore from backup" window, when open.
    pub backups: Option<dialogs::BackupsView>,
    /// A sync tool's conflict copy being read for merging.
    pub reading_copy: Option<mpsc::Receiver<(PathBuf, Result<Watchlist, StoreError>)>>,
    /// Asking whether to quit with edits that could not be saved.
    pub confirm_quit: bool,
    /// The user chose to quit anyway.
    pub allow_close: bool,
    /// Frames drawn so far, for `--profile-startup`.
    pub frames: u64,
    /// The Alerts window is open.
    pub alerts_open: bool,
    /// The keyboard shortcuts window (F1) is open.
    pub shortcuts_open: bool,
    /// The Statistics window is open.
    pub stats_open: bool,
    /// The Statistics window's figures.
    pub stats: super::stats::StatsView,
    /// How many alerts there are, for the watchlist revision it was counted at.
    pub alert_count: super::cache::PerRevision<usize>,
    /// The Settings window, when open.
    pub settings: Option<catalog::SettingsDraft>,
}

impl CurtainCallApp {
    /// Creates the app and starts reading `file` in the background.
    pub fn new(cc: &eframe::CreationContext<'_>, file: DataFile, options: AppOptions) -> Self {
        // Draw the first frame, then start reading.
        cc.egui_ctx.request_repaint();
        let catalog = catalog::Catalog::new(
            options.providers.clone(),
            options.settings.clone(),
            options.config_dir.clone(),
        );
        let posters = posters::Posters::new(
            &cc.egui_ctx,
            crate::posters::PosterLoader::new(options.poster_cache.clone(), catalog.http()),
        );
        let prefs = prefs::Preferences::load(cc.storage);
        prefs.apply(&cc.egui_ctx);
        let mut view = ViewState::default();
        if let Some(id) = prefs.selected_in(&file.path) {
            view.selected = Some(id.to_owned());
            view.list.scroll_to_selected = true;
        }
        CurtainCallApp {
            file,
            options,
            phase: Phase::Starting,
            view,
            catalog,
            posters,
            poster_job: None,
            prefs,
        }
    }

    /// True once the watchlist is open (not opening, not in recovery).
    pub fn is_ready(&self) -> bool {
        matches!(self.phase, Phase::Ready(_))
    }

    /// True while a check for changes runs or its answers are being taken in.
    pub fn is_checking(&self) -> bool {
        self.catalog.is_busy()
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
            Phase::Failed(recovery) => Some(&recovery.error),
            _ => None,
        }
    }

    /// Why this window may not write, when it may not.
    pub fn read_only_reason(&self) -> Option<&str> {
        match &self.phase {
            Phase::Ready(session) => session.read_only.as_deref(),
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

    /// Bytes of poster textures held now (kept within a budget).
    pub fn poster_texture_bytes(&self) -> usize {
        self.posters.texture_bytes()
    }

    /// The id of the show whose detail is open.
    pub fn selected(&self) -> Option<&str> {
        self.view.selected.as_deref()
    }

    /// Opens a show's detail and scrolls the list to it (e.g. to jump to a show from elsewhere).
    pub fn select_and_reveal(&mut self, id: &str) {
        self.view.selected = Some(id.to_owned());
        self.view.list.scroll_to_selected = true;
    }

    /// The rows the list shows, as indexes into the watchlist, in order.
    pub fn list_rows(&self) -> &[usize] {
        self.view.list.rows()
    }

    /// Sets the search and the smart list, as the user would.
    pub fn set_list_filter(&mut self, query: &str, filter: crate::model::query::Filter) {
        self.view.list.query = query.to_owned();
        self.view.list.filter = filter;
    }

    /// Takes the opener's result, once it arrives.
    fn poll_opening(&mut self, ctx: &egui::Context) {
        let Phase::Opening(receiver) = &self.phase else {
            return;
        };
        let opened = match receiver.try_recv() {
            Ok(opened) => opened,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Opened {
                loaded: Err(StoreError::Read {
                    path: self.file.path.clone(),
                    source: std::io::Error::other("the loading thread stopped"),
                }),
                lock: Err(crate::store::LockError::Io {
                    lock: self.file.lock_path(),
                    source: std::io::Error::other("the loading thread stopped"),
                }),
                conflict_copies: Vec::new(),
                corrupt_copy: None,
                recovery: None,
                restore_result: None,
                dropped_fields: Vec::new(),
                migrated_from: None,
            },
        };
        if let Some(result) = &opened.restore_result {
            self.view.message = Some(match result {
                Ok(done) => done.clone(),
                Err(error) => format!("Could not restore: {error}"),
            });
        }
        self.phase = self.open(opened, ctx);
    }

    fn open(&mut self, opened: Opened, ctx: &egui::Context) -> Phase {
        let (loaded, disk) = match opened.loaded {
            Ok(loaded) => loaded,
            Err(error) => {
                log::warn!("{error}");
                return Phase::Failed(Box::new(recovery::Recovery {
                    error,
                    corrupt_copy: opened.corrupt_copy,
                    backup: opened.recovery,
                    lock: opened.lock.ok(),
                }));
            }
        };
        let (watchlist, from_sample) = match loaded {
            Loaded::Found(watchlist) => (watchlist, false),
            Loaded::Missing => match model::sample() {
                Ok(sample) => (sample, true),
                Err(error) => {
                    return Phase::Failed(Box::new(recovery::Recovery {
                        error: StoreError::Parse {
                            path: PathBuf::from("assets/sample-watchlist.ron"),
                            line: error.span.start.line,
                            column: error.span.start.col,
                            message: error.code.to_string(),
                            unknown_field: None,
                        },
                        corrupt_copy: None,
                        backup: None,
                        lock: opened.lock.ok(),
                    }));
                }
            },
        };
        let selected_exists = self
            .view
            .selected
            .as_deref()
            .is_some_and(|id| watchlist.index_of(id).is_some());
        if !selected_exists {
            self.view.selected = watchlist.shows.first().map(|s| s.id.clone());
        }
        let mut session = Session::new(
            self.file.clone(),
            watchlist,
            disk,
            from_sample,
            opened.lock,
            opened.conflict_copies,
        );
        if let Some(from) = opened.migrated_from {
            // Save the upgraded watchlist; the original is the newest backup.
            let watchlist = session.doc.watchlist().clone();
            session.doc.replace(watchlist, false);
            session.notice = Some(format!(
                "Upgraded the file from schema version {from} to {}; the original is in the backups.",
                model::SCHEMA_VERSION
            ));
        }
        if !opened.dropped_fields.is_empty() {
            // The user chose to drop them: save the watchlist without them.
            let watchlist = session.doc.watchlist().clone();
            session.doc.replace(watchlist, false);
            let names: Vec<String> = opened
                .dropped_fields
                .iter()
                .map(|f| format!("`{}` (line {})", f.name, f.line))
                .collect();
            session.notice = Some(format!(
                "Dropped unknown fields: {}. The original file is kept beside it as …corrupt-….",
                names.join(", ")
            ));
        }
        if self.options.watch_folder {
            session.watch(ctx);
        }
        Phase::Ready(Box::new(session))
    }

    /// Reopens the file, first restoring `backup` when given. The writer lock, if held, is
    /// handed to the background job rather than released.
    fn reopen(
        &mut self,
        ctx: &egui::Context,
        restore: Option<crate::store::backup::Backup>,
        drop_unknown_fields: bool,
    ) {
        let lock = match &mut self.phase {
            Phase::Ready(session) => {
                session.save_before_exit();
                session.take_lock()
            }
            Phase::Failed(recovery) => recovery.lock.take(),
            Phase::Starting | Phase::Opening(_) => return,
        };
        self.view.backups = None;
        self.phase = Phase::Opening(jobs::open(
            ctx,
            self.file.clone(),
            lock,
            restore,
            drop_unknown_fields,
        ));
    }

    /// Keyboard shortcuts that act on the whole app. Consumed before the widgets see them, so
    /// Ctrl+Z undoes watchlist changes even while a text field has focus.
    fn shortcuts(view: &ViewState, ctx: &egui::Context, commands: &mut Vec<UiCommand>) {
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let add = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
        let quit = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
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
            if input.consume_shortcut(&quit) {
                commands.push(UiCommand::Quit);
            }
            if input.key_pressed(Key::F1) {
                commands.push(UiCommand::ToggleShortcuts);
            }
            if input.key_pressed(Key::F2) {
                commands.push(UiCommand::ToggleStats);
            }
            if input.key_pressed(Key::F5) {
                commands.push(UiCommand::CheckCatalogs);
            }
        });
        // Delete removes the open show (undoable) unless a field or a dialog has the keyboard.
        let typing = ctx.text_edit_focused() || view.add_show.is_some();
        if !typing
            && ctx.input(|i| i.key_pressed(Key::Delete))
            && let Some(id) = &view.selected
        {
            commands.push(UiCommand::Apply(Action::RemoveShow { id: id.clone() }));
        }
    }

    /// Carries out the views' commands: the one place the watchlist changes.
    fn apply(&mut self, ctx: &egui::Context, commands: Vec<UiCommand>) {
        if commands.is_empty() {
            return;
        }
        for command in commands {
            match command {
                UiCommand::Reload => self.reopen(ctx, None, false),
                UiCommand::DropUnknownFields => self.reopen(ctx, None, true),
                UiCommand::RestoreBackup(backup) => self.reopen(ctx, Some(backup), false),
                UiCommand::OpenBackups => {
                    self.view.backups = Some(dialogs::BackupsView::open(ctx, self.file.clone()));
                }
                UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                UiCommand::OpenSettings => {
                    self.view.settings = Some(catalog::SettingsDraft::of(&self.catalog.settings));
                }
                UiCommand::CheckCatalogs => self.start_check(ctx, true),
                UiCommand::ChoosePoster(id) => {
                    self.poster_job = Some(jobs::choose_poster(
                        ctx,
                        id,
                        self.options.poster_cache.clone(),
                    ))
                }
                UiCommand::SetPosterFrom(id, path) => {
                    self.poster_job = Some(jobs::import_poster(
                        ctx,
                        id,
                        path,
                        self.options.poster_cache.clone(),
                    ));
                }
                command => self.apply_to_session(ctx, command),
            }
        }
        // A show that was deleted (or undone away) cannot stay selected.
        if let Phase::Ready(session) = &self.phase
            && let Some(id) = &self.view.selected
            && session.doc.get(id).is_none()
        {
            self.view.selected = session.doc.watchlist().shows.first().map(|s| s.id.clone());
        }
    }

    fn apply_to_session(&mut self, ctx: &egui::Context, command: UiCommand) {
        let Phase::Ready(session) = &mut self.phase else {
            return;
        };
        let view = &mut self.view;
        let writable = session.read_only.is_none();
        match command {
            UiCommand::Apply(_) | UiCommand::Undo | UiCommand::Redo if !writable => {
                view.message = Some("This window is read-only; nothing was changed.".to_owned());
            }
            UiCommand::Apply(action) => {
                let added = matches!(action, Action::AddShow(_));
                match session
                    .doc
                    .apply(action, model::today(), std::time::Instant::now())
                {
                    Ok(label) => {
                        session.touched();
                        if added {
                            view.selected =
                                session.doc.watchlist().shows.last().map(|s| s.id.clone());
                        }
                        view.message = Some(capitalize(&label));
                    }
                    Err(error) => view.message = Some(capitalize(&error.to_string())),
                }
            }
            UiCommand::Select(id) => view.selected = id,
            UiCommand::Reveal(id) => {
                view.selected = Some(id);
                // Show it even if the search or filter hides it.
                view.list.open(Filter::All, Narrow::default());
                view.list.scroll_to_selected = true;
            }
            UiCommand::OpenList { filter, narrow } => {
                view.list.open(filter, narrow);
                view.list.scroll_to_selected = true;
            }
            UiCommand::ToggleStats => view.stats_open = !view.stats_open,
            UiCommand::ToggleAlerts => view.alerts_open = !view.alerts_open,
            UiCommand::ToggleShortcuts => view.shortcuts_open = !view.shortcuts_open,
            UiCommand::Undo => {
                view.message = Some(match session.doc.undo() {
                    Some(label) => format!("Undid: {label}"),
                    None => "Nothing to undo".to_owned(),
                });
                session.touched();
            }
            UiCommand::Redo => {
                view.message = Some(match session.doc.redo() {
                    Some(label) => format!("Redid: {label}"),
                    None => "Nothing to redo".to_owned(),
                });
                session.touched();
            }
            UiCommand::OpenAddShow if writable => {
                view.add_show
                    .get_or_insert_with(add_show::AddShowDraft::default);
            }
            UiCommand::OpenAddShow => {
                view.message = Some("This window is read-only; nothing can be added.".to_owned());
            }
            UiCommand::MergeCopy(path) => {
                view.reading_copy = Some(jobs::read_copy(ctx, path));
            }
            UiCommand::DismissCopy(path) => session.conflict_copies.retain(|p| p != &path),
            UiCommand::SettleConflict => session.resolve_conflict(),
            UiCommand::Reload
            | UiCommand::DropUnknownFields
            | UiCommand::RestoreBackup(_)
            | UiCommand::OpenBackups
            | UiCommand::OpenSettings
            | UiCommand::ChoosePoster(_)
            | UiCommand::SetPosterFrom(..)
            | UiCommand::CheckCatalogs
            | UiCommand::Quit => {}
        }
    }

    /// Starts a check of every show with a TVmaze id. One started at launch (`on_demand`
    /// false) asks nothing when the last check is recent.
    fn start_check(&mut self, ctx: &egui::Context, on_demand: bool) {
        let Phase::Ready(session) = &self.phase else {
            return;
        };
        if session.read_only.is_some() {
            if on_demand {
                self.view.message =
                    Some("This window is read-only; the other window checks for changes.".into());
            }
            return;
        }
        let followed = crate::sources::check::followed(session.doc.watchlist());
        if followed.is_empty() {
            if on_demand {
                self.view.message = Some(
                    "No show on the watchlist comes from TVmaze yet: add one with ➕ Add show \
                     to have it checked."
                        .into(),
                );
            }
            return;
        }
        self.catalog
            .start_check(ctx, &self.file, followed, on_demand);
    }

    /// Takes the catalogs' answers: search results and a fetched show for the Add dialog, and
    /// a finished check, whose changes become alerts.
    fn poll_catalog(&mut self, ctx: &egui::Context) {
        if let Some(result) = self.catalog.poll_search()
            && let Some(draft) = &mut self.view.add_show
        {
            draft.search = match result {
                Ok(hits) => add_show::SearchState::Found(hits),
                Err(error) => add_show::SearchState::Failed(capitalize(&error.to_string())),
            };
        }
        if let Some(result) = self.catalog.poll_fetch() {
            match result {
                Ok(fresh) => {
                    self.view.add_show = None;
                    let show = fresh.to_show(model::today());
                    let add = UiCommand::Apply(Action::AddShow(Box::new(show)));
                    self.apply_to_session(ctx, add);
                }
                Err(error) => {
                    if let Some(draft) = &mut self.view.add_show {
                        draft.adding = None;
                        draft.add_error = Some(format!("Could not add the show: {error}"));
                    }
                }
            }
        }
        let Some((outcome, on_demand)) = self.catalog.poll_check() else {
            return;
        };
        if !matches!(self.phase, Phase::Ready(_)) {
            return;
        }
        match outcome {
            catalog::CheckOutcome::NotDue => {}
            catalog::CheckOutcome::Failed(error) => {
                // A failed check at start is not worth more than a line: the app works offline.
                self.view.message = Some(format!(
                    "Could not check for changes: {error}. Nothing was changed{}",
                    if on_demand {
                        "."
                    } else {
                        "; press F5 to try again."
                    }
                ));
            }
            catalog::CheckOutcome::Done(result, started) => {
                self.catalog.intake = Some(intake::Intake::new(
                    result.answers,
                    result.failed.len(),
                    on_demand,
                    started,
                ));
            }
        }
    }

    /// Applies some of a finished check's answers, within this frame's budget; once all are in,
    /// says what changed and records the check.
    fn take_in_answers(&mut self, ctx: &egui::Context) {
        let (Some(intake), Phase::Ready(session)) = (&mut self.catalog.intake, &mut self.phase)
        else {
            return;
        };
        let done = intake.take_some(intake::FRAME_BUDGET, |id, answer| {
            let Some(update) = crate::refresh::update(session.doc.watchlist(), id, answer) else {
                return false;
            };
            if update.cancellation().is_some() {
                crate::notify::cancellation(
                    &update.title,
                    "Its open storylines are marked unresolved.",
                );
            }
            if session
                .doc
                .apply(update.action, model::today(), std::time::Instant::now())
                .is_ok()
            {
                session.touched();
            }
            !update.findings.is_empty()
        });
        if !done {
            ctx.request_repaint();
            return;
        }
        if let Some(started) = intake.started {
            catalog::record_check(&self.file, started);
        }
        if let Some(message) = intake.closing_message() {
            self.view.message = Some(message);
        }
        self.catalog.intake = None;
    }

    /// A poster checked and copied into the cache becomes the show's (an undoable edit).
    fn poll_poster_job(&mut self, ctx: &egui::Context) {
        let Some((id, result)) = jobs::take(&mut self.poster_job) else {
            return;
        };
        match result {
            Ok(name) => {
                let edit = Action::Edit {
                    id,
                    edit: model::ShowEdit::PosterFile(Some(name)),
                };
                self.apply_to_session(ctx, UiCommand::Apply(edit));
            }
            Err(error) if error.is_empty() => {}
            Err(error) => self.view.message = Some(error),
        }
    }

    /// Background results the views wait for: a conflict copy that was read.
    fn poll_jobs(&mut self) {
        let Some((path, result)) = jobs::take(&mut self.view.reading_copy) else {
            return;
        };
        if let Phase::Ready(session) = &mut self.phase {
            match result {
                Ok(copy) => session.merge_copy(path, &copy),
                Err(error) => {
                    self.view.message = Some(format!("Cannot read the conflict copy: {error}"));
                }
            }
        }
    }

    /// `--profile-startup`: the first frame, the first frame with the watchlist, then exit.
    fn report_startup(&mut self, ctx: &egui::Context, started: std::time::Instant) {
        use crate::diagnostics::{millis_since, resident_memory_line};
        self.view.frames += 1;
        if self.view.frames == 1 {
            println!("first frame: {:.1} ms", millis_since(started));
        }
        if matches!(self.phase, Phase::Ready(_) | Phase::Failed(_)) && !self.view.allow_close {
            let shows = self.watchlist().map_or(0, |w| w.shows.len());
            println!(
                "first frame with the watchlist ({shows} shows): {:.1} ms",
                millis_since(started)
            );
            if let Some(line) = resident_memory_line() {
                println!("{line}");
            }
            self.view.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Asks before closing when edits could not be saved.
    fn guard_close(&mut self, ctx: &egui::Context) {
        let Phase::Ready(session) = &self.phase else {
            return;
        };
        let at_risk = session.doc.is_dirty()
            && (session.save_error.is_some()
                || session.external_error.is_some()
                || session.conflict.is_some());
        if ctx.input(|i| i.viewport().close_requested()) && at_risk && !self.view.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.view.confirm_quit = true;
        }
    }

    fn main_ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        let ctx = ui.ctx().clone();
        match &mut self.phase {
            Phase::Starting | Phase::Opening(_) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    // No spinner: its animation would take CPU from reading a large file.
                    ui.centered_and_justified(|ui| {
                        ui.label(format!("Opening {}…", self.file.path.display()));
                    });
                });
            }
            Phase::Failed(recovery) => {
                recovery::recovery_ui(ui, recovery, &mut commands);
            }
            Phase::Ready(session) => {
                Self::shortcuts(&self.view, &ctx, &mut commands);
                let dropped =
                    ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
                if let (Some(path), Some(id)) = (dropped, &self.view.selected) {
                    commands.push(UiCommand::SetPosterFrom(id.clone(), path));
                }
                let revision = session.doc.revision();
                let alert_count = *self.view.alert_count.get(revision, || {
                    crate::model::alerts::count(session.doc.watchlist())
                });
                let prefs_before = self.prefs.clone();
                top_bar::top_bar_ui(
                    ui,
                    &session.doc,
                    alert_count,
                    self.catalog.is_busy(),
                    &mut self.prefs,
                    &mut commands,
                );
                if self.prefs != prefs_before {
                    self.prefs.apply(&ctx);
                }
                status_bar::status_bar_ui(
                    ui,
                    session,
                    &self.view,
                    self.catalog.progress_text(),
                    &mut commands,
                );
                dialogs::session_banners_ui(ui, session, &mut commands);
                let doc = &session.doc;
                watchlist::list_panel_ui(
                    ui,
                    doc.watchlist(),
                    watchlist::Revisions {
                        titles: doc.titles_revision(),
                        list: doc.list_revision(),
                        any: doc.revision(),
                    },
                    &mut self.view,
                    &mut self.posters,
                    &mut commands,
                );
                egui::CentralPanel::default().show(ui, |ui| {
                    let selected = self.view.selected.as_deref().and_then(|id| doc.get(id));
                    match selected {
                        Some(show) => detail::detail_ui(
                            ui,
                            show,
                            &mut self.view.detail,
                            self.prefs.hide_spoilers,
                            &mut || {
                                let revision = doc.revision();
                                let facets = self.view.list.facets.get(doc.watchlist(), revision);
                                facets.tags.clone()
                            },
                            &mut self.posters,
                            &mut commands,
                        ),
                        None => detail::empty_ui(ui, &mut commands),
                    }
                });
                if let Some(draft) = &mut self.view.add_show {
                    match add_show::add_show_ui(&ctx, draft, &mut self.posters) {
                        add_show::Outcome::Open => {}
                        add_show::Outcome::Cancel => self.view.add_show = None,
                        add_show::Outcome::Add(show) => {
                            self.view.add_show = None;
                            commands.push(UiCommand::Apply(Action::AddShow(show)));
                        }
                        add_show::Outcome::Search(query) => {
                            draft.search = add_show::SearchState::Searching;
                            self.catalog.start_search(&ctx, query);
                        }
                        add_show::Outcome::AddFromCatalog(id) => {
                            let existing = session.doc.watchlist().with_tvmaze_id(id);
                            if let Some(existing) = existing {
                                draft.add_error = Some(format!(
                                    "“{}” is already on your watchlist.",
                                    existing.title
                                ));
                            } else {
                                draft.adding = Some(id);
                                draft.add_error = None;
                                self.catalog.start_fetch(&ctx, id);
                            }
                        }
                    }
                }
                if let Some(draft) = &mut self.view.settings {
                    let mut open = true;
                    if let Some(settings) = catalog::settings_ui(&ctx, draft, &mut open) {
                        self.view.message = Some(
                            self.catalog
                                .save_settings(settings)
                                .unwrap_or_else(|| "Settings saved".to_owned()),
                        );
                    }
                    if !open {
                        self.view.settings = None;
                    }
                }
                if self.view.shortcuts_open {
                    dialogs::shortcuts_ui(&ctx, &mut self.view.shortcuts_open);
                }
                if self.view.stats_open {
                    super::stats::stats_ui(
                        &ctx,
                        &mut self.view.stats,
                        session.doc.watchlist(),
                        session.doc.revision(),
                        &mut self.view.stats_open,
                        &mut commands,
                    );
                }
                if self.view.alerts_open {
                    super::alerts::alerts_ui(
                        &ctx,
                        session.doc.watchlist(),
                        &mut self.view.alerts_open,
                        &mut commands,
                    );
                }
                if let Some(conflict) = &mut session.conflict {
                    dialogs::conflict_ui(
                        &ctx,
                        conflict,
                        &mut self.view.detail.texts,
                        &mut commands,
                    );
                }
                if self.view.confirm_quit {
                    match dialogs::confirm_quit_ui(&ctx) {
                        Some(true) => {
                            self.view.allow_close = true;
                            self.view.confirm_quit = false;
                            commands.push(UiCommand::Quit);
                        }
                        Some(false) => self.view.confirm_quit = false,
                        None => {}
                    }
                }
            }
        }
        if let Some(backups) = &mut self.view.backups {
            let dirty = matches!(&self.phase, Phase::Ready(s) if s.doc.is_dirty());
            if !dialogs::backups_ui(&ctx, backups, dirty, &mut commands) {
                self.view.backups = None;
            }
        }
        self.apply(&ctx, commands);
    }
}

impl eframe::App for CurtainCallApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Ctrl+Plus / Ctrl+Minus zoom too; the preference follows, within the offered range.
        let zoom = ctx.zoom_factor();
        let kept = zoom.clamp(*prefs::SCALE_RANGE.start(), *prefs::SCALE_RANGE.end());
        if kept != zoom {
            ctx.set_zoom_factor(kept);
        }
        self.prefs.scale = kept;
        self.poll_opening(ctx);
        self.poll_jobs();
        self.poll_catalog(ctx);
        self.take_in_answers(ctx);
        self.poll_poster_job(ctx);
        self.posters.poll(ctx);
        if self.options.check_at_start && !self.catalog.started && self.is_ready() {
            self.catalog.started = true;
            self.start_check(ctx, false);
        }
        if let Phase::Ready(session) = &mut self.phase {
            session.drive(ctx, &self.options);
        }
        self.guard_close(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.main_ui(ui);
        self.view.detail.texts.end_frame(ui.ctx());
        if matches!(self.phase, Phase::Starting) {
            self.phase = Phase::Opening(jobs::open(ui.ctx(), self.file.clone(), None, None, false));
        }
        if let Some(started) = self.options.profile_startup {
            self.report_startup(ui.ctx(), started);
        }
        // Commands may have made new edits; schedule their save without waiting a frame.
        if let Phase::Ready(session) = &mut self.phase {
            session.drive(ui.ctx(), &self.options);
        }
    }

    /// eframe calls this now and then and at exit: the display preferences and the show open.
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.last_selected = self
            .view
            .selected
            .clone()
            .map(|id| (self.file.path.clone(), id));
        self.prefs.store(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Phase::Ready(session) = &mut self.phase {
            session.save_before_exit();
        }
    }
}

impl CurtainCallApp {
    /// The display preferences as they are now.
    pub fn preferences(&self) -> &prefs::Preferences {
        &self.prefs
    }
}

impl Drop for CurtainCallApp {
    /// A last chance to write pending edits when the app is dropped without `on_exit`
    /// (e.g. in tests). Does nothing once they are saved.
    fn drop(&mut self) {
        if let Phase::Ready(session) = &mut self.phase {
            session.save_before_exit();
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
