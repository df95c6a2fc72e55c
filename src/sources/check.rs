//! A check of every followed show: ask TVmaze which shows changed since the last check, then
//! fetch only those. Shared by the app's refresh and `curtaincall check`.

use super::Providers;
use super::http::FetchError;
use super::tvmaze::Since;
use crate::model::{CatalogShow, Watchlist};

/// A show on the watchlist that a catalog knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The watchlist id.
    pub id: String,
    pub tvmaze: u64,
    pub tmdb: Option<u64>,
    /// TVmaze's stamp at the last check, if there was one.
    pub updated: Option<i64>,
}

/// The shows of `watchlist` with a TVmaze id.
pub fn followed(watchlist: &Watchlist) -> Vec<Followed> {
    watchlist
        .shows
        .iter()
        .filter_map(|show| {
            Some(Followed {
                id: show.id.clone(),
                tvmaze: show.external_ids.tvmaze?,
                tmdb: show.external_ids.tmdb,
                updated: show.catalog.as_ref().and_then(|c| c.updated),
            })
        })
        .collect()
}

/// What a check brought back.
#[derive(Debug, Default)]
pub struct CheckResult {
    /// Each changed show's fresh answer, by watchlist id.
    pub answers: Vec<(String, CatalogShow)>,
    /// Shows TVmaze said were unchanged: no request was made for them.
    pub unchanged: usize,
    /// Shows that could not be fetched (gone from the catalog, an unreadable answer).
    pub failed: Vec<(String, FetchError)>,
}

/// Checks `followed`, reporting progress as `(done, total)` before each show is fetched.
/// `last_check` narrows the updates list TVmaze is asked for. Fails as a whole (so nothing is
/// saved) when the catalog cannot be reached or keeps refusing; a single show that cannot be
/// read is listed in [`CheckResult::failed`] instead.
pub fn check(
    providers: &Providers,
    followed: &[Followed],
    last_check: Option<jiff::Timestamp>,
    now: jiff::Timestamp,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<CheckResult, FetchError> {
    let mut result = CheckResult::default();
    if followed.is_empty() {
        return Ok(result);
    }
    let since = last_check.map_or(Since::Ever, |when| {
        Since::covering(now.duration_since(when))
    });
    let stamps = providers.tvmaze.updates(since)?;
    let due: Vec<&Followed> = followed
        .iter()
        .filter(|show| match (show.updated, stamps.get(&show.tvmaze)) {
            (None, _) => true,
            (Some(known), Some(latest)) => *latest > known,
            (Some(_), None) => false,
        })
        .collect();
    result.unchanged = followed.len() - due.len();
    let total = due.len();
    for (done, show) in due.into_iter().enumerate() {
        progress(done, total);
        match providers.show(show.tvmaze, show.tmdb) {
            Ok(answer) => result.answers.push((show.id.clone(), answer)),
            // Unreachable or refusing to serve us: stop, so nothing is half-saved.
            Err(error @ (FetchError::Unreachable { .. } | FetchError::TimedOut { .. })) => {
                return Err(error);
            }
            Err(error @ FetchError::RateLimited { .. }) => return Err(error),
            // This show's answer is unusable (gone, too large, an error page, a bad link): the
            // others still count.
            // Listed for the caller to report.
            Err(error) => result.failed.push((show.id.clone(), error)),
        }
    }
    progress(total, total);
    Ok(result)
}
