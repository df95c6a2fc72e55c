//! Long texts — notes, storyline texts, catalog summaries — that a loaded watchlist keeps on disk
//! rather than in memory.
//!
//! At 10,000 shows the notes and storylines are about 30 MB, half of what the watchlist takes in
//! memory, yet only the open show's are ever on screen. So when a data file is read, each long
//! text is copied to a private spill file (see [`spill`]) and the watchlist holds a [`Prose`]
//! handle to it: 24 bytes, the size of a `String`, with no heap block. Texts written in the app
//! are held in memory until the next load.
//!
//! The spill file is the app's own: it is created already deleted (`O_TMPFILE`) in the local
//! state folder, so no sync tool, editor or second instance can see or change it, and nothing
//! is left behind by a crash. The user's data file is never read again behind their back.
//!
//! Equality never reads the disk: a spilled text carries its length and a keyed 64-bit digest
//! of its content, and two texts are equal when both match (see [`Prose::eq`]). That keeps a
//! merge of two 10,000-show watchlists as fast as before.

mod recent;
mod spill;

use std::borrow::Cow;
use std::fmt;
use std::hash::BuildHasher;
use std::io;
use std::sync::{Arc, OnceLock};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use recent::Shared;
use spill::{Spill, current_spill};
pub use spill::{keep_texts_in, spilling};

/// A long text of the watchlist, held in memory or kept in this process's spill file.
#[derive(Clone)]
pub struct Prose(Repr);

#[derive(Clone)]
enum Repr {
    /// Written in this session (or no spill file could be made): the text itself.
    Held(Box<str>),
    /// Read from a data file: where the spill file has it.
    Kept {
        spill: Arc<Spill>,
        at: u32,
        len: u32,
        digest: u64,
    },
}

/// Identifies a text kept on disk, for caches of what has been read back: two keys are equal
/// when they name the same bytes of the same spill file. The key holds the spill file open, so
/// its place can never be taken by another.
#[derive(Clone)]
pub struct ProseKey {
    spill: Arc<Spill>,
    at: u32,
}

impl PartialEq for ProseKey {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.spill, &other.spill) && self.at == other.at
    }
}

impl Eq for ProseKey {}

impl std::hash::Hash for ProseKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (Arc::as_ptr(&self.spill) as usize).hash(state);
        self.at.hash(state);
    }
}

impl Prose {
    /// A text held in memory.
    pub fn new(text: impl Into<Box<str>>) -> Self {
        Prose(Repr::Held(text.into()))
    }

