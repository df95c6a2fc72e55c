//! A short list of names, such as the characters a storyline involves, in the space of one
//! `Name`.

use std::fmt;

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A short text (an actor or character, a creator, a network, a genre, a tag, a storyline's
/// title), kept inline with no heap block up to 24 bytes, which almost every one is. A large
/// watchlist holds dozens per show, and a heap block each cost more memory than the text.
pub type Name = compact_str::CompactString;

/// Where names are joined in the packed form. A name holding it (or an empty name, which would
/// vanish) makes the list spread instead, so every list reads back as it was written.
const SEPARATOR: char = '\n';

/// A list of names packed into one [`Name`], one per line: "Jack" and "Cheyenne" fit in its 24
/// inline bytes, so a storyline's characters cost no heap block, where a `Vec<Name>` costs one
/// of 64 bytes (3 MB at 10,000 shows). 24 bytes, like a `Vec`. Written to the file as a list.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NameList(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// The names joined by [`SEPARATOR`]; empty for no names.
    Packed(Name),
    /// Names that cannot be packed.
    Spread(Box<[Name]>),
}

impl NameList {
    /// The names, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let (packed, spread) = match &self.0 {
            Repr::Packed(joined) if joined.is_empty() => (None, None),
            Repr::Packed(joined) => (Some(joined.split(SEPARATOR)), None),
            Repr::Spread(names) => (None, Some(names.iter().map(Name::as_str))),
        };
        packed
            .into_iter()
            .flatten()
            .chain(spread.into_iter().flatten())
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Packed(joined) => joined.is_empty(),
            Repr::Spread(names) => names.is_empty(),
        }
    }
}

impl Default for NameList {
    fn default() -> Self {
        NameList(Repr::Packed(Name::default()))
    }
}

impl<S: AsRef<str>> FromIterator<S> for NameList {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> Self {
        let names: Vec<S> = names.into_iter().collect();
        let packable = names
            .iter()
            .all(|n| !n.as_ref().is_empty() && !n.as_ref().contains(SEPARATOR));
        if packable {
            let mut joined = Name::default();
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    joined.push(SEPARATOR);
                }
                joined.push_str(name.as_ref());
            }
            NameList(Repr::Packed(joined))
        } else {
            NameList(Repr::Spread(
                names.iter().map(|n| Name::from(n.as_ref())).collect(),
            ))
        }
    }
}

impl fmt::Debug for NameList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for NameList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for name in self.iter() {
            seq.serialize_element(name)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for NameList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;

        impl<'de> Visitor<'de> for ListVisitor {
            type Value = NameList;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of names")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NameList, A::Error> {
                let mut names: Vec<Name> = Vec::new();
                while let Some(name) = seq.next_element::<Name>()? {
                    names.push(name);
                }
                Ok(names.into_iter().collect())
            }
        }

        deserializer.deserialize_seq(ListVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> NameList {
        names.iter().collect()
    }

    #[test]
    fn every_list_reads_back_as_it_was_written() {
        for names in [
            &[][..],
            &["Jack"],
            &["Jack", "Cheyenne"],
            &["", "Jack"],
            &[""],
            &["Two\nlines", "Jack"],
            &["A name longer than twenty-four bytes", "Bo"],
        ] {
            let list = list(names);
            assert_eq!(list.iter().collect::<Vec<_>>(), names, "{names:?}");
            assert_eq!(list.len(), names.len());
            assert_eq!(list.is_empty(), names.is_empty());
            let json = serde_json::to_string(&list).expect("writes");
            assert_eq!(json, serde_json::to_string(names).expect("writes"));
            let back: NameList = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, list, "{names:?}");
        }
    }

    #[test]
    fn a_few_short_names_take_no_heap_block() {
        let NameList(Repr::Packed(joined)) = list(&["Jack", "Cheyenne", "Ana"]) else {
            panic!("short names are packed");
        };
        assert!(!joined.is_heap_allocated());
        assert_eq!(size_of::<NameList>(), size_of::<Vec<Name>>());
    }
}
