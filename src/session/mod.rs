//! The application layer, without a window: one [`Session`] per data file owns the open
//! watchlist and everything around it — opening and recovery, saving, reloads, merges and
//! conflicts, the catalogs, the text index, posters and notifications — and is the one place
//! the watchlist changes. The GUI draws what it exposes and hands it [`Command`]s; the command
//! line's writing commands go through [`edit_once`], its one-shot counterpart.
//!
//! Background work goes through [`crate::tasks`]: every job reports an [`Event`] into one
//! channel, which [`Session::update`] drains once a frame. Time and the way the file is written
//! are injected ([`Clock`], [`Storage`]), so the whole layer is tested without a window, with
//! a clock moved by hand and jobs run inline (see the tests at the end of this module).

mod airings;
mod article_review;
mod calendar_file;
mod catalog;
mod catch_up;
mod checking;
mod clock;
mod commands;
mod conflict;
mod disk;
mod document;
mod episode_news;
mod events;
mod guides;
mod importing;
mod lifecycle;
mod messages;
mod open_file;
mod opening;
mod options;
mod posters;
mod prepared;
mod reading_article;
mod remote;
mod remote_article;
mod remote_import;
mod saving;
mod schedule;
mod scripted;
mod search;
mod storage;

use std::sync::Arc;
use std::time::Instant;

pub use article_review::ArticleReview;
pub use catalog::{Adding, Catalog, CatalogSearch};
pub use catch_up::CatchUp;
pub use clock::{Clock, ManualClock, SystemClock};
pub use commands::Command;
pub use conflict::{ConflictSource, PendingConflict};
pub use document::Document;
pub use events::{CheckOutcome, Chore, Event, PosterImport};
pub use importing::{Importing, Review};
pub use messages::{FileNews, Message, capitalize};
pub use open_file::{OpenFile, Refusal, display_name};
pub use opening::{
    BackupSummary, EditError, Opened, Recovery, edit_once, list_backups, local_time,
};
pub use options::Options;
pub use posters::{LoadedPoster, PosterRequest};
pub use prepared::FirstFrame;
pub use reading_article::{ArticleInput, ReadingArticle};
pub use saving::{SaveState, SaveStatus, Timing};
pub use scripted::{Found, findings_output};
pub use storage::{FileStorage, SaveReport, Storage};

use crate::model::{Action, ShowEdit, Watchlist};
use crate::posters::{PosterCache, PosterLoader};
use crate::store::DataFile;
use crate::tasks::{Events, Lane, Lost, Report, Task, TaskId, Tasks};
use lifecycle::WindowShown;
use prepared::Prepared;

/// What the session's parts share: the clock, the storage, the jobs and the delays.
#[derive(Clone)]
struct Env {
    clock: Arc<dyn Clock>,
    storage: Arc<dyn Storage>,
    tasks: Tasks<Event>,
    timing: Timing,
}

/// Where the session is in its life.
pub enum Phase {
    /// Nothing read yet ([`Session::start_opening`] starts).
    Starting,
    /// The file is being read (and perhaps restored) by a background job.
    Opening(Task),
    /// The watchlist is open.
    Open(Box<OpenFile>),
    /// The file did not load: recovery mode. Nothing is written.
    Failed(Box<Recovery>),
}

/// The backups, as the "Restore from backup" window shows them.
#[derive(Debug, Default)]
pub enum Backups {
    #[default]
    NotAsked,
    Listing(Task),
    Listed(Vec<BackupSummary>),
}

