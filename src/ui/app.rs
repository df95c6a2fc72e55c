//! The app: owns the [`Session`] and what the views remember, draws each frame, and carries
//! out the views' commands afterwards — those about the watchlist by handing them to the
//! session, those about what is shown here.

use std::time::{Duration, Instant};

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::{
    UiCommand, add_show, alerts, backups, banners, conflict, detail, posters, prefs, quit,
    recovery, settings, shortcuts, stats, status_bar, top_bar, watchlist,
};
use crate::model::query::{Filter, Narrow};
use crate::model::{Action, Watchlist};
use crate::session::{Command, Message, Phase, Session};
use crate::store::{DataFile, StoreError};

/// What the app is set up with: the session's options (delays, catalogs, settings, posters).
pub use crate::session::Options as AppOptions;

/// The Curtain Call app.
pub struct CurtainCallApp {
    session: Session,
    view: ViewState,
    posters: posters::Posters,
    /// Theme, text size, spoilers, the show last open: kept by eframe between runs.
    prefs: prefs::Preferences,
    /// When set (to the process start), print startup timings and exit once the watchlist is
    /// on screen.
    profile_startup: Option<Instant>,
}

/// Wakes the window when background work reports, once there is a window: a session can be
/// made, and start reading the file, before it exists.
#[derive(Clone, Default)]
pub struct Waker(std::sync::Arc<std::sync::OnceLock<egui::Context>>);

impl Waker {
    /// What the session calls when a job reports.
    pub fn callback(&self) -> impl Fn() + Send + Sync + 'static {
        let slot = self.clone();
        move || {
            if let Some(ctx) = slot.0.get() {
                ctx.request_repaint();
            }
        }
    }

    fn set(&self, ctx: &egui::Context) {
        let _ = self.0.set(ctx.clone());
    }
}

/// What the views remember between frames.
#[derive(Default)]
struct ViewState {
    selected: Option<String>,
    /// The window was asked to come forward (Curtain Call launched again): focus it again at
    /// this time, once the window manager has restored it.
    focus_again_at: Option<Instant>,
    /// How many times a second launch raised the window.
    raised: usize,
    list: watchlist::ListState,
    detail: detail::DetailState,
    add_show: Option<add_show::AddShowDraft>,
    /// The "Restore from backup" window is open.
    backups_open: bool,
    /// Asking whether to quit with edits that could not be saved.
    confirm_quit: bool,
    /// The user chose to quit anyway.
    allow_close: bool,
    /// Frames drawn so far, for `--profile-startup`.
    frames: u64,
    /// The Alerts window is open.
    alerts_open: bool,
    /// The keyboard shortcuts window (F1) is open.
    shortcuts_open: bool,
    /// The Statistics window is open.
    stats_open: bool,
    /// The Statistics window's figures.
    stats: stats::StatsView,
    /// The Up next window is open, and its rows.
    up_next_open: bool,
    up_next: super::up_next::UpNextState,
    /// The Calendar window is open, and its days.
    calendar_open: bool,
    calendar: super::calendar::CalendarState,
    /// The "Previously on…" window.
    recap: super::recap::RecapState,
    /// The Import window's search and password.
    import: super::import::ImportView,
    /// The "Match imported shows" window.
    matching: super::matching::MatchingView,
    /// The "Read an article" window's text.
    article: super::article::ArticleView,
    /// How many alerts there are, for the watchlist revision it was counted at.
    alert_count: super::cache::PerRevision<usize>,
    /// Where each alert is, in the Alerts window's order (while it is open).
    alert_order: super::cache::PerRevision<Vec<crate::model::alerts::AlertAt>>,
    /// The episode alerts worked out show by show, so that an edit works out one show again.
    episode_alerts_memo: crate::model::guide::EpisodeAlertsMemo,
    /// The episode alerts, for (document revision, guides revision, day, new episodes too).
    episode_alerts: super::cache::Keyed<
        (u64, u64, jiff::civil::Date, bool),
        Vec<crate::model::guide::EpisodeAlert>,
    >,
    /// The Settings window, when open.
    settings: Option<settings::SettingsDraft>,
}

impl CurtainCallApp {
    /// Creates the app and starts reading `file` in the background.
    pub fn new(cc: &eframe::CreationContext<'_>, file: DataFile, options: AppOptions) -> Self {
        let waker = Waker::default();
        let mut session = Session::new(file, options, waker.callback());
        session.start_opening();
        Self::with_session(cc, session, &waker)
    }

