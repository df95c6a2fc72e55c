//! A show's detail: header, cancellation banner, status and its history; the sections below
//! (scores, cast, storylines and notes) live in their own modules.

use eframe::egui::{self, RichText};

use super::posters::{PosterSize, Posters};
use super::texts::{Shown, Texts, not_at_hand_ui};
use super::theme::{
    alarm_color, section_heading, status_badge, status_badge_width, status_color, text_width,
};
use super::{UiCommand, cast, edit, fields, scores, storylines, tags};
use crate::model::{Action, Name, Show, ShowEdit, Source, Status};
use crate::posters::PosterSource;

/// What the detail view remembers between frames.
#[derive(Default)]
pub struct DetailState {
    /// Edit mode: header fields, scores and cast become editable.
    pub editing: bool,
    /// The status picked in "Change status", with its note, for the show it was picked for.
    pub status_draft: Option<StatusDraft>,
    pub new_cast: cast::NewCast,
    pub new_score: scores::NewScore,
    pub new_storyline: String,
    /// The text typed in the "Add tag" field.
    pub new_tag: String,
    /// A character clicked in the cast: the storylines section shows only theirs.
    pub character: Option<CharacterFilter>,
    /// Storylines whose hidden text the user chose to see, by (show id, storyline title).
    pub revealed: std::collections::HashSet<(String, Name)>,
    /// The open show's texts kept on disk, read back off the UI thread.
    pub texts: Texts,
}

/// The storylines of one character of one show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharacterFilter {
    pub show_id: String,
    pub name: String,
}

impl CharacterFilter {
    /// The character's name when the filter is for this show.
    pub fn for_show(filter: &Option<CharacterFilter>, show: &Show) -> Option<String> {
        filter
            .as_ref()
            .filter(|f| f.show_id == show.id)
            .map(|f| f.name.clone())
    }
}

/// A status change being prepared.
pub struct StatusDraft {
    show_id: String,
    status: Status,
    note: String,
}

/// The detail of one show.
pub fn detail_ui(
    ui: &mut egui::Ui,
    show: &Show,
    state: &mut DetailState,
    hide_spoilers: bool,
    known_tags: &mut dyn FnMut() -> Vec<(String, usize)>,
    posters: &mut Posters,
    commands: &mut Vec<UiCommand>,
) {
    egui::ScrollArea::vertical()
        .id_salt(("detail", &show.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Long lines are hard to read; keep the detail at a comfortable width.
            ui.set_max_width(ui.available_width().min(960.0));
            ui.horizontal_top(|ui| {
                poster_ui(ui, show, posters, commands);
                ui.vertical(|ui| {
                    header_ui(ui, show, state, commands);
                    ui.add_space(4.0);
                    tags::tags_ui(ui, show, known_tags, &mut state.new_tag, commands);
                });
            });
            if show.status == Status::Canceled {
                cancellation_banner_ui(ui, show);
            }
            super::catalog::questions_ui(ui, show, commands);
            // Storylines lead: for a canceled show they are what it left hanging.
            storylines::storylines_ui(ui, show, state, hide_spoilers, commands);
            // Side by side when reading; one above the other when editing, where the rows of
            // fields and buttons need the whole width.
            if !state.editing && ui.available_width() >= 760.0 {
                ui.columns(2, |columns| {
                    scores::scores_ui(&mut columns[0], show, state, commands);
                    cast::cast_ui(&mut columns[1], show, state, commands);
                });
            } else {
                scores::scores_ui(ui, show, state, commands);
                cast::cast_ui(ui, show, state, commands);
            }
            super::progress::progress_ui(ui, show, commands);
            status_ui(ui, show, state, commands);
            storylines::notes_ui(ui, show, &mut state.texts, commands);
            ui.add_space(24.0);
        });
}

/// The show's poster (or the placeholder), with a way to choose one's own. Images dropped on
/// the window become the open show's poster.
fn poster_ui(ui: &mut egui::Ui, show: &Show, posters: &mut Posters, commands: &mut Vec<UiCommand>) {
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
            commands.push(UiCommand::ChoosePoster(show.id.clone()));
        }
        if show.poster_file.is_some() && ui.small_button("Remove my image").clicked() {
            commands.push(edit(show, ShowEdit::PosterFile(None)));
        }
    });
}

