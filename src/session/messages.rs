//! What the session tells the user, as data: the status bar and the banners decide how to show
//! each kind (an Undo button after an edit, red for a failure) from its type, never from its
//! wording.

use std::fmt;

/// The outcome of the last thing the user (or a background job they started) did: one line in
/// the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// An edit was made, e.g. `Mark “Étoile” canceled`; it can be undone.
    Did(String),
    /// An edit was undone.
    Undid(String),
    /// An undone edit was made again.
    Redid(String),
    NothingToUndo,
    NothingToRedo,
    /// An edit was refused and nothing changed, e.g. `The show is already Canceled`.
    Refused(String),
    /// This window may not write, so nothing was changed.
    ReadOnly,
    /// News that needs no action, e.g. `Checked TVmaze: nothing new`.
    Info(String),
    /// Something the user asked for failed, e.g. a check that could not reach the catalog.
    Failed(String),
}

impl Message {
    /// True when the status bar offers Undo beside it: right after an edit.
    pub fn offers_undo(&self) -> bool {
        matches!(self, Message::Did(_) | Message::Redid(_))
    }

    /// True for a failure, shown in the alarm colour.
    pub fn is_failure(&self) -> bool {
        matches!(self, Message::Failed(_) | Message::Refused(_))
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Message::Did(label) | Message::Refused(label) => f.write_str(&capitalize(label)),
            Message::Undid(label) => write!(f, "Undid: {label}"),
            Message::Redid(label) => write!(f, "Redid: {label}"),
            Message::NothingToUndo => f.write_str("Nothing to undo"),
            Message::NothingToRedo => f.write_str("Nothing to redo"),
            Message::ReadOnly => f.write_str("This window is read-only; nothing was changed."),
            Message::Info(text) | Message::Failed(text) => f.write_str(text),
        }
    }
}

/// What happened to the data file itself: a banner above the list until the next news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileNews {
    /// The file changed outside and was read again (nothing was pending here).
    Reloaded,
    /// The file changed outside and the change was merged with the edits made here.
    Merged,
    /// The file was deleted outside; it is written again.
    DeletedOutside,
    /// A sync tool's conflict copy was merged in.
    CopyMerged(String),
    /// The user settled a conflict.
    ConflictSettled,
    /// The watchlist changed while the conflict dialog was open: it asks again.
    ChangedWhileDeciding,
    /// An older file was upgraded (its original is the newest backup).
    Upgraded { from: u32, to: u32 },
    /// Fields this version does not know were dropped, at the user's request.
    DroppedFields(Vec<String>),
}

impl fmt::Display for FileNews {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileNews::Reloaded => {
                f.write_str("Reloaded: the file was changed outside Curtain Call.")
            }
            FileNews::Merged => {
                f.write_str("Merged changes made to the file outside Curtain Call.")
            }
            FileNews::DeletedOutside => {
                f.write_str("The file was deleted outside Curtain Call; it will be written again.")
            }
            FileNews::CopyMerged(name) => write!(f, "Merged {name} into your watchlist."),
            FileNews::ConflictSettled => f.write_str("Conflict settled."),
            FileNews::ChangedWhileDeciding => f.write_str(
                "Your watchlist changed while you were deciding: check the shows again.",
            ),
            FileNews::Upgraded { from, to } => write!(
                f,
                "Upgraded the file from schema version {from} to {to}; the original is in the \
                 backups."
            ),
            FileNews::DroppedFields(names) => write!(
                f,
                "Dropped unknown fields: {}. The original file is kept beside it as …corrupt-….",
                names.join(", ")
            ),
        }
    }
}

/// `text` with its first letter in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_edit_offers_undo_whatever_its_words() {
        assert!(Message::Did("undid nothing, honestly".into()).offers_undo());
        assert!(!Message::Undid("edit notes of “Étoile”".into()).offers_undo());
        assert!(!Message::Info("Undid everything".into()).offers_undo());
        assert_eq!(
            Message::Did("mark “Étoile” canceled".into()).to_string(),
            "Mark “Étoile” canceled"
        );
    }
}
