//! `curtaincall import FILE [--dry-run] [--json] [--yes]`: reads another tracker's export,
//! prints what it found and how it joins the watchlist, and with `--yes` applies it (one
//! step, the previous file kept as a backup). Without `--yes` nothing is written.

use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;

use crate::import::{self, Plan};
use crate::store::DataFile;

/// What `--json` prints.
#[derive(Serialize)]
struct PlanJson<'a> {
    format: &'static str,
    applied: bool,
    counts: import::Counts,
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

/// Runs the command.
pub fn run(
    data: &DataFile,
    export: &Path,
    password: Option<&str>,
    json: bool,
    yes: bool,
) -> anyhow::Result<()> {
    let found = import::read_with(export, password)?;
    let unchanged = || format!("{} was not changed", data.path.display());
    let (watchlist, _) = super::load_or_sample(&data.path).with_context(unchanged)?;
    let plan = import::plan(found, &watchlist);
    let applied = yes && plan.shows.iter().any(|p| p.changes);
    if applied {
        // Planned again under the lock against the file as it is then: an edit made meanwhile
        // is merged into, never lost.
        let export_again = import::read_with(export, password)?;
        super::edit_file_with(data, |watchlist| {
            Ok(import::plan(export_again, watchlist).actions())
        })?;
    }
    super::print_out(&if json {
        format!(
            "{}\n",
            serde_json::to_string_pretty(&as_json(&plan, applied))?
        )
    } else {
        let mut text = plan.summary();
        if applied {
            text.push_str(&format!(
                "Imported into {} (the file before is kept as a backup).\n",
                data.path.display()
            ));
        } else if plan.shows.iter().any(|p| p.changes) {
            text.push_str("Nothing was changed: run again with --yes to import.\n");
        }
        text
    })
}

fn as_json(plan: &Plan, applied: bool) -> PlanJson<'_> {
    PlanJson {
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
    }
}
