//! The storylines: the threads of plot the user follows, above all the cliffhangers a canceled
//! show left.

use std::collections::HashSet;

use eframe::egui::{self, RichText};

use crate::model::{EpisodeRef, Name, Show, ShowEdit, Status, Storyline, StorylineState};
use crate::ui::theme::{alarm_color, section_heading, storyline_state_chip};
use crate::ui::{UiCommand, edit, fields};

/// What the storylines section remembers between frames.
#[derive(Default)]
pub struct StorylinesState {
    /// The title typed in "New storyline".
    pub new_title: String,
    /// Storylines whose hidden text the user chose to see, by (show id, storyline title).
    pub revealed: HashSet<(String, Name)>,
}

/// The storylines of a show, each an editable card; unresolved ones first when it was canceled;
/// only `character`'s when one was picked in the cast. With `hide_spoilers` (the View menu's
/// choice for every show) or the show's own shield, their text stays hidden until clicked.
/// With `reveal` the section scrolls into view (a character was just picked further down).
/// Returns true when the user asked to see all storylines again.
pub fn storylines_ui(
    ui: &mut egui::Ui,
    show: &Show,
    state: &mut StorylinesState,
    character: Option<&str>,
    reveal: bool,
    hide_spoilers: bool,
    commands: &mut Vec<UiCommand>,
) -> bool {
    let mut show_all = false;
    let canceled = show.status == Status::Canceled;
    let unresolved = show.unresolved_count();
    let heading = if canceled && unresolved > 0 {
        section_heading(ui, "Storylines left unresolved")
    } else {
        section_heading(ui, "Storylines")
    };
    if reveal {
        heading.scroll_to_me(Some(egui::Align::TOP));
    }
    shield_toggle_ui(ui, show, hide_spoilers, commands);
    let mut order: Vec<usize> = (0..show.storylines.len())
        .filter(|&i| character.is_none_or(|name| show.storylines[i].involves(name)))
        .collect();
    if let Some(name) = character {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Storylines with {name} ({})", order.len())).strong());
            if ui
                .button("✖ Show all storylines")
                .accessible_name("Show all storylines")
                .clicked()
            {
                show_all = true;
            }
        });
    }
    if canceled {
        order.sort_by_key(|&i| show.storylines[i].state != StorylineState::Unresolved);
    }
    if order.is_empty() {
        match character {
            Some(name) if !show.storylines.is_empty() => {
                ui.weak(format!("None of the storylines mention {name}."));
            }
            _ => {
                ui.weak("No storylines yet. Note the threads you follow — cliffhangers above all.");
            }
        }
    }
    let shielded = hide_spoilers || show.spoiler_shield;
    for index in order {
        // Keyed by title, not position: deleting or undoing a storyline must not uncover another.
        let key = (show.id.clone(), show.storylines[index].title.clone());
        let hidden = shielded && !state.revealed.contains(&key);
        if storyline_card_ui(ui, show, index, hidden, commands) {
            state.revealed.insert(key);
        }
        ui.add_space(6.0);
    }
    add_storyline_ui(ui, show, &mut state.new_title, commands);
    show_all
}

/// "Hide storyline text until clicked" for this show (or a note that it is on everywhere).
fn shield_toggle_ui(
    ui: &mut egui::Ui,
    show: &Show,
    hidden_everywhere: bool,
    commands: &mut Vec<UiCommand>,
) {
    if show.storylines.is_empty() {
        return;
    }
    if hidden_everywhere {
        ui.weak(
            "🙈 Storyline text is hidden until clicked (View menu: spoilers hidden everywhere).",
        );
        return;
    }
    let mut shield = show.spoiler_shield;
    if ui
        .checkbox(
            &mut shield,
            "🙈 Hide storyline text until clicked (spoilers)",
        )
        .changed()
    {
        commands.push(edit(show, ShowEdit::SpoilerShield(shield)));
    }
}

