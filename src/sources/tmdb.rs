//! The Movie Database (TMDB), with the user's own key: the one public catalog that tells a
//! canceled show from one that ended as planned.

use std::sync::Arc;

use serde::Deserialize;

use super::http::{FetchError, HttpClient, api_url};
use crate::model::Status;

/// The public API (version 3).
pub const DEFAULT_URL: &str = "https://api.themoviedb.org/3";

/// A TMDB client on the shared HTTP client.
#[derive(Clone)]
pub struct Tmdb {
    http: Arc<HttpClient>,
    base: String,
    key: String,
}

impl std::fmt::Debug for Tmdb {
    // The key never reaches a log or an error message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tmdb")
            .field("base", &self.base)
            .field("key", &"<hidden>")
            .finish()
    }
}

/// TMDB's id of a show and its status there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TmdbStatus {
    pub id: u64,
    pub status: Status,
}

impl Tmdb {
    /// A client for the API at `base` using `key`: either a v3 API key or a v4 read access
    /// token (a JWT, sent as a Bearer header).
    pub fn new(http: Arc<HttpClient>, base: &str, key: &str) -> Self {
        Tmdb {
            http,
            base: base.trim_end_matches('/').to_owned(),
            key: key.trim().to_owned(),
        }
    }

    /// The show's status at TMDB, found by its TMDB id or else by its IMDb or TheTVDB id.
    /// `Ok(None)` when TMDB does not know the show or gives a status with no equivalent.
    pub fn status(
        &self,
        tmdb: Option<u64>,
        imdb: Option<&str>,
        thetvdb: Option<u64>,
    ) -> Result<Option<TmdbStatus>, FetchError> {
        let id = match tmdb {
            Some(id) => Some(id),
            None => self.find(imdb, thetvdb)?,
        };
        let Some(id) = id else {
            return Ok(None);
        };
        let show: TvJson = match self.get_json(&["tv", &id.to_string()], &[]) {
            Err(FetchError::NotFound { .. }) => return Ok(None),
            other => other?,
        };
        Ok(show
            .status
            .as_deref()
            .and_then(map_status)
            .map(|status| TmdbStatus { id, status }))
    }

    fn find(&self, imdb: Option<&str>, thetvdb: Option<u64>) -> Result<Option<u64>, FetchError> {
        let lookups = imdb
            .map(|id| (id.to_owned(), "imdb_id"))
            .into_iter()
            .chain(thetvdb.map(|id| (id.to_string(), "tvdb_id")));
        for (id, source) in lookups {
            let found: FindJson = self.get_json(&["find", &id], &[("external_source", source)])?;
            if let Some(show) = found.tv_results.first() {
                return Ok(Some(show.id));
            }
        }
        Ok(None)
    }

    /// GETs the API's `path` (its segments) with `query`, authenticated with the key.
    fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &[&str],
        query: &[(&str, &str)],
    ) -> Result<T, FetchError> {
        let bearer = format!("Bearer {}", self.key);
        let (url, headers) = if self.key.starts_with("eyJ") {
            (
                api_url(&self.base, path, query)?,
                vec![("Accept", "application/json"), ("Authorization", &*bearer)],
            )
        } else {
            let mut with_key = vec![("api_key", self.key.as_str())];
            with_key.extend_from_slice(query);
            (
                api_url(&self.base, path, &with_key)?,
                vec![("Accept", "application/json")],
            )
        };
        let body = match self.http.get(&url, &headers) {
            Err(FetchError::Status { status: 401, .. }) => {
                return Err(FetchError::Invalid {
                    host: "TMDB".to_owned(),
                    reason: "the API key was refused; check it in Settings".to_owned(),
                });
            }
            other => other?,
        };
        serde_json::from_slice(&body).map_err(|error| FetchError::Invalid {
            host: "TMDB".to_owned(),
            reason: error.to_string(),
        })
    }
}

/// TMDB's words for a status.
pub fn map_status(word: &str) -> Option<Status> {
    match word.trim() {
        "Returning Series" => Some(Status::Returning),
        "Planned" | "Pilot" => Some(Status::Planned),
        "In Production" => Some(Status::InProduction),
        "Ended" => Some(Status::Ended),
        "Canceled" | "Cancelled" => Some(Status::Canceled),
        _ => None,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FindJson {
    tv_results: Vec<FoundJson>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FoundJson {
    id: u64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TvJson {
    status: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_tmdb_status_maps() {
        assert_eq!(map_status("Canceled"), Some(Status::Canceled));
        assert_eq!(map_status("Ended"), Some(Status::Ended));
        assert_eq!(map_status("Returning Series"), Some(Status::Returning));
        assert_eq!(map_status("In Production"), Some(Status::InProduction));
        assert_eq!(map_status("Planned"), Some(Status::Planned));
        assert_eq!(map_status("Pilot"), Some(Status::Planned));
        assert_eq!(map_status("Rumored"), None);
    }

    #[test]
    fn the_key_stays_out_of_debug_output() {
        let http = Arc::new(HttpClient::new(Default::default()));
        let tmdb = Tmdb::new(http, DEFAULT_URL, "secret-key-123");
        assert!(!format!("{tmdb:?}").contains("secret-key-123"));
    }
}
