//! The list of shows: search, the Canceled filter, and one painted row per show, virtualized so
//! only the visible rows cost anything.

use eframe::egui::{
    self, Align2, FontId, Key, KeyboardShortcut, Modifiers, Rect, RichText, Role, Sense, Stroke,
    TextWrapMode, Vec2, WidgetInfo, text::LayoutJob,
};

use super::UiCommand;
use super::cache::{Keyed, PerRevision};
use super::posters::{PosterSize, Posters};
use super::theme::{self, alarm_color, status_color, status_text};
use crate::model::query::{Facets, Filter, Narrow, Selection, Sort, TitleIndex};
use crate::model::{Show, Status, Watchlist};
use crate::posters::PosterSource;

/// Height of one list row, in points.
const ROW_HEIGHT: f32 = 30.0;
/// Width of the status badge column.
const BADGE_WIDTH: f32 = 132.0;

/// The list's search, smart list, order and the rows they select, remembered between frames.
#[derive(Default)]
pub struct ListState {
    pub query: String,
    pub filter: Filter,
    /// A network or tag the list is narrowed to, on top of the smart list.
    pub narrow: Narrow,
    pub sort: Sort,
    /// Titles sorted and folded, for the titles revision it was built from.
    index: PerRevision<TitleIndex>,
    /// How many shows each smart list holds, for the document revision and the narrowing they
    /// were counted at.
    counts: Keyed<(u64, Narrow), [usize; Filter::ALL.len()]>,
    /// The networks and tags with their sizes, counted only when shown.
    pub(crate) facets: FacetCache,
    /// The rows for (revision, query, filter, sort).
    rows: Option<(RowsKey, Vec<usize>)>,
    /// Set by a keyboard move; the list scrolls the selected row into view.
    pub(crate) scroll_to_selected: bool,
}

/// What the cached rows were computed for: revision, query, filter, narrowing, sort, text
/// index.
type RowsKey = (u64, String, Filter, Narrow, Sort, u64);

/// The revisions the list depends on: titles and membership (`titles`, for the title index),
/// those and statuses (`list`), and any change at all (`any`), for smart lists that read
/// storylines or dates.
#[derive(Debug, Clone, Copy)]
pub struct Revisions {
    pub titles: u64,
    pub list: u64,
    pub any: u64,
}

impl Revisions {
    /// The revisions of `doc` now.
    pub fn of(doc: &crate::session::Document) -> Self {
        Revisions {
            titles: doc.titles_revision(),
            list: doc.list_revision(),
            any: doc.revision(),
        }
    }
}

/// What the list needs to know besides its own state.
pub struct ListContext<'a> {
    pub revisions: Revisions,
    /// The show whose detail is open.
    pub selected: Option<&'a str>,
    /// False while a dialog has the keyboard: the arrows do not move the selection then.
    pub keyboard_free: bool,
    /// The text index is being built: the search covers titles only for now.
    pub indexing: bool,
    /// The text index's generation, which the rows depend on.
    pub generation: u64,
}
impl ListState {
    /// Shows the smart list `filter` narrowed by `narrow`, with the search cleared.
    pub fn open(&mut self, filter: Filter, narrow: Narrow) {
        self.query.clear();
        self.filter = filter;
        self.narrow = narrow;
    }

    fn key(&self, revisions: Revisions, generation: u64) -> RowsKey {
        // A search reads notes and storylines too, and networks and tags are details, so any
        // edit can change those rows.
        let revision = if self.filter.reads_details()
            || self.sort.reads_details()
            || self.narrow.is_active()
            || !self.query.trim().is_empty()
        {
            revisions.any
        } else {
            revisions.list
        };
        (
            revision,
            self.query.clone(),
            self.filter,
            self.narrow.clone(),
            self.sort,
            generation,
        )
    }

    /// Takes the title index and the smart lists' sizes the opening job made.
    pub fn seed(&mut self, first: crate::session::FirstFrame) {
        self.index.seed(first.titles_revision, first.titles);
        self.counts
            .seed((first.revision, Narrow::default()), first.counts);
    }

    /// The query to search text for when the rows must be computed again (something they
    /// depend on changed); `None` while the rows are up to date.
    pub fn query_to_search(&self, revisions: Revisions, generation: u64) -> Option<String> {
        let key = self.key(revisions, generation);
        match &self.rows {
            Some((cached, _)) if *cached == key => None,
            _ => Some(key.1),
        }
    }

