//! What the command line (or a second launch) and the running app say to each other: one
//! request per connection, answered by [`Reply::Taken`] once the app has it in hand, then by
//! [`Reply::Done`] with what the command prints or why it failed.
//!
//! On the wire every message is a frame: its length as 4 bytes (big-endian), then that many
//! bytes of JSON, `{"version": 1, "body": …}`. A request is followed by a second frame, its
//! attachment: raw bytes (a poster image for `poster SHOW FILE`, which the command line reads
//! and sends, so the app never opens a path it is given), empty for every other request.
//! Lengths are capped before anything is allocated; a request of another version, one that is
//! not JSON or one this version does not know is refused with a reason and changes nothing.

use std::io::{self, Read, Write};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use jiff::civil::Date;

use crate::model::episodes::EpisodeSpec;
use crate::model::{Show, Status};

/// The protocol's version; a request of any other is refused.
pub const VERSION: u32 = 1;

/// The largest request frame taken (JSON; a show to add is a few kilobytes).
pub const MAX_REQUEST: u32 = 256 * 1024;

/// The largest attachment taken: the largest image a poster may be.
pub const MAX_ATTACHMENT: u32 = crate::posters::decode::MAX_FILE as u32;

/// The largest export a command line sends for the app to import (its shows as JSON).
pub const MAX_IMPORT: u32 = 256 * 1024 * 1024;

/// The largest reply frame read (a check's findings about many shows).
const MAX_REPLY: u32 = 64 * 1024 * 1024;

/// What the running app is asked to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Request {
    /// Raise and focus the window (Curtain Call was launched again).
    Focus,
    /// Make an edit, as one undoable change, and answer with what the command prints.
    Edit(ScriptedEdit),
    /// Make the attached image the show's poster (`poster SHOW FILE`).
    Poster { show: String },
    /// Check the catalogs now, as F5 does, and answer with the findings (`check`).
    Check { json: bool },
    /// Replace the watchlist with backup `number` of `backups list` (`backups restore N`).
    RestoreBackup { number: usize },
    /// Import an export the command line read (`import FILE --yes`): its shows, made whole,
    /// are the attachment (JSON), planned by the app against the watchlist as it has it.
    Import(ImportRequest),
    /// Read an article and apply what it says (`read-article … --apply`): the article's text
    /// is the attachment (UTF-8), read by the app against the watchlist as it has it.
    ReadArticle(ArticleRequest),
}

/// What the command line says about an article besides its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRequest {
    /// Where it was published (a name or address), recorded with a status change.
    pub source: String,
    /// Its day, for dates written without a year and as the day of the changes.
    pub published: Option<Date>,
    /// Only what it says about this show (an id or exact title).
    pub show: Option<String>,
    /// Answer with the `--json` form.
    pub json: bool,
}

/// What the command line says about an export besides its shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRequest {
    pub format: crate::import::Format,
    pub movies: usize,
    pub unreadable: usize,
    pub unreadable_examples: Vec<String>,
    /// Answer with the `--json` form.
    pub json: bool,
}

impl ImportRequest {
    /// The request for `found` (whose shows travel as the attachment).
    pub fn of(found: &crate::import::Found, json: bool) -> Self {
        ImportRequest {
            format: found.format,
            movies: found.movies,
            unreadable: found.unreadable,
            unreadable_examples: found.unreadable_examples.clone(),
            json,
        }
    }

    /// The export again, with `whole` shows, for planning.
    pub fn found(&self, whole: Vec<crate::import::WholeShow>) -> crate::import::Found {
        let mut found = crate::import::Found::new(self.format);
        found.movies = self.movies;
        found.unreadable = self.unreadable;
        found.unreadable_examples = self.unreadable_examples.clone();
        found.whole = whole;
        found
    }
}

impl Request {
    /// The command it came from, for messages ("From the command line: …").
    pub fn describe(&self) -> &'static str {
        match self {
            Request::Focus => "focus",
            Request::Edit(ScriptedEdit::Add { .. }) => "add",
            Request::Edit(ScriptedEdit::SetStatus { .. }) => "set-status",
            Request::Edit(ScriptedEdit::Tag { .. }) => "tag",
            Request::Edit(ScriptedEdit::Poster { .. }) | Request::Poster { .. } => "poster",
            Request::Edit(ScriptedEdit::Watched { .. }) => "watched",
            Request::Edit(ScriptedEdit::Unwatched { .. }) => "unwatched",
            Request::Check { .. } => "check",
            Request::RestoreBackup { .. } => "backups restore",
            Request::Import(_) => "import",
            Request::ReadArticle(_) => "read-article",
        }
    }
}

