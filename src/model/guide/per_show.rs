//! Work kept per show while the show and its guide stay the very same `Arc`s.

use super::{Guide, Guides};
use crate::model::{Show, Watchlist};

/// Something worked out for each show from the show and its guide, kept while both are the very
/// ones they were (the same `Arc`s): shows are shared, an edit replaces only its own show and a
/// fetch only its own guide, so after an edit only the edited show is worked out again.
pub(super) struct PerShow<T> {
    /// By position in the watchlist: the show and guide it was worked out for (held, so their
    /// addresses stay theirs), and what was worked out.
    entries: Vec<Option<Kept<T>>>,
}

impl<T> Default for PerShow<T> {
    fn default() -> Self {
        PerShow {
            entries: Vec::new(),
        }
    }
}

struct Kept<T> {
    show: std::sync::Arc<Show>,
    guide: Option<std::sync::Arc<Guide>>,
    value: T,
}

impl<T> PerShow<T> {
    /// Forgets everything (what the values depend on beyond show and guide changed).
    pub(super) fn clear(&mut self) {
        self.entries.clear();
    }

    /// Each show's value, by position in the watchlist, worked out by `work` for the shows
    /// (or guides) that changed since the last call.
    pub(super) fn update(
        &mut self,
        watchlist: &Watchlist,
        guides: &Guides,
        mut work: impl FnMut(&Show, Option<&Guide>) -> T,
    ) -> impl Iterator<Item = (usize, &T)> {
        self.entries.resize_with(watchlist.shows.len(), || None);
        for (show, entry) in watchlist.shows.iter().zip(&mut self.entries) {
            let guide = show.external_ids.tvmaze.and_then(|id| guides.get(&id));
            let fresh = entry
                .as_ref()
                .is_some_and(|kept| same_inputs((&kept.show, kept.guide.as_ref()), show, guide));
            if !fresh {
                *entry = Some(Kept {
                    show: std::sync::Arc::clone(show),
                    guide: guide.cloned(),
                    value: work(show, guide.map(std::sync::Arc::as_ref)),
                });
            }
        }
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| entry.as_ref().map(|kept| (i, &kept.value)))
    }
}

/// True when a show and guide a memo kept are the very ones now (the same `Arc`s): an edit
/// replaces only its own show, and a fetch only its own guide.
fn same_inputs(
    kept: (&std::sync::Arc<Show>, Option<&std::sync::Arc<Guide>>),
    show: &std::sync::Arc<Show>,
    guide: Option<&std::sync::Arc<Guide>>,
) -> bool {
    std::sync::Arc::ptr_eq(kept.0, show)
        && match (kept.1, guide) {
            (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
}