    /// Computes the rows for the watchlist at `revisions`, with the text search's `hits` (for
    /// each show, whether its text matches the query; `None` for titles only).
    pub fn compute_rows(
        &mut self,
        watchlist: &Watchlist,
        revisions: Revisions,
        hits: Option<&[bool]>,
        generation: u64,
    ) {
        let key = self.key(revisions, generation);
        let selection = Selection {
            query: &key.1,
            text_hits: hits,
            filter: key.2,
            narrow: &key.3,
            sort: key.4,
        };
        // The title index is rebuilt only when titles or membership changed.
        let index = self
            .index
            .get(revisions.titles, || TitleIndex::new(watchlist));
        let rows = index.matching_with(watchlist, &selection, crate::model::today());
        self.rows = Some((key, rows));
    }

    /// The rows the list shows, as indexes into the watchlist.
    pub fn rows(&self) -> &[usize] {
        self.rows.as_ref().map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// Each smart list's size within the network or tag the list is narrowed to: recounted
    /// after any change, and when the narrowing changes.
    fn counts(
        &mut self,
        watchlist: &Watchlist,
        revisions: Revisions,
    ) -> [usize; Filter::ALL.len()] {
        let narrow = &self.narrow;
        *self.counts.get((revisions.any, narrow.clone()), || {
            crate::model::query::counts(watchlist, crate::model::today(), narrow)
        })
    }
}

/// The watchlist's networks and tags with their sizes, counted only when something shows them
/// (a Network or Tag menu open, a tag being typed) and kept until the watchlist changes:
/// counting 10,000 shows after every edit would add a millisecond or more to each keystroke.
#[derive(Default)]
pub struct FacetCache(PerRevision<Facets>);

impl FacetCache {
    /// The facets of `watchlist` at document revision `revision`.
    pub fn get(&mut self, watchlist: &Watchlist, revision: u64) -> &Facets {
        self.0.get(revision, || Facets::of(watchlist))
    }
}

/// The left panel: search box, smart lists, order and the rows.
pub fn list_panel_ui(
    ui: &mut egui::Ui,
    watchlist: &Watchlist,
    list: &mut ListState,
    context: ListContext<'_>,
    posters: &mut Posters,
    commands: &mut Vec<UiCommand>,
) {
    egui::Panel::left("watchlist_panel")
        .resizable(true)
        // Wide enough for the smart lists with three-digit sizes, and leaves the detail room
        // for scores and cast side by side in the default window.
        .default_size(400.0)
        .min_size(280.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            search_ui(ui, list, context.indexing);
            filter_ui(ui, watchlist, context.revisions, list);
            ui.separator();
            if list
                .query_to_search(context.revisions, context.generation)
                .is_some()
            {
                // The search, smart list or order just changed: the rows are computed before the
                // next frame, which comes at once.
                ui.ctx().request_repaint();
            }
            rows_ui(ui, watchlist, list, &context, posters, commands);
        });
}

fn search_ui(ui: &mut egui::Ui, list: &mut ListState, indexing: bool) {
    let search = ui.add(
        egui::TextEdit::singleline(&mut list.query)
            .hint_text("🔍 Search titles, cast, storylines, notes (Ctrl+F)")
            .desired_width(f32::INFINITY),
    );
    let search = search.accessible_name("Search");
    if indexing && !list.query.trim().is_empty() {
        ui.weak("Indexing cast, storylines and notes… titles only for now.");
    }
    let focus = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
    if ui.input_mut(|i| i.consume_shortcut(&focus)) {
        search.request_focus();
    }
    // egui takes the focus away on Escape in the same frame, so a lost focus counts too.
    if (search.has_focus() || search.lost_focus()) && ui.input(|i| i.key_pressed(Key::Escape)) {
        list.query.clear();
    }
}