/// An edit a writing subcommand makes, the same whether the running app makes it or the
/// command line makes it on the file (see `session::scripted`). Shows are named by id or exact
/// title, as the user typed them: the app looks them up in the watchlist as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScriptedEdit {
    /// `add`: the show, made by the command line (by hand, or fetched from TVmaze); refused
    /// when a show with the same TVmaze id is on the watchlist.
    Add { show: Box<Show> },
    /// `set-status SHOW STATUS [--note]`.
    SetStatus {
        show: String,
        status: Status,
        note: String,
    },
    /// `tag SHOW TAG… [--remove]`.
    Tag {
        show: String,
        tags: Vec<String>,
        remove: bool,
    },
    /// `poster SHOW FILE`, once the image is in the poster cache under `name`.
    Poster { show: String, name: String },
    /// `watched SHOW EPISODES… [--on DAY | --undated]`: today when neither is given.
    Watched {
        show: String,
        episodes: Vec<EpisodeSpec>,
        on: Option<Date>,
        undated: bool,
    },
    /// `unwatched SHOW EPISODES…`.
    Unwatched {
        show: String,
        episodes: Vec<EpisodeSpec>,
    },
}

/// What the app answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reply {
    /// The app has the request in hand (it is alive); the answer follows.
    Taken,
    /// What the command prints on success, or why nothing was changed.
    Done(Result<String, String>),
}

/// Why a message could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    #[error("the request is {len} bytes; at most {max} are taken")]
    TooLarge { len: u32, max: u32 },
    #[error("the request is not valid: {0}")]
    Malformed(String),
    #[error(
        "the request speaks version {0} of the protocol and this Curtain Call speaks {VERSION}; \
         use the same version of the command line as of the app"
    )]
    Version(u32),
    #[error("the connection ended in the middle of a message")]
    Truncated,
    #[error(transparent)]
    Io(#[from] io::Error),
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    version: u32,
    body: T,
}

/// Writes a request and its attachment.
pub fn write_request(to: &mut impl Write, request: &Request, attachment: &[u8]) -> io::Result<()> {
    write_message(to, request)?;
    write_frame(to, attachment)?;
    to.flush()
}

/// Reads a request and its attachment, refusing anything too large, malformed or of another
/// version.
pub fn read_request(from: &mut impl Read) -> Result<(Request, Vec<u8>), ProtocolError> {
    let request = read_message(from, MAX_REQUEST)?;
    let most = match request {
        Request::Import(_) => MAX_IMPORT,
        _ => MAX_ATTACHMENT,
    };
    let attachment = read_frame(from, most)?;
    Ok((request, attachment))
}

/// Writes a reply.
pub fn write_reply(to: &mut impl Write, reply: &Reply) -> io::Result<()> {
    write_message(to, reply)?;
    to.flush()
}

/// Reads a reply.
pub fn read_reply(from: &mut impl Read) -> Result<Reply, ProtocolError> {
    read_message(from, MAX_REPLY)
}

fn write_message<T: Serialize>(to: &mut impl Write, body: &T) -> io::Result<()> {
    let json = serde_json::to_vec(&Envelope {
        version: VERSION,
        body,
    })
    .map_err(io::Error::other)?;
    write_frame(to, &json)
}

fn read_message<T: DeserializeOwned>(from: &mut impl Read, max: u32) -> Result<T, ProtocolError> {
    let json = read_frame(from, max)?;
    // The version first, so a newer command line hears "another version", not "malformed".
    let envelope: Envelope<serde_json::Value> =
        serde_json::from_slice(&json).map_err(|e| ProtocolError::Malformed(e.to_string()))?;
    if envelope.version != VERSION {
        return Err(ProtocolError::Version(envelope.version));
    }
    serde_json::from_value(envelope.body).map_err(|e| ProtocolError::Malformed(e.to_string()))
}

fn write_frame(to: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "message too large"))?;
    to.write_all(&len.to_be_bytes())?;
    to.write_all(bytes)
}

fn read_frame(from: &mut impl Read, max: u32) -> Result<Vec<u8>, ProtocolError> {
    let mut len = [0; 4];
    read_exactly(from, &mut len)?;
    let len = u32::from_be_bytes(len);
    if len > max {
        return Err(ProtocolError::TooLarge { len, max });
    }
    let mut bytes = vec![0; len as usize];
    read_exactly(from, &mut bytes)?;
    Ok(bytes)
}

