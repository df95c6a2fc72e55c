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

/// Every alert: cancellations first, then the newest first.
pub fn alerts(watchlist: &Watchlist) -> Vec<Alert<'_>> {
    let mut alerts: Vec<Alert<'_>> = watchlist
        .shows
        .iter()
        .flat_map(|show| {
            show.unseen_changes().map(move |index| {
                let change = &show.status_history[index];
                Alert {
                    show,
                    index,
                    from: index
                        .checked_sub(1)
                        .map(|before| show.status_history[before].status),
                    to: change.status,
                    on: change.on,
                    source: &change.source,
                    note: &change.note,
                }
            })
        })
        .collect();
    alerts.sort_by(|a, b| {
        let canceled = |alert: &Alert<'_>| alert.to == Status::Canceled;
        canceled(b)
            .cmp(&canceled(a))
            .then_with(|| b.on.cmp(&a.on))
            .then_with(|| a.show.title.cmp(&b.show.title))
    });
    alerts
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