/// The smart lists in two groups, by status and by progress, each a chip with its icon and
/// size (the chosen one also names its list; every chip's full name is its tooltip and what a
/// screen reader says); then the network and tag narrowing and the order, on one row. Three
/// rows in all, so the list starts high.
fn filter_ui(ui: &mut egui::Ui, watchlist: &Watchlist, revisions: Revisions, list: &mut ListState) {
    let counts = list.counts(watchlist, revisions);
    let count_of = |filter: Filter| {
        Filter::ALL
            .iter()
            .position(|f| *f == filter)
            .map_or(0, |i| counts[i])
    };
    let groups: [(&str, &[Filter]); 2] = [
        ("Status", &Filter::BY_STATUS),
        ("Progress", &Filter::BY_PROGRESS),
    ];
    // Each group is one row led by its name, wrapping under the chips if the panel is narrow.
    let name_width = groups
        .iter()
        .map(|(group, _)| theme::text_width(ui, *group, egui::TextStyle::Body))
        .fold(0.0, f32::max);
    for (group, filters) in groups {
        ui.horizontal_wrapped(|ui| {
            let size = egui::vec2(name_width, ui.spacing().interact_size.y);
            let left = egui::Layout::left_to_right(egui::Align::Center);
            ui.allocate_ui_with_layout(size, left, |ui| {
                ui.set_min_width(name_width);
                ui.weak(group);
            });
            // Tight chips: an icon and a number need less room than a word.
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.spacing_mut().button_padding.x = 4.0;
            for &filter in filters {
                smart_list_chip(ui, &mut list.filter, filter, count_of(filter));
            }
        });
    }
    let (facets, narrow) = (&mut list.facets, &mut list.narrow);
    ui.horizontal(|ui| {
        facet_combo(
            ui,
            "📺",
            "Network filter",
            "All networks",
            &mut narrow.network,
            || facets.get(watchlist, revisions.any).networks.clone(),
        );
        facet_combo(
            ui,
            "🏷",
            "Tag filter",
            "All tags",
            &mut narrow.tag,
            || facets.get(watchlist, revisions.any).tags.clone(),
        );
        egui::ComboBox::from_id_salt("list_sort")
            .selected_text(format!("Sort: {}", list.sort.label()))
            .width(110.0)
            .show_ui(ui, |ui| {
                for sort in Sort::ALL {
                    ui.selectable_value(&mut list.sort, sort, sort.label());
                }
            })
            .response
            .on_hover_text("Sort by")
            .accessible_name("Sort by");
    });
}

/// One smart list's chip: its icon and size, and its name too when it is the one shown.
fn smart_list_chip(ui: &mut egui::Ui, chosen: &mut Filter, filter: Filter, count: usize) {
    let full = format!("{} ({count})", filter.label());
    let size = chip_size(count);
    let shown = if *chosen == filter {
        format!("{} {size}", filter.label())
    } else {
        format!("{} {size}", filter.icon())
    };
    let mut text = RichText::new(shown);
    if filter == Filter::CanceledUnresolved && count > 0 {
        text = text.color(alarm_color(ui));
    }
    let chip = ui
        .selectable_label(*chosen == filter, text)
        .on_hover_text(&full)
        .accessible_name(full);
    if chip.clicked() {
        *chosen = filter;
    }
}

/// A smart list's size as its chip shows it: exact up to 9,999, then in thousands ("12k"), so
/// the row keeps its width with a very large watchlist (the tooltip has the exact number).
fn chip_size(count: usize) -> String {
    if count < 10_000 {
        count.to_string()
    } else {
        format!("{}k", count / 1000)
    }
}

/// A combo box narrowing the list to one value (a network, a tag) or none, each value with its
/// number of shows; `icon` leads the chosen value, `name` is what screen readers call it (the
/// visible word "Network" belongs to the Add show form). `values` is asked only while the menu
/// is open.
fn facet_combo(
    ui: &mut egui::Ui,
    icon: &str,
    name: &str,
    none: &str,
    chosen: &mut Option<String>,
    values: impl FnOnce() -> Vec<(String, usize)>,
) {
    let shown = format!("{icon} {}", chosen.as_deref().unwrap_or(none));
    egui::ComboBox::from_id_salt(("list_narrow", name))
        .selected_text(shown)
        .width(118.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, none);
            for (value, count) in values() {
                let text = format!("{value} ({count})");
                ui.selectable_value(chosen, Some(value), text);
            }
        })
        .response
        .on_hover_text(format!(
            "{name}: {none}, or only one (each with its number of shows)"
        ))
        .accessible_name(name);
}

