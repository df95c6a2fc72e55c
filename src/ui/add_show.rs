//! The "Add show" dialog: search TVmaze and add a result with its cast and dates, or add a
//! show by hand (which works offline).

use eframe::egui::{self, Key, RichText};

use super::posters::{PosterSize, Posters};
use super::theme::{attribution_ui, status_text};
use crate::model::{CatalogShow, Name, Show, Status};
use crate::posters::PosterSource;
use crate::session::{Adding, CatalogSearch};

/// What the user has typed so far.
pub struct AddShowDraft {
    query: String,
    title: String,
    network: String,
    status: Status,
    focused: bool,
}

impl Default for AddShowDraft {
    fn default() -> Self {
        AddShowDraft {
            query: String::new(),
            title: String::new(),
            network: String::new(),
            status: Status::Airing,
            focused: false,
        }
    }
}

/// What the dialog decided this frame.
pub enum Outcome {
    Open,
    Cancel,
    /// Add this show (its id is filled in when it is added).
    Add(Box<Show>),
    /// Search the catalog for these words.
    Search(String),
    /// Fetch this TVmaze show and add it.
    AddFromCatalog(u64),
}

/// The modal dialog, with the catalog's search and the show being added as the session has
/// them. Enter adds, Escape cancels.
pub fn add_show_ui(
    ctx: &egui::Context,
    draft: &mut AddShowDraft,
    catalog: &crate::session::Catalog,
    posters: &mut Posters,
) -> Outcome {
    let mut outcome = Outcome::Open;
    let modal = egui::Modal::new(egui::Id::unique("add_show_dialog")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.label(RichText::new("Add a show").heading().strong());
        ui.add_space(8.0);
        catalog_search_ui(ui, draft, catalog, posters, &mut outcome);
        let mut title_entered = false;
        ui.add_space(8.0);
        ui.separator();
        ui.label(RichText::new("Or by hand").strong());
        ui.add_space(4.0);
        egui::Grid::new("add_show_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Title");
                let title = ui
                    .add(egui::TextEdit::singleline(&mut draft.title).desired_width(260.0))
                    .labelled_by(label.id);
                title_entered = title.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.end_row();

                let label = ui.label("Network");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.network)
                        .hint_text("e.g. Prime Video")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
                ui.end_row();

                ui.label("Status");
                egui::ComboBox::new("add_show_status", "")
                    .selected_text(status_text(draft.status))
                    .show_ui(ui, |ui| {
                        for status in Status::ALL {
                            ui.selectable_value(&mut draft.status, status, status_text(status));
                        }
                    })
                    .response
                    .accessible_name("Status");
                ui.end_row();
            });
        ui.add_space(10.0);
        let ready = !draft.title.trim().is_empty();
        ui.horizontal(|ui| {
            let add = ui
                .add_enabled(ready, egui::Button::new("Add show"))
                .clicked();
            if ready && (add || title_entered) {
                let mut show = Show::new(String::new(), draft.title.trim(), draft.status);
                show.network = Some(Name::from(draft.network.trim())).filter(|n| !n.is_empty());
                outcome = Outcome::Add(Box::new(show));
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Cancel;
            }
        });
    });
    if modal.should_close() && matches!(outcome, Outcome::Open) {
        outcome = Outcome::Cancel;
    }
    outcome
}

/// The catalog half: a search field, then the results with an Add button each.
fn catalog_search_ui(
    ui: &mut egui::Ui,
    draft: &mut AddShowDraft,
    catalog: &crate::session::Catalog,
    posters: &mut Posters,
    outcome: &mut Outcome,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Search TVmaze");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut draft.query)
                    .hint_text("title, e.g. Slow Horses")
                    .desired_width(300.0),
            )
            .labelled_by(label.id);
        if !draft.focused {
            field.request_focus();
            draft.focused = true;
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let ready = !draft.query.trim().is_empty();
        let clicked = ui
            .add_enabled(ready, egui::Button::new("🔍 Search"))
            .clicked();
        if ready && (entered || clicked) {
            *outcome = Outcome::Search(draft.query.trim().to_owned());
        }
    });
    let adding = match catalog.adding() {
        Adding::Fetching { tvmaze, .. } => Some(*tvmaze),
        Adding::Idle | Adding::Failed(_) => None,
    };
    match catalog.search() {
        CatalogSearch::Idle => {
            ui.label(
                RichText::new("Find a show to add it with its network, dates, status and cast.")
                    .weak(),
            );
        }
        CatalogSearch::Searching(_) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Searching TVmaze…");
            });
        }
        CatalogSearch::Failed(error) => {
            ui.colored_label(
                super::theme::alarm_color(ui),
                format!("{error}. You can still add the show by hand below."),
            );
        }
        CatalogSearch::Found(hits) if hits.is_empty() => {
            ui.label(format!(
                "No show on TVmaze matches “{}”. Check the spelling, or add it by hand below.",
                draft.query.trim()
            ));
        }
        CatalogSearch::Found(hits) => {
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .id_salt("catalog_results")
                .show(ui, |ui| {
                    for hit in hits {
                        result_row_ui(ui, hit, adding, posters, outcome);
                    }
                });
        }
    }
    if let Adding::Failed(error) = catalog.adding() {
        ui.colored_label(super::theme::alarm_color(ui), error);
    }
    attribution_ui(ui);
}

fn result_row_ui(
    ui: &mut egui::Ui,
    hit: &CatalogShow,
    adding: Option<u64>,
    posters: &mut Posters,
    outcome: &mut Outcome,
) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(PosterSize::Result.points(), egui::Sense::hover());
        let source = hit
            .thumbnail_url
            .clone()
            .map_or(PosterSource::Placeholder, PosterSource::Remote);
        posters.paint(ui, rect, &source, PosterSize::Result);
        let mut title = hit.title.clone();
        if let Some(year) = hit.year() {
            title.push_str(&format!(" ({year})"));
        }
        ui.vertical(|ui| {
            ui.label(RichText::new(&title).strong());
            let mut facts = Vec::new();
            if let Some(network) = &hit.network {
                facts.push(network.to_string());
            }
            if let Some(status) = hit.status {
                facts.push(status_text(status));
            }
            if !facts.is_empty() {
                ui.label(RichText::new(facts.join("  ·  ")).weak());
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if adding == Some(hit.tvmaze) {
                ui.spinner();
            } else if ui
                .add_enabled(adding.is_none(), egui::Button::new("➕ Add"))
                .on_hover_text(format!("Add “{}” with its cast", hit.title))
                .accessible_name(format!("Add {title}"))
                .clicked()
            {
                *outcome = Outcome::AddFromCatalog(hit.tvmaze);
            }
        });
    });
    ui.separator();
}
