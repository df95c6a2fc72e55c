//! The one HTTP client every provider shares: a polite, bounded, https-only GET.
//!
//! Politeness and safety live here so that no provider can forget them: a User-Agent naming
//! Curtain Call, connect and overall timeouts, a cap on body size, at most
//! [`HttpConfig::max_calls`] calls per [`HttpConfig::per`], backoff on HTTP 429, an in-memory
//! cache that honours `Cache-Control` (60 minutes when the provider says nothing), redirects
//! followed by hand so each hop passes the same URL policy, and that policy itself: `https`
//! only, plain `http` only to a loopback address the user configured (tests and local mirrors).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use ureq::http::Uri;

use crate::tasks::Cancel;

/// Limits and manners of the client.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    /// Giving up on reaching the server.
    pub connect_timeout: Duration,
    /// Giving up on one call, body included: a server trickling bytes cannot hold us longer.
    pub overall_timeout: Duration,
    /// The largest body read; a larger one is an error, never a large allocation.
    pub max_body: u64,
    /// At most this many calls…
    pub max_calls: usize,
    /// …within this window.
    pub per: Duration,
    /// How often a call answered with 429 is tried again.
    pub max_retries: u32,
    /// The longest wait on a 429, whatever `Retry-After` asks.
    pub max_backoff: Duration,
    /// How long a response stays fresh when the server does not say.
    pub default_freshness: Duration,
    /// Allow plain `http` to loopback addresses: set when a base URL override points there.
    pub allow_loopback_http: bool,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            connect_timeout: Duration::from_secs(5),
            overall_timeout: Duration::from_secs(20),
            max_body: 8 * 1024 * 1024,
            max_calls: 20,
            per: Duration::from_secs(10),
            max_retries: 3,
            max_backoff: Duration::from_secs(30),
            default_freshness: Duration::from_secs(60 * 60),
            allow_loopback_http: false,
        }
    }
}

/// Why a request gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("could not reach {host}: {reason}")]
    Unreachable { host: String, reason: String },
    #[error("{host} did not answer within {seconds} s")]
    TimedOut { host: String, seconds: u64 },
    #[error("{host} sent more than {limit} bytes; the answer was dropped")]
    TooLarge { host: String, limit: u64 },
    #[error("{host} answered HTTP {status}")]
    Status { host: String, status: u16 },
    #[error("not found at {host}")]
    NotFound { host: String },
    #[error("{host} keeps asking to slow down (HTTP 429); try again later")]
    RateLimited { host: String },
    #[error("refused to follow {0}: only https (or http to this computer, for tests) is used")]
    Refused(String),
    #[error("{host} redirected too many times")]
    TooManyRedirects { host: String },
    #[error("{host} sent an answer that could not be read: {reason}")]
    Invalid { host: String, reason: String },
    /// The caller no longer wanted the answer; no request went out after it said so.
    #[error("cancelled")]
    Cancelled,
}

impl FetchError {
    /// True when the provider could not be reached at all (offline, down, timed out), as
    /// opposed to answering with something unusable.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            FetchError::Unreachable { .. } | FetchError::TimedOut { .. }
        )
    }
}

/// A response kept until it goes stale.
struct Cached {
    body: Arc<[u8]>,
    fresh_until: Instant,
}

/// The most bytes the cache holds; older entries go first.
const CACHE_BUDGET: usize = 32 * 1024 * 1024;

/// The most redirects followed for one call.
const MAX_REDIRECTS: usize = 5;

/// The shared client. Cheap to share behind an `Arc`; every method takes `&self`.
pub struct HttpClient {
    agent: ureq::Agent,
    config: HttpConfig,
    /// When the recent calls were made, oldest first.
    recent: Mutex<VecDeque<Instant>>,
    cache: Mutex<HashMap<String, Cached>>,
    /// How many requests went out on the wire (cache hits excluded); for tests and the UI.
    sent: std::sync::atomic::AtomicUsize,
}

