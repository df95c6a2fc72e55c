//! The cast section: each actor and the character they play, with billing.

use eframe::egui::{self, RichText};

use super::detail::{CharacterFilter, DetailState};
use super::theme::section_heading;
use super::{UiCommand, edit, fields};
use crate::model::{Billing, CastMember, Name, Show, ShowEdit};

/// The "Add cast member" form.
#[derive(Default)]
pub struct NewCast {
    actor: String,
    character: String,
}

/// The cast: a read-only list, or editable rows in edit mode.
pub fn cast_ui(
    ui: &mut egui::Ui,
    show: &Show,
    state: &mut DetailState,
    commands: &mut Vec<UiCommand>,
) {
    section_heading(ui, "Cast");
    if show.cast.is_empty() && !state.editing {
        ui.weak("No cast yet. Click ✏ Edit to add actors and the characters they play.");
        return;
    }
    egui::Grid::new(("cast", &show.id))
        .num_columns(4)
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (index, member) in show.cast.iter().enumerate() {
                if state.editing {
                    member_editor_ui(ui, show, index, member, commands);
                } else {
                    ui.label(RichText::new(member.actor.as_str()).strong());
                    ui.weak("as");
                    match &member.character {
                        Some(character) => character_link_ui(ui, show, character, state),
                        None => {
                            ui.weak("–").on_hover_text("Character not recorded");
                        }
                    };
                    ui.weak(member.billing.word());
                }
                ui.end_row();
            }
        });
    if state.editing {
        add_member_ui(ui, show, &mut state.new_cast, commands);
    }
}

/// A character's name as a link to the storylines they are in.
fn character_link_ui(ui: &mut egui::Ui, show: &Show, character: &str, state: &mut DetailState) {
    let involved = show
        .storylines
        .iter()
        .filter(|s| involves(s, character))
        .count();
    if involved == 0 {
        ui.label(character)
            .on_hover_text("In none of the storylines yet");
        return;
    }
    let link = ui
        .link(character)
        .on_hover_text(match involved {
            1 => "Show the storyline they are in".to_owned(),
            n => format!("Show the {n} storylines they are in"),
        })
        .accessible_name(format!("{character}: show their storylines ({involved})"));
    if link.clicked() {
        state.character = Some(CharacterFilter {
            show_id: show.id.clone(),
            name: character.to_owned(),
        });
    }
}

/// True when `character` is among the storyline's characters (ignoring case and accents).
pub fn involves(storyline: &crate::model::Storyline, character: &str) -> bool {
    let wanted = crate::model::ids::fold(character.trim());
    storyline
        .characters
        .iter()
        .any(|c| crate::model::ids::fold(c.trim()) == wanted)
}

/// Width of the actor and character fields: a row with its buttons must fit beside the list in
/// a 1280-pixel window.
const FIELD_WIDTH: f32 = 150.0;

fn member_editor_ui(
    ui: &mut egui::Ui,
    show: &Show,
    index: usize,
    member: &CastMember,
    commands: &mut Vec<UiCommand>,
) {
    let n = index + 1;
    let id = |field: &str| egui::Id::unique(("cast", &show.id, index, field));
    let (response, actor) =
        fields::text_field(ui, id("actor"), &member.actor, "Actor", FIELD_WIDTH);
    response.accessible_name(format!("Cast {n}: actor"));
    ui.weak("as");
    let character = member.character.as_deref().unwrap_or_default();
    let (response, new_character) =
        fields::text_field(ui, id("character"), character, "Character", FIELD_WIDTH);
    response.accessible_name(format!("Cast {n}: character"));
    let mut billing = member.billing;
    ui.horizontal(|ui| {
        let last = show.cast.len().saturating_sub(1);
        let moves = [
            ("⏶", "up", index.checked_sub(1)),
            ("⏷", "down", (index < last).then_some(index + 1)),
        ];
        for (icon, way, to) in moves {
            let button = ui
                .add_enabled(to.is_some(), egui::Button::new(icon).small())
                .accessible_name(format!("Move {} {way}", member.actor))
                .on_hover_text(format!("Move {way} in the billing order"));
            if let (true, Some(to)) = (button.clicked(), to) {
                commands.push(edit(show, ShowEdit::MoveCast { from: index, to }));
            }
        }
        egui::ComboBox::new(("billing", &show.id, index), "")
            .width(90.0)
            .selected_text(billing.word())
            .show_ui(ui, |ui| {
                for option in Billing::ALL {
                    ui.selectable_value(&mut billing, option, option.word());
                }
            })
            .response
            .accessible_name(format!("Cast {n}: billing"));
        if ui
            .small_button("🗑")
            .accessible_name(format!("Remove {} from the cast", member.actor))
            .on_hover_text("Remove from the cast")
            .clicked()
        {
            commands.push(edit(show, ShowEdit::RemoveCast(index)));
        }
    });
    if actor.is_some() || new_character.is_some() || billing != member.billing {
        let mut updated = member.clone();
        if let Some(actor) = actor.filter(|a| !a.trim().is_empty()) {
            updated.actor = actor.into();
        }
        if let Some(character) = new_character {
            updated.character = Some(Name::from(character.trim())).filter(|c| !c.is_empty());
        }
        updated.billing = billing;
        if updated != *member {
            commands.push(edit(show, ShowEdit::UpdateCast(index, updated)));
        }
    }
}

fn add_member_ui(ui: &mut egui::Ui, show: &Show, new: &mut NewCast, commands: &mut Vec<UiCommand>) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut new.actor)
                .hint_text("Actor")
                .desired_width(180.0),
        )
        .accessible_name("New cast member: actor");
        ui.label("as");
        let character = ui.add(
            egui::TextEdit::singleline(&mut new.character)
                .hint_text("Character (optional)")
                .desired_width(180.0),
        );
        character.accessible_name("New cast member: character");
        let ready = !new.actor.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("➕ Add to cast"))
            .clicked()
        {
            commands.push(edit(
                show,
                ShowEdit::AddCast(CastMember {
                    actor: new.actor.trim().into(),
                    character: Some(Name::from(new.character.trim())).filter(|c| !c.is_empty()),
                    billing: Billing::Main,
                }),
            ));
            *new = NewCast::default();
        }
    });
}
