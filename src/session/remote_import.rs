//! `curtaincall import FILE --yes` while the app has the file open: the command line reads the
//! export and sends its shows, made whole; the app plans them against the watchlist as it has
//! it (off the UI thread), applies the plan as one undoable step, queues the new shows for
//! their catalog details, and answers with what the command prints.

use super::{Event, Message, Phase, Refusal, Session};
use crate::import::{self, Plan, WholeShow};
use crate::instance::{ImportRequest, Incoming};
use crate::tasks::TaskId;

/// An import request whose plan is being made.
pub(super) struct PlanningImport {
    task: TaskId,
    json: bool,
    incoming: Incoming,
}

impl Session {
    /// Plans the command line's export on a job.
    pub(super) fn import_for_remote(&mut self, request: ImportRequest, mut incoming: Incoming) {
        if let Some(why) = self.cannot_edit() {
            return incoming.answer(Err(why));
        }
        let Some(file) = self.open_file() else {
            return incoming.answer(Err(self.not_changed("it is not open")));
        };
        // The shows are shared: the job's copy is a list of pointers.
        let watchlist = file.watchlist().clone();
        let json = request.json;
        let bytes = std::mem::take(&mut incoming.attachment);
        let task = self.env.tasks.spawn("import", move |_| {
            let planned = serde_json::from_slice::<Vec<WholeShow>>(&bytes)
                .map(|whole| import::plan(request.found(whole), &watchlist))
                .map_err(|error| format!("the export the command line sent is not valid: {error}"));
            Event::RemoteImportPlanned(Box::new(planned))
        });
        self.remote_imports.push(PlanningImport {
            task: task.id(),
            json,
            incoming,
        });
    }

    /// A plan for a command line's import is ready: applied as one step. False when the task
    /// was not one of these.
    pub(super) fn on_remote_import_planned(
        &mut self,
        task: TaskId,
        planned: Result<Plan, String>,
    ) -> bool {
        let Some(at) = self.remote_imports.iter().position(|p| p.task == task) else {
            return false;
        };
        let PlanningImport { json, incoming, .. } = self.remote_imports.remove(at);
        let plan = match planned {
            Ok(plan) => plan,
            Err(why) => {
                incoming.answer(Err(self.not_changed(&why)));
                return true;
            }
        };
        if let Some(why) = self.cannot_edit() {
            incoming.answer(Err(why));
            return true;
        }
        let path = self.file.path.clone();
        let Phase::Open(file) = &mut self.phase else {
            incoming.answer(Err(self.not_changed("it is not open")));
            return true;
        };
        let label = format!(
            "import {} from {} (from the command line)",
            crate::model::counted(
                plan.counts().new_shows as i64 + plan.counts().merged_shows as i64,
                "show"
            ),
            plan.format.name()
        );
        match file.apply_as_one(plan.actions(), label.clone()) {
            Ok(applied) => {
                let imported = applied.changed > 0;
                self.catch_up
                    .queue(plan.to_catch_up(|_| true, &applied.added));
                self.message = Some(if imported {
                    Message::Did(super::capitalize(&label))
                } else {
                    Message::Info(
                        "From the command line: everything in that export is already on your \
                         watchlist"
                            .to_owned(),
                    )
                });
                incoming.answer(Ok(import::report(&plan, imported, json, &path)));
            }
            Err(Refusal::ReadOnly) => {
                incoming.answer(Err(self.not_changed("this window is read-only")));
            }
            // A show it merges into was removed while the plan was made.
            Err(Refusal::Action(error)) => {
                incoming.answer(Err(self.not_changed(&format!("{error}; try again"))));
            }
        }
        true
    }

    /// A planning job ended without a plan: its command line is told.
    pub(super) fn on_remote_import_lost(
        &mut self,
        task: TaskId,
        lost: &crate::tasks::Lost,
    ) -> bool {
        let Some(at) = self.remote_imports.iter().position(|p| p.task == task) else {
            return false;
        };
        self.remote_imports
            .remove(at)
            .incoming
            .answer(Err(lost.to_string()));
        true
    }
}