impl HttpClient {
    /// A client with these limits.
    pub fn new(config: HttpConfig) -> Self {
        let agent = ureq::Agent::config_builder()
            .user_agent(user_agent())
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.overall_timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .https_only(!config.allow_loopback_http)
            .build()
            .new_agent();
        HttpClient {
            agent,
            config,
            recent: Mutex::new(VecDeque::new()),
            cache: Mutex::new(HashMap::new()),
            sent: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The limits this client keeps.
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// How many requests have gone out on the wire so far.
    pub fn requests_sent(&self) -> usize {
        self.sent.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// GETs `url` and returns its body, from the cache while it is fresh. `headers` are sent
    /// as given (e.g. an `Authorization` header; they are never logged).
    pub fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Arc<[u8]>, FetchError> {
        self.get_unless(url, headers, &Cancel::never())
    }

    /// [`HttpClient::get`], giving up with [`FetchError::Cancelled`] as soon as `cancel` is
    /// raised: before the call goes out, and while it waits for its turn under the rate
    /// limit, so an answer nobody wants never spends the provider's budget.
    pub fn get_unless(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        cancel: &Cancel,
    ) -> Result<Arc<[u8]>, FetchError> {
        if let Some(body) = self.cached(url) {
            return Ok(body);
        }
        let mut current = self.check_url(url)?;
        let first_host = host_of(&current);
        let mut retries = 0;
        let mut redirects = 0;
        loop {
            self.wait_for_turn(cancel)?;
            let host = host_of(&current);
            let mut request = self.agent.get(current.clone());
            for (name, value) in headers {
                // Credentials go only to the host they were meant for, not where it redirects.
                if host != first_host && name.eq_ignore_ascii_case("authorization") {
                    continue;
                }
                request = request.header(*name, *value);
            }
            self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut response = request
                .call()
                .map_err(|error| self.transport_error(&host, error))?;
            let status = response.status().as_u16();
            match status {
                200..=299 => {
                    let freshness = freshness(response.headers(), self.config.default_freshness);
                    let body: Arc<[u8]> = response
                        .body_mut()
                        .with_config()
                        .limit(self.config.max_body)
                        .read_to_vec()
                        .map_err(|error| self.transport_error(&host, error))?
                        .into();
                    if let Some(fresh_for) = freshness {
                        self.remember(url, Arc::clone(&body), fresh_for);
                    }
                    return Ok(body);
                }
                301 | 302 | 303 | 307 | 308 => {
                    redirects += 1;
                    if redirects > MAX_REDIRECTS {
                        return Err(FetchError::TooManyRedirects { host });
                    }
                    let location = response
                        .headers()
                        .get("location")
                        .and_then(|v| v.to_str().ok())
                        .ok_or_else(|| FetchError::Invalid {
                            host: host.clone(),
                            reason: "a redirect without a Location".to_owned(),
                        })?;
                    let next = resolve(&current, location).ok_or_else(|| FetchError::Invalid {
                        host: host.clone(),
                        reason: "a redirect to something that is not a URL".to_owned(),
                    })?;
                    current = self.check_url(&next)?;
                }
                404 | 410 => return Err(FetchError::NotFound { host }),
                429 => {
                    retries += 1;
                    if retries > self.config.max_retries {
                        return Err(FetchError::RateLimited { host });
                    }
                    let wait = retry_after(response.headers())
                        .unwrap_or_else(|| Duration::from_secs(1 << (retries - 1)))
                        .min(self.config.max_backoff);
                    log::info!("{host} asked to slow down; waiting {wait:?}");
                    sleep_unless(wait, cancel)?;
                }
                _ => return Err(FetchError::Status { host, status }),
            }
        }
    }

    /// Parses `url` and checks it against the policy: `https`, or `http` to loopback when
    /// allowed. `file:`, other schemes and anything unparsable are refused.
    pub fn check_url(&self, url: &str) -> Result<Uri, FetchError> {
        let refused = || FetchError::Refused(redact(url));
        let uri: Uri = url.parse().map_err(|_| refused())?;
        let host = uri.host().ok_or_else(refused)?;
        match uri.scheme_str() {
            Some("https") => Ok(uri),
            Some("http") if self.config.allow_loopback_http && is_loopback(host) => Ok(uri),
            _ => Err(refused()),
        }
    }

    /// A link found in a provider's answer, made safe to keep and follow later: `https` kept,
    /// `http` rewritten to `https` (except loopback links while a loopback override is in use),
    /// anything else (`file:`, `javascript:`, relative paths) dropped.
    pub fn safe_link(&self, link: &str) -> Option<String> {
        let link = link.trim();
        let rest = if let Some(rest) = link.strip_prefix("https://") {
            rest
        } else {
            link.strip_prefix("http://")?
        };
        let candidate = format!("https://{rest}");
        let uri: Uri = candidate.parse().ok()?;
        let host = uri.host()?;
        if host.is_empty() {
            return None;
        }
        if link.starts_with("http://") && self.config.allow_loopback_http && is_loopback(host) {
            return Some(link.to_owned());
        }
        Some(candidate)
    }

    fn cached(&self, url: &str) -> Option<Arc<[u8]>> {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache
            .get(url)
            .filter(|entry| entry.fresh_until > Instant::now())
            .map(|entry| Arc::clone(&entry.body))
    }

    fn remember(&self, url: &str, body: Arc<[u8]>, fresh_for: Duration) {
        let now = Instant::now();
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache.retain(|_, entry| entry.fresh_until > now);
        let mut total: usize = cache.values().map(|e| e.body.len()).sum();
        while total + body.len() > CACHE_BUDGET {
            let Some(oldest) = cache
                .iter()
                .min_by_key(|(_, e)| e.fresh_until)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(entry) = cache.remove(&oldest) {
                total -= entry.body.len();
            }
        }
        if body.len() <= CACHE_BUDGET {
            cache.insert(
                url.to_owned(),
                Cached {
                    body,
                    fresh_until: now + fresh_for,
                },
            );
        }
    }

    /// Sleeps until a call may go out without exceeding the rate limit, then counts it; gives
    /// up when `cancel` is raised (checked at least every [`CANCEL_LOOK`]).
    fn wait_for_turn(&self, cancel: &Cancel) -> Result<(), FetchError> {
        loop {
            if cancel.is_cancelled() {
                return Err(FetchError::Cancelled);
            }
            let wait = {
                let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
                let now = Instant::now();
                while recent
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.config.per)
                {
                    recent.pop_front();
                }
                if recent.len() < self.config.max_calls {
                    recent.push_back(now);
                    return Ok(());
                }
                recent
                    .front()
                    .map_or(Duration::ZERO, |t| self.config.per - now.duration_since(*t))
            };
            std::thread::sleep(wait.min(CANCEL_LOOK));
        }
    }

    fn transport_error(&self, host: &str, error: ureq::Error) -> FetchError {
        let host = host.to_owned();
        match error {
            ureq::Error::Timeout(_) => FetchError::TimedOut {
                host,
                seconds: self.config.overall_timeout.as_secs().max(1),
            },
            ureq::Error::BodyExceedsLimit(limit) => FetchError::TooLarge { host, limit },
            ureq::Error::RequireHttpsOnly(url) => FetchError::Refused(redact(&url)),
            ureq::Error::Io(io) => FetchError::Unreachable {
                host,
                reason: io.to_string(),
            },
            ureq::Error::HostNotFound => FetchError::Unreachable {
                host,
                reason: "no such host".to_owned(),
            },
            ureq::Error::ConnectionFailed => FetchError::Unreachable {
                host,
                reason: "connection failed".to_owned(),
            },
            other => FetchError::Invalid {
                host,
                reason: other.to_string(),
            },
        }
    }
}

/// `curtaincall/0.1.0 (+https://github.com/curtaincall)`: who is calling, for the provider's logs.
pub fn user_agent() -> String {
    format!(
        "curtaincall/{} (desktop TV tracker; +https://github.com/curtaincall/curtaincall)",
        env!("CARGO_PKG_VERSION")
    )
}

/// A URL fit for a message or a log: no query (it may hold an API key), no user info, short.
fn redact(url: &str) -> String {
    let without_query = url.split(['?', '#']).next().unwrap_or("");
    let without_user = match without_query.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let host = authority.rsplit('@').next().unwrap_or(authority);
            format!("{scheme}://{host}{path}")
        }
        None => without_query.to_owned(),
    };
    without_user.chars().take(200).collect()
}

