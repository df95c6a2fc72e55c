//! Every change to a watchlist, as data, applied in one place.
//!
//! The GUI and the command line both describe what they want as an [`Action`];
//! [`Watchlist::apply`] carries it out and returns a [`Change`] that can be undone and redone.

use std::sync::Arc;

use jiff::civil::Date;

use super::{
    CastMember, CatalogShow, EpisodeError, EpisodeRef, Name, Progress, Score, Show, Source, Status,
    StatusChange, Storyline, StorylineState, Watchlist, ids,
};

/// A change a user asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Add a show; its id is made unique if it is taken, and a first history entry is recorded.
    AddShow(Box<Show>),
    /// Remove the show with this id.
    RemoveShow { id: String },
    /// Change a show's status, appending to its history. Canceling a show marks its open
    /// storylines as left unresolved.
    SetStatus {
        id: String,
        status: Status,
        source: Source,
        note: String,
        /// The day it changed, when the source says (an article); today otherwise.
        on: Option<Date>,
    },
    /// Edit one part of a show.
    Edit { id: String, edit: ShowEdit },
    /// Take in a catalog's latest answer about a show: what changed becomes unseen entries of
    /// its status history (alerts); a status the user set by hand is kept (see
    /// [`crate::model::refresh`]).
    Refresh { id: String, fresh: Box<CatalogShow> },
    /// Link a show the user brought in by hand (an import) to its catalog entry and take the
    /// catalog's details quietly: nothing about the show changed, so nothing is an alert (see
    /// [`crate::model::refresh::link`]).
    Link { id: String, fresh: Box<CatalogShow> },
}

/// An edit to one part of a show. Indexes refer to the show's lists as they are now.
#[derive(Clone, Debug, PartialEq)]
pub enum ShowEdit {
    Title(String),
    /// `None` clears the network.
    Network(Option<Name>),
    Creators(Vec<Name>),
    Studios(Vec<Name>),
    Notes(String),
    /// Records a score: a new value for a source and kind the show already has becomes its
    /// current value, the old one a point in its history; otherwise the score is added.
    AddScore(Score),
    UpdateScore(usize, Score),
    RemoveScore(usize),
    AddCast(CastMember),
    UpdateCast(usize, CastMember),
    RemoveCast(usize),
    /// Moves a cast member from one place in the billing order to another.
    MoveCast {
        from: usize,
        to: usize,
    },
    AddStoryline(Storyline),
    UpdateStoryline(usize, Storyline),
    RemoveStoryline(usize),
    /// Marks every status change of the show as seen: its alerts go away.
    MarkSeen,
    /// Dismisses what the catalog asked about (a differing status, a likely cancellation):
    /// the user's status stands.
    DismissCatalog,
    /// Sets (or with `None` removes) the user's own poster, by its name in the poster cache.
    PosterFile(Option<String>),
    /// Sets the watch progress (episodes watched and known per season, dropped).
    Progress(Progress),
    /// Marks the next episode watched, today.
    WatchNext,
    /// Marks episodes watched (again on another day: a rewatch).
    Watched {
        episodes: Vec<EpisodeRef>,
        on: WatchDay,
    },
    /// Marks episodes skipped: watched past without watching.
    Skipped(Vec<EpisodeRef>),
    /// Forgets that episodes were watched or skipped.
    Unwatched(Vec<EpisodeRef>),
    /// Sets (or clears) the user's rating of a watched episode, out of 10.
    RateEpisode {
        episode: EpisodeRef,
        rating: Option<u8>,
    },
    /// Sets (or clears, when empty) the user's short note on a watched episode.
    NoteEpisode {
        episode: EpisodeRef,
        note: String,
    },
    /// Folds in a show read from another tracker's export (see
    /// [`super::merge::fold_in_imported`]).
    MergeImported(Box<Show>),
    /// Hides (or shows) storyline text until clicked, for this show.
    SpoilerShield(bool),
    /// Adds a tag (trimmed); refused when empty or already there (ignoring case and accents).
    AddTag(String),
    /// Removes a tag, matched ignoring case and accents.
    RemoveTag(String),
}

