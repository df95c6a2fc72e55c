//! Requests from the command line and from a second launch, arriving on the app's socket (see
//! [`crate::instance`]): edits made as one undoable change, a poster imported off the UI
//! thread, a check run as F5 runs it, a backup restored, the window raised. Each is answered
//! with what the command would have printed working on the file itself.

use super::scripted::{Found, findings_output};
use super::{Event, Message, Phase, Refusal, Session};
use crate::instance::{Incoming, Request, ScriptedEdit, Server};
use crate::model::answers::Update;
use crate::store::backup::{self, Backup};
use crate::tasks::TaskId;

/// What the session keeps for requests from outside.
#[derive(Default)]
pub(super) struct Remote {
    /// The socket, once listening (or being started).
    server: Option<Server>,
    starting: Option<TaskId>,
    /// A second launch asked for the window.
    focus_asked: bool,
    /// `check` requests, waiting for their check to end.
    checks: Vec<WaitingCheck>,
    /// `poster` requests whose image is being checked: the import's task, the show's id.
    posters: Vec<(TaskId, String, Incoming)>,
    /// A `backups restore N` request: the listing's task, then the reopening.
    restore: Option<(Restoring, usize, Incoming)>,
}

enum Restoring {
    Listing(TaskId),
    Reopening,
}

struct WaitingCheck {
    incoming: Incoming,
    json: bool,
    /// Its check is running (else it waits for the one running to end, whose answers were
    /// partly taken in before it came).
    started: bool,
    found: Vec<Found>,
}

impl Remote {
    /// True when a second launch asked for the window since the last call.
    pub(super) fn take_focus_request(&mut self) -> bool {
        std::mem::take(&mut self.focus_asked)
    }

    /// A check's answer was taken in: what it found goes to the checks waiting on it.
    pub(super) fn found(&mut self, update: &Update) {
        for waiting in self.checks.iter_mut().filter(|w| w.started) {
            waiting
                .found
                .extend(update.findings.iter().map(|f| Found::new(update, f)));
        }
    }

    /// The running check ended: its waiters are answered with what it found, or why it failed.
    pub(super) fn check_ended(&mut self, failure: Option<String>) {
        let (ended, waiting) = std::mem::take(&mut self.checks)
            .into_iter()
            .partition(|w| w.started);
        self.checks = waiting;
        for check in ended {
            let result = match &failure {
                None => Ok(findings_output(&check.found, check.json)),
                Some(why) => Err(why.clone()),
            };
            check.incoming.answer(result);
        }
    }
}

impl Remote {
    /// A job of these ended without a result: whoever waited is told. False when it was not
    /// one of these.
    pub(super) fn on_lost(&mut self, task: TaskId, lost: &crate::tasks::Lost) -> bool {
        if self.starting.take_if(|t| *t == task).is_some() {
            log::warn!("the command line cannot reach this window: {lost}");
            return true;
        }
        if let Some(at) = self.posters.iter().position(|(t, ..)| *t == task) {
            let (_, _, incoming) = self.posters.remove(at);
            incoming.answer(Err(lost.to_string()));
            return true;
        }
        if matches!(&self.restore, Some((Restoring::Listing(t), ..)) if *t == task)
            && let Some((_, _, incoming)) = self.restore.take()
        {
            incoming.answer(Err(lost.to_string()));
            return true;
        }
        false
    }
}

impl Session {
    /// Starts listening on the file's socket (off the UI thread), when this session holds the
    /// writer lock and is set up to listen.
    pub(super) fn listen(&mut self) {
        let holds_lock = match &self.phase {
            Phase::Open(file) => file.read_only().is_none(),
            Phase::Failed(recovery) => recovery.lock.is_some(),
            Phase::Starting | Phase::Opening(_) => false,
        };
        if !self.options.listen
            || !holds_lock
            || self.remote.server.is_some()
            || self.remote.starting.is_some()
        {
            return;
        }
        let address = crate::instance::address(&self.file);
        let sink = self.env.tasks.sink();
        let task = self.env.tasks.spawn("listen", move |_| {
            Event::Listening(
                Server::start(&address, move |incoming| sink.send(Event::Remote(incoming)))
                    .map_err(|error| format!("{}: {error}", address.display())),
            )
        });
        self.remote.starting = Some(task.id());
    }

