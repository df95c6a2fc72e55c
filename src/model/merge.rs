//! Merging two versions of a watchlist show by show, by stable id.
//!
//! Used when the data file changed on disk (a sync tool, an editor, git) while the app held
//! edits of its own, and to fold a sync tool's conflict copy back in.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Progress, Show, Watchlist, episodes};

/// The outcome of a merge: the merged watchlist, and the shows both sides changed differently.
/// For each conflict the merged watchlist holds the local version until the user decides.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub merged: Watchlist,
    pub conflicts: Vec<Conflict>,
}

/// A show that both sides changed, each its own way. `None` means that side deleted it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub local: Option<Arc<Show>>,
    pub theirs: Option<Arc<Show>>,
}

/// Three-way merge: `base` is what both sides started from. A show changed on one side only
/// takes that side's version (including additions and deletions); a show changed on both sides
/// the same way is taken as is; a show changed differently on both sides is merged field by
/// field (see [`merge_fields`]), and is a conflict only when one field was changed both ways.
pub fn three_way(base: &Watchlist, local: &Watchlist, theirs: &Watchlist) -> Merge {
    let mut merged = Vec::new();
    let mut conflicts = Vec::new();
    for id in ids_in_order(local, theirs) {
        let b = base.get(id);
        let l = arc_of(local, id);
        let t = arc_of(theirs, id);
        let chosen = if l.as_deref() == t.as_deref() || t.as_deref() == b {
            l
        } else if l.as_deref() == b {
            t
        } else if let (Some(b), Some(mine), Some(other)) = (b, l.as_deref(), t.as_deref())
            && let Some(show) = merge_fields(b, mine, other)
        {
            Some(Arc::new(show))
        } else {
            conflicts.push(Conflict {
                id: id.to_owned(),
                local: l.clone(),
                theirs: t,
            });
            l
        };
        merged.extend(chosen);
    }
    Merge {
        merged: Watchlist {
            schema_version: local.schema_version.max(theirs.schema_version),
            shows: merged,
        },
        conflicts,
    }
}

/// Two-way merge of a copy whose history is unknown (a sync tool's conflict copy): shows only
/// in the copy are added, shows that differ are conflicts, nothing is deleted.
pub fn fold_in_copy(local: &Watchlist, copy: &Watchlist) -> Merge {
    let mut merged = local.shows.clone();
    let mut conflicts = Vec::new();
    for show in &copy.shows {
        match local.get(&show.id) {
            None => merged.push(Arc::clone(show)),
            Some(mine) if mine == show.as_ref() => {}
            Some(_) => conflicts.push(Conflict {
                id: show.id.clone(),
                local: arc_of(local, &show.id),
                theirs: Some(Arc::clone(show)),
            }),
        }
    }
    Merge {
        merged: Watchlist {
            schema_version: local.schema_version.max(copy.schema_version),
            shows: merged,
        },
        conflicts,
    }
}

/// Settles a merge's conflicts: `take_theirs(id)` says which side wins each.
pub fn resolve(merge: Merge, take_theirs: impl Fn(&str) -> bool) -> Watchlist {
    resolve_with(merge, |conflict| {
        if take_theirs(&conflict.id) {
            conflict.theirs.clone()
        } else {
            conflict.local.clone()
        }
    })
}

/// Settles a merge's conflicts with the version `pick` makes of each (`None`: deleted).
pub fn resolve_with(merge: Merge, pick: impl Fn(&Conflict) -> Option<Arc<Show>>) -> Watchlist {
    let mut watchlist = merge.merged;
    for conflict in merge.conflicts {
        let picked = pick(&conflict);
        if picked == conflict.local {
            continue;
        }
        let at = watchlist.index_of(&conflict.id);
        match (at, picked) {
            (Some(at), Some(theirs)) => watchlist.shows[at] = theirs,
            (Some(at), None) => {
                watchlist.shows.remove(at);
            }
            (None, Some(theirs)) => watchlist.shows.push(theirs),
            (None, None) => {}
        }
    }
    watchlist
}

