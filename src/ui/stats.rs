//! The Statistics window: bar charts of the shows by status, the cancellations by network and
//! the storylines left unresolved. Each bar opens the shows behind it.

use eframe::egui::{self, Align2, Color32, FontId, RichText, Sense};

use super::UiCommand;
use super::cache::PerRevision;
use super::theme::{alarm_color, status_color, status_text};
use crate::model::query::{Filter, Narrow};
use crate::model::stats::{NO_NETWORK, Statistics};
use crate::model::{Status, StorylineState, Watchlist};

/// Height of one bar, in points.
const BAR_HEIGHT: f32 = 20.0;
/// Width of a chart, labels and counts included.
const CHART_WIDTH: f32 = 540.0;
/// Width of the labels left of the bars.
const LABEL_WIDTH: f32 = 170.0;

/// The statistics, counted again only when the watchlist changed.
#[derive(Default)]
pub struct StatsView(PerRevision<Statistics>);

/// One bar of a chart.
struct Bar {
    label: String,
    count: usize,
    color: Color32,
    /// What clicking the bar opens, if anything.
    opens: Option<UiCommand>,
}

/// The window. `open` is cleared when the user closes it.
pub fn stats_ui(
    ctx: &egui::Context,
    view: &mut StatsView,
    watchlist: &Watchlist,
    revision: u64,
    open: &mut bool,
    commands: &mut Vec<UiCommand>,
) {
    let mut close = false;
    egui::Window::new("📊 Statistics")
        .open(open)
        .collapsible(false)
        // As tall as the charts, up to the scroll area's limit below.
        .auto_sized()
        .min_width(560.0)
        .anchor(Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| {
            let stats = view.0.get(revision, || Statistics::of(watchlist));
            if stats.shows == 0 {
                ui.label("No shows yet. Add some, and their figures appear here.");
                return;
            }
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() - 140.0)
                .show(ui, |ui| {
                    let before = commands.len();
                    charts_ui(ui, stats, commands);
                    // A bar was clicked: the list now shows its shows, so get out of the way.
                    close = commands.len() > before;
                });
        });
    if close {
        *open = false;
    }
}

fn charts_ui(ui: &mut egui::Ui, stats: &Statistics, commands: &mut Vec<UiCommand>) {
    let dark = ui.visuals().dark_mode;
    ui.label(format!(
        "{} shows. Click a bar to list its shows.",
        stats.shows
    ));

    chart_heading(ui, "Shows by status");
    let bars: Vec<Bar> = stats
        .by_status
        .iter()
        .map(|&(status, count)| Bar {
            label: status_text(status),
            count,
            color: status_color(status, dark),
            opens: Filter::of_status(status).map(|filter| open_list(filter, Narrow::default())),
        })
        .collect();
    bar_chart_ui(ui, "show", bars, commands);

    chart_heading(ui, "Cancellations by network");
    if stats.cancellations_by_network.is_empty() {
        ui.label("No canceled shows.");
    } else {
        let alarm = alarm_color(ui);
        let bars: Vec<Bar> = stats
            .cancellations_by_network
            .iter()
            .map(|(network, count)| Bar {
                label: network.clone(),
                count: *count,
                color: alarm,
                opens: (network != NO_NETWORK).then(|| {
                    let narrow = Narrow {
                        network: Some(network.clone()),
                        tag: None,
                    };
                    open_list(Filter::Canceled, narrow)
                }),
            })
            .collect();
        bar_chart_ui(ui, "canceled show", bars, commands);
    }

    chart_heading(ui, "Storylines left unresolved");
    ui.label(match stats.unresolved {
        0 => "None: every storyline is open or resolved.".to_owned(),
        n => format!(
            "{} in {}.",
            crate::model::counted(n as i64, "storyline"),
            crate::model::counted(stats.shows_with_unresolved as i64, "show"),
        ),
    });
    let states: Vec<Bar> = stats
        .storylines_by_state
        .iter()
        .map(|&(state, count)| Bar {
            label: state.label().to_owned(),
            count,
            color: storyline_color(ui, state),
            opens: None,
        })
        .collect();
    bar_chart_ui(ui, "storyline", states, commands);
    if !stats.most_unresolved.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Most left unresolved").strong());
        let alarm = alarm_color(ui);
        let shows: Vec<Bar> = stats
            .most_unresolved
            .iter()
            .map(|(id, title, count)| Bar {
                label: title.clone(),
                count: *count,
                color: alarm,
                opens: Some(UiCommand::Reveal(id.clone())),
            })
            .collect();
        bar_chart_ui(ui, "unresolved storyline", shows, commands);
    }
}

