//! The calendar file the app keeps beside the watchlist when Settings ask for it
//! (`watchlist-episodes.ics` beside `watchlist.ron`): upcoming episodes as iCalendar, written
//! again on a job when the shows, the episode guides or the day change, so a calendar app that
//! subscribes to the file follows the watchlist.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::airings::Airings;
use super::events::{Chore, Event};
use crate::tasks::{Lane, Tasks};

/// How many days ahead the file reaches.
pub const DAYS_AHEAD: i64 = 90;

/// What the file was last written for: the titles revision, the guides revision, the day.
type Written = (u64, u64, Date);

/// The file's keeper.
pub(super) struct CalendarFile {
    written: Option<Written>,
    /// One write at a time, the newest last.
    writes: Lane<Event>,
}

/// Where the calendar file of the watchlist at `data` goes: beside it, named after it.
pub fn path_beside(data: &Path) -> PathBuf {
    let stem = data
        .file_stem()
        .map_or_else(|| "watchlist".into(), |s| s.to_string_lossy());
    data.with_file_name(format!("{stem}-episodes.ics"))
}

impl CalendarFile {
    pub(super) fn new(tasks: &Tasks<Event>) -> Self {
        CalendarFile {
            written: None,
            writes: tasks.lane("calendar file", 1),
        }
    }

    /// Writes the file at `path` again when `on` and what it shows changed since the last
    /// write; forgets the last write when off, so turning it on writes at once.
    pub(super) fn keep(&mut self, on: bool, path: PathBuf, sources: &Airings<'_>) {
        if !on {
            self.written = None;
            return;
        }
        let key = (
            sources.titles_revision,
            sources.guides_revision,
            sources.today,
        );
        if self.written == Some(key) {
            return;
        }
        self.written = Some(key);
        // Shows and guides are shared: the copies are a list of pointers.
        let watchlist = sources.watchlist.clone();
        let guides = sources.guides.clone();
        let (today, now) = (sources.today, sources.now);
        self.writes.push(move |_| {
            let text = crate::ics::upcoming_ics(&watchlist, &guides, today, DAYS_AHEAD, now);
            Event::Chore(Chore::CalendarWritten(
                crate::store::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string()),
            ))
        });
    }
}
