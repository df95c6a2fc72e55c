//! A show as a public catalog describes it: plain data that the providers produce and
//! [`crate::model::refresh`] compares with the watchlist.

use jiff::civil::Date;

use super::{CastMember, CatalogState, ExternalIds, Name, Show, Source, Status, StatusChange};

/// A show as a catalog describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogShow {
    pub tvmaze: u64,
    pub title: String,
    /// The network, or the streaming service for shows with no network.
    pub network: Option<Name>,
    /// The status in our terms, when the catalog's word has an equivalent.
    pub status: Option<Status>,
    /// The catalog's own word, e.g. `To Be Determined`.
    pub status_text: String,
    /// Who gave `status`: TVmaze, or TMDB when it told canceled from ended.
    pub source: Source,
    pub premiered: Option<Date>,
    pub ended: Option<Date>,
    pub genres: Vec<Name>,
    /// Plain text, HTML removed.
    pub summary: String,
    pub official_site: Option<String>,
    pub imdb: Option<String>,
    pub thetvdb: Option<u64>,
    pub tmdb: Option<u64>,
    pub poster_url: Option<String>,
    pub thumbnail_url: Option<String>,
    pub cast: Vec<CastMember>,
    pub seasons: Vec<Season>,
    /// The catalog's "last updated" stamp.
    pub updated: Option<i64>,
}

/// One season as the catalog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Season {
    pub number: u32,
    /// Episodes ordered, when known.
    pub ordered: Option<u32>,
    /// Episodes aired so far.
    pub aired: u32,
    pub premiered: Option<Date>,
    pub ended: Option<Date>,
}

impl CatalogShow {
    /// The year of the premiere, for search results.
    pub fn year(&self) -> Option<i16> {
        self.premiered.map(|d| d.year())
    }

    /// A new watchlist entry for this show (its id is chosen when it is added).
    pub fn to_show(&self, today: Date) -> Show {
        let status = self.status.unwrap_or(Status::Undetermined);
        let mut show = Show::new(String::new(), self.title.clone(), status);
        show.network = self.network.clone();
        show.premiered = self.premiered;
        show.ended = self.ended;
        show.genres = self.genres.clone();
        show.summary = self.summary.as_str().into();
        show.official_site = self.official_site.clone();
        show.poster_url = self.poster_url.clone();
        show.cast = self.cast.clone();
        show.progress.learn_lengths(self.season_lengths());
        show.external_ids = ExternalIds {
            tvmaze: Some(self.tvmaze),
            imdb: self.imdb.clone(),
            tmdb: self.tmdb,
            thetvdb: self.thetvdb,
        };
        show.status_history.push(StatusChange {
            status,
            on: Some(today),
            source: self.source.clone(),
            note: format!("added from {}", self.source.label()),
            seen: true,
        });
        let mut state = self.state(today);
        state.likely_canceled = self.likely_canceled();
        show.catalog = Some(state);
        show
    }

    /// What to remember of this answer for the next refresh.
    pub fn state(&self, today: Date) -> CatalogState {
        CatalogState {
            updated: self.updated,
            status: self.status,
            source: Some(self.source.clone()),
            network: self.network.clone(),
            seasons: self.season_count(),
            ended: self.ended,
            disagreement: None,
            likely_canceled: None,
            checked: Some(today),
        }
    }

    /// Each season's number and length: episodes ordered, or aired if more.
    pub fn season_lengths(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.seasons
            .iter()
            .map(|s| (s.number, s.ordered.unwrap_or(0).max(s.aired)))
    }

    /// The highest season number listed.
    pub fn season_count(&self) -> u32 {
        self.seasons.iter().map(|s| s.number).max().unwrap_or(0)
    }
}

/// About 18 months: a show that ends this soon after its premiere with one season looks
/// canceled rather than concluded.
const SHORT_RUN_DAYS: i32 = 548;

impl CatalogShow {
    /// Why an ended show looks canceled, when it does and only TVmaze (which cannot say canceled)
    /// was asked: a single season ending within about 18 months of the premiere, or a final season
    /// that aired fewer episodes than were ordered.
    pub fn likely_canceled(&self) -> Option<String> {
        if self.status != Some(Status::Ended) || self.source == Source::Tmdb {
            return None;
        }
        let last = self.seasons.iter().max_by_key(|s| s.number);
        if let Some(season) = last
            && let Some(ordered) = season.ordered
            && season.aired > 0
            && season.aired < ordered
        {
            return Some(format!(
                "{} of {ordered} ordered episodes of season {} aired",
                season.aired, season.number
            ));
        }
        if self.season_count() == 1
            && let (Some(start), Some(end)) = (self.premiered, self.ended)
        {
            let days = (end - start).get_days();
            if (0..=SHORT_RUN_DAYS).contains(&days) {
                let months = (days as f64 / 30.44).round() as i32;
                return Some(format!(
                    "one season, ended {} after its premiere",
                    super::counted(months, "month")
                ));
            }
        }
        None
    }
}