    pub(super) fn on_listening(&mut self, task: TaskId, server: Result<Server, String>) {
        if self.remote.starting.take_if(|t| *t == task).is_none() {
            return;
        }
        match server {
            Ok(server) => self.remote.server = Some(server),
            // The app works without it; the command line then waits for the lock as before.
            Err(error) => log::warn!("the command line cannot reach this window: {error}"),
        }
    }

    /// Where this session listens for the command line, once it does.
    pub fn listening_at(&self) -> Option<&std::path::Path> {
        self.remote.server.as_ref().map(Server::address)
    }

    /// True when a second launch asked for the window since the last call (the view raises
    /// it).
    pub fn take_focus_request(&mut self) -> bool {
        self.remote.take_focus_request()
    }

    /// A request from outside.
    pub(super) fn on_remote(&mut self, incoming: Incoming) {
        incoming.taken();
        match incoming.request.clone() {
            Request::Focus => {
                self.remote.focus_asked = true;
                incoming.answer(Ok(String::new()));
            }
            Request::Edit(edit) => {
                let answer = self.apply_scripted(&edit);
                incoming.answer(answer);
            }
            Request::Poster { show } => self.import_remote_poster(&show, incoming),
            Request::Check { json } => self.check_for_remote(json, incoming),
            Request::RestoreBackup { number } => self.restore_for_remote(number, incoming),
            Request::Import(request) => self.import_for_remote(request, incoming),
            Request::ReadArticle(request) => self.article_for_remote(request, incoming),
        }
    }

    /// Why nothing was changed, as the command line says it.
    pub(super) fn not_changed(&self, why: &str) -> String {
        not_changed(&self.file.path, why)
    }

    /// Why this session cannot take an edit now, if it cannot.
    pub(super) fn cannot_edit(&self) -> Option<String> {
        match &self.phase {
            Phase::Open(file) => file.read_only().map(|why| self.not_changed(why)),
            Phase::Failed(_) => {
                Some(self.not_changed(
                    "it does not load; the Curtain Call window shows how to recover it",
                ))
            }
            Phase::Starting | Phase::Opening(_) => {
                Some(self.not_changed("Curtain Call is still opening it; try again"))
            }
        }
    }

    /// Makes a command line's edit as one undoable change; returns what the command prints.
    pub(super) fn apply_scripted(&mut self, edit: &ScriptedEdit) -> Result<String, String> {
        if let Some(why) = self.cannot_edit() {
            return Err(why);
        }
        // The path apart from the phase, which the edit borrows.
        let path = &self.file.path;
        let not_changed = |why: &str| not_changed(path, why);
        let Phase::Open(file) = &mut self.phase else {
            return Err(not_changed("it is not open"));
        };
        let actions = edit
            .plan(file.watchlist())
            .map_err(|why| not_changed(&why))?;
        let changes = file
            .apply_together(actions)
            .map_err(|refusal| match refusal {
                Refusal::ReadOnly => not_changed("this window is read-only"),
                Refusal::Action(error) => not_changed(&error.to_string()),
            })?;
        let printed = edit.report(&changes, file.watchlist());
        if matches!(edit, ScriptedEdit::Add { .. })
            && let Some(change) = changes.last()
        {
            self.added = Some(change.id.clone());
        }
        self.message = Some(if changes.is_empty() {
            Message::Info(format!(
                "From the command line: `{}` changed nothing",
                Request::Edit(edit.clone()).describe()
            ))
        } else {
            Message::Did(edit.message(&changes))
        });
        Ok(printed)
    }

    /// `poster SHOW FILE`: the image is checked and copied into the cache off the UI thread,
    /// then set.
    fn import_remote_poster(&mut self, show: &str, incoming: Incoming) {
        if let Some(why) = self.cannot_edit() {
            return incoming.answer(Err(why));
        }
        let id = match self.open_file().map(|file| file.watchlist().find(show)) {
            Some(Ok(found)) => found.id.clone(),
            Some(Err(error)) => return incoming.answer(Err(self.not_changed(&error.to_string()))),
            None => return incoming.answer(Err(self.not_changed("it is not open"))),
        };
        let cache = self.options.poster_cache.clone();
        let (bytes, id_for_job) = (incoming.attachment.clone(), id.clone());
        let task = self
            .env
            .tasks
            .spawn("poster", move |_| Event::PosterImported {
                id: id_for_job,
                imported: crate::posters::import_bytes(&cache, &bytes)
                    .map_err(|error| super::PosterImport::Refused(error.to_string())),
            });
        self.remote.posters.push((task.id(), id, incoming));
    }

