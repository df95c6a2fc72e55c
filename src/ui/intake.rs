//! Taking in a check's answers a few at a time, so that a busy day at the catalog (hundreds of
//! changed shows) never makes one long frame: each answer is a copy-on-write edit of one show,
//! and all of them at once would hold the UI for tens of milliseconds at 10,000 shows.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::model::CatalogShow;

/// How long one frame may spend applying answers; the rest of a 16 ms frame is the UI's.
pub const FRAME_BUDGET: Duration = Duration::from_millis(4);

/// A finished check whose answers are being applied.
pub struct Intake {
    /// Each changed show's answer, by watchlist id; compared with the show only when its turn
    /// comes, so an edit made meanwhile is taken into account.
    pending: VecDeque<(String, CatalogShow)>,
    total: usize,
    /// Answers that changed something the user is told about.
    pub changed: usize,
    /// Shows that could not be read, for the closing message.
    pub failed: usize,
    /// Started by the user (F5, the button) rather than at start.
    pub on_demand: bool,
    /// When the check started; recorded as the last check once every answer is in, and only if
    /// none failed (a show that could not be read is asked again next time).
    pub started: Option<jiff::Timestamp>,
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
