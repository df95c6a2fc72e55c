//! The watchlist as plain data, and the pure operations on it. No I/O, no GUI.

mod action;
pub mod alerts;
pub mod answers;
mod catalog;
pub mod episodes;
pub mod generate;
pub mod guide;
mod history;
pub mod ids;
pub mod merge;
mod name_list;
mod progress;
pub mod query;
pub mod recap;
pub mod refresh;
mod sample;
mod show;
pub mod stats;
mod status;
pub mod text_index;
mod watchlist;

pub use action::{Action, ActionError, Change, ShowEdit, WatchDay};
pub use catalog::{CatalogShow, Season};
pub use episodes::EpisodeRef;
pub use history::UndoHistory;
pub use name_list::{Name, NameList};
pub use progress::{EpisodeError, Progress, WatchState};
pub use sample::{SAMPLE_RON, sample};
pub use show::{
    Billing, CastMember, CatalogState, ExternalIds, Score, ScoreKind, ScorePoint, ScoreSource,
    Show, StatusChange, Storyline, StorylineState, score_text, trim_number,
};
pub use status::{Source, Status, UnknownStatus};
pub use watchlist::{FindError, SCHEMA_VERSION, Watchlist};

/// `n` things in words, singular for one: "1 storyline", "3 storylines".
pub fn counted(n: impl Into<i64>, one: &str) -> String {
    let n = n.into();
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// Today's date in the user's time zone: the date recorded for a change made now.
pub fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}
