//! The catalogs in the app: searching TVmaze and fetching a show to add, checking every followed
//! show (on demand and at start when the last check is old) and taking its answers in a few per
//! frame, and the settings that go with them. Every request runs as a background job.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::events::{CheckOutcome, Chore, Event};
use crate::model::CatalogShow;
use crate::settings::{self, Settings};
use crate::sources::check::{self, Followed};
use crate::sources::{FetchError, ProviderConfig, Providers};
use crate::store::DataFile;
use crate::store::guide_cache::GuideCache;
use crate::tasks::{Lane, Lost, Sink, Task, TaskId, Tasks};

/// Where a search of the catalog stands.
#[derive(Debug, Default)]
pub enum CatalogSearch {
    #[default]
    Idle,
    Searching(Task),
    Found(Vec<CatalogShow>),
    Failed(String),
}

/// Where adding a show from the catalog stands.
#[derive(Debug, Default)]
pub enum Adding {
    #[default]
    Idle,
    /// Fetching TVmaze show `tvmaze` with its cast and seasons.
    Fetching {
        tvmaze: u64,
        task: Task,
        /// The watchlist show it is for (matching an imported show by hand); `None` to add it.
        link: Option<String>,
    },
    Failed(String),
}

/// A check running in the background.
struct RunningCheck {
    task: Task,
    /// `(done, total)` so far; total is 0 until TVmaze said which shows changed.
    progress: (usize, usize),
    /// Started by the user (F5, the button) rather than at start.
    on_demand: bool,
}

/// The catalogs as the app uses them.
pub struct Catalog {
    config: ProviderConfig,
    providers: Providers,
    settings: Settings,
    config_dir: Option<PathBuf>,
    check: Option<RunningCheck>,
    /// A finished check whose answers are being applied, a few per frame.
    intake: Option<Intake>,
    search: CatalogSearch,
    adding: Adding,
    /// Settings are written one after another, so the newest always lands last.
    writes: Lane<Event>,
}

impl Catalog {
    /// The catalogs at `config`, with the user's settings from `config_dir`.
    pub fn new(
        tasks: &Tasks<Event>,
        mut config: ProviderConfig,
        settings: Settings,
        config_dir: Option<PathBuf>,
    ) -> Self {
        if config.tmdb_key.is_none() {
            config.tmdb_key = settings.effective_tmdb_key();
        }
        Catalog {
            providers: Providers::new(&config),
            config,
            settings,
            config_dir,
            check: None,
            intake: None,
            search: CatalogSearch::Idle,
            adding: Adding::Idle,
            writes: tasks.lane("settings", 1),
        }
    }

    /// The providers, for jobs that ask them (fetching imported shows' details).
    pub(super) fn providers(&self) -> &Providers {
        &self.providers
    }

    /// The shared HTTP client (posters download through it too).
    pub fn http(&self) -> std::sync::Arc<crate::sources::HttpClient> {
        std::sync::Arc::clone(&self.providers.http)
    }

    /// The user's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Where the last search stands.
    pub fn search(&self) -> &CatalogSearch {
        &self.search
    }

    /// Where adding a show from the catalog stands.
    pub fn adding(&self) -> &Adding {
        &self.adding
    }

    /// Starts searching TVmaze for `query`. A search still running is cancelled: it will not
    /// spend the catalog's rate limit on an answer nobody reads.
    pub(super) fn start_search(&mut self, tasks: &Tasks<Event>, query: String) {
        if let CatalogSearch::Searching(earlier) = &self.search {
            earlier.cancel();
        }
        let tvmaze = self.providers.tvmaze.clone();
        self.search = CatalogSearch::Searching(tasks.spawn("search", move |cancel| {
            Event::CatalogSearched(tvmaze.search(&query, cancel))
        }));
    }

    /// A search finished; only the latest one counts.
    pub(super) fn on_searched(
        &mut self,
        task: TaskId,
        result: Result<Vec<CatalogShow>, FetchError>,
    ) {
        if matches!(&self.search, CatalogSearch::Searching(current) if current.id() == task) {
            self.search = match result {
                Ok(hits) => CatalogSearch::Found(hits),
                Err(error) => {
                    CatalogSearch::Failed(super::messages::capitalize(&error.to_string()))
                }
            };
        }
    }

