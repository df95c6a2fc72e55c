//! The command line: subcommands for scripts, cron and tests, working on the same file through
//! the same store as the app.

mod args;
mod catalog;
mod import;
mod read_article;
mod upcoming;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, anyhow};

pub use args::{BackupsCommand, Cli, Command};
pub use catalog::provider_config;

use crate::instance::{self, Contact, Request, ScriptedEdit};
use crate::model::query::Narrow;
use crate::model::{self, Action, Show, Watchlist};
use crate::session::{self, EditError, SystemClock};
use crate::sources::ProviderConfig;
use crate::store::{self, DataFile, Fingerprint, Loaded, WriterLock, backup};

/// How long a writing command waits for another Curtain Call to release the file.
const LOCK_PATIENCE: Duration = Duration::from_secs(3);

/// How long the running app has to take a command in hand: it does so at its next frame.
const APP_PATIENCE: Duration = Duration::from_secs(5);

/// How long the running app has to answer an edit it took (a check has as long as it needs).
const APP_ANSWER_WITHIN: Duration = Duration::from_secs(60);

/// Runs a subcommand and returns the process exit code. Errors are returned, not printed.
/// `providers` says where the catalogs are, for `search`, `add --tvmaze` and `check`.
pub fn run_command(
    command: Command,
    data: Option<PathBuf>,
    providers: &ProviderConfig,
) -> anyhow::Result<ExitCode> {
    match command {
        Command::Validate { file } => Ok(validate(&file)),
        Command::Sample => {
            print_out(model::SAMPLE_RON)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::List { json, tag, network } => {
            let file = data_file(data)?;
            let (mut watchlist, _) = load_or_sample(&file.path)?;
            let narrow = Narrow { network, tag };
            watchlist.shows.retain(|show| narrow.keeps(show));
            if json {
                let text = serde_json::to_string_pretty(&crate::export::shows_json(&watchlist))?;
                print_out(&format!("{text}\n"))?;
            } else {
                print_out(&list_text(&watchlist))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Add {
            tvmaze: Some(id), ..
        } => {
            let file = data_file(data)?;
            catalog::add_from_tvmaze(&file, providers, id)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Add {
            title,
            network,
            status,
            tvmaze: None,
        } => {
            let title = title.ok_or_else(|| anyhow!("give a title, or --tvmaze ID"))?;
            let mut show = Show::new(String::new(), title, status);
            show.network = network.filter(|n| !n.trim().is_empty()).map(Into::into);
            let file = data_file(data)?;
            scripted_edit(
                &file,
                ScriptedEdit::Add {
                    show: Box::new(show),
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { json } => {
            let file = data_file(data)?;
            let (watchlist, _) = load_or_sample(&file.path)?;
            let stats = model::stats::Statistics::of(&watchlist);
            if json {
                let text = serde_json::to_string_pretty(&crate::export::stats_json(&stats))?;
                print_out(&format!("{text}\n"))?;
            } else {
                print_out(&stats.to_text())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tag { show, tags, remove } => {
            let file = data_file(data)?;
            scripted_edit(&file, ScriptedEdit::Tag { show, tags, remove })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            export,
            dry_run,
            json,
            yes,
            password_file,
        } => {
            let file = data_file(data)?;
            let password = match password_file {
                Some(path) => Some(
                    std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?
                        .trim_end_matches(['\r', '\n'])
                        .to_owned(),
                ),
                None => None,
            };
            import::run(&file, &export, password.as_deref(), json, yes && !dry_run)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::ReadArticle {
            input,
            show,
            json,
            apply,
            source,
            published,
        } => {
            let file = data_file(data)?;
            read_article::run(
                &file,
                &read_article::Asked {
                    input: &input,
                    show: show.as_deref(),
                    json,
                    apply,
                    source,
                    published,
                },
                providers,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, out } => {
            let file = data_file(data)?;
            let (watchlist, _) = load_or_sample(&file.path)?;
            if format == "csv" {
                let Some(path) = out else {
                    anyhow::bail!("a CSV export is a ZIP file: give it a name with --out FILE");
                };
                let zipped = crate::export::csv::zipped(&watchlist)?;
                crate::store::write_atomic(&path, &zipped)?;
                return Ok(ExitCode::SUCCESS);
            }
            let text = crate::export::full_export(&watchlist, jiff::Timestamp::now())?;
            match out {
                Some(path) => crate::store::write_atomic(&path, text.as_bytes())?,
                None => print_out(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Upcoming { days, json } => {
            let file = data_file(data)?;
            let (watchlist, _) = load_or_sample(&file.path)?;
            let cache = crate::store::guide_cache::GuideCache::default_location();
            print_out(&upcoming::upcoming(&watchlist, &cache, days, json)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Calendar { ics: _, out, days } => {
            let file = data_file(data)?;
            let (watchlist, _) = load_or_sample(&file.path)?;
            let cache = crate::store::guide_cache::GuideCache::default_location();
            let text = upcoming::calendar_ics(&watchlist, &cache, days);
            match out {
                Some(path) => crate::store::write_atomic(&path, text.as_bytes())?,
                None => print_out(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Recap { show, reveal } => {
            let file = data_file(data)?;
            let (watchlist, _) = load_or_sample(&file.path)?;
            let show = watchlist.find(&show)?;
            let cache = crate::store::guide_cache::GuideCache::default_location();
            let guide = show.external_ids.tvmaze.and_then(|id| cache.load(id));
            let recap = crate::model::recap::Recap::of(show, guide.as_ref());
            print_out(&recap.to_text(reveal))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Episodes { show, json } => {
            let file = data_file(data)?;
            let (watchlist, _) = load_or_sample(&file.path)?;
            let show = watchlist.find(&show)?;
            if json {
                let text = serde_json::to_string_pretty(&crate::export::show_json(show).progress)?;
                print_out(&format!("{text}\n"))?;
            } else {
                print_out(&episodes_text(show))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Watched {
            show,
            episodes,
            on,
            undated,
        } => {
            let file = data_file(data)?;
            let edit = ScriptedEdit::Watched {
                show,
                episodes,
                on,
                undated,
            };
            scripted_edit(&file, edit)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Unwatched { show, episodes } => {
            let file = data_file(data)?;
            scripted_edit(&file, ScriptedEdit::Unwatched { show, episodes })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::SetStatus { show, status, note } => {
            let file = data_file(data)?;
            let note = note.unwrap_or_default();
            scripted_edit(&file, ScriptedEdit::SetStatus { show, status, note })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { query, json } => {
            catalog::search(providers, &query, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { json, notify } => {
            let file = data_file(data)?;
            catalog::check(&file, providers, json, notify)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Poster { show, file: image } => {
            let file = data_file(data)?;
            set_poster(&file, show, &image)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Backups { action } => {
            let file = data_file(data)?;
            match action {
                BackupsCommand::List => list_backups(&file)?,
                BackupsCommand::Restore { number } => restore_backup(&file, number)?,
            }
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

fn data_file(explicit: Option<PathBuf>) -> anyhow::Result<DataFile> {
    data_path(explicit).map(DataFile::new)
}

/// The watchlist in the file, or the sample when there is no file yet; and what was read.
fn load_or_sample(path: &Path) -> anyhow::Result<(Watchlist, Fingerprint)> {
    match store::load_with_fingerprint(path)? {
        (Loaded::Found(watchlist), fingerprint) => Ok((watchlist, fingerprint)),
        (Loaded::Missing, fingerprint) => Ok((model::sample()?, fingerprint)),
    }
}

/// Asks the app that has `file` open to carry out `request`. `Ok(None)` when no app has it
/// open (or the one that has it does not answer: then the file's lock decides), and the
/// command is to be carried out here, on the file. The app's answer is what the command
/// prints, or its error, worded as this command line words it.
fn through_the_app(
    file: &DataFile,
    request: &Request,
    attachment: &[u8],
    answer_within: Option<Duration>,
) -> anyhow::Result<Option<String>> {
    match instance::ask(
        &instance::address(file),
        request,
        attachment,
        APP_PATIENCE,
        answer_within,
    ) {
        Contact::NotRunning => Ok(None),
        Contact::NotAnswering(why) => {
            log::warn!("the Curtain Call that has the file open did not answer ({why})");
            Ok(None)
        }
        Contact::Answered(Ok(printed)) => Ok(Some(printed)),
        Contact::Answered(Err(why)) => Err(anyhow!(why)),
    }
}

/// A writing command's edit: made by the running app when one has the file open (one
/// undoable change there), else here on the file. Prints the same either way.
fn scripted_edit(file: &DataFile, edit: ScriptedEdit) -> anyhow::Result<()> {
    let request = Request::Edit(edit);
    if let Some(printed) = through_the_app(file, &request, &[], Some(APP_ANSWER_WITHIN))? {
        return print_out(&printed);
    }
    let Request::Edit(edit) = request else {
        return Ok(());
    };
    let (changes, after) = edit_file_with(file, |watchlist| {
        edit.plan(watchlist).map_err(|why| anyhow!(why))
    })?;
    print_out(&edit.report(&changes, &after))
}

/// `poster SHOW FILE`: the image is read here and sent to the running app, or checked and
/// copied into the poster cache here.
fn set_poster(file: &DataFile, show: String, image: &Path) -> anyhow::Result<()> {
    let refused = |error: &dyn std::fmt::Display| {
        anyhow!(
            "{}: {error}; {} was not changed",
            image.display(),
            file.path.display()
        )
    };
    let bytes = crate::posters::cache::read_capped(image).map_err(|e| refused(&e))?;
    let request = Request::Poster { show };
    if let Some(printed) = through_the_app(file, &request, &bytes, Some(APP_ANSWER_WITHIN))? {
        return print_out(&printed);
    }
    let Request::Poster { show } = request else {
        return Ok(());
    };
    let cache = crate::posters::PosterCache::default_location();
    let name = crate::posters::import_bytes(&cache, &bytes).map_err(|e| refused(&e))?;
    scripted_edit(file, ScriptedEdit::Poster { show, name })
}

/// Loads the file, applies the actions `make` asks for and saves, as the app would, through
/// the session's one-shot edit (see [`session::edit_once`]). Actions that would change nothing
/// are skipped; when none changes anything, the file is not written at all. When anything
/// fails (another writer, a file that does not load, an unknown show), the file is left as it
/// is. Returns what each action did and the watchlist after.
fn edit_file_with(
    file: &DataFile,
    make: impl FnOnce(&Watchlist) -> anyhow::Result<Vec<Action>>,
) -> anyhow::Result<(Vec<model::Change>, Watchlist)> {
    session::edit_once(file, &SystemClock, LOCK_PATIENCE, |watchlist| {
        // The command's own reason (an unknown show, say), with its context, as it words it.
        make(watchlist).map_err(|error| EditError::Refused(format!("{error:#}")))
    })
    .with_context(|| format!("{} was not changed", file.path.display()))
}

/// `backups list`: a numbered line per backup, newest first.
fn list_backups(file: &DataFile) -> anyhow::Result<()> {
    let backups = session::list_backups(file);
    if backups.is_empty() {
        eprintln!(
            "no backups of {} yet (one is kept at every save)",
            file.path.display()
        );
        return Ok(());
    }
    let mut out = String::new();
    for (index, summary) in backups.iter().enumerate() {
        let when = session::local_time(&summary.backup);
        let content = match &summary.content {
            Ok(content) => content.clone(),
            Err(error) => format!("does not load: {error}"),
        };
        out.push_str(&format!("{:>3}  {when}  {content}\n", index + 1));
    }
    print_out(&out)
}

/// `backups restore N`.
fn restore_backup(file: &DataFile, number: usize) -> anyhow::Result<()> {
    let request = Request::RestoreBackup { number };
    if let Some(printed) = through_the_app(file, &request, &[], Some(APP_ANSWER_WITHIN))? {
        return print_out(&printed);
    }
    let backups = backup::list(file);
    let chosen = number
        .checked_sub(1)
        .and_then(|i| backups.get(i))
        .ok_or_else(|| {
            anyhow!(
                "there is no backup {number}; `curtaincall backups list` shows {}",
                backups.len()
            )
        })?;
    let not_changed = || format!("{} was not changed", file.path.display());
    let _lock = WriterLock::acquire_within(file, LOCK_PATIENCE).with_context(not_changed)?;
    let watchlist = backup::restore(file, chosen).with_context(not_changed)?;
    print_out(&format!(
        "Restored backup {number}: {} (the previous file was backed up first)\n",
        watchlist.summary()
    ))
}

/// `validate`: exit 0 with a summary, or 1 with `FILE:LINE:COLUMN: message` on stderr.
fn validate(file: &Path) -> ExitCode {
    match store::load(file) {
        Ok(Loaded::Found(watchlist)) => {
            let version = match watchlist.schema_version {
                found if found < model::SCHEMA_VERSION => format!(
                    "file format version {found}; Curtain Call upgrades it to {} when it \
                     opens it",
                    model::SCHEMA_VERSION
                ),
                found => format!("file format version {found}"),
            };
            let line = format!("{} ({version})\n", watchlist.summary());
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

/// `episodes SHOW`: where the user is, then each season and the episodes marked in it.
fn episodes_text(show: &Show) -> String {
    let progress = &show.progress;
    let next = match (progress.state(), progress.up_next()) {
        (model::WatchState::Dropped, _) => "dropped".to_owned(),
        (_, Some(next)) => format!("up next: {next}"),
        (_, None) => "caught up".to_owned(),
    };
    let mut out = format!("{} — {next}\n", show.title);
    let marks = progress.marks();
    let first = if progress.watched_in(0) > 0 { 0 } else { 1 };
    for season in first..=progress.seasons() {
        let watched = progress.watched_in(season);
        let name = if season == 0 {
            "Specials".to_owned()
        } else {
            format!("Season {season}")
        };
        out.push_str(&match progress.episodes_in(season) {
            0 => format!("{name}: {watched} watched\n"),
            len => format!("{name}: {watched} of {len} watched\n"),
        });
        for (episode, mark) in marks
            .range(model::EpisodeRef(season as u32, 0)..model::EpisodeRef(season as u32 + 1, 0))
        {
            let mut line = format!("  {episode}");
            if mark.skipped {
                line.push_str("  skipped");
            } else {
                let days: Vec<String> = mark.on.iter().map(ToString::to_string).collect();
                line.push_str(&format!("  watched {}", days.join(", ")));
            }
            if let Some(rating) = mark.rating {
                line.push_str(&format!("  {rating}/10"));
            }
            if !mark.note.is_empty() {
                line.push_str(&format!("  “{}”", mark.note));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
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
