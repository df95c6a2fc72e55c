//! The guide's questions tried on hand-made guides.

use super::*;
use crate::model::{ExternalIds, Show, Watchlist};
use jiff::civil::date;
use std::sync::Arc;

fn ep(season: u32, number: u32, at: &str) -> GuideEpisode {
    GuideEpisode {
        episode: EpisodeRef(season, number),
        title: format!("Episode {number}"),
        airs_at: Some(at.parse().expect("stamp")),
        air_date: None,
        runtime: Some(45),
        summary: String::new(),
    }
}

fn show_with(id: &str, tvmaze: u64, status: Status) -> Show {
    let mut show = Show::new(id, id, status);
    show.external_ids = ExternalIds {
        tvmaze: Some(tvmaze),
        ..ExternalIds::default()
    };
    show
}

fn guide() -> Guide {
    Guide::new(
        7,
        None,
        vec![
            ep(1, 2, "2026-01-08T02:00:00Z"),
            ep(1, 1, "2026-01-01T02:00:00Z"),
            ep(0, 1, "2026-01-05T02:00:00Z"),
            ep(1, 3, "2026-01-15T02:00:00Z"),
            ep(2, 1, "2026-12-03T02:00:00Z"),
            ep(2, 2, "2026-12-10T02:00:00Z"),
        ],
    )
}

#[test]
fn a_guide_is_kept_in_order_and_answers_by_season() {
    let guide = guide();
    assert_eq!(guide.episodes[0].episode, EpisodeRef(0, 1));
    assert_eq!(guide.season(1).len(), 3);
    assert_eq!(guide.season_lengths(), vec![(1, 3), (2, 2)]);
    assert_eq!(
        guide.get(EpisodeRef(1, 3)).map(|e| e.title.as_str()),
        Some("Episode 3")
    );
    assert_eq!(
        guide.landmark(EpisodeRef(2, 1), Status::Returning),
        Some(Landmark::Premiere)
    );
    assert_eq!(
        guide.landmark(EpisodeRef(1, 3), Status::Returning),
        Some(Landmark::Finale)
    );
    assert_eq!(
        guide.landmark(EpisodeRef(2, 2), Status::Canceled),
        Some(Landmark::SeriesFinale)
    );
    assert_eq!(guide.landmark(EpisodeRef(1, 2), Status::Returning), None);
}

#[test]
fn the_next_aired_episode_skips_specials_gaps_behind_and_what_has_not_aired() {
    let guide = guide();
    let now: Timestamp = "2026-11-30T12:00:00Z".parse().expect("now");
    let mut progress = Progress::default();
    assert_eq!(
        guide.next_aired(&progress, now).map(|e| e.episode),
        Some(EpisodeRef(1, 1))
    );
    // Watched 1 and 3 (2 is a gap behind where the user is): nothing aired is next.
    progress
        .mark_watched(&[EpisodeRef(1, 1), EpisodeRef(1, 3)], None)
        .expect("marks");
    assert_eq!(guide.next_aired(&progress, now), None);
    let later: Timestamp = "2026-12-04T00:00:00Z".parse().expect("later");
    assert_eq!(
        guide.next_aired(&progress, later).map(|e| e.episode),
        Some(EpisodeRef(2, 1))
    );
}

#[test]
fn up_next_lists_started_shows_with_an_aired_unwatched_episode_latest_watched_first() {
    let mut watchlist = Watchlist::default();
    let mut a = show_with("a", 7, Status::Returning);
    a.progress
        .mark_watched(&[EpisodeRef(1, 1)], Some(date(2026, 11, 1)))
        .expect("marks");
    let mut b = show_with("b", 7, Status::Returning);
    b.progress
        .mark_watched(
            &[EpisodeRef(1, 1), EpisodeRef(1, 2)],
            Some(date(2026, 11, 20)),
        )
        .expect("marks");
    let never = show_with("never", 7, Status::Returning);
    let mut dropped = show_with("dropped", 7, Status::Returning);
    dropped
        .progress
        .mark_watched(&[EpisodeRef(1, 1)], None)
        .expect("marks");
    dropped.progress.dropped = true;
    watchlist.shows = vec![Arc::new(a), Arc::new(b), Arc::new(never), Arc::new(dropped)];
    let guides: Guides = [(7, Arc::new(guide()))].into_iter().collect();
    let now: Timestamp = "2026-11-30T12:00:00Z".parse().expect("now");
    let rows = up_next(&watchlist, &guides, now);
    let got: Vec<(usize, EpisodeRef)> = rows.iter().map(|r| (r.show, r.episode)).collect();
    assert_eq!(got, vec![(1, EpisodeRef(1, 3)), (0, EpisodeRef(1, 2))]);
    assert_eq!(rows[0].title.as_deref(), Some("Episode 3"));
}

