//! Public metadata providers: TVmaze (no key) and TMDB (the user's key). HTTP lives only here.
//!
//! Providers answer in their own shapes; this module turns them into [`CatalogShow`], the one
//! shape the rest of the program knows. Deciding what an answer means for the watchlist is
//! [`crate::model::refresh`]'s job, and it does no I/O.

pub mod catch_up;
pub mod check;
pub mod http;
pub mod tmdb;
pub mod tvmaze;

use std::sync::Arc;

use crate::model::{CatalogShow, Source, Status};
pub use http::{FetchError, HttpClient, HttpConfig};
pub use tmdb::Tmdb;
pub use tvmaze::TvMaze;

/// Environment variable overriding TVmaze's base URL (tests, mirrors).
pub const TVMAZE_URL_ENV: &str = "CURTAINCALL_TVMAZE_URL";
/// Environment variable overriding TMDB's base URL (tests, mirrors).
pub const TMDB_URL_ENV: &str = "CURTAINCALL_TMDB_URL";

/// Where the providers are and how to reach them.
#[derive(Clone, Debug)]
pub struct ProviderConfig {
    pub tvmaze_url: String,
    pub tmdb_url: String,
    /// The user's TMDB key, if they gave one.
    pub tmdb_key: Option<String>,
    pub http: HttpConfig,
}

impl Default for ProviderConfig {
    fn default() -> Self {
        ProviderConfig {
            tvmaze_url: tvmaze::DEFAULT_URL.to_owned(),
            tmdb_url: tmdb::DEFAULT_URL.to_owned(),
            tmdb_key: None,
            http: HttpConfig::default(),
        }
    }
}

impl ProviderConfig {
    /// The defaults with the URLs overridden by the command line or the environment. Plain
    /// `http` is allowed only when an override points at this computer.
    pub fn with_urls(tvmaze_url: Option<String>, tmdb_url: Option<String>) -> Self {
        let mut config = ProviderConfig::default();
        if let Some(url) = tvmaze_url.filter(|u| !u.trim().is_empty()) {
            config.tvmaze_url = url.trim().to_owned();
        }
        if let Some(url) = tmdb_url.filter(|u| !u.trim().is_empty()) {
            config.tmdb_url = url.trim().to_owned();
        }
        config.http.allow_loopback_http = [&config.tvmaze_url, &config.tmdb_url]
            .iter()
            .any(|url| is_loopback_http(url));
        config
    }
}

fn is_loopback_http(url: &str) -> bool {
    url.parse::<ureq::http::Uri>().is_ok_and(|uri| {
        uri.scheme_str() == Some("http") && uri.host().is_some_and(http::is_loopback)
    })
}

/// The providers, sharing one HTTP client.
#[derive(Clone)]
pub struct Providers {
    pub http: Arc<HttpClient>,
    pub tvmaze: TvMaze,
    /// Present when the user gave a TMDB key.
    pub tmdb: Option<Tmdb>,
}

impl Providers {
    /// Clients for `config`.
    pub fn new(config: &ProviderConfig) -> Self {
        Self::with_client(config, Arc::new(HttpClient::new(config.http.clone())))
    }

    /// Clients for `config` on an HTTP client already in use: new settings (a TMDB key) keep
    /// the rate limit and cache that everything else (posters) shares.
    pub fn with_client(config: &ProviderConfig, http: Arc<HttpClient>) -> Self {
        Providers {
            tvmaze: TvMaze::new(Arc::clone(&http), &config.tvmaze_url),
            tmdb: config
                .tmdb_key
                .as_deref()
                .filter(|k| !k.trim().is_empty())
                .map(|key| Tmdb::new(Arc::clone(&http), &config.tmdb_url, key)),
            http,
        }
    }

    /// Show `id` from TVmaze, with TMDB's status when TVmaze says only "Ended" and a TMDB key
    /// is set.
    pub fn show(&self, id: u64, tmdb_id: Option<u64>) -> Result<CatalogShow, FetchError> {
        self.show_unless(id, tmdb_id, &crate::tasks::Cancel::never())
    }

