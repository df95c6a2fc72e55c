//! Background work, through one mechanism.
//!
//! Everything that must not run on the UI thread — reading and writing the data file, HTTP,
//! decoding posters, building the search index, desktop notifications — is handed to
//! [`Tasks`] as a job. The job runs on a thread and its result comes back as one event on one
//! channel ([`Events`]), which its owner drains once a frame; after each event the owner is
//! woken (the GUI asks egui for a repaint). A job that panics still reports, as [`Lost`], so a
//! failed job never leaves its owner waiting; every caller handles that in the same place.
//!
//! Jobs are either spawned on a thread of their own ([`Tasks::spawn`], for work that waits on
//! the network or the disk for long), or pushed to a [`Lane`]: a queue served by a fixed
//! number of threads, for work that comes in bursts (posters) or must stay in order
//! (notifications). Long-lived threads that are not jobs (the folder watcher) send their news
//! into the same channel through a [`Sink`].
//!
//! Jobs can be cancelled: each gets a [`Cancel`] to look at before costly steps (a search the
//! user typed over stops before it spends the catalog's rate limit).
//!
//! [`Tasks::inline`] runs every job at once on the caller's thread, so that tests of the code
//! that uses it are deterministic and need no waiting.

use std::collections::VecDeque;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError, mpsc};
use std::time::Duration;

/// Identifies a job, so its owner can tell the result it waits for from an older one's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TaskId(u64);

/// A flag a job reads to learn that its result is no longer wanted.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag that is never raised, for work run outside of [`Tasks`] (the command line).
    pub fn never() -> Self {
        Cancel::default()
    }

    /// True once the job's owner no longer wants its result.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Says the result is no longer wanted (a job's owner does this through [`Task::cancel`]).
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// A job that was started: its id, and the way to cancel it.
#[derive(Debug)]
pub struct Task {
    id: TaskId,
    cancel: Cancel,
}

impl Task {
    /// The id its report will carry.
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// True when `report` is this job's (the owners compare ids; the tests ask this).
    #[cfg(test)]
    pub fn reported<E>(&self, report: &Report<E>) -> bool {
        report.task == self.id
    }

    /// Tells the job its result is no longer wanted. It still reports (perhaps early), and its
    /// owner ignores the report.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

/// A job that ended without a result: it panicked, or no thread could be started for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// The job's name, e.g. `save`.
    pub name: &'static str,
    pub reason: String,
}

impl fmt::Display for Lost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} job stopped: {}", self.name, self.reason)
    }
}

/// What a job sent back.
#[derive(Debug)]
pub struct Report<E> {
    /// Which job.
    pub task: TaskId,
    /// Its result, or why there is none. Events sent through a [`Sink`] carry no task.
    pub outcome: Result<E, Lost>,
}

type Job<E> = Box<dyn FnOnce(&Cancel) -> E + Send + 'static>;

/// How jobs are run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Threads,
    /// At once, on the thread that hands them in (tests).
    Inline,
}

struct Shared<E> {
    sender: mpsc::Sender<Report<E>>,
    wake: Box<dyn Fn() + Send + Sync>,
    next_id: AtomicU64,
    mode: Mode,
}

impl<E> Shared<E> {
    fn next(&self) -> (TaskId, Cancel) {
        (
            TaskId(self.next_id.fetch_add(1, Ordering::Relaxed)),
            Cancel::default(),
        )
    }

    fn send(&self, report: Report<E>) {
        // The receiver is gone only when its owner is: nobody is left to tell.
        if self.sender.send(report).is_ok() {
            (self.wake)();
        }
    }

    /// Runs `job` here and reports its result, or that it panicked.
    fn run(&self, name: &'static str, id: TaskId, cancel: &Cancel, job: Job<E>) {
        let outcome = catch_unwind(AssertUnwindSafe(|| job(cancel))).map_err(|panic| Lost {
            name,
            reason: panic_message(&*panic),
        });
        self.send(Report { task: id, outcome });
    }
}

/// Hands out jobs; cheap to clone. Every clone reports into the same [`Events`].
pub struct Tasks<E> {
    shared: Arc<Shared<E>>,
}

