//! Writes a realistic watchlist of N shows to stdout, for benchmarks and trying the app at scale:
//!
//! ```sh
//! cargo run --release --example generate -- 10000 > big.ron
//! cargo run --release -- --data big.ron
//! ```

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(n) = args.next().and_then(|a| a.parse::<usize>().ok()) else {
        eprintln!("usage: generate N [SEED] > watchlist.ron");
        return ExitCode::from(2);
    };
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(2026);
    let watchlist = curtaincall::model::generate::watchlist(n, seed);
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
