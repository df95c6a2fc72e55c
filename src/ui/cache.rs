//! A value worked out from the watchlist and kept until the document revision it depends on
//! moves: the views' title index, counts, facets and statistics.

/// A value of `T` for one document revision.
#[derive(Debug)]
pub struct PerRevision<T>(Option<(u64, T)>);

impl<T> Default for PerRevision<T> {
    fn default() -> Self {
        PerRevision(None)
    }
}

impl<T> PerRevision<T> {
    /// The value for `revision`: the kept one when it was made for that revision, else `make`'s,
    /// which is then kept.
    pub fn get(&mut self, revision: u64, make: impl FnOnce() -> T) -> &T {
        if self.0.as_ref().is_none_or(|(at, _)| *at != revision) {
            self.0 = None;
        }
        &self.0.get_or_insert_with(|| (revision, make())).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_the_value_again_only_when_the_revision_moves() {
        let mut cache = PerRevision::default();
        let mut made = 0;
        let mut get = |cache: &mut PerRevision<u64>, revision| {
            *cache.get(revision, || {
                made += 1;
                revision * 10
            })
        };
        assert_eq!(get(&mut cache, 1), 10);
        assert_eq!(get(&mut cache, 1), 10);
        assert_eq!(get(&mut cache, 2), 20);
        assert_eq!(made, 2);
    }
}