impl<E> Clone for Tasks<E> {
    fn clone(&self) -> Self {
        Tasks {
            shared: Arc::clone(&self.shared),
        }
    }
}

/// The one channel the jobs report into.
pub struct Events<E> {
    receiver: mpsc::Receiver<Report<E>>,
}

impl<E> Events<E> {
    /// The next report, if one has arrived.
    pub fn try_next(&self) -> Option<Report<E>> {
        self.receiver.try_recv().ok()
    }

    /// Waits up to `timeout` for the next report (closing the app, tests).
    pub fn wait_next(&self, timeout: Duration) -> Option<Report<E>> {
        self.receiver.recv_timeout(timeout).ok()
    }
}

impl<E: Send + 'static> Tasks<E> {
    /// Jobs on threads; `wake` is called after each report (e.g. to repaint the window).
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> (Tasks<E>, Events<E>) {
        Self::with_mode(Mode::Threads, Box::new(wake))
    }

    /// Jobs run at once on the caller's thread, in the order handed in: deterministic tests.
    pub fn inline() -> (Tasks<E>, Events<E>) {
        Self::with_mode(Mode::Inline, Box::new(|| {}))
    }

    fn with_mode(mode: Mode, wake: Box<dyn Fn() + Send + Sync>) -> (Tasks<E>, Events<E>) {
        let (sender, receiver) = mpsc::channel();
        let shared = Arc::new(Shared {
            sender,
            wake,
            next_id: AtomicU64::new(1),
            mode,
        });
        (Tasks { shared }, Events { receiver })
    }

    /// Runs `job` on a thread of its own named `curtaincall-{name}`.
    pub fn spawn(
        &self,
        name: &'static str,
        job: impl FnOnce(&Cancel) -> E + Send + 'static,
    ) -> Task {
        let (id, cancel) = self.shared.next();
        let task = Task {
            id,
            cancel: cancel.clone(),
        };
        if self.shared.mode == Mode::Inline {
            self.shared.run(name, id, &cancel, Box::new(job));
            return task;
        }
        let shared = Arc::clone(&self.shared);
        let started = std::thread::Builder::new()
            .name(format!("curtaincall-{name}"))
            .spawn(move || shared.run(name, id, &cancel, Box::new(job)));
        if let Err(error) = started {
            self.shared.send(Report {
                task: id,
                outcome: Err(Lost {
                    name,
                    reason: format!("no thread could be started ({error})"),
                }),
            });
        }
        task
    }

    /// A queue of jobs served by at most `workers` threads, started when work arrives and
    /// ended when the lane is dropped.
    pub fn lane(&self, name: &'static str, workers: usize) -> Lane<E> {
        Lane {
            tasks: self.clone(),
            queue: Arc::new(LaneQueue {
                name,
                workers: workers.max(1),
                state: Mutex::new(LaneState::default()),
                ready: Condvar::new(),
            }),
        }
    }

    /// A way for a long-lived thread to send events into the channel.
    pub fn sink(&self) -> Sink<E> {
        Sink {
            shared: Arc::clone(&self.shared),
        }
    }
}

/// Sends events into a [`Tasks`] channel from a thread that is not a job.
pub struct Sink<E> {
    shared: Arc<Shared<E>>,
}

