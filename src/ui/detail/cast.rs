//! The cast section: each actor and the character they play, with billing.

use eframe::egui::{self, RichText};

use crate::model::{Billing, CastMember, Name, Show, ShowEdit};
use crate::ui::theme::section_heading;
use crate::ui::{UiCommand, edit, fields};

/// The "Add cast member" form.
#[derive(Default)]
pub struct NewCast {
    actor: String,
    character: String,
}

/// The cast: a read-only list, or editable rows in edit mode. Returns the character whose
/// name was clicked: the storylines then show only theirs.
pub fn cast_ui(
    ui: &mut egui::Ui,
    show: &Show,
    editing: bool,
    new_cast: &mut NewCast,
    commands: &mut Vec<UiCommand>,
) -> Option<String> {
    section_heading(ui, "Cast");
    if show.cast.is_empty() && !editing {
        ui.weak("No cast yet. Click ✏ Edit to add actors and the characters they play.");
        return None;
    }
    let mut picked = None;
    egui::Grid::new(("cast", &show.id))
        .num_columns(4)
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (index, member) in show.cast.iter().enumerate() {
                if editing {
                    member_editor_ui(ui, show, index, member, commands);
                } else {
                    ui.label(RichText::new(member.actor.as_str()).strong());
                    ui.weak("as");
                    match &member.character {
                        Some(character) => {
                            if character_link_ui(ui, show, character) {
                                picked = Some(character.to_string());
                            }
                        }
                        None => {
                            ui.weak("–").on_hover_text("Character not recorded");
                        }
                    };
                    ui.weak(member.billing.word());
                }
                ui.end_row();
            }
        });
    if editing {
        add_member_ui(ui, show, new_cast, commands);
    }
    picked
}

/// A character's name as a link to the storylines they are in; true when it was clicked.
fn character_link_ui(ui: &mut egui::Ui, show: &Show, character: &str) -> bool {
    let involved = show
        .storylines
        .iter()
        .filter(|s| s.involves(character))
        .count();
    if involved == 0 {
        ui.label(character)
            .on_hover_text("In none of the storylines yet");
        return false;
    }
    let link = ui
        .link(character)
        .on_hover_text(match involved {
            1 => "Show the storyline they are in".to_owned(),
            n => format!("Show the {n} storylines they are in"),
        })
        .accessible_name(format!("{character}: show their storylines ({involved})"));
    link.clicked()
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
