//! The command line's writing edits, worked out in one place: what each does to a watchlist
//! and what it prints after. The running app (a request on its socket) and the command line on
//! the file (no app running) both go through here, so the same command prints the same lines
//! and fails with the same words either way.

use serde::Serialize;

use crate::instance::ScriptedEdit;
use crate::model::answers::Update;
use crate::model::episodes::EpisodeSpec;
use crate::model::refresh::Finding;
use crate::model::{Action, Change, EpisodeRef, ShowEdit, Source, WatchDay, Watchlist};

/// One change a check found, as `check` prints it (a line, or an object of `--json`).
#[derive(Debug, Serialize)]
pub struct Found {
    id: String,
    title: String,
    kind: &'static str,
    /// The status before, for status changes and disagreements.
    from: Option<&'static str>,
    /// The status after (or the catalog's, for a disagreement).
    to: Option<&'static str>,
    source: String,
    description: String,
}

impl Found {
    /// What `update` found in `finding`.
    pub fn new(update: &Update, finding: &Finding) -> Self {
        let (from, to) = match finding {
            Finding::Status { from, to } => (Some(from.word()), Some(to.word())),
            Finding::Disagreement { yours, catalog } => (Some(yours.word()), Some(catalog.word())),
            _ => (None, None),
        };
        Found {
            id: update.id.clone(),
            title: update.title.clone(),
            kind: finding.kind(),
            from,
            to,
            source: update.source.describe().to_owned(),
            description: finding.describe(update.source.label()),
        }
    }
}

/// What `check` prints: a line per change (`Title: description`), or a JSON array; nothing
/// at all when nothing is new, so cron mails only news.
pub fn findings_output(found: &[Found], json: bool) -> String {
    if found.is_empty() {
        return String::new();
    }
    if json {
        // Plain strings and numbers: serializing cannot fail.
        return serde_json::to_string_pretty(found).map_or_else(|e| e.to_string(), |t| t + "\n");
    }
    found
        .iter()
        .map(|change| format!("{}: {}\n", change.title, change.description))
        .collect()
}

impl ScriptedEdit {
    /// The actions this edit makes to `watchlist` as it is now; why not, when it cannot (a
    /// show that is not there, one already added).
    pub fn plan(&self, watchlist: &Watchlist) -> Result<Vec<Action>, String> {
        let id_of = |key: &str| {
            watchlist
                .find(key)
                .map(|show| show.id.clone())
                .map_err(|error| error.to_string())
        };
        Ok(match self {
            ScriptedEdit::Add { show } => {
                if let Some(existing) = show
                    .external_ids
                    .tvmaze
                    .and_then(|id| watchlist.with_tvmaze_id(id))
                {
                    return Err(format!(
                        "“{}” is already on the watchlist, as {}",
                        existing.title, existing.id
                    ));
                }
                vec![Action::AddShow(show.clone())]
            }
            ScriptedEdit::SetStatus { show, status, note } => vec![Action::SetStatus {
                id: id_of(show)?,
                status: *status,
                source: Source::Manual,
                note: note.clone(),
                on: None,
            }],
            ScriptedEdit::Tag { show, tags, remove } => {
                let id = id_of(show)?;
                tags.iter()
                    .map(|tag| Action::Edit {
                        id: id.clone(),
                        edit: if *remove {
                            ShowEdit::RemoveTag(tag.clone())
                        } else {
                            ShowEdit::AddTag(tag.clone())
                        },
                    })
                    .collect()
            }
            ScriptedEdit::Poster { show, name } => vec![Action::Edit {
                id: id_of(show)?,
                edit: ShowEdit::PosterFile(Some(name.clone())),
            }],
            ScriptedEdit::Watched {
                show,
                episodes,
                on,
                undated,
            } => {
                let (id, episodes) = named_episodes(watchlist, show, episodes)?;
                let on = match (on, undated) {
                    (Some(day), _) => WatchDay::On(*day),
                    (None, true) => WatchDay::Unknown,
                    (None, false) => WatchDay::Today,
                };
                vec![Action::Edit {
                    id,
                    edit: ShowEdit::Watched { episodes, on },
                }]
            }
            ScriptedEdit::Unwatched { show, episodes } => {
                let (id, episodes) = named_episodes(watchlist, show, episodes)?;
                vec![Action::Edit {
                    id,
                    edit: ShowEdit::Unwatched(episodes),
                }]
            }
        })
    }

