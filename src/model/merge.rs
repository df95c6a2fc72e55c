//! Merging two versions of a watchlist show by show, by stable id.
//!
//! Used when the data file changed on disk (a sync tool, an editor, git) while the app held
//! edits of its own, and to fold a sync tool's conflict copy back in.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Show, Watchlist};

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
/// the same way is taken as is; a show changed differently on both sides is a conflict.
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
    let mut watchlist = merge.merged;
    for conflict in merge.conflicts {
        if !take_theirs(&conflict.id) {
            continue;
        }
        let at = watchlist.index_of(&conflict.id);
        match (at, conflict.theirs) {
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
}