    /// The length of the text in bytes, without reading it.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Held(text) => text.len(),
            Repr::Kept { len, .. } => *len as usize,
        }
    }

    /// True for an empty text (never kept on disk).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text, when it is held in memory: no reading needed.
    pub fn held(&self) -> Option<&str> {
        match &self.0 {
            Repr::Held(text) => Some(text),
            Repr::Kept { .. } => None,
        }
    }

    /// Where the text is kept on disk; `None` when it is held in memory.
    pub fn key(&self) -> Option<ProseKey> {
        match &self.0 {
            Repr::Held(_) => None,
            Repr::Kept { spill, at, .. } => Some(ProseKey {
                spill: Arc::clone(spill),
                at: *at,
            }),
        }
    }

    /// The text, read back from the spill file if it is kept there. Off the UI thread only:
    /// the UI asks for [`Prose::now`] and has a worker [`Prose::remember`] what is missing.
    pub fn read(&self) -> io::Result<Cow<'_, str>> {
        match &self.0 {
            Repr::Held(text) => Ok(Cow::Borrowed(text)),
            Repr::Kept {
                spill,
                at,
                len,
                digest: expected,
            } => {
                let text = spill.read(*at, *len)?;
                // The spill file is private, so a mismatch means the disk gave back something
                // else than was written: better an error than a save of the wrong words.
                if digest(&text) != *expected {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "a text kept on disk came back changed",
                    ));
                }
                Ok(Cow::Owned(text))
            }
        }
    }

    /// The text if it can be had without reading the disk: held in memory, or read back
    /// recently through [`Prose::remember`]. What the UI thread uses.
    pub fn now(&self) -> Option<Shared<'_>> {
        match self.key() {
            None => self.held().map(Shared::Borrowed),
            Some(key) => recent::get(&key).map(Shared::Recent),
        }
    }

    /// Reads the text back (see [`Prose::read`]) and keeps it among the recently read texts,
    /// so that [`Prose::now`] has it. For the worker that reads the open show's texts.
    pub fn remember(&self) -> io::Result<()> {
        if let Some(key) = self.key()
            && recent::get(&key).is_none()
        {
            let text: Arc<str> = self.read()?.into();
            recent::put(key, text);
        }
        Ok(())
    }

    /// A text read from a data file: kept in the current spill file when a load is spilling
    /// (see [`spilling`]) and it is not empty, else held.
    fn from_loaded(text: &str) -> Self {
        if !text.is_empty()
            && let Some(spill) = current_spill()
            && let Some(at) = spill.append(text)
        {
            return Prose(Repr::Kept {
                spill,
                at,
                len: text.len() as u32,
                digest: digest(text),
            });
        }
        Prose::new(text)
    }

    /// Length and digest: what equality compares when either text is kept on disk.
    fn fingerprint(&self) -> (usize, u64) {
        match &self.0 {
            Repr::Held(text) => (text.len(), digest(text)),
            Repr::Kept { len, digest, .. } => (*len as usize, *digest),
        }
    }
}

/// A keyed 64-bit digest (SipHash-1-3 with keys drawn once per process): two different texts
/// share one with odds of about 1 in 2^64, and no file can be crafted to make them collide.
fn digest(text: &str) -> u64 {
    static KEYS: OnceLock<std::hash::RandomState> = OnceLock::new();
    KEYS.get_or_init(std::hash::RandomState::new).hash_one(text)
}

impl Default for Prose {
    fn default() -> Self {
        Prose::new("")
    }
}

impl From<String> for Prose {
    fn from(text: String) -> Self {
        Prose::new(text)
    }
}

impl From<&str> for Prose {
    fn from(text: &str) -> Self {
        Prose::new(text)
    }
}

impl PartialEq for Prose {
    /// Texts held in memory are compared as text. Otherwise by length and digest, which never
    /// reads the disk: a 10,000-show merge compares 60,000 texts on the UI thread.
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Held(a), Repr::Held(b)) => a == b,
            (
                Repr::Kept {
                    spill: a, at: at_a, ..
                },
                Repr::Kept {
                    spill: b, at: at_b, ..
                },
            ) if Arc::ptr_eq(a, b) && at_a == at_b => true,
            _ => self.len() == other.len() && self.fingerprint() == other.fingerprint(),
        }
    }
}

impl PartialEq<str> for Prose {
    fn eq(&self, other: &str) -> bool {
        match &self.0 {
            Repr::Held(text) => &**text == other,
            Repr::Kept { .. } => self.fingerprint() == (other.len(), digest(other)),
        }
    }
}

impl PartialEq<&str> for Prose {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl fmt::Debug for Prose {
    /// Never reads the disk (a log line may be written on the UI thread).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.now() {
            Some(text) => fmt::Debug::fmt(&*text, f),
            None => write!(f, "<{} bytes kept on disk>", self.len()),
        }
    }
}