    /// The app on a session made before the window (it may already be reading the file);
    /// `waker` is the one the session was made with, and wakes this window from now on.
    pub fn with_session(cc: &eframe::CreationContext<'_>, session: Session, waker: &Waker) -> Self {
        waker.set(&cc.egui_ctx);
        // Draw the first frame ("Opening…") while the file is read.
        cc.egui_ctx.request_repaint();
        let prefs = prefs::Preferences::load(cc.storage);
        prefs.apply(&cc.egui_ctx);
        let mut view = ViewState::default();
        if let Some(id) = prefs.selected_in(&session.file().path) {
            view.selected = Some(id.to_owned());
            view.list.scroll_to_selected = true;
        }
        CurtainCallApp {
            session,
            view,
            posters: posters::Posters::default(),
            prefs,
            profile_startup: None,
        }
    }

    /// Prints start-up timings (counted from `started`) and closes once the watchlist is on
    /// screen (`--profile-startup`).
    pub fn profile_startup(mut self, started: Instant) -> Self {
        self.profile_startup = Some(started);
        self
    }

    /// How many shows' episode guides the session holds (read from the cache or fetched).
    pub fn guide_count(&self) -> usize {
        self.session.guides().len()
    }

    /// True once the watchlist is open (not opening, not in recovery).
    pub fn is_ready(&self) -> bool {
        self.session.open_file().is_some()
    }

    /// Where fetching imported shows' details stands, once read.
    pub fn catch_up(&self) -> Option<&crate::store::catch_up::CatchUpQueue> {
        self.session.catch_up().state()
    }