/// One storyline's card; with `hidden`, its text is replaced by a button that shows it.
/// Returns true when that button was clicked.
fn storyline_card_ui(
    ui: &mut egui::Ui,
    show: &Show,
    index: usize,
    hidden: bool,
    commands: &mut Vec<UiCommand>,
) -> bool {
    let mut reveal = false;
    let storyline = &show.storylines[index];
    let n = index + 1;
    let stroke_color = if storyline.state == StorylineState::Unresolved {
        alarm_color(ui)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke.color
    };
    let id = |field: &str| egui::Id::unique(("storyline", &show.id, index, field));
    let mut updated = storyline.clone();
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, stroke_color))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                storyline_state_chip(ui, storyline.state);
                if let Some(season) = storyline.may_be_answered_in {
                    ui.label(
                        RichText::new(format!("⟳ may be answered in season {season}"))
                            .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text(
                        "You marked it left unresolved; the show is back. Settle it once you \
                         know.",
                    );
                }
                let (response, title) =
                    fields::text_field(ui, id("title"), &storyline.title, "Storyline title", 300.0);
                response.accessible_name(format!("Storyline {n}: title"));
                if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
                    updated.title = title.into();
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("🗑")
                        .accessible_name(format!("Delete storyline “{}”", storyline.title))
                        .on_hover_text("Delete this storyline (Ctrl+Z brings it back)")
                        .clicked()
                    {
                        commands.push(edit(show, ShowEdit::RemoveStoryline(index)));
                    }
                });
            });
            ui.horizontal_wrapped(|ui| {
                egui::ComboBox::new(("storyline_state", &show.id, index), "State")
                    .selected_text(storyline.state.label())
                    .show_ui(ui, |ui| {
                        for option in StorylineState::ALL {
                            ui.selectable_value(&mut updated.state, option, option.label());
                        }
                    });
                ui.add_space(12.0);
                episode_ui(ui, n, "Left at", &mut updated.left_at);
                if updated.state == StorylineState::Resolved {
                    ui.add_space(12.0);
                    episode_ui(ui, n, "Resolved in", &mut updated.resolved_in);
                }
                ui.add_space(12.0);
                let characters = ui.label("Characters");
                let current: Vec<Name> = storyline.characters.iter().map(Name::from).collect();
                let (response, list) = fields::comma_list_field(
                    ui,
                    id("characters"),
                    &current,
                    "e.g. Jack, Cheyenne",
                    220.0,
                );
                response.labelled_by(characters.id);
                if let Some(list) = list {
                    updated.characters = list.iter().collect();
                }
            });
            if hidden && !storyline.text.is_empty() {
                reveal = ui
                    .button("🙈 Text hidden (spoilers) — click to show")
                    .accessible_name(format!("Show the text of storyline {n}"))
                    .clicked();
            } else {
                let mut text = storyline.text.clone();
                let response = ui
                    .add(
                        egui::TextEdit::multiline(&mut text)
                            .id(id("text"))
                            .hint_text("What happened, and what was left hanging…")
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .accessible_name(format!("Storyline {n}: text"));
                if response.changed() {
                    updated.text = text;
                }
            }
            if let Some(dates) = dates_text(storyline) {
                ui.weak(RichText::new(dates).small());
            }
        });
    if updated != *storyline {
        commands.push(edit(show, ShowEdit::UpdateStoryline(index, updated)));
    }
    reveal
}

/// `Written 2026-02-01 · changed 2026-03-05`, or less when less is known.
fn dates_text(storyline: &Storyline) -> Option<String> {
    match (storyline.created, storyline.updated) {
        (Some(created), Some(updated)) if updated != created => {
            Some(format!("Written {created} · changed {updated}"))
        }
        (Some(created), _) => Some(format!("Written {created}")),
        (None, Some(updated)) => Some(format!("Changed {updated}")),
        (None, None) => None,
    }
}

/// "Left at season [ ] episode [ ]" (or "Resolved in …"); season 0 means not recorded, episode
/// 0 a whole season.
fn episode_ui(ui: &mut egui::Ui, n: usize, what: &str, at: &mut Option<EpisodeRef>) {
    let (mut season, mut episode) = at.map_or((0, 0), |at| (at.season(), at.episode()));
    let label = ui.label(what);
    let blank = |value: f64, _: std::ops::RangeInclusive<usize>| {
        if value == 0.0 {
            "–".to_owned()
        } else {
            format!("{value}")
        }
    };
    let s = ui.add(
        egui::DragValue::new(&mut season)
            .range(0..=99)
            .prefix("S")
            .custom_formatter(blank),
    );
    let e = ui.add(
        egui::DragValue::new(&mut episode)
            .range(0..=999)
            .prefix("E")
            .custom_formatter(blank),
    );
    let _ = label;
    let what = what.to_lowercase();
    s.accessible_name(format!("Storyline {n}: {what} season"));
    e.accessible_name(format!("Storyline {n}: {what} episode"));
    *at = (season > 0).then_some(EpisodeRef(season, episode));
}

fn add_storyline_ui(
    ui: &mut egui::Ui,
    show: &Show,
    title: &mut String,
    commands: &mut Vec<UiCommand>,
) {
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(title)
                .hint_text("New storyline, e.g. “Who sent the letter?”")
                .desired_width(320.0),
        );
        field.clone().accessible_name("New storyline title");
        let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = !title.trim().is_empty();
        let clicked = ui
            .add_enabled(ready, egui::Button::new("➕ Add storyline"))
            .clicked();
        if ready && (clicked || submitted) {
            commands.push(edit(
                show,
                ShowEdit::AddStoryline(Storyline::new(title.trim())),
            ));
            title.clear();
        }
    });
}
