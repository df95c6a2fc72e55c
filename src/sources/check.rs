//! A check of every followed show: ask TVmaze which shows changed since the last check, then
//! fetch only those — the show, and its episode list into the episode cache. A show whose
//! episodes are not cached yet has its list fetched once even when unchanged. The cost: one
//! request, plus two per changed show, plus one per unchanged show never fetched before.
//! Shared by the app's refresh and `curtaincall check`.

use super::Providers;
use super::http::FetchError;
use super::tvmaze::Since;
use crate::model::guide::Guide;
use crate::model::{CatalogShow, Watchlist};
use crate::store::guide_cache::GuideCache;

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
    /// The episode guides fetched (and kept in the cache).
    pub guides: Vec<Guide>,
}

/// Checks `followed`, reporting progress as `(done, total)` before each show is fetched.
/// `last_check` narrows the updates list TVmaze is asked for; with `guides`, episode lists are
/// fetched into that cache. Fails as a whole (so nothing is saved) when the catalog cannot be
/// reached or keeps refusing; a single show that cannot be read is listed in
/// [`CheckResult::failed`] instead.
pub fn check(
    providers: &Providers,
    followed: &[Followed],
    last_check: Option<jiff::Timestamp>,
    now: jiff::Timestamp,
    guides: Option<&GuideCache>,
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
    let (due, unchanged): (Vec<&Followed>, Vec<&Followed>) =
        followed
            .iter()
            .partition(|show| match (show.updated, stamps.get(&show.tvmaze)) {
                (None, _) => true,
                (Some(known), Some(latest)) => *latest > known,
                (Some(_), None) => false,
            });
    result.unchanged = unchanged.len();
    // Unchanged shows whose episodes were never fetched: their list once.
    let unlisted: Vec<&Followed> = match guides {
        Some(cache) => unchanged
            .into_iter()
            .filter(|show| !cache.has(show.tvmaze))
            .collect(),
        None => Vec::new(),
    };
    let total = due.len() + unlisted.len();
    for (done, show) in due.into_iter().enumerate() {
        progress(done, total);
        match providers.show(show.tvmaze, show.tmdb) {
            Ok(answer) => {
                result.answers.push((show.id.clone(), answer));
                if let Some(cache) = guides {
                    fetch_guide(providers, cache, show, now, &mut result)?;
                }
            }
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
    let done = total - unlisted.len();
    for (i, show) in unlisted.into_iter().enumerate() {
        progress(done + i, total);
        if let Some(cache) = guides {
            fetch_guide(providers, cache, show, now, &mut result)?;
        }
    }
    progress(total, total);
    Ok(result)
}

/// Fetches `show`'s episode list into `cache` and the result. Only losing the catalog stops the
/// check; a list that cannot be read or kept leaves the show's last cached one.
fn fetch_guide(
    providers: &Providers,
    cache: &GuideCache,
    show: &Followed,
    now: jiff::Timestamp,
    result: &mut CheckResult,
) -> Result<(), FetchError> {
    match providers.tvmaze.episodes(show.tvmaze, now) {
        Ok(guide) => {
            if let Err(error) = cache.store(&guide) {
                log::warn!("could not keep the episodes of {}: {error}", show.id);
            }
            result.guides.push(guide);
            Ok(())
        }
        Err(
            error @ (FetchError::Unreachable { .. }
            | FetchError::TimedOut { .. }
            | FetchError::RateLimited { .. }),
        ) => Err(error),
        Err(error) => {
            log::warn!("episodes of {}: {error}", show.id);
            Ok(())
        }
    }
}
