//! The Up next window (F3): the shows with an aired episode not yet watched, most recently
//! watched first, each with its next episode and a one-click "watched".

use eframe::egui::{self, RichText};

use super::cache::Keyed;
use super::{UiCommand, edit};
use crate::model::guide::{Guides, UpNext, UpNextMemo};
use crate::model::{ShowEdit, WatchDay, Watchlist};

/// The rows, kept until the watchlist, the guides or the day change: never worked out per
/// frame; and after an edit only the edited show is worked out again (the memo).
#[derive(Default)]
pub struct UpNextState {
    rows: Keyed<(u64, u64, jiff::civil::Date), Vec<UpNext>>,
    memo: UpNextMemo,
}

/// What the window reads: the watchlist and the guides, with their revisions.
pub struct EpisodeSources<'a> {
    pub watchlist: &'a Watchlist,
    pub revision: u64,
    pub guides: &'a Guides,
    pub guides_revision: u64,
    /// The spoiler setting: titles of unwatched episodes stay hidden.
    pub hide_spoilers: bool,
}

impl EpisodeSources<'_> {
    /// Whether the titles of `show`'s unwatched episodes are hidden.
    pub fn hides_titles_of(&self, show: &crate::model::Show) -> bool {
        self.hide_spoilers || show.spoiler_shield
    }
}

/// The window. `open` is cleared when the user closes it.
pub fn up_next_ui(
    ctx: &egui::Context,
    state: &mut UpNextState,
    sources: &EpisodeSources<'_>,
    open: &mut bool,
    commands: &mut Vec<UiCommand>,
) {
    let today = crate::model::today();
    let memo = &mut state.memo;
    let rows = state
        .rows
        .get((sources.revision, sources.guides_revision, today), || {
            memo.rows(sources.watchlist, sources.guides, jiff::Timestamp::now())
        });
    egui::Window::new("Up next")
        .open(open)
        .collapsible(false)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| {
            if rows.is_empty() {
                ui.label(
                    "Nothing to catch up on. Shows you have started appear here when an \
                     episode you have not watched has aired.",
                );
                return;
            }
            ui.label("Shows with an aired episode you have not watched, latest watched first.");
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(460.0)
                .show(ui, |ui| {
                    egui::Grid::new("up_next_rows")
                        .num_columns(3)
                        .striped(true)
                        .spacing([16.0, 6.0])
                        .show(ui, |ui| {
                            for row in rows {
                                let Some(show) = sources.watchlist.shows.get(row.show) else {
                                    continue;
                                };
                                if ui.link(RichText::new(&show.title).strong()).clicked() {
                                    commands.push(UiCommand::Reveal(show.id.clone()));
                                }
                                let hidden = sources.hides_titles_of(show);
                                let title = match &row.title {
                                    Some(title) if !hidden && !title.is_empty() => {
                                        format!("{} · {title}", row.episode)
                                    }
                                    _ => row.episode.to_string(),
                                };
                                ui.label(title);
                                let watched = ui
                                    .button("✔ Watched")
                                    .accessible_name(format!(
                                        "Mark {} {} watched",
                                        show.title, row.episode
                                    ))
                                    .on_hover_text("Mark it watched today (Ctrl+Z undoes)");
                                if watched.clicked() {
                                    commands.push(edit(
                                        show,
                                        ShowEdit::Watched {
                                            episodes: vec![row.episode],
                                            on: WatchDay::Today,
                                        },
                                    ));
                                }
                                ui.end_row();
                            }
                        });
                });
        });
}
