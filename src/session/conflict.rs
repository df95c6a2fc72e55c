//! A conflict waiting for the user: shows changed both here and elsewhere (in the data file, or
//! in a sync tool's conflict copy), with the choice made so far for each.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Watchlist;
use crate::model::merge::{self, Merge};
use crate::store::Fingerprint;

/// Shows changed both here and elsewhere, and what the user chose for each.
#[derive(Debug)]
pub struct PendingConflict {
    merge: Merge,
    /// The other version: where it came from and what the merge was made with.
    source: ConflictSource,
    /// For each conflicting show id: true to take the other version.
    take_theirs: BTreeMap<String, bool>,
    /// For a show kept from here: the fields (by their names in the file) taken from the other
    /// version all the same.
    fields: BTreeMap<String, BTreeSet<String>>,
    /// The document's revision the merge was made from.
    made_at: u64,
}

/// Where the other side of a conflict came from, with what the merge is made of, to make it
/// again if the document changes behind the dialog.
#[derive(Debug)]
pub enum ConflictSource {
    /// The data file, changed outside the app: what it held (`theirs`, with its fingerprint) and
    /// the base of the three-way merge.
    DataFile {
        on_disk: Fingerprint,
        base: Watchlist,
        theirs: Watchlist,
    },
    /// A sync tool's conflict copy.
    Copy { path: PathBuf, copy: Watchlist },
}

impl ConflictSource {
    /// Merges `local` with the other side again.
    pub fn merge(&self, local: &Watchlist) -> Merge {
        match self {
            ConflictSource::DataFile { base, theirs, .. } => merge::three_way(base, local, theirs),
            ConflictSource::Copy { copy, .. } => merge::fold_in_copy(local, copy),
        }
    }

    /// The conflict copy's path, for a copy.
    pub fn copy_path(&self) -> Option<&Path> {
        match self {
            ConflictSource::DataFile { .. } => None,
            ConflictSource::Copy { path, .. } => Some(path),
        }
    }
}

impl PendingConflict {
    /// A conflict to ask about, with every show defaulting to the local version.
    pub fn new(merge: Merge, source: ConflictSource, made_at: u64) -> Self {
        PendingConflict {
            take_theirs: merge
                .conflicts
                .iter()
                .map(|c| (c.id.clone(), false))
                .collect(),
            fields: BTreeMap::new(),
            merge,
            source,
            made_at,
        }
    }

    /// The merge: what merged cleanly, and the shows to ask about.
    pub fn merge(&self) -> &Merge {
        &self.merge
    }

    /// Where the other version came from.
    pub fn source(&self) -> &ConflictSource {
        &self.source
    }

    /// True when the other version of show `id` is chosen.
    pub fn takes_theirs(&self, id: &str) -> bool {
        self.take_theirs.get(id).copied().unwrap_or(false)
    }

    /// True when field `key` of show `id` will come from the other version (the whole show
    /// was chosen, or that field).
    pub fn takes_theirs_field(&self, id: &str, key: &str) -> bool {
        self.takes_theirs(id) || self.fields.get(id).is_some_and(|keys| keys.contains(key))
    }

    /// Chooses a version of show `id`, all its fields.
    pub fn choose(&mut self, id: &str, take_theirs: bool) {
        if let Some(choice) = self.take_theirs.get_mut(id) {
            *choice = take_theirs;
            self.fields.remove(id);
        }
    }

    /// Chooses which version field `key` of show `id` comes from; the other fields keep their
    /// choice.
    pub fn choose_field(&mut self, id: &str, key: &str, take_theirs: bool) {
        if self.takes_theirs_field(id, key) == take_theirs || !self.take_theirs.contains_key(id) {
            return;
        }
        // Every field that comes from the other version now, from here on listed one by one.
        let mut keys: BTreeSet<String> = match self.merge.conflicts.iter().find(|c| c.id == id) {
            Some(conflict) if self.takes_theirs(id) => match (&conflict.local, &conflict.theirs) {
                (Some(mine), Some(other)) => merge::differences(mine, other)
                    .into_iter()
                    .map(|d| d.key)
                    .collect(),
                _ => BTreeSet::new(),
            },
            _ => self.fields.remove(id).unwrap_or_default(),
        };
        if take_theirs {
            keys.insert(key.to_owned());
        } else {
            keys.remove(key);
        }
        self.take_theirs.insert(id.to_owned(), false);
        self.fields.insert(id.to_owned(), keys);
    }

    /// Keeps the choices made in `earlier` for the shows this conflict asks about too.
    pub fn keep_choices_of(&mut self, earlier: &PendingConflict) {
        self.keep_choices(&earlier.take_theirs, &earlier.fields);
    }

    fn keep_choices(
        &mut self,
        earlier: &BTreeMap<String, bool>,
        fields: &BTreeMap<String, BTreeSet<String>>,
    ) {
        for (id, take_theirs) in &mut self.take_theirs {
            if let Some(&chosen) = earlier.get(id) {
                *take_theirs = chosen;
            }
            if let Some(keys) = fields.get(id) {
                self.fields.insert(id.clone(), keys.clone());
            }
        }
    }

    /// The watchlist the user's choices make against `local` (the document at `revision`), or,
    /// when the document changed behind the dialog so that the question is no longer the same,
    /// the conflict to ask instead (with the choices made so far).
    pub fn settle(
        self,
        local: &Watchlist,
        revision: u64,
    ) -> Result<(Watchlist, ConflictSource), Box<PendingConflict>> {
        let PendingConflict {
            merge,
            source,
            take_theirs,
            fields,
            made_at,
        } = self;
        let merge = if revision == made_at {
            merge
        } else {
            // The watchlist changed behind the dialog (a reload, a check's answers, a download):
            // applying the old merge would undo that. Merge again with the same other side.
            let again = source.merge(local);
            if !asks_the_same(&merge, &again) {
                let mut asked = PendingConflict::new(again, source, revision);
                asked.keep_choices(&take_theirs, &fields);
                return Err(Box::new(asked));
            }
            again
        };
        let merged = merge::resolve_with(merge, |conflict| {
            if take_theirs.get(&conflict.id).copied().unwrap_or(false) {
                return conflict.theirs.clone();
            }
            match (&conflict.local, &conflict.theirs, fields.get(&conflict.id)) {
                (Some(mine), Some(other), Some(keys)) if !keys.is_empty() => {
                    merge::combine(mine, other, |key| keys.contains(key))
                        .map(Arc::new)
                        .or_else(|| conflict.local.clone())
                }
                _ => conflict.local.clone(),
            }
        });
        Ok((merged, source))
    }
}

/// True when the two merges ask about the same shows, each with the same two versions.
fn asks_the_same(a: &Merge, b: &Merge) -> bool {
    a.conflicts.len() == b.conflicts.len()
        && a.conflicts
            .iter()
            .zip(&b.conflicts)
            .all(|(a, b)| a.id == b.id && a.local == b.local && a.theirs == b.theirs)
}