#[test]
fn episode_alerts_tell_premieres_finales_new_seasons_and_new_episodes_when_asked() {
    let day = |d: i8| format!("2026-12-{d:02}T20:00:00Z");
    let guide = Guide::new(
        7,
        None,
        vec![
            ep(1, 1, &day(1)),
            ep(1, 2, &day(2)),
            ep(1, 3, &day(3)),
            ep(2, 1, &day(20)),
        ],
    );
    let guides: Guides = [(7, Arc::new(guide))].into_iter().collect();
    let mut watching = show_with("a", 7, Status::Returning);
    watching
        .progress
        .mark_watched(&[EpisodeRef(1, 1)], None)
        .expect("marks");
    let watchlist = Watchlist {
        shows: vec![Arc::new(watching)],
        ..Watchlist::default()
    };
    let utc = TimeZone::UTC;
    let news = |today: Date, new_episodes: bool| {
        episode_alerts(&watchlist, &guides, today, &utc, new_episodes)
            .iter()
            .map(|a| (a.news, a.episode, a.text()))
            .collect::<Vec<_>>()
    };
    let announced = (
        EpisodeNews::SeasonAnnounced,
        EpisodeRef(2, 1),
        "Season 2 premieres Sun 20 Dec".to_owned(),
    );
    assert_eq!(
        news(date(2026, 12, 1), false),
        vec![
            (
                EpisodeNews::Premiere,
                EpisodeRef(1, 1),
                "Season 1 premieres today".to_owned()
            ),
            announced.clone()
        ]
    );
    assert_eq!(news(date(2026, 12, 2), false), vec![announced.clone()]);
    assert_eq!(
        news(date(2026, 12, 2), true)[0],
        (
            EpisodeNews::NewEpisode,
            EpisodeRef(1, 2),
            "New episode today: S1E2".to_owned()
        )
    );
    assert_eq!(news(date(2026, 12, 3), false)[0].0, EpisodeNews::Finale);
    // On the premiere day the announcement gives way to the premiere.
    assert_eq!(
        news(date(2026, 12, 20), false),
        vec![(
            EpisodeNews::Premiere,
            EpisodeRef(2, 1),
            "Season 2 premieres today".to_owned()
        )]
    );
}

#[test]
fn the_alerts_memo_follows_edits_days_and_the_setting() {
    let day = |d: i8| format!("2026-12-{d:02}T20:00:00Z");
    let guide = Guide::new(
        7,
        None,
        vec![ep(1, 1, &day(1)), ep(1, 2, &day(2)), ep(1, 3, &day(9))],
    );
    let guides: Guides = [(7, Arc::new(guide))].into_iter().collect();
    let mut a = show_with("a", 7, Status::Returning);
    a.progress
        .mark_watched(&[EpisodeRef(1, 1)], None)
        .expect("marks");
    let mut watchlist = Watchlist {
        shows: vec![Arc::new(a.clone()), Arc::new(a)],
        ..Watchlist::default()
    };
    let utc = TimeZone::UTC;
    let mut memo = EpisodeAlertsMemo::default();
    let shows = |alerts: Vec<EpisodeAlert>| alerts.iter().map(|a| a.show).collect::<Vec<_>>();
    let today = date(2026, 12, 2);
    assert_eq!(
        shows(memo.alerts(&watchlist, &guides, today, &utc, true)),
        [0, 1]
    );
    // The second show dropped: its alert goes, the first one's stays.
    Arc::make_mut(&mut watchlist.shows[1]).progress.dropped = true;
    assert_eq!(
        shows(memo.alerts(&watchlist, &guides, today, &utc, true)),
        [0]
    );
    assert_eq!(
        memo.alerts(&watchlist, &guides, today, &utc, true),
        episode_alerts(&watchlist, &guides, today, &utc, true),
        "the same as working every show out"
    );
    // Another setting or another day is worked out afresh.
    assert!(
        memo.alerts(&watchlist, &guides, today, &utc, false)
            .is_empty()
    );
    assert_eq!(
        memo.alerts(&watchlist, &guides, date(2026, 12, 1), &utc, false)[0].news,
        EpisodeNews::Premiere
    );
}