    /// What Undo would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.session
            .open_file()
            .and_then(|file| file.document().undo_label())
    }

    /// True while a check for changes runs or its answers are being taken in.
    pub fn is_checking(&self) -> bool {
        self.session.is_checking()
    }

    /// The open watchlist.
    pub fn watchlist(&self) -> Option<&Watchlist> {
        self.session.watchlist()
    }

    /// Why the file did not load.
    pub fn load_error(&self) -> Option<&StoreError> {
        match self.session.phase() {
            Phase::Failed(recovery) => Some(&recovery.error),
            _ => None,
        }
    }

    /// Why this window may not write, when it may not.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.session.open_file().and_then(|file| file.read_only())
    }

    /// True when edits are waiting to be written.
    pub fn has_unsaved_changes(&self) -> bool {
        self.session
            .open_file()
            .is_some_and(|file| file.document().is_dirty())
    }

    /// True when every poster asked for has been loaded and taken in (the window asks for the
    /// ones it draws at the end of each frame): for tests and screenshots that must not depend
    /// on how fast images decode.
    pub fn posters_settled(&self) -> bool {
        self.session.posters_idle()
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
    pub fn set_list_filter(&mut self, query: &str, filter: Filter) {
        self.view.list.query = query.to_owned();
        self.view.list.filter = filter;
    }

    /// The display preferences as they are now.
    pub fn preferences(&self) -> &prefs::Preferences {
        &self.prefs
    }

    /// Keyboard shortcuts that act on the whole app. Consumed before the widgets see them, so
    /// Ctrl+Z undoes watchlist changes even while a text field has focus.
    /// `keyboard_free` is false while a modal dialog is up: keys meant for the list (Delete)
    /// must not act on the show behind it.
    fn shortcuts(
        view: &ViewState,
        keyboard_free: bool,
        ctx: &egui::Context,
        commands: &mut Vec<UiCommand>,
    ) {
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let add = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
        let quit = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
        let article = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
        ctx.input_mut(|input| {
            // Ctrl+Shift+V: the article window, with what the clipboard holds (egui hands a
            // paste to the frame as an event).
            let pasted = input.events.iter().find_map(|e| match e {
                egui::Event::Paste(text) if input.modifiers.shift => Some(text.clone()),
                _ => None,
            });
            if input.consume_shortcut(&article) || pasted.is_some() {
                commands.push(UiCommand::OpenArticle(pasted));
            }
            // Redo first: Ctrl+Shift+Z would also match a plain Ctrl+Z check.
            if input.consume_shortcut(&redo) || input.consume_shortcut(&redo_y) {
                commands.push(Command::Redo.into());
            } else if input.consume_shortcut(&undo) {
                commands.push(Command::Undo.into());
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
            if input.key_pressed(Key::F3) {
                commands.push(UiCommand::ToggleUpNext);
            }
            if input.key_pressed(Key::F4) {
                commands.push(UiCommand::ToggleCalendar);
            }
            if input.key_pressed(Key::F5) {
                commands.push(Command::CheckCatalogs.into());
            }
        });
        // Delete removes the open show (undoable) unless a field or a dialog has the keyboard.
        if keyboard_free
            && !ctx.text_edit_focused()
            && ctx.input(|i| i.key_pressed(Key::Delete))
            && let Some(id) = &view.selected
        {
            commands.push(super::apply(Action::RemoveShow { id: id.clone() }));
        }
    }

    /// Carries out the views' commands after the frame is drawn.
    fn apply(&mut self, ctx: &egui::Context, commands: Vec<UiCommand>) {
        for command in commands {
            let view = &mut self.view;
            match command {
                UiCommand::Session(command) => self.session.execute(command),
                UiCommand::Select(id) => view.selected = Some(id),
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
                UiCommand::ToggleUpNext => view.up_next_open = !view.up_next_open,
                UiCommand::ToggleCalendar => view.calendar_open = !view.calendar_open,
                UiCommand::OpenRecap(id) => view.recap.open(id),
                UiCommand::ToggleAlerts => view.alerts_open = !view.alerts_open,
                UiCommand::ToggleShortcuts => view.shortcuts_open = !view.shortcuts_open,
                UiCommand::OpenAddShow => {
                    if self
                        .session
                        .open_file()
                        .is_some_and(|f| f.read_only().is_some())
                    {
                        self.session.tell(Message::ReadOnly);
                    } else {
                        view.add_show
                            .get_or_insert_with(add_show::AddShowDraft::default);
                    }
                }
                UiCommand::OpenMatching => view.matching.open = true,
                UiCommand::OpenArticle(text) => {
                    if let Some(text) = text {
                        view.article.text = text;
                    }
                    self.session.execute(Command::OpenArticle);
                }
                UiCommand::OpenBackups => {
                    view.backups_open = true;
                    self.session.execute(Command::ListBackups);
                }
                UiCommand::OpenSettings => {
                    view.settings = Some(settings::SettingsDraft::of(
                        self.session.catalog().settings(),
                    ));
                }
                UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            }
        }
        self.follow_the_watchlist();
    }

    /// True while a modal dialog (adding a show, a conflict, confirming quit) is up: the list
    /// behind it takes no keys.
    fn modal_open(&self) -> bool {
        self.view.add_show.is_some()
            || self.view.confirm_quit
            || self
                .session
                .open_file()
                .is_some_and(|file| file.conflict().is_some())
    }

    /// Keeps the view in step with the watchlist: a show just added opens; a show that was
    /// deleted (or undone away) cannot stay selected.
    fn follow_the_watchlist(&mut self) {
        if let Some(id) = self.session.take_added() {
            self.view.add_show = None;
            self.select_and_reveal(&id);
        }
        // Asked every frame: looked up by id (a hash), never by scanning the shows.
        if let Some(doc) = self.session.open_file().map(|file| file.document())
            && self
                .view
                .selected
                .as_deref()
                .is_none_or(|id| doc.get(id).is_none())
        {
            self.view.selected = doc.watchlist().shows.first().map(|s| s.id.clone());
        }
    }

    /// `--profile-startup`: the first frame, the first frame with the watchlist, then exit.
    fn report_startup(&mut self, ctx: &egui::Context, started: Instant) {
        use crate::diagnostics::{millis_since, resident_memory_line};
        self.view.frames += 1;
        if self.view.frames == 1 {
            println!("first frame: {:.1} ms", millis_since(started));
        }
        let opened = matches!(self.session.phase(), Phase::Open(_) | Phase::Failed(_));
        if opened && !self.view.allow_close {
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
        let at_risk = self
            .session
            .open_file()
            .is_some_and(|file| file.edits_at_risk());
        if ctx.input(|i| i.viewport().close_requested()) && at_risk && !self.view.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.view.confirm_quit = true;
        }
    }

    /// Computes the list's rows when what they depend on changed, asking the session for the
    /// text search's hits (which may start building the index). Before drawing, so the views
    /// only read.
    fn prepare_list(&mut self) {
        let session = &mut self.session;
        let list = &mut self.view.list;
        let Some(file) = session.open_file() else {
            return;
        };
        let revisions = watchlist::Revisions::of(file.document());
        let generation = session.text_search().generation();
        if let Some(query) = list.query_to_search(revisions, generation) {
            let hits = session.text_hits(&query);
            let generation = session.text_search().generation();
            if let Some(file) = session.open_file() {
                list.compute_rows(file.watchlist(), revisions, hits.as_deref(), generation);
            }
        }
    }

    fn main_ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        let ctx = ui.ctx().clone();
        match self.session.phase() {
            Phase::Starting | Phase::Opening(_) => {
                // No fill of its own: the window's clear colour is the panel's (`clear_color`),
                // and a software renderer shades every pixel of a filled panel again, on each of
                // the frames egui and the window system ask for while the file is read — CPU the
                // reading threads need.
                egui::CentralPanel::default()
                    .frame(egui::Frame::NONE)
                    .show(ui, |ui| {
                        // No spinner: its animation would take CPU from reading a large file.
                        ui.centered_and_justified(|ui| {
                            ui.label(format!("Opening {}…", self.session.file().path.display()));
                        });
                    });
            }
            Phase::Failed(recovery) => {
                recovery::recovery_ui(ui, recovery, &mut commands);
            }
            Phase::Open(_) => self.open_ui(ui, &ctx, &mut commands),
        }
        if self.view.backups_open {
            let dirty = self.has_unsaved_changes();
            if !backups::backups_ui(&ctx, self.session.backups(), dirty, &mut commands) {
                self.view.backups_open = false;
            }
        }
        self.apply(&ctx, commands);
    }

    /// The window with the watchlist open.
    fn open_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, commands: &mut Vec<UiCommand>) {
        let keyboard_free = !self.modal_open();
        Self::shortcuts(&self.view, keyboard_free, ctx, commands);
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
        if let Some(path) = dropped {
            if is_export(&path) {
                commands.push(Command::Import(Some(path)).into());
            } else if is_article(&path) {
                commands.push(UiCommand::OpenArticle(None));
                commands
                    .push(Command::ReadArticle(crate::session::ArticleInput::File(path)).into());
            } else if let Some(id) = &self.view.selected {
                commands.push(Command::SetPosterFrom(id.clone(), path).into());
            }
        }
        self.prepare_list();
        let session = &self.session;
        let Some(file) = session.open_file() else {
            return;
        };
        let doc = file.document();
        let view = &mut self.view;
        let today = crate::model::today();
        let new_episodes = session.catalog().settings().alert_new_episodes;
        let memo = &mut view.episode_alerts_memo;
        let episode_alerts = view.episode_alerts.get(
            (
                doc.revision(),
                session.guides_revision(),
                today,
                new_episodes,
            ),
            || {
                memo.alerts(
                    doc.watchlist(),
                    session.guides(),
                    today,
                    &jiff::tz::TimeZone::system(),
                    new_episodes,
                )
            },
        );
        let alert_count = *view.alert_count.get(doc.revision(), || {
            crate::model::alerts::count(doc.watchlist())
        }) + episode_alerts.len();
        let prefs_before = self.prefs.clone();
        top_bar::top_bar_ui(
            ui,
            doc,
            alert_count,
            session.is_checking(),
            &mut self.prefs,
            session.catch_up().state(),
            commands,
        );
        if self.prefs != prefs_before {
            self.prefs.apply(ctx);
        }
        status_bar::status_bar_ui(
            ui,
            file,
            session.message(),
            session.catalog().progress_text(),
            session.next_check(),
            session.catch_up().progress(),
            commands,
        );
        banners::file_banners_ui(ui, file, commands);
        watchlist::list_panel_ui(
            ui,
            doc.watchlist(),
            &mut view.list,
            watchlist::ListContext {
                revisions: watchlist::Revisions::of(doc),
                selected: view.selected.as_deref(),
                keyboard_free,
                indexing: session.text_search().indexing(),
                generation: session.text_search().generation(),
            },
            &mut self.posters,
            commands,
        );
        egui::CentralPanel::default().show(ui, |ui| {
            match view.selected.as_deref().and_then(|id| doc.get(id)) {
                Some(show) => detail::detail_ui(
                    ui,
                    show,
                    detail::Showing {
                        // The open show's guide with its summaries, once read; until then the
                        // one kept for every show.
                        guide: show
                            .external_ids
                            .tvmaze
                            .and_then(|id| session.full_guide(id))
                            .or_else(|| crate::model::guide::guide_of(session.guides(), show)),
                        hide_spoilers: self.prefs.hide_spoilers,
                    },
                    &mut view.detail,
                    &mut || {
                        let facets = view.list.facets.get(doc.watchlist(), doc.revision());
                        facets.tags.clone()
                    },
                    &mut self.posters,
                    commands,
                ),
                None => detail::empty_ui(ui, commands),
            }
        });
        if let Some(draft) = &mut view.add_show {
            match add_show::add_show_ui(ctx, draft, session.catalog(), &mut self.posters) {
                add_show::Outcome::Open => {}
                add_show::Outcome::Cancel => {
                    view.add_show = None;
                    commands.push(Command::ForgetCatalogSearch.into());
                }
                add_show::Outcome::Add(show) => {
                    view.add_show = None;
                    commands.push(Command::ForgetCatalogSearch.into());
                    commands.push(super::apply(Action::AddShow(show)));
                }
                add_show::Outcome::Search(query) => {
                    commands.push(Command::SearchCatalog(query).into());
                }
                add_show::Outcome::AddFromCatalog(id) => {
                    commands.push(Command::AddFromCatalog(id).into());
                }
            }
        }
        if let Some(draft) = &mut view.settings {
            let mut open = true;
            if let Some(settings) = settings::settings_ui(ctx, draft, &mut open) {
                commands.push(Command::SaveSettings(settings).into());
            }
            if !open {
                view.settings = None;
            }
        }
        if view.shortcuts_open {
            shortcuts::shortcuts_ui(ctx, &mut view.shortcuts_open);
        }
        if view.stats_open {
            stats::stats_ui(
                ctx,
                &mut view.stats,
                doc.watchlist(),
                doc.revision(),
                &mut view.stats_open,
                commands,
            );
        }
        if view.up_next_open || view.calendar_open {
            let sources = super::up_next::EpisodeSources {
                watchlist: doc.watchlist(),
                revision: doc.revision(),
                guides: session.guides(),
                guides_revision: session.guides_revision(),
                hide_spoilers: self.prefs.hide_spoilers,
            };
            if view.up_next_open {
                super::up_next::up_next_ui(
                    ctx,
                    &mut view.up_next,
                    &sources,
                    &mut view.up_next_open,
                    commands,
                );
            }
            if view.calendar_open {
                super::calendar::calendar_ui(
                    ctx,
                    &mut view.calendar,
                    &sources,
                    &mut view.calendar_open,
                    commands,
                );
            }
        }
        super::import::import_ui(ctx, session.importing(), &mut view.import, commands);
        super::article::article_ui(
            ctx,
            session.article(),
            &mut view.article,
            doc.watchlist(),
            commands,
        );
        super::matching::matching_ui(
            ctx,
            &mut view.matching,
            session.catch_up().state(),
            doc.watchlist(),
            session.catalog(),
            commands,
        );
        if let Some(show) = view.recap.show.as_deref().and_then(|id| doc.get(id)) {
            let guide = crate::model::guide::guide_of(session.guides(), show);
            let recap = crate::model::recap::Recap::of(show, guide);
            super::recap::recap_ui(ctx, &mut view.recap, &recap, commands);
        }
        if view.alerts_open {
            let episodes = view.episode_alerts.value().map_or(&[][..], Vec::as_slice);
            let recap_days = session.catalog().settings().recap_days_before_premiere;
            let order = view.alert_order.get(doc.revision(), || {
                crate::model::alerts::alert_order(doc.watchlist())
            });
            alerts::alerts_ui(
                ctx,
                doc.watchlist(),
                order,
                episodes,
                (today, recap_days),
                &mut view.alerts_open,
                commands,
            );
        }
        if let Some(pending) = file.conflict() {
            conflict::conflict_ui(ctx, pending, commands);
        }
        if view.confirm_quit {
            match quit::confirm_quit_ui(ctx) {
                Some(true) => {
                    view.allow_close = true;
                    view.confirm_quit = false;
                    commands.push(UiCommand::Quit);
                }
                Some(false) => view.confirm_quit = false,
                None => {}
            }
        }
    }

    /// Asks to be woken when the session next has something to do (a save that will be due).
    /// Brings the window forward when Curtain Call was launched again. Called from `logic`,
    /// which runs even while the window is minimised. Focusing is asked again a moment later:
    /// window managers ignore it while the window is still being restored.
    fn raise_when_asked(&mut self, ctx: &egui::Context) {
        use egui::ViewportCommand;
        if self.session.take_focus_request() {
            self.view.raised += 1;
            ctx.send_viewport_cmd(ViewportCommand::Visible(true));
            ctx.send_viewport_cmd(ViewportCommand::Minimized(false));
            ctx.send_viewport_cmd(ViewportCommand::Focus);
            let again = Instant::now() + Duration::from_millis(150);
            self.view.focus_again_at = Some(again);
            Self::wake_at(ctx, Some(again));
        }
        if let Some(at) = self.view.focus_again_at {
            if Instant::now() < at {
                Self::wake_at(ctx, Some(at));
                return;
            }
            self.view.focus_again_at = None;
            ctx.send_viewport_cmd(ViewportCommand::Focus);
            // Where focus cannot be taken (Wayland), the taskbar says the app wants attention.
            if !ctx.input(|i| i.viewport().focused.unwrap_or(false)) {
                ctx.send_viewport_cmd(ViewportCommand::RequestUserAttention(
                    egui::UserAttentionType::Informational,
                ));
            }
        }
    }

    /// Where this window listens for the command line and a second launch, once it does.
    pub fn listening_at(&self) -> Option<&std::path::Path> {
        self.session.listening_at()
    }

    /// How many times a second launch brought the window forward.
    pub fn times_raised(&self) -> usize {
        self.view.raised
    }

    fn wake_at(ctx: &egui::Context, due: Option<Instant>) {
        if let Some(due) = due {
            ctx.request_repaint_after(due.saturating_duration_since(Instant::now()));
        }
    }
}

