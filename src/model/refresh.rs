//! What a catalog's answer means for a show: pure functions, no I/O.
//!
//! [`compare`] lists what changed since the last answer (kept in [`Show::catalog`]); [`apply`]
//! records each change in the show's status history as an unseen entry — an alert — and updates
//! the show. A status the user set by hand is never overwritten: the catalog's differing word is
//! kept as a disagreement for the user to accept or dismiss.

use jiff::civil::Date;

use super::{CatalogShow, EpisodeRef, Name, Show, Source, Status, StatusChange, StorylineState};

/// One thing the catalog says changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The status changed and the show follows the catalog.
    Status { from: Status, to: Status },
    /// The catalog's status differs from the one the user set by hand, which is kept.
    Disagreement { yours: Status, catalog: Status },
    /// The show moved to another network or service.
    Network { from: Option<Name>, to: Name },
    /// A season the catalog did not list before.
    NewSeason { number: u32 },
    /// The day the last episode aired is now known (or moved).
    EndDate { date: Date },
    /// An ended show whose run stopped short; the user is asked to confirm.
    LikelyCanceled { reason: String },
}

impl Finding {
    /// One line for the command line and the status history, e.g. `airing ➡ ended`.
    pub fn describe(&self, source: &str) -> String {
        match self {
            Finding::Status { from, to } => {
                format!("{source}: {} ➡ {}", from.label(), to.label())
            }
            Finding::Disagreement { yours, catalog } => format!(
                "{source} says {}; you set {} — kept until you accept it",
                catalog.label(),
                yours.label()
            ),
            Finding::Network { from, to } => match from {
                Some(from) => format!("moved from {from} to {to}"),
                None => format!("now on {to}"),
            },
            Finding::NewSeason { number } => format!("season {number} listed"),
            Finding::EndDate { date } => format!("last episode {date}"),
            Finding::LikelyCanceled { reason } => {
                format!("likely canceled ({reason}) — please confirm")
            }
        }
    }

    /// A word for JSON output.
    pub fn kind(&self) -> &'static str {
        match self {
            Finding::Status { .. } => "status",
            Finding::Disagreement { .. } => "disagreement",
            Finding::Network { .. } => "network",
            Finding::NewSeason { .. } => "new-season",
            Finding::EndDate { .. } => "end-date",
            Finding::LikelyCanceled { .. } => "likely-canceled",
        }
    }
}

/// True when the show's current status came from the user (or a page they cited) rather than
/// from a catalog: judged by the entry that set it — the first of the trailing entries with the
/// current status — not by alerts recorded since (a new season, a disagreement), which keep it.
pub fn set_by_hand(show: &Show) -> bool {
    show.status_history
        .iter()
        .rev()
        .take_while(|change| change.status == show.status)
        .last()
        .is_some_and(|change| !matches!(change.source, Source::TvMaze | Source::Tmdb))
}

/// True when the catalog's status says the same as the show's: TVmaze's "Ended" agrees with a
/// cancellation, since TVmaze cannot tell them apart.
fn agrees(show: Status, catalog: Status, source: &Source) -> bool {
    show == catalog
        || (show == Status::Canceled && catalog == Status::Ended && *source != Source::Tmdb)
}

