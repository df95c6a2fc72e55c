//! Alerts: status changes the user has not seen yet, cancellations first.

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
    let key = |&(position, index): &AlertAt| {
        let show = &watchlist.shows[position];
        let change = &show.status_history[index];
        (change.status == Status::Canceled, change.on, &show.title)
    };
    order.sort_by(|a, b| {
        let (a_canceled, a_on, a_title) = key(a);
        let (b_canceled, b_on, b_title) = key(b);
        b_canceled
            .cmp(&a_canceled)
            .then_with(|| b_on.cmp(&a_on))
            .then_with(|| a_title.cmp(b_title))
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
}
