//! The episode guides the session keeps: the followed shows' cached guides read on a job, and
//! the full guide (with episode summaries) of the show open in the detail view.

use std::sync::Arc;

use super::{Event, Session};

impl Session {
    /// The catalog's episode guides of the followed shows, by TVmaze id, as far as they are
    /// cached or fetched.
    pub fn guides(&self) -> &crate::model::guide::Guides {
        &self.guides
    }

    /// Goes up whenever [`Session::guides`] changes: what Up next and the calendar are
    /// computed from, with the document's revision.
    pub fn guides_revision(&self) -> u64 {
        self.guides_revision
    }

    /// Asks for the whole guide (summaries too) of show `tvmaze` when it is not the one asked
    /// for last: the app asks for the show whose detail is open, once a frame.
    pub fn want_full_guide(&mut self, tvmaze: u64) {
        let wanted = (tvmaze, self.guides_revision);
        if self.full_guide_asked != Some(wanted) {
            self.full_guide_asked = Some(wanted);
            self.full_guide = None;
            if let Some(cache) = self.options.guide_cache.clone() {
                self.env
                    .tasks
                    .spawn("episode summaries", move |_| Event::FullGuideLoaded {
                        tvmaze,
                        revision: wanted.1,
                        guide: cache.load(tvmaze),
                    });
            }
        }
    }

    /// The whole guide of show `tvmaze`, once read (see [`Session::want_full_guide`]).
    pub fn full_guide(&self, tvmaze: u64) -> Option<&crate::model::guide::Guide> {
        self.full_guide
            .as_ref()
            .filter(|(id, _)| *id == tvmaze)
            .map(|(_, guide)| guide.as_ref())
    }

    /// Keeps guides a check fetched.
    pub(super) fn take_guides(&mut self, fetched: Vec<crate::model::guide::Guide>) {
        if fetched.is_empty() {
            return;
        }
        for guide in fetched {
            self.guides
                .insert(guide.tvmaze, Arc::new(guide.without_summaries()));
        }
        self.guides_revision += 1;
    }

    /// Reads the cached guides of the followed shows, on a job.
    pub(super) fn load_guides(&self) {
        let (Some(cache), Some(file)) = (self.options.guide_cache.clone(), self.open_file()) else {
            return;
        };
        let ids: Vec<u64> = file
            .watchlist()
            .shows
            .iter()
            .filter_map(|s| s.external_ids.tvmaze)
            .collect();
        if ids.is_empty() {
            return;
        }
        self.env.tasks.spawn("episodes", move |_| {
            Event::GuidesLoaded(cache.load_all(ids))
        });
    }
}
