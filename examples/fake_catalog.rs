//! A stand-in for TVmaze and TMDB on this computer, serving the recorded answers in
//! `tests/fixtures/`: for trying the catalog features offline, and for screenshots.
//!
//! ```sh
//! cargo run --example fake_catalog -- --port 8123            # Harbor Lights is running
//! cargo run --example fake_catalog -- --port 8123 --ended    # …and now it has ended
//! CURTAINCALL_TVMAZE_URL=http://127.0.0.1:8123 cargo run --release
//! ```
//! With `--ended`, a check (F5) reports the end and asks whether the show was canceled; with a
//! TMDB key set in Settings and `CURTAINCALL_TMDB_URL` pointing here too, TMDB says canceled.

// A benchmark or a developer tool, not the app: a failure here may simply panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "../tests/app/common/fake_server.rs"]
#[allow(dead_code)]
mod fake_server;

use fake_server::{FakeServer, Reply, fixture};

/// A made-up poster for Harbor Lights: night sea, a lighthouse, its beam.
fn poster() -> Vec<u8> {
    let (width, height) = (340u32, 500u32);
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let sky = [
            (12.0 + 40.0 * fy) as u8,
            (24.0 + 60.0 * fy) as u8,
            (60.0 + 90.0 * fy) as u8,
        ];
        // The beam: a wedge from the lamp towards the upper left.
        let (lx, ly) = (0.68, 0.42);
        let angle = (ly - fy).atan2(lx - fx);
        let in_beam = fx < lx && (0.18..0.42).contains(&angle);
        // The tower and the sea.
        let tower = (fx - lx).abs() < 0.05 + (fy - ly).max(0.0) * 0.12 && fy > ly;
        let sea = fy > 0.8 + 0.015 * (fx * 40.0).sin();
        let rgb = if tower {
            if ((fy * 14.0) as u32).is_multiple_of(2) {
                [230, 230, 225]
            } else {
                [180, 40, 50]
            }
        } else if sea {
            [8, 20, 40]
        } else if in_beam || ((fx - lx).powi(2) + (fy - ly).powi(2)).sqrt() < 0.04 {
            [250, 226, 140]
        } else {
            sky
        };
        image::Rgba([rgb[0], rgb[1], rgb[2], 255])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encodes");
    bytes.into_inner()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ended = args.iter().any(|a| a == "--ended");
    let port = args
        .iter()
        .position(|a| a == "--port")
        .and_then(|i| args.get(i + 1))
        .and_then(|p| p.parse().ok());
    let server = match port {
        Some(port) => FakeServer::start_on(port),
        None => FakeServer::start(),
    };
    // Posters come from here too: the recorded answers point at static.tvmaze.com.
    let local = |text: String| text.replace("http://static.tvmaze.com", &server.url());
    server.route(
        "/uploads/images/original_untouched/1/101.jpg",
        vec![Reply::Bytes(poster())],
    );
    server.route(
        "/uploads/images/medium_portrait/1/101.jpg",
        vec![Reply::Bytes(poster())],
    );
    server.json(
        "/search/shows",
        &local(fixture("tvmaze/search-harbor.json")),
    );
    server.json("/shows/102", &fixture("tvmaze/show-102-old-shape.json"));
    let (show, stamp) = if ended {
        ("tvmaze/show-101-ended.json", 1770000000)
    } else {
        ("tvmaze/show-101-running.json", 1760000000)
    };
    server.json("/shows/101", &local(fixture(show)));
    server.route(
        "/updates/shows",
        vec![Reply::Json(format!(r#"{{"101": {stamp}}}"#))],
    );
    server.json("/find/tt9000101", &fixture("tmdb/find-tt9000101.json"));
    server.json("/tv/77101", &fixture("tmdb/tv-77101-canceled.json"));
    println!("serving the recorded catalog at {}", server.url());
    println!("run: CURTAINCALL_TVMAZE_URL={} curtaincall", server.url());
    loop {
        std::thread::park();
    }
}
