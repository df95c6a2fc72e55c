//! Export archives (TV Time's GDPR ZIP, often password-protected with ZipCrypto or AES;
//! Trakt's): only the files the readers need are taken out — by name, wherever in the archive
//! they sit — into a temporary folder the readers then read. Bombs are refused: at most
//! [`MAX_ENTRIES`] entries and [`MAX_TOTAL`] bytes unpacked, counted as they stream, not as
//! the archive declares them.

use std::io::{Cursor, Read as _};
use std::path::Path;

use zip::ZipArchive;
use zip::result::ZipError;

use super::{ImportError, own_csv, seriesguide, trakt, tvtime};

/// The most entries an export archive may hold.
pub const MAX_ENTRIES: usize = 10_000;
/// The most bytes the files taken out may come to.
pub const MAX_TOTAL: u64 = 512 * 1024 * 1024;

/// True for the bytes of a ZIP archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// True for a file an importer reads, by its name.
fn wanted(name: &str) -> bool {
    tvtime::ALLOWED.contains(&name)
        || trakt::reads(name)
        || own_csv::ALLOWED.contains(&name)
        || seriesguide::reads(name)
}

/// Takes the wanted files of the archive `bytes` (named `shown` in messages) out into a
/// temporary folder, decrypting with `password` where they are encrypted.
pub fn unpack(
    bytes: &[u8],
    shown: &str,
    password: Option<&str>,
) -> Result<tempfile::TempDir, ImportError> {
    let damaged = |reason: String| ImportError::Archive {
        path: shown.to_owned(),
        reason,
    };
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(damaged(format!(
            "it holds {} entries, more than an export ({MAX_ENTRIES} at most)",
            archive.len()
        )));
    }
    let dir = tempfile::tempdir().map_err(|source| ImportError::Read {
        path: "a temporary folder".to_owned(),
        source,
    })?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let (name, encrypted) = {
            let entry = archive
                .by_index_data(i)
                .map_err(|e| damaged(e.to_string()))?;
            if entry.is_dir() {
                continue;
            }
            let name = entry
                .name()
                .map_err(|e| damaged(e.to_string()))?
                .into_owned();
            (name, entry.encrypted())
        };
        // The file's own name: an export's files sit at the root or in one folder.
        let Some(file_name) = Path::new(&name)
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned)
            .filter(|n| wanted(n))
        else {
            continue;
        };
        let file = match (encrypted, password) {
            (true, None) => return Err(ImportError::NeedsPassword(shown.to_owned())),
            (true, Some(password)) => archive.by_index_decrypt(i, password.as_bytes()),
            (false, _) => archive.by_index(i),
        };
        let mut file = file.map_err(|error| match error {
            ZipError::InvalidPassword => ImportError::WrongPassword(shown.to_owned()),
            other => damaged(other.to_string()),
        })?;
        let mut contents = Vec::new();
        let left = MAX_TOTAL.saturating_sub(total);
        (&mut file)
            .take(left + 1)
            .read_to_end(&mut contents)
            .map_err(|e| {
                if encrypted {
                    // ZipCrypto cannot tell every wrong password at once: the data is garbage.
                    ImportError::WrongPassword(shown.to_owned())
                } else {
                    damaged(format!("{name}: {e}"))
                }
            })?;
        total += contents.len() as u64;
        if total > MAX_TOTAL {
            return Err(damaged(format!(
                "it unpacks to more than {} MB, more than an export holds",
                MAX_TOTAL / (1024 * 1024)
            )));
        }
        std::fs::write(dir.path().join(&file_name), contents).map_err(|source| {
            ImportError::Read {
                path: file_name.clone(),
                source,
            }
        })?;
    }
    Ok(dir)
}