impl<E> Clone for Sink<E> {
    fn clone(&self) -> Self {
        Sink {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<E> Sink<E> {
    /// Sends `event`, waking the owner.
    pub fn send(&self, event: E) {
        self.shared.send(Report {
            task: TaskId(0),
            outcome: Ok(event),
        });
    }
}

struct LaneQueue<E> {
    name: &'static str,
    workers: usize,
    state: Mutex<LaneState<E>>,
    ready: Condvar,
}

struct LaneState<E> {
    jobs: VecDeque<(TaskId, Cancel, Job<E>)>,
    /// Threads started so far.
    threads: usize,
    /// Threads waiting for work.
    idle: usize,
    /// The lane was dropped: its threads end once the queue is empty.
    closed: bool,
}

impl<E> Default for LaneState<E> {
    fn default() -> Self {
        LaneState {
            jobs: VecDeque::new(),
            threads: 0,
            idle: 0,
            closed: false,
        }
    }
}

/// A queue of jobs served by a fixed number of threads; see [`Tasks::lane`].
pub struct Lane<E: Send + 'static> {
    tasks: Tasks<E>,
    queue: Arc<LaneQueue<E>>,
}

impl<E: Send + 'static> Lane<E> {
    /// Queues `job`; it runs once a thread of the lane is free.
    pub fn push(&self, job: impl FnOnce(&Cancel) -> E + Send + 'static) -> Task {
        let shared = &self.tasks.shared;
        let (id, cancel) = shared.next();
        let task = Task {
            id,
            cancel: cancel.clone(),
        };
        if shared.mode == Mode::Inline {
            shared.run(self.queue.name, id, &cancel, Box::new(job));
            return task;
        }
        let mut state = self
            .queue
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.jobs.push_back((id, cancel, Box::new(job)));
        // A thread per job not already met by an idle one: an idle thread that has not woken
        // yet takes only one of two jobs pushed in a row.
        if state.jobs.len() > state.idle && state.threads < self.queue.workers {
            state.threads += 1;
            let n = state.threads;
            let (queue, worker_shared) = (Arc::clone(&self.queue), Arc::clone(shared));
            let started = std::thread::Builder::new()
                .name(format!("curtaincall-{}-{n}", self.queue.name))
                .spawn(move || serve(&queue, &worker_shared));
            if let Err(error) = started {
                state.threads -= 1;
                if state.threads == 0 {
                    // Nobody will run what is queued: report it all lost.
                    let reason = format!("no thread could be started ({error})");
                    for (id, _, _) in state.jobs.drain(..) {
                        shared.send(Report {
                            task: id,
                            outcome: Err(Lost {
                                name: self.queue.name,
                                reason: reason.clone(),
                            }),
                        });
                    }
                }
            }
        }
        drop(state);
        self.queue.ready.notify_one();
        task
    }
}

impl<E: Send + 'static> Drop for Lane<E> {
    fn drop(&mut self) {
        self.queue
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .closed = true;
        self.queue.ready.notify_all();
    }
}

/// One thread of a lane: runs queued jobs until the lane is dropped and its queue is empty.
fn serve<E>(queue: &LaneQueue<E>, shared: &Shared<E>) {
    loop {
        let mut state = queue.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (id, cancel, job) = loop {
            if let Some(job) = state.jobs.pop_front() {
                break job;
            }
            if state.closed {
                return;
            }
            state.idle += 1;
            state = queue
                .ready
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.idle -= 1;
        };
        drop(state);
        shared.run(queue.name, id, &cancel, job);
    }
}

