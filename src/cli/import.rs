//! `curtaincall import FILE [--dry-run] [--json] [--yes]`: reads another tracker's export,
//! prints what it found and how it joins the watchlist, and with `--yes` applies it (one
//! step, the previous file kept as a backup): through the running app when one has the file
//! open, else on the file. Without `--yes` nothing is written.

use std::path::Path;

use anyhow::Context as _;

use crate::import;
use crate::instance::{ImportRequest, Request};
use crate::store::DataFile;

/// How long the running app has to plan and apply an import it took in hand.
const APP_IMPORT_WITHIN: std::time::Duration = std::time::Duration::from_secs(300);

/// Runs the command.
pub fn run(
    data: &DataFile,
    export: &Path,
    password: Option<&str>,
    json: bool,
    yes: bool,
) -> anyhow::Result<()> {
    // Every show made whole once: the same shows whether the app or this command applies them.
    let found = import::read_with(export, password)?.into_whole();
    if yes {
        let request = Request::Import(ImportRequest::of(&found, json));
        let shows = serde_json::to_vec(&found.whole)?;
        if let Some(printed) =
            super::through_the_app(data, &request, &shows, Some(APP_IMPORT_WITHIN))?
        {
            return super::print_out(&printed);
        }
    }
    let unchanged = || format!("{} was not changed", data.path.display());
    let (watchlist, _) = super::load_or_sample(&data.path).with_context(unchanged)?;
    let plan = import::plan(found.clone(), &watchlist);
    let applied = yes && plan.shows.iter().any(|p| p.changes);
    if applied {
        // Planned again under the lock against the file as it is then: an edit made meanwhile
        // is merged into, never lost.
        let mut applied_plan = None;
        let (changes, _) = super::edit_file_with(data, |watchlist| {
            let plan = import::plan(found, watchlist);
            let actions = plan.actions();
            applied_plan = Some(plan);
            Ok(actions)
        })?;
        // The app fetches the new shows' details from TVmaze when it next opens the file.
        let added: Vec<String> = changes
            .iter()
            .filter(|c| c.before.is_none())
            .map(|c| c.id.clone())
            .collect();
        if let Some(plan) = applied_plan {
            queue_for_catalog(data, plan.to_catch_up(|_| true, &added));
        }
    }
    super::print_out(&import::report(&plan, applied, json, &data.path))
}

/// Adds imported shows to the queue the app fetches catalog details for. Not being able to is
/// worth a warning, not a failure: the import itself is done.
fn queue_for_catalog(data: &DataFile, shows: Vec<crate::store::catch_up::Queued>) {
    if shows.is_empty() {
        return;
    }
    let mut queue = crate::store::catch_up::CatchUpQueue::load(data);
    queue.add(shows);
    if let Err(error) = queue.save(data) {
        eprintln!("warning: the app will not fetch the new shows' details from TVmaze: {error}");
    }
}