fn read_exactly(from: &mut impl Read, into: &mut [u8]) -> Result<(), ProtocolError> {
    from.read_exact(into).map_err(|error| match error.kind() {
        io::ErrorKind::UnexpectedEof => ProtocolError::Truncated,
        _ => ProtocolError::Io(error),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request_bytes(request: &Request, attachment: &[u8]) -> Vec<u8> {
        let mut bytes = Vec::new();
        write_request(&mut bytes, request, attachment).expect("writes");
        bytes
    }

    #[test]
    fn a_request_and_its_attachment_come_back_as_sent() {
        let mut show = Show::new("", "Slow Horses", Status::Airing);
        show.tags.push("spy".into());
        for (request, attachment) in [
            (Request::Focus, &b""[..]),
            (
                Request::Edit(ScriptedEdit::Add {
                    show: Box::new(show),
                }),
                b"",
            ),
            (
                Request::Edit(ScriptedEdit::SetStatus {
                    show: "Slow Horses".into(),
                    status: Status::Canceled,
                    note: "Apple said so".into(),
                }),
                b"",
            ),
            (
                Request::Poster {
                    show: "etoile".into(),
                },
                b"\x89PNG...",
            ),
            (Request::Check { json: true }, b""),
        ] {
            let bytes = request_bytes(&request, attachment);
            let (read, attached) = read_request(&mut &bytes[..]).expect("reads");
            assert_eq!(read, request);
            assert_eq!(attached, attachment);
        }
    }

    #[test]
    fn hostile_requests_are_refused_with_a_reason() {
        // Text where a length belongs: read as a length far over the cap, never allocated.
        let garbage = b"GET / HTTP/1.1\r\n\r\n";
        assert!(matches!(
            read_request(&mut &garbage[..]),
            Err(ProtocolError::TooLarge { .. })
        ));
        // A length within the cap, then no JSON.
        let mut not_json = 5u32.to_be_bytes().to_vec();
        not_json.extend_from_slice(b"hello\0\0\0\0");
        assert!(matches!(
            read_request(&mut &not_json[..]),
            Err(ProtocolError::Malformed(_))
        ));
        // Cut off in the middle.
        let whole = request_bytes(&Request::Check { json: false }, b"");
        for cut in [2, 6, whole.len() - 5] {
            assert!(matches!(
                read_request(&mut &whole[..cut]),
                Err(ProtocolError::Truncated)
            ));
        }
        // A newer protocol.
        let newer = br#"{"version":2,"body":"focus"}"#;
        let mut framed = (newer.len() as u32).to_be_bytes().to_vec();
        framed.extend_from_slice(newer);
        framed.extend_from_slice(&0u32.to_be_bytes());
        match read_request(&mut &framed[..]) {
            Err(error @ ProtocolError::Version(2)) => {
                assert!(error.to_string().contains("version 2"), "{error}");
            }
            other => panic!("{other:?}"),
        }
        // A command this version does not know.
        let unknown = br#"{"version":1,"body":"format-disk"}"#;
        let mut framed = (unknown.len() as u32).to_be_bytes().to_vec();
        framed.extend_from_slice(unknown);
        framed.extend_from_slice(&0u32.to_be_bytes());
        match read_request(&mut &framed[..]) {
            Err(ProtocolError::Malformed(why)) => assert!(why.contains("format-disk"), "{why}"),
            other => panic!("{other:?}"),
        }
        // An attachment over the cap.
        let mut big = request_bytes(&Request::Focus, b"");
        big.truncate(big.len() - 4);
        big.extend_from_slice(&(MAX_ATTACHMENT + 1).to_be_bytes());
        assert!(matches!(
            read_request(&mut &big[..]),
            Err(ProtocolError::TooLarge { .. })
        ));
    }

    #[test]
    fn replies_come_back_as_sent() {
        let mut bytes = Vec::new();
        for reply in [
            Reply::Taken,
            Reply::Done(Ok("Slow Horses: Airing → Canceled\n".into())),
            Reply::Done(Err("no show has the id or title \"Nope\"".into())),
        ] {
            bytes.clear();
            write_reply(&mut bytes, &reply).expect("writes");
            assert_eq!(read_reply(&mut &bytes[..]).expect("reads"), reply);
        }
    }
}