impl ShowEdit {
    /// Which field this edit touches, so that a burst of typing in one field can be undone as
    /// one step. Adds and removes never merge.
    fn merge_field(&self) -> Option<(&'static str, usize)> {
        match self {
            ShowEdit::Title(_) => Some(("title", 0)),
            ShowEdit::Network(_) => Some(("network", 0)),
            ShowEdit::Creators(_) => Some(("creators", 0)),
            ShowEdit::Studios(_) => Some(("studios", 0)),
            ShowEdit::Notes(_) => Some(("notes", 0)),
            ShowEdit::Progress(_) => Some(("progress", 0)),
            ShowEdit::UpdateScore(i, _) => Some(("score", *i)),
            ShowEdit::UpdateCast(i, _) => Some(("cast", *i)),
            ShowEdit::UpdateStoryline(i, _) => Some(("storyline", *i)),
            _ => None,
        }
    }

    /// A few words for the undo button, e.g. `edit notes`.
    fn describe(&self) -> &'static str {
        match self {
            ShowEdit::Title(_) => "rename",
            ShowEdit::Network(_) => "edit network",
            ShowEdit::Creators(_) => "edit creators",
            ShowEdit::Studios(_) => "edit studios",
            ShowEdit::Notes(_) => "edit notes",
            ShowEdit::AddScore(_) => "record score",
            ShowEdit::UpdateScore(..) => "edit score",
            ShowEdit::RemoveScore(_) => "delete score",
            ShowEdit::AddCast(_) => "add cast member",
            ShowEdit::UpdateCast(..) => "edit cast member",
            ShowEdit::RemoveCast(_) => "delete cast member",
            ShowEdit::MoveCast { .. } => "reorder cast",
            ShowEdit::AddStoryline(_) => "add storyline",
            ShowEdit::UpdateStoryline(..) => "edit storyline",
            ShowEdit::RemoveStoryline(_) => "delete storyline",
            ShowEdit::MarkSeen => "mark the alerts seen",
            ShowEdit::DismissCatalog => "keep the status",
            ShowEdit::PosterFile(Some(_)) => "set the poster",
            ShowEdit::PosterFile(None) => "remove the poster",
            ShowEdit::Progress(_) => "edit progress",
            ShowEdit::WatchNext => "mark the next episode watched",
            ShowEdit::Watched { .. } => "mark episodes watched",
            ShowEdit::Skipped(_) => "mark episodes skipped",
            ShowEdit::Unwatched(_) => "mark episodes unwatched",
            ShowEdit::RateEpisode { .. } => "rate an episode",
            ShowEdit::NoteEpisode { .. } => "note an episode",
            ShowEdit::MergeImported(_) => "import",
            ShowEdit::SpoilerShield(true) => "hide spoilers",
            ShowEdit::SpoilerShield(false) => "show spoilers",
            ShowEdit::AddTag(_) | ShowEdit::RemoveTag(_) => "edit the tags",
        }
    }
}

/// The day episodes were watched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchDay {
    /// The day the edit is made.
    Today,
    On(Date),
    /// Not known ("I watched these at some point").
    Unknown,
}

/// Why an action could not be applied. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("no show has the id {0:?}")]
    NoSuchShow(String),
    #[error("there is no {what} number {index} (the show has {len})")]
    NoSuchItem {
        what: &'static str,
        index: usize,
        len: usize,
    },
    #[error("a show needs a title")]
    EmptyTitle,
    #[error("the show is already {0}")]
    SameStatus(Status),
    #[error("a tag needs a name")]
    EmptyTag,
    #[error("nothing changed")]
    Unchanged,
    #[error(transparent)]
    Episode(#[from] EpisodeError),
}

