//! What decoding allocates, counted by an instrumented allocator: in a binary of its own, as
//! the allocator counts every thread of the process.

// Tests: a failed expectation is the test failing, helpers included.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

use curtaincall::posters::decode::{self, PosterError};

// Shared with the other tests; this one uses only the bomb.
#[allow(dead_code)]
#[path = "app/common/images.rs"]
mod images;

use images::png_claiming;

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

#[test]
fn a_decompression_bomb_is_refused_without_a_large_allocation() {
    for (width, height) in [(60_000, 60_000), (30_000, 30_000), (100_000, 1)] {
        let bomb = png_claiming(width, height);
        assert!(bomb.len() < 100);
        let region = Region::new(GLOBAL);
        let error = decode::decode(&bomb, 160, 240).expect_err("refused");
        let allocated = region.change().bytes_allocated;
        assert!(matches!(error, PosterError::TooLarge(_)), "{error}");
        // Everything it allocated together, not only its largest block: the header was read
        // and refused before any pixel buffer was made.
        assert!(
            allocated < 1024 * 1024,
            "{width}×{height}: {allocated} bytes allocated"
        );
    }
}
