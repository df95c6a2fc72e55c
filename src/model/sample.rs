//! The sample watchlist a new user starts from, embedded from `assets/`.

use super::Watchlist;

/// The sample watchlist as written in `assets/sample-watchlist.ron`.
pub const SAMPLE_RON: &str = include_str!("../../assets/sample-watchlist.ron");

/// The sample watchlist, parsed.
///
/// # Errors
/// Only if the embedded asset is broken, which the test suite rules out.
pub fn sample() -> Result<Watchlist, ron::error::SpannedError> {
    ron::from_str(SAMPLE_RON)
}
