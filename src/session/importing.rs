//! Importing another tracker's export in the app: the file read and planned against the
//! watchlist on a job, the plan reviewed (a choice per show), then applied as one undoable
//! step. Nothing changes before the user says Import.

use std::path::PathBuf;

use crate::import::{ImportError, Plan};
use crate::tasks::Task;

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

/// What the reading job sends back: the export's path (`None` when the dialog was closed)
/// and what reading and planning it gave.
#[derive(Debug)]
pub struct ImportRead {
    pub path: Option<PathBuf>,
    pub result: Result<Plan, ImportError>,
    /// Read with a password the user typed.
    pub with_password: bool,
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
