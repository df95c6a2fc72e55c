//! Checking the followed shows against the catalog: on demand (F5) or when the schedule says
//! so, its answers taken in a few per frame, and what it found told once it ends.

use std::time::Instant;

use super::catalog::FRAME_BUDGET;
use super::{CheckOutcome, Chore, Event, Message, Phase, Session, schedule};
use crate::tasks::Lane;

impl Session {
    /// True while a check runs or its answers are being taken in.
    pub fn is_checking(&self) -> bool {
        self.catalog.is_busy()
    }

    /// Starts a check of every show with a TVmaze id. One started at launch (`on_demand`
    /// false) asks nothing when the last check is recent, and says nothing when there is
    /// nothing to check.
    pub(super) fn start_check(&mut self, on_demand: bool) {
        let Some(file) = self.open_file() else {
            return;
        };
        if file.read_only().is_some() {
            if on_demand {
                self.message = Some(Message::Info(
                    "This window is read-only; the other window checks for changes.".into(),
                ));
            }
            return;
        }
        let followed = crate::sources::check::followed(file.watchlist());
        if followed.is_empty() {
            if on_demand {
                self.message = Some(Message::Info(
                    "No show on the watchlist comes from TVmaze yet: add one with ➕ Add show \
                     to have it checked."
                        .into(),
                ));
            }
            return;
        }
        let now = self.env.clock.timestamp();
        self.catalog.start_check(
            &self.env.tasks,
            &self.file,
            followed,
            on_demand,
            now,
            self.options.guide_cache.clone(),
        );
    }

    /// Applies some of a finished check's answers, within this frame's budget; once all are
    /// in, says what changed and records the check.
    pub(super) fn take_in_answers(&mut self) {
        let (Some(intake), Phase::Open(file)) = (self.catalog.intake_mut(), &mut self.phase) else {
            return;
        };
        let (notifier, remote) = (&self.notifier, &mut self.remote);
        let done = intake.take_some(FRAME_BUDGET, |id, answer| {
            let Some(update) = crate::model::answers::update(file.watchlist(), id, answer) else {
                return false;
            };
            remote.found(&update);
            if update.cancellation().is_some() {
                notify_cancellation(notifier, update.title.clone());
            }
            // A refused answer (the show was deleted meanwhile) changes nothing.
            let _ = file.apply(update.action);
            !update.findings.is_empty()
        });
        if done {
            let (message, recorded) = self.catalog.finish_intake(&self.env.tasks, &self.file);
            if let Some(message) = message {
                self.message = Some(Message::Info(message));
            }
            let every = self.check_interval();
            match recorded {
                Some(started) => self.schedule.checked(started, every),
                // Some shows could not be read: they are asked again soon.
                None => self.schedule.failed(self.env.clock.timestamp(), every),
            }
            self.remote.check_ended(None);
        }
    }

    /// A check ended without answers to take in.
    pub(super) fn on_check_ended(&mut self, outcome: CheckOutcome, on_demand: bool) {
        let every = self.check_interval();
        match &outcome {
            CheckOutcome::NotDue(last) => self.schedule.checked(*last, every),
            CheckOutcome::Failed(_) => self.schedule.failed(self.env.clock.timestamp(), every),
            CheckOutcome::Done(..) => {}
        }
        if let CheckOutcome::Failed(error) = outcome {
            let why = format!("cannot check the catalogs: {error}");
            self.remote.check_ended(Some(self.not_changed(&why)));
            // A failed check at start is not worth more than a line: the app works offline.
            self.message = Some(Message::Failed(format!(
                "Could not check for changes: {error}. Nothing was changed{}",
                if on_demand {
                    "."
                } else {
                    "; press F5 to try again."
                }
            )));
        }
    }

    /// Starts the automatic check when it is due (at start, then every
    /// `refresh_every_hours`); returns when to look again. Nothing while a check runs (its
    /// end wakes the session) or when this window may not write.
    pub(super) fn check_when_due(&mut self) -> Option<Instant> {
        let writable = self.open_file().is_some_and(|f| f.read_only().is_none());
        if !self.options.auto_check || !writable || self.catalog.is_busy() {
            return None;
        }
        let now = self.env.clock.timestamp();
        if self.schedule.is_due(now) {
            self.schedule.started(now, self.check_interval());
            self.start_check(false);
        }
        Some(self.schedule.look_again(now, self.env.clock.now()))
    }

    pub(super) fn check_interval(&self) -> jiff::SignedDuration {
        schedule::interval(self.catalog.settings().refresh_every_hours)
    }

    /// When the next automatic check is due, while this window checks automatically.
    pub fn next_check(&self) -> Option<jiff::Timestamp> {
        let writable = self.open_file().is_some_and(|f| f.read_only().is_none());
        (self.options.auto_check && writable)
            .then(|| self.schedule.next())
            .flatten()
    }
}

/// Raises "“Title” was canceled" on the desktop, on the notifier's thread.
fn notify_cancellation(notifier: &Lane<Event>, title: String) {
    notifier.push(move |_| {
        Event::Chore(Chore::Notified(crate::notify::cancellation(
            &title,
            "Its open storylines are marked unresolved.",
        )))
    });
}
