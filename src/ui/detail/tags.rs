//! A show's tags, the user's personal lists: each tag a chip that opens its list, with a ✖ to
//! take it off, and a field to add one, suggesting the tags other shows already carry.

use eframe::egui::{self, Key, RichText};

use crate::model::ids::fold;
use crate::model::query::{Filter, Narrow};
use crate::model::{Show, ShowEdit};
use crate::ui::{UiCommand, edit};

/// How many existing tags are offered while typing.
const SUGGESTIONS: usize = 5;

/// The tags row of the detail view. `known` gives every tag of the watchlist with its number of
/// shows (asked only while a tag is being typed); `draft` is the text in the "Add tag" field.
pub fn tags_ui(
    ui: &mut egui::Ui,
    show: &Show,
    known: &mut dyn FnMut() -> Vec<(String, usize)>,
    draft: &mut String,
    commands: &mut Vec<UiCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("🏷 Tags").strong())
            .on_hover_text("Your own labels; each tag is a list of its own (Tag, in the list)");
        for tag in &show.tags {
            chip_ui(ui, show, tag, commands);
        }
        add_field_ui(ui, show, known, draft, commands);
    });
}

/// One tag: its name opens the tag's list; ✖ removes it from the show.
fn chip_ui(ui: &mut egui::Ui, show: &Show, tag: &str, commands: &mut Vec<UiCommand>) {
    let open = ui
        .button(tag)
        .on_hover_text(format!("Show every show tagged “{tag}”"));
    if open.clicked() {
        commands.push(UiCommand::OpenList {
            filter: Filter::All,
            narrow: Narrow {
                network: None,
                tag: Some(tag.to_owned()),
            },
        });
    }
    let remove = ui
        .small_button("✖")
        .on_hover_text(format!("Remove the tag “{tag}” (Ctrl+Z brings it back)"));
    let remove = remove.accessible_name(format!("Remove tag {tag}"));
    if remove.clicked() {
        commands.push(edit(show, ShowEdit::RemoveTag(tag.to_owned())));
    }
}

/// The "Add tag" field: Enter adds what was typed; matching tags of other shows are offered as
/// buttons beside it.
fn add_field_ui(
    ui: &mut egui::Ui,
    show: &Show,
    known: &mut dyn FnMut() -> Vec<(String, usize)>,
    draft: &mut String,
    commands: &mut Vec<UiCommand>,
) {
    let field = ui.add(
        egui::TextEdit::singleline(draft)
            .hint_text("Add tag…")
            .desired_width(140.0),
    );
    let field = field.accessible_name("Add tag");
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    if entered && !draft.trim().is_empty() {
        commands.push(edit(show, ShowEdit::AddTag(std::mem::take(draft))));
        field.request_focus();
        return;
    }
    if draft.trim().is_empty() {
        return;
    }
    let known = known();
    for tag in suggestions(show, &known, draft) {
        let offer = ui
            .small_button(format!("+ {tag}"))
            .on_hover_text(format!("Tag this show “{tag}”"));
        if offer.clicked() {
            commands.push(edit(show, ShowEdit::AddTag(tag.to_owned())));
            draft.clear();
        }
    }
}

/// Existing tags starting with (or, failing that, containing) what was typed, most used first,
/// without the ones the show has.
fn suggestions<'a>(show: &Show, known: &'a [(String, usize)], typed: &str) -> Vec<&'a str> {
    let typed = fold(typed.trim());
    if typed.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, usize, &str)> = known
        .iter()
        .filter(|(tag, _)| !show.has_tag(tag))
        .filter_map(|(tag, count)| {
            let folded = fold(tag);
            let starts = folded.starts_with(&typed);
            (starts || folded.contains(&typed)).then_some((
                !starts,
                usize::MAX - count,
                tag.as_str(),
            ))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, _, tag)| tag)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn suggests_tags_that_start_with_the_text_first_then_most_used_leaving_out_the_shows_own() {
        let mut show = Show::new("s", "S", Status::Airing);
        show.tags = vec!["Comfort".into()];
        let known = [
            ("comfort".to_owned(), 9),
            ("Rewatch".to_owned(), 2),
            ("recommended by Sam".to_owned(), 5),
            ("to rewatch later".to_owned(), 7),
        ];
        assert_eq!(
            suggestions(&show, &known, "re"),
            ["recommended by Sam", "Rewatch", "to rewatch later"]
        );
        assert!(suggestions(&show, &known, "comf").is_empty());
        assert!(suggestions(&show, &known, "  ").is_empty());
    }
}