/// The application for one data file.
pub struct Session {
    file: DataFile,
    options: Options,
    env: Env,
    events: Events<Event>,
    phase: Phase,
    catalog: Catalog,
    search: search::TextSearch,
    posters: posters::PosterQueue,
    /// Desktop notifications, shown one after another on one thread.
    notifier: Lane<Event>,
    message: Option<Message>,
    backups: Backups,
    /// A sync tool's conflict copy being read for merging.
    reading_copy: Option<Task>,
    /// An image being checked and copied into the poster cache.
    importing_poster: Option<Task>,
    /// A show just added, for the view to open.
    added: Option<String>,
    /// The first frame's caches, prepared by the opening job, until the views take them.
    first_frame: Option<FirstFrame>,
    /// An import from another tracker, from choosing the file to the review.
    importing: Importing,
    /// Imported shows whose catalog details are being fetched.
    catch_up: catch_up::CatchUp,
    /// A news article being read or reviewed.
    article: ReadingArticle,
    /// Articles from the command line being read.
    remote_articles: Vec<remote_article::ReadingForRemote>,
    /// The watchlist's titles and networks as the article reader last indexed them.
    article_index: crate::article::IndexCache,
    /// Imports from the command line whose plan is being made.
    remote_imports: Vec<remote_import::PlanningImport>,
    /// Episode alerts raised on the desktop in this run.
    episode_notices: episode_news::EpisodeNotices,
    /// The calendar file beside the watchlist, when Settings ask for one.
    calendar_file: calendar_file::CalendarFile,
    /// The episode guides, by TVmaze id.
    guides: crate::model::guide::Guides,
    guides_revision: u64,
    /// The open show's guide with its summaries (TVmaze id, guide), and what was asked last.
    full_guide: Option<(u64, Arc<crate::model::guide::Guide>)>,
    full_guide_asked: Option<(u64, u64)>,
    /// What the folder watcher saw while the file was being read.
    early_folder_events: Vec<crate::store::watch::FolderEvent>,
    /// Whether the window has drawn its first frame (reading waits for it to use every core).
    window: Arc<WindowShown>,
    /// Requests from the command line and from a second launch.
    remote: remote::Remote,
    /// When the next automatic check is due.
    schedule: schedule::CheckSchedule,
}

impl Session {
    /// A session on `file` with the computer's clock, the real file, and jobs on threads;
    /// `wake` is called whenever a job reports (the GUI repaints).
    pub fn new(file: DataFile, options: Options, wake: impl Fn() + Send + Sync + 'static) -> Self {
        let (tasks, events) = Tasks::new(wake);
        let storage = Arc::new(FileStorage::new(file.clone()));
        Self::with(
            file,
            options,
            Arc::new(SystemClock),
            storage,
            (tasks, events),
        )
    }

    /// A session with the clock, storage and jobs given (tests inject their own).
    pub fn with(
        file: DataFile,
        options: Options,
        clock: Arc<dyn Clock>,
        storage: Arc<dyn Storage>,
        (tasks, events): (Tasks<Event>, Events<Event>),
    ) -> Self {
        let catalog = Catalog::new(
            &tasks,
            options.providers.clone(),
            options.settings.clone(),
            options.config_dir.clone(),
        );
        let loader = PosterLoader::new(options.poster_cache.clone(), catalog.http());
        let catch_up = catch_up::CatchUp::new(&tasks, file.clone());
        Session {
            catch_up,
            remote_imports: Vec::new(),
            remote_articles: Vec::new(),
            article_index: crate::article::IndexCache::default(),
            article: ReadingArticle::Idle,
            env: Env {
                clock,
                storage,
                timing: options.timing,
                tasks: tasks.clone(),
            },
            posters: posters::PosterQueue::new(&tasks, loader),
            notifier: tasks.lane("notify", 1),
            calendar_file: calendar_file::CalendarFile::new(&tasks),
            episode_notices: episode_news::EpisodeNotices::default(),
            file,
            options,
            events,
            phase: Phase::Starting,
            catalog,
            search: search::TextSearch::default(),
            message: None,
            backups: Backups::NotAsked,
            reading_copy: None,
            importing_poster: None,
            added: None,
            first_frame: None,
            importing: Importing::Idle,
            guides: Default::default(),
            guides_revision: 0,
            full_guide: None,
            full_guide_asked: None,
            early_folder_events: Vec::new(),
            window: Arc::default(),
            remote: remote::Remote::default(),
            schedule: schedule::CheckSchedule::default(),
        }
    }

    /// The data file.
    pub fn file(&self) -> &DataFile {
        &self.file
    }

    /// Where the session is.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// The open watchlist, once open.
    pub fn open_file(&self) -> Option<&OpenFile> {
        match &self.phase {
            Phase::Open(file) => Some(file),
            _ => None,
        }
    }

