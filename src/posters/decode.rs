//! Decoding a poster safely: only PNG, JPEG and WebP, under `image::Limits`, and downscaled to
//! the size it is shown at before anyone makes a texture of it.

use std::io::Cursor;

use image::{ImageFormat, ImageReader};

/// The longest side a poster file may claim. Generous (a 1×30000 strip is still read and
/// shrunk); what really bounds the work is [`MAX_ALLOC`].
pub const MAX_SIDE: u32 = 32_768;

/// The most memory a decode may allocate: a 4096×4096 RGBA image.
pub const MAX_ALLOC: u64 = 64 * 1024 * 1024;

/// The largest poster file read or downloaded.
pub const MAX_FILE: u64 = 16 * 1024 * 1024;

/// Why an image was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PosterError {
    #[error("not an image (or a format other than PNG, JPEG or WebP)")]
    NotAnImage,
    #[error("{0} images are not taken; use PNG, JPEG or WebP")]
    Unsupported(String),
    #[error("the image is too large to open safely ({0})")]
    TooLarge(String),
    #[error("the image is damaged: {0}")]
    Broken(String),
    #[error("the file is larger than {} MB", MAX_FILE / 1024 / 1024)]
    FileTooLarge,
    #[error("{0}")]
    Io(String),
    #[error("download failed: {0}")]
    Download(String),
}

/// A decoded, downscaled image: RGBA8 rows, no larger than asked.
#[derive(Clone, PartialEq, Eq)]
pub struct Decoded {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for Decoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Decoded({}×{})", self.width, self.height)
    }
}

impl Decoded {
    /// Bytes the pixels take (and a texture of them).
    pub fn byte_size(&self) -> usize {
        self.rgba.len()
    }
}

/// The limits every decode runs under.
pub fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// Checks that `bytes` are a poster this app takes, without decoding the pixels: the format
/// and the size the header claims.
pub fn check(bytes: &[u8]) -> Result<(u32, u32), PosterError> {
    let reader = reader(bytes)?;
    let (width, height) = reader.into_dimensions().map_err(classify)?;
    within_limits(width, height)?;
    Ok((width, height))
}

/// Decodes `bytes` and shrinks the image to fit within `max_width` × `max_height` (keeping its
/// shape; never enlarged).
pub fn decode(bytes: &[u8], max_width: u32, max_height: u32) -> Result<Decoded, PosterError> {
    let (width, height) = check(bytes)?;
    let mut reader = reader(bytes)?;
    reader.limits(limits());
    let image = reader.decode().map_err(classify)?;
    let (max_width, max_height) = (max_width.max(1), max_height.max(1));
    let image = if width > max_width || height > max_height {
        image.thumbnail(max_width, max_height)
    } else {
        image
    };
    let rgba = image.to_rgba8();
    Ok(Decoded {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, PosterError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PosterError::Io(e.to_string()))?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP) => Ok(reader),
        Some(other) => Err(PosterError::Unsupported(
            format!("{other:?}").to_uppercase(),
        )),
        None => Err(PosterError::NotAnImage),
    }
}

fn within_limits(width: u32, height: u32) -> Result<(), PosterError> {
    let bytes = u64::from(width) * u64::from(height) * 4;
    if width > MAX_SIDE || height > MAX_SIDE || bytes > MAX_ALLOC || width == 0 || height == 0 {
        return Err(PosterError::TooLarge(format!("{width}×{height}")));
    }
    Ok(())
}

fn classify(error: image::ImageError) -> PosterError {
    match error {
        image::ImageError::Limits(limit) => PosterError::TooLarge(limit.to_string()),
        image::ImageError::Unsupported(what) => PosterError::Unsupported(what.to_string()),
        image::ImageError::IoError(io) => PosterError::Broken(io.to_string()),
        other => PosterError::Broken(other.to_string()),
    }
}
