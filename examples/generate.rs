//! Writes a realistic watchlist of N shows to stdout, for benchmarks and trying the app at scale:
//!
//! ```sh
//! cargo run --release --example generate -- 10000 > big.ron
//! cargo run --release -- --data big.ron
//! ```
//!
//! `--without-prose` leaves out the notes and storyline texts (everything else is the same), to
//! measure what the shows' structure costs without their prose (`benches/startup.sh`).

// A benchmark or a developer tool, not the app: a failure here may simply panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let (flags, args): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let without_prose = match flags.as_slice() {
        [] => false,
        [flag] if flag == "--without-prose" => true,
        _ => return usage(),
    };
    let (n, seed) = match args.as_slice() {
        [n] => (n.parse::<usize>().ok(), Some(2026)),
        [n, seed] => (n.parse().ok(), seed.parse().ok()),
        _ => (None, None),
    };
    let (Some(n), Some(seed)) = (n, seed) else {
        return usage();
    };
    let mut watchlist = curtaincall::model::generate::watchlist(n, seed);
    if without_prose {
        for show in &mut watchlist.shows {
            let show = std::sync::Arc::make_mut(show);
            show.notes = Default::default();
            show.storylines
                .iter_mut()
                .for_each(|s| s.text = Default::default());
        }
    }
    let text = match curtaincall::store::to_ron(&watchlist) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("generate: {error}");
            return ExitCode::FAILURE;
        }
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("generate: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: generate N [SEED] [--without-prose] > watchlist.ron");
    ExitCode::from(2)
}