/// Shown when no show is selected.
pub fn empty_ui(ui: &mut egui::Ui, commands: &mut Vec<UiCommand>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.label(RichText::new("No show selected").heading());
        ui.label("Pick a show on the left, or add one.");
        if ui.button("➕ Add show").clicked() {
            commands.push(UiCommand::OpenAddShow);
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

fn header_ui(
    ui: &mut egui::Ui,
    show: &Show,
    state: &mut DetailState,
    commands: &mut Vec<UiCommand>,
) {
    ui.add_space(8.0);
    let edit_label = if state.editing {
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
                commands.push(UiCommand::Apply(Action::RemoveShow {
                    id: show.id.clone(),
                }));
            }
            if ui
                .selectable_label(state.editing, edit_label)
                .on_hover_text("Edit the title, network, creators, scores and cast")
                .clicked()
            {
                state.editing = !state.editing;
            }
        });
    });
    if state.editing {
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
            match state.texts.get(ui.ctx(), &show.summary) {
                Shown::Ready(summary) => {
                    ui.label(&*summary);
                }
                shown => not_at_hand_ui(ui, &shown),
            }
        }
        if show.official_site.is_some() || show.external_ids.tvmaze.is_some() {
            ui.horizontal(|ui| {
                if let Some(site) = &show.official_site {
                    ui.hyperlink_to("🔗 Official site", site);
                }
                if show.external_ids.tvmaze.is_some() {
                    super::catalog::attribution_ui(ui);
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

fn cancellation_banner_ui(ui: &mut egui::Ui, show: &Show) {
    let alarm = alarm_color(ui);
    ui.add_space(6.0);
    egui::Frame::new()
        .fill(alarm.gamma_multiply(0.14))
        .stroke(egui::Stroke::new(1.5, alarm))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let unresolved = show.unresolved_count();
            let headline = match unresolved {
                0 => "✖ Canceled".to_owned(),
                1 => "✖ Canceled — 1 storyline left unresolved".to_owned(),
                n => format!("✖ Canceled — {n} storylines left unresolved"),
            };
            ui.label(RichText::new(headline).color(alarm).strong().size(17.0));
            if let Some(change) = show
                .status_history
                .iter()
                .rev()
                .find(|c| c.status == Status::Canceled)
            {
                let mut line = fields::date_text(change.on);
                if !change.note.is_empty() {
                    line = format!("{line} · {}", change.note);
                }
                line = format!("{line} · source: {}", change.source.label());
                ui.label(line);
            }
        });
}

fn status_ui(
    ui: &mut egui::Ui,
    show: &Show,
    state: &mut DetailState,
    commands: &mut Vec<UiCommand>,
) {
    section_heading(ui, "Status");
    let draft = match &mut state.status_draft {
        Some(draft) if draft.show_id == show.id => draft,
        other => other.insert(StatusDraft {
            show_id: show.id.clone(),
            status: show.status,
            note: String::new(),
        }),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Change to");
        egui::ComboBox::new(("status_pick", &show.id), "")
            .selected_text(super::theme::status_text(draft.status))
            .show_ui(ui, |ui| {
                for status in Status::ALL {
                    let text = RichText::new(super::theme::status_text(status))
                        .color(status_color(status, ui.visuals().dark_mode));
                    ui.selectable_value(&mut draft.status, status, text);
                }
            })
            .response
            .accessible_name("New status");
        ui.add(
            egui::TextEdit::singleline(&mut draft.note)
                .hint_text("Note (optional), e.g. where you read it")
                .desired_width(260.0),
        )
        .accessible_name("Status note");
        let changed = draft.status != show.status;
        if ui
            .add_enabled(changed, egui::Button::new("Set status"))
            .on_hover_text("Records the change in the history with today's date")
            .clicked()
        {
            commands.push(UiCommand::Apply(Action::SetStatus {
                id: show.id.clone(),
                status: draft.status,
                source: Source::Manual,
                note: draft.note.trim().to_owned(),
            }));
            draft.note.clear();
        }
    });
    history_ui(ui, show);
}

fn history_ui(ui: &mut egui::Ui, show: &Show) {
    ui.add_space(6.0);
    if show.status_history.is_empty() {
        ui.weak("No status changes recorded yet.");
        return;
    }
    ui.label(RichText::new("History").strong());
    egui::Grid::new(("history", &show.id))
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for header in ["Date", "Status", "Source", "Note"] {
                ui.label(RichText::new(header).weak());
            }
            ui.end_row();
            for change in show.status_history.iter().rev() {
                ui.label(fields::date_text(change.on));
                let color = status_color(change.status, ui.visuals().dark_mode);
                ui.label(RichText::new(super::theme::status_text(change.status)).color(color));
                ui.label(change.source.label());
                ui.label(&change.note);
                ui.end_row();
            }
        });
}
