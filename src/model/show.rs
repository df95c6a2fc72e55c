//! One series and everything the user keeps about it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::episodes::EpisodeRef;
use super::name_list::{Name, NameList};
use super::{Progress, Source, Status};

/// A series on the watchlist.
///
/// Fields added after schema version 1 must carry `#[serde(default)]` so older files still load.
/// Empty fields are left out of the file, which keeps it short to read and fast to load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Show {
    /// Stable identifier: links, merges and the command line rely on it never changing.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub creators: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub studios: Vec<Name>,
    pub status: Status,
    /// Every status the show has had, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_history: Vec<StatusChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cast: Vec<CastMember>,
    /// The notes panel: threads of plot the user follows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storylines: Vec<Storyline>,
    /// Free-form notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "ExternalIds::is_empty")]
    pub external_ids: ExternalIds,
    /// The day the first episode aired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premiered: Option<Date>,
    /// The day the last episode aired, once the show is over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Date>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub genres: Vec<Name>,
    /// The catalog's description, as plain text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_site: Option<String>,
    /// Where the catalog's poster can be downloaded (always `https`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster_url: Option<String>,
    /// The user's own poster: its name in the local poster cache (`local-<hash>.img`), shown
    /// instead of the catalog's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster_file: Option<String>,
    /// How far the user is: episodes watched per season.
    #[serde(default, skip_serializing_if = "Progress::is_empty")]
    pub progress: Progress,
    /// The user's own labels ("comfort", "with Sam", "2026 favourites"), in the order added.
    /// Each tag is also a personal list in the sidebar.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Name>,
    /// Storyline text stays hidden until clicked (spoilers), for this show.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub spoiler_shield: bool,
    /// What the catalog said the last time it was asked; a refresh compares against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<CatalogState>,
}

impl Show {
    /// A show with just a title and status, under the given id.
    pub fn new(id: impl Into<String>, title: impl Into<String>, status: Status) -> Self {
        Show {
            id: id.into(),
            title: title.into(),
            network: None,
            creators: Vec::new(),
            studios: Vec::new(),
            status,
            status_history: Vec::new(),
            scores: Vec::new(),
            cast: Vec::new(),
            storylines: Vec::new(),
            notes: String::new(),
            external_ids: ExternalIds::default(),
            premiered: None,
            ended: None,
            genres: Vec::new(),
            summary: String::new(),
            official_site: None,
            poster_url: None,
            poster_file: None,
            progress: Progress::default(),
            tags: Vec::new(),
            spoiler_shield: false,
            catalog: None,
        }
    }

    /// The score the list shows: Rotten Tomatoes' critic score if there is one, else the first
    /// critic score of any source.
    pub fn critic_score(&self) -> Option<&Score> {
        let critic = || self.scores.iter().filter(|s| s.kind == ScoreKind::Critic);
        critic()
            .find(|s| s.source == ScoreSource::RottenTomatoes)
            .or_else(|| critic().next())
    }

    /// The indexes in `status_history` of the changes the user has not seen yet.
    pub fn unseen_changes(&self) -> impl Iterator<Item = usize> + '_ {
        self.status_history
            .iter()
            .enumerate()
            .filter(|(_, change)| !change.seen)
            .map(|(i, _)| i)
    }

    /// Whether the show carries `tag`, ignoring case and accents.
    pub fn has_tag(&self, tag: &str) -> bool {
        let tag = super::ids::fold(tag.trim());
        self.tags.iter().any(|t| super::ids::fold(t) == tag)
    }

    /// Gives back the spare capacity its lists were read with: a list parsed from the file grows
    /// by doubling (12 cast members take room for 16), a quarter of the memory of a large
    /// watchlist's structure otherwise.
    pub fn shrink_to_fit(&mut self) {
        self.creators.shrink_to_fit();
        self.studios.shrink_to_fit();
        self.status_history.shrink_to_fit();
        self.scores.shrink_to_fit();
        for score in &mut self.scores {
            score.history.shrink_to_fit();
        }
        self.cast.shrink_to_fit();
        self.storylines.shrink_to_fit();
        self.genres.shrink_to_fit();
        self.tags.shrink_to_fit();
        self.progress.seen.shrink_to_fit();
        self.progress.episodes.shrink_to_fit();
    }

    /// Storylines the show's end left hanging.
    pub fn unresolved_count(&self) -> usize {
        self.storylines
            .iter()
            .filter(|s| s.state == StorylineState::Unresolved)
            .count()
    }
}

