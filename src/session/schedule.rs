//! When the next automatic check for changes is due: at start, then every
//! `refresh_every_hours` for as long as the app stays open. Kept in wall-clock time, so a
//! machine that slept through the due time checks when it wakes.

use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};

/// How long a check that failed (no network, say) waits before the next try, at most.
const RETRY_AFTER_FAILURE: SignedDuration = SignedDuration::from_hours(1);

/// How often the app looks at the wall clock while waiting for a check: the monotonic timer
/// stands still while the machine sleeps, so a long wait is taken in steps.
pub const LOOK_EVERY: Duration = Duration::from_secs(5 * 60);

/// When the next automatic check is due.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CheckSchedule {
    /// The last check that took in every answer, as far as this app knows.
    last: Option<Timestamp>,
    /// The next check; `None` until the first (at start) is under way.
    next: Option<Timestamp>,
}

impl CheckSchedule {
    /// When the next check is due; `None` before the first, which is due at once.
    pub fn next(&self) -> Option<Timestamp> {
        self.next
    }

    /// True when a check should start at `now`.
    pub fn is_due(&self, now: Timestamp) -> bool {
        self.next.is_none_or(|next| now >= next)
    }

    /// A check starts at `now`: the next is a whole interval away unless what it finds says
    /// otherwise (nothing to check, no answer, the last check recent).
    pub fn started(&mut self, now: Timestamp, every: SignedDuration) {
        self.next = Some(now + every);
    }

    /// The last check was at `last` (recorded on disk, or this one just took in every answer):
    /// the next is an interval after it.
    pub fn checked(&mut self, last: Timestamp, every: SignedDuration) {
        self.last = Some(last);
        self.next = Some(last + every);
    }

    /// The check failed (or some shows could not be read) at `now`: tried again within the
    /// hour, or sooner if the interval is shorter.
    pub fn failed(&mut self, now: Timestamp, every: SignedDuration) {
        self.next = Some(now + every.min(RETRY_AFTER_FAILURE));
    }

    /// The interval changed in the settings.
    pub fn interval_changed(&mut self, every: SignedDuration) {
        if let Some(last) = self.last {
            self.next = Some(last + every);
        }
    }

    /// When to look again, as a monotonic instant: at the due time, but no later than
    /// [`LOOK_EVERY`] from `now` (a sleeping machine's monotonic clock stands still).
    pub fn look_again(&self, now: Timestamp, at: Instant) -> Instant {
        let wait = self.next.map_or(Duration::ZERO, |next| {
            Duration::try_from(next.duration_since(now)).unwrap_or(Duration::ZERO)
        });
        at + wait.min(LOOK_EVERY)
    }
}

/// The interval of `refresh_every_hours` (at least an hour).
pub fn interval(refresh_every_hours: u32) -> SignedDuration {
    SignedDuration::from_hours(i64::from(refresh_every_hours.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_check_follows_the_last_and_a_failure_is_retried_sooner() {
        let t0: Timestamp = "2026-11-30T08:00:00Z".parse().expect("time");
        let day = interval(24);
        let mut schedule = CheckSchedule::default();
        assert!(schedule.is_due(t0), "the first is due at once");
        schedule.started(t0, day);
        assert!(!schedule.is_due(t0));
        // The recorded check was 20 hours ago: the next is in 4.
        schedule.checked(t0 - SignedDuration::from_hours(20), day);
        assert!(!schedule.is_due(t0 + SignedDuration::from_hours(3)));
        assert!(schedule.is_due(t0 + SignedDuration::from_hours(4)));
        schedule.failed(t0, day);
        assert_eq!(schedule.next(), Some(t0 + SignedDuration::from_hours(1)));
        schedule.interval_changed(interval(6));
        assert_eq!(
            schedule.next(),
            Some(t0 - SignedDuration::from_hours(14)),
            "overdue with the shorter interval"
        );
    }

    #[test]
    fn a_long_wait_is_looked_at_every_few_minutes() {
        let t0: Timestamp = "2026-11-30T08:00:00Z".parse().expect("time");
        let at = Instant::now();
        let mut schedule = CheckSchedule::default();
        assert_eq!(schedule.look_again(t0, at), at, "due now");
        schedule.checked(t0, interval(24));
        assert_eq!(schedule.look_again(t0, at), at + LOOK_EVERY);
        let soon = t0 + SignedDuration::from_hours(24) - SignedDuration::from_secs(60);
        assert_eq!(schedule.look_again(soon, at), at + Duration::from_secs(60));
    }
}