/// What an applied action did to one show: enough to undo and redo it.
#[derive(Clone, Debug)]
pub struct Change {
    /// For the undo button, e.g. `edit notes of “Étoile”`.
    pub label: String,
    /// The id of the show changed.
    pub id: String,
    /// Where the show was (or is put back) in the list.
    pub index: usize,
    /// The show before the change; `None` when the change added it.
    pub before: Option<Arc<Show>>,
    /// The show after the change; `None` when the change removed it.
    pub after: Option<Arc<Show>>,
    /// Changes with the same key, made one after another, undo as one step.
    pub merge_key: Option<(String, &'static str, usize)>,
    /// Changes to other shows made after this one in the same step (an import), undone with it.
    pub together: Vec<Change>,
}

impl Change {
    /// This change followed by `next`, to the same show, as one change: undone in one step.
    pub fn then(self, next: Change) -> Change {
        debug_assert_eq!(self.id, next.id, "one change is made to one show");
        Change {
            label: format!("{}, {}", self.label, next.label),
            index: self.index,
            before: self.before,
            after: next.after,
            merge_key: None,
            id: self.id,
            together: self.together.into_iter().chain(next.together).collect(),
        }
    }
}

impl Watchlist {
    /// Carries out `action`, with `today` as the date of any status change it records.
    pub fn apply(&mut self, action: Action, today: Date) -> Result<Change, ActionError> {
        match action {
            Action::AddShow(mut show) => {
                if show.title.trim().is_empty() {
                    return Err(ActionError::EmptyTitle);
                }
                if show.id.trim().is_empty() || self.index_of(&show.id).is_some() {
                    show.id = ids::unique_id(&show.title, self.shows.iter().map(|s| &*s.id));
                }
                if show.status_history.is_empty() {
                    show.status_history.push(StatusChange {
                        status: show.status,
                        on: Some(today),
                        source: Source::Manual,
                        note: "added to the watchlist".to_owned(),
                        seen: true,
                    });
                }
                let label = format!("add “{}”", show.title);
                let show = Arc::new(*show);
                self.shows.push(Arc::clone(&show));
                Ok(Change {
                    label,
                    id: show.id.clone(),
                    index: self.shows.len() - 1,
                    before: None,
                    after: Some(show),
                    merge_key: None,
                    together: Vec::new(),
                })
            }
            Action::RemoveShow { id } => {
                let index = self.index_of(&id).ok_or(ActionError::NoSuchShow(id))?;
                let removed = self.shows.remove(index);
                Ok(Change {
                    label: format!("delete “{}”", removed.title),
                    id: removed.id.clone(),
                    index,
                    before: Some(removed),
                    after: None,
                    merge_key: None,
                    together: Vec::new(),
                })
            }
            Action::SetStatus {
                id,
                status,
                source,
                note,
                on,
            } => self.change_show(&id, None, |show| {
                if show.status == status {
                    return Err(ActionError::SameStatus(status));
                }
                let from = show.status;
                show.status = status;
                if status == Status::Canceled {
                    crate::model::refresh::mark_open_storylines_unresolved(show);
                }
                // Back from a cancellation: what it left unresolved may yet be answered.
                let reopened = crate::model::refresh::reopen_if_back(show, from, status, None);
                let note = match reopened {
                    0 => note,
                    n => {
                        let said = crate::model::refresh::reopened_note(&show.title, n);
                        if note.is_empty() {
                            said
                        } else {
                            format!("{note} · {said}")
                        }
                    }
                };
                show.status_history.push(StatusChange {
                    status,
                    on: on.or(Some(today)),
                    source,
                    note,
                    seen: true,
                });
                // The user has decided: nothing the catalog asked is pending any more.
                if let Some(catalog) = &mut show.catalog {
                    catalog.disagreement = None;
                    catalog.likely_canceled = None;
                }
                Ok(format!(
                    "mark “{}” {}",
                    show.title,
                    status.label().to_lowercase()
                ))
            }),
            Action::Refresh { id, fresh } => self.change_show(&id, None, |show| {
                let before = show.clone();
                crate::model::refresh::apply(show, &fresh, today);
                if *show == before {
                    return Err(ActionError::Unchanged);
                }
                Ok(format!(
                    "update “{}” from {}",
                    show.title,
                    fresh.source.label()
                ))
            }),
            Action::Link { id, fresh } => self.change_show(&id, None, |show| {
                let before = show.clone();
                crate::model::refresh::link(show, &fresh, today);
                if *show == before {
                    return Err(ActionError::Unchanged);
                }
                Ok(format!(
                    "match “{}” to {}",
                    show.title,
                    fresh.source.label()
                ))
            }),
            Action::Edit { id, edit } => {
                let merge = edit.merge_field();
                self.change_show(&id, merge, |show| {
                    let label = format!("{} of “{}”", edit.describe(), show.title);
                    apply_edit(show, edit, today)?;
                    Ok(label)
                })
            }
        }
    }

