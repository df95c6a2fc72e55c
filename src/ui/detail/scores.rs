//! The scores section: critic and audience scores with source and date, and a small plot of a
//! score's history once it has more than one value.

use eframe::egui::{self, RichText};

use crate::model::{Score, ScoreKind, ScorePoint, ScoreSource, Show, ShowEdit, today};
use crate::ui::theme::section_heading;
use crate::ui::{UiCommand, edit, fields};

/// The "Add score" form.
pub struct NewScore {
    source: ScoreSource,
    kind: ScoreKind,
    value: f64,
}

impl Default for NewScore {
    fn default() -> Self {
        NewScore {
            source: ScoreSource::RottenTomatoes,
            kind: ScoreKind::Critic,
            value: 0.0,
        }
    }
}

const SOURCES: [ScoreSource; 4] = [
    ScoreSource::RottenTomatoes,
    ScoreSource::Metacritic,
    ScoreSource::Imdb,
    ScoreSource::Personal,
];

/// Scores: read-only, or editable in edit mode.
pub fn scores_ui(
    ui: &mut egui::Ui,
    show: &Show,
    editing: bool,
    new_score: &mut NewScore,
    commands: &mut Vec<UiCommand>,
) {
    section_heading(ui, "Scores");
    if show.scores.is_empty() && !editing {
        ui.weak("No scores yet. Click ✏ Edit to add one, e.g. Rotten Tomatoes 85%.");
        return;
    }
    // Reading, the section shares the width with the cast: source and kind share a column and
    // the history plot sits beside the value. Editing, it has the whole width.
    let headers: &[&str] = if editing {
        &["Source", "Kind", "Score", "Seen on", ""]
    } else {
        &["Source", "Score", "Seen on"]
    };
    egui::Grid::new(("scores", &show.id))
        .num_columns(headers.len())
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for header in headers {
                ui.label(RichText::new(*header).weak());
            }
            ui.end_row();
            for (index, score) in show.scores.iter().enumerate() {
                if editing {
                    ui.label(score.source.label());
                    ui.label(score.kind.word());
                    score_editor_ui(ui, show, index, score, commands);
                } else {
                    ui.horizontal(|ui| {
                        ui.label(score.source.label());
                        ui.weak(score.kind.word());
                    });
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(score.display()).strong().size(16.0));
                        if !score.history.is_empty() {
                            history_plot_ui(ui, score);
                        }
                    });
                    ui.label(fields::date_text(score.as_of));
                }
                ui.end_row();
            }
        });
    if editing {
        add_score_ui(ui, show, new_score, commands);
    }
}

fn score_editor_ui(
    ui: &mut egui::Ui,
    show: &Show,
    index: usize,
    score: &Score,
    commands: &mut Vec<UiCommand>,
) {
    let name = format!("{} {} score", score.source.label(), score.kind.word());
    let mut value = score.value;
    ui.horizontal(|ui| {
        let response = ui
            .add(
                egui::DragValue::new(&mut value)
                    .range(0.0..=score.out_of)
                    .speed(0.1),
            )
            .accessible_name(name.clone());
        ui.label(format!("/ {}", crate::model::trim_number(score.out_of)));
        if response.changed() {
            let mut updated = score.clone();
            updated.value = value;
            commands.push(edit(show, ShowEdit::UpdateScore(index, updated)));
        }
    });
    let id = egui::Id::unique(("score_date", &show.id, index));
    if let Some(as_of) = fields::date_field(ui, id, score.as_of, &format!("{name}: seen on")) {
        let mut updated = score.clone();
        updated.as_of = as_of;
        commands.push(edit(show, ShowEdit::UpdateScore(index, updated)));
    }
    if ui
        .small_button("🗑")
        .accessible_name(format!("Remove the {name}"))
        .on_hover_text("Remove this score")
        .clicked()
    {
        commands.push(edit(show, ShowEdit::RemoveScore(index)));
    }
}

fn add_score_ui(ui: &mut egui::Ui, show: &Show, new: &mut NewScore, commands: &mut Vec<UiCommand>) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::new(("new_score_source", &show.id), "")
            .selected_text(new.source.label())
            .show_ui(ui, |ui| {
                for source in SOURCES {
                    let label = source.label().to_owned();
                    ui.selectable_value(&mut new.source, source, label);
                }
            })
            .response
            .accessible_name("New score source");
        egui::ComboBox::new(("new_score_kind", &show.id), "")
            .selected_text(new.kind.word())
            .show_ui(ui, |ui| {
                for kind in [ScoreKind::Critic, ScoreKind::Audience] {
                    ui.selectable_value(&mut new.kind, kind, kind.word());
                }
            })
            .response
            .accessible_name("New score kind");
        let out_of = new.source.default_out_of();
        ui.add(
            egui::DragValue::new(&mut new.value)
                .range(0.0..=out_of)
                .speed(0.1),
        )
        .accessible_name("New score value");
        ui.label(format!("/ {}", crate::model::trim_number(out_of)));
        let reading = Score::new(new.source.clone(), new.kind, new.value, Some(today()));
        let (label, hint) = if show.scores.iter().any(|s| s.same_series(&reading)) {
            (
                "➕ Record new value",
                "The current value is kept in the score's history",
            )
        } else {
            ("➕ Add score", "Seen today")
        };
        if ui.button(label).on_hover_text(hint).clicked() {
            commands.push(edit(show, ShowEdit::AddScore(reading)));
            new.value = 0.0;
        }
    });
}

