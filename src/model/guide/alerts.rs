//! Episode alerts: premieres, finales, announced seasons and (when asked) new episodes airing
//! today, worked out from the guides and kept per show.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::days::Days;
use super::per_show::PerShow;
use super::{Guide, Guides, Landmark};
use crate::model::{EpisodeRef, Show, Watchlist};

/// What an episode alert tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpisodeNews {
    /// A season to come has a premiere date.
    SeasonAnnounced,
    /// A season starts today.
    Premiere,
    /// A season ends today.
    Finale,
    /// The show ends today (it has ended or been canceled).
    SeriesFinale,
    /// A new episode of a show the user is watching airs today (when Settings ask).
    NewEpisode,
}

/// An alert about episodes, worked out from the guides (nothing is stored: it lasts as long as
/// it is true).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeAlert {
    /// The show's index in the watchlist.
    pub show: usize,
    pub episode: EpisodeRef,
    /// The day it airs, in the user's time zone.
    pub day: Date,
    pub news: EpisodeNews,
}

impl EpisodeAlert {
    /// True when it airs from `today` to `days` days later.
    pub fn within(&self, today: Date, days: u32) -> bool {
        (0..=i64::from(days)).contains(&i64::from((self.day - today).get_days()))
    }

    /// The alert in words, after the show's title: "Season 3 premieres Fri 12 Dec".
    pub fn text(&self) -> String {
        let day = self.day.strftime("%a %-d %b");
        let season = self.episode.season();
        match self.news {
            EpisodeNews::SeasonAnnounced => format!("Season {season} premieres {day}"),
            EpisodeNews::Premiere => format!("Season {season} premieres today"),
            EpisodeNews::Finale => format!("The season {season} finale airs today"),
            EpisodeNews::SeriesFinale => "The series finale airs today".to_owned(),
            EpisodeNews::NewEpisode => format!("New episode today: {}", self.episode),
        }
    }
}

/// The episode alerts on `today` in time zone `tz`: premieres and finales airing today, the
/// next season's premiere once it has a date, and — with `new_episodes` — every episode airing
/// today of a show the user is watching. Dropped shows are left out.
pub fn episode_alerts(
    watchlist: &Watchlist,
    guides: &Guides,
    today: Date,
    tz: &TimeZone,
    new_episodes: bool,
) -> Vec<EpisodeAlert> {
    EpisodeAlertsMemo::default().alerts(watchlist, guides, today, tz, new_episodes)
}

/// [`episode_alerts`] kept between calls: after an edit only the edited show (or a show whose
/// guide changed) is worked out again, the others known by their `Arc`s. A catalog catching up
/// on an import edits a show every second or so; at 10,000 shows working every show out again
/// after each took 12 ms of a frame.
#[derive(Default)]
pub struct EpisodeAlertsMemo {
    /// The day and setting the alerts were worked out for.
    key: Option<(Date, bool)>,
    /// Each show's alerts.
    alerts: PerShow<Vec<EpisodeAlert>>,
}

impl EpisodeAlertsMemo {
    /// The episode alerts on `today` (see [`episode_alerts`]), sorted by day, then show.
    pub fn alerts(
        &mut self,
        watchlist: &Watchlist,
        guides: &Guides,
        today: Date,
        tz: &TimeZone,
        new_episodes: bool,
    ) -> Vec<EpisodeAlert> {
        if self.key != Some((today, new_episodes)) {
            self.key = Some((today, new_episodes));
            self.alerts.clear();
        }
        let window = Days::new(today, today, tz);
        let work = |show: &Show, guide: Option<&Guide>| {
            let mut mine = Vec::new();
            if let Some(guide) = guide {
                show_alerts(show, guide, &window, new_episodes, &mut mine);
            }
            mine
        };
        let mut alerts: Vec<EpisodeAlert> = self
            .alerts
            .update(watchlist, guides, work)
            .flat_map(|(i, mine)| mine.iter().map(move |a| EpisodeAlert { show: i, ..*a }))
            .collect();
        alerts.sort_by(|a, b| a.day.cmp(&b.day).then(a.show.cmp(&b.show)));
        alerts
    }
}

/// `show`'s episode alerts on the day of `window` (with position 0: the caller places them).
fn show_alerts(
    show: &Show,
    guide: &Guide,
    window: &Days<'_>,
    new_episodes: bool,
    alerts: &mut Vec<EpisodeAlert>,
) {
    if show.progress.dropped {
        return;
    }
    let today = window.first;
    let watching = || show.progress.state() == crate::model::WatchState::Watching;
    for (episode, _) in window
        .airings(guide)
        .filter(|(e, _)| e.episode.season() > 0)
    {
        let news = match guide.landmark(episode.episode, show.status) {
            Some(Landmark::Premiere) => EpisodeNews::Premiere,
            Some(Landmark::Finale) => EpisodeNews::Finale,
            Some(Landmark::SeriesFinale) => EpisodeNews::SeriesFinale,
            None if new_episodes && watching() => EpisodeNews::NewEpisode,
            None => continue,
        };
        alerts.push(EpisodeAlert {
            show: 0,
            episode: episode.episode,
            day: today,
            news,
        });
    }
    // The last season's premiere, once dated and still to come.
    let last_season = guide.episodes.last().map_or(0, |e| e.episode.season());
    if let Some(first) = guide
        .season(last_season)
        .first()
        .filter(|_| last_season > 0)
        .filter(|e| !window.long_before(e))
        && let Some(day) = first.day_in(window.tz).filter(|d| *d > today)
    {
        alerts.push(EpisodeAlert {
            show: 0,
            episode: first.episode,
            day,
            news: EpisodeNews::SeasonAnnounced,
        });
    }
}
