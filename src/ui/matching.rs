//! The "Match imported shows" window: imported shows TVmaze did not find by their ids. A show
//! found only by title waits for the user's yes; one not found at all can be searched for.
//! Matching takes the catalog's status, cast and episodes and keeps the show's history; "Keep
//! as it is" leaves it a show of the user's own.

use eframe::egui::{self, RichText};

use super::UiCommand;
use super::theme::attribution_ui;
use crate::model::Watchlist;
use crate::session::{Adding, Catalog, CatalogSearch, Command};
use crate::store::catch_up::CatchUpQueue;

/// What the window keeps between frames.
#[derive(Default)]
pub struct MatchingView {
    pub open: bool,
    /// The show being searched for, and the words typed.
    searching: Option<String>,
    query: String,
}

/// The window, when open.
pub fn matching_ui(
    ctx: &egui::Context,
    view: &mut MatchingView,
    queue: Option<&CatchUpQueue>,
    watchlist: &Watchlist,
    catalog: &Catalog,
    commands: &mut Vec<UiCommand>,
) {
    if !view.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Match imported shows")
        .id(egui::Id::unique("matching_window"))
        .open(&mut open)
        .collapsible(false)
        .default_width(640.0)
        // Below the top bar, as the other import windows: it opened over the bar's buttons.
        .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| {
            let listed = |id: &str| {
                queue.is_some_and(|q| {
                    q.proposed.iter().any(|p| p.id == id)
                        || q.not_matched.iter().any(|n| n.id == id)
                })
            };
            if view.searching.as_deref().is_some_and(|id| !listed(id)) {
                // Matched: its search is done.
                view.searching = None;
            }
            let Some(queue) = queue.filter(|q| q.to_review() > 0) else {
                ui.label("Every imported show is matched, or kept as it is.");
                return;
            };
            ui.label(
                "TVmaze did not recognise these imported shows by their ids. Matching one \
                 brings its status, cast and episodes; what you watched stays as it is.",
            );
            ui.add_space(6.0);
            if let Some(id) = view.searching.clone() {
                search_ui(ui, view, &id, watchlist, catalog, commands);
                ui.separator();
            }
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .id_salt("matching_rows")
                .show(ui, |ui| {
                    for proposal in &queue.proposed {
                        let Some(show) = watchlist.get(&proposal.id) else {
                            continue;
                        };
                        let mut theirs = proposal.title.clone();
                        if let Some(year) = proposal.year {
                            theirs.push_str(&format!(" ({year})"));
                        }
                        if let Some(network) = &proposal.network {
                            theirs.push_str(&format!(", {network}"));
                        }
                        row_ui(
                            ui,
                            view,
                            &show.title,
                            &format!("TVmaze has “{theirs}”"),
                            &proposal.id,
                            commands,
                            |ui, commands| {
                                if ui
                                    .button("✔ That's it")
                                    .on_hover_text(format!(
                                        "Match “{}” to TVmaze's “{}”",
                                        show.title, proposal.title
                                    ))
                                    .clicked()
                                {
                                    commands.push(
                                        Command::MatchImported {
                                            id: proposal.id.clone(),
                                            tvmaze: proposal.tvmaze,
                                        }
                                        .into(),
                                    );
                                }
                            },
                        );
                    }
                    for queued in &queue.not_matched {
                        let Some(show) = watchlist.get(&queued.id) else {
                            continue;
                        };
                        row_ui(
                            ui,
                            view,
                            &show.title,
                            "Not found on TVmaze",
                            &queued.id,
                            commands,
                            |_, _| {},
                        );
                    }
                });
            attribution_ui(ui);
        });
    if !open {
        view.open = false;
        view.searching = None;
        commands.push(Command::ForgetCatalogSearch.into());
    }
}

/// One show to match: its title, what TVmaze said, and the buttons (`more` first).
fn row_ui(
    ui: &mut egui::Ui,
    view: &mut MatchingView,
    title: &str,
    said: &str,
    id: &str,
    commands: &mut Vec<UiCommand>,
    more: impl FnOnce(&mut egui::Ui, &mut Vec<UiCommand>),
) {
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new(title).strong());
            ui.label(RichText::new(said).weak());
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Keep as it is")
                .on_hover_text("Stop listing it; it stays a show of your own")
                .clicked()
            {
                commands.push(Command::KeepUnmatched(id.to_owned()).into());
            }
            if ui
                .button("🔍 Search…")
                .on_hover_text(format!("Find “{title}” on TVmaze"))
                .accessible_name(format!("Search TVmaze for {title}"))
                .clicked()
            {
                view.searching = Some(id.to_owned());
                view.query = title.to_owned();
                commands.push(Command::SearchCatalog(title.to_owned()).into());
            }
            more(ui, commands);
        });
    });
    ui.separator();
}

/// The search for the show being matched, with a Match button per result.
fn search_ui(
    ui: &mut egui::Ui,
    view: &mut MatchingView,
    id: &str,
    watchlist: &Watchlist,
    catalog: &Catalog,
    commands: &mut Vec<UiCommand>,
) {
    let title = watchlist.get(id).map_or(id, |s| s.title.as_str());
    ui.label(RichText::new(format!("Which TVmaze show is “{title}”?")).strong());
    ui.horizontal(|ui| {
        let label = ui.label("Search TVmaze");
        let field = ui
            .add(egui::TextEdit::singleline(&mut view.query).desired_width(300.0))
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (entered || ui.button("🔍 Search").clicked()) && !view.query.trim().is_empty() {
            commands.push(Command::SearchCatalog(view.query.trim().to_owned()).into());
        }
        if ui.button("Cancel").clicked() {
            view.searching = None;
            commands.push(Command::ForgetCatalogSearch.into());
        }
    });
    let fetching = matches!(catalog.adding(), Adding::Fetching { link: Some(l), .. } if l == id);
    match catalog.search() {
        CatalogSearch::Idle => {}
        CatalogSearch::Searching(_) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Searching TVmaze…");
            });
        }
        CatalogSearch::Failed(error) => {
            ui.colored_label(super::theme::alarm_color(ui), error);
        }
        CatalogSearch::Found(hits) if hits.is_empty() => {
            ui.label(format!(
                "No show on TVmaze matches “{}”.",
                view.query.trim()
            ));
        }
        CatalogSearch::Found(hits) => {
            egui::ScrollArea::vertical()
                .max_height(200.0)
                .id_salt("matching_results")
                .show(ui, |ui| {
                    for hit in hits {
                        ui.horizontal(|ui| {
                            let mut name = hit.title.clone();
                            if let Some(year) = hit.year() {
                                name.push_str(&format!(" ({year})"));
                            }
                            if let Some(network) = &hit.network {
                                name.push_str(&format!(" · {network}"));
                            }
                            ui.label(&name);
                            if ui
                                .add_enabled(!fetching, egui::Button::new("Match"))
                                .accessible_name(format!("Match to {name}"))
                                .clicked()
                            {
                                commands.push(
                                    Command::MatchImported {
                                        id: id.to_owned(),
                                        tvmaze: hit.tvmaze,
                                    }
                                    .into(),
                                );
                            }
                        });
                    }
                });
        }
    }
    if fetching {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Fetching the show…");
        });
    }
    if let Adding::Failed(error) = catalog.adding() {
        ui.colored_label(super::theme::alarm_color(ui), error);
    }
}