fn host_of(uri: &Uri) -> String {
    uri.authority()
        .map_or_else(String::new, |a| a.as_str().to_owned())
}

/// True for `localhost` and loopback addresses (`127.0.0.1`, `[::1]`).
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The URL a `Location` header points to, relative to `base`; `None` when it makes no URL.
fn resolve(base: &Uri, location: &str) -> Option<String> {
    url::Url::parse(&base.to_string())
        .ok()?
        .join(location)
        .ok()
        .map(String::from)
}

/// How long a response may be reused: `None` for `no-store`/`no-cache`/`max-age=0`.
fn freshness(headers: &ureq::http::HeaderMap, default: Duration) -> Option<Duration> {
    let Some(value) = headers.get("cache-control").and_then(|v| v.to_str().ok()) else {
        return Some(default);
    };
    let mut max_age = None;
    for directive in value.split(',').map(str::trim) {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" || lower == "private" {
            return None;
        }
        if let Some(seconds) = lower.strip_prefix("max-age=") {
            max_age = seconds.trim_matches('"').parse::<u64>().ok();
        }
    }
    match max_age {
        Some(0) => None,
        Some(seconds) => Some(Duration::from_secs(seconds)),
        None => Some(default),
    }
}

/// The wait a 429 asks for, in seconds (`Retry-After: 3`); HTTP dates are not worth parsing.
fn retry_after(headers: &ureq::http::HeaderMap) -> Option<Duration> {
    headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

/// The URL of an API call: `base` (a provider's base URL, perhaps with a path of its own),
/// then `segments` as path segments and `query` as a form-encoded query, each part encoded by
/// the `url` crate, so a show's title or an id from a catalog can never change the URL's shape.
pub fn api_url(
    base: &str,
    segments: &[&str],
    query: &[(&str, &str)],
) -> Result<String, FetchError> {
    let refused = || FetchError::Refused(redact(base));
    let mut url = url::Url::parse(base).map_err(|_| refused())?;
    url.path_segments_mut()
        .map_err(|()| refused())?
        .pop_if_empty()
        .extend(segments);
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    Ok(url.into())
}

/// How often a waiting call looks whether it was cancelled.
const CANCEL_LOOK: Duration = Duration::from_millis(100);

/// Sleeps for `wait` (a provider's "slow down"), giving up with [`FetchError::Cancelled`] once
/// `cancel` is raised: a search typed over is not held back for the provider's whole backoff.
fn sleep_unless(wait: Duration, cancel: &Cancel) -> Result<(), FetchError> {
    let until = Instant::now() + wait;
    loop {
        if cancel.is_cancelled() {
            return Err(FetchError::Cancelled);
        }
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        std::thread::sleep(left.min(CANCEL_LOOK));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(loopback: bool) -> HttpClient {
        HttpClient::new(HttpConfig {
            allow_loopback_http: loopback,
            ..HttpConfig::default()
        })
    }

    #[test]
    fn only_https_or_configured_loopback_http_is_fetched() {
        let strict = client(false);
        assert!(strict.check_url("https://api.tvmaze.com/shows/1").is_ok());
        for bad in [
            "http://api.tvmaze.com/shows/1",
            "http://127.0.0.1:8080/x",
            "file:///etc/passwd",
            "ftp://example.com/",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "",
        ] {
            assert!(strict.check_url(bad).is_err(), "{bad}");
        }
        let local = client(true);
        assert!(local.check_url("http://127.0.0.1:8080/x").is_ok());
        assert!(local.check_url("http://localhost:8080/x").is_ok());
        assert!(local.check_url("http://[::1]:8080/x").is_ok());
        assert!(local.check_url("http://example.com/x").is_err());
        assert!(local.check_url("file:///etc/passwd").is_err());
    }

    #[test]
    fn links_from_responses_are_made_https_or_dropped() {
        let strict = client(false);
        assert_eq!(
            strict
                .safe_link("http://static.tvmaze.com/a.jpg")
                .as_deref(),
            Some("https://static.tvmaze.com/a.jpg")
        );
        assert_eq!(
            strict.safe_link(" https://www.hbo.com/ ").as_deref(),
            Some("https://www.hbo.com/")
        );
        assert_eq!(
            strict.safe_link("http://127.0.0.1:9/p.png").as_deref(),
            Some("https://127.0.0.1:9/p.png")
        );
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "../../x",
            "https://",
        ] {
            assert_eq!(strict.safe_link(bad), None, "{bad}");
        }
        let local = client(true);
        assert_eq!(
            local.safe_link("http://127.0.0.1:9/p.png").as_deref(),
            Some("http://127.0.0.1:9/p.png")
        );
    }

    #[test]
    fn relative_redirects_resolve_against_the_current_url() {
        let base: Uri = "https://api.tvmaze.com/lookup/shows?imdb=tt1"
            .parse()
            .unwrap();
        let resolved = |location| resolve(&base, location).expect("a URL");
        assert_eq!(resolved("/shows/1"), "https://api.tvmaze.com/shows/1");
        assert_eq!(resolved("x"), "https://api.tvmaze.com/lookup/x");
        assert_eq!(resolved("../y?z=1"), "https://api.tvmaze.com/y?z=1");
        assert_eq!(resolved("https://a.b/c"), "https://a.b/c");
        assert_eq!(resolved("//other.host/d"), "https://other.host/d");
    }

    #[test]
    fn cache_control_decides_freshness() {
        let default = Duration::from_secs(3600);
        let mut headers = ureq::http::HeaderMap::new();
        assert_eq!(freshness(&headers, default), Some(default));
        headers.insert("cache-control", "public, max-age=60".parse().unwrap());
        assert_eq!(freshness(&headers, default), Some(Duration::from_secs(60)));
        headers.insert("cache-control", "max-age=0".parse().unwrap());
        assert_eq!(freshness(&headers, default), None);
        headers.insert("cache-control", "no-store".parse().unwrap());
        assert_eq!(freshness(&headers, default), None);
    }

    #[test]
    fn refused_urls_never_carry_their_query_or_credentials() {
        let strict = client(false);
        let error = strict
            .check_url("http://user:pw@api.themoviedb.org/3/tv/1?api_key=SECRET")
            .unwrap_err();
        let text = error.to_string();
        assert!(!text.contains("SECRET") && !text.contains("pw"), "{text}");
        assert!(text.contains("http://api.themoviedb.org/3/tv/1"), "{text}");
    }

    #[test]
    fn paths_and_queries_are_encoded_so_no_value_changes_the_url() {
        assert_eq!(
            api_url(
                "https://api.tvmaze.com",
                &["search", "shows"],
                &[("q", "Étoile & co")]
            )
            .expect("a URL"),
            "https://api.tvmaze.com/search/shows?q=%C3%89toile+%26+co"
        );
        // A base with a path of its own (a local mirror), a trailing slash, an id with a slash.
        assert_eq!(
            api_url(
                "http://127.0.0.1:8080/tmdb/",
                &["find", "tt1/../x"],
                &[("a", "b=c")]
            )
            .expect("a URL"),
            "http://127.0.0.1:8080/tmdb/find/tt1%2F..%2Fx?a=b%3Dc"
        );
        assert!(api_url("not a url", &[], &[]).is_err());
    }
}
