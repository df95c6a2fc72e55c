//! The app's side of the catalogs: searching TVmaze, fetching a show to add, checking every
//! followed show (on demand, F5, and at start when the last check is old), and the settings
//! that go with them. All HTTP runs on background threads; results come back through channels
//! and wake the UI.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use eframe::egui::{self, RichText};

use super::UiCommand;
use super::intake::Intake;
use super::jobs::{spawn, take};
use super::theme::alarm_color;
use crate::model::{Action, CatalogShow, Show, ShowEdit, Source, Status};
use crate::settings::{self, Settings};
use crate::sources::check::{self, CheckResult, Followed};
use crate::sources::{FetchError, ProviderConfig, Providers, tvmaze};
use crate::store::DataFile;

/// What a check job sends back.
pub enum CheckOutcome {
    /// The catalog answered, for a check started at this time.
    Done(CheckResult, jiff::Timestamp),
    /// An automatic check found the last one recent enough and asked nothing.
    NotDue,
    Failed(FetchError),
}

/// A check running in the background.
pub struct RunningCheck {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    receiver: mpsc::Receiver<CheckOutcome>,
    /// Started by the user (F5, the button) rather than at start.
    pub on_demand: bool,
}

impl RunningCheck {
    /// `(done, total)` so far; total is 0 until TVmaze said which shows changed.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// The catalogs as the app uses them.
pub struct Catalog {
    config: ProviderConfig,
    providers: Providers,
    pub settings: Settings,
    config_dir: Option<PathBuf>,
    pub check: Option<RunningCheck>,
    /// A finished check whose answers are being applied, a few per frame.
    pub intake: Option<Intake>,
    search: Option<mpsc::Receiver<Result<Vec<CatalogShow>, FetchError>>>,
    fetch: Option<mpsc::Receiver<Result<CatalogShow, FetchError>>>,
    /// Whether the check at start has been considered.
    pub started: bool,
    /// Settings saves so far, and the newest written: saves run on threads, and an older one
    /// finishing last must not win.
    saves: u64,
    written: Arc<std::sync::Mutex<u64>>,
}

impl Catalog {
    /// The catalogs at `config`, with the user's settings from `config_dir`.
    pub fn new(
        mut config: ProviderConfig,
        settings: Settings,
        config_dir: Option<PathBuf>,
    ) -> Self {
        if config.tmdb_key.is_none() {
            config.tmdb_key = settings.effective_tmdb_key();
        }
        Catalog {
            providers: Providers::new(&config),
            config,
            settings,
            config_dir,
            check: None,
            intake: None,
            search: None,
            fetch: None,
            started: false,
            saves: 0,
            written: Arc::default(),
        }
    }

    /// The shared HTTP client (posters download through it too).
    pub fn http(&self) -> Arc<crate::sources::HttpClient> {
        Arc::clone(&self.providers.http)
    }

    /// Starts searching TVmaze for `query`; an earlier search still running is forgotten.
    pub fn start_search(&mut self, ctx: &egui::Context, query: String) {
        let tvmaze = self.providers.tvmaze.clone();
        self.search = Some(spawn(ctx, "curtaincall-search", move || {
            tvmaze.search(&query)
        }));
    }

    /// The search result, once it arrives.
    pub fn poll_search(&mut self) -> Option<Result<Vec<CatalogShow>, FetchError>> {
        take(&mut self.search)
    }

    /// Starts fetching show `id` (with cast and seasons) to add it.
    pub fn start_fetch(&mut self, ctx: &egui::Context, id: u64) {
        let providers = self.providers.clone();
        self.fetch = Some(spawn(ctx, "curtaincall-fetch", move || {
            providers.show(id, None)
        }));
    }

    /// The fetched show, once it arrives.
    pub fn poll_fetch(&mut self) -> Option<Result<CatalogShow, FetchError>> {
        take(&mut self.fetch)
    }

