//! Desktop notifications for episode alerts: a premiere or a finale airing today, a new
//! season's date, and (when Settings ask) each new episode of a show the user is watching.
//! Each is raised once per run; the Alerts window keeps showing them while they are true.

use std::collections::HashSet;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::airings::Airings;
use crate::model::EpisodeRef;
use crate::model::guide::{EpisodeAlertsMemo, EpisodeNews};

/// What the alerts were last worked out for: the document and guides revisions, the day, and
/// whether new episodes count.
type Looked = (u64, u64, Date, bool);

/// The episode alerts already raised on the desktop in this run.
#[derive(Default)]
pub(super) struct EpisodeNotices {
    looked: Option<Looked>,
    raised: HashSet<(String, EpisodeRef, NewsKind)>,
    /// The alerts show by show: an edit works out one show again.
    memo: EpisodeAlertsMemo,
}

/// [`EpisodeNews`] as a key (it is `Copy` but not `Hash`).
type NewsKind = u8;

fn kind(news: EpisodeNews) -> NewsKind {
    match news {
        EpisodeNews::SeasonAnnounced => 0,
        EpisodeNews::Premiere => 1,
        EpisodeNews::Finale => 2,
        EpisodeNews::SeriesFinale => 3,
        EpisodeNews::NewEpisode => 4,
    }
}

/// What one notification says: the show's title and the news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Notice {
    pub title: String,
    pub news: String,
}

impl EpisodeNotices {
    /// The alerts not raised yet, when anything they depend on moved since the last look;
    /// `new_episodes`: Settings ask for each new episode of a show the user is watching.
    pub(super) fn fresh(
        &mut self,
        airings: &Airings<'_>,
        new_episodes: bool,
        tz: &TimeZone,
    ) -> Vec<Notice> {
        let Airings {
            watchlist,
            revision,
            guides,
            guides_revision,
            today,
            ..
        } = *airings;
        let looked = (revision, guides_revision, today, new_episodes);
        if guides.is_empty() || self.looked == Some(looked) {
            return Vec::new();
        }
        self.looked = Some(looked);
        self.memo
            .alerts(watchlist, guides, today, tz, new_episodes)
            .into_iter()
            .filter_map(|alert| {
                let show = watchlist.shows.get(alert.show)?;
                self.raised
                    .insert((show.id.clone(), alert.episode, kind(alert.news)))
                    .then(|| Notice {
                        title: show.title.clone(),
                        news: alert.text(),
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::guide::{Guide, GuideEpisode, Guides};
    use crate::model::{ExternalIds, Show, Status, Watchlist};
    use jiff::civil::date;
    use std::sync::Arc;

    #[test]
    fn each_alert_is_raised_once_and_only_when_something_moved() {
        let mut show = Show::new("etoile", "Étoile", Status::Returning);
        show.external_ids = ExternalIds {
            tvmaze: Some(7),
            ..ExternalIds::default()
        };
        let watchlist = Watchlist {
            shows: vec![Arc::new(show)],
            ..Watchlist::default()
        };
        let guide = Guide::new(
            7,
            None,
            vec![GuideEpisode {
                episode: EpisodeRef(3, 1),
                title: "Again".into(),
                airs_at: Some("2026-12-12T20:00:00Z".parse().expect("stamp")),
                air_date: None,
                runtime: None,
                summary: String::new(),
            }],
        );
        let guides: Guides = [(7, Arc::new(guide))].into_iter().collect();
        let mut notices = EpisodeNotices::default();
        let utc = TimeZone::UTC;
        let look = |notices: &mut EpisodeNotices, revision, today| {
            let airings = Airings {
                watchlist: &watchlist,
                revision,
                titles_revision: 1,
                guides: &guides,
                guides_revision: 1,
                today,
                now: jiff::Timestamp::UNIX_EPOCH,
            };
            notices.fresh(&airings, false, &utc)
        };
        assert_eq!(
            look(&mut notices, 1, date(2026, 11, 30)),
            vec![Notice {
                title: "Étoile".into(),
                news: "Season 3 premieres Sat 12 Dec".into()
            }]
        );
        assert!(look(&mut notices, 1, date(2026, 11, 30)).is_empty());
        assert!(
            look(&mut notices, 2, date(2026, 11, 30)).is_empty(),
            "raised once"
        );
        assert_eq!(
            look(&mut notices, 2, date(2026, 12, 12))[0].news,
            "Season 3 premieres today"
        );
    }
}
