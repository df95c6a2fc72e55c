//! The actions the facts the user kept become: for a show on the watchlist, an edit per fact
//! that changes something (a status with the article as its source, a score with its day, a
//! cast member or their character, creators and studio added to, a storyline left open); for
//! a show not on it, one new show with everything kept. Applied together as one undoable step.

use jiff::civil::Date;

use super::{Reading, ShowReading, What};
use crate::model::{
    Action, CastMember, EpisodeRef, Name, Score, Show, ShowEdit, Source, Status, StatusChange,
    Storyline, StorylineState, Watchlist,
};

/// Where the article came from and when.
#[derive(Debug, Clone)]
pub struct Applying {
    /// The publication's name or the article's URL, recorded as the source of a status.
    pub source: Source,
    /// The article's day (scores are "as of" it); today when unknown.
    pub published: Option<Date>,
    pub today: Date,
}

impl Applying {
    fn day(&self) -> Date {
        self.published.unwrap_or(self.today)
    }
}

/// The actions for `reading`'s facts where `chosen` (one per fact) is true.
pub fn actions_for(
    reading: &ShowReading,
    chosen: &[bool],
    watchlist: &Watchlist,
    applying: &Applying,
) -> Vec<Action> {
    let kept: Vec<&What> = reading
        .facts
        .iter()
        .zip(chosen.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, keep)| **keep)
        .map(|(fact, _)| &fact.what)
        .collect();
    match reading.id.as_deref().and_then(|id| watchlist.get(id)) {
        Some(show) => edits(show, &kept, applying),
        None if kept.is_empty() => Vec::new(),
        None => vec![Action::AddShow(Box::new(new_show(
            &reading.title,
            &kept,
            applying,
        )))],
    }
}

/// The actions for every show of `reading`, where `chosen` (per show, per fact) is true. Two
/// readings of one watchlist show (the article's own title for it matched by the user, and
/// the watchlist's title) become one show's edits, worked out together.
pub fn actions_for_reading(
    reading: &Reading,
    chosen: &[Vec<bool>],
    watchlist: &Watchlist,
    applying: &Applying,
) -> Vec<Action> {
    let mut merged: Vec<(ShowReading, Vec<bool>)> = Vec::new();
    for (show, chosen) in reading
        .shows
        .iter()
        .zip(chosen.iter().chain(std::iter::repeat(&Vec::new())))
    {
        let mut chosen = chosen.clone();
        chosen.resize(show.facts.len(), false);
        let same = show
            .id
            .as_ref()
            .and_then(|id| merged.iter_mut().find(|(m, _)| m.id.as_ref() == Some(id)));
        match same {
            Some((into, into_chosen)) => {
                into.facts.extend(show.facts.iter().cloned());
                into_chosen.extend(chosen);
            }
            None => merged.push((show.clone(), chosen)),
        }
    }
    merged
        .iter()
        .flat_map(|(show, chosen)| actions_for(show, chosen, watchlist, applying))
        .collect()
}

/// The note a status change carries.
fn status_note(final_season: bool) -> String {
    if final_season {
        "final season announced".to_owned()
    } else {
        String::new()
    }
}

