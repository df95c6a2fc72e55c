//! Colors and small shared widgets: status badges, storyline state chips, section headings.

use eframe::egui::{self, Color32, RichText};

use crate::model::{Status, StorylineState};

/// The color of a status, readable on the current theme's background.
pub fn status_color(status: Status, dark_mode: bool) -> Color32 {
    let (dark, light) = match status {
        Status::Planned => ((0xB3, 0x9D, 0xDB), (0x5E, 0x35, 0xB1)),
        Status::InProduction => ((0x4D, 0xD0, 0xE1), (0x00, 0x69, 0x7C)),
        Status::Airing => ((0x81, 0xC7, 0x84), (0x2E, 0x7D, 0x32)),
        Status::Returning => ((0x64, 0xB5, 0xF6), (0x15, 0x65, 0xC0)),
        Status::Undetermined => ((0xFF, 0xD5, 0x4F), (0x8D, 0x6E, 0x00)),
        Status::Ended => ((0xB0, 0xBE, 0xC5), (0x54, 0x6E, 0x7A)),
        Status::Canceled => ((0xFF, 0x80, 0x80), (0xC6, 0x28, 0x28)),
    };
    let (r, g, b) = if dark_mode { dark } else { light };
    Color32::from_rgb(r, g, b)
}

/// The color that marks something a cancellation left hanging.
pub fn alarm_color(ui: &egui::Ui) -> Color32 {
    status_color(Status::Canceled, ui.visuals().dark_mode)
}

/// The text of a status badge: icon and label, so color is never the only cue.
pub fn status_text(status: Status) -> String {
    format!("{} {}", status.icon(), status.label())
}

/// The inner margin of a status badge.
const BADGE_MARGIN: egui::Margin = egui::Margin::symmetric(6, 2);

/// A colored status badge: icon, label and a tinted background. Its text never wraps.
pub fn status_badge(ui: &mut egui::Ui, status: Status) -> egui::Response {
    let color = status_color(status, ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(color.gamma_multiply(0.18))
        .stroke(egui::Stroke::new(1.0, color.gamma_multiply(0.6)))
        .corner_radius(4.0)
        .inner_margin(BADGE_MARGIN)
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(RichText::new(status_text(status)).color(color).strong()).extend(),
            )
        })
        .inner
}

/// The width [`status_badge`] takes, to decide whether it fits on a line.
pub fn status_badge_width(ui: &egui::Ui, status: Status) -> f32 {
    text_width(ui, status_text(status), egui::TextStyle::Body)
        + f32::from(BADGE_MARGIN.left + BADGE_MARGIN.right)
        + 2.0
}

/// The width `text` takes on one line in `style`, to plan a layout before drawing it.
pub fn text_width(ui: &egui::Ui, text: impl Into<String>, style: egui::TextStyle) -> f32 {
    let font = style.resolve(ui.style());
    ui.painter()
        .layout_no_wrap(text.into(), font, Color32::WHITE)
        .size()
        .x
}

/// A chip for a storyline's state, red when it was left unresolved.
pub fn storyline_state_chip(ui: &mut egui::Ui, state: StorylineState) -> egui::Response {
    let color = match state {
        StorylineState::Open => ui.visuals().text_color(),
        StorylineState::Resolved => status_color(Status::Airing, ui.visuals().dark_mode),
        StorylineState::Unresolved => alarm_color(ui),
    };
    let icon = match state {
        StorylineState::Open => "○",
        StorylineState::Resolved => "✔",
        StorylineState::Unresolved => "⚠",
    };
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, color.gamma_multiply(0.7)))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("{icon} {}", state.label()))
                    .color(color)
                    .strong(),
            )
        })
        .inner
}

/// A section heading inside the detail view; its response can label the section's field.
pub fn section_heading(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add_space(12.0);
    let heading = ui.label(RichText::new(text).heading().strong());
    ui.separator();
    heading
}

/// The "Data from TVmaze" link its licence (CC BY-SA) asks for.
pub fn attribution_ui(ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new("Show data from").small().weak());
        ui.hyperlink_to(RichText::new("TVmaze").small(), "https://www.tvmaze.com/");
        ui.label(RichText::new("under").small().weak());
        ui.hyperlink_to(
            RichText::new("CC BY-SA").small(),
            crate::sources::tvmaze::ATTRIBUTION_URL,
        );
    });
}
