//! Posters in the real UI (egui_kittest): a catalog poster downloaded from a local server, a
//! broken one replaced by the placeholder with a message, and an image dropped on the window.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use crate::common::dropped;
use crate::common::fake_server::{FakeServer, Reply};
use crate::common::images::png;
use crate::common::{
    open_with, options, temp_data, wait_for_file, wait_for_label_containing, wait_until,
};
use curtaincall::model::{Show, Status, Watchlist};
use curtaincall::posters::PosterCache;
use curtaincall::sources::ProviderConfig;
use curtaincall::ui::AppOptions;
use egui_kittest::kittest::Queryable as _;

fn save(path: &Path, shows: Vec<Show>) {
    let watchlist = Watchlist {
        shows: shows.into_iter().map(Arc::new).collect(),
        ..Watchlist::default()
    };
    curtaincall::store::save_atomic(path, &watchlist).expect("saves");
}

fn poster_options(dir: &Path, server: Option<&FakeServer>) -> AppOptions {
    AppOptions {
        providers: ProviderConfig::with_urls(server.map(FakeServer::url), None),
        poster_cache: PosterCache::new(dir.join("cache")),
        ..options()
    }
}

#[test]
fn a_catalog_poster_is_downloaded_and_shown_in_the_list_and_the_detail() {
    let (dir, path) = temp_data();
    let server = FakeServer::start();
    server.route("/posters/harbor.png", vec![Reply::Bytes(png(340, 500))]);
    let mut show = Show::new("harbor", "Harbor Lights", Status::Airing);
    show.poster_url = Some(format!("{}/posters/harbor.png", server.url()));
    save(
        &path,
        vec![show, Show::new("plain", "No Poster", Status::Ended)],
    );
    let mut harness = open_with(&path, poster_options(dir.path(), Some(&server)));
    harness.state_mut().select_and_reveal("harbor");
    wait_until(&mut harness, "the posters are textures", |app| {
        app.poster_texture_bytes() > 0
    });
    harness.get_by_label("Poster of Harbor Lights");
    assert_eq!(
        server.count("/posters/harbor.png"),
        1,
        "one download for both sizes"
    );
    let cache = PosterCache::new(dir.path().join("cache"));
    assert!(
        cache
            .path_for_url(&format!("{}/posters/harbor.png", server.url()))
            .exists()
    );
    // Only the sizes shown are kept: the detail's 160×240 and the row's 18×27 (at 1 pixel per
    // point) for the poster and for the placeholder shown while it loaded — far less than the
    // 340×500 image itself.
    let held = harness.state().poster_texture_bytes();
    assert!(held <= (2 * 160 * 240 + 2 * 18 * 27) * 4, "{held} bytes");
    assert!(held < 340 * 500 * 4, "{held} bytes");
    harness.state_mut().select_and_reveal("plain");
    harness.run();
    harness.get_by_label("No poster for No Poster");
}

#[test]
fn a_broken_poster_shows_the_placeholder_and_says_why() {
    let (dir, path) = temp_data();
    let cache = PosterCache::new(dir.path().join("cache"));
    let name = cache.store_local(&png(200, 300)).expect("stored");
    // Damage the cached copy after it was taken.
    let kept = cache.local_path(&name).unwrap();
    let bytes = fs::read(&kept).unwrap();
    fs::write(&kept, &bytes[..bytes.len() / 3]).unwrap();
    let mut show = Show::new("broken", "Broken Poster", Status::Airing);
    show.poster_file = Some(name);
    save(&path, vec![show]);
    let mut harness = open_with(&path, poster_options(dir.path(), None));
    wait_for_label_containing(&mut harness, "⚠ Poster not shown: the image is damaged");
}

#[test]
fn an_image_dropped_on_the_window_becomes_the_open_shows_poster() {
    let (dir, path) = temp_data();
    save(&path, vec![Show::new("etoile", "Étoile", Status::Canceled)]);
    let image = dir.path().join("my poster.png");
    fs::write(&image, png(120, 180)).unwrap();
    let mut harness = open_with(&path, poster_options(dir.path(), None));
    harness.input_mut().dropped_files.push(dropped(&image));
    harness.step();
    wait_until(&mut harness, "the poster is set", |app| {
        app.watchlist()
            .is_some_and(|w| w.shows[0].poster_file.is_some())
    });
    let file = wait_for_file(&mut harness, &path, "poster_file:");
    let name = harness.state().watchlist().unwrap().shows[0]
        .poster_file
        .clone()
        .unwrap();
    assert!(file.contains(&name));
    harness.get_by_label("Remove my image");
    // Undo takes it back, like any edit.
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    assert!(
        harness.state().watchlist().unwrap().shows[0]
            .poster_file
            .is_none()
    );

    // Something that is not an image is refused with a message, and nothing changes.
    let text = dir.path().join("notes.pdf");
    fs::write(&text, "hello").unwrap();
    harness.input_mut().dropped_files.push(dropped(&text));
    harness.step();
    wait_for_label_containing(&mut harness, "notes.pdf was not used as a poster");
    assert!(
        harness.state().watchlist().unwrap().shows[0]
            .poster_file
            .is_none()
    );
}