    fn open_file_mut(&mut self) -> Option<&mut OpenFile> {
        match &mut self.phase {
            Phase::Open(file) => Some(file),
            _ => None,
        }
    }

    /// The watchlist, once open.
    pub fn watchlist(&self) -> Option<&Watchlist> {
        self.open_file().map(OpenFile::watchlist)
    }

    /// The outcome of the last command, for the status bar.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Puts `message` in the status bar: for the views' own news (a dialog that cannot open in
    /// a read-only window).
    pub fn tell(&mut self, message: Message) {
        self.message = Some(message);
    }

    /// The catalogs: the search and the show being added, the running check, the settings.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The backups, once asked for.
    pub fn backups(&self) -> &Backups {
        &self.backups
    }

    /// The text index's state: whether it is being built, and its generation.
    pub fn text_search(&self) -> &search::TextSearch {
        &self.search
    }

    /// For each show, whether its cast, storylines, notes… match `query`; `None` until an
    /// index is ready (one is then started) or for a query too short to search text.
    pub fn text_hits(&mut self, query: &str) -> Option<Vec<bool>> {
        let Phase::Open(file) = &self.phase else {
            return None;
        };
        self.search.hits(&self.env.tasks, file.watchlist(), query)
    }

    /// Starts loading these posters for the screen.
    pub fn load_posters(&mut self, requests: impl IntoIterator<Item = PosterRequest>) {
        for request in requests {
            self.posters.load(request);
        }
    }

    /// True when no poster is being loaded and none loaded waits for the window.
    pub fn posters_idle(&self) -> bool {
        self.posters.is_idle()
    }

    /// The posters loaded since the last call.
    pub fn take_loaded_posters(&mut self) -> Vec<LoadedPoster> {
        self.posters.take_loaded()
    }

    /// The caches the opening job made for the first frame with the watchlist, once.
    pub fn take_first_frame(&mut self) -> Option<FirstFrame> {
        self.first_frame.take()
    }

    /// The id of a show just added, once: the view opens it.
    pub fn take_added(&mut self) -> Option<String> {
        self.added.take()
    }

    /// Takes in what the background jobs reported, applies some of a check's answers, starts
    /// an automatic check when one is due, and starts a save when edits have rested. Call
    /// once a frame; returns when to be called again at the latest (a save or a check that
    /// will be due).
    pub fn update(&mut self) -> Option<Instant> {
        while let Some(report) = self.events.try_next() {
            self.handle(report);
        }
        self.take_in_answers();
        self.start_waiting_checks();
        self.keep_calendar_file();
        self.raise_episode_news();
        let catch_up_due = self.pump_catch_up();
        let check_due = self.check_when_due();
        let save_due = self.save_when_due();
        [catch_up_due, check_due, save_due]
            .into_iter()
            .flatten()
            .min()
    }

    /// Raises desktop notifications for episode alerts not raised yet in this run.
    fn raise_episode_news(&mut self) {
        let Phase::Open(file) = &self.phase else {
            return;
        };
        let doc = file.document();
        let new_episodes = self.catalog.settings().alert_new_episodes;
        let airings =
            airings::Airings::of(doc, &self.guides, self.guides_revision, &*self.env.clock);
        let notices =
            self.episode_notices
                .fresh(&airings, new_episodes, &jiff::tz::TimeZone::system());
        for notice in notices {
            self.notifier.push(move |_| {
                Event::Chore(Chore::Notified(crate::notify::episode(
                    &notice.title,
                    &notice.news,
                )))
            });
        }
    }

    /// Writes the calendar file again when Settings ask for one and what it shows changed.
    fn keep_calendar_file(&mut self) {
        let on = self.catalog.settings().keep_calendar_file;
        let Phase::Open(file) = &self.phase else {
            return;
        };
        if file.read_only().is_some() {
            return;
        }
        let doc = file.document();
        let airings =
            airings::Airings::of(doc, &self.guides, self.guides_revision, &*self.env.clock);
        let path = calendar_file::path_beside(&self.file.path);
        self.calendar_file.keep(on, path, &airings);
    }

