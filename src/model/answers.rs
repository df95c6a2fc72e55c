//! What a catalog's answers mean for the watchlist: for each show still on it, an [`Update`]
//! with what changed ([`Finding`]s) and the [`Action`] that takes the answer in.

use super::refresh::{Finding, compare};
use super::{Action, CatalogShow, Source, Status, Watchlist};

/// A catalog's answer about a show on the watchlist: the action that takes it in, and what it
/// will change (for messages, notifications and `check`'s output).
#[derive(Debug)]
pub struct Update {
    pub id: String,
    pub title: String,
    /// Who answered (TVmaze, or TMDB when it told canceled from ended).
    pub source: Source,
    pub findings: Vec<Finding>,
    pub action: Action,
}

impl Update {
    /// The finding that cancels the show, if the answer does.
    pub fn cancellation(&self) -> Option<&Finding> {
        self.findings.iter().find(|f| {
            matches!(
                f,
                Finding::Status {
                    to: Status::Canceled,
                    ..
                }
            )
        })
    }
}

/// The updates `answers` bring to `watchlist`, compared against the shows as they are now (an
/// answer for a show no longer on the watchlist is dropped).
pub fn updates(watchlist: &Watchlist, answers: Vec<(String, CatalogShow)>) -> Vec<Update> {
    answers
        .into_iter()
        .filter_map(|(id, fresh)| update(watchlist, id, fresh))
        .collect()
}

/// The update one answer brings to show `id`, compared against the show as it is now; `None`
/// when the show is no longer on the watchlist.
pub fn update(watchlist: &Watchlist, id: String, fresh: CatalogShow) -> Option<Update> {
    let show = watchlist.get(&id)?;
    Some(Update {
        title: show.title.clone(),
        source: fresh.source.clone(),
        findings: compare(show, &fresh),
        action: Action::Refresh {
            id: id.clone(),
            fresh: Box::new(fresh),
        },
        id,
    })
}