/// What changed for `show` according to `fresh`, compared with the catalog's previous answer.
pub fn compare(show: &Show, fresh: &CatalogShow) -> Vec<Finding> {
    let last = show.catalog.as_ref();
    let mut findings = Vec::new();
    if let Some(new) = fresh.status {
        let catalog_moved = last.and_then(|l| l.status) != Some(new);
        if catalog_moved && !agrees(show.status, new, &fresh.source) {
            findings.push(if set_by_hand(show) {
                Finding::Disagreement {
                    yours: show.status,
                    catalog: new,
                }
            } else {
                Finding::Status {
                    from: show.status,
                    to: new,
                }
            });
        }
    }
    if let Some(last) = last {
        if let Some(to) = &fresh.network
            && last.network.as_ref() != Some(to)
            && show.network.as_ref() != Some(to)
        {
            findings.push(Finding::Network {
                from: show.network.clone(),
                to: to.clone(),
            });
        }
        let seasons = fresh.season_count();
        if last.seasons > 0 && seasons > last.seasons {
            findings.push(Finding::NewSeason { number: seasons });
        }
        if let Some(date) = fresh.ended
            && last.ended != Some(date)
        {
            findings.push(Finding::EndDate { date });
        }
    }
    let becomes_ended = findings.iter().any(|f| {
        matches!(
            f,
            Finding::Status {
                to: Status::Ended,
                ..
            }
        )
    });
    let asked_already = last.is_some_and(|l| l.likely_canceled.is_some());
    if becomes_ended
        && !asked_already
        && let Some(reason) = fresh.likely_canceled()
    {
        findings.push(Finding::LikelyCanceled { reason });
    }
    findings
}

/// Updates `show` with `fresh` and returns what changed. Each finding becomes an unseen entry
/// of the status history (an alert); a cancellation marks open storylines unresolved, as a
/// manual one does.
pub fn apply(show: &mut Show, fresh: &CatalogShow, today: Date) -> Vec<Finding> {
    let findings = compare(show, fresh);
    let previous = show.catalog.take().unwrap_or_default();
    let mut state = fresh.state(today);
    state.disagreement = previous.disagreement;
    state.likely_canceled = previous.likely_canceled;
    let source_name = fresh.source.label();
    // A change of status is one alert, carrying whatever else this answer said (the last
    // episode's date, a likely cancellation); without one, each finding is an alert of its own.
    let mut notes: Vec<String> = Vec::new();
    let mut new_status = None;
    for finding in &findings {
        match finding {
            Finding::Status { to, .. } => {
                new_status = Some(*to);
                let word = if fresh.source == Source::Tmdb || fresh.status_text.is_empty() {
                    to.label()
                } else {
                    fresh.status_text.as_str()
                };
                notes.insert(0, format!("{source_name} now lists it as “{word}”"));
            }
            Finding::Disagreement { catalog, .. } => {
                state.disagreement = Some(*catalog);
                show.status_history.push(StatusChange {
                    status: show.status,
                    on: Some(today),
                    source: fresh.source.clone(),
                    note: finding.describe(source_name),
                    seen: false,
                });
            }
            Finding::Network { to, .. } => {
                show.network = Some(to.clone());
                notes.push(finding.describe(source_name));
            }
            Finding::EndDate { date } => {
                show.ended = Some(*date);
                notes.push(finding.describe(source_name));
            }
            Finding::LikelyCanceled { reason } => {
                state.likely_canceled = Some(reason.clone());
                notes.push(finding.describe(source_name));
            }
            Finding::NewSeason { .. } => notes.push(finding.describe(source_name)),
        }
    }
    if let Some(to) = new_status {
        let from = show.status;
        show.status = to;
        state.disagreement = None;
        if to == Status::Canceled {
            mark_open_storylines_unresolved(show);
        }
        let new_season = findings.iter().find_map(|f| match f {
            Finding::NewSeason { number } => Some(*number),
            _ => None,
        });
        let reopened = reopen_if_back(show, from, to, new_season);
        if reopened > 0 {
            notes.push(reopened_note(&show.title, reopened));
        }
        notes = vec![notes.join(" · ")];
    }
    for note in notes {
        show.status_history.push(StatusChange {
            status: show.status,
            on: Some(today),
            source: fresh.source.clone(),
            note,
            seen: false,
        });
    }
    if fresh
        .status
        .is_some_and(|s| agrees(show.status, s, &fresh.source))
    {
        state.disagreement = None;
    }
    if show.status != Status::Ended {
        state.likely_canceled = None;
    }
    fill_in(show, fresh);
    show.catalog = Some(state);
    findings
}