    /// Starts a save when edits have rested (after commands, without waiting for the next
    /// [`Session::update`]); returns when to be called again at the latest.
    pub fn save_when_due(&mut self) -> Option<Instant> {
        let due = self.open_file_mut().and_then(OpenFile::drive);
        // A save that has reported already (at once, with inline jobs) is taken in now rather
        // than at the next update.
        while let Some(report) = self.events.try_next() {
            self.handle(report);
        }
        due
    }

    /// Carries out a command.
    pub fn execute(&mut self, command: Command) {
        match command {
            Command::Apply(action) => self.apply(action),
            Command::Undo => {
                let Some(file) = self.open_file_mut() else {
                    return;
                };
                self.message = Some(match file.undo() {
                    Ok(Some(label)) => Message::Undid(label),
                    Ok(None) => Message::NothingToUndo,
                    Err(_) => Message::ReadOnly,
                });
            }
            Command::Redo => {
                let Some(file) = self.open_file_mut() else {
                    return;
                };
                self.message = Some(match file.redo() {
                    Ok(Some(label)) => Message::Redid(label),
                    Ok(None) => Message::NothingToRedo,
                    Err(_) => Message::ReadOnly,
                });
            }
            Command::Reload => self.reopen(None, false),
            Command::DropUnknownFields => self.reopen(None, true),
            Command::RestoreBackup(backup) => self.reopen(Some(backup), false),
            Command::ListBackups => {
                let file = self.file.clone();
                self.backups = Backups::Listing(self.env.tasks.spawn("backups", move |_| {
                    Event::BackupsListed(opening::list_backups(&file))
                }));
            }
            Command::MergeCopy(path) => {
                self.reading_copy = Some(self.env.tasks.spawn("copy", move |_| {
                    let read = opening::read_copy(&path);
                    Event::CopyRead { path, read }
                }));
            }
            Command::DismissCopy(path) => {
                if let Some(file) = self.open_file_mut() {
                    file.dismiss_copy(&path);
                }
            }
            Command::ChooseVersion { id, take_theirs } => {
                if let Some(file) = self.open_file_mut() {
                    file.choose(&id, take_theirs);
                }
            }
            Command::ChooseField {
                id,
                field,
                take_theirs,
            } => {
                if let Some(file) = self.open_file_mut() {
                    file.choose_field(&id, &field, take_theirs);
                }
            }
            Command::SettleConflict => {
                if let Some(file) = self.open_file_mut() {
                    file.settle_conflict();
                }
            }
            Command::CheckCatalogs => self.start_check(true),
            Command::SearchCatalog(query) => self.catalog.start_search(&self.env.tasks, query),
            Command::AddFromCatalog(tvmaze) => self.fetch_from_catalog(tvmaze, None),
            Command::MatchImported { id, tvmaze } => self.fetch_from_catalog(tvmaze, Some(id)),
            Command::Export(path) => self.export(path),
            Command::OpenArticle => {
                if matches!(self.article, ReadingArticle::Idle) {
                    self.article = ReadingArticle::Writing;
                }
            }
            Command::ReadArticle(input) => self.read_article(input),
            Command::ChooseFact { show, fact, keep } => {
                if let ReadingArticle::Review(review) = &mut self.article
                    && let Some(chosen) = review.chosen.get_mut(show).and_then(|s| s.get_mut(fact))
                {
                    *chosen = keep;
                }
            }
            Command::MatchArticleShow { show, to } => {
                if let ReadingArticle::Review(review) = &mut self.article {
                    review.reading.match_show(show, to);
                }
            }
            Command::ApplyArticle => self.apply_article(),
            Command::CloseArticle => {
                if let ReadingArticle::Reading(task) = &self.article {
                    task.cancel();
                }
                self.article = ReadingArticle::Idle;
            }
            Command::KeepUnmatched(id) => self.catch_up.forget(&id),
            Command::StopCatchUp => self.catch_up.stop(),
            Command::ResumeCatchUp => self.catch_up.resume(),
            Command::ForgetCatalogSearch => self.catalog.forget_search(),
            Command::ChoosePoster(id) => {
                let cache = self.options.poster_cache.clone();
                self.importing_poster = Some(self.env.tasks.spawn("choose-poster", move |_| {
                    let picked = rfd::FileDialog::new()
                        .set_title("Choose a poster")
                        .add_filter("Images", &["png", "jpg", "jpeg", "webp"])
                        .pick_file();
                    let imported = match picked {
                        Some(path) => import_poster(&cache, &path),
                        None => Err(PosterImport::Canceled),
                    };
                    Event::PosterImported { id, imported }
                }));
            }
            Command::SetPosterFrom(id, path) => {
                let cache = self.options.poster_cache.clone();
                self.importing_poster =
                    Some(
                        self.env
                            .tasks
                            .spawn("import-poster", move |_| Event::PosterImported {
                                imported: import_poster(&cache, &path),
                                id,
                            }),
                    );
            }
            Command::Import(path) => self.start_import(path, None),
            Command::ImportPassword(password) => {
                if let Importing::NeedsPassword { path, .. } = &self.importing {
                    let path = path.clone();
                    self.start_import(Some(path), Some(password));
                }
            }
            Command::ChooseImported { index, import } => {
                if let Importing::Review(review) = &mut self.importing
                    && let Some(chosen) = review.chosen.get_mut(index)
                {
                    *chosen = import;
                }
            }
            Command::ApplyImport => self.apply_import(),
            Command::CloseImport => self.importing = Importing::Idle,
            Command::SaveSettings(settings) => {
                let at_login = settings.start_at_login;
                let was = self.catalog.settings().start_at_login;
                let mut said = self.catalog.save_settings(settings);
                self.schedule.interval_changed(self.check_interval());
                if at_login != was {
                    match self.options.autostart_dir.clone() {
                        Some(dir) => {
                            let default = crate::store::default_data_path();
                            let data = (default.as_ref() != Some(&self.file.path))
                                .then(|| self.file.path.clone());
                            self.catalog.set_autostart(dir, at_login, data);
                        }
                        None => said.push_str("; starting at login is not offered on this system"),
                    }
                }
                self.message = Some(Message::Info(said));
            }
        }
    }

