//! The calendar file: the watchlist's upcoming episodes as iCalendar (RFC 5545), written with
//! the `icalendar` crate, for `curtaincall calendar --ics` and for the file the app keeps up to
//! date beside the watchlist (a setting) so a calendar app can subscribe to it.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component as _, Event, EventLike as _};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::model::Watchlist;
use crate::model::guide::{Guides, calendar};

/// How long an episode without a runtime is taken to last.
const DEFAULT_MINUTES: i64 = 30;

/// The episodes airing from the day before `today` to `days_ahead` days after it, as an
/// iCalendar text. Each event's UID is made from the show's TVmaze id and the episode, so a
/// calendar app that subscribes sees an episode move rather than a new one appear; `stamp` is
/// written as every event's DTSTAMP (the time the file was made).
pub fn upcoming_ics(
    watchlist: &Watchlist,
    guides: &Guides,
    today: Date,
    days_ahead: i64,
    stamp: jiff::Timestamp,
) -> String {
    let stamp = utc(stamp);
    let mut ics = Calendar::new();
    ics.name("Curtain Call: upcoming episodes");
    // A day back, so an episode that is still today somewhere is not left out.
    for airings in calendar(watchlist, guides, today, &TimeZone::UTC, 1, days_ahead).values() {
        for airing in airings {
            let Some(show) = watchlist.shows.get(airing.show) else {
                continue;
            };
            let episode = &airing.episode;
            let Some(tvmaze) = show.external_ids.tvmaze else {
                continue;
            };
            let mut summary = format!("{} {}", show.title, episode.episode);
            if !show.spoiler_shield && !episode.title.is_empty() {
                summary.push_str(&format!(" · {}", episode.title));
            }
            let mut event = Event::new();
            event
                .uid(&format!(
                    "tvmaze-{tvmaze}-s{}e{}@curtaincall",
                    episode.episode.season(),
                    episode.episode.episode()
                ))
                .timestamp(stamp)
                .summary(&summary);
            let mut about = Vec::new();
            if let Some(landmark) = airing.landmark {
                about.push(landmark.word().to_owned());
            }
            if let Some(network) = &show.network {
                about.push(network.to_string());
            }
            if !about.is_empty() {
                event.description(&about.join(" · "));
            }
            match (episode.airs_at, episode.air_date) {
                (Some(at), _) => {
                    let minutes = episode.runtime.map_or(DEFAULT_MINUTES, i64::from);
                    let start = utc(at);
                    event
                        .starts(start)
                        .ends(start + chrono::Duration::minutes(minutes));
                }
                (None, Some(day)) => {
                    if let Some(day) = naive(day) {
                        event.all_day(day);
                    }
                }
                (None, None) => continue,
            }
            ics.push(event.done());
        }
    }
    ics.done().to_string()
}

fn utc(at: jiff::Timestamp) -> DateTime<Utc> {
    DateTime::from_timestamp(at.as_second(), at.subsec_nanosecond().unsigned_abs())
        .unwrap_or_default()
}

fn naive(day: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(day.year()),
        u32::try_from(day.month()).ok()?,
        u32::try_from(day.day()).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::guide::{Guide, GuideEpisode};
    use crate::model::{EpisodeRef, ExternalIds, Show, Status};
    use icalendar::{CalendarComponent, DatePerhapsTime};
    use jiff::civil::date;
    use std::sync::Arc;

    #[test]
    fn the_file_parses_back_with_one_event_per_coming_episode() {
        let mut show = Show::new("harbor-lights", "Harbor Lights", Status::Returning);
        show.network = Some("Prime Video".into());
        show.external_ids = ExternalIds {
            tvmaze: Some(101),
            ..ExternalIds::default()
        };
        let watchlist = Watchlist {
            shows: vec![Arc::new(show)],
            ..Watchlist::default()
        };
        let at = |s: &str| Some(s.parse::<jiff::Timestamp>().expect("stamp"));
        let guide = Guide::new(
            101,
            None,
            vec![
                GuideEpisode {
                    episode: EpisodeRef(1, 8),
                    title: "Long Ago".into(),
                    airs_at: at("2026-10-01T01:00:00Z"),
                    air_date: None,
                    runtime: Some(52),
                    summary: String::new(),
                },
                GuideEpisode {
                    episode: EpisodeRef(2, 1),
                    title: "Low Tide, Again".into(),
                    airs_at: at("2026-12-05T02:00:00Z"),
                    air_date: None,
                    runtime: Some(52),
                    summary: String::new(),
                },
                GuideEpisode {
                    episode: EpisodeRef(2, 2),
                    title: String::new(),
                    airs_at: None,
                    air_date: Some(date(2026, 12, 12)),
                    runtime: None,
                    summary: String::new(),
                },
            ],
        );
        let guides: Guides = [(101, Arc::new(guide))].into_iter().collect();
        let text = upcoming_ics(
            &watchlist,
            &guides,
            date(2026, 11, 30),
            30,
            "2026-11-30T09:00:00Z".parse().expect("stamp"),
        );
        let parsed: Calendar = text.parse().expect("parses back as iCalendar");
        let events: Vec<&Event> = parsed
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 2, "{text}");
        assert_eq!(
            events[0].get_summary(),
            Some("Harbor Lights S2E1 · Low Tide, Again")
        );
        assert_eq!(events[0].get_uid(), Some("tvmaze-101-s2e1@curtaincall"));
        assert_eq!(events[0].get_description(), Some("Premiere · Prime Video"));
        let start = DateTime::from_timestamp(1_796_436_000, 0).expect("time");
        assert_eq!(
            events[0].get_start(),
            Some(DatePerhapsTime::DateTime(start.into()))
        );
        assert_eq!(
            events[1].get_start(),
            Some(DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2026, 12, 12).expect("day")
            ))
        );
        assert!(text.contains("\r\n"), "lines end in CRLF");
    }
}