    /// Starts checking `followed` unless a check is running. With `only_if_due`, the check
    /// first reads when the last one was and asks nothing if it is recent.
    pub fn start_check(
        &mut self,
        ctx: &egui::Context,
        file: &DataFile,
        followed: Vec<Followed>,
        on_demand: bool,
    ) {
        // One check at a time, and none while the last one's answers are still going in: it
        // would ask again for the shows not yet updated.
        if self.is_busy() {
            return;
        }
        let providers = self.providers.clone();
        let file = file.clone();
        let due_after = (!on_demand).then(|| {
            jiff::SignedDuration::from_hours(i64::from(self.settings.refresh_every_hours))
        });
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (d, t) = (Arc::clone(&done), Arc::clone(&total));
        let repaint = ctx.clone();
        let receiver = spawn(ctx, "curtaincall-check", move || {
            let now = jiff::Timestamp::now();
            let last = settings::last_check(&file);
            if let (Some(due_after), Some(last)) = (due_after, last)
                && now.duration_since(last) < due_after
            {
                return CheckOutcome::NotDue;
            }
            let mut progress = |n: usize, of: usize| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
                repaint.request_repaint();
            };
            // The time is recorded only once the answers are applied (see `record_check`).
            match check::check(&providers, &followed, last, now, &mut progress) {
                Ok(result) => CheckOutcome::Done(result, now),
                Err(error) => CheckOutcome::Failed(error),
            }
        });
        self.check = Some(RunningCheck {
            done,
            total,
            receiver,
            on_demand,
        });
    }

    /// True while a check runs or its answers are being taken in.
    pub fn is_busy(&self) -> bool {
        self.check.is_some() || self.intake.is_some()
    }

    /// A line for the status bar while a check runs or its answers go in.
    pub fn progress_text(&self) -> Option<String> {
        match (&self.check, &self.intake) {
            (Some(check), _) => Some(progress_text(check)),
            (None, Some(intake)) => Some(intake.progress_text()),
            (None, None) => None,
        }
    }

    /// The check's outcome, once it arrives.
    pub fn poll_check(&mut self) -> Option<(CheckOutcome, bool)> {
        let running = self.check.as_ref()?;
        let outcome = match running.receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => {
                CheckOutcome::Failed(FetchError::Unreachable {
                    host: "TVmaze".to_owned(),
                    reason: "the check stopped".to_owned(),
                })
            }
        };
        let on_demand = running.on_demand;
        self.check = None;
        Some((outcome, on_demand))
    }

    /// Keeps new settings, rebuilds the clients with them and writes them in the background.
    pub fn save_settings(&mut self, settings: Settings) -> Option<String> {
        self.settings = settings.clone();
        self.config.tmdb_key = settings.effective_tmdb_key();
        self.providers = Providers::new(&self.config);
        let Some(dir) = self.config_dir.clone() else {
            return Some("No config directory: the settings last until the app closes.".into());
        };
        self.saves += 1;
        let this_save = self.saves;
        let written = Arc::clone(&self.written);
        std::thread::spawn(move || {
            let mut newest = written
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if *newest > this_save {
                return;
            }
            *newest = this_save;
            if let Err(error) = settings.save(&dir) {
                log::warn!("could not save the settings: {error}");
            }
        });
        std::env::var_os(settings::TMDB_KEY_ENV).map(|_| {
            format!(
                "Settings saved; {} is set, and that key is used instead of this one",
                settings::TMDB_KEY_ENV
            )
        })
    }
}

/// Records, off the UI thread, that a check started at `when` has been taken in, so the next
/// one asks TVmaze only for what changed since.
pub fn record_check(file: &DataFile, when: jiff::Timestamp) {
    let file = file.clone();
    std::thread::spawn(move || {
        if let Err(error) = settings::record_check(&file, when) {
            log::warn!("could not record the time of the check: {error}");
        }
    });
}

/// The "Data from TVmaze" link its licence (CC BY-SA) asks for.
pub fn attribution_ui(ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new("Show data from").small().weak());
        ui.hyperlink_to(RichText::new("TVmaze").small(), "https://www.tvmaze.com/");
        ui.label(RichText::new("under").small().weak());
        ui.hyperlink_to(RichText::new("CC BY-SA").small(), tvmaze::ATTRIBUTION_URL);
    });
}

