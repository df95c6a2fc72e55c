//! What the episode features kept by the session — the calendar file and the episode
//! notifications — read: the watchlist with its revisions, the catalog's guides with theirs,
//! and the time.

use jiff::civil::Date;

use super::clock::Clock;
use super::document::Document;
use crate::model::Watchlist;
use crate::model::guide::Guides;

/// The watchlist and the guides, with what says whether they changed.
#[derive(Clone, Copy)]
pub(super) struct Airings<'a> {
    pub watchlist: &'a Watchlist,
    /// The document's revision: any edit.
    pub revision: u64,
    /// The document's titles revision: shows added, removed or renamed.
    pub titles_revision: u64,
    pub guides: &'a Guides,
    pub guides_revision: u64,
    pub today: Date,
    pub now: jiff::Timestamp,
}

impl<'a> Airings<'a> {
    /// The watchlist of `doc` and `guides` (at `guides_revision`), at `clock`'s time.
    pub(super) fn of(
        doc: &'a Document,
        guides: &'a Guides,
        guides_revision: u64,
        clock: &dyn Clock,
    ) -> Self {
        Airings {
            watchlist: doc.watchlist(),
            revision: doc.revision(),
            titles_revision: doc.titles_revision(),
            guides,
            guides_revision,
            today: clock.today(),
            now: clock.timestamp(),
        }
    }
}
