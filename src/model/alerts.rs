//! Alerts: status changes the user has not seen yet, cancellations first.

use std::cmp::Reverse;

use jiff::civil::Date;

use super::{Show, Source, Status, Watchlist};

/// One unseen status change.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert<'a> {
    pub show: &'a Show,
    /// The change's index in the show's status history.
    pub index: usize,
    /// The status before the change, when there was one.
    pub from: Option<Status>,
    pub to: Status,
    pub on: Option<Date>,
    pub source: &'a Source,
    pub note: &'a str,
}

/// Where an alert is: the show's position in the watchlist and the change's index in its
/// status history. A list of these can be kept while the watchlist stays the same, and only the
/// alerts in view made from it ([`Alert::at`]).
pub type AlertAt = (usize, usize);

impl<'a> Alert<'a> {
    /// The alert at `at` in `watchlist`; `None` when there is no such change.
    pub fn at(watchlist: &'a Watchlist, (position, index): AlertAt) -> Option<Self> {
        let show = watchlist.shows.get(position)?;
        let change = show.status_history.get(index)?;
        Some(Alert {
            show,
            index,
            from: index
                .checked_sub(1)
                .and_then(|before| show.status_history.get(before))
                .map(|before| before.status),
            to: change.status,
            on: change.on,
            source: &change.source,
            note: &change.note,
        })
    }
}

/// Every alert: cancellations first, then the newest first.
pub fn alerts(watchlist: &Watchlist) -> Vec<Alert<'_>> {
    alert_order(watchlist)
        .into_iter()
        .filter_map(|at| Alert::at(watchlist, at))
        .collect()
}

/// Where every alert is, in the order [`alerts`] gives them.
pub fn alert_order(watchlist: &Watchlist) -> Vec<AlertAt> {
    let mut order: Vec<AlertAt> = watchlist
        .shows
        .iter()
        .enumerate()
        .flat_map(|(position, show)| show.unseen_changes().map(move |index| (position, index)))
        .collect();
    order.sort_by_key(|&(position, index)| {
        let show = &watchlist.shows[position];
        let change = &show.status_history[index];
        let canceled = change.status == Status::Canceled;
        (Reverse(canceled), Reverse(change.on), &show.title)
    });
    order
}

/// How many alerts there are.
pub fn count(watchlist: &Watchlist) -> usize {
    watchlist
        .shows
        .iter()
        .map(|show| show.unseen_changes().count())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_leads_with_the_etoile_cancellation() {
        let watchlist = crate::model::sample().expect("sample");
        let alerts = alerts(&watchlist);
        assert_eq!(count(&watchlist), alerts.len());
        let first = alerts.first().expect("an alert");
        assert_eq!(first.show.id, "etoile");
        assert_eq!(
            (first.from, first.to),
            (Some(Status::Returning), Status::Canceled)
        );
    }

    #[test]
    fn cancellations_come_first_then_the_newest_then_by_title() {
        let show = |id: &str, status: Status, on: &str| {
            let mut show = crate::model::Show::new(id, id, status);
            show.status_history.push(crate::model::StatusChange {
                status,
                on: Some(on.parse().expect("date")),
                source: Source::TvMaze,
                note: String::new(),
                seen: false,
            });
            std::sync::Arc::new(show)
        };
        let watchlist = Watchlist {
            shows: vec![
                show("b-ended-new", Status::Ended, "2026-05-01"),
                show("z-canceled-old", Status::Canceled, "2020-01-01"),
                show("a-ended-new", Status::Ended, "2026-05-01"),
                show("ended-old", Status::Ended, "2021-01-01"),
                show("a-canceled-new", Status::Canceled, "2025-01-01"),
            ],
            ..Watchlist::default()
        };
        let ids: Vec<&str> = alerts(&watchlist)
            .iter()
            .map(|a| a.show.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "a-canceled-new",
                "z-canceled-old",
                "a-ended-new",
                "b-ended-new",
                "ended-old"
            ]
        );
        let order = alert_order(&watchlist);
        assert_eq!(order.first(), Some(&(4, 0)));
        assert!(Alert::at(&watchlist, (4, 1)).is_none(), "no such change");
    }
}
