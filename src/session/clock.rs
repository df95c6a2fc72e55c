//! Time, injected: the session reads the time only through its [`Clock`], so tests can move it
//! by hand instead of sleeping.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use jiff::civil::Date;

/// Where the session gets the time from.
pub trait Clock: Send + Sync {
    /// Now, for delays and retries (monotonic).
    fn now(&self) -> Instant;
    /// Today's date in the user's time zone: the date recorded for a change made now.
    fn today(&self) -> Date;
    /// Now on the wall clock, for what is due at a time of day (the next check); unlike
    /// [`Clock::now`] it moves on while the machine sleeps.
    fn timestamp(&self) -> jiff::Timestamp;
}

/// The computer's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn today(&self) -> Date {
        crate::model::today()
    }

    fn timestamp(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
    }
}

/// A clock that moves only when told to: for tests of what happens after a delay.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<(Instant, jiff::Timestamp)>,
    today: Date,
}

impl ManualClock {
    /// A clock standing at the present instant, on `today`.
    pub fn new(today: Date) -> Self {
        ManualClock {
            now: Mutex::new((Instant::now(), jiff::Timestamp::now())),
            today,
        }
    }

    /// Moves the clock on by `by`.
    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(PoisonError::into_inner);
        now.0 += by;
        now.1 = now
            .1
            .saturating_add(jiff::SignedDuration::try_from(by).unwrap_or(jiff::SignedDuration::MAX))
            .unwrap_or(jiff::Timestamp::MAX);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.now.lock().unwrap_or_else(PoisonError::into_inner).0
    }

    fn today(&self) -> Date {
        self.today
    }

    fn timestamp(&self) -> jiff::Timestamp {
        self.now.lock().unwrap_or_else(PoisonError::into_inner).1
    }
}