/// True for a status that says a show is coming back or on the air.
fn is_back(status: Status) -> bool {
    matches!(
        status,
        Status::Planned | Status::InProduction | Status::Airing | Status::Returning
    )
}

/// A show that was canceled or ended is back (`to` says so): the storylines the user marked
/// left unresolved are open again, marked with the season that may answer them (`season`, or
/// the one after the last known). Returns how many; the caller says so in the alert.
pub fn reopen_if_back(show: &mut Show, from: Status, to: Status, season: Option<u32>) -> usize {
    if !matches!(from, Status::Canceled | Status::Ended) || !is_back(to) {
        return 0;
    }
    // The season after the last one anything knows of: the progress, where storylines were
    // left.
    let last_known = show
        .storylines
        .iter()
        .filter_map(|s| s.left_at.map(EpisodeRef::season))
        .chain([show.progress.seasons() as u32])
        .max()
        .unwrap_or(0);
    let season = season.unwrap_or(last_known + 1);
    let mut reopened = 0;
    for storyline in &mut show.storylines {
        if storyline.state == StorylineState::Unresolved {
            storyline.state = StorylineState::Open;
            storyline.may_be_answered_in = Some(season);
            reopened += 1;
        }
    }
    reopened
}

/// The alert's words for storylines reopened by a revival.
pub fn reopened_note(title: &str, reopened: usize) -> String {
    let storylines = super::counted(reopened as i64, "storyline");
    format!("{title} is back — {storylines} you marked unresolved may be answered")
}

/// Marks the open storylines of a show that was just canceled as left unresolved.
pub fn mark_open_storylines_unresolved(show: &mut Show) {
    for storyline in &mut show.storylines {
        if storyline.state == StorylineState::Open {
            storyline.state = StorylineState::Unresolved;
        }
    }
}

/// Links `show`, brought in by hand (an import), to the catalog's entry `fresh`: takes its ids,
/// descriptive fields, cast when the user has none, network when the show has none, and its
/// status, recorded in the history as coming from the catalog. None of it is an alert: the
/// show did not change, it was only recognised. A canceled show's open storylines are marked
/// unresolved, as a cancellation found any other way does.
pub fn link(show: &mut Show, fresh: &CatalogShow, today: Date) {
    fill_in(show, fresh);
    if show.network.is_none() {
        show.network = fresh.network.clone();
    }
    if show.ended.is_none() {
        show.ended = fresh.ended;
    }
    let mut state = fresh.state(today);
    state.likely_canceled = fresh.likely_canceled();
    show.catalog = Some(state);
    if let Some(status) = fresh.status
        && status != show.status
    {
        show.status = status;
        show.status_history.push(StatusChange {
            status,
            on: Some(today),
            source: fresh.source.clone(),
            note: format!("matched on {} after an import", fresh.source.label()),
            seen: true,
        });
        if status == Status::Canceled {
            mark_open_storylines_unresolved(show);
        }
    }
}

