//! The top of a show's detail: its poster, title, status badge and facts, and the form that
//! edits them.

use eframe::egui::{self, RichText};

use crate::model::{Action, Name, Show, ShowEdit};
use crate::posters::PosterSource;
use crate::session::Command;
use crate::ui::posters::{PosterSize, Posters};
use crate::ui::theme::{attribution_ui, status_badge, status_badge_width, text_width};
use crate::ui::{UiCommand, apply, edit, fields};

/// The show's poster (or the placeholder), with a way to choose one's own. Images dropped on
/// the window become the open show's poster.
pub fn poster_ui(
    ui: &mut egui::Ui,
    show: &Show,
    posters: &mut Posters,
    commands: &mut Vec<UiCommand>,
) {
    ui.vertical(|ui| {
        ui.add_space(8.0);
        let size = PosterSize::Large.points();
        let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
        let source = PosterSource::of(show);
        let described = match &source {
            PosterSource::Placeholder => format!("No poster for {}", show.title),
            _ => format!("Poster of {}", show.title),
        };
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &described));
        if let Some(error) = posters.paint(ui, rect, &source, PosterSize::Large) {
            ui.add_sized(
                [size.x, 0.0],
                egui::Label::new(RichText::new(format!("⚠ Poster not shown: {error}")).small())
                    .wrap(),
            );
        }
        let choose = ui.small_button("🖼 Choose image…").on_hover_text(
            "Use an image of your own (PNG, JPEG or WebP); you can also drop one on the window",
        );
        if choose.clicked() {
            commands.push(Command::ChoosePoster(show.id.clone()).into());
        }
        if show.poster_file.is_some() && ui.small_button("Remove my image").clicked() {
            commands.push(edit(show, ShowEdit::PosterFile(None)));
        }
    });
}

const DELETE_LABEL: &str = "🗑 Delete show";

/// The width a row of buttons with these labels takes, with the spacing around them.
fn buttons_width(ui: &egui::Ui, labels: &[&str]) -> f32 {
    let spacing = &ui.style().spacing;
    labels
        .iter()
        .map(|label| {
            text_width(ui, *label, egui::TextStyle::Button)
                + 2.0 * spacing.button_padding.x
                + spacing.item_spacing.x
        })
        .sum::<f32>()
        + spacing.item_spacing.x
}

/// The title with its status badge, Edit and Delete, and the facts below it (network,
/// creators, years, genres, summary, links); in edit mode, the fields to change them.
pub fn header_ui(
    ui: &mut egui::Ui,
    show: &Show,
    editing: &mut bool,
    commands: &mut Vec<UiCommand>,
) {
    ui.add_space(8.0);
    let edit_label = if *editing {
        "✔ Done editing"
    } else {
        "✏ Edit"
    };
    ui.horizontal(|ui| {
        // The title and badge wrap in the width the buttons leave, so that a long title never
        // runs under them; they come first so that screen readers read the title first.
        let buttons = buttons_width(ui, &[DELETE_LABEL, edit_label]);
        let title_width = (ui.available_width() - buttons).max(160.0);
        ui.allocate_ui_with_layout(
            egui::vec2(title_width, 0.0),
            egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true),
            |ui| {
                ui.add(egui::Label::new(RichText::new(&show.title).size(28.0).strong()).wrap());
                // The badge goes after the title's last line, or below it when it does not fit.
                let gap = 8.0;
                if ui.available_size_before_wrap().x < gap + status_badge_width(ui, show.status) {
                    ui.end_row();
                } else {
                    ui.add_space(gap);
                }
                status_badge(ui, show.status);
            },
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(DELETE_LABEL)
                .on_hover_text("Removes the show; Ctrl+Z brings it back")
                .clicked()
            {
                commands.push(apply(Action::RemoveShow {
                    id: show.id.clone(),
                }));
            }
            if ui
                .selectable_label(*editing, edit_label)
                .on_hover_text("Edit the title, network, creators, scores and cast")
                .clicked()
            {
                *editing = !*editing;
            }
        });
    });
    if *editing {
        details_form_ui(ui, show, commands);
    } else {
        let mut facts: Vec<String> = Vec::new();
        if let Some(network) = &show.network {
            facts.push(network.to_string());
        }
        if !show.creators.is_empty() {
            facts.push(format!("Created by {}", show.creators.join(" and ")));
        }
        if !show.studios.is_empty() {
            facts.push(show.studios.join(", "));
        }
        match (show.premiered, show.ended) {
            (Some(from), Some(to)) => facts.push(format!("{} – {}", from.year(), to.year())),
            (Some(from), None) => facts.push(format!("since {}", from.year())),
            _ => {}
        }
        if !show.genres.is_empty() {
            facts.push(show.genres.join(", "));
        }
        if facts.is_empty() {
            facts.push("No network or creators yet — click ✏ Edit to add them.".to_owned());
        }
        ui.label(RichText::new(facts.join("  ·  ")).size(15.0));
        if !show.summary.is_empty() {
            ui.add_space(4.0);
            ui.label(&show.summary);
        }
        if show.official_site.is_some() || show.external_ids.tvmaze.is_some() {
            ui.horizontal(|ui| {
                if let Some(site) = &show.official_site {
                    ui.hyperlink_to("🔗 Official site", site);
                }
                if show.external_ids.tvmaze.is_some() {
                    attribution_ui(ui);
                }
            });
        }
    }
}

fn details_form_ui(ui: &mut egui::Ui, show: &Show, commands: &mut Vec<UiCommand>) {
    let id = |field: &str| egui::Id::unique(("details", &show.id, field));
    egui::Grid::new(("details_form", &show.id))
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Title");
            let (response, changed) =
                fields::text_field(ui, id("title"), &show.title, "Title", 360.0);
            response.labelled_by(label.id);
            if let Some(title) = changed.filter(|t| !t.trim().is_empty()) {
                commands.push(edit(show, ShowEdit::Title(title)));
            }
            ui.end_row();

            let label = ui.label("Network");
            let network = show.network.as_deref().unwrap_or_default();
            let (response, changed) =
                fields::text_field(ui, id("network"), network, "e.g. Prime Video", 360.0);
            response.labelled_by(label.id);
            if let Some(network) = changed {
                let network = Some(Name::from(network.trim())).filter(|n| !n.is_empty());
                commands.push(edit(show, ShowEdit::Network(network)));
            }
            ui.end_row();

            let label = ui.label("Created by");
            let (response, changed) = fields::comma_list_field(
                ui,
                id("creators"),
                &show.creators,
                "Names, comma-separated",
                360.0,
            );
            response.labelled_by(label.id);
            if let Some(creators) = changed {
                commands.push(edit(show, ShowEdit::Creators(creators)));
            }
            ui.end_row();

            let label = ui.label("Studios");
            let (response, changed) = fields::comma_list_field(
                ui,
                id("studios"),
                &show.studios,
                "Studios, comma-separated",
                360.0,
            );
            response.labelled_by(label.id);
            if let Some(studios) = changed {
                commands.push(edit(show, ShowEdit::Studios(studios)));
            }
            ui.end_row();
        });
}