    /// [`Providers::show`], asking nothing more once `cancel` is raised (the user closed the
    /// dialog that wanted it).
    pub fn show_unless(
        &self,
        id: u64,
        tmdb_id: Option<u64>,
        cancel: &crate::tasks::Cancel,
    ) -> Result<CatalogShow, FetchError> {
        let mut show = self.tvmaze.show_unless(id, cancel)?;
        show.tmdb = tmdb_id;
        if cancel.is_cancelled() {
            return Ok(show);
        }
        if let (Some(tmdb), Some(Status::Ended)) = (&self.tmdb, show.status) {
            match tmdb.status(tmdb_id, show.imdb.as_deref(), show.thetvdb) {
                Ok(Some(found)) => {
                    show.tmdb = Some(found.id);
                    if found.status == Status::Canceled {
                        show.status = Some(Status::Canceled);
                        show.source = Source::Tmdb;
                    }
                }
                Ok(None) => {}
                // TVmaze answered; a TMDB failure only costs the canceled/ended distinction.
                Err(error) => log::warn!("TMDB: {error}"),
            }
        }
        Ok(show)
    }
}

/// Plain text from a catalog's HTML summary: tags removed, paragraphs and line breaks kept as
/// newlines, the common entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(['<', '&']) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('<') {
            let opens_tag = rest[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
            let close = if opens_tag { rest.find('>') } else { None };
            if opens_tag && close.is_none() {
                // No tag can close any more: the rest is text (and scanning on would be
                // quadratic on a hostile summary).
                out.push_str(rest);
                rest = "";
                break;
            }
            match close {
                Some(close) => {
                    let tag = rest[1..close].trim().to_ascii_lowercase();
                    if tag == "/p" || tag.starts_with("br") {
                        out.push('\n');
                    }
                    rest = &rest[close + 1..];
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            // Entities are short: look for the `;` only nearby.
            let end = rest.as_bytes()[..rest.len().min(12)]
                .iter()
                .position(|&b| b == b';')
                .filter(|&i| i <= 10);
            let decoded = end.and_then(|i| decode_entity(&rest[1..i]));
            match (end, decoded) {
                (Some(i), Some(c)) => {
                    out.push(c);
                    rest = &rest[i + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    let lines: Vec<&str> = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_lose_their_html() {
        assert_eq!(
            html_to_text(
                "<p><b>Étoile</b> follows two ballet companies &amp; their dancers.</p><p>Paris &#38; New York&nbsp;&lt;3</p>"
            ),
            "Étoile follows two ballet companies & their dancers.\nParis & New York <3"
        );
        assert_eq!(html_to_text("Fish & chips; a < b"), "Fish & chips; a < b");
        assert_eq!(html_to_text("line<br/>next<br>last"), "line\nnext\nlast");
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text("a <b>x</b> <unclosed c"), "a x <unclosed c");
        // Hostile: many `<` and `&` with nothing to close them, in linear time.
        let hostile = "<a".repeat(200_000) + &"&&".repeat(200_000);
        let started = std::time::Instant::now();
        assert_eq!(html_to_text(&hostile).len(), hostile.len());
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn plain_http_is_allowed_only_for_a_loopback_override() {
        assert!(!ProviderConfig::default().http.allow_loopback_http);
        let local = ProviderConfig::with_urls(Some("http://127.0.0.1:8123".into()), None);
        assert!(local.http.allow_loopback_http);
        let local = ProviderConfig::with_urls(Some("http://localhost:80/api".into()), None);
        assert!(local.http.allow_loopback_http);
        let remote = ProviderConfig::with_urls(Some("http://mirror.example.com".into()), None);
        assert!(!remote.http.allow_loopback_http);
        let tricky =
            ProviderConfig::with_urls(Some("http://127.0.0.1.evil.example.com".into()), None);
        assert!(!tricky.http.allow_loopback_http);
    }
}