impl Serialize for Prose {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.read() {
            Ok(text) => serializer.serialize_str(&text),
            Err(error) => Err(serde::ser::Error::custom(format!(
                "could not read back a text kept on disk: {error}"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Prose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProseVisitor;

        impl Visitor<'_> for ProseVisitor {
            type Value = Prose;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Prose, E> {
                Ok(Prose::from_loaded(text))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Prose, E> {
                if current_spill().is_some() {
                    Ok(Prose::from_loaded(&text))
                } else {
                    Ok(Prose::new(text))
                }
            }
        }

        deserializer.deserialize_string(ProseVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(texts: &[&str]) -> Vec<Prose> {
        spilling(|| texts.iter().map(|t| Prose::from_loaded(t)).collect())
    }

    #[test]
    fn loaded_texts_are_kept_on_disk_and_read_back() {
        let texts = [
            "She never opened the letter.",
            "",
            "Ünïcode — and \"quotes\"\n",
        ];
        let kept = loaded(&texts);
        assert!(kept[0].key().is_some() && kept[2].key().is_some());
        assert!(kept[1].held().is_some(), "an empty text needs no file");
        for (prose, text) in kept.iter().zip(texts) {
            assert_eq!(prose.read().expect("reads"), text);
            assert_eq!(prose.len(), text.len());
        }
    }

    #[test]
    fn texts_outside_a_load_are_held() {
        let prose = Prose::from_loaded("typed in the app");
        assert_eq!(prose.held(), Some("typed in the app"));
    }

    #[test]
    fn equality_compares_content_wherever_the_text_lives() {
        let kept = loaded(&["the finale", "the finale", "the finalE"]);
        assert_eq!(kept[0], kept[1], "same text, two places in the spill");
        assert_ne!(kept[0], kept[2]);
        assert_eq!(kept[0], Prose::new("the finale"));
        assert_ne!(kept[0], Prose::new("the finale "));
        assert_eq!(kept[0], "the finale");
        let other_load = loaded(&["the finale"]);
        assert_eq!(kept[0], other_load[0], "same text, another load's spill");
    }

    #[test]
    fn large_loads_are_written_out_in_pieces_and_read_back_whole() {
        let texts: Vec<String> = (0..3000)
            .map(|i| format!("{i}: {}", "what the finale left open. ".repeat(i % 40)))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let kept = loaded(&refs);
        for (prose, text) in kept.iter().zip(&texts) {
            assert_eq!(prose.read().expect("reads"), text.as_str());
        }
    }

    #[test]
    fn serde_writes_the_text_and_a_spilling_load_keeps_it_on_disk() {
        let kept = loaded(&["line one\nline two"]);
        let json = serde_json::to_string(&kept[0]).expect("writes");
        assert_eq!(json, r#""line one\nline two""#);
        let back: Prose = spilling(|| serde_json::from_str(&json).expect("reads"));
        assert!(back.key().is_some());
        assert_eq!(back, kept[0]);
        let held: Prose = serde_json::from_str(&json).expect("reads");
        assert!(held.held().is_some());
    }

    #[test]
    fn a_remembered_text_is_there_without_reading() {
        let kept = loaded(&["who sent the letter?"]);
        let held = Prose::new("typed");
        assert_eq!(held.now().as_deref(), Some("typed"));
        assert!(kept[0].now().is_none(), "not read back yet");
        kept[0].remember().expect("reads");
        assert_eq!(kept[0].now().as_deref(), Some("who sent the letter?"));
        assert_eq!(format!("{:?}", kept[0]), "\"who sent the letter?\"");
    }

    #[test]
    fn a_text_that_comes_back_changed_is_an_error_and_is_not_saved() {
        let kept = loaded(&["Nobody opened the letter."]);
        let Repr::Kept { spill, at, .. } = &kept[0].0 else {
            panic!("kept on disk");
        };
        spill.damage(*at, b"Everybody");
        let error = kept[0].read().expect_err("the digest no longer matches");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(
            serde_json::to_string(&kept[0]).is_err(),
            "nothing is written"
        );
    }

    #[test]
    fn a_handle_is_no_bigger_than_a_string() {
        assert_eq!(std::mem::size_of::<Prose>(), std::mem::size_of::<String>());
    }
}
