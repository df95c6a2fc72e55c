//! A series' production status and where a change of it came from.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a series stands, in the terms the metadata providers agree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    /// Announced, not yet filming.
    Planned,
    /// Filming or in post-production, not yet aired.
    InProduction,
    /// Episodes are coming out now.
    Airing,
    /// Renewed: another season is coming.
    Returning,
    /// Between seasons, awaiting a decision on renewal.
    Undetermined,
    /// Concluded as its makers intended.
    Ended,
    /// Stopped by the network or service before its makers were done.
    Canceled,
}

impl Status {
    /// Every status, in the order a person reads them (from not-yet-aired to over).
    pub const ALL: [Status; 7] = [
        Status::Planned,
        Status::InProduction,
        Status::Airing,
        Status::Returning,
        Status::Undetermined,
        Status::Ended,
        Status::Canceled,
    ];

    /// The word used on the command line and in JSON, e.g. `in-production`.
    pub fn word(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProduction => "in-production",
            Status::Airing => "airing",
            Status::Returning => "returning",
            Status::Undetermined => "undetermined",
            Status::Ended => "ended",
            Status::Canceled => "canceled",
        }
    }

    /// The label shown to people, e.g. `In production`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Planned => "Planned",
            Status::InProduction => "In production",
            Status::Airing => "Airing",
            Status::Returning => "Returning",
            Status::Undetermined => "Undetermined",
            Status::Ended => "Ended",
            Status::Canceled => "Canceled",
        }
    }

    /// A glyph that tells the status apart without relying on color.
    pub fn icon(self) -> &'static str {
        match self {
            Status::Planned => "📅",
            Status::InProduction => "🎬",
            Status::Airing => "▶",
            Status::Returning => "🔁",
            Status::Undetermined => "⏳",
            Status::Ended => "🏁",
            Status::Canceled => "✖",
        }
    }

    /// True when no more episodes are expected.
    pub fn is_over(self) -> bool {
        matches!(self, Status::Ended | Status::Canceled)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// A status word that names no status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown status {0:?}; expected one of: planned, in-production, airing, returning, undetermined, ended, canceled"
)]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    /// Accepts the CLI word, the label, and common spellings (`cancelled`, `renewed`, `running`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let normal: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        let status = match normal.as_str() {
            "planned" => Status::Planned,
            "inproduction" => Status::InProduction,
            "airing" | "running" => Status::Airing,
            "returning" | "renewed" => Status::Returning,
            "undetermined" | "tbd" | "tobedetermined" => Status::Undetermined,
            "ended" => Status::Ended,
            "canceled" | "cancelled" => Status::Canceled,
            _ => return Err(UnknownStatus(s.to_owned())),
        };
        Ok(status)
    }
}

/// Who said a status (or score) changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    /// The user, in the app or on the command line.
    #[default]
    Manual,
    /// The TVmaze catalog.
    TvMaze,
    /// The Movie Database.
    Tmdb,
    /// A web page, e.g. a trade-press article.
    Url(String),
}

impl Source {
    /// The name shown to people: `by hand`, `TVmaze`, `TMDB`, or the URL itself.
    pub fn label(&self) -> &str {
        match self {
            Source::Manual => "by hand",
            Source::TvMaze => "TVmaze",
            Source::Tmdb => "TMDB",
            Source::Url(url) => url,
        }
    }

    /// The word used in JSON: `manual`, `tvmaze`, `tmdb`, or the URL itself.
    pub fn describe(&self) -> &str {
        match self {
            Source::Manual => "manual",
            Source::TvMaze => "tvmaze",
            Source::Tmdb => "tmdb",
            Source::Url(url) => url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_back_to_its_status() {
        for status in Status::ALL {
            assert_eq!(status.word().parse::<Status>(), Ok(status));
            assert_eq!(status.label().parse::<Status>(), Ok(status));
        }
        assert_eq!("Cancelled".parse::<Status>(), Ok(Status::Canceled));
        assert!("cancel".parse::<Status>().is_err());
    }
}