fn edits(show: &Show, kept: &[&What], applying: &Applying) -> Vec<Action> {
    let id = show.id.clone();
    let edit = |edit: ShowEdit| Action::Edit {
        id: id.clone(),
        edit,
    };
    let mut actions = Vec::new();
    let mut outcome = None;
    let mut creators: Vec<Name> = show.creators.clone();
    let mut studios: Vec<Name> = show.studios.clone();
    let mut cast = show.cast.clone();
    for what in kept {
        match what {
            What::Outcome {
                status,
                on,
                final_season,
            } => outcome = Some((*status, *on, *final_season)),
            What::Network { name } => {
                if show.network.as_deref() != Some(name.as_str()) {
                    actions.push(edit(ShowEdit::Network(Some(name.as_str().into()))));
                }
            }
            What::Score {
                source,
                score_kind,
                value,
                out_of,
            } => {
                let current = show
                    .scores
                    .iter()
                    .find(|s| s.source == *source && s.kind == *score_kind);
                if current.is_none_or(|s| s.value != *value || s.out_of != *out_of) {
                    let mut score =
                        Score::new(source.clone(), *score_kind, *value, Some(applying.day()));
                    score.out_of = *out_of;
                    actions.push(edit(ShowEdit::AddScore(score)));
                }
            }
            What::Creators { names } => {
                for name in names {
                    if !creators.iter().any(|c| c.as_str() == name) {
                        creators.push(name.as_str().into());
                    }
                }
            }
            What::Studio { name } => {
                if !studios.iter().any(|s| s.as_str() == name) {
                    studios.push(name.as_str().into());
                }
            }
            What::Seasons { count } => {
                let count = *count as usize;
                if show.progress.episodes.len() < count {
                    let mut progress = show.progress.clone();
                    progress.episodes.resize(count, 0);
                    actions.push(edit(ShowEdit::Progress(progress)));
                }
            }
            What::Cast { actor, character } => {
                match cast.iter().position(|m| m.actor.as_str() == actor) {
                    Some(at) => {
                        if let Some(character) = character
                            && cast[at].character.is_none()
                        {
                            let mut member = cast[at].clone();
                            member.character = Some(character.as_str().into());
                            cast[at] = member.clone();
                            actions.push(edit(ShowEdit::UpdateCast(at, member)));
                        }
                    }
                    None => {
                        let member = member(actor, character.as_deref());
                        cast.push(member.clone());
                        actions.push(edit(ShowEdit::AddCast(member)));
                    }
                }
            }
            What::Storyline { characters, text } => {
                let already = show.storylines.iter().any(|s| {
                    !characters.is_empty()
                        && s.characters.len() == characters.len()
                        && characters
                            .iter()
                            .all(|c| s.characters.iter().any(|have| have == c))
                });
                if !already {
                    let canceled = show.status == Status::Canceled
                        || kept.iter().any(|w| {
                            matches!(
                                w,
                                What::Outcome {
                                    status: Status::Canceled,
                                    ..
                                }
                            )
                        });
                    actions.push(edit(ShowEdit::AddStoryline(storyline(
                        characters,
                        text,
                        canceled,
                        left_at(show),
                        applying.today,
                    ))));
                }
            }
        }
    }
    if creators != show.creators {
        actions.push(edit(ShowEdit::Creators(creators)));
    }
    if studios != show.studios {
        actions.push(edit(ShowEdit::Studios(studios)));
    }
    // Last: a cancellation marks the storylines just added unresolved too.
    if let Some((status, on, final_season)) = outcome
        && status != show.status
    {
        actions.push(Action::SetStatus {
            id: id.clone(),
            status,
            source: applying.source.clone(),
            note: status_note(final_season),
            on: on.or(applying.published),
        });
    }
    actions
}

/// The last episode the show is known to have, where a storyline left open was left.
fn left_at(show: &Show) -> Option<EpisodeRef> {
    let episodes = &show.progress.episodes;
    let season = episodes.len();
    let length = *episodes.last()?;
    (season > 0 && length > 0).then_some(EpisodeRef(season as u32, length))
}

fn member(actor: &str, character: Option<&str>) -> CastMember {
    CastMember {
        actor: actor.into(),
        character: character.map(Into::into),
        billing: crate::model::Billing::Main,
    }
}

fn storyline(
    characters: &[String],
    text: &str,
    canceled: bool,
    left_at: Option<EpisodeRef>,
    today: Date,
) -> Storyline {
    let title = match characters {
        [] => text
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" "),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let mut storyline = Storyline::new(title);
    storyline.text = text.to_owned();
    storyline.characters = characters.iter().map(|c| Name::from(c.as_str())).collect();
    storyline.left_at = left_at;
    storyline.created = Some(today);
    if canceled {
        storyline.state = StorylineState::Unresolved;
    }
    storyline
}

/// A show not on the watchlist, with every fact kept.
fn new_show(title: &str, kept: &[&What], applying: &Applying) -> Show {
    let status = kept
        .iter()
        .find_map(|w| match w {
            What::Outcome { status, .. } => Some(*status),
            _ => None,
        })
        .unwrap_or(Status::Undetermined);
    let mut show = Show::new(String::new(), title, status);
    let canceled = status == Status::Canceled;
    for what in kept {
        match what {
            What::Outcome {
                status,
                on,
                final_season,
            } => show.status_history.push(StatusChange {
                status: *status,
                on: on.or(applying.published).or(Some(applying.today)),
                source: applying.source.clone(),
                note: status_note(*final_season),
                seen: true,
            }),
            What::Network { name } => show.network = Some(name.as_str().into()),
            What::Score {
                source,
                score_kind,
                value,
                out_of,
            } => {
                let mut score =
                    Score::new(source.clone(), *score_kind, *value, Some(applying.day()));
                score.out_of = *out_of;
                show.scores.push(score);
            }
            What::Creators { names } => {
                show.creators = names.iter().map(|n| Name::from(n.as_str())).collect();
            }
            What::Studio { name } => show.studios = vec![name.as_str().into()],
            What::Seasons { count } => show.progress.episodes = vec![0; *count as usize],
            What::Cast { actor, character } => {
                show.cast.push(member(actor, character.as_deref()));
            }
            What::Storyline { characters, text } => {
                show.storylines
                    .push(storyline(characters, text, canceled, None, applying.today))
            }
        }
    }
    show
}
