//! Catching up on an imported show: finding it in TVmaze (by its TheTVDB or IMDb id, else by
//! its title and year, which the user then confirms) and fetching its details and episodes.
//! One show per call, so the caller can stop between shows and remember where it stopped.

use super::{FetchError, Providers};
use crate::model::guide::Guide;
use crate::model::ids::fold;
use crate::model::{CatalogShow, ExternalIds};
use crate::store::guide_cache::GuideCache;
use crate::tasks::Cancel;

/// The show to find, as the watchlist has it.
#[derive(Debug, Clone, PartialEq)]
pub struct Wanted {
    pub title: String,
    pub year: Option<i16>,
    pub ids: ExternalIds,
}

/// What the catalog said about a show.
#[derive(Debug)]
pub enum Caught {
    /// Found by id (or already linked): its details, and its episodes when they could be
    /// fetched.
    Linked(Box<CatalogShow>, Option<Guide>),
    /// A show of the same title (and year) found by search: the user says whether it is the
    /// one.
    Proposed(Box<CatalogShow>),
    /// Nothing in the catalog looks like it.
    NotFound,
}

/// Finds `wanted` in TVmaze and, when found by id, fetches it with its cast and seasons, and
/// its episodes into `guides`. Losing the catalog (offline, refusing) is an error, for the
/// caller to try again later; a show the catalog does not know is [`Caught::NotFound`].
pub fn catch_up(
    providers: &Providers,
    wanted: &Wanted,
    guides: Option<&GuideCache>,
    now: jiff::Timestamp,
    cancel: &Cancel,
) -> Result<Caught, FetchError> {
    let tvmaze = match wanted.ids.tvmaze {
        Some(id) => Some(id),
        None => providers.tvmaze.lookup(&wanted.ids, cancel)?,
    };
    let Some(tvmaze) = tvmaze else {
        return by_title(providers, wanted, cancel);
    };
    let show = match providers.show_unless(tvmaze, wanted.ids.tmdb, cancel) {
        Ok(show) => show,
        // The id pointed at a show TVmaze no longer has.
        Err(FetchError::NotFound { .. }) => return by_title(providers, wanted, cancel),
        Err(error) => return Err(error),
    };
    let guide = match providers.tvmaze.episodes(tvmaze, now) {
        Ok(guide) => {
            if let Some(cache) = guides
                && let Err(error) = cache.store(&guide)
            {
                log::warn!("could not keep the episodes of {}: {error}", show.title);
            }
            Some(guide)
        }
        Err(
            error @ (FetchError::Unreachable { .. }
            | FetchError::TimedOut { .. }
            | FetchError::RateLimited { .. }),
        ) => return Err(error),
        // The next check fetches them again.
        Err(error) => {
            log::info!("episodes of {}: {error}", show.title);
            None
        }
    };
    Ok(Caught::Linked(Box::new(show), guide))
}

/// The first search result with the same title (ignoring case and accents) and, when both know
/// it, the same year.
fn by_title(providers: &Providers, wanted: &Wanted, cancel: &Cancel) -> Result<Caught, FetchError> {
    let title = fold(&wanted.title);
    if title.is_empty() {
        return Ok(Caught::NotFound);
    }
    let hits = providers.tvmaze.search(&wanted.title, cancel)?;
    let same = hits.into_iter().find(|hit| {
        fold(&hit.title) == title
            && match (wanted.year, hit.year()) {
                (Some(wanted), Some(year)) => wanted == year,
                _ => true,
            }
    });
    Ok(same.map_or(Caught::NotFound, |hit| Caught::Proposed(Box::new(hit))))
}
