//! The "Read an article" window: the article's text pasted (Ctrl+Shift+V opens it with the
//! clipboard) or typed, where it was published, then the review — each proposed change with
//! a checkbox, what it replaces, and the sentence it came from — and **Apply** for the kept
//! ones as one undoable step.

use eframe::egui::{self, RichText};

use super::UiCommand;
use crate::article;
use crate::model::Watchlist;
use crate::session::{ArticleInput, ArticleReview, Command, ReadingArticle};

/// What the window keeps between frames: the text and its source being typed, and the title
/// typed to find a show to match a new one to.
#[derive(Default)]
pub struct ArticleView {
    pub text: String,
    pub source: String,
    pub find: String,
    /// The text field has been given the keyboard focus since the window opened.
    focused: bool,
}

/// The choice of adding the show the article names as a new one.
const NEW: &str = "none: add it as a new show";

/// How many shows the search for a show to match lists.
const FOUND: usize = 8;

/// Where a show of the review stands, in a few words.
fn standing(show: &article::ShowReading, on: Option<&crate::model::Show>) -> String {
    match on {
        Some(on) if show.matched => format!("the same show as {}", on.title),
        Some(_) => "on your watchlist".to_owned(),
        None => "new show".to_owned(),
    }
}

/// For a show the article names by a title not on the watchlist: add it as new, or say which
/// watchlist show it is (the most alike titles offered, any other found by typing).
fn match_ui(
    ui: &mut egui::Ui,
    s: usize,
    show: &article::ShowReading,
    on: Option<&crate::model::Show>,
    review: &ArticleReview,
    find: &mut String,
    commands: &mut Vec<UiCommand>,
) {
    let current = show.id.as_deref();
    let mut choose = |to: Option<&str>| {
        commands.push(
            Command::MatchArticleShow {
                show: s,
                to: to.map(str::to_owned),
            }
            .into(),
        );
    };
    ui.horizontal(|ui| {
        let label = ui.label("Same show as");
        // The show matched, as the watchlist has it now.
        let shown = on.map_or(NEW, |show| show.title.as_str());
        egui::ComboBox::from_id_salt(("article_match", s))
            .selected_text(shown)
            .width(260.0)
            .show_ui(ui, |ui| {
                if ui.selectable_label(current.is_none(), NEW).clicked() {
                    choose(None);
                }
                let alike = review.alike.get(s).map(Vec::as_slice).unwrap_or_default();
                if !alike.is_empty() {
                    ui.separator();
                    ui.weak("On your watchlist, alike:");
                }
                for (id, title) in alike {
                    if ui
                        .selectable_label(current == Some(id.as_str()), title)
                        .clicked()
                    {
                        choose(Some(id));
                    }
                }
                ui.separator();
                ui.add(
                    egui::TextEdit::singleline(find)
                        .hint_text("Find another show on your watchlist…")
                        .desired_width(240.0),
                );
                for (id, title) in review.index.titles_containing(find, FOUND) {
                    if ui.selectable_label(current == Some(id), title).clicked() {
                        choose(Some(id));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// The window, while an article is being read or reviewed.
pub fn article_ui(
    ctx: &egui::Context,
    state: &ReadingArticle,
    view: &mut ArticleView,
    watchlist: &Watchlist,
    commands: &mut Vec<UiCommand>,
) {
    if !matches!(state, ReadingArticle::Writing) {
        view.focused = false;
    }
    if matches!(state, ReadingArticle::Idle) {
        return;
    }
    let mut open = true;
    egui::Window::new("Read an article")
        .id(egui::Id::unique("article_window"))
        .open(&mut open)
        .collapsible(false)
        .default_width(640.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
        .show(ctx, |ui| match state {
            ReadingArticle::Idle => {}
            ReadingArticle::Writing => writing_ui(ui, view, commands),
            ReadingArticle::Reading(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading the article…");
                });
            }
            ReadingArticle::Review(review) => review_ui(ui, review, view, watchlist, commands),
            ReadingArticle::Failed(why) => {
                ui.colored_label(super::theme::alarm_color(ui), why);
                ui.label("Nothing was changed.");
                if ui.button("Close").clicked() {
                    commands.push(Command::CloseArticle.into());
                }
            }
        });
    if !open {
        commands.push(Command::CloseArticle.into());
    }
}

fn writing_ui(ui: &mut egui::Ui, view: &mut ArticleView, commands: &mut Vec<UiCommand>) {
    ui.label(
        "Paste a news article about a show, or its https address: its status, scores, \
         creators, cast and the storylines it left open are proposed for you to review. \
         Nothing changes before Apply.",
    );
    ui.add_space(4.0);
    let label = ui.label("Article");
    let field = ui
        .add(
            egui::TextEdit::multiline(&mut view.text)
                .desired_rows(12)
                .desired_width(f32::INFINITY)
                .hint_text("the article's text, or its address"),
        )
        .labelled_by(label.id);
    // Typing or pasting goes straight into the article when the window opens.
    if !view.focused {
        field.request_focus();
        view.focused = true;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Published by");
        ui.add(
            egui::TextEdit::singleline(&mut view.source)
                .hint_text("e.g. Variety, or the article's address")
                .desired_width(320.0),
        )
        .labelled_by(label.id);
    });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let ready = !view.text.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new("Read")).clicked() {
            commands.push(
                Command::ReadArticle(ArticleInput::Text {
                    text: view.text.clone(),
                    source: view.source.clone(),
                })
                .into(),
            );
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseArticle.into());
        }
    });
}

fn review_ui(
    ui: &mut egui::Ui,
    review: &ArticleReview,
    view: &mut ArticleView,
    watchlist: &Watchlist,
    commands: &mut Vec<UiCommand>,
) {
    let reading = &review.reading;
    if reading.shows.is_empty() {
        ui.label("The article says nothing about a show that Curtain Call can take.");
        if ui.button("Close").clicked() {
            commands.push(Command::CloseArticle.into());
        }
        return;
    }
    let highlight = ui.visuals().selection.bg_fill.gamma_multiply(0.35);
    egui::ScrollArea::vertical()
        .max_height(460.0)
        .show(ui, |ui| {
            for (s, show) in reading.shows.iter().enumerate() {
                let on = show.id.as_deref().and_then(|id| watchlist.get(id));
                ui.label(
                    RichText::new(format!("{} — {}", show.title, standing(show, on))).strong(),
                );
                if show.id.is_none() || show.matched {
                    match_ui(ui, s, show, on, review, &mut view.find, commands);
                }
                for (f, fact) in show.facts.iter().enumerate() {
                    let mut keep = review
                        .chosen
                        .get(s)
                        .and_then(|c| c.get(f))
                        .copied()
                        .unwrap_or(false);
                    let said = article::describe(&fact.what, on);
                    if ui.checkbox(&mut keep, &said).changed() {
                        commands.push(
                            Command::ChooseFact {
                                show: s,
                                fact: f,
                                keep,
                            }
                            .into(),
                        );
                    }
                    egui::Frame::new()
                        .fill(highlight)
                        .inner_margin(egui::Margin::symmetric(6, 2))
                        .show(ui, |ui| {
                            ui.label(
                                RichText::new(format!("“{}”", fact.sentence))
                                    .italics()
                                    .small(),
                            );
                        });
                }
                ui.add_space(6.0);
            }
        });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let chosen = review.chosen_count();
        let apply = ui.add_enabled(
            chosen > 0,
            egui::Button::new(format!(
                "Apply {}",
                crate::model::counted(chosen as i64, "change")
            )),
        );
        if apply.clicked() {
            commands.push(Command::ApplyArticle.into());
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseArticle.into());
        }
    });
}
