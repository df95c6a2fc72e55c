//! What `curtaincall import` prints about a plan, the same whether the command line applied it
//! to the file or the running app did.

use std::path::Path;

use serde::Serialize;

use super::{Counts, Plan};

/// What `--json` prints.
#[derive(Serialize)]
struct PlanJson<'a> {
    format: &'static str,
    applied: bool,
    counts: Counts,
    shows: Vec<ShowJson<'a>>,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    title: &'a str,
    /// The watchlist show it merges into; null for a new show.
    into: Option<&'a str>,
    /// Whether it brings anything.
    changes: bool,
}

/// What the command prints: the summary (or its `--json` form), and whether it was imported
/// into `data` or nothing was changed.
pub fn report(plan: &Plan, applied: bool, json: bool, data: &Path) -> String {
    if json {
        let shown = PlanJson {
            format: plan.format.name(),
            applied,
            counts: plan.counts(),
            shows: plan
                .shows
                .iter()
                .map(|p| ShowJson {
                    title: &p.show.title,
                    into: p.into.as_deref(),
                    changes: p.changes,
                })
                .collect(),
        };
        // Strings, numbers and booleans only: it always serializes.
        return format!(
            "{}\n",
            serde_json::to_string_pretty(&shown).unwrap_or_default()
        );
    }
    let mut text = plan.summary();
    if applied {
        text.push_str(&format!(
            "Imported into {} (the file before is kept as a backup).\n",
            data.display()
        ));
    } else if plan.shows.iter().any(|p| p.changes) {
        text.push_str("Nothing was changed: run again with --yes to import.\n");
    }
    text
}