/// The message a panic carried, if it was text.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "it panicked".to_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    const PATIENCE: Duration = Duration::from_secs(30);

    #[test]
    fn two_jobs_pushed_to_an_idle_lane_run_side_by_side() {
        let (tasks, events) = Tasks::new(|| {});
        let lane = tasks.lane("pair", 2);
        lane.push(|_| true);
        assert!(
            events
                .wait_next(PATIENCE)
                .is_some_and(|r| r.outcome.is_ok())
        );
        // The lane's one thread is idle (or about to be); wait until it is.
        let idle = || lane.queue.state.lock().map_or(0, |s| s.idle);
        let waiting_since = std::time::Instant::now();
        while idle() == 0 && waiting_since.elapsed() < PATIENCE {
            std::thread::yield_now();
        }
        // Each job waits for the other to start: on one thread they could never both finish.
        let (a_started, a_seen) = std::sync::mpsc::channel();
        let (b_started, b_seen) = std::sync::mpsc::channel();
        lane.push(move |_| {
            let _ = a_started.send(());
            b_seen.recv_timeout(PATIENCE).is_ok()
        });
        lane.push(move |_| {
            let _ = b_started.send(());
            a_seen.recv_timeout(PATIENCE).is_ok()
        });
        for _ in 0..2 {
            let report = events.wait_next(PATIENCE).expect("a report");
            assert_eq!(
                report.outcome.ok(),
                Some(true),
                "the jobs ran one after the other"
            );
        }
    }

    #[test]
    fn every_job_reports_once_into_the_one_channel_and_wakes_its_owner() {
        let woken = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&woken);
        let (tasks, events) = Tasks::new(move || {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        let spawned: Vec<Task> = (0..5)
            .map(|n| tasks.spawn("add", move |_| n * 10))
            .collect();
        let lane = tasks.lane("posters", 2);
        let queued: Vec<Task> = (0..20).map(|n| lane.push(move |_| 1000 + n)).collect();
        let mut expected: HashSet<TaskId> = spawned.iter().chain(&queued).map(Task::id).collect();
        let mut values = Vec::new();
        while !expected.is_empty() {
            let report = events.wait_next(PATIENCE).expect("a report");
            assert!(expected.remove(&report.task), "reported once");
            values.push(report.outcome.expect("a result"));
        }
        values.sort_unstable();
        let mut wanted: Vec<u64> = (0..5).map(|n| n * 10).chain(1000..1020).collect();
        wanted.sort_unstable();
        assert_eq!(values, wanted);
        assert!(events.try_next().is_none());
        // Each job wakes its owner right after its report is sent.
        let deadline = std::time::Instant::now() + PATIENCE;
        while woken.load(Ordering::Relaxed) < 25 {
            assert!(
                std::time::Instant::now() < deadline,
                "woken for each report"
            );
            std::thread::yield_now();
        }
        assert_eq!(woken.load(Ordering::Relaxed), 25);
    }

    #[test]
    fn a_job_that_panics_reports_lost_instead_of_leaving_its_owner_waiting() {
        let (tasks, events) = Tasks::<u32>::new(|| {});
        let task = tasks.spawn("broken", |_| panic!("out of cheese"));
        let report = events.wait_next(PATIENCE).expect("a report");
        assert!(task.reported(&report));
        assert_eq!(
            report.outcome,
            Err(Lost {
                name: "broken",
                reason: "out of cheese".to_owned()
            })
        );
        // A lane keeps serving after one of its jobs panicked.
        let lane = tasks.lane("one", 1);
        lane.push(|_| panic!("first"));
        let second = lane.push(|_| 2);
        let mut got = None;
        while got.is_none() {
            let report = events.wait_next(PATIENCE).expect("a report");
            if second.reported(&report) {
                got = Some(report.outcome);
            }
        }
        assert_eq!(got, Some(Ok(2)));
    }

    #[test]
    fn a_lane_runs_no_more_jobs_at_once_than_it_has_threads() {
        let (tasks, events) = Tasks::new(|| {});
        let running = Arc::new(AtomicU64::new(0));
        let most = Arc::new(AtomicU64::new(0));
        let lane = tasks.lane("narrow", 2);
        for _ in 0..12 {
            let (running, most) = (Arc::clone(&running), Arc::clone(&most));
            lane.push(move |_| {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::yield_now();
                running.fetch_sub(1, Ordering::SeqCst);
            });
        }
        for _ in 0..12 {
            events.wait_next(PATIENCE).expect("a report");
        }
        assert!(most.load(Ordering::SeqCst) <= 2);
    }

    #[test]
    fn a_cancelled_job_sees_the_flag_and_a_sink_sends_from_any_thread() {
        let (tasks, events) = Tasks::inline();
        let (tell, hear) = mpsc::channel::<()>();
        let (tasks_t, events_t) = Tasks::new(|| {});
        let task = tasks_t.spawn("wait", move |cancel| {
            // Waits until told, then says whether it was cancelled meanwhile.
            let _ = hear.recv();
            cancel.is_cancelled()
        });
        task.cancel();
        tell.send(()).expect("told");
        let report = events_t.wait_next(PATIENCE).expect("a report");
        assert_eq!(report.outcome, Ok(true));

        let sink = tasks.sink();
        std::thread::spawn(move || sink.send(7))
            .join()
            .expect("sent");
        assert_eq!(events.try_next().map(|r| r.outcome), Some(Ok(7)));
    }

    #[test]
    fn inline_jobs_have_reported_by_the_time_they_are_handed_in() {
        let (tasks, events) = Tasks::inline();
        let task = tasks.spawn("now", |_| "done");
        let lane = tasks.lane("lane", 1);
        let queued = lane.push(|_| "queued");
        let first = events.try_next().expect("reported");
        assert!(task.reported(&first));
        let second = events.try_next().expect("reported");
        assert!(queued.reported(&second));
        assert_eq!(second.outcome, Ok("queued"));
    }
}
