//! Image snapshots of the main screens, in the light and the dark theme: the list with a
//! canceled show flagged beside its detail (cast, storylines), the Alerts window and the
//! Statistics window. Rendered by wgpu on Mesa's software Vulkan; built only with
//! `--features snapshots` (see the README). A changed screen fails with a `.diff.png` beside the
//! reference image in `tests/snapshots/`; `UPDATE_SNAPSHOTS=1` accepts the new look.

// Tests: a failed expectation is the test failing, helpers included.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "app/common/mod.rs"]
mod common;

use common::{data_file, options, temp_data, wait_until};
use curtaincall::ui::CurtainCallApp;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, SnapshotResults};

/// The app on the sample watchlist, in `theme`, at a common laptop window size.
fn open_in(theme: egui::Theme) -> (tempfile::TempDir, Harness<'static, CurtainCallApp>) {
    let (dir, path) = temp_data();
    let file = data_file(&path);
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(64)
        .with_theme(theme)
        .build_eframe(move |cc| CurtainCallApp::new(cc, file, options()));
    wait_until(&mut harness, "the file loads", CurtainCallApp::is_ready);
    settle(&mut harness);
    (dir, harness)
}

/// Waits for background work (poster decoding) to finish and be drawn, so the picture does
/// not depend on timing.
fn settle(harness: &mut Harness<'static, CurtainCallApp>) {
    harness.step();
    wait_until(
        harness,
        "every poster asked for is decoded and taken in",
        CurtainCallApp::posters_settled,
    );
    harness.run();
}

/// Takes the snapshot `name` in both themes after `prepare` brought the screen up.
fn both_themes(name: &str, prepare: impl Fn(&mut Harness<'static, CurtainCallApp>)) {
    // Both themes are compared (and, when updating, written) before the test fails.
    let mut results = SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        let (_dir, mut harness) = open_in(theme);
        prepare(&mut harness);
        // No hovered widget: the pointer leaves the window.
        harness.remove_cursor();
        settle(&mut harness);
        // The temporary data file's path differs on every run (and so does its width): mask
        // from where it starts to the window's right edge.
        let path = harness.get_by_label_contains("watchlist.ron").rect();
        let right = harness.ctx.content_rect().right();
        harness.mask(egui::Rect::from_min_max(
            path.min,
            egui::pos2(right, path.max.y),
        ));
        results.add(harness.try_snapshot(format!("{name}_{suffix}")));
    }
    results.unwrap();
}

#[test]
fn the_list_with_a_canceled_show_flagged_and_its_detail() {
    both_themes("main", |_| {});
}

#[test]
fn the_alerts_window() {
    both_themes("alerts", |harness| {
        harness.get_by_label("🔔 1 alert").click();
        harness.run();
    });
}

#[test]
fn the_statistics_window() {
    both_themes("statistics", |harness| {
        harness.key_press(egui::Key::F2);
        harness.run();
    });
}