fn chart_heading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(10.0);
    ui.label(RichText::new(text).heading().strong());
    ui.add_space(2.0);
}

fn open_list(filter: Filter, narrow: Narrow) -> UiCommand {
    UiCommand::OpenList { filter, narrow }
}

fn storyline_color(ui: &egui::Ui, state: StorylineState) -> Color32 {
    match state {
        StorylineState::Unresolved => alarm_color(ui),
        StorylineState::Resolved => status_color(Status::Ended, ui.visuals().dark_mode),
        StorylineState::Open => status_color(Status::Airing, ui.visuals().dark_mode),
    }
}

/// Horizontal bars, one per row, their lengths in proportion to the largest count; `unit` is
/// what is counted, in the singular, for screen readers ("Canceled: 2 shows").
fn bar_chart_ui(ui: &mut egui::Ui, unit: &str, bars: Vec<Bar>, commands: &mut Vec<UiCommand>) {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let text_color = ui.visuals().text_color();
    let font = FontId::proportional(14.0);
    for bar in bars {
        let width = CHART_WIDTH;
        let sense = if bar.opens.is_some() {
            Sense::click()
        } else {
            Sense::hover()
        };
        let (rect, response) = ui.allocate_exact_size(egui::vec2(width, BAR_HEIGHT), sense);
        let plural = if bar.count == 1 { "" } else { "s" };
        let described = format!("{}: {} {unit}{plural}", bar.label, bar.count);
        let role = if bar.opens.is_some() {
            egui::Role::Button
        } else {
            egui::Role::Label
        };
        response.widget_info(|| egui::WidgetInfo::labeled(role, true, &described));
        let painter = ui.painter_at(rect);
        if response.hovered() && bar.opens.is_some() {
            painter.rect_filled(rect, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
        }
        if response.has_focus() {
            painter.rect_stroke(
                rect,
                3.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Inside,
            );
        }
        // Long names are cut at the bars; the whole name is in the tooltip and accessible name.
        let label_rect =
            egui::Rect::from_min_size(rect.min, egui::vec2(LABEL_WIDTH - 8.0, BAR_HEIGHT));
        ui.painter_at(label_rect).text(
            rect.left_center() + egui::vec2(4.0, 0.0),
            Align2::LEFT_CENTER,
            &bar.label,
            font.clone(),
            text_color,
        );
        let room = rect.width() - LABEL_WIDTH - 56.0;
        let length = if bar.count == 0 {
            0.0
        } else {
            (room * bar.count as f32 / max as f32).max(2.0)
        };
        let bar_rect = egui::Rect::from_min_size(
            egui::pos2(rect.left() + LABEL_WIDTH, rect.top() + 3.0),
            egui::vec2(length, BAR_HEIGHT - 6.0),
        );
        painter.rect_filled(bar_rect, 2.0, bar.color);
        painter.text(
            egui::pos2(bar_rect.right() + 6.0, rect.center().y),
            Align2::LEFT_CENTER,
            bar.count.to_string(),
            font.clone(),
            text_color,
        );
        let response = match &bar.opens {
            Some(UiCommand::Reveal(_)) => response.on_hover_text(format!("Open {}", bar.label)),
            Some(_) => response.on_hover_text(format!("List these shows ({})", bar.label)),
            None => response.on_hover_text(&bar.label),
        };
        if response.clicked()
            && let Some(command) = bar.opens
        {
            commands.push(command);
        }
    }
}
