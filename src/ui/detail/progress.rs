//! The watch progress section: episodes watched per season, up next, caught up, dropped.

use eframe::egui::{self, RichText};

use crate::model::{Progress, Show, ShowEdit, WatchState};
use crate::ui::theme::section_heading;
use crate::ui::{UiCommand, edit};

/// The section in a show's detail.
pub fn progress_ui(ui: &mut egui::Ui, show: &Show, commands: &mut Vec<UiCommand>) {
    section_heading(ui, "Watch progress");
    let progress = &show.progress;
    ui.horizontal(|ui| {
        let state = progress.state();
        let summary = match (state, progress.up_next()) {
            (WatchState::Dropped, _) => "Dropped".to_owned(),
            (WatchState::CaughtUp, _) => "✔ Caught up".to_owned(),
            (_, Some(next)) => format!("Up next: {next}"),
            (_, None) => state.label().to_owned(),
        };
        ui.label(RichText::new(summary).strong());
        if let Some(next) = progress.up_next().filter(|_| !progress.dropped) {
            let watched = ui
                .button(format!("✔ Watched {next}"))
                .accessible_name("Watched next episode")
                .on_hover_text("Mark the next episode watched");
            if watched.clicked() {
                commands.push(edit(show, ShowEdit::WatchNext));
            }
        }
        let mut dropped = progress.dropped;
        if ui.checkbox(&mut dropped, "Dropped").changed() {
            let mut changed = progress.clone();
            changed.dropped = dropped;
            commands.push(edit(show, ShowEdit::Progress(changed)));
        }
    });
    let seasons = progress.seasons().max(1);
    egui::Grid::new(("progress", &show.id))
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for number in 1..=seasons {
                let label = ui.label(format!("Season {number}"));
                let mut watched = progress.watched_in(number);
                let mut episodes = progress.episodes_in(number);
                let most = if episodes > 0 { episodes } else { 999 };
                let w = ui
                    .add(egui::DragValue::new(&mut watched).range(0..=most))
                    .labelled_by(label.id)
                    .on_hover_text("Episodes watched");
                ui.label("of");
                let e = ui
                    .add(
                        egui::DragValue::new(&mut episodes)
                            .range(0..=999)
                            .custom_formatter(|n, _| {
                                if n == 0.0 {
                                    "?".to_owned()
                                } else {
                                    format!("{n}")
                                }
                            }),
                    )
                    .on_hover_text("Episodes in the season (? when not known)");
                ui.end_row();
                if w.changed() || e.changed() {
                    commands.push(edit(
                        show,
                        ShowEdit::Progress(with_season(progress, number, watched, episodes)),
                    ));
                }
            }
        });
    if ui.small_button("➕ Add a season").clicked() {
        let number = seasons + 1;
        commands.push(edit(
            show,
            ShowEdit::Progress(with_season(progress, number, 0, 0)),
        ));
    }
}

/// `progress` with season `number` set to `watched` of `episodes`.
fn with_season(progress: &Progress, number: usize, watched: u32, episodes: u32) -> Progress {
    let mut changed = progress.clone();
    for list in [&mut changed.watched, &mut changed.episodes] {
        if list.len() < number {
            list.resize(number, 0);
        }
    }
    changed.watched[number - 1] = watched;
    changed.episodes[number - 1] = episodes;
    changed
}
