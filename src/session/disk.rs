//! Readings of the data file taken outside the session's own saves (by the folder watcher, or
//! by a save that found the file changed), and which of them are news.

use std::time::Instant;

use crate::store::Fingerprint;

/// What the data file held when it was read.
#[derive(Debug)]
pub struct DiskChange {
    pub fingerprint: Fingerprint,
    /// `None`: there was no file.
    pub bytes: Option<Vec<u8>>,
    pub read_at: Instant,
}

/// The newest reading of the data file not handled yet, and when this process last wrote it.
///
/// The watcher reads the file after a burst of events settles, and under load its news arrives
/// late: a reading taken before our latest save replaced the file shows an earlier state of our
/// own file, not a change from outside, and taking it for one would reload older data over the
/// user's newer edits. Anything written outside before that save was caught by the save's own
/// check (a save refuses to write over a file that changed).
#[derive(Debug, Default)]
pub struct DiskChanges {
    pending: Option<DiskChange>,
    last_write: Option<Instant>,
}

impl DiskChanges {
    /// A reading arrived; the newest one is kept, as readings can arrive out of order.
    pub fn seen(&mut self, change: DiskChange) {
        if self
            .pending
            .as_ref()
            .is_none_or(|pending| pending.read_at <= change.read_at)
        {
            self.pending = Some(change);
        }
    }

    /// This process finished writing the file at `at`.
    pub fn wrote(&mut self, at: Instant) {
        self.last_write = Some(self.last_write.map_or(at, |last| last.max(at)));
    }

    /// The pending reading, unless it was taken before our latest write.
    pub fn take_fresh(&mut self) -> Option<DiskChange> {
        let change = self.pending.take()?;
        if self
            .last_write
            .is_some_and(|written| change.read_at < written)
        {
            log::debug!("ignoring a reading of the data file taken before our latest save");
            return None;
        }
        Some(change)
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    fn reading(read_at: Instant, hash: u64) -> DiskChange {
        DiskChange {
            fingerprint: Fingerprint::Content { len: 1, hash },
            bytes: Some(vec![b'x']),
            read_at,
        }
    }

    #[test]
    fn a_reading_taken_before_our_latest_save_is_not_a_change_from_outside() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let mut changes = DiskChanges::default();
        // The watcher read the file at 10 ms; our save replaced it at 20 ms; the news came late.
        changes.wrote(at(20));
        changes.seen(reading(at(10), 1));
        assert!(changes.take_fresh().is_none(), "stale reading ignored");
        // A reading after the save is news: something outside wrote the file.
        changes.seen(reading(at(30), 2));
        let fresh = changes.take_fresh().expect("a change from outside");
        assert_eq!(fresh.fingerprint, Fingerprint::Content { len: 1, hash: 2 });
        assert!(changes.take_fresh().is_none(), "handled once");
    }

    #[test]
    fn the_newest_reading_wins_whatever_order_they_arrive_in() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let mut changes = DiskChanges::default();
        changes.seen(reading(at(50), 5));
        changes.seen(reading(at(40), 4));
        let fresh = changes.take_fresh().expect("pending");
        assert_eq!(fresh.read_at, at(50));
        // An earlier save reported after a later one does not move the line back.
        changes.wrote(at(100));
        changes.wrote(at(60));
        changes.seen(reading(at(80), 8));
        assert!(changes.take_fresh().is_none());
    }
}