    /// Applies an edit: the one place the watchlist changes at the user's request.
    fn apply(&mut self, action: Action) {
        let Some(file) = self.open_file_mut() else {
            return;
        };
        let adds = matches!(action, Action::AddShow(_));
        let result = file.apply(action);
        let added = adds.then(|| file.watchlist().shows.last().map(|s| s.id.clone()));
        self.message = Some(match result {
            Ok(label) => {
                if let Some(id) = added.flatten() {
                    self.added = Some(id);
                }
                Message::Did(label)
            }
            Err(Refusal::ReadOnly) => Message::ReadOnly,
            Err(Refusal::Action(error)) => Message::Refused(error.to_string()),
        });
    }

    /// Fetches TVmaze show `tvmaze` from the catalog: to add as a new show, or with `link`, to
    /// link that (imported) show to, its history kept — the user matched it by hand, or said
    /// yes to a match by title. Refused in a read-only window, and when another show on the
    /// watchlist is that TVmaze show already.
    fn fetch_from_catalog(&mut self, tvmaze: u64, link: Option<String>) {
        let Some(file) = self.open_file() else {
            return;
        };
        if file.read_only().is_some() {
            self.message = Some(Message::ReadOnly);
            return;
        }
        match file.watchlist().with_tvmaze_id(tvmaze) {
            Some(existing) if link.as_deref() != Some(existing.id.as_str()) => {
                let why = if link.is_some() {
                    format!(
                        "“{}” is already on your watchlist as that TVmaze show.",
                        existing.title
                    )
                } else {
                    format!("“{}” is already on your watchlist.", existing.title)
                };
                self.catalog.adding_failed(why);
            }
            _ => self.catalog.start_fetch(&self.env.tasks, tvmaze, link),
        }
    }

