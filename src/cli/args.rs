//! The command line's shape (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::model::Status;
use crate::store::DATA_ENV;

/// Curtain Call: track TV series, their status, scores, cast, and the storylines a canceled
/// show left unresolved. With no command, opens the app.
#[derive(Debug, Parser)]
#[command(name = "curtaincall", version, about, long_about = None)]
pub struct Cli {
    /// The watchlist file to use instead of the default one in the platform data directory.
    #[arg(long, global = true, value_name = "FILE", env = DATA_ENV)]
    pub data: Option<PathBuf>,

    /// Open the app, print the time to the first frame (and to the first frame showing the
    /// watchlist) and the memory in use, then exit.
    #[arg(long)]
    pub profile_startup: bool,

    /// Open the app with its window minimised (how "Start Curtain Call when I log in" starts
    /// it).
    #[arg(long)]
    pub minimized: bool,

    /// Open the app with this export (another tracker's, or Curtain Call's own) in the import
    /// review, as File → Import from another tracker… does.
    #[arg(long, value_name = "EXPORT")]
    pub review_import: Option<PathBuf>,

    /// TVmaze's API at another address (a mirror, or a local server for tests).
    #[arg(long, global = true, value_name = "URL", env = crate::sources::TVMAZE_URL_ENV)]
    pub tvmaze_url: Option<String>,