/// Size of the history plot beside a score.
const PLOT_SIZE: egui::Vec2 = egui::vec2(72.0, 22.0);

/// A line through every value of `score`, oldest on the left, the current one marked; the
/// values and dates are in the hover text and, for screen readers, in the accessible name.
fn history_plot_ui(ui: &mut egui::Ui, score: &Score) -> egui::Response {
    let points: Vec<ScorePoint> = score.points().collect();
    let described = history_text(score, &points);
    let (rect, response) = ui.allocate_exact_size(PLOT_SIZE, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &described));
    let at = plot_positions(&points, score.out_of, rect.shrink(4.0));
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    painter.rect_stroke(
        rect,
        2.0,
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let line_color = visuals.hyperlink_color;
    painter.line(at.clone(), egui::Stroke::new(1.5, line_color));
    for (i, point) in at.iter().enumerate() {
        let last = i + 1 == at.len();
        painter.circle_filled(*point, if last { 3.5 } else { 2.0 }, line_color);
    }
    response.on_hover_text(described)
}

/// Where each value goes in `rect`: evenly spaced left to right; up and down, the values' own
/// range widened by a tenth of the scale each way (within 0..`out_of`), so that a move of a few
/// points shows without making a flat line look steep.
fn plot_positions(points: &[ScorePoint], out_of: f64, rect: egui::Rect) -> Vec<egui::Pos2> {
    let steps = points.len().saturating_sub(1).max(1) as f32;
    let margin = out_of * 0.1;
    let low = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let high = points
        .iter()
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max);
    let low = (low - margin).max(0.0);
    let high = (high + margin).min(out_of).max(low + f64::EPSILON);
    points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let share = ((point.value - low) / (high - low)).clamp(0.0, 1.0) as f32;
            egui::pos2(
                rect.left() + rect.width() * i as f32 / steps,
                rect.bottom() - rect.height() * share,
            )
        })
        .collect()
}

/// `Rotten Tomatoes critic score over time: 78% on 2025-03-01, 85% on 2025-06-01`.
fn history_text(score: &Score, points: &[ScorePoint]) -> String {
    let values: Vec<String> = points
        .iter()
        .map(|point| {
            let value = crate::model::score_text(point.value, score.out_of);
            match point.as_of {
                Some(day) => format!("{value} on {day}"),
                None => value,
            }
        })
        .collect();
    format!(
        "{} {} score over time: {}",
        score.source.label(),
        score.kind.word(),
        values.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn rising() -> Score {
        let mut score = Score::new(
            ScoreSource::RottenTomatoes,
            ScoreKind::Critic,
            60.0,
            Some(date(2025, 3, 1)),
        );
        score.record(Score::new(
            ScoreSource::RottenTomatoes,
            ScoreKind::Critic,
            85.0,
            Some(date(2025, 6, 1)),
        ));
        score
    }

    #[test]
    fn the_plot_rises_with_the_score_and_ends_at_the_right_edge() {
        let score = rising();
        let points: Vec<_> = score.points().collect();
        let rect = egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(100.0, 20.0));
        let at = plot_positions(&points, score.out_of, rect);
        assert_eq!(at.len(), 2);
        assert_eq!(at[0].x, 0.0);
        assert_eq!(at[1].x, 100.0);
        // Screen y grows downwards: a higher score is drawn higher up. The range is 50..95
        // (the values' 60..85 widened by 10 points), so 60 sits at 10/45 of the height.
        assert!(at[1].y < at[0].y);
        assert!((at[0].y - (20.0 - 20.0 * 10.0 / 45.0)).abs() < 1e-3);
        assert!((at[1].y - (20.0 - 20.0 * 35.0 / 45.0)).abs() < 1e-3);
    }

    #[test]
    fn the_history_reads_oldest_first_with_dates() {
        let score = rising();
        let points: Vec<_> = score.points().collect();
        assert_eq!(
            history_text(&score, &points),
            "Rotten Tomatoes critic score over time: 60% on 2025-03-01, 85% on 2025-06-01"
        );
    }
}