/// A show both sides changed, merged field by field: a field changed on one side only takes
/// that side's value, and the episodes watched take both sides' marks and both sides' removals
/// (watching different episodes on two computers is not a conflict). `None` when a field was
/// changed both ways: the user decides.
///
/// Fields are compared through their serialized form, so a field added to [`Show`] later is
/// merged the same way without being listed here.
pub fn merge_fields(base: &Show, local: &Show, theirs: &Show) -> Option<Show> {
    use serde_json::Value;
    let (b, l, t) = (fields(base)?, fields(local)?, fields(theirs)?);
    let names: std::collections::BTreeSet<&String> =
        b.keys().chain(l.keys()).chain(t.keys()).collect();
    let mut merged = serde_json::Map::new();
    for name in names {
        let (bv, lv, tv) = (b.get(name), l.get(name), t.get(name));
        let chosen = if lv == tv || tv == bv {
            lv.cloned()
        } else if lv == bv {
            tv.cloned()
        } else if name == "progress" {
            let progress = merge_progress(&base.progress, &local.progress, &theirs.progress);
            Some(serde_json::to_value(progress).ok()?)
        } else {
            return None;
        };
        if let Some(value) = chosen {
            merged.insert(name.clone(), value);
        }
    }
    serde_json::from_value(Value::Object(merged)).ok()
}

/// `local` with the fields `take_theirs(field)` names taken from `theirs` (fields by their
/// serialized names, as [`Difference::key`]): the conflict dialog's choice per field. `None`
/// when the two cannot be combined (a show that does not serialize).
pub fn combine(local: &Show, theirs: &Show, take_theirs: impl Fn(&str) -> bool) -> Option<Show> {
    let (mut l, t) = (fields(local)?, fields(theirs)?);
    let names: Vec<String> = l.keys().chain(t.keys()).cloned().collect();
    for name in names {
        if !take_theirs(&name) {
            continue;
        }
        match t.get(&name) {
            Some(value) => l.insert(name, value.clone()),
            None => l.remove(&name),
        };
    }
    serde_json::from_value(serde_json::Value::Object(l)).ok()
}

/// Folds a show read from another tracker's export into the watchlist's `show`: ids it lacks,
/// every episode mark (the days of both), tags and note paragraphs it does not have, a
/// personal rating when it has none, dropped when the tracker says so. What the user recorded
/// here is never replaced. Returns whether anything changed (an export imported twice changes
/// nothing the second time).
pub fn fold_in_imported(show: &mut Show, imported: &Show) -> bool {
    let before = show.clone();
    let (ids, more) = (&mut show.external_ids, &imported.external_ids);
    ids.tvmaze = ids.tvmaze.or(more.tvmaze);
    ids.thetvdb = ids.thetvdb.or(more.thetvdb);
    ids.tmdb = ids.tmdb.or(more.tmdb);
    if ids.imdb.is_none() {
        ids.imdb.clone_from(&more.imdb);
    }
    let mut marks = show.progress.marks();
    for (episode, mark) in imported.progress.marks() {
        match marks.get_mut(&episode) {
            Some(known) => episodes::merge_into(known, &mark),
            None => {
                marks.insert(episode, mark);
            }
        }
    }
    let entries = episodes::entries(&marks);
    if entries != show.progress.seen {
        show.progress.seen = entries;
    }
    show.progress.dropped |= imported.progress.dropped;
    for tag in &imported.tags {
        if !show.has_tag(tag) {
            show.tags.push(tag.clone());
        }
    }
    for paragraph in imported
        .notes
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
    {
        if !show.notes.contains(paragraph) {
            if !show.notes.is_empty() {
                show.notes.push_str("\n\n");
            }
            show.notes.push_str(paragraph);
        }
    }
    let has_personal = show
        .scores
        .iter()
        .any(|s| s.source == super::ScoreSource::Personal);
    if !has_personal {
        show.scores.extend(
            imported
                .scores
                .iter()
                .filter(|s| s.source == super::ScoreSource::Personal)
                .cloned(),
        );
    }
    *show != before
}

/// One field in which two versions of a show differ, with each side's value in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The field as the file names it (`network`), for choosing it.
    pub key: String,
    /// The field, as people read it: `Network`, `Status history`.
    pub field: String,
    pub local: String,
    pub theirs: String,
}

/// The fields in which two versions of a show differ, for the conflict dialog: "Network: Prime
/// Video | Amazon Prime" says what the choice is between.
pub fn differences(local: &Show, theirs: &Show) -> Vec<Difference> {
    let (l, t) = (
        fields(local).unwrap_or_default(),
        fields(theirs).unwrap_or_default(),
    );
    let names: std::collections::BTreeSet<&String> = l.keys().chain(t.keys()).collect();
    names
        .into_iter()
        .filter(|name| l.get(*name) != t.get(*name))
        .map(|name| Difference {
            key: name.clone(),
            field: field_name(name),
            local: in_words(l.get(name)),
            theirs: in_words(t.get(name)),
        })
        .collect()
}

/// A show's fields by name, as it serializes: what field-by-field merging compares.
fn fields(show: &Show) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::to_value(show) {
        Ok(serde_json::Value::Object(fields)) => Some(fields),
        _ => None,
    }
}

