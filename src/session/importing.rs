//! Importing another tracker's export in the app: the file read and planned against the
//! watchlist on a job, the plan reviewed (a choice per show), then applied as one undoable
//! step. Nothing changes before the user says Import.

use std::path::PathBuf;

use crate::import::{ImportError, Plan};
use crate::tasks::Task;

use super::events::ImportRead;
use super::{Event, Message, Refusal, Session};
use crate::model::Action;

/// Where an import stands.
#[derive(Debug, Default)]
pub enum Importing {
    #[default]
    Idle,
    /// The export is being chosen, read and planned.
    Reading(Task),
    /// The export is an encrypted archive: its password is asked (again when `wrong`).
    NeedsPassword { path: PathBuf, wrong: bool },
    /// What the export holds, for the user to review.
    Review(Box<Review>),
    /// The export could not be read; nothing changed.
    Failed(String),
}

/// A plan under review, and which of its shows the user keeps.
#[derive(Debug)]
pub struct Review {
    pub path: PathBuf,
    pub plan: Plan,
    /// One per planned show: true to import it (every show that brings anything, at first).
    pub chosen: Vec<bool>,
}

impl Review {
    /// The review of `plan`, read from `path`.
    pub fn new(path: PathBuf, plan: Plan) -> Self {
        let chosen = plan.shows.iter().map(|p| p.changes).collect();
        Review { path, plan, chosen }
    }

    /// How many chosen shows bring anything.
    pub fn chosen_count(&self) -> usize {
        self.plan
            .shows
            .iter()
            .zip(&self.chosen)
            .filter(|(p, chosen)| **chosen && p.changes)
            .count()
    }
}

impl Importing {
    /// The state after reading: a review, a request for the password, or the failure.
    pub fn after(read: ImportRead) -> Importing {
        let Some(path) = read.path else {
            return Importing::Idle;
        };
        match read.result {
            Ok(plan) => Importing::Review(Box::new(Review::new(path, plan))),
            Err(ImportError::NeedsPassword(_)) => Importing::NeedsPassword { path, wrong: false },
            Err(ImportError::WrongPassword(_)) if read.with_password => {
                Importing::NeedsPassword { path, wrong: true }
            }
            Err(error) => Importing::Failed(error.to_string()),
        }
    }
}

impl Session {
    /// Where an import stands.
    pub fn importing(&self) -> &Importing {
        &self.importing
    }

    /// Reads and plans the export at `path` (asking for the file first when `None`) on a job,
    /// with `password` for an encrypted archive.
    pub(super) fn start_import(
        &mut self,
        path: Option<std::path::PathBuf>,
        password: Option<String>,
    ) {
        let Some(file) = self.open_file() else {
            return;
        };
        // The shows are shared: the job's copy is a list of pointers.
        let watchlist = file.watchlist().clone();
        let with_password = password.is_some();
        let task = self.env.tasks.spawn("import", move |_| {
            let path = path.or_else(|| {
                rfd::FileDialog::new()
                    .set_title("Import from another tracker")
                    .add_filter("Exports", &["zip", "json", "csv"])
                    .pick_file()
            });
            let result = match &path {
                Some(path) => crate::import::read_with(path, password.as_deref())
                    .map(|found| crate::import::plan(found, &watchlist)),
                None => Err(crate::import::ImportError::Empty(String::new())),
            };
            Event::ImportRead(Box::new(ImportRead {
                path,
                result,
                with_password,
            }))
        });
        self.importing = Importing::Reading(task);
    }

    /// Imports the shows chosen in the review, as one step.
    pub(super) fn apply_import(&mut self) {
        let Importing::Review(review) = std::mem::take(&mut self.importing) else {
            return;
        };
        let actions: Vec<Action> = review
            .plan
            .shows
            .iter()
            .zip(&review.chosen)
            .filter(|(_, chosen)| **chosen)
            .filter_map(|(planned, _)| planned.action())
            .collect();
        let label = format!(
            "import {} from {}",
            crate::model::counted(actions.len() as i64, "show"),
            review.plan.format.name()
        );
        let Some(file) = self.open_file_mut() else {
            return;
        };
        self.message = Some(match file.apply_as_one(actions, label.clone()) {
            Ok(applied) if applied.changed == 0 => {
                Message::Info("Everything in this file is already on your watchlist".to_owned())
            }
            Ok(applied) => {
                let chosen = |i: usize| review.chosen.get(i).copied().unwrap_or(false);
                self.catch_up
                    .queue(review.plan.to_catch_up(chosen, &applied.added));
                Message::Did(crate::session::capitalize(&label))
            }
            Err(Refusal::ReadOnly) => Message::ReadOnly,
            Err(Refusal::Action(error)) => Message::Refused(error.to_string()),
        });
    }
}
