//! Posters: decoding one to the sizes it is shown at, and the texture memory of 500 posters'
//! thumbnails against the app's budget.
//!
//! `cargo bench --bench posters` prints the memory report, then divan's timings.

// A benchmark or a developer tool, not the app: a failure here may simply panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::io::Cursor;

use curtaincall::posters::{TEXTURE_BUDGET, decode};

/// A poster-sized PNG (680×1000, the shape catalogs serve) with some detail to compress.
fn poster(seed: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(680, 1000, |x, y| {
        let v = (x.wrapping_mul(31) ^ y.wrapping_mul(17) ^ seed.wrapping_mul(97)) as u8;
        image::Rgba([v, v.wrapping_add(60), 255 - v, 255])
    });
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encodes");
    bytes.into_inner()
}

/// The list's thumbnail at 2 pixels per point (18×27 points), and the detail's (160×240).
const THUMB: (u32, u32) = (36, 54);
const LARGE: (u32, u32) = (320, 480);

fn main() {
    let posters: Vec<Vec<u8>> = (0..8).map(poster).collect();
    let mut thumbnails = 0usize;
    for i in 0..500 {
        let decoded =
            decode::decode(&posters[i % posters.len()], THUMB.0, THUMB.1).expect("decodes");
        thumbnails += decoded.byte_size();
    }
    let large = decode::decode(&posters[0], LARGE.0, LARGE.1).expect("decodes");
    println!(
        "500 posters as list thumbnails ({}×{} px): {:.2} MB of textures; with one detail poster \
         ({}×{} px): {:.2} MB; budget {:.0} MB",
        THUMB.0,
        THUMB.1,
        thumbnails as f64 / 1e6,
        LARGE.0,
        LARGE.1,
        (thumbnails + large.byte_size()) as f64 / 1e6,
        TEXTURE_BUDGET as f64 / 1e6
    );
    assert!(thumbnails + large.byte_size() <= TEXTURE_BUDGET);
    divan::main();
}

#[divan::bench]
fn decode_to_thumbnail(bencher: divan::Bencher) {
    let bytes = poster(1);
    bencher.bench(|| decode::decode(divan::black_box(&bytes), THUMB.0, THUMB.1));
}

#[divan::bench]
fn decode_to_detail(bencher: divan::Bencher) {
    let bytes = poster(2);
    bencher.bench(|| decode::decode(divan::black_box(&bytes), LARGE.0, LARGE.1));
}