/// One entry of a show's status history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: Status,
    /// When it changed; `None` where the date is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<Date>,
    pub source: Source,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// False until the user has seen the change: an unseen change is an alert. Changes the user
    /// makes are seen; changes that arrive from elsewhere are not. Left out of the file when
    /// seen.
    #[serde(default = "seen_by_default", skip_serializing_if = "is_seen")]
    pub seen: bool,
}

fn seen_by_default() -> bool {
    true
}

fn is_seen(seen: &bool) -> bool {
    *seen
}

/// Who gave a score.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScoreSource {
    RottenTomatoes,
    Metacritic,
    Imdb,
    /// The user's own rating.
    Personal,
    Other(String),
}

impl ScoreSource {
    /// The everyday name, e.g. `Rotten Tomatoes`.
    pub fn label(&self) -> &str {
        match self {
            ScoreSource::RottenTomatoes => "Rotten Tomatoes",
            ScoreSource::Metacritic => "Metacritic",
            ScoreSource::Imdb => "IMDb",
            ScoreSource::Personal => "My rating",
            ScoreSource::Other(name) => name,
        }
    }

    /// The word used in JSON, e.g. `rotten-tomatoes`.
    pub fn word(&self) -> &str {
        match self {
            ScoreSource::RottenTomatoes => "rotten-tomatoes",
            ScoreSource::Metacritic => "metacritic",
            ScoreSource::Imdb => "imdb",
            ScoreSource::Personal => "personal",
            ScoreSource::Other(name) => name,
        }
    }

    /// The usual scale of this source's scores.
    pub fn default_out_of(&self) -> f64 {
        match self {
            ScoreSource::Imdb | ScoreSource::Personal => 10.0,
            _ => 100.0,
        }
    }
}

/// Whose opinion a score sums up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScoreKind {
    Critic,
    Audience,
}

impl ScoreKind {
    /// The word used in JSON and the UI.
    pub fn word(self) -> &'static str {
        match self {
            ScoreKind::Critic => "critic",
            ScoreKind::Audience => "audience",
        }
    }
}

/// A rating, e.g. Rotten Tomatoes critics 85 out of 100.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub source: ScoreSource,
    pub kind: ScoreKind,
    pub value: f64,
    pub out_of: f64,
    /// The day the score was seen; `None` where it is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Earlier values, oldest first: recording a new value for the same source and kind keeps
    /// the one it replaces here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<ScorePoint>,
}

/// An earlier value of a score and the day it was seen.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorePoint {
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

impl Score {
    /// A score seen today-or-whenever with no history yet.
    pub fn new(source: ScoreSource, kind: ScoreKind, value: f64, as_of: Option<Date>) -> Self {
        Score {
            out_of: source.default_out_of(),
            source,
            kind,
            value,
            as_of,
            url: None,
            history: Vec::new(),
        }
    }

    /// True for the same source and kind: a new value of this one replaces it.
    pub fn same_series(&self, other: &Score) -> bool {
        self.source == other.source && self.kind == other.kind
    }

    /// Every value, oldest first, the current one last.
    pub fn points(&self) -> impl Iterator<Item = ScorePoint> + '_ {
        self.history
            .iter()
            .copied()
            .chain(std::iter::once(ScorePoint {
                value: self.value,
                as_of: self.as_of,
            }))
    }

    /// Records `newer` as this score's current value, keeping the current one in the history.
    /// Earlier values on another scale are converted to the new one, so the history reads in
    /// one scale.
    pub fn record(&mut self, newer: Score) {
        if newer.out_of != self.out_of && self.out_of > 0.0 {
            let factor = newer.out_of / self.out_of;
            self.value *= factor;
            self.history.iter_mut().for_each(|p| p.value *= factor);
        }
        self.history.push(ScorePoint {
            value: self.value,
            as_of: self.as_of,
        });
        self.value = newer.value;
        self.out_of = newer.out_of;
        self.as_of = newer.as_of;
        if newer.url.is_some() {
            self.url = newer.url;
        }
    }

    /// `85%` for scores out of 100, `8.1/10` otherwise.
    pub fn display(&self) -> String {
        score_text(self.value, self.out_of)
    }
}

