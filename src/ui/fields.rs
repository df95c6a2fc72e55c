//! Small editing widgets shared by the detail views.
//!
//! Views draw from the watchlist each frame and return edits as actions, so a field whose text
//! maps to the model in a lossy way (a comma list, a date, a title that must not be empty)
//! keeps what the user is typing in a buffer while it has focus, and only reports it.

use eframe::egui::{self, Id, TextEdit};
use jiff::civil::Date;

/// A single-line text field `width` points wide showing `current`, buffered while focused.
/// Returns the response and the new text when the user changed it.
pub fn text_field(
    ui: &mut egui::Ui,
    id: Id,
    current: &str,
    hint: &str,
    width: f32,
) -> (egui::Response, Option<String>) {
    let mut buffer: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    // The field takes its width whatever the room left: in a Grid a cell only gets the width
    // its column had last frame, so a field that merely asks for `width` shrinks and its column
    // never grows back (the cast editor's fields came out 40 px wide).
    let size = egui::vec2(width, ui.spacing().interact_size.y);
    let response = ui.add_sized(
        size,
        TextEdit::singleline(&mut buffer)
            .id(id)
            .hint_text(hint)
            .desired_width(width),
    );
    let changed = response.changed();
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buffer.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    (response, changed.then_some(buffer))
}

/// A field for a list written as comma-separated text, e.g. creators.
pub fn comma_list_field<T: AsRef<str> + for<'a> From<&'a str>>(
    ui: &mut egui::Ui,
    id: Id,
    current: &[T],
    hint: &str,
    width: f32,
) -> (egui::Response, Option<Vec<T>>) {
    let shown: Vec<&str> = current.iter().map(AsRef::as_ref).collect();
    let (response, changed) = text_field(ui, id, &shown.join(", "), hint, width);
    (response, changed.map(|text| split_list(&text)))
}

/// `"a, b ,,c"` → `["a", "b", "c"]`.
pub fn split_list<T: for<'a> From<&'a str>>(text: &str) -> Vec<T> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(T::from)
        .collect()
}

/// A `YYYY-MM-DD` field. Reports `Some(None)` when cleared and `Some(Some(date))` for a valid
/// date; while the text is not a date yet it reports nothing and says so on hover.
pub fn date_field(
    ui: &mut egui::Ui,
    id: Id,
    current: Option<Date>,
    accessible_name: &str,
) -> Option<Option<Date>> {
    let shown = current.map(|d| d.to_string()).unwrap_or_default();
    let (response, changed) = text_field(ui, id, &shown, "YYYY-MM-DD", 96.0);
    let response = response.accessible_name(accessible_name);
    let text = changed?;
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    match text.parse::<Date>() {
        Ok(date) => Some(Some(date)),
        Err(_) => {
            response.on_hover_text("Write the date as YYYY-MM-DD");
            None
        }
    }
}

/// How a date reads in the UI: the date, or that it is not known.
pub fn date_text(date: Option<Date>) -> String {
    date.map_or_else(
        || "date unknown".to_owned(),
        |d| d.strftime("%-d %b %Y").to_string(),
    )
}
