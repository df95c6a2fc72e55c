//! TVmaze (<https://api.tvmaze.com>, no key): search, one show with its cast and seasons, and
//! the list of recently updated shows.
//!
//! Every field of the answers is optional here: older shows lack newer fields, streaming shows
//! have `network: null` and a `webChannel`, and a missing field must not lose the rest.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::Deserialize;

use super::html_to_text;
use super::http::{FetchError, HttpClient, api_url};
use crate::model::{Billing, CastMember, CatalogShow, Name, Season, Source, Status};
use crate::tasks::Cancel;

/// The public API.
pub const DEFAULT_URL: &str = "https://api.tvmaze.com";

/// TVmaze data is CC BY-SA: this link is shown wherever it is.
pub const ATTRIBUTION_URL: &str = "https://www.tvmaze.com/api#licensing";

/// How far back the updates list should reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Since {
    Day,
    Week,
    Month,
    /// The whole catalog's stamps (a few MB): for a first check or after a long pause.
    Ever,
}

impl Since {
    /// The narrowest window that still covers changes since `age` ago.
    pub fn covering(age: jiff::SignedDuration) -> Since {
        let hours = age.as_hours();
        if hours < 24 {
            Since::Day
        } else if hours < 24 * 7 {
            Since::Week
        } else if hours < 24 * 30 {
            Since::Month
        } else {
            Since::Ever
        }
    }
}

/// A TVmaze client on a shared HTTP client.
#[derive(Clone)]
pub struct TvMaze {
    http: Arc<HttpClient>,
    base: String,
}

