//! Writes a realistic watchlist of N shows to stdout, for benchmarks and trying the app at scale:
//!
//! ```sh
//! cargo run --release --example generate -- 10000 > big.ron
//! cargo run --release --example generate -- 10000 --episodes > big.ron   # with watch history
//! cargo run --release -- --data big.ron
//! ```

// A benchmark or a developer tool, not the app: a failure here may simply panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let episodes = args.iter().any(|a| a == "--episodes");
    args.retain(|a| a != "--episodes");
    let (n, seed) = match args.as_slice() {
        [n] => (n.parse::<usize>().ok(), Some(2026)),
        [n, seed] => (n.parse().ok(), seed.parse().ok()),
        _ => (None, None),
    };
    let (Some(n), Some(seed)) = (n, seed) else {
        return usage();
    };
    let watchlist = if episodes {
        curtaincall::model::generate::watchlist_with_episodes(n, seed)
    } else {
        curtaincall::model::generate::watchlist(n, seed)
    };
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
    eprintln!("usage: generate N [SEED] [--episodes] > watchlist.ron");
    ExitCode::from(2)
}