/// `85%` for a value out of 100, `8.1/10` otherwise.
pub fn score_text(value: f64, out_of: f64) -> String {
    if out_of == 100.0 {
        format!("{}%", trim_number(value))
    } else {
        format!("{}/{}", trim_number(value), trim_number(out_of))
    }
}

/// `85` rather than `85.0`, `8.1` as it is.
pub fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// How prominent a cast member is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Billing {
    #[default]
    Main,
    Recurring,
    Guest,
}

impl Billing {
    /// Every billing, most prominent first.
    pub const ALL: [Billing; 3] = [Billing::Main, Billing::Recurring, Billing::Guest];

    /// The word used in JSON and the UI.
    pub fn word(self) -> &'static str {
        match self {
            Billing::Main => "main",
            Billing::Recurring => "recurring",
            Billing::Guest => "guest",
        }
    }
}

/// An actor and the character they play.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CastMember {
    pub actor: Name,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub character: Option<Name>,
    #[serde(default)]
    pub billing: Billing,
}

/// Whether a storyline has been answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StorylineState {
    /// Still unfolding.
    #[default]
    Open,
    /// Answered on screen.
    Resolved,
    /// Never answered: the show ended or was canceled with it hanging.
    Unresolved,
}

impl StorylineState {
    /// Every state, in the order a person reads them.
    pub const ALL: [StorylineState; 3] = [
        StorylineState::Open,
        StorylineState::Resolved,
        StorylineState::Unresolved,
    ];

    /// The word used on the command line and in JSON.
    pub fn word(self) -> &'static str {
        match self {
            StorylineState::Open => "open",
            StorylineState::Resolved => "resolved",
            StorylineState::Unresolved => "unresolved",
        }
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            StorylineState::Open => "Open",
            StorylineState::Resolved => "Resolved",
            StorylineState::Unresolved => "Left unresolved",
        }
    }
}

/// A thread of plot the user keeps track of, above all a cliffhanger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Storyline {
    pub title: Name,
    #[serde(default)]
    pub state: StorylineState,
    /// The episode where the story was last left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_at: Option<EpisodeRef>,
    /// Names of the characters involved, as in the cast list.
    #[serde(default, skip_serializing_if = "NameList::is_empty")]
    pub characters: NameList,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// The day the storyline was written down (set when it is added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Date>,
    /// The day the user last changed its title, text, state, episode or characters (a
    /// cancellation marking it unresolved does not count: the status history dates that).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// Left unresolved, then the show came back: the season that may answer it. Cleared once
    /// the user settles the storyline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub may_be_answered_in: Option<u32>,
    /// The episode that resolved it, for a resolved storyline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_in: Option<EpisodeRef>,
}

impl Storyline {
    /// An open storyline with just a title.
    pub fn new(title: impl Into<Name>) -> Self {
        Storyline {
            title: title.into(),
            state: StorylineState::Open,
            left_at: None,
            characters: NameList::default(),
            text: String::new(),
            created: None,
            updated: None,
            may_be_answered_in: None,
            resolved_in: None,
        }
    }

    /// True when `character` is among the storyline's characters (ignoring case and accents).
    pub fn involves(&self, character: &str) -> bool {
        let wanted = super::ids::fold(character.trim());
        self.characters
            .iter()
            .any(|c| super::ids::fold(c.trim()) == wanted)
    }
}

/// The show's identifiers in public catalogs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalIds {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tvmaze: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imdb: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tmdb: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thetvdb: Option<u64>,
}

impl ExternalIds {
    /// True when no catalog id is known (the field is then left out of the file).
    pub fn is_empty(&self) -> bool {
        *self == ExternalIds::default()
    }
}

/// The catalog's view of a show at the last refresh, kept so that the next refresh reports only
/// what changed since, and so that a status the user set by hand is never overwritten.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CatalogState {
    /// The catalog's own "last updated" stamp (seconds since 1970); unchanged means no request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<i64>,
    /// The status the catalog gave, after TMDB told canceled from ended where it could.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Who gave `status`: TVmaze, or TMDB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Name>,
    /// How many seasons the catalog knew of.
    #[serde(default)]
    pub seasons: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Date>,
    /// A status the catalog reports that differs from the one the user set by hand, waiting for
    /// the user to accept or dismiss it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagreement: Option<Status>,
    /// Why an ended show looks canceled (a short run, fewer episodes than ordered), waiting for
    /// the user to confirm; set only when no TMDB status could say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely_canceled: Option<String>,
    /// The day of the last refresh that reached the catalog for this show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Date>,
}