impl eframe::App for CurtainCallApp {
    /// The panels' own colour, so that a view without a filled panel (the opening screen) looks
    /// the same as one with.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Ctrl+Plus / Ctrl+Minus zoom too; the preference follows, within the offered range.
        let zoom = ctx.zoom_factor();
        let kept = zoom.clamp(*prefs::SCALE_RANGE.start(), *prefs::SCALE_RANGE.end());
        if kept != zoom {
            ctx.set_zoom_factor(kept);
        }
        self.prefs.scale = kept;
        // Once a frame: background results, some of a check's answers, saves.
        Self::wake_at(ctx, self.session.update());
        self.raise_when_asked(ctx);
        if let Some(tvmaze) = self
            .view
            .selected
            .as_deref()
            .and_then(|id| self.session.open_file()?.document().get(id))
            .and_then(|show| show.external_ids.tvmaze)
            .filter(|id| self.session.guides().contains_key(id))
        {
            self.session.want_full_guide(tvmaze);
        }
        if let Some(first) = self.session.take_first_frame() {
            self.view.alert_count.seed(first.revision, first.alerts);
            self.view.list.seed(first);
        }
        self.follow_the_watchlist();
        self.posters
            .take_in(ctx, self.session.take_loaded_posters());
        self.guard_close(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.main_ui(ui);
        // The first frame is drawn: reading the file may take every core now.
        self.session.window_shown();
        self.session.load_posters(self.posters.take_wanted());
        if let Some(started) = self.profile_startup {
            self.report_startup(ui.ctx(), started);
        }
        // Commands may have made new edits; schedule their save without waiting a frame.
        Self::wake_at(ui.ctx(), self.session.save_when_due());
        self.follow_the_watchlist();
    }

    /// eframe calls this now and then and at exit: the display preferences and the show open.
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.last_selected = self
            .view
            .selected
            .clone()
            .map(|id| (self.session.file().path.clone(), id));
        self.prefs.store(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.session.close();
    }
}

impl Drop for CurtainCallApp {
    /// A last chance to write pending edits when the app is dropped without `on_exit`
    /// (e.g. in tests). Closing twice writes nothing more.
    fn drop(&mut self) {
        self.session.close();
    }
}

/// True for a dropped file that is another tracker's export rather than a poster: a folder, or
/// an archive, JSON or CSV file.
/// A news article dropped on the window: its text or its saved page.
fn is_article(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["txt", "html", "htm"].contains(&e.to_ascii_lowercase().as_str()))
}

fn is_export(path: &std::path::Path) -> bool {
    path.is_dir()
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["zip", "json", "csv"].contains(&e.to_ascii_lowercase().as_str()))
}