    /// What the command prints once `changes` (what [`ScriptedEdit::plan`]'s actions did;
    /// none when they changed nothing) are made and `after` is the watchlist.
    pub fn report(&self, changes: &[Change], after: &Watchlist) -> String {
        let changed = changes.last();
        let title = changed
            .and_then(|c| c.after.as_deref().or(c.before.as_deref()))
            .map_or("", |show| show.title.as_str());
        match self {
            ScriptedEdit::Add { show } => {
                let id = changed.map_or("", |c| c.id.as_str());
                if show.external_ids.tvmaze.is_some() {
                    format!(
                        "Added “{title}” as {id} ({}, {} cast members, from TVmaze)\n",
                        show.status.label(),
                        show.cast.len()
                    )
                } else {
                    format!("Added “{title}” as {id}\n")
                }
            }
            ScriptedEdit::SetStatus { status, .. } => {
                let old = changed
                    .and_then(|c| c.before.as_deref())
                    .map_or(*status, |show| show.status);
                format!("{title}: {old} → {status}\n")
            }
            ScriptedEdit::Tag { show, .. } => match after.find(show) {
                Ok(show) if show.tags.is_empty() => format!("“{}” tags: none\n", show.title),
                Ok(show) => format!("“{}” tags: {}\n", show.title, show.tags.join(", ")),
                Err(_) => String::new(),
            },
            ScriptedEdit::Poster { .. } => format!("Set the poster of “{title}”\n"),
            ScriptedEdit::Watched { show, episodes, .. }
            | ScriptedEdit::Unwatched { show, episodes } => {
                let Ok(show) = after.find(show) else {
                    return String::new();
                };
                let named = episodes
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let did = match (changes.is_empty(), self) {
                    (true, _) => format!("{named}: already marked so, nothing changed"),
                    (false, ScriptedEdit::Watched { .. }) => format!("{named} watched"),
                    (false, _) => format!("{named} no longer marked watched"),
                };
                let next = match show.progress.up_next() {
                    Some(next) => format!("up next: {next}"),
                    None => "caught up".to_owned(),
                };
                format!("“{}”: {did} ({next})\n", show.title)
            }
        }
    }

    /// The status bar's line when the running app made this edit for the command line, e.g.
    /// `From the command line: Slow Horses set to Canceled`.
    pub fn message(&self, changes: &[Change]) -> String {
        let title = changes
            .last()
            .and_then(|c| c.after.as_deref().or(c.before.as_deref()))
            .map_or("", |show| show.title.as_str());
        let what = match self {
            ScriptedEdit::Add { .. } => format!("added {title}"),
            ScriptedEdit::SetStatus { status, .. } => format!("{title} set to {}", status.label()),
            ScriptedEdit::Tag { tags, remove, .. } => format!(
                "{title} {} {}",
                if *remove { "untagged" } else { "tagged" },
                tags.join(", ")
            ),
            ScriptedEdit::Poster { .. } => format!("new poster for {title}"),
            ScriptedEdit::Watched { episodes, .. } => {
                format!("{title} {} watched", spec_list(episodes))
            }
            ScriptedEdit::Unwatched { episodes, .. } => {
                format!("{title} {} not watched", spec_list(episodes))
            }
        };
        format!("From the command line: {what}")
    }
}

/// The show named `key` and the episodes `specs` name in it, or why not.
fn named_episodes(
    watchlist: &Watchlist,
    key: &str,
    specs: &[EpisodeSpec],
) -> Result<(String, Vec<EpisodeRef>), String> {
    let show = watchlist.find(key).map_err(|error| error.to_string())?;
    let mut episodes = Vec::new();
    for spec in specs {
        episodes.extend(spec.episodes(&show.progress).map_err(|e| e.to_string())?);
    }
    Ok((show.id.clone(), episodes))
}

fn spec_list(specs: &[EpisodeSpec]) -> String {
    specs
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Show, Status};
    use jiff::civil::date;

    fn apply(edit: &ScriptedEdit, watchlist: &mut Watchlist) -> Result<String, String> {
        let mut changes = Vec::new();
        for action in edit.plan(watchlist)? {
            match watchlist.apply(action, date(2026, 11, 30)) {
                Ok(change) => changes.push(change),
                Err(crate::model::ActionError::Unchanged) => {}
                Err(error) => return Err(error.to_string()),
            }
        }
        Ok(edit.report(&changes, watchlist))
    }

    #[test]
    fn each_edit_says_what_it_did_as_the_command_line_always_has() {
        let mut watchlist = crate::model::sample().expect("sample");
        let canceled = ScriptedEdit::SetStatus {
            show: "Slow Horses".into(),
            status: Status::Canceled,
            note: String::new(),
        };
        assert_eq!(
            apply(&canceled, &mut watchlist),
            Ok("Slow Horses: returning → canceled\n".into())
        );
        let tag = ScriptedEdit::Tag {
            show: "slow-horses".into(),
            tags: vec!["spy".into(), "comfort".into()],
            remove: false,
        };
        assert_eq!(
            apply(&tag, &mut watchlist),
            Ok("“Slow Horses” tags: with Sam, spy, comfort\n".into())
        );
        let add = ScriptedEdit::Add {
            show: Box::new(Show::new("", "Bad Sisters", Status::Ended)),
        };
        let added = apply(&add, &mut watchlist).expect("added");
        assert!(
            added.starts_with("Added “Bad Sisters” as bad-sisters"),
            "{added}"
        );
        let missing = ScriptedEdit::SetStatus {
            show: "Nope".into(),
            status: Status::Ended,
            note: String::new(),
        };
        assert!(apply(&missing, &mut watchlist).is_err_and(|e| e.contains("Nope")));
    }
}