fn rows_ui(
    ui: &mut egui::Ui,
    watchlist: &Watchlist,
    list: &mut ListState,
    context: &ListContext<'_>,
    posters: &mut Posters,
    commands: &mut Vec<UiCommand>,
) {
    // Taken out while drawing (no copy), put back after.
    let Some((key, rows)) = list.rows.take() else {
        return;
    };
    if rows.is_empty() {
        empty_list_ui(ui, watchlist, list, commands);
    } else {
        keyboard_navigation(ui, &rows, watchlist, list, context, commands);
        let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
        if std::mem::take(&mut list.scroll_to_selected)
            && let Some(row) = selected_row(&rows, watchlist, context.selected)
        {
            // Put the row a little below the top; show_rows only lays out visible rows, so the
            // offset is computed rather than asked of the row's widget.
            let spacing = ui.spacing().item_spacing.y;
            let top = (row as f32 * (ROW_HEIGHT + spacing) - 3.0 * ROW_HEIGHT).max(0.0);
            area = area.vertical_scroll_offset(top);
        }
        area.show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            for &index in &rows[range] {
                let show = &watchlist.shows[index];
                let selected = context.selected == Some(show.id.as_str());
                if row_ui(ui, show, selected, posters).clicked() {
                    commands.push(UiCommand::Select(show.id.clone()));
                }
            }
        });
    }
    list.rows = Some((key, rows));
}

/// Where the selected show is among the rows. Linear, so only asked for on a keyboard move.
fn selected_row(rows: &[usize], watchlist: &Watchlist, selected: Option<&str>) -> Option<usize> {
    let id = selected?;
    rows.iter().position(|&i| watchlist.shows[i].id == id)
}

/// What the list says when it has no rows.
fn empty_list_ui(
    ui: &mut egui::Ui,
    watchlist: &Watchlist,
    list: &mut ListState,
    commands: &mut Vec<UiCommand>,
) {
    ui.add_space(20.0);
    ui.vertical_centered(|ui| {
        if watchlist.shows.is_empty() {
            ui.label("Your watchlist is empty.");
            if ui.button("➕ Add your first show").clicked() {
                commands.push(UiCommand::OpenAddShow);
            }
        } else {
            ui.label("No show matches.");
            if ui.button("Clear search and filters").clicked() {
                list.open(Filter::All, Narrow::default());
            }
        }
    });
}

/// Up and Down move the selection when no text field has the keyboard.
fn keyboard_navigation(
    ui: &egui::Ui,
    rows: &[usize],
    watchlist: &Watchlist,
    list: &mut ListState,
    context: &ListContext<'_>,
    commands: &mut Vec<UiCommand>,
) {
    // ↑/↓ move through the episode guide while one of its rows has the keyboard.
    let focused = ui.ctx().memory(|m| m.focused());
    let guide_focused = focused.is_some()
        && focused
            == ui
                .ctx()
                .data(|d| d.get_temp::<egui::Id>(super::detail::guide::focus_key()));
    if ui.ctx().text_edit_focused() || !context.keyboard_free || guide_focused {
        return;
    }
    let (up, down) = ui.input(|i| (i.key_pressed(Key::ArrowUp), i.key_pressed(Key::ArrowDown)));
    if !up && !down {
        return;
    }
    let target = match (selected_row(rows, watchlist, context.selected), up) {
        (Some(row), true) => row.saturating_sub(1),
        (Some(row), false) => (row + 1).min(rows.len() - 1),
        (None, _) => 0,
    };
    commands.push(UiCommand::Select(watchlist.shows[rows[target]].id.clone()));
    list.scroll_to_selected = true;
}

/// What a screen reader says for a row.
fn row_label(show: &Show) -> String {
    let mut label = format!("{}, {}", show.title, show.status.label());
    if let Some(score) = show.critic_score() {
        label.push_str(&format!(", {} {}", score.source.label(), score.display()));
    }
    let unresolved = show.unresolved_count();
    if unresolved > 0 {
        label.push_str(&format!(", {unresolved} unresolved"));
    }
    if let Some(question) = catalog_question(show) {
        label.push_str(&format!(", {question}"));
    }
    if show.unseen_changes().next().is_some() {
        label.push_str(", new alert");
    }
    label
}

/// What the catalog asks the user about a show, in two words for its row.
fn catalog_question(show: &Show) -> Option<&'static str> {
    let state = show.catalog.as_ref()?;
    if state.disagreement.is_some() {
        Some("TVmaze differs")
    } else if state.likely_canceled.is_some() && show.status == Status::Ended {
        Some("likely canceled?")
    } else {
        None
    }
}

