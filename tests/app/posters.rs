//! Posters: safe decoding (bombs, strips, broken files), the cache's names, remote download
//! from a local server, and the `poster` command through the real binary.

use std::fs;
use std::io::Cursor;
use std::sync::Arc;

use crate::common::fake_server::{FakeServer, Reply};
use crate::common::images::{png, png_claiming};
use curtaincall::posters::decode::{self, PosterError};
use curtaincall::posters::{PosterCache, PosterLoader, PosterSource};
use curtaincall::sources::{HttpClient, ProviderConfig};

#[test]
fn a_one_by_thirty_thousand_strip_is_downscaled_without_a_panic() {
    let strip = png(1, 30_000);
    let decoded = decode::decode(&strip, 160, 240).expect("decodes");
    assert!(decoded.height <= 240 && decoded.width >= 1, "{decoded:?}");
    assert_eq!(
        decoded.rgba.len(),
        (decoded.width * decoded.height * 4) as usize
    );
    let wide = png(30_000, 1);
    let decoded = decode::decode(&wide, 160, 240).expect("decodes");
    assert!(decoded.width <= 160 && decoded.height >= 1, "{decoded:?}");
}

#[test]
fn posters_are_shrunk_to_the_size_they_are_shown_at() {
    let poster = png(680, 1000);
    let decoded = decode::decode(&poster, 36, 54).expect("decodes");
    assert!(decoded.width <= 36 && decoded.height <= 54, "{decoded:?}");
    // Never enlarged.
    let small = decode::decode(&png(10, 15), 160, 240).expect("decodes");
    assert_eq!((small.width, small.height), (10, 15));
}

#[test]
fn truncated_garbage_and_other_formats_are_errors_not_panics() {
    let poster = png(200, 300);
    for cut in [8, 20, 40, poster.len() / 2, poster.len() - 13] {
        assert!(
            decode::decode(&poster[..cut], 160, 240).is_err(),
            "cut at {cut}"
        );
    }
    assert_eq!(
        decode::decode(b"<html>not found</html>", 160, 240),
        Err(PosterError::NotAnImage)
    );
    assert!(decode::decode(&[], 160, 240).is_err());
    let mut gif = Cursor::new(Vec::new());
    image::RgbaImage::new(4, 4)
        .write_to(&mut gif, image::ImageFormat::Bmp)
        .ok();
    assert!(decode::decode(gif.get_ref(), 160, 240).is_err());
    // Random bytes behind a PNG signature.
    let mut junk = b"\x89PNG\r\n\x1a\n".to_vec();
    junk.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    assert!(decode::decode(&junk, 160, 240).is_err());
}

#[test]
fn remote_posters_are_downloaded_once_into_the_cache_under_a_hashed_name() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start();
    let bytes = png(68, 100);
    server.route("/uploads/poster.png", vec![Reply::Bytes(bytes)]);
    let config = ProviderConfig::with_urls(Some(server.url()), None);
    let loader = PosterLoader::new(
        PosterCache::new(dir.path().join("posters")),
        Arc::new(HttpClient::new(config.http)),
    );
    let url = format!("{}/uploads/poster.png", server.url());
    let source = PosterSource::Remote(url.clone());
    let decoded = loader.load(&source, 36, 54).expect("downloads and decodes");
    assert!(decoded.width <= 36 && decoded.height <= 54);
    let kept: Vec<_> = fs::read_dir(dir.path().join("posters"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept, [loader.cache.path_for_url(&url)]);
    loader.load(&source, 160, 240).expect("from the cache");
    assert_eq!(server.count("/uploads/"), 1, "downloaded once");

    // A page that is not an image is neither shown nor kept.
    server.json("/uploads/page.png", "{\"error\": true}");
    let page = PosterSource::Remote(format!("{}/uploads/page.png", server.url()));
    assert_eq!(loader.load(&page, 36, 54), Err(PosterError::NotAnImage));
    assert_eq!(fs::read_dir(dir.path().join("posters")).unwrap().count(), 1);
    // A name in the watchlist that is not one the cache made is refused, not followed.
    let sneaky = PosterSource::Local("../../../etc/passwd".into());
    assert!(loader.load(&sneaky, 36, 54).is_err());
}

fn curtaincall(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_curtaincall"))
        .env_remove("CURTAINCALL_DATA")
        .env("CURTAINCALL_STATE_DIR", dir.join("state"))
        .env("CURTAINCALL_CONFIG_DIR", dir.join("config"))
        .env("CURTAINCALL_CACHE_DIR", dir.join("cache"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_poster_command_takes_an_image_and_refuses_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("watchlist.ron");
    let data = data.to_str().unwrap();
    let good = dir.path().join("etoile.png");
    fs::write(&good, png(200, 300)).unwrap();
    let out = curtaincall(
        dir.path(),
        &["poster", "Étoile", good.to_str().unwrap(), "--data", data],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Set the poster of “Étoile”\n"
    );
    let file = fs::read_to_string(data).unwrap();
    let name = file
        .lines()
        .find_map(|l| l.trim().strip_prefix("poster_file: \""))
        .and_then(|l| l.strip_suffix("\","))
        .expect("poster_file in the file");
    let cache = PosterCache::new(dir.path().join("cache/posters"));
    let kept = cache.local_path(name).expect("a name the cache made");
    assert_eq!(fs::read(kept).unwrap(), fs::read(&good).unwrap());

    let before = fs::read(data).unwrap();
    for (name, bytes) in [
        ("bomb.png", png_claiming(60_000, 60_000)),
        ("truncated.png", png(200, 300)[..100].to_vec()),
        ("notes.txt", b"not an image".to_vec()),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = curtaincall(
            dir.path(),
            &["poster", "Étoile", path.to_str().unwrap(), "--data", data],
        );
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(name) && err.contains("was not changed"),
            "{err}"
        );
        assert_eq!(fs::read(data).unwrap(), before, "{name}");
    }
}
