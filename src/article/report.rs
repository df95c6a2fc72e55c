//! What `curtaincall read-article` prints: the changes in words, show by show, each with its
//! sentence (or the `--json` form), the same whether the command line or the running app
//! applied them.

use std::path::Path;

use serde::Serialize;

use super::{Reading, describe};
use crate::model::Watchlist;

#[derive(Serialize)]
struct ReadingJson<'a> {
    #[serde(flatten)]
    reading: &'a Reading,
    applied: bool,
}

/// Keeps only what the article says about the watchlist show named `name` (an id or exact
/// title); why not when no show has that name. An article that never names that show but
/// names one show not on the watchlist is taken to call it by another title: that show is
/// matched to it ([`Reading::match_show`]).
pub fn only_show(reading: &mut Reading, watchlist: &Watchlist, name: &str) -> Result<(), String> {
    let wanted = watchlist.find(name).map_err(|e| e.to_string())?.id.clone();
    let named = reading
        .shows
        .iter()
        .any(|s| s.id.as_deref() == Some(wanted.as_str()));
    let new: Vec<usize> = (0..reading.shows.len())
        .filter(|&i| reading.shows[i].id.is_none())
        .collect();
    if let (false, [only]) = (named, new.as_slice()) {
        reading.match_show(*only, Some(wanted.clone()));
    }
    reading
        .shows
        .retain(|s| s.id.as_deref() == Some(wanted.as_str()));
    Ok(())
}

/// Where a show of the reading stands: on the watchlist, matched to a show on it, or new.
fn standing(show: &super::ShowReading, on: Option<&crate::model::Show>) -> String {
    match on {
        Some(on) if show.matched => format!("taken as {} on your watchlist", on.title),
        Some(_) => "on your watchlist".to_owned(),
        None => "not on your watchlist (added as a new show)".to_owned(),
    }
}

/// The report of `reading` against `watchlist`: applied to `data` or not.
pub fn report(
    reading: &Reading,
    watchlist: &Watchlist,
    applied: bool,
    json: bool,
    data: &Path,
) -> String {
    if json {
        // Strings, numbers and booleans only: it always serializes.
        return format!(
            "{}\n",
            serde_json::to_string_pretty(&ReadingJson { reading, applied }).unwrap_or_default()
        );
    }
    if reading.shows.is_empty() {
        return "The article says nothing this reader can take about a show.\n".to_owned();
    }
    let mut out = String::new();
    for show in &reading.shows {
        let on = show.id.as_deref().and_then(|id| watchlist.get(id));
        out.push_str(&format!("{} — {}\n", show.title, standing(show, on)));
        for fact in &show.facts {
            out.push_str(&format!(
                "  {}\n      “{}”\n",
                describe(&fact.what, on),
                fact.sentence
            ));
        }
    }
    if reading.cut {
        out.push_str("(Only the beginning of a very long text was read.)\n");
    }
    out.push_str(&if applied {
        format!(
            "Applied to {} (the file before is kept as a backup).\n",
            data.display()
        )
    } else {
        "Nothing was changed: run again with --apply to make these changes.\n".to_owned()
    });
    out
}