/// The questions the catalog left for the user about `show`: a status that differs from the
/// one they set, or an ended show that looks canceled.
pub fn questions_ui(ui: &mut egui::Ui, show: &Show, commands: &mut Vec<UiCommand>) {
    let Some(state) = &show.catalog else {
        return;
    };
    if let Some(catalog) = state.disagreement {
        let source = state.source.clone().unwrap_or(Source::TvMaze);
        question_frame(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "⚠ {} says {}; you set {}.",
                    source.label(),
                    catalog.label(),
                    show.status.label()
                ))
                .strong(),
            );
            ui.label("Your status is kept until you accept the catalog's.");
            ui.horizontal(|ui| {
                if ui.button(format!("Accept {}", catalog.label())).clicked() {
                    commands.push(UiCommand::Apply(Action::SetStatus {
                        id: show.id.clone(),
                        status: catalog,
                        note: format!("accepted from {}", source.label()),
                        source: source.clone(),
                    }));
                }
                if ui.button(format!("Keep {}", show.status.label())).clicked() {
                    commands.push(super::edit(show, ShowEdit::DismissCatalog));
                }
            });
        });
    }
    if let Some(reason) = &state.likely_canceled
        && show.status == Status::Ended
    {
        question_frame(ui, |ui| {
            ui.label(RichText::new("⚠ Likely canceled").strong());
            ui.label(format!(
                "TVmaze says only “ended”, but {reason}. Was it canceled?"
            ));
            ui.horizontal(|ui| {
                if ui.button("Yes, mark it canceled").clicked() {
                    commands.push(UiCommand::Apply(Action::SetStatus {
                        id: show.id.clone(),
                        status: Status::Canceled,
                        source: Source::Manual,
                        note: format!("confirmed: {reason}"),
                    }));
                }
                if ui.button("No, it ended as planned").clicked() {
                    commands.push(super::edit(show, ShowEdit::DismissCatalog));
                }
            });
        });
    }
}

fn question_frame(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let color = alarm_color(ui);
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, color))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
    ui.add_space(6.0);
}

/// The Settings window's draft.
pub struct SettingsDraft {
    tmdb_key: String,
    hours: u32,
    reveal: bool,
}

impl SettingsDraft {
    /// A draft of `settings`.
    pub fn of(settings: &Settings) -> Self {
        SettingsDraft {
            tmdb_key: settings.tmdb_key.clone().unwrap_or_default(),
            hours: settings.refresh_every_hours,
            reveal: false,
        }
    }
}

/// The Settings window. Returns the settings to keep when the user saves; `open` turns false
/// when the window is closed.
pub fn settings_ui(
    ctx: &egui::Context,
    draft: &mut SettingsDraft,
    open: &mut bool,
) -> Option<Settings> {
    let mut saved = None;
    let mut keep_open = *open;
    egui::Window::new("⚙ Settings")
        .open(&mut keep_open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(RichText::new("TMDB").strong());
            ui.label(
                "TVmaze cannot tell a canceled show from one that ended as planned; TMDB can. \
                 Paste your own TMDB API key (or read access token) to use it. It is kept in \
                 your config folder, never in the watchlist.",
            );
            ui.horizontal(|ui| {
                let label = ui.label("TMDB key");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.tmdb_key)
                        .password(!draft.reveal)
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
                ui.checkbox(&mut draft.reveal, "Show");
            });
            ui.add_space(8.0);
            ui.label(RichText::new("Checking").strong());
            ui.horizontal(|ui| {
                let label = ui.label("Check at start when the last check is older than");
                ui.add(
                    egui::DragValue::new(&mut draft.hours)
                        .range(1..=24 * 30)
                        .suffix(" h"),
                )
                .labelled_by(label.id);
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    let key = draft.tmdb_key.trim();
                    saved = Some(Settings {
                        tmdb_key: (!key.is_empty()).then(|| key.to_owned()),
                        refresh_every_hours: draft.hours.max(1),
                    });
                }
            });
        });
    *open = keep_open && saved.is_none();
    saved
}

/// A line for the status bar while a check runs.
fn progress_text(check: &RunningCheck) -> String {
    match check.progress() {
        (_, 0) => "Checking TVmaze for changes…".to_owned(),
        (done, total) => format!("Checking TVmaze: {done} of {total} changed shows…"),
    }
}
