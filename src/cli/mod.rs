//! The command line: subcommands for scripts, cron and tests, working on the same file through
//! the same store as the app.

mod args;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, anyhow};

pub use args::{Cli, Command};

use crate::model::{self, Action, Show, Source, Watchlist};
use crate::store::{self, Loaded};

/// Runs a subcommand and returns the process exit code. Errors are returned, not printed.
pub fn run_command(command: Command, data: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    match command {
        Command::Validate { file } => Ok(validate(&file)),
        Command::Sample => {
            print_out(model::SAMPLE_RON)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::List { json } => {
            let path = data_path(data)?;
            let watchlist = load_or_sample(&path)?;
            if json {
                let text = serde_json::to_string_pretty(&crate::export::shows_json(&watchlist))?;
                print_out(&format!("{text}\n"))?;
            } else {
                print_out(&list_text(&watchlist))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Add {
            title,
            network,
            status,
        } => {
            let mut show = Show::new(String::new(), title, status);
            show.network = network.filter(|n| !n.trim().is_empty());
            let path = data_path(data)?;
            let change = edit_file(&path, |_| Ok(Action::AddShow(Box::new(show))))?;
            print_out(&format!("Added “{}” as {}\n", title_of(&change), change.id))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::SetStatus { show, status, note } => {
            let path = data_path(data)?;
            let change = edit_file(&path, |watchlist| {
                Ok(Action::SetStatus {
                    id: watchlist.find(&show)?.id.clone(),
                    status,
                    source: Source::Manual,
                    note: note.unwrap_or_default(),
                })
            })?;
            let old = change.before.as_ref().map_or(status, |show| show.status);
            print_out(&format!("{}: {} → {}\n", title_of(&change), old, status))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The data file: `--data` or `CURTAINCALL_DATA`, else the platform default.
pub fn data_path(explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    explicit
        .or_else(store::default_data_path)
        .ok_or_else(|| anyhow!("no home directory found; use --data FILE"))
}

/// The watchlist in the file, or the sample when there is no file yet.
fn load_or_sample(path: &Path) -> anyhow::Result<Watchlist> {
    match store::load(path)? {
        Loaded::Found(watchlist) => Ok(watchlist),
        Loaded::Missing => Ok(model::sample()?),
    }
}

/// Loads the file, applies the action `make` asks for and saves, as the app would. When
/// anything fails (a file that does not load, an unknown show), the file is left as it is.
fn edit_file(
    path: &Path,
    make: impl FnOnce(&Watchlist) -> anyhow::Result<Action>,
) -> anyhow::Result<model::Change> {
    let not_changed = || format!("{} was not changed", path.display());
    let mut watchlist = load_or_sample(path).with_context(not_changed)?;
    let action = make(&watchlist).with_context(not_changed)?;
    let change = watchlist
        .apply(action, model::today())
        .with_context(not_changed)?;
    store::save_atomic(path, &watchlist)?;
    Ok(change)
}

fn title_of(change: &model::Change) -> &str {
    change
        .after
        .as_deref()
        .or(change.before.as_deref())
        .map_or("", |show| show.title.as_str())
}

/// `validate`: exit 0 with a summary, or 1 with `FILE:LINE:COLUMN: message` on stderr.
fn validate(file: &Path) -> ExitCode {
    match store::load(file) {
        Ok(Loaded::Found(watchlist)) => {
            let line = format!(
                "{} shows, {} storylines\n",
                watchlist.shows.len(),
                watchlist.storyline_count()
            );
            match print_out(&line) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            }
        }
        Ok(Loaded::Missing) => {
            eprintln!("{}: no such file", file.display());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// One aligned line per show: title, status, critic score.
fn list_text(watchlist: &Watchlist) -> String {
    let width = watchlist
        .shows
        .iter()
        .map(|s| s.title.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for show in &watchlist.shows {
        let score = show
            .critic_score()
            .map_or_else(|| "-".to_owned(), |s| s.display());
        let pad = width - show.title.chars().count();
        out.push_str(&format!(
            "{}{}  {:<13}  {}\n",
            show.title,
            " ".repeat(pad),
            show.status.word(),
            score
        ));
    }
    out
}

/// Writes to stdout, treating a closed pipe (`curtaincall list | head`) as success.
fn print_out(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