#[test]
fn the_memo_works_out_an_edited_show_again_and_keeps_the_others() {
    let guides: Guides = [(7, Arc::new(guide()))].into_iter().collect();
    let mut a = show_with("a", 7, Status::Returning);
    a.progress
        .mark_watched(&[EpisodeRef(1, 1)], None)
        .expect("marks");
    let mut watchlist = Watchlist {
        shows: vec![Arc::new(a.clone()), Arc::new(a)],
        ..Watchlist::default()
    };
    let now: Timestamp = "2026-11-30T12:00:00Z".parse().expect("now");
    let mut memo = UpNextMemo::default();
    let episodes = |rows: Vec<UpNext>| rows.iter().map(|r| r.episode).collect::<Vec<_>>();
    assert_eq!(
        episodes(memo.rows(&watchlist, &guides, now)),
        [EpisodeRef(1, 2), EpisodeRef(1, 2)]
    );
    Arc::make_mut(&mut watchlist.shows[1])
        .progress
        .mark_watched(&[EpisodeRef(1, 2)], None)
        .expect("marks");
    assert_eq!(
        episodes(memo.rows(&watchlist, &guides, now)),
        [EpisodeRef(1, 2), EpisodeRef(1, 3)]
    );
    // Time passing needs no edit: S2E1 airs on 3 December.
    Arc::make_mut(&mut watchlist.shows[1])
        .progress
        .mark_watched(&[EpisodeRef(1, 3)], None)
        .expect("marks");
    assert_eq!(
        episodes(memo.rows(&watchlist, &guides, now)),
        [EpisodeRef(1, 2)]
    );
    let later: Timestamp = "2026-12-04T00:00:00Z".parse().expect("later");
    assert_eq!(
        episodes(memo.rows(&watchlist, &guides, later)),
        [EpisodeRef(1, 2), EpisodeRef(2, 1)]
    );
}

#[test]
fn the_calendar_day_follows_daylight_saving_time() {
    // Central European rules, without a time zone database: +1 in winter, +2 from 02:00
    // local on the last Sunday of March (29 March 2026).
    let paris = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").expect("rules");
    let guide = Guide::new(
        7,
        None,
        vec![
            // 23:30 UTC on 28 March is 00:30 on the 29th in Paris (winter time, +1).
            ep(1, 1, "2026-03-28T23:30:00Z"),
            // 22:30 UTC on 29 March is 00:30 on the 30th (summer time, +2), not 23:30.
            ep(1, 2, "2026-03-29T22:30:00Z"),
        ],
    );
    let days: Vec<Option<Date>> = guide.episodes().iter().map(|e| e.day_in(&paris)).collect();
    assert_eq!(days, [Some(date(2026, 3, 29)), Some(date(2026, 3, 30))]);
    // The same instants a day apart in UTC: 28 and 29 March.
    let utc: Vec<Option<Date>> = guide
        .episodes()
        .iter()
        .map(|e| e.day_in(&TimeZone::UTC))
        .collect();
    assert_eq!(utc, [Some(date(2026, 3, 28)), Some(date(2026, 3, 29))]);
}

#[test]
fn the_calendar_groups_by_the_users_day_across_midnight() {
    let watchlist = Watchlist {
        shows: vec![Arc::new(show_with("a", 7, Status::Canceled))],
        ..Watchlist::default()
    };
    let guides: Guides = [(7, Arc::new(guide()))].into_iter().collect();
    let today = date(2026, 11, 30);
    // 02:00 UTC on 3 December is still 2 December five hours west.
    let new_york = TimeZone::fixed(jiff::tz::offset(-5));
    let days = calendar(&watchlist, &guides, today, &new_york, 7, 30);
    assert_eq!(
        days.keys().copied().collect::<Vec<_>>(),
        vec![date(2026, 12, 2), date(2026, 12, 9)]
    );
    let premiere = &days[&date(2026, 12, 2)][0];
    assert_eq!(premiere.landmark, Some(Landmark::Premiere));
    assert_eq!(
        days[&date(2026, 12, 9)][0].landmark,
        Some(Landmark::SeriesFinale)
    );
    let days = calendar(&watchlist, &guides, today, &TimeZone::UTC, 7, 30);
    assert!(days.contains_key(&date(2026, 12, 3)));
}