/// Takes the catalog's descriptive fields, and fills in what the user has not written
/// themselves (a cast list, ids), without alerting.
fn fill_in(show: &mut Show, fresh: &CatalogShow) {
    if fresh.premiered.is_some() {
        show.premiered = fresh.premiered;
    }
    if !fresh.genres.is_empty() {
        show.genres = fresh.genres.clone();
    }
    if !fresh.summary.is_empty() {
        show.summary = fresh.summary.as_str().into();
    }
    if fresh.official_site.is_some() {
        show.official_site = fresh.official_site.clone();
    }
    if fresh.poster_url.is_some() {
        show.poster_url = fresh.poster_url.clone();
    }
    if show.cast.is_empty() {
        show.cast = fresh.cast.clone();
    }
    show.progress.learn_lengths(fresh.season_lengths());
    let ids = &mut show.external_ids;
    ids.tvmaze = Some(fresh.tvmaze);
    ids.imdb = ids.imdb.take().or_else(|| fresh.imdb.clone());
    ids.thetvdb = ids.thetvdb.or(fresh.thetvdb);
    ids.tmdb = ids.tmdb.or(fresh.tmdb);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CatalogState, Season, Storyline};

    fn fresh(status: Status) -> CatalogShow {
        CatalogShow {
            tvmaze: 7,
            title: "Étoile".into(),
            network: Some("Prime Video".into()),
            status: Some(status),
            source: Source::TvMaze,
            premiered: "2025-04-24".parse().ok(),
            seasons: vec![Season {
                number: 1,
                ordered: Some(8),
                aired: 8,
                ..Season::default()
            }],
            ..CatalogShow::default()
        }
    }

    fn followed(status: Status) -> Show {
        let today: Date = "2025-05-01".parse().unwrap();
        let mut show = fresh(status).to_show(today);
        show.id = "etoile".into();
        show.storylines.push(Storyline::new("Who takes the lead?"));
        show
    }

    #[test]
    fn linking_an_imported_show_takes_the_catalog_quietly_and_keeps_what_the_user_brought() {
        let today: Date = "2026-11-30".parse().unwrap();
        let mut show = Show::new("etoile", "Étoile", Status::Undetermined);
        show.notes = "From TV Time: loved the finale".into();
        show.storylines.push(Storyline::new("Who takes the lead?"));
        show.external_ids.thetvdb = Some(7001);
        link(&mut show, &fresh(Status::Canceled), today);
        assert_eq!(show.external_ids.tvmaze, Some(7));
        assert_eq!(show.external_ids.thetvdb, Some(7001));
        assert_eq!(show.status, Status::Canceled);
        assert_eq!(show.network.as_deref(), Some("Prime Video"));
        assert_eq!(show.notes, "From TV Time: loved the finale");
        let change = show.status_history.last().expect("the status is recorded");
        assert_eq!((change.source.clone(), change.seen), (Source::TvMaze, true));
        assert!(
            show.status_history.iter().all(|c| c.seen),
            "recognising a show is not news: no alert"
        );
        assert_eq!(show.storylines[0].state, StorylineState::Unresolved);
        assert!(
            show.catalog.is_some(),
            "the next check compares with this answer"
        );
    }

    /// Records `status` as set by `source`, the way a user's change is.
    fn set_by(show: &mut Show, status: Status, source: Source) {
        show.status = status;
        show.status_history.push(StatusChange {
            status,
            on: None,
            source,
            note: String::new(),
            seen: true,
        });
    }

    fn today() -> Date {
        "2026-11-25".parse().unwrap()
    }

    #[test]
    fn running_to_ended_is_one_unseen_change_from_tvmaze() {
        let mut show = followed(Status::Airing);
        let mut answer = fresh(Status::Ended);
        answer.ended = "2025-05-29".parse().ok();
        let findings = apply(&mut show, &answer, today());
        assert_eq!(
            findings[0],
            Finding::Status {
                from: Status::Airing,
                to: Status::Ended
            }
        );
        assert_eq!(show.status, Status::Ended);
        let unseen: Vec<_> = show.status_history.iter().filter(|c| !c.seen).collect();
        assert!(unseen.iter().all(|c| c.source == Source::TvMaze));
        assert_eq!(unseen[0].status, Status::Ended);
        assert_eq!(unseen[0].on, Some(today()));
        // One season that ended a month after its premiere: likely canceled, asked once.
        assert!(
            findings
                .iter()
                .any(|f| matches!(f, Finding::LikelyCanceled { .. }))
        );
        let state = show.catalog.as_ref().unwrap();
        assert!(
            state
                .likely_canceled
                .as_deref()
                .unwrap()
                .contains("one season")
        );
        assert_eq!(apply(&mut show, &answer, today()), vec![]);
    }

    #[test]
    fn an_unchanged_answer_finds_nothing() {
        let mut show = followed(Status::Airing);
        let before = show.status_history.len();
        assert_eq!(apply(&mut show, &fresh(Status::Airing), today()), vec![]);
        assert_eq!(show.status_history.len(), before);
    }

    #[test]
    fn a_status_set_by_hand_wins_and_the_disagreement_is_kept() {
        let mut show = followed(Status::Airing);
        set_by(&mut show, Status::Returning, Source::Manual);
        let findings = apply(&mut show, &fresh(Status::Undetermined), today());
        assert_eq!(
            findings,
            vec![Finding::Disagreement {
                yours: Status::Returning,
                catalog: Status::Undetermined
            }]
        );
        assert_eq!(show.status, Status::Returning);
        assert_eq!(
            show.catalog.as_ref().unwrap().disagreement,
            Some(Status::Undetermined)
        );
        // Asked once: the same answer again is not news.
        assert_eq!(
            apply(&mut show, &fresh(Status::Undetermined), today()),
            vec![]
        );
        assert!(show.catalog.as_ref().unwrap().disagreement.is_some());
    }

    #[test]
    fn a_status_set_by_hand_still_wins_after_other_alerts() {
        let mut show = followed(Status::Airing);
        set_by(&mut show, Status::Returning, Source::Manual);
        // A new season from TVmaze: an alert recorded with the current status…
        let mut answer = fresh(Status::Airing);
        answer.seasons.push(Season {
            number: 2,
            ..Season::default()
        });
        assert_eq!(
            kinds_of(&apply(&mut show, &answer, today())),
            ["new-season"]
        );
        assert_eq!(show.status_history.last().unwrap().source, Source::TvMaze);
        // …does not make the user's status the catalog's.
        answer.status = Some(Status::Ended);
        assert_eq!(
            kinds_of(&apply(&mut show, &answer, today())),
            ["disagreement"]
        );
        assert_eq!(show.status, Status::Returning);
    }

    #[test]
    fn tmdb_canceled_cancels_and_leaves_storylines_unresolved() {
        let mut show = followed(Status::Airing);
        let mut answer = fresh(Status::Canceled);
        answer.source = Source::Tmdb;
        apply(&mut show, &answer, today());
        assert_eq!(show.status, Status::Canceled);
        assert_eq!(show.storylines[0].state, StorylineState::Unresolved);
        let last = show.status_history.last().unwrap();
        assert_eq!((last.source.clone(), last.seen), (Source::Tmdb, false));
        assert_eq!(show.catalog.as_ref().unwrap().likely_canceled, None);
    }

    #[test]
    fn a_revival_reopens_what_the_cancellation_left_unresolved_and_says_so() {
        let mut show = followed(Status::Airing);
        apply(&mut show, &fresh(Status::Canceled), today());
        assert_eq!(show.storylines[0].state, StorylineState::Unresolved);
        // Renewed after all: a second season is listed.
        let mut back = fresh(Status::Returning);
        back.seasons.push(Season {
            number: 2,
            ordered: Some(8),
            aired: 0,
            ..Season::default()
        });
        let watchlist_before = show.clone();
        apply(&mut show, &back, today());
        assert_eq!(show.status, Status::Returning);
        assert_eq!(show.storylines[0].state, StorylineState::Open);
        assert_eq!(show.storylines[0].may_be_answered_in, Some(2));
        let alert = show.status_history.last().unwrap();
        assert!(!alert.seen);
        assert!(
            alert
                .note
                .contains("Étoile is back — 1 storyline you marked unresolved may be answered"),
            "{}",
            alert.note
        );
        // One edit: undone, the storyline is unresolved again.
        let mut watchlist = crate::model::Watchlist::default();
        watchlist.shows.push(std::sync::Arc::new(watchlist_before));
        let change = watchlist
            .apply(
                crate::model::Action::Refresh {
                    id: "etoile".into(),
                    fresh: Box::new(back),
                },
                today(),
            )
            .expect("applies");
        assert_eq!(watchlist.shows[0].storylines[0].state, StorylineState::Open);
        watchlist.revert(&change);
        assert_eq!(
            watchlist.shows[0].storylines[0].state,
            StorylineState::Unresolved
        );
    }

    #[test]
    fn renewing_by_hand_reopens_too_and_settling_the_storyline_clears_the_season() {
        let mut show = followed(Status::Airing);
        apply(&mut show, &fresh(Status::Canceled), today());
        let mut watchlist = crate::model::Watchlist::default();
        watchlist.shows.push(std::sync::Arc::new(show));
        watchlist
            .apply(
                crate::model::Action::SetStatus {
                    id: "etoile".into(),
                    status: Status::Returning,
                    source: Source::Manual,
                    note: "renewed".into(),
                    on: None,
                },
                today(),
            )
            .expect("applies");
        let storyline = watchlist.shows[0].storylines[0].clone();
        assert_eq!(storyline.state, StorylineState::Open);
        assert_eq!(
            storyline.may_be_answered_in,
            Some(2),
            "the season after the known one"
        );
        let note = &watchlist.shows[0].status_history.last().unwrap().note;
        assert!(note.starts_with("renewed · Étoile is back"), "{note}");
        let mut settled = storyline;
        settled.state = StorylineState::Resolved;
        watchlist
            .apply(
                crate::model::Action::Edit {
                    id: "etoile".into(),
                    edit: crate::model::ShowEdit::UpdateStoryline(0, settled),
                },
                today(),
            )
            .expect("applies");
        assert_eq!(watchlist.shows[0].storylines[0].may_be_answered_in, None);
    }

    #[test]
    fn tvmaze_ended_agrees_with_a_cancellation_the_user_recorded() {
        let mut show = followed(Status::Airing);
        set_by(
            &mut show,
            Status::Canceled,
            Source::Url("https://deadline.com/".into()),
        );
        assert_eq!(apply(&mut show, &fresh(Status::Ended), today()), vec![]);
        assert_eq!(show.status, Status::Canceled);
    }

    #[test]
    fn a_revival_network_move_new_season_and_end_date_are_each_reported() {
        let mut show = followed(Status::Ended);
        let mut answer = fresh(Status::Airing);
        answer.network = Some("Netflix".into());
        answer.seasons.push(Season {
            number: 2,
            ..Season::default()
        });
        let findings = apply(&mut show, &answer, today());
        let kinds: Vec<_> = findings.iter().map(Finding::kind).collect();
        assert_eq!(kinds, ["status", "network", "new-season"]);
        assert_eq!(show.status, Status::Airing);
        assert_eq!(show.network.as_deref(), Some("Netflix"));
        let mut ended = answer.clone();
        ended.ended = "2026-10-01".parse().ok();
        let findings = apply(&mut show, &ended, today());
        assert_eq!(kinds_of(&findings), ["end-date"]);
        assert_eq!(show.ended, ended.ended);
    }

    fn kinds_of(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(Finding::kind).collect()
    }

    #[test]
    fn fewer_episodes_than_ordered_looks_canceled() {
        let mut answer = fresh(Status::Ended);
        answer.premiered = "2015-01-01".parse().ok();
        answer.ended = "2019-01-01".parse().ok();
        answer.seasons = (1..=4)
            .map(|number| Season {
                number,
                ordered: Some(10),
                aired: if number == 4 { 6 } else { 10 },
                ..Season::default()
            })
            .collect();
        assert_eq!(
            answer.likely_canceled().as_deref(),
            Some("6 of 10 ordered episodes of season 4 aired")
        );
        answer.seasons[3].aired = 10;
        assert_eq!(answer.likely_canceled(), None);
        answer.source = Source::Tmdb;
        assert_eq!(answer.likely_canceled(), None);
    }

    #[test]
    fn a_show_without_catalog_state_is_compared_with_its_status_only() {
        let mut show = Show::new("x", "X", Status::Airing);
        show.catalog = None;
        let answer = fresh(Status::Airing);
        assert_eq!(compare(&show, &answer), vec![]);
        let _ = CatalogState::default();
    }
}