    /// Writes the watchlist as it is now to `path` (asked for first when `None`), on a job.
    fn export(&mut self, path: Option<std::path::PathBuf>) {
        let Some(file) = self.open_file() else {
            return;
        };
        // The shows are shared: the job's copy is a list of pointers.
        let watchlist = file.watchlist().clone();
        let at = self.env.clock.timestamp();
        self.env.tasks.spawn("export", move |_| {
            let path = path.or_else(|| {
                rfd::FileDialog::new()
                    .set_title("Export the watchlist")
                    .set_file_name("curtaincall-export.json")
                    .add_filter("JSON, every field", &["json"])
                    .add_filter("CSV, shows and episodes in a ZIP", &["zip"])
                    .save_file()
            });
            Event::Exported(path.map(|path| {
                let written = crate::export::write_to(&watchlist, &path, at);
                (path, written.map(|()| watchlist.shows.len()))
            }))
        });
    }

    /// Handles one report from the background.
    fn handle(&mut self, report: Report<Event>) {
        let task = report.task;
        let event = match report.outcome {
            Ok(event) => event,
            Err(lost) => return self.on_lost(task, lost),
        };
        match event {
            Event::Opened(opened, prepared) => {
                if matches!(&self.phase, Phase::Opening(t) if t.id() == task) {
                    self.on_opened(*opened, *prepared);
                }
            }
            Event::Saved(report) => {
                if let Some(file) = self.open_file_mut()
                    && file.save_state().saving() == Some(task)
                {
                    file.on_saved(report);
                }
            }
            Event::Folder(event) => {
                let opening = matches!(self.phase, Phase::Starting | Phase::Opening(_));
                if let Some(file) = self.open_file_mut() {
                    file.on_folder_event(event);
                } else if opening {
                    // Seen while the file was read: handled once it is open.
                    self.early_folder_events.push(event);
                }
            }
            Event::Parsed {
                fingerprint,
                parsed,
            } => {
                if let Some(file) = self.open_file_mut() {
                    file.on_parsed(task, fingerprint, parsed);
                }
            }
            Event::CopyRead { path, read } => {
                if self.reading_copy.take_if(|t| t.id() == task).is_none() {
                    return;
                }
                match read {
                    Ok(copy) => {
                        if let Some(file) = self.open_file_mut() {
                            file.merge_copy(path, copy);
                        }
                    }
                    Err(error) => {
                        self.message = Some(Message::Failed(format!(
                            "Cannot read the conflict copy: {error}"
                        )));
                    }
                }
            }
            Event::BackupsListed(list) => {
                if matches!(&self.backups, Backups::Listing(t) if t.id() == task) {
                    self.backups = Backups::Listed(list);
                }
            }
            Event::IndexBuilt(index) => self.search.on_built(task, index),
            Event::CatalogSearched(result) => self.catalog.on_searched(task, result),
            Event::CatalogFetched(result) => match self.catalog.on_fetched(task, *result) {
                Some((fresh, None)) => {
                    let show = fresh.to_show(self.env.clock.today());
                    self.apply(Action::AddShow(Box::new(show)));
                }
                Some((fresh, Some(id))) => {
                    self.catch_up.forget(&id);
                    self.apply(Action::Link {
                        id,
                        fresh: Box::new(fresh),
                    });
                }
                None => {}
            },
            Event::CaughtUp(answer) => self.on_caught_up(task, *answer),
            Event::Exported(Some((path, result))) => {
                self.message = Some(match result {
                    Ok(shows) => Message::Info(format!(
                        "Exported {} to {}",
                        crate::model::counted(shows as i64, "show"),
                        path.display()
                    )),
                    Err(error) => {
                        Message::Failed(format!("Could not export to {}: {error}", path.display()))
                    }
                });
            }
            Event::Exported(None) => {}
            Event::ArticleRead(read) => {
                if matches!(&self.article, ReadingArticle::Reading(t) if t.id() == task) {
                    self.article = match *read {
                        Ok(review) => ReadingArticle::Review(Box::new(review)),
                        Err(why) => ReadingArticle::Failed(why),
                    };
                }
            }
            Event::RemoteArticleRead(reading) => {
                self.on_remote_article_read(task, *reading);
            }
            Event::RemoteImportPlanned(planned) => {
                self.on_remote_import_planned(task, *planned);
            }
            Event::FullGuideLoaded {
                tvmaze,
                revision,
                guide,
            } => {
                if self.full_guide_asked == Some((tvmaze, revision)) {
                    self.full_guide = guide.map(|g| (tvmaze, Arc::new(g)));
                }
            }
            Event::ImportRead(read) => {
                if matches!(&self.importing, Importing::Reading(t) if t.id() == task) {
                    self.importing = Importing::after(*read);
                }
            }
            Event::GuidesLoaded(guides) => {
                // A check may have brought newer ones meanwhile: those stay.
                for (id, guide) in guides {
                    self.guides.entry(id).or_insert(guide);
                }
                self.guides_revision += 1;
            }
            Event::CheckProgress(done, total) => self.catalog.on_check_progress(done, total),
            Event::Checked(mut outcome) => {
                if let CheckOutcome::Done(result, _) = &mut outcome
                    && self.catalog.is_running(task)
                {
                    self.take_guides(std::mem::take(&mut result.guides));
                }
                if let Some((outcome, on_demand)) = self.catalog.on_checked(task, outcome) {
                    self.on_check_ended(outcome, on_demand);
                }
            }
            Event::PosterImported { id, imported } => {
                if self.importing_poster.take_if(|t| t.id() == task).is_none() {
                    self.on_remote_poster(task, &imported);
                    return;
                }
                match imported {
                    Ok(name) => self.apply(Action::Edit {
                        id,
                        edit: ShowEdit::PosterFile(Some(name)),
                    }),
                    Err(PosterImport::Canceled) => {}
                    Err(PosterImport::Refused(why)) => self.message = Some(Message::Failed(why)),
                }
            }
            Event::PosterLoaded(result) => self.posters.on_loaded(task, result),
            Event::Chore(chore) => chore.log(),
            Event::Remote(incoming) => self.on_remote(incoming),
            Event::Listening(server) => self.on_listening(task, server),
            Event::BackupsFound(backups) => {
                self.on_backups_found(task, backups);
            }
        }
    }

