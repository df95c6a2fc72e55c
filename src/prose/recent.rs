//! The texts read back from spill files lately, so that the UI thread can show them without
//! touching the disk: a worker reads the open show's texts into it ([`super::Prose::remember`])
//! and the UI finds them with [`super::Prose::now`].

use std::collections::VecDeque;
use std::ops::Deref;
use std::sync::{Arc, Mutex, PoisonError};

use super::ProseKey;

/// Up to this many bytes are remembered...
const MAX_BYTES: usize = 4 << 20;
/// ...but always at least this many texts, however long: more than one show has.
const MIN_TEXTS: usize = 256;

static RECENT: Mutex<VecDeque<(ProseKey, Arc<str>)>> = Mutex::new(VecDeque::new());

/// A text as [`super::Prose::now`] gives it: borrowed from memory or shared from the recent
/// texts.
pub enum Shared<'a> {
    Borrowed(&'a str),
    Recent(Arc<str>),
}

impl Deref for Shared<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Shared::Borrowed(text) => text,
            Shared::Recent(text) => text,
        }
    }
}

fn recent() -> std::sync::MutexGuard<'static, VecDeque<(ProseKey, Arc<str>)>> {
    RECENT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The remembered text kept at `key`.
pub(super) fn get(key: &ProseKey) -> Option<Arc<str>> {
    let recent = recent();
    recent
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, text)| Arc::clone(text))
}

/// Remembers `text`, forgetting the oldest texts past the limits.
pub(super) fn put(key: ProseKey, text: Arc<str>) {
    let mut recent = recent();
    recent.retain(|(k, _)| *k != key);
    recent.push_back((key, text));
    let mut bytes: usize = recent.iter().map(|(_, t)| t.len()).sum();
    while recent.len() > MIN_TEXTS && bytes > MAX_BYTES {
        if let Some((_, oldest)) = recent.pop_front() {
            bytes -= oldest.len();
        }
    }
}