/// One row, painted directly: badge, title, unresolved flag and critic score.
fn row_ui(ui: &mut egui::Ui, show: &Show, selected: bool, posters: &mut Posters) -> egui::Response {
    let size = Vec2::new(ui.available_width(), ROW_HEIGHT);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, row_label(show)));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let dark = visuals.dark_mode;
    let canceled = show.status == Status::Canceled;
    let alarm = alarm_color(ui);
    let painter = ui.painter();
    let text_color = visuals.text_color();

    let background = if selected {
        Some(visuals.selection.bg_fill)
    } else if response.hovered() {
        Some(visuals.widgets.hovered.weak_bg_fill)
    } else if canceled {
        Some(alarm.gamma_multiply(0.10))
    } else {
        None
    };
    if let Some(fill) = background {
        painter.rect_filled(rect, 3.0, fill);
    }
    if canceled {
        let stripe = Rect::from_min_size(rect.min, Vec2::new(4.0, rect.height()));
        painter.rect_filled(stripe, 1.0, alarm);
    }
    if response.has_focus() {
        painter.rect_stroke(
            rect,
            3.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }

    // Status badge.
    let color = status_color(show.status, dark);
    let badge = Rect::from_min_size(
        rect.min + Vec2::new(10.0, 4.0),
        Vec2::new(BADGE_WIDTH - 14.0, ROW_HEIGHT - 8.0),
    );
    painter.rect(
        badge,
        4.0,
        color.gamma_multiply(0.16),
        Stroke::new(1.0, color.gamma_multiply(0.6)),
        egui::StrokeKind::Inside,
    );
    painter.text(
        badge.left_center() + Vec2::new(6.0, 0.0),
        Align2::LEFT_CENTER,
        status_text(show.status),
        FontId::proportional(13.0),
        color,
    );

    // Score, then the unresolved flag, right-aligned from the row's end.
    let mut right = rect.right() - 10.0;
    if let Some(score) = show.critic_score() {
        let color = visuals.strong_text_color();
        right = paint_right_aligned(painter, rect, right, score.display(), 14.0, color);
    }
    let unresolved = show.unresolved_count();
    if unresolved > 0 {
        let text = format!("⚠ {unresolved} unresolved");
        right = paint_right_aligned(painter, rect, right, text, 12.0, alarm);
    }
    if let Some(question) = catalog_question(show) {
        right = paint_right_aligned(painter, rect, right, format!("⚠ {question}"), 12.0, alarm);
    }

    // The poster's thumbnail, then a bell while the show has an alert, then the title.
    let mut left = rect.left() + BADGE_WIDTH + 2.0;
    let thumb = PosterSize::Thumb.points();
    let thumb_rect = Rect::from_min_size(egui::pos2(left, rect.center().y - thumb.y / 2.0), thumb);
    posters.paint(ui, thumb_rect, &PosterSource::of(show), PosterSize::Thumb);
    left += thumb.x + 8.0;
    if show.unseen_changes().next().is_some() {
        let bell = painter.layout_no_wrap("🔔".to_owned(), FontId::proportional(14.0), alarm);
        let top = rect.center().y - bell.size().y / 2.0;
        let width = bell.size().x;
        painter.galley(egui::pos2(left, top), bell, alarm);
        left += width + 6.0;
    }

    // Title, cut with an ellipsis to the room left.
    let title_color = if canceled || selected {
        visuals.strong_text_color()
    } else {
        text_color
    };
    let mut job =
        LayoutJob::simple_singleline(show.title.clone(), FontId::proportional(15.0), title_color);
    job.wrap = egui::text::TextWrapping::from_wrap_mode_and_width(
        TextWrapMode::Truncate,
        (right - left).max(20.0),
    );
    let galley = painter.layout_job(job);
    painter.galley(
        egui::pos2(left, rect.center().y - galley.size().y / 2.0),
        galley,
        title_color,
    );
    response
}

/// Paints `text` so that it ends at `right`, centred on the row; returns where the next item to
/// its left must end.
fn paint_right_aligned(
    painter: &egui::Painter,
    row: Rect,
    right: f32,
    text: String,
    size: f32,
    color: egui::Color32,
) -> f32 {
    let galley = painter.layout_no_wrap(text, FontId::proportional(size), color);
    let left = right - galley.size().x;
    let top = row.center().y - galley.size().y / 2.0;
    painter.galley(egui::pos2(left, top), galley, color);
    left - 10.0
}

#[cfg(test)]
mod tests {
    use super::chip_size;

    #[test]
    fn chip_sizes_are_exact_below_ten_thousand_then_in_thousands() {
        assert_eq!(chip_size(0), "0");
        assert_eq!(chip_size(9_999), "9999");
        assert_eq!(chip_size(10_000), "10k");
        assert_eq!(chip_size(123_456), "123k");
    }
}