impl TvMaze {
    /// A client for the API at `base` (no trailing slash needed).
    pub fn new(http: Arc<HttpClient>, base: &str) -> Self {
        TvMaze {
            http,
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    /// Shows matching `query`, best first, without cast or seasons. Nothing is asked once
    /// `cancel` is raised (the user searched for something else).
    pub fn search(&self, query: &str, cancel: &Cancel) -> Result<Vec<CatalogShow>, FetchError> {
        let url = api_url(&self.base, &["search", "shows"], &[("q", query.trim())])?;
        let hits: Vec<SearchHit> = self.get_json_unless(&url, cancel)?;
        Ok(hits
            .into_iter()
            .map(|hit| self.catalog_show(hit.show))
            .collect())
    }

    /// The TVmaze id of the show with these TheTVDB or IMDb ids, trying each the show has
    /// (`/lookup/shows`, which answers with a redirect to the show); `None` when TVmaze knows
    /// none of them.
    pub fn lookup(
        &self,
        ids: &crate::model::ExternalIds,
        cancel: &Cancel,
    ) -> Result<Option<u64>, FetchError> {
        let mut asks: Vec<(&str, String)> = Vec::new();
        if let Some(thetvdb) = ids.thetvdb {
            asks.push(("thetvdb", thetvdb.to_string()));
        }
        if let Some(imdb) = ids.imdb.as_deref().filter(|id| is_imdb_id(id)) {
            asks.push(("imdb", imdb.to_owned()));
        }
        for (key, value) in asks {
            let url = api_url(&self.base, &["lookup", "shows"], &[(key, value.as_str())])?;
            match self.get_json_unless::<IdOnly>(&url, cancel) {
                Ok(found) => return Ok(Some(found.id)),
                Err(FetchError::NotFound { .. }) => continue,
                Err(error) => return Err(error),
            }
        }
        Ok(None)
    }

    /// Show `id` with its cast and seasons. For an ended show, the last season's episodes too
    /// (one more request), to tell whether fewer aired than were ordered; never every episode,
    /// which for a long-running show would be megabytes.
    pub fn show(&self, id: u64) -> Result<CatalogShow, FetchError> {
        self.show_unless(id, &Cancel::never())
    }

    /// [`TvMaze::show`], asking nothing (more) once `cancel` is raised.
    pub fn show_unless(&self, id: u64, cancel: &Cancel) -> Result<CatalogShow, FetchError> {
        let url = format!("{}/shows/{id}?embed[]=cast&embed[]=seasons", self.base);
        let mut show: ShowJson = self.get_json_unless(&url, cancel)?;
        if show.status.as_deref() == Some("Ended") {
            let embedded = show.embedded.get_or_insert_with(Embedded::default);
            let last = embedded
                .seasons
                .iter()
                .filter(|s| s.episode_order.is_some())
                .max_by_key(|s| s.number)
                .and_then(|s| s.id);
            if embedded.episodes.is_empty()
                && let Some(season) = last
            {
                let url = format!("{}/seasons/{season}/episodes", self.base);
                match self.get_json_unless::<Vec<EpisodeJson>>(&url, cancel) {
                    Ok(episodes) => embedded.episodes = episodes,
                    // Only the likely-canceled hint needs them.
                    Err(error) => log::info!("season {season} of show {id}: {error}"),
                }
            }
        }
        Ok(self.catalog_show(show))
    }

    /// Every episode of show `id`, specials included: one request.
    pub fn episodes(
        &self,
        id: u64,
        now: jiff::Timestamp,
    ) -> Result<crate::model::guide::Guide, FetchError> {
        let url = api_url(
            &self.base,
            &["shows", &id.to_string(), "episodes"],
            &[("specials", "1")],
        )?;
        let episodes: Vec<EpisodeJson> = self.get_json(&url)?;
        Ok(guide_from(id, episodes, now))
    }

    /// TVmaze's "last updated" stamp of every show updated within `since`.
    pub fn updates(&self, since: Since) -> Result<HashMap<u64, i64>, FetchError> {
        let window = match since {
            Since::Day => "?since=day",
            Since::Week => "?since=week",
            Since::Month => "?since=month",
            Since::Ever => "",
        };
        let url = format!("{}/updates/shows{window}", self.base);
        let stamps: HashMap<String, i64> = self.get_json(&url)?;
        Ok(stamps
            .into_iter()
            .filter_map(|(id, stamp)| Some((id.parse().ok()?, stamp)))
            .collect())
    }

    fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, FetchError> {
        self.get_json_unless(url, &Cancel::never())
    }

    fn get_json_unless<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
        cancel: &Cancel,
    ) -> Result<T, FetchError> {
        let body = self
            .http
            .get_unless(url, &[("Accept", "application/json")], cancel)?;
        serde_json::from_slice(&body).map_err(|error| FetchError::Invalid {
            host: "TVmaze".to_owned(),
            reason: error.to_string(),
        })
    }

    fn catalog_show(&self, show: ShowJson) -> CatalogShow {
        let link = |url: Option<String>| url.and_then(|u| self.http.safe_link(&u));
        let embedded = show.embedded.unwrap_or_default();
        let today = crate::model::today();
        let seasons = embedded
            .seasons
            .iter()
            .map(|season| Season {
                number: season.number.unwrap_or(0),
                ordered: season.episode_order,
                aired: embedded
                    .episodes
                    .iter()
                    .filter(|e| e.season == season.number)
                    .filter(|e| parse_date(e.airdate.as_deref()).is_some_and(|d| d <= today))
                    .count() as u32,
                premiered: parse_date(season.premiere_date.as_deref()),
                ended: parse_date(season.end_date.as_deref()),
            })
            .collect();
        let network = show
            .network
            .and_then(|n| n.name)
            .or_else(|| show.web_channel.and_then(|w| w.name))
            .map(|n| Name::from(n.trim()))
            .filter(|n| !n.is_empty());
        let externals = show.externals.unwrap_or_default();
        let image = show.image.unwrap_or_default();
        CatalogShow {
            tvmaze: show.id,
            title: show.name.unwrap_or_default().trim().to_owned(),
            network,
            status: show.status.as_deref().and_then(map_status),
            status_text: show.status.unwrap_or_default(),
            source: Source::TvMaze,
            premiered: parse_date(show.premiered.as_deref()),
            ended: parse_date(show.ended.as_deref()),
            genres: show.genres.into_iter().map(Into::into).collect(),
            summary: html_to_text(show.summary.as_deref().unwrap_or("")),
            official_site: link(show.official_site),
            imdb: externals.imdb.filter(|id| is_imdb_id(id)),
            thetvdb: externals.thetvdb,
            tmdb: None,
            poster_url: link(image.original.or(image.medium.clone())),
            thumbnail_url: link(image.medium),
            cast: embedded
                .cast
                .into_iter()
                .filter_map(|member| {
                    let actor = Name::from(member.person.and_then(|p| p.name)?.trim());
                    let character = member
                        .character
                        .and_then(|c| c.name)
                        .map(|c| Name::from(c.trim()))
                        .filter(|c| !c.is_empty());
                    (!actor.is_empty()).then_some(CastMember {
                        actor,
                        character,
                        billing: Billing::Main,
                    })
                })
                .collect(),
            seasons,
            updated: show.updated,
        }
    }
}

/// Just the id of a show answer.
#[derive(Deserialize)]
struct IdOnly {
    id: u64,
}

/// TVmaze's words for a status. It has no "canceled": that takes TMDB or the user.
pub fn map_status(word: &str) -> Option<Status> {
    match word.trim() {
        "Running" => Some(Status::Airing),
        "Ended" => Some(Status::Ended),
        "To Be Determined" => Some(Status::Undetermined),
        "In Development" => Some(Status::InProduction),
        _ => None,
    }
}

fn parse_date(text: Option<&str>) -> Option<Date> {
    text.and_then(|t| t.trim().parse().ok())
}

fn is_imdb_id(id: &str) -> bool {
    id.len() <= 16 && id.starts_with("tt") && id[2..].bytes().all(|b| b.is_ascii_digit())
}

/// `null` where a list is expected reads as an empty list.
fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Deserialize)]
struct SearchHit {
    show: ShowJson,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowJson {
    id: u64,
    name: Option<String>,
    #[serde(deserialize_with = "null_as_empty")]
    genres: Vec<String>,
    status: Option<String>,
    premiered: Option<String>,
    ended: Option<String>,
    #[serde(rename = "officialSite")]
    official_site: Option<String>,
    network: Option<Channel>,
    #[serde(rename = "webChannel")]
    web_channel: Option<Channel>,
    externals: Option<Externals>,
    image: Option<Image>,
    summary: Option<String>,
    updated: Option<i64>,
    #[serde(rename = "_embedded")]
    embedded: Option<Embedded>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Channel {
    name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Externals {
    thetvdb: Option<u64>,
    imdb: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Image {
    medium: Option<String>,
    original: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Embedded {
    #[serde(deserialize_with = "null_as_empty")]
    cast: Vec<CastJson>,
    #[serde(deserialize_with = "null_as_empty")]
    seasons: Vec<SeasonJson>,
    #[serde(deserialize_with = "null_as_empty")]
    episodes: Vec<EpisodeJson>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CastJson {
    person: Option<Named>,
    character: Option<Named>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Named {
    name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SeasonJson {
    id: Option<u64>,
    number: Option<u32>,
    #[serde(rename = "episodeOrder")]
    episode_order: Option<u32>,
    #[serde(rename = "premiereDate")]
    premiere_date: Option<String>,
    #[serde(rename = "endDate")]
    end_date: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EpisodeJson {
    season: Option<u32>,
    airdate: Option<String>,
    /// `null` for a special.
    number: Option<u32>,
    name: Option<String>,
    /// RFC 3339, e.g. `2026-12-05T02:00:00+00:00`.
    airstamp: Option<String>,
    runtime: Option<u32>,
    /// HTML.
    summary: Option<String>,
}

/// The guide of show `tvmaze` from its episode list: regular episodes by season and number,
/// specials (TVmaze files them in a season with no number) as season 0 in the order they
/// aired.
fn guide_from(
    tvmaze: u64,
    episodes: Vec<EpisodeJson>,
    fetched: jiff::Timestamp,
) -> crate::model::guide::Guide {
    use crate::model::EpisodeRef;
    use crate::model::guide::{Guide, GuideEpisode};
    let mut specials = 0;
    let list = episodes
        .into_iter()
        .filter_map(|e| {
            let episode = match (e.season, e.number) {
                (Some(season), Some(number)) if number > 0 => EpisodeRef(season, number),
                (Some(_), None) => {
                    specials += 1;
                    EpisodeRef(0, specials)
                }
                _ => return None,
            };
            Some(GuideEpisode {
                episode,
                title: e.name.unwrap_or_default().trim().to_owned(),
                airs_at: e.airstamp.as_deref().and_then(|s| s.parse().ok()),
                air_date: parse_date(e.airdate.as_deref()),
                runtime: e.runtime.filter(|m| *m > 0),
                summary: html_to_text(e.summary.as_deref().unwrap_or("")),
            })
        })
        .collect();
    Guide::new(tvmaze, Some(fetched), list)
}