    /// Clears the search and the adding state (the Add dialog closed).
    pub(super) fn forget_search(&mut self) {
        if let CatalogSearch::Searching(task) = &self.search {
            task.cancel();
        }
        if let Adding::Fetching { task, .. } = &self.adding {
            task.cancel();
        }
        self.search = CatalogSearch::Idle;
        self.adding = Adding::Idle;
    }

    /// Starts fetching TVmaze show `tvmaze` (with cast and seasons) to add it.
    pub(super) fn start_fetch(&mut self, tasks: &Tasks<Event>, tvmaze: u64, link: Option<String>) {
        let providers = self.providers.clone();
        // Closing the dialog cancels it: nothing more is asked of the catalog.
        let task = tasks.spawn("fetch", move |cancel| {
            Event::CatalogFetched(Box::new(providers.show_unless(tvmaze, None, cancel)))
        });
        self.adding = Adding::Fetching { tvmaze, task, link };
    }

    /// Says why adding failed.
    pub(super) fn adding_failed(&mut self, why: String) {
        self.adding = Adding::Failed(why);
    }

    /// A fetch finished: the show to add (or to link to the watchlist show named), if it is
    /// the one being waited for.
    pub(super) fn on_fetched(
        &mut self,
        task: TaskId,
        result: Result<CatalogShow, FetchError>,
    ) -> Option<(CatalogShow, Option<String>)> {
        let link = match &self.adding {
            Adding::Fetching {
                task: current,
                link,
                ..
            } if current.id() == task => link.clone(),
            _ => return None,
        };
        match result {
            Ok(show) => {
                self.adding = Adding::Idle;
                self.search = CatalogSearch::Idle;
                Some((show, link))
            }
            Err(error) => {
                self.adding = Adding::Failed(format!("Could not add the show: {error}"));
                None
            }
        }
    }

    /// Starts checking `followed` unless a check is running or its answers are going in (it
    /// would ask again for the shows not yet updated). An automatic check (`on_demand` false)
    /// first reads when the last one was and asks nothing if it is recent.
    pub(super) fn start_check(
        &mut self,
        tasks: &Tasks<Event>,
        file: &DataFile,
        followed: Vec<Followed>,
        on_demand: bool,
        now: jiff::Timestamp,
        guides: Option<GuideCache>,
    ) {
        if self.is_busy() {
            return;
        }
        let providers = self.providers.clone();
        let file = file.clone();
        let due_after = (!on_demand).then(|| {
            jiff::SignedDuration::from_hours(i64::from(self.settings.refresh_every_hours))
        });
        let sink: Sink<Event> = tasks.sink();
        let task = tasks.spawn("check", move |_| {
            let last = settings::last_check(&file);
            if let (Some(due_after), Some(last)) = (due_after, last)
                && now.duration_since(last) < due_after
            {
                return Event::Checked(CheckOutcome::NotDue(last));
            }
            let mut progress = |done: usize, of: usize| sink.send(Event::CheckProgress(done, of));
            // The time is recorded only once the answers are applied (see `record_check`).
            Event::Checked(
                match check::check(
                    &providers,
                    &followed,
                    last,
                    now,
                    guides.as_ref(),
                    &mut progress,
                ) {
                    Ok(result) => CheckOutcome::Done(result, now),
                    Err(error) => CheckOutcome::Failed(error),
                },
            )
        });
        self.check = Some(RunningCheck {
            task,
            progress: (0, 0),
            on_demand,
        });
    }

    /// The running check got this far.
    pub(super) fn on_check_progress(&mut self, done: usize, total: usize) {
        if let Some(check) = &mut self.check {
            check.progress = (done, total);
        }
    }

    /// The check finished: its outcome, and whether the user started it. A finished check's
    /// answers start going in.
    pub(super) fn on_checked(
        &mut self,
        task: TaskId,
        outcome: CheckOutcome,
    ) -> Option<(CheckOutcome, bool)> {
        let running = self.check.take_if(|c| c.task.id() == task)?;
        if let CheckOutcome::Done(result, started) = outcome {
            // The closing message counts them; the log says which and why.
            for (id, error) in &result.failed {
                log::warn!("{id}: {error}");
            }
            let failed = result.failed.len();
            self.intake = Some(Intake::new(
                result.answers,
                failed,
                running.on_demand,
                started,
            ));
            return None;
        }
        Some((outcome, running.on_demand))
    }

