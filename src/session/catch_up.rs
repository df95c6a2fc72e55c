//! Fetching catalog details for imported shows in the background: each show queued by an
//! import is looked up in TVmaze one at a time (at the catalog's rate limit), linked when found
//! by id, proposed when found only by title, listed as not matched otherwise. The queue is
//! kept in the file's local state after every show, so stopping the app (or the user's Stop)
//! loses nothing: it resumes where it stopped.

use std::time::{Duration, Instant};

use super::events::{CaughtUp, Chore};
use super::{Event, Message, Phase, Session};
use crate::model::{Action, Show, Watchlist};
use crate::sources::catch_up::{Caught, Wanted, catch_up};
use crate::sources::{FetchError, Providers};
use crate::store::DataFile;
use crate::store::catch_up::{CatchUpQueue, Proposal, Queued};
use crate::store::guide_cache::GuideCache;
use crate::tasks::{Lane, Task, TaskId, Tasks};

/// How long to wait before asking again after the catalog could not be reached.
const RETRY_AFTER: Duration = Duration::from_secs(120);

/// What taking in one answer means for the session.
#[derive(Debug, Default)]
pub struct Step {
    /// The edit that links the show (applied without an undo step of its own: it is the
    /// catalog's, not the user's).
    pub link: Option<Action>,
    /// The show's episodes, fetched into the cache.
    pub guide: Option<crate::model::guide::Guide>,
    /// What to tell the user (the queue just emptied).
    pub message: Option<String>,
}

/// The background fetching of imported shows' details.
pub struct CatchUp {
    file: DataFile,
    /// `None` until read from the local state.
    queue: Option<CatchUpQueue>,
    /// Shows queued before the queue was read.
    early: Vec<Queued>,
    running: Option<(Task, String)>,
    /// After losing the catalog: not before then.
    retry_at: Option<Instant>,
    /// Writes one after another, so the newest lands last.
    writes: Lane<Event>,
    /// Shows linked in this run, for the closing message.
    linked: usize,
}

impl CatchUp {
    /// Nothing read yet for `file`.
    pub fn new(tasks: &Tasks<Event>, file: DataFile) -> Self {
        CatchUp {
            file,
            queue: None,
            early: Vec::new(),
            running: None,
            retry_at: None,
            writes: tasks.lane("catch-up-state", 1),
            linked: 0,
        }
    }

    /// The queue as the opening job read it; only the first reading counts (a reopened file
    /// keeps the queue this session has).
    pub fn on_loaded(&mut self, mut queue: CatchUpQueue) {
        if self.queue.is_some() {
            return;
        }
        let early = std::mem::take(&mut self.early);
        let save = !early.is_empty();
        queue.add(early);
        self.queue = Some(queue);
        if save {
            self.save();
        }
    }

    /// Queues shows an import just added. A stopped queue stays stopped until resumed.
    pub fn queue(&mut self, shows: Vec<Queued>) {
        if shows.is_empty() {
            return;
        }
        match &mut self.queue {
            Some(queue) => {
                queue.add(shows);
                self.save();
            }
            None => self.early.extend(shows),
        }
    }

    /// The queue, once read.
    pub fn state(&self) -> Option<&CatchUpQueue> {
        self.queue.as_ref()
    }

    /// `(done, total)` while shows are being fetched; `None` when nothing is (or it is
    /// stopped).
    pub fn progress(&self) -> Option<(usize, usize)> {
        let queue = self.queue.as_ref()?;
        (!queue.stopped && !queue.pending.is_empty()).then(|| (queue.done, queue.total()))
    }

    /// Starts a job for the next queued show, unless one runs, the queue is stopped or the
    /// catalog was lost a short while ago. Shows removed meanwhile, or linked by other means,
    /// are passed over. Returns when to be called again at the latest.
    pub fn pump(
        &mut self,
        watchlist: &Watchlist,
        tasks: &Tasks<Event>,
        providers: &Providers,
        guides: Option<&GuideCache>,
        now: Instant,
        timestamp: jiff::Timestamp,
    ) -> Option<Instant> {
        if self.running.is_some() {
            return None;
        }
        if let Some(at) = self.retry_at {
            if now < at {
                return Some(at);
            }
            self.retry_at = None;
        }
        let queue = self.queue.as_mut().filter(|q| !q.stopped)?;
        let mut passed = false;
        while let Some(next) = queue.pending.front() {
            match watchlist.get(&next.id) {
                Some(show) if show.external_ids.tvmaze.is_none() => {
                    let wanted = wanted(show, next.year);
                    let id = next.id.clone();
                    let (providers, guides) = (providers.clone(), guides.cloned());
                    let job_id = id.clone();
                    let task = tasks.spawn("catch-up", move |cancel| {
                        let caught =
                            catch_up(&providers, &wanted, guides.as_ref(), timestamp, cancel);
                        Event::CaughtUp(Box::new(CaughtUp { id: job_id, caught }))
                    });
                    self.running = Some((task, id));
                    break;
                }
                _ => {
                    queue.pending.pop_front();
                    queue.done += 1;
                    passed = true;
                }
            }
        }
        if passed {
            self.save();
        }
        None
    }