    /// A poster import for a request ended; false when the task was not one of these.
    pub(super) fn on_remote_poster(
        &mut self,
        task: TaskId,
        imported: &Result<String, super::PosterImport>,
    ) -> bool {
        let Some(at) = self.remote.posters.iter().position(|(t, ..)| *t == task) else {
            return false;
        };
        let (_, id, incoming) = self.remote.posters.remove(at);
        let answer = match imported {
            Ok(name) => self.apply_scripted(&ScriptedEdit::Poster {
                show: id,
                name: name.clone(),
            }),
            Err(super::PosterImport::Refused(why)) => {
                Err(format!("the image was not used as a poster: {why}"))
            }
            Err(super::PosterImport::Canceled) => Err("canceled".to_owned()),
        };
        incoming.answer(answer);
        true
    }

    /// `check`: runs a check as F5 does (after the one running, if one is) and answers with
    /// its findings.
    fn check_for_remote(&mut self, json: bool, incoming: Incoming) {
        if let Some(why) = self.cannot_edit() {
            return incoming.answer(Err(why));
        }
        self.remote.checks.push(WaitingCheck {
            incoming,
            json,
            started: false,
            found: Vec::new(),
        });
        self.start_waiting_checks();
    }

    /// Starts the check the waiting `check` requests need, once no other is running.
    pub(super) fn start_waiting_checks(&mut self) {
        if self.catalog.is_busy() || self.remote.checks.iter().all(|w| w.started) {
            return;
        }
        for waiting in &mut self.remote.checks {
            waiting.started = true;
        }
        self.start_check(true);
        if !self.catalog.is_busy() {
            // Nothing to ask the catalog about: nothing found.
            self.remote.check_ended(None);
        }
    }

    /// `backups restore N`: the backups are listed off the UI thread, then the file reopened
    /// from the one asked for.
    fn restore_for_remote(&mut self, number: usize, incoming: Incoming) {
        if let Phase::Open(file) = &self.phase
            && let Some(why) = file.read_only()
        {
            return incoming.answer(Err(self.not_changed(why)));
        }
        if self.remote.restore.is_some() {
            return incoming.answer(Err(self.not_changed("a restore is already under way")));
        }
        let file = self.file.clone();
        let task = self.env.tasks.spawn("list-backups", move |_| {
            Event::BackupsFound(backup::list(&file))
        });
        self.remote.restore = Some((Restoring::Listing(task.id()), number, incoming));
    }

    /// The backups were listed for a restore; false when the task was not that listing.
    pub(super) fn on_backups_found(&mut self, task: TaskId, backups: Vec<Backup>) -> bool {
        let listing = matches!(
            &self.remote.restore,
            Some((Restoring::Listing(t), ..)) if *t == task
        );
        let Some((_, number, incoming)) = self.remote.restore.take().filter(|_| listing) else {
            return false;
        };
        match number.checked_sub(1).and_then(|i| backups.get(i)) {
            None => incoming.answer(Err(format!(
                "there is no backup {number}; `curtaincall backups list` shows {}",
                backups.len()
            ))),
            Some(chosen) => {
                self.remote.restore = Some((Restoring::Reopening, number, incoming));
                self.reopen(Some(chosen.clone()), false);
            }
        }
        true
    }

    /// The file was reopened; a restore asked for from outside is answered.
    pub(super) fn on_reopened(&mut self, restored: Option<&Result<String, String>>) {
        if !matches!(&self.remote.restore, Some((Restoring::Reopening, ..))) {
            return;
        }
        let Some((_, number, incoming)) = self.remote.restore.take() else {
            return;
        };
        let answer = match (restored, self.open_file()) {
            (Some(Ok(_)), Some(file)) => Ok(format!(
                "Restored backup {number}: {} (the previous file was backed up first)\n",
                file.watchlist().summary()
            )),
            (Some(Err(why)), _) => Err(self.not_changed(why)),
            _ => Err(self.not_changed("the restored backup did not open")),
        };
        incoming.answer(answer);
    }
}

/// Why nothing was changed, as the command line says it: "PATH was not changed: WHY".
fn not_changed(path: &std::path::Path, why: &str) -> String {
    format!("{} was not changed: {why}", path.display())
}