    /// A job of the catalog's ended without a result; returns what to tell the user, if the
    /// job was one of these.
    pub(super) fn on_lost(&mut self, task: TaskId, lost: &Lost) -> Option<Option<String>> {
        if self.check.as_ref().is_some_and(|c| c.task.id() == task) {
            self.check = None;
            return Some(Some(format!(
                "Could not check for changes: {lost}. Nothing was changed."
            )));
        }
        if matches!(&self.search, CatalogSearch::Searching(t) if t.id() == task) {
            self.search = CatalogSearch::Failed(lost.to_string());
            return Some(None);
        }
        if matches!(&self.adding, Adding::Fetching { task: t, .. } if t.id() == task) {
            self.adding = Adding::Failed(format!("Could not add the show: {lost}"));
            return Some(None);
        }
        None
    }

    /// True when `task` is the check running now.
    pub(super) fn is_running(&self, task: TaskId) -> bool {
        self.check.as_ref().is_some_and(|c| c.task.id() == task)
    }

    /// True while a check runs or its answers are being taken in.
    pub fn is_busy(&self) -> bool {
        self.check.is_some() || self.intake.is_some()
    }

    /// A line for the status bar while a check runs or its answers go in.
    pub fn progress_text(&self) -> Option<String> {
        match (&self.check, &self.intake) {
            (Some(check), _) => Some(match check.progress {
                (_, 0) => "Checking TVmaze for changes…".to_owned(),
                (done, total) => format!("Checking TVmaze: {done} of {total} changed shows…"),
            }),
            (None, Some(intake)) => Some(intake.progress_text()),
            (None, None) => None,
        }
    }

    /// The answers being taken in.
    pub(super) fn intake_mut(&mut self) -> Option<&mut Intake> {
        self.intake.as_mut()
    }

    /// Every answer is in: what to say, and records the check (off the UI thread) when every
    /// show could be read, so the next one asks TVmaze only for what changed since. Returns
    /// the message and the time of the check when it was recorded.
    pub(super) fn finish_intake(
        &mut self,
        tasks: &Tasks<Event>,
        file: &DataFile,
    ) -> (Option<String>, Option<jiff::Timestamp>) {
        let Some(intake) = self.intake.take() else {
            return (None, None);
        };
        if let Some(started) = intake.started {
            let file = file.clone();
            tasks.spawn("record-check", move |_| {
                Event::Chore(Chore::CheckRecorded(
                    settings::record_check(&file, started).map_err(|e| e.to_string()),
                ))
            });
        }
        (intake.closing_message(), intake.started)
    }

    /// Keeps new settings, rebuilds the clients with them and writes them in the background.
    /// Returns what to tell the user.
    pub(super) fn save_settings(&mut self, settings: Settings) -> String {
        self.settings = settings.clone();
        self.config.tmdb_key = settings.effective_tmdb_key();
        self.providers = Providers::with_client(&self.config, self.http());
        let Some(dir) = self.config_dir.clone() else {
            return "No config directory: the settings last until the app closes.".into();
        };
        self.writes.push(move |_| {
            Event::Chore(Chore::SettingsSaved(
                settings.save(&dir).map_err(|e| e.to_string()),
            ))
        });
        match std::env::var_os(settings::TMDB_KEY_ENV) {
            Some(_) => format!(
                "Settings saved; {} is set, and that key is used instead of this one",
                settings::TMDB_KEY_ENV
            ),
            None => "Settings saved".to_owned(),
        }
    }
}

impl Catalog {
    /// Writes or removes the "start when I log in" entry in `dir`, after any settings being
    /// written (one after another, so the last choice lands last). The entry opens `data`, or
    /// the default file when `None`.
    pub(super) fn set_autostart(&self, dir: PathBuf, on: bool, data: Option<PathBuf>) {
        self.writes.push(move |_| {
            let set = std::env::current_exe()
                .and_then(|program| crate::autostart::set(&dir, on, &program, data.as_deref()));
            Event::Chore(Chore::Autostart(set.map_err(|e| {
                format!("{}: {e}", crate::autostart::entry_path(&dir).display())
            })))
        });
    }
}

/// How long one frame may spend applying a check's answers; the rest of a 16 ms frame is the
/// UI's.
pub const FRAME_BUDGET: Duration = Duration::from_millis(4);