/// `status_history` → `Status history`.
fn field_name(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A field's value in a few words: text as it is (its first line, shortened), a list by its
/// length, anything else as compact JSON, shortened.
fn in_words(value: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    const MOST: usize = 60;
    let text = match value {
        None | Some(Value::Null) => return "—".to_owned(),
        Some(Value::String(text)) => text.lines().next().unwrap_or_default().to_owned(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Array(items)) => return super::counted(items.len() as i64, "item"),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > MOST {
        let short: String = text.chars().take(MOST - 1).collect();
        format!("{short}…")
    } else {
        text
    }
}

/// Both sides' watch progress together: every episode either side marked (an episode marked
/// on both, with the days of both), less those one side unmarked that the other left as they
/// were; a season's length the longer of the two; dropped as the side that changed it says.
fn merge_progress(base: &Progress, local: &Progress, theirs: &Progress) -> Progress {
    let (b, l, t) = (base.marks(), local.marks(), theirs.marks());
    let mut marks = std::collections::BTreeMap::new();
    for episode in l.keys().chain(t.keys()) {
        if marks.contains_key(episode) {
            continue;
        }
        let (was, mine, other) = (b.get(episode), l.get(episode), t.get(episode));
        let mark = match (mine, other) {
            // The same on both sides, or changed on one side only.
            (Some(mine), Some(other)) if mine == other || Some(other) == was => Some(mine.clone()),
            (Some(mine), Some(other)) if Some(mine) == was => Some(other.clone()),
            // Changed on both (days watched on each computer): both kept.
            (Some(mine), Some(other)) => {
                let mut both = mine.clone();
                episodes::merge_into(&mut both, other);
                Some(both)
            }
            // Unmarked on one side: gone, unless the other side changed it meanwhile.
            (Some(kept), None) | (None, Some(kept)) => {
                (was.is_none() || was != Some(kept)).then(|| kept.clone())
            }
            (None, None) => None,
        };
        if let Some(mark) = mark {
            marks.insert(*episode, mark);
        }
    }
    let seasons = local.episodes.len().max(theirs.episodes.len());
    let length = |progress: &Progress, i: usize| progress.episodes.get(i).copied().unwrap_or(0);
    Progress {
        seen: episodes::entries(&marks),
        episodes: (0..seasons)
            .map(|i| length(local, i).max(length(theirs, i)))
            .collect(),
        dropped: if local.dropped == base.dropped {
            theirs.dropped
        } else {
            local.dropped
        },
        counts_v1: Vec::new(),
    }
}

fn arc_of(watchlist: &Watchlist, id: &str) -> Option<Arc<Show>> {
    watchlist.shows.iter().find(|s| s.id == id).cloned()
}

/// Every id of either side: local order first, then shows only the other side has.
fn ids_in_order<'a>(local: &'a Watchlist, theirs: &'a Watchlist) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    local
        .shows
        .iter()
        .chain(theirs.shows.iter())
        .map(|s| s.id.as_str())
        .filter(|id| seen.insert(*id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn list(shows: &[(&str, &str)]) -> Watchlist {
        Watchlist {
            schema_version: 1,
            shows: shows
                .iter()
                .map(|(id, notes)| {
                    let mut show = Show::new(*id, *id, Status::Airing);
                    show.notes = (*notes).into();
                    Arc::new(show)
                })
                .collect(),
        }
    }

    #[test]
    fn changes_to_different_shows_merge_without_conflict() {
        let base = list(&[("a", ""), ("b", ""), ("c", "")]);
        let local = list(&[("a", "mine"), ("b", ""), ("c", ""), ("new-local", "")]);
        let theirs = list(&[("a", ""), ("b", "theirs"), ("new-theirs", "")]);
        let merge = three_way(&base, &local, &theirs);
        assert!(merge.conflicts.is_empty());
        let expected = list(&[
            ("a", "mine"),
            ("b", "theirs"),
            ("new-local", ""),
            ("new-theirs", ""),
        ]);
        assert_eq!(merge.merged, expected, "c was deleted on their side");
    }

    #[test]
    fn the_same_show_changed_both_ways_is_a_conflict_settled_by_the_user() {
        let base = list(&[("a", "")]);
        let local = list(&[("a", "mine")]);
        let theirs = list(&[("a", "theirs")]);
        let merge = three_way(&base, &local, &theirs);
        assert_eq!(merge.conflicts.len(), 1);
        assert_eq!(merge.merged, local, "local stays until decided");
        assert_eq!(resolve(merge.clone(), |_| true), theirs);
        assert_eq!(resolve(merge, |_| false), local);
    }

    #[test]
    fn a_copy_adds_its_shows_and_asks_about_differences() {
        let local = list(&[("a", "x"), ("b", "")]);
        let copy = list(&[("a", "y"), ("c", "")]);
        let merge = fold_in_copy(&local, &copy);
        assert_eq!(merge.conflicts.len(), 1);
        assert_eq!(merge.merged, list(&[("a", "x"), ("b", ""), ("c", "")]));
    }

    fn with_episodes(show: &Show, watched: &[(u32, u32)], lengths: &[u32]) -> Show {
        let mut show = show.clone();
        show.progress.episodes = lengths.to_vec();
        let list: Vec<_> = watched
            .iter()
            .map(|&(s, e)| crate::model::EpisodeRef(s, e))
            .collect();
        show.progress.seen.clear();
        show.progress.mark_watched(&list, None).expect("marks");
        show
    }

    #[test]
    fn episodes_watched_on_two_computers_merge_to_both_with_each_sides_removals() {
        let plain = Show::new("etoile", "Étoile", Status::Airing);
        let base = with_episodes(&plain, &[(1, 1), (1, 2), (1, 3)], &[8]);
        // Here: S1E2 unmarked, S1E4 watched. There: S1E5 watched, and the network changed.
        let mine = with_episodes(&plain, &[(1, 1), (1, 3), (1, 4)], &[8]);
        let mut other = with_episodes(&plain, &[(1, 1), (1, 2), (1, 3), (1, 5)], &[8, 10]);
        other.network = Some("Prime Video".into());
        let wrap = |show: &Show| Watchlist {
            schema_version: 2,
            shows: vec![Arc::new(show.clone())],
        };
        let merge = three_way(&wrap(&base), &wrap(&mine), &wrap(&other));
        assert!(merge.conflicts.is_empty(), "{:?}", merge.conflicts);
        let merged = &merge.merged.shows[0];
        let marked: Vec<_> = merged.progress.marks().into_keys().collect();
        assert_eq!(
            marked,
            [(1, 1), (1, 3), (1, 4), (1, 5)].map(|(s, e)| crate::model::EpisodeRef(s, e))
        );
        assert_eq!(merged.network.as_deref(), Some("Prime Video"));
        assert_eq!(merged.progress.episodes, [8, 10]);

        // The same field changed both ways still asks.
        let mut mine = mine;
        mine.notes = "mine".into();
        let mut other = other;
        other.notes = "theirs".into();
        let merge = three_way(&wrap(&base), &wrap(&mine), &wrap(&other));
        assert_eq!(merge.conflicts.len(), 1);
    }

    #[test]
    fn the_fields_that_differ_are_named_with_each_sides_value() {
        let mut mine = Show::new("etoile", "Étoile", Status::Airing);
        mine.network = Some("Prime Video".into());
        let mut other = mine.clone();
        other.network = Some("Amazon Prime".into());
        other.notes = "line one\nline two".into();
        let difference = |field: &str, local: &str, theirs: &str| Difference {
            key: field.to_lowercase(),
            field: field.to_owned(),
            local: local.to_owned(),
            theirs: theirs.to_owned(),
        };
        assert_eq!(
            differences(&mine, &other),
            [
                difference("Network", "Prime Video", "Amazon Prime"),
                difference("Notes", "—", "line one"),
            ]
        );
    }

    #[test]
    fn combining_takes_the_named_fields_from_the_other_version_only() {
        let mut mine = Show::new("etoile", "Étoile", Status::Airing);
        mine.network = Some("Prime Video".into());
        mine.notes = "mine".into();
        let mut other = mine.clone();
        other.network = Some("Amazon Prime".into());
        other.notes = "theirs".into();
        other.status = Status::Canceled;
        let combined = combine(&mine, &other, |key| key == "network").expect("combines");
        assert_eq!(combined.network.as_deref(), Some("Amazon Prime"));
        assert_eq!(combined.notes, "mine");
        assert_eq!(combined.status, Status::Airing);
    }

    #[test]
    fn a_field_changed_on_each_side_merges_and_every_other_field_survives_the_round_trip() {
        for show in crate::model::generate::watchlist(20, 7).shows {
            let mut mine = (*show).clone();
            mine.notes = "changed here".into();
            let mut other = (*show).clone();
            other.network = Some("Elsewhere TV".into());
            let merged = merge_fields(&show, &mine, &other).expect("no field changed both ways");
            let mut expected = mine.clone();
            expected.network = Some("Elsewhere TV".into());
            assert_eq!(merged, expected, "{}", show.id);
        }
    }
}
