//! The commands that talk to the catalogs: `search`, `add --tvmaze ID` and `check`.

use std::time::Duration;

use anyhow::{Context as _, bail};
use serde::Serialize;

use super::{edit_file_with, load_or_sample, print_out};
use crate::instance::{Request, ScriptedEdit};
use crate::model::answers;
use crate::model::{self, CatalogShow, Status};
use crate::session::{Found, findings_output};
use crate::settings::{self, Settings};
use crate::sources::{ProviderConfig, Providers, check as checking};
use crate::store::DataFile;

/// The provider settings for a command: the URLs given, and the TMDB key from the
/// environment or the settings file.
pub fn provider_config(tvmaze_url: Option<String>, tmdb_url: Option<String>) -> ProviderConfig {
    let mut config = ProviderConfig::with_urls(tvmaze_url, tmdb_url);
    let settings = settings::config_dir()
        .map(|dir| Settings::load(&dir))
        .unwrap_or_default();
    config.tmdb_key = settings.effective_tmdb_key();
    config
}

/// One search result as scripts see it.
#[derive(Serialize)]
struct SearchJson<'a> {
    tvmaze: u64,
    title: &'a str,
    year: Option<i16>,
    network: Option<&'a str>,
    status: Option<&'static str>,
    premiered: Option<String>,
    ended: Option<String>,
    genres: &'a [crate::model::Name],
    imdb: Option<&'a str>,
    poster_url: Option<&'a str>,
    summary: &'a str,
}

/// `search QUERY [--json]`.
pub fn search(config: &ProviderConfig, query: &str, json: bool) -> anyhow::Result<()> {
    if query.trim().is_empty() {
        bail!("give some words of the title to search for");
    }
    let providers = Providers::new(config);
    let hits = providers
        .tvmaze
        .search(query, &crate::tasks::Cancel::never())
        .context("cannot search TVmaze")?;
    if json {
        let rows: Vec<SearchJson<'_>> = hits
            .iter()
            .map(|hit| SearchJson {
                tvmaze: hit.tvmaze,
                title: &hit.title,
                year: hit.year(),
                network: hit.network.as_deref(),
                status: hit.status.map(Status::word),
                premiered: hit.premiered.map(|d| d.to_string()),
                ended: hit.ended.map(|d| d.to_string()),
                genres: &hit.genres,
                imdb: hit.imdb.as_deref(),
                poster_url: hit.poster_url.as_deref(),
                summary: &hit.summary,
            })
            .collect();
        return print_out(&format!("{}\n", serde_json::to_string_pretty(&rows)?));
    }
    if hits.is_empty() {
        eprintln!("no show on TVmaze matches “{}”", query.trim());
        return Ok(());
    }
    let mut out = String::new();
    for hit in &hits {
        out.push_str(&format!("{:>7}  {}\n", hit.tvmaze, describe_hit(hit)));
    }
    print_out(&out)
}

/// `Étoile (2025) — Prime Video — ended`.
pub fn describe_hit(hit: &CatalogShow) -> String {
    let mut line = hit.title.clone();
    if let Some(year) = hit.year() {
        line.push_str(&format!(" ({year})"));
    }
    if let Some(network) = &hit.network {
        line.push_str(&format!(" — {network}"));
    }
    if !hit.status_text.is_empty() {
        line.push_str(&format!(" — {}", hit.status_text.to_lowercase()));
    }
    line
}

/// `add --tvmaze ID`: fetched first, then added under the writer lock.
pub fn add_from_tvmaze(file: &DataFile, config: &ProviderConfig, id: u64) -> anyhow::Result<()> {
    let not_changed = || format!("{} was not changed", file.path.display());
    let providers = Providers::new(config);
    let fresh = providers
        .show(id, None)
        .with_context(|| format!("cannot fetch show {id} from TVmaze"))
        .with_context(not_changed)?;
    let show = fresh.to_show(model::today());
    super::scripted_edit(
        file,
        ScriptedEdit::Add {
            show: Box::new(show),
        },
    )
}

/// `check [--json] [--notify]`: asks the catalogs, saves what changed, prints it. When the
/// catalog cannot be reached, the error is returned and the file is left byte-identical. With
/// the app open on the file, the app checks (as F5 does, raising its alerts and notifications)
/// and this prints what it found.
pub fn check(
    file: &DataFile,
    config: &ProviderConfig,
    json: bool,
    notify: bool,
) -> anyhow::Result<()> {
    if let Some(printed) = super::through_the_app(file, &Request::Check { json }, &[], None)? {
        return print_out(&printed);
    }
    let not_changed = || format!("{} was not changed", file.path.display());
    let (watchlist, _) = load_or_sample(&file.path).with_context(not_changed)?;
    let followed = checking::followed(&watchlist);
    let providers = Providers::new(config);
    let now = jiff::Timestamp::now();
    let result = checking::check(
        &providers,
        &followed,
        settings::last_check(file),
        now,
        Some(&crate::store::guide_cache::GuideCache::default_location()),
        &mut |_, _| {},
    )
    .context("cannot check the catalogs")
    .with_context(not_changed)?;
    for (id, error) in &result.failed {
        eprintln!("{id}: {error}");
    }
    let result_failed = result.failed.len();
    // Compared again under the lock, against the file as it is then: an edit made while the
    // catalog was asked is never lost.
    let mut found: Vec<Found> = Vec::new();
    let mut canceled: Vec<(String, String)> = Vec::new();
    edit_file_with(file, |current| {
        let updates = answers::updates(current, result.answers);
        for update in &updates {
            for finding in &update.findings {
                found.push(Found::new(update, finding));
            }
            if let Some(cancellation) = update.cancellation() {
                let detail = cancellation.describe(update.source.label());
                canceled.push((update.title.clone(), detail));
            }
        }
        Ok(updates.into_iter().map(|u| u.action).collect())
    })?;
    // Recorded once the answers are saved, and only when every show was read: a show that
    // failed is asked again next time.
    if result_failed == 0
        && let Err(error) = settings::record_check(file, now)
    {
        log::warn!("could not record the time of the check: {error}");
    }
    print_out(&findings_output(&found, json))?;
    if notify && !canceled.is_empty() {
        // One after another in one job. Give the notification service a moment, but never
        // hang a cron job on it.
        let (tasks, events) = crate::tasks::Tasks::new(|| {});
        tasks.spawn("notify", move |_| {
            for (title, detail) in canceled {
                if let Err(error) = crate::notify::cancellation(&title, &detail) {
                    log::info!("desktop notification not shown: {error}");
                }
            }
        });
        let _ = events.wait_next(Duration::from_secs(3));
    }
    Ok(())
}
