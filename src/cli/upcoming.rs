//! `curtaincall upcoming` and `curtaincall calendar --ics`: the episodes of the watchlist's
//! shows airing in the coming days, by day in this machine's time zone or as iCalendar, from
//! the episode cache a check fills (no network).

use serde::Serialize;

use crate::model::Watchlist;
use crate::model::guide::{Guides, calendar};
use crate::store::guide_cache::GuideCache;

/// One episode as `--json` prints it.
#[derive(Serialize)]
struct Upcoming<'a> {
    date: String,
    /// RFC 3339, when the catalog gives the time.
    airs_at: Option<String>,
    show: &'a str,
    title: &'a str,
    season: u32,
    episode: u32,
    episode_title: &'a str,
    /// "Premiere", "Season finale" or "Series finale".
    landmark: Option<&'static str>,
    watched: bool,
}

/// The cached guides of `watchlist`'s shows.
fn guides_of(watchlist: &Watchlist, cache: &GuideCache) -> Guides {
    cache.load_all(watchlist.shows.iter().filter_map(|s| s.external_ids.tvmaze))
}

/// The iCalendar text of the next `days` days.
pub fn calendar_ics(watchlist: &Watchlist, cache: &GuideCache, days: u32) -> String {
    crate::ics::upcoming_ics(
        watchlist,
        &guides_of(watchlist, cache),
        crate::model::today(),
        i64::from(days),
        jiff::Timestamp::now(),
    )
}

/// The listing for `days` days from today (0: today only), as text or JSON.
pub fn upcoming(
    watchlist: &Watchlist,
    cache: &GuideCache,
    days: u32,
    json: bool,
) -> anyhow::Result<String> {
    let guides = guides_of(watchlist, cache);
    let tz = jiff::tz::TimeZone::system();
    let today = crate::model::today();
    let days = calendar(watchlist, &guides, today, &tz, 0, i64::from(days));
    let mut rows = Vec::new();
    for (day, airings) in &days {
        for airing in airings {
            let Some(show) = watchlist.shows.get(airing.show) else {
                continue;
            };
            rows.push(Upcoming {
                date: day.to_string(),
                airs_at: airing.episode.airs_at.map(|at| at.to_string()),
                show: &show.id,
                title: &show.title,
                season: airing.episode.episode.season(),
                episode: airing.episode.episode.episode(),
                episode_title: &airing.episode.title,
                landmark: airing.landmark.map(|l| l.word()),
                watched: airing.watched,
            });
        }
    }
    if json {
        return Ok(format!("{}\n", serde_json::to_string_pretty(&rows)?));
    }
    if rows.is_empty() {
        return Ok(if guides.is_empty() {
            "No episode guides yet: `curtaincall check` fetches them for shows with a TVmaze id.\n"
                .to_owned()
        } else {
            "Nothing airs in those days.\n".to_owned()
        });
    }
    let mut out = String::new();
    let mut last_day = String::new();
    for row in &rows {
        if row.date != last_day {
            out.push_str(&format!("{}\n", row.date));
            last_day.clone_from(&row.date);
        }
        let time = row
            .airs_at
            .as_deref()
            .and_then(|at| at.parse::<jiff::Timestamp>().ok())
            .map(|at| tz.to_datetime(at).strftime("%H:%M").to_string())
            .unwrap_or_else(|| "     ".to_owned());
        let mut line = format!("  {time}  {}  S{}E{}", row.title, row.season, row.episode);
        if !row.episode_title.is_empty() {
            line.push_str(&format!(" · {}", row.episode_title));
        }
        if let Some(landmark) = row.landmark {
            line.push_str(&format!("  [{landmark}]"));
        }
        if row.watched {
            line.push_str("  (watched)");
        }
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}
