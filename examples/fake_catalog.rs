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

#[path = "../tests/common/fake_server.rs"]
#[allow(dead_code)]
mod fake_server;

use fake_server::{FakeServer, Reply};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
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
    server.json("/search/shows", &fixture("tvmaze/search-harbor.json"));
    server.json("/shows/102", &fixture("tvmaze/show-102-old-shape.json"));
    let (show, stamp) = if ended {
        ("tvmaze/show-101-ended.json", 1770000000)
    } else {
        ("tvmaze/show-101-running.json", 1760000000)
    };
    server.json("/shows/101", &fixture(show));
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
