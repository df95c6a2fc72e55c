//! The Calendar window (F4): episodes of the watchlist's shows airing in the next 30 days and
//! the last 7, by day in the user's time zone, unwatched first within a day; premieres and
//! finales marked. Read from the episode cache: it works offline.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::cache::Keyed;
use super::up_next::EpisodeSources;
use super::{UiCommand, edit};
use crate::model::guide::{Airing, calendar};
use crate::model::{ShowEdit, WatchDay};

/// How many days back and ahead the calendar reaches.
pub const DAYS_BACK: i64 = 7;
pub const DAYS_AHEAD: i64 = 30;

/// The days, kept until the watchlist, the guides or the day change.
#[derive(Default)]
pub struct CalendarState(Keyed<(u64, u64, Date), BTreeMap<Date, Vec<Airing>>>);

/// The window. `open` is cleared when the user closes it.
pub fn calendar_ui(
    ctx: &egui::Context,
    state: &mut CalendarState,
    sources: &EpisodeSources<'_>,
    open: &mut bool,
    commands: &mut Vec<UiCommand>,
) {
    let tz = TimeZone::system();
    let today = crate::model::today();
    let days = state
        .0
        .get((sources.revision, sources.guides_revision, today), || {
            calendar(
                sources.watchlist,
                sources.guides,
                today,
                &tz,
                DAYS_BACK,
                DAYS_AHEAD,
            )
        });
    egui::Window::new("Calendar")
        .open(open)
        .collapsible(false)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| {
            if days.is_empty() {
                ui.label(format!(
                    "Nothing airs in the last {DAYS_BACK} or the next {DAYS_AHEAD} days. \
                     Episodes come from TVmaze with each check (F5) for shows added from it."
                ));
                return;
            }
            egui::ScrollArea::vertical()
                .max_height(480.0)
                .show(ui, |ui| {
                    for (day, airings) in days {
                        day_ui(ui, *day, today, airings, sources, &tz, commands);
                    }
                });
        });
}

/// One day's heading and its episodes.
fn day_ui(
    ui: &mut egui::Ui,
    day: Date,
    today: Date,
    airings: &[Airing],
    sources: &EpisodeSources<'_>,
    tz: &TimeZone,
    commands: &mut Vec<UiCommand>,
) {
    let heading = match (day - today).get_days() {
        0 => format!("Today · {}", day.strftime("%a %-d %b")),
        1 => format!("Tomorrow · {}", day.strftime("%a %-d %b")),
        -1 => format!("Yesterday · {}", day.strftime("%a %-d %b")),
        _ => day.strftime("%A %-d %B").to_string(),
    };
    ui.add_space(4.0);
    ui.label(RichText::new(heading).strong());
    for airing in airings {
        let Some(show) = sources.watchlist.shows.get(airing.show) else {
            continue;
        };
        ui.horizontal(|ui| {
            let time = airing
                .episode
                .airs_at
                .map(|at| tz.to_datetime(at).strftime("%H:%M").to_string())
                .unwrap_or_default();
            ui.label(RichText::new(format!("{time:>5}")).monospace());
            if ui.link(&show.title).clicked() {
                commands.push(UiCommand::Reveal(show.id.clone()));
            }
            let hidden = !airing.watched && sources.hides_titles_of(show);
            let mut text = airing.episode.episode.to_string();
            if !hidden && !airing.episode.title.is_empty() {
                text.push_str(&format!(" · {}", airing.episode.title));
            }
            ui.label(text);
            if let Some(landmark) = airing.landmark {
                ui.label(
                    RichText::new(landmark.word())
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                );
            }
            let aired = day <= today;
            if airing.watched {
                ui.label("✔ watched");
            } else if aired {
                let watched = ui.small_button("✔ Watched").accessible_name(format!(
                    "Mark {} {} watched",
                    show.title, airing.episode.episode
                ));
                if watched.clicked() {
                    commands.push(edit(
                        show,
                        ShowEdit::Watched {
                            episodes: vec![airing.episode.episode],
                            on: WatchDay::Today,
                        },
                    ));
                }
            }
        });
    }
}