    /// Takes in what the catalog said about one show.
    pub fn on_caught(&mut self, task: TaskId, answer: CaughtUp, now: Instant) -> Step {
        let mut step = Step::default();
        if self.running.as_ref().is_none_or(|(t, _)| t.id() != task) {
            return step;
        }
        self.running = None;
        let Some(queue) = self.queue.as_mut() else {
            return step;
        };
        let Some(at) = queue.pending.iter().position(|q| q.id == answer.id) else {
            // Forgotten meanwhile (matched by hand, or the user stopped and restarted).
            return step;
        };
        match answer.caught {
            Err(FetchError::Cancelled) => return step,
            Err(error) if error.is_offline() || matches!(error, FetchError::RateLimited { .. }) => {
                log::info!("fetching imported shows paused: {error}");
                self.retry_at = Some(now + RETRY_AFTER);
                return step;
            }
            Err(error) => {
                log::warn!("{}: {error}", answer.id);
                if let Some(queued) = queue.pending.remove(at) {
                    queue.not_matched.push(queued);
                }
            }
            Ok(Caught::Linked(show, guide)) => {
                queue.pending.remove(at);
                self.linked += 1;
                step.guide = guide;
                step.link = Some(Action::Link {
                    id: answer.id,
                    fresh: show,
                });
            }
            Ok(Caught::Proposed(show)) => {
                queue.pending.remove(at);
                queue.proposed.push(Proposal {
                    id: answer.id,
                    tvmaze: show.tvmaze,
                    year: show.year(),
                    network: show.network.as_ref().map(ToString::to_string),
                    title: show.title,
                });
            }
            Ok(Caught::NotFound) => {
                if let Some(queued) = queue.pending.remove(at) {
                    queue.not_matched.push(queued);
                }
            }
        }
        queue.done += 1;
        if queue.pending.is_empty() {
            step.message = Some(finished_message(self.linked, queue));
            self.linked = 0;
        }
        self.save();
        step
    }

    /// Stops fetching (the user's Stop): the job running is cancelled, and the queue waits,
    /// also after a restart, until resumed.
    pub fn stop(&mut self) {
        if let Some((task, _)) = self.running.take() {
            task.cancel();
        }
        if let Some(queue) = &mut self.queue {
            queue.stopped = true;
            self.save();
        }
    }

    /// Resumes a stopped queue, at once even after losing the catalog.
    pub fn resume(&mut self) {
        self.retry_at = None;
        if let Some(queue) = self.queue.as_mut().filter(|q| q.stopped) {
            queue.stopped = false;
            self.save();
        }
    }

    /// Show `id` needs nothing more (matched by hand, or kept as it is).
    pub fn forget(&mut self, id: &str) {
        if let Some(queue) = &mut self.queue {
            queue.forget(id);
            self.save();
        }
    }

    /// The proposal for show `id`, if there is one.
    pub fn proposal(&self, id: &str) -> Option<&Proposal> {
        self.queue.as_ref()?.proposed.iter().find(|p| p.id == id)
    }

    fn save(&self) {
        let Some(queue) = self.queue.clone() else {
            return;
        };
        let file = self.file.clone();
        self.writes.push(move |_| {
            Event::Chore(Chore::CatchUpSaved(
                queue.save(&file).map_err(|e| e.to_string()),
            ))
        });
    }
}

/// What the job is asked to find for `show`.
fn wanted(show: &Show, year: Option<i16>) -> Wanted {
    Wanted {
        title: show.title.clone(),
        year: year.or(show.premiered.map(|d| d.year())),
        ids: show.external_ids.clone(),
    }
}

/// The line for the status bar once every queued show was looked up.
fn finished_message(linked: usize, queue: &CatchUpQueue) -> String {
    let shows = crate::model::counted(linked as i64, "imported show");
    match queue.to_review() {
        0 => format!("Fetched the details of {shows} from TVmaze"),
        n => format!(
            "Fetched the details of {shows} from TVmaze; {} to match by hand: 🗄 File » Match \
             imported shows…",
            crate::model::counted(n as i64, "show")
        ),
    }
}

impl Session {
    /// Where fetching imported shows' details stands.
    pub fn catch_up(&self) -> &CatchUp {
        &self.catch_up
    }

    /// Starts fetching the next imported show's details when none is being fetched; returns
    /// when to be asked again (after losing the catalog).
    pub(super) fn pump_catch_up(&mut self) -> Option<Instant> {
        let Phase::Open(file) = &self.phase else {
            return None;
        };
        if file.read_only().is_some() {
            return None;
        }
        self.catch_up.pump(
            file.watchlist(),
            &self.env.tasks,
            self.catalog.providers(),
            self.options.guide_cache.as_ref(),
            self.env.clock.now(),
            self.env.clock.timestamp(),
        )
    }

    /// Takes in what the catalog said about one imported show.
    pub(super) fn on_caught_up(&mut self, task: TaskId, answer: CaughtUp) {
        let step = self.catch_up.on_caught(task, answer, self.env.clock.now());
        if let Some(guide) = step.guide {
            self.take_guides(vec![guide]);
        }
        if let (Some(link), Some(file)) = (step.link, self.open_file_mut()) {
            // Refused only when the show was removed meanwhile: nothing to link.
            let _ = file.apply_quietly(link);
        }
        if let Some(message) = step.message {
            self.message = Some(Message::Info(message));
        }
    }
}
