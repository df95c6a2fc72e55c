//! The JSON shape of a watchlist for scripts (`curtaincall list --json`).
//!
//! Kept apart from the RON file format on purpose: the file follows Rust naming and may grow,
//! while this is a small public interface with the words the command line uses.

pub mod csv;

use serde::Serialize;

use crate::model::{Name, NameList, Show, Watchlist};

/// One show as scripts see it.
#[derive(Debug, Serialize)]
pub struct ShowJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub status: &'static str,
    pub network: Option<&'a str>,
    pub creators: &'a [Name],
    pub studios: &'a [Name],
    pub status_history: Vec<StatusChangeJson<'a>>,
    pub scores: Vec<ScoreJson<'a>>,
    pub cast: Vec<CastJson<'a>>,
    pub storylines: Vec<StorylineJson<'a>>,
    pub notes: &'a str,
    /// `YYYY-MM-DD`, or null.
    pub premiered: Option<String>,
    pub ended: Option<String>,
    pub genres: &'a [Name],
    /// The user's tags (personal lists), in the order added.
    pub tags: &'a [Name],
    pub summary: &'a str,
    pub official_site: Option<&'a str>,
    pub poster_url: Option<&'a str>,
    pub external_ids: ExternalIdsJson<'a>,
    /// A status the catalog reports that differs from the one set by hand, waiting for the
    /// user; null when there is none.
    pub catalog_disagrees: Option<&'static str>,
    /// Why an ended show looks canceled, waiting for the user to confirm; null otherwise.
    pub likely_canceled: Option<&'a str>,
    pub progress: ProgressJson<'a>,
}

/// Watch progress.
#[derive(Debug, Serialize)]
pub struct ProgressJson<'a> {
    /// `not-started`, `watching`, `caught-up` or `dropped`.
    pub state: &'static str,
    /// How many episodes were watched in each season, season 1 first.
    pub watched: Vec<u32>,
    /// Episodes per season where known (0: not known).
    pub episodes: &'a [u32],
    /// Each episode watched or skipped, in order: `{season, episode, on: [dates], rating,
    /// note, skipped}`.
    pub watched_episodes: Vec<WatchedJson>,
    /// The next episode, e.g. `{season: 1, episode: 3}`; null when caught up.
    pub up_next: Option<EpisodeJson>,
}

/// One episode watched (or skipped).
#[derive(Debug, Serialize)]
pub struct WatchedJson {
    pub season: u32,
    pub episode: u32,
    /// The days it was watched (empty when not known).
    pub on: Vec<String>,
    pub rating: Option<u8>,
    pub note: String,
    pub skipped: bool,
}

/// The show's ids in public catalogs.
#[derive(Debug, Serialize)]
pub struct ExternalIdsJson<'a> {
    pub tvmaze: Option<u64>,
    pub imdb: Option<&'a str>,
    pub tmdb: Option<u64>,
    pub thetvdb: Option<u64>,
}

/// One entry of a status history.
#[derive(Debug, Serialize)]
pub struct StatusChangeJson<'a> {
    pub status: &'static str,
    /// `YYYY-MM-DD`, or null when unknown.
    pub on: Option<String>,
    pub source: &'a str,
    pub note: Option<&'a str>,
    /// False while the change is an alert the user has not seen.
    pub seen: bool,
}

/// One score; `value` is a plain number (85, or 8.1).
#[derive(Debug, Serialize)]
pub struct ScoreJson<'a> {
    pub source: &'a str,
    pub kind: &'static str,
    pub value: serde_json::Number,
    pub out_of: serde_json::Number,
    pub as_of: Option<String>,
    pub url: Option<&'a str>,
}

/// One cast member.
#[derive(Debug, Serialize)]
pub struct CastJson<'a> {
    pub actor: &'a str,
    pub character: Option<&'a str>,
    pub billing: &'static str,
}

/// One storyline. `state` is the stored state, which is what the app shows (canceling a show
/// marks its open storylines `unresolved`).
#[derive(Debug, Serialize)]
pub struct StorylineJson<'a> {
    pub title: &'a str,
    pub state: &'static str,
    pub text: &'a str,
    pub left_at: Option<EpisodeJson>,
    pub characters: &'a NameList,
    /// Left unresolved, then the show came back: the season that may answer it.
    pub may_be_answered_in: Option<u32>,
    /// The episode that resolved it.
    pub resolved_in: Option<EpisodeJson>,
}

/// Season and episode, e.g. S1E8.
#[derive(Debug, Serialize)]
pub struct EpisodeJson {
    pub season: u32,
    pub episode: u32,
}

/// Every show of the watchlist in its JSON shape.
pub fn shows_json(watchlist: &Watchlist) -> Vec<ShowJson<'_>> {
    watchlist.shows.iter().map(|show| show_json(show)).collect()
}