    /// A job ended without a result: whoever waited for it stops waiting and says why. (Its
    /// panic message is already on stderr.)
    fn on_lost(&mut self, task: TaskId, lost: Lost) {
        if matches!(&self.importing, Importing::Reading(t) if t.id() == task) {
            self.importing = Importing::Failed(format!(
                "Could not read the export: {lost}. Nothing changed."
            ));
            return;
        }
        if self.on_remote_import_lost(task, &lost) || self.on_remote_article_lost(task, &lost) {
            return;
        }
        if matches!(&self.phase, Phase::Opening(t) if t.id() == task) {
            let opened = Opened::lost(&self.file, &lost.to_string());
            self.on_opened(opened, Prepared::default());
            return;
        }
        if self
            .open_file_mut()
            .is_some_and(|file| file.on_lost(task, &lost))
        {
            return;
        }
        if self.remote.on_lost(task, &lost) {
            return;
        }
        if let Some(said) = self.catalog.on_lost(task, &lost) {
            if !self.catalog.is_busy() {
                let why = format!("the check stopped: {lost}");
                self.remote.check_ended(Some(self.not_changed(&why)));
            }
            if let Some(said) = said {
                self.message = Some(Message::Failed(said));
            }
            return;
        }
        if self.search.on_lost(task) || self.posters.on_lost(task, lost.to_string()) {
            return;
        }
        let listing = matches!(&self.backups, Backups::Listing(t) if t.id() == task);
        if listing {
            self.backups = Backups::Listed(Vec::new());
        }
        let stopped = listing
            || self.reading_copy.take_if(|t| t.id() == task).is_some()
            || self.importing_poster.take_if(|t| t.id() == task).is_some();
        if stopped {
            self.message = Some(Message::Failed(lost.to_string()));
        } else {
            // Nobody waited for it (a notification, a setting written): the log is the place.
            log::error!("{lost}");
        }
    }
}

/// Checks the image at `path` and copies it into the poster cache.
fn import_poster(cache: &PosterCache, path: &std::path::Path) -> Result<String, PosterImport> {
    crate::posters::import(cache, path).map_err(|error| {
        PosterImport::Refused(format!(
            "{} was not used as a poster: {error}",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests;