/// A finished check whose answers are being applied a few at a time, so that a busy day at the
/// catalog (hundreds of changed shows) never makes one long frame: each answer is a
/// copy-on-write edit of one show, and all of them at once would hold the UI for tens of
/// milliseconds at 10,000 shows.
pub struct Intake {
    /// Each changed show's answer, by watchlist id; compared with the show only when its turn
    /// comes, so an edit made meanwhile is taken into account.
    pending: VecDeque<(String, CatalogShow)>,
    total: usize,
    /// Answers that changed something the user is told about.
    changed: usize,
    /// Shows that could not be read, for the closing message.
    failed: usize,
    /// Started by the user (F5, the button) rather than at start.
    on_demand: bool,
    /// When the check started; recorded as the last check once every answer is in, and only if
    /// none failed (a show that could not be read is asked again next time).
    started: Option<jiff::Timestamp>,
}

impl Intake {
    /// The answers of one check, in the order the catalog gave them.
    pub fn new(
        answers: Vec<(String, CatalogShow)>,
        failed: usize,
        on_demand: bool,
        started: jiff::Timestamp,
    ) -> Self {
        Intake {
            total: answers.len(),
            pending: answers.into(),
            changed: 0,
            failed,
            on_demand,
            started: (failed == 0).then_some(started),
        }
    }

    /// Hands answers to `apply` until `budget` is spent (at least one per call, so the intake
    /// always moves), counting those `apply` says changed something the user is told about.
    /// Returns true once none is left.
    pub fn take_some(
        &mut self,
        budget: Duration,
        mut apply: impl FnMut(String, CatalogShow) -> bool,
    ) -> bool {
        let began = Instant::now();
        while let Some((id, answer)) = self.pending.pop_front() {
            self.changed += usize::from(apply(id, answer));
            if began.elapsed() >= budget {
                break;
            }
        }
        self.pending.is_empty()
    }

    /// A line for the status bar while answers are taken in.
    pub fn progress_text(&self) -> String {
        format!(
            "Taking in TVmaze's answers: {} of {}…",
            self.total - self.pending.len(),
            self.total
        )
    }

    /// The status-bar message once every answer is in; `None` for a check at start that found
    /// nothing, which is not worth a line.
    pub fn closing_message(&self) -> Option<String> {
        let failed = match self.failed {
            0 => String::new(),
            n => format!(" ({n} could not be read)"),
        };
        match self.changed {
            0 if self.on_demand => Some(format!("Checked TVmaze: nothing new{failed}")),
            0 => None,
            1 => Some(format!("TVmaze: 1 show changed — see 🔔 Alerts{failed}")),
            n => Some(format!("TVmaze: {n} shows changed — see 🔔 Alerts{failed}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(n: usize) -> (String, CatalogShow) {
        (format!("show-{n}"), CatalogShow::default())
    }

    #[test]
    fn answers_are_taken_in_over_several_frames_and_all_arrive_in_order() {
        let answers = (0..10).map(answer).collect();
        let mut intake = Intake::new(answers, 0, true, jiff::Timestamp::UNIX_EPOCH);
        let mut applied = Vec::new();
        let mut frames = 0;
        let mut take = |id: String, _| {
            applied.push(id);
            applied.len() % 2 == 1
        };
        // A zero budget is spent after the first answer: one per frame.
        while !intake.take_some(Duration::ZERO, &mut take) {
            frames += 1;
            assert!(
                intake
                    .progress_text()
                    .contains(&format!("{} of 10", frames))
            );
        }
        assert_eq!(frames, 9);
        let expected: Vec<String> = (0..10).map(|n| format!("show-{n}")).collect();
        assert_eq!(applied, expected);
        assert_eq!(intake.changed, 5);
        assert_eq!(
            intake.closing_message().as_deref(),
            Some("TVmaze: 5 shows changed — see 🔔 Alerts")
        );
    }

    #[test]
    fn a_check_with_a_failed_show_is_not_recorded_and_says_so() {
        let mut intake = Intake::new(vec![answer(1)], 2, false, jiff::Timestamp::UNIX_EPOCH);
        assert!(intake.take_some(FRAME_BUDGET, |_, _| false));
        assert_eq!(intake.started, None);
        assert_eq!(intake.closing_message(), None);
        intake.on_demand = true;
        assert_eq!(
            intake.closing_message().as_deref(),
            Some("Checked TVmaze: nothing new (2 could not be read)")
        );
    }
}
