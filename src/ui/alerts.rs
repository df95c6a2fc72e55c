//! The Alerts window: the episode alerts (premieres, finales, a new season's date), then every
//! status change not yet seen, cancellations first, each with a way to open the show and to
//! mark it seen.

use eframe::egui::{self, RichText};

use super::theme::{alarm_color, status_color, status_text};
use super::{UiCommand, edit, fields};
use crate::model::alerts::{Alert, AlertAt};
use crate::model::guide::{EpisodeAlert, EpisodeNews};
use crate::model::{ShowEdit, Status, Watchlist};

/// The window. `open` is cleared when the user closes it. `order` is where each alert is
/// (`model::alerts::alert_order`, kept while the watchlist is the same); `episodes` are the
/// episode alerts (premieres, finales, a new season's date), shown above the status changes.
/// `recap` is today and how many days ahead of a premiere its alert offers "Previously on…".
pub fn alerts_ui(
    ctx: &egui::Context,
    watchlist: &Watchlist,
    order: &[AlertAt],
    episodes: &[EpisodeAlert],
    recap: (jiff::civil::Date, u32),
    open: &mut bool,
    commands: &mut Vec<UiCommand>,
) {
    egui::Window::new("🔔 Alerts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .min_width(560.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| {
            episode_alerts_ui(ui, watchlist, episodes, recap, commands);
            if order.is_empty() && !episodes.is_empty() {
                return;
            }
            if order.is_empty() {
                ui.label("No alerts. Status changes you have not seen yet appear here.");
                return;
            }
            ui.label("Status changes you have not seen yet, cancellations first.");
            ui.add_space(6.0);
            // Only the rows in view are laid out: after a first check of a large import every
            // show may have an alert, and laying out 10,000 rows took 380 ms a frame.
            let row = RowSize::of(ui);
            egui::ScrollArea::vertical().max_height(420.0).show_rows(
                ui,
                row.outer,
                order.len(),
                |ui, rows| {
                    let in_view = order.get(rows).unwrap_or_default();
                    for alert in in_view.iter().filter_map(|&at| Alert::at(watchlist, at)) {
                        alert_row_ui(ui, &alert, row.inner, commands);
                    }
                },
            );
            ui.add_space(6.0);
            if ui.button("✔ Mark all seen").clicked() {
                // One step per show, each undoable.
                let mut done = std::collections::HashSet::new();
                for alert in order.iter().filter_map(|&at| Alert::at(watchlist, at)) {
                    if done.insert(alert.show.id.as_str()) {
                        commands.push(edit(alert.show, ShowEdit::MarkSeen));
                    }
                }
            }
        });
}

/// The episode alerts: each show with its news, a link to open it.
fn episode_alerts_ui(
    ui: &mut egui::Ui,
    watchlist: &Watchlist,
    episodes: &[EpisodeAlert],
    recap: (jiff::civil::Date, u32),
    commands: &mut Vec<UiCommand>,
) {
    if episodes.is_empty() {
        return;
    }
    ui.label(RichText::new("Episodes").strong());
    for alert in episodes {
        let Some(show) = watchlist.shows.get(alert.show) else {
            continue;
        };
        ui.horizontal(|ui| {
            if ui.link(RichText::new(&show.title).strong()).clicked() {
                commands.push(UiCommand::Reveal(show.id.clone()));
            }
            ui.label(alert.text());
            // Ahead of a premiere: what the season picks up from.
            if matches!(
                alert.news,
                EpisodeNews::SeasonAnnounced | EpisodeNews::Premiere
            ) && alert.within(recap.0, recap.1)
            {
                let button = ui
                    .button("Previously on…")
                    .accessible_name(format!("Previously on {}", show.title));
                if button.clicked() {
                    commands.push(UiCommand::OpenRecap(show.id.clone()));
                }
            }
        });
    }
    ui.separator();
}

/// The height of an alert row, the same for every row so that only those in view are laid out:
/// inside its frame a line with the title and buttons, then one line of details.
struct RowSize {
    /// Inside the frame.
    inner: f32,
    /// With the frame's margins (`show_rows` adds the space between rows).
    outer: f32,
}

impl RowSize {
    fn of(ui: &egui::Ui) -> Self {
        let body = ui.text_style_height(&egui::TextStyle::Body);
        let title = ui.fonts_mut(|fonts| fonts.row_height(&egui::FontId::proportional(TITLE_SIZE)));
        let spacing = ui.spacing();
        let header = spacing.interact_size.y.max(title).max(body);
        let inner = header + spacing.item_spacing.y + body;
        let frame = egui::Frame::group(ui.style()).total_margin().sum().y;
        RowSize {
            inner,
            outer: inner + frame,
        }
    }
}

/// The size of a show's title in its alert.
const TITLE_SIZE: f32 = 15.0;

/// One alert: the show and its change, when and from where, and what to do about it — in
/// exactly `height` inside its frame (see [`RowSize`]); a long note is cut short with "…".
fn alert_row_ui(ui: &mut egui::Ui, alert: &Alert<'_>, height: f32, commands: &mut Vec<UiCommand>) {
    let dark = ui.visuals().dark_mode;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.set_height(height);
        ui.horizontal(|ui| {
            let title = RichText::new(&alert.show.title).strong().size(TITLE_SIZE);
            ui.label(if alert.to == Status::Canceled {
                title.color(alarm_color(ui))
            } else {
                title
            });
            // Not every alert changes the status: a new season, a move, a disagreement.
            if let Some(from) = alert.from.filter(|from| *from != alert.to) {
                ui.label(RichText::new(status_text(from)).color(status_color(from, dark)));
                ui.label("➡");
            }
            ui.label(
                RichText::new(status_text(alert.to))
                    .color(status_color(alert.to, dark))
                    .strong(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let seen = ui
                    .button("✔ Seen")
                    .accessible_name(format!("Mark the alerts of {} seen", alert.show.title));
                if seen.clicked() {
                    commands.push(edit(alert.show, ShowEdit::MarkSeen));
                }
                let open_show = ui
                    .button("Open")
                    .accessible_name(format!("Open {}", alert.show.title));
                if open_show.clicked() {
                    commands.push(UiCommand::Reveal(alert.show.id.clone()));
                }
            });
        });
        let mut details = format!(
            "{} · source: {}",
            fields::date_text(alert.on),
            alert.source.label()
        );
        if !alert.note.is_empty() {
            details.push_str(&format!(" · {}", alert.note));
        }
        ui.add(egui::Label::new(RichText::new(details).weak()).truncate());
    });
}