    /// TMDB's API at another address (a mirror, or a local server for tests).
    #[arg(long, global = true, value_name = "URL", env = crate::sources::TMDB_URL_ENV)]
    pub tmdb_url: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do instead of opening the app.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the shows: a line each with title, status and critic score.
    List {
        /// Print a JSON array with every detail instead.
        #[arg(long)]
        json: bool,
        /// Only the shows with this tag (ignoring case and accents).
        #[arg(long)]
        tag: Option<String>,
        /// Only the shows of this network (ignoring case and accents).
        #[arg(long)]
        network: Option<String>,
    },
    /// Check that a watchlist file loads; print "N shows, M storylines" or where it is broken.
    Validate {
        /// The file to check.
        file: PathBuf,
    },
    /// Print the sample watchlist (RON) a new user starts from.
    Sample,
    /// Add a show by hand, or from TVmaze with `--tvmaze ID` (see `search`).
    Add {
        /// The show's title.
        #[arg(required_unless_present = "tvmaze")]
        title: Option<String>,
        /// The network or streaming service, e.g. "Prime Video".
        #[arg(long, conflicts_with = "tvmaze")]
        network: Option<String>,
        /// Its status: planned, in-production, airing, returning, undetermined, ended, canceled.
        #[arg(long, default_value = "airing", value_parser = parse_status, conflicts_with = "tvmaze")]
        status: Status,
        /// Add the show with this TVmaze id, with its network, dates, genres, status, summary
        /// and cast.
        #[arg(long, value_name = "ID", conflicts_with = "title")]
        tvmaze: Option<u64>,
    },
    /// Search TVmaze for shows: a line each with its TVmaze id, title, year, network and
    /// status.
    Search {
        /// Words of the title.
        query: String,
        /// Print a JSON array instead.
        #[arg(long)]
        json: bool,
    },
    /// Ask the catalogs about every show with a TVmaze id, record what changed (status,
    /// network, a new season, an end date) as alerts, save, and print the changes: a line each,
    /// nothing when there is nothing new. For cron.
    Check {
        /// Print a JSON array of the changes instead.
        #[arg(long)]
        json: bool,
        /// Raise a desktop notification for each cancellation.
        #[arg(long)]
        notify: bool,
    },
    /// Use an image file (PNG, JPEG or WebP) as a show's poster; it is checked and copied into
    /// the poster cache.
    Poster {
        /// The show's id or exact title.
        show: String,
        /// The image file.
        file: PathBuf,
    },
    /// List or restore the backups kept at every save.
    Backups {
        #[command(subcommand)]
        action: BackupsCommand,
    },
    /// Print figures about the watchlist: shows by status, cancellations by network,
    /// storylines left unresolved.
    Stats {
        /// Print a JSON object instead.
        #[arg(long)]
        json: bool,
    },
    /// Add tags to a show (or take them off with --remove), then print its tags. Tags are
    /// personal lists: `list --tag NAME` prints one.
    Tag {
        /// The show's id or exact title.
        show: String,
        /// The tags, e.g. comfort "with Sam".
        #[arg(required = true)]
        tags: Vec<String>,
        /// Remove these tags instead of adding them.
        #[arg(long)]
        remove: bool,
    },
    /// Import another tracker's export (Trakt's folder or watch history, SeriesGuide's shows
    /// backup, an IMDb list or ratings CSV): prints what it found and how it joins the
    /// watchlist; writes only with --yes.
    Import {
        /// The export: a file, or the folder of an unpacked export.
        export: std::path::PathBuf,
        /// Only print what would be imported (the default without --yes).
        #[arg(long)]
        dry_run: bool,
        /// Print a JSON object instead.
        #[arg(long)]
        json: bool,
        /// Import it.
        #[arg(long)]
        yes: bool,
        /// A file holding the password of an encrypted export archive (TV Time's ZIP).
        #[arg(long, value_name = "FILE")]
        password_file: Option<std::path::PathBuf>,
    },
    /// Read a news article about a show (its text, an HTML page, or an https address): print
    /// the changes it implies (status,
    /// scores, creators, cast with characters, storylines left open), each with the sentence
    /// it came from; make them with --apply.
    ReadArticle {
        /// The article: a text or HTML file, an https address, or `-` for standard input.
        input: std::path::PathBuf,
        /// Only what it says about this show (id or exact title).
        #[arg(long)]
        show: Option<String>,
        /// Print a JSON object instead.
        #[arg(long)]
        json: bool,
        /// Make the changes (one change; the file before is kept as a backup).
        #[arg(long)]
        apply: bool,
        /// Where the article was published (a name or URL), recorded with a status change.
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// The day it was published (YYYY-MM-DD), for dates written without a year.
        #[arg(long, value_name = "DATE")]
        published: Option<jiff::civil::Date>,
    },
    /// Export everything on the watchlist: every field of every show as versioned JSON, or a
    /// ZIP of two CSV files (shows, watched episodes); `import` reads either back.
    Export {
        /// `json` (every field), or `csv` (a ZIP of curtaincall-shows.csv and
        /// curtaincall-episodes.csv; needs --out).
        #[arg(long, default_value = "json", value_parser = ["json", "csv"])]
        format: String,
        /// Write to FILE (replaced whole) instead of printing.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// Print the episodes airing in the coming days, by day, from the episode cache that
    /// `check` fills (no network).
    Upcoming {
        /// How many days ahead, today included.
        #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(0..=366))]
        days: u32,
        /// Print a JSON array instead.
        #[arg(long)]
        json: bool,
    },
    /// Write the upcoming episodes as an iCalendar (RFC 5545) file, from the episode cache.
    Calendar {
        /// iCalendar is the one format (required, so a future format is a new flag).
        #[arg(long, required = true)]
        ics: bool,
        /// Write to FILE (replaced whole) instead of printing.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// How many days ahead.
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=366))]
        days: u32,
    },
    /// Print "Previously on": the show's open storylines with where they were left and who is
    /// in them, the last episode watched, and your notes.
    Recap {
        /// The show's id or exact title.
        show: String,
        /// Print storyline text a spoiler shield hides.
        #[arg(long)]
        reveal: bool,
    },
    /// Print a show's episodes: each season, what was watched and when, what is next.
    Episodes {
        /// The show's id or exact title.
        show: String,
        /// Print a JSON object instead.
        #[arg(long)]
        json: bool,
    },
    /// Mark episodes watched: S01E03, a range S01E04-S01E08 (or S01E04-08), or a whole season
    /// S02. Today, unless --on gives the day or --undated says it is not known.
    Watched {
        /// The show's id or exact title.
        show: String,
        /// The episodes.
        #[arg(required = true, value_parser = parse_episode)]
        episodes: Vec<crate::model::episodes::EpisodeSpec>,
        /// The day they were watched, e.g. 2026-11-30.
        #[arg(long, value_parser = parse_day, conflicts_with = "undated")]
        on: Option<jiff::civil::Date>,
        /// Record them without a day.
        #[arg(long)]
        undated: bool,
    },
    /// Forget that episodes were watched (or skipped): the same forms as `watched`.
    Unwatched {
        /// The show's id or exact title.
        show: String,
        /// The episodes.
        #[arg(required = true, value_parser = parse_episode)]
        episodes: Vec<crate::model::episodes::EpisodeSpec>,
    },
    /// Change a show's status, recording it in the show's history with today's date.
    SetStatus {
        /// The show's id or exact title.
        show: String,
        /// planned, in-production, airing, returning, undetermined, ended or canceled.
        #[arg(value_parser = parse_status)]
        status: Status,
        /// Why, or where you read it.
        #[arg(long)]
        note: Option<String>,
    },
}

/// How `watched` records the day.
fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("“{text}” is not a date: write it as 2026-11-30"))
}

fn parse_episode(text: &str) -> Result<crate::model::episodes::EpisodeSpec, String> {
    text.parse()
        .map_err(|e: crate::model::episodes::BadEpisode| e.to_string())
}

/// What to do with backups.
#[derive(Debug, Subcommand)]
pub enum BackupsCommand {
    /// Number, date, shows and storylines of each backup, newest first.
    List,
    /// Replace the watchlist with backup N (from `backups list`); the current file is backed up
    /// first.
    Restore {
        /// The backup's number in `backups list`.
        number: usize,
    },
}

fn parse_status(word: &str) -> Result<Status, String> {
    word.parse()
        .map_err(|e: crate::model::UnknownStatus| e.to_string())
}