    /// Runs `change` on a copy of the show with this id and, if it succeeds, puts the copy in.
    fn change_show(
        &mut self,
        id: &str,
        merge: Option<(&'static str, usize)>,
        change: impl FnOnce(&mut Show) -> Result<String, ActionError>,
    ) -> Result<Change, ActionError> {
        let index = self
            .index_of(id)
            .ok_or_else(|| ActionError::NoSuchShow(id.to_owned()))?;
        let before = Arc::clone(&self.shows[index]);
        let mut edited = Show::clone(&before);
        let label = change(&mut edited)?;
        let after = Arc::new(edited);
        self.shows[index] = Arc::clone(&after);
        Ok(Change {
            label,
            id: id.to_owned(),
            index,
            before: Some(before),
            after: Some(after),
            merge_key: merge.map(|(field, i)| (id.to_owned(), field, i)),
            together: Vec::new(),
        })
    }

    /// Puts the watchlist back as it was before `change`.
    pub fn revert(&mut self, change: &Change) {
        for later in change.together.iter().rev() {
            self.revert(later);
        }
        self.put(&change.id, change.index, change.before.clone());
    }

    /// Makes `change` again after it was reverted.
    pub fn reapply(&mut self, change: &Change) {
        self.put(&change.id, change.index, change.after.clone());
        for later in &change.together {
            self.reapply(later);
        }
    }

    /// Sets the show with `id` to `show` (removing it for `None`), inserting at `index` when it
    /// is not in the list.
    fn put(&mut self, id: &str, index: usize, show: Option<Arc<Show>>) {
        match (self.index_of(id), show) {
            (Some(at), Some(show)) => self.shows[at] = show,
            (Some(at), None) => {
                self.shows.remove(at);
            }
            (None, Some(show)) => self.shows.insert(index.min(self.shows.len()), show),
            (None, None) => {}
        }
    }
}

/// Applies one edit to a show, checking indexes first so a failed edit changes nothing.
fn apply_edit(show: &mut Show, edit: ShowEdit, today: Date) -> Result<(), ActionError> {
    fn slot<'a, T>(
        list: &'a mut [T],
        index: usize,
        what: &'static str,
    ) -> Result<&'a mut T, ActionError> {
        let len = list.len();
        list.get_mut(index)
            .ok_or(ActionError::NoSuchItem { what, index, len })
    }
    fn remove<T>(list: &mut Vec<T>, index: usize, what: &'static str) -> Result<(), ActionError> {
        slot(list, index, what)?;
        list.remove(index);
        Ok(())
    }
    match edit {
        ShowEdit::Title(title) => {
            if title.trim().is_empty() {
                return Err(ActionError::EmptyTitle);
            }
            show.title = title;
        }
        ShowEdit::Network(network) => {
            show.network = network.filter(|n| !n.trim().is_empty());
        }
        ShowEdit::Creators(creators) => show.creators = creators,
        ShowEdit::Studios(studios) => show.studios = studios,
        ShowEdit::Notes(notes) => show.notes = notes,
        ShowEdit::AddScore(score) => match show.scores.iter_mut().find(|s| s.same_series(&score)) {
            // The same reading twice is not a new point.
            Some(current) if current.value == score.value && current.as_of == score.as_of => {
                return Err(ActionError::Unchanged);
            }
            Some(current) => current.record(score),
            None => show.scores.push(score),
        },
        ShowEdit::UpdateScore(i, score) => *slot(&mut show.scores, i, "score")? = score,
        ShowEdit::RemoveScore(i) => remove(&mut show.scores, i, "score")?,
        ShowEdit::AddCast(member) => show.cast.push(member),
        ShowEdit::UpdateCast(i, member) => *slot(&mut show.cast, i, "cast member")? = member,
        ShowEdit::RemoveCast(i) => remove(&mut show.cast, i, "cast member")?,
        ShowEdit::MoveCast { from, to } => {
            slot(&mut show.cast, from, "cast member")?;
            slot(&mut show.cast, to, "cast member")?;
            if from == to {
                return Err(ActionError::Unchanged);
            }
            let member = show.cast.remove(from);
            show.cast.insert(to, member);
        }
        ShowEdit::AddStoryline(mut storyline) => {
            // A thread still open when a show is canceled is one it left unresolved: so is one
            // written down afterwards, unless the user says otherwise.
            if show.status == Status::Canceled && storyline.state == StorylineState::Open {
                storyline.state = StorylineState::Unresolved;
            }
            storyline.created.get_or_insert(today);
            storyline.updated.get_or_insert(today);
            show.storylines.push(storyline);
        }
        ShowEdit::UpdateStoryline(i, mut storyline) => {
            let current = slot(&mut show.storylines, i, "storyline")?;
            // Only a change of what it says dates it; the dates themselves are kept.
            storyline.created = current.created;
            // Settled by the user: no longer waiting on a season. Only a resolved storyline
            // has an episode that resolved it.
            if storyline.state != StorylineState::Open {
                storyline.may_be_answered_in = None;
            }
            if storyline.state != StorylineState::Resolved {
                storyline.resolved_in = None;
            }
            if storyline != *current {
                storyline.updated = Some(today);
            }
            *current = storyline;
        }
        ShowEdit::RemoveStoryline(i) => remove(&mut show.storylines, i, "storyline")?,
        ShowEdit::MarkSeen => {
            for change in &mut show.status_history {
                change.seen = true;
            }
        }
        ShowEdit::PosterFile(name) => show.poster_file = name,
        ShowEdit::SpoilerShield(on) => show.spoiler_shield = on,
        ShowEdit::AddTag(tag) => {
            let tag = tag.trim();
            if tag.is_empty() {
                return Err(ActionError::EmptyTag);
            }
            if show.has_tag(tag) {
                return Err(ActionError::Unchanged);
            }
            show.tags.push(tag.into());
        }
        ShowEdit::RemoveTag(tag) => {
            let folded = ids::fold(tag.trim());
            let before = show.tags.len();
            show.tags.retain(|t| ids::fold(t) != folded);
            if show.tags.len() == before {
                return Err(ActionError::Unchanged);
            }
        }
        ShowEdit::Progress(progress) => show.progress = progress,
        ShowEdit::WatchNext => {
            show.progress
                .watch_next(Some(today))
                .ok_or(ActionError::Unchanged)?;
        }
        ShowEdit::Watched { episodes, on } => {
            let day = match on {
                WatchDay::Today => Some(today),
                WatchDay::On(day) => Some(day),
                WatchDay::Unknown => None,
            };
            if !show.progress.mark_watched(&episodes, day)? {
                return Err(ActionError::Unchanged);
            }
        }
        ShowEdit::Skipped(episodes) => {
            if !show.progress.mark_skipped(&episodes)? {
                return Err(ActionError::Unchanged);
            }
        }
        ShowEdit::Unwatched(episodes) => {
            if !show.progress.unmark(&episodes) {
                return Err(ActionError::Unchanged);
            }
        }
        ShowEdit::RateEpisode { episode, rating } => {
            if !show.progress.rate(episode, rating)? {
                return Err(ActionError::Unchanged);
            }
        }
        ShowEdit::MergeImported(imported) => {
            if !super::merge::fold_in_imported(show, &imported) {
                return Err(ActionError::Unchanged);
            }
        }
        ShowEdit::NoteEpisode { episode, note } => {
            if !show.progress.note(episode, note.trim())? {
                return Err(ActionError::Unchanged);
            }
        }
        ShowEdit::DismissCatalog => {
            if let Some(catalog) = &mut show.catalog {
                catalog.disagreement = None;
                catalog.likely_canceled = None;
            }
        }
    }
    Ok(())
}
