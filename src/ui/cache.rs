//! A value worked out from the watchlist and kept until what it depends on moves: the views'
//! title index, counts, facets and statistics.

/// A value of `T` made for one key: usually a document revision, or a revision with whatever
/// else the value was made for.
#[derive(Debug)]
pub struct Keyed<K, T>(Option<(K, T)>);

/// A value of `T` for one document revision.
pub type PerRevision<T> = Keyed<u64, T>;

impl<K, T> Default for Keyed<K, T> {
    fn default() -> Self {
        Keyed(None)
    }
}

impl<K: PartialEq, T> Keyed<K, T> {
    /// The value for `key`: the kept one when it was made for that key, else `make`'s, which is
    /// then kept.
    pub fn get(&mut self, key: K, make: impl FnOnce() -> T) -> &T {
        if self.0.as_ref().is_none_or(|(at, _)| *at != key) {
            self.0 = None;
        }
        &self.0.get_or_insert_with(|| (key, make())).1
    }

    /// The value kept, whatever it was made for.
    pub fn value(&self) -> Option<&T> {
        self.0.as_ref().map(|(_, value)| value)
    }

    /// Keeps `value`, made elsewhere (the opening job), for `key`.
    pub fn seed(&mut self, key: K, value: T) {
        self.0 = Some((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_value_serves_its_revision_only() {
        let mut cache = PerRevision::default();
        cache.seed(3, "from the opening job");
        assert_eq!(*cache.get(3, || "made here"), "from the opening job");
        assert_eq!(*cache.get(4, || "made here"), "made here");
    }

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

    #[test]
    fn a_compound_key_makes_it_again_when_any_part_moves() {
        let mut cache: Keyed<(u64, &str), String> = Keyed::default();
        assert_eq!(
            cache.get((1, "ballet"), || "1 ballet".to_owned()),
            "1 ballet"
        );
        assert_eq!(cache.get((1, "ballet"), || unreachable!()), "1 ballet");
        assert_eq!(
            cache.get((1, "comfort"), || "1 comfort".to_owned()),
            "1 comfort"
        );
        assert_eq!(
            cache.get((2, "comfort"), || "2 comfort".to_owned()),
            "2 comfort"
        );
    }
}