/// One show in its JSON shape.
pub fn show_json(show: &Show) -> ShowJson<'_> {
    ShowJson {
        id: &show.id,
        title: &show.title,
        status: show.status.word(),
        network: show.network.as_deref(),
        creators: &show.creators,
        studios: &show.studios,
        status_history: show
            .status_history
            .iter()
            .map(|change| StatusChangeJson {
                status: change.status.word(),
                on: change.on.map(|d| d.to_string()),
                source: change.source.describe(),
                note: Some(change.note.as_str()).filter(|n| !n.is_empty()),
                seen: change.seen,
            })
            .collect(),
        scores: show
            .scores
            .iter()
            .map(|score| ScoreJson {
                source: score.source.word(),
                kind: score.kind.word(),
                value: number(score.value),
                out_of: number(score.out_of),
                as_of: score.as_of.map(|d| d.to_string()),
                url: score.url.as_deref(),
            })
            .collect(),
        cast: show
            .cast
            .iter()
            .map(|member| CastJson {
                actor: &member.actor,
                character: member.character.as_deref(),
                billing: member.billing.word(),
            })
            .collect(),
        storylines: show
            .storylines
            .iter()
            .map(|storyline| StorylineJson {
                title: &storyline.title,
                state: storyline.state.word(),
                text: &storyline.text,
                left_at: storyline.left_at.map(|at| EpisodeJson {
                    season: at.season(),
                    episode: at.episode(),
                }),
                characters: &storyline.characters,
                may_be_answered_in: storyline.may_be_answered_in,
                resolved_in: storyline.resolved_in.map(|at| EpisodeJson {
                    season: at.season(),
                    episode: at.episode(),
                }),
            })
            .collect(),
        notes: &show.notes,
        premiered: show.premiered.map(|d| d.to_string()),
        ended: show.ended.map(|d| d.to_string()),
        genres: &show.genres,
        tags: &show.tags,
        summary: &show.summary,
        official_site: show.official_site.as_deref(),
        poster_url: show.poster_url.as_deref(),
        external_ids: ExternalIdsJson {
            tvmaze: show.external_ids.tvmaze,
            imdb: show.external_ids.imdb.as_deref(),
            tmdb: show.external_ids.tmdb,
            thetvdb: show.external_ids.thetvdb,
        },
        catalog_disagrees: show
            .catalog
            .as_ref()
            .and_then(|c| c.disagreement)
            .map(|s| s.word()),
        likely_canceled: show
            .catalog
            .as_ref()
            .and_then(|c| c.likely_canceled.as_deref()),
        progress: ProgressJson {
            state: show.progress.state().word(),
            watched: (1..=show.progress.seasons())
                .map(|season| show.progress.watched_in(season))
                .collect(),
            episodes: &show.progress.episodes,
            watched_episodes: show
                .progress
                .marks()
                .into_iter()
                .map(|(at, mark)| WatchedJson {
                    season: at.season(),
                    episode: at.episode(),
                    on: mark.on.iter().map(ToString::to_string).collect(),
                    rating: mark.rating,
                    note: mark.note,
                    skipped: mark.skipped,
                })
                .collect(),
            up_next: show.progress.up_next().map(|at| EpisodeJson {
                season: at.season(),
                episode: at.episode(),
            }),
        },
    }
}

/// A whole number as an integer (85), anything else as a float (8.1).
fn number(value: f64) -> serde_json::Number {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        serde_json::Number::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

/// The statistics as scripts see them (`curtaincall stats --json`): statuses and storyline
/// states by their command-line words.
pub fn stats_json(stats: &crate::model::stats::Statistics) -> serde_json::Value {
    let by_word = |pairs: Vec<(&str, usize)>| -> serde_json::Map<String, serde_json::Value> {
        pairs
            .into_iter()
            .map(|(word, count)| (word.to_owned(), count.into()))
            .collect()
    };
    serde_json::json!({
        "shows": stats.shows,
        "by_status": by_word(stats.by_status.iter().map(|(s, n)| (s.word(), *n)).collect()),
        "cancellations_by_network": stats
            .cancellations_by_network
            .iter()
            .map(|(network, count)| serde_json::json!({"network": network, "count": count}))
            .collect::<Vec<_>>(),
        "storylines": by_word(stats.storylines_by_state.iter().map(|(s, n)| (s.word(), *n)).collect()),
        "unresolved": stats.unresolved,
        "shows_with_unresolved": stats.shows_with_unresolved,
        "most_unresolved": stats
            .most_unresolved
            .iter()
            .map(|(id, title, count)| serde_json::json!({"id": id, "title": title, "count": count}))
            .collect::<Vec<_>>(),
    })
}

/// The name and version that mark a full export, read back by `curtaincall import`.
pub const FULL_EXPORT_KEY: &str = "curtaincall_export";
/// The full export's version: goes up when its shape changes.
pub const FULL_EXPORT_VERSION: u32 = 1;

/// Everything on the watchlist as JSON, every field of every show as the data file holds it
/// (the file's field names; `schema_version` says which), so nobody is locked in:
/// `{"curtaincall_export": 1, "exported_at": "…", "watchlist": {…}}`.
pub fn full_export(watchlist: &Watchlist, at: jiff::Timestamp) -> serde_json::Result<String> {
    let mut text = serde_json::to_string_pretty(&serde_json::json!({
        FULL_EXPORT_KEY: FULL_EXPORT_VERSION,
        "exported_at": at.to_string(),
        "watchlist": watchlist,
    }))?;
    text.push('\n');
    Ok(text)
}

/// Writes the export of `watchlist` to `path` (replaced whole): the CSV ZIP when the name ends
/// in `.zip`, the full JSON otherwise. What the app's File → Export… does.
pub fn write_to(
    watchlist: &Watchlist,
    path: &std::path::Path,
    at: jiff::Timestamp,
) -> Result<(), String> {
    let zip = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let bytes = if zip {
        csv::zipped(watchlist).map_err(|e| e.to_string())?
    } else {
        full_export(watchlist, at)
            .map_err(|e| e.to_string())?
            .into_bytes()
    };
    crate::store::write_atomic(path, &bytes).map_err(|e| e.to_string())
}
