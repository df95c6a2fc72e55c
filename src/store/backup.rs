//! Rotating backups of the data file, kept in the local state directory.
//!
//! Every successful save leaves a copy. Pruning keeps the last 10 copies, the newest copy of
//! each of the last 14 days and the newest copy of each of the last 8 weeks.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::{Timestamp, ToSpan as _};

use super::format::RonText;
use super::state::DataFile;
use super::{StoreError, file, format};
use crate::model::Watchlist;

/// How many of the newest copies are always kept.
const KEEP_LAST: usize = 10;
/// For how many days the newest copy of each day is kept.
const KEEP_DAYS: i64 = 14;
/// For how many weeks the newest copy of each week is kept.
const KEEP_WEEKS: i64 = 8;

/// The format of a backup's file name, in UTC: `20261125T043012.123Z.ron`.
const NAME_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

/// One backup copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub taken: Timestamp,
}

impl Backup {
    /// Reads and parses the copy.
    pub fn load(&self) -> Result<Watchlist, StoreError> {
        match file::load(&self.path)? {
            file::Loaded::Found(watchlist) => Ok(watchlist),
            file::Loaded::Missing => Err(StoreError::Read {
                path: self.path.clone(),
                source: io::Error::from(io::ErrorKind::NotFound),
            }),
        }
    }
}

/// Every backup of `file`, newest first.
pub fn list(file: &DataFile) -> Vec<Backup> {
    list_in(&file.backup_dir())
}

fn list_in(dir: &Path) -> Vec<Backup> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut backups: Vec<Backup> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let stamp = name.strip_suffix(".ron")?;
            let civil = jiff::fmt::strtime::parse(NAME_FORMAT, stamp)
                .ok()?
                .to_datetime()
                .ok()?;
            let taken = jiff::tz::TimeZone::UTC.to_timestamp(civil).ok()?;
            Some(Backup {
                path: entry.path(),
                taken,
            })
        })
        .collect();
    backups.sort_by_key(|b| std::cmp::Reverse(b.taken));
    backups
}

/// Keeps a copy of `bytes` (what was just saved to `file`) and prunes old copies.
/// Does nothing when the newest copy already holds the same bytes.
pub fn record(file: &DataFile, bytes: &[u8]) -> io::Result<Option<Backup>> {
    record_parts(file, &[bytes])
}

/// [`record`] for a text just saved, in the parts it was written in.
pub fn record_saved(file: &DataFile, text: &RonText) -> io::Result<Option<Backup>> {
    record_parts(file, &text.parts().collect::<Vec<_>>())
}

/// [`record`] for the text made of `parts`, one after another.
fn record_parts(file: &DataFile, parts: &[&[u8]]) -> io::Result<Option<Backup>> {
    let dir = file.backup_dir();
    fs::create_dir_all(&dir)?;
    let existing = list_in(&dir);
    let len: usize = parts.iter().map(|part| part.len()).sum();
    // The same length first: reading a large backup back is only worth it when it may be equal.
    if let Some(newest) = existing.first()
        && fs::metadata(&newest.path).is_ok_and(|m| m.len() == len as u64)
        && fs::read(&newest.path).is_ok_and(|old| format::parts_equal(parts.iter().copied(), &old))
    {
        return Ok(None);
    }
    // Names carry milliseconds: compare at that precision, or two saves within one millisecond
    // would share a name and the second would replace the first.
    let now = Timestamp::now();
    let mut taken = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
    // Names must be unique and ordered even for saves within the same millisecond.
    if let Some(newest) = existing.first()
        && taken <= newest.taken
    {
        taken = newest.taken + 1.millisecond();
    }
    let name = format!("{}.ron", taken.strftime(NAME_FORMAT));
    let path = dir.join(name);
    file::write_atomic_unless(&path, parts.iter().copied(), false, || Ok(None::<()>))
        .map_err(|e| io::Error::other(e.to_string()))?;
    let backup = Backup { path, taken };
    prune(&dir, taken);
    Ok(Some(backup))
}

/// Deletes the copies the retention policy no longer keeps.
fn prune(dir: &Path, now: Timestamp) {
    let backups = list_in(dir);
    let stamps: Vec<Timestamp> = backups.iter().map(|b| b.taken).collect();
    let keep = to_keep(&stamps, now);
    for (index, backup) in backups.iter().enumerate() {
        if !keep.contains(&index)
            && let Err(error) = fs::remove_file(&backup.path)
        {
            log::warn!("cannot prune backup {}: {error}", backup.path.display());
        }
    }
}

/// Which of `stamps` (newest first) to keep at `now`: the last 10, the newest of each of the
/// last 14 days, and the newest of each of the last 8 weeks.
pub fn to_keep(stamps: &[Timestamp], now: Timestamp) -> BTreeSet<usize> {
    let mut keep: BTreeSet<usize> = (0..stamps.len().min(KEEP_LAST)).collect();
    let day = |t: Timestamp| t.as_second().div_euclid(86_400);
    let today = day(now);
    let mut days_seen = BTreeSet::new();
    let mut weeks_seen = BTreeSet::new();
    for (index, &stamp) in stamps.iter().enumerate() {
        let age_days = today - day(stamp);
        if (0..KEEP_DAYS).contains(&age_days) && days_seen.insert(day(stamp)) {
            keep.insert(index);
        }
        let week = day(stamp).div_euclid(7);
        if (0..KEEP_WEEKS * 7).contains(&age_days) && weeks_seen.insert(week) {
            keep.insert(index);
        }
    }
    keep
}

/// Replaces the data file with a backup, after keeping a copy of the current file (if it exists
/// and differs). The backup must load, or nothing is changed.
pub fn restore(data_file: &DataFile, backup: &Backup) -> Result<Watchlist, StoreError> {
    let data_path = data_file.path.as_path();
    let bytes = fs::read(&backup.path).map_err(|source| StoreError::Read {
        path: backup.path.clone(),
        source,
    })?;
    // Checked as it is, bytes and all: what is written back must load as it loaded here.
    let watchlist = format::from_bytes(&bytes, &backup.path)?;
    if let Ok(current) = fs::read(data_path) {
        record(data_file, &current).map_err(|source| StoreError::Write {
            path: data_path.to_owned(),
            source,
        })?;
    }
    file::write_atomic(data_path, &bytes)?;
    Ok(watchlist)
}

/// The newest backup that loads, with its watchlist.
pub fn newest_that_loads(file: &DataFile) -> Option<(Backup, Watchlist)> {
    list(file)
        .into_iter()
        .find_map(|backup| backup.load().ok().map(|w| (backup, w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_ten_then_one_a_day_then_one_a_week() {
        let now: Timestamp = "2026-11-25T12:00:00Z".parse().expect("timestamp");
        // A save every 6 hours for 100 days, newest first.
        let stamps: Vec<Timestamp> = (0..400).map(|i| now - (i * 6).hours()).collect();
        let keep = to_keep(&stamps, now);
        for i in 0..10 {
            assert!(keep.contains(&i), "the last ten");
        }
        let kept: Vec<Timestamp> = keep.iter().map(|&i| stamps[i]).collect();
        let days: BTreeSet<i64> = kept
            .iter()
            .map(|t| t.as_second().div_euclid(86_400))
            .collect();
        let today = now.as_second().div_euclid(86_400);
        for d in 0..14 {
            assert!(days.contains(&(today - d)), "one on day -{d}");
        }
        assert!(
            kept.iter().all(|t| (now - (56 * 24).hours()) < *t),
            "nothing older than 8 weeks"
        );
        assert!(keep.len() < 10 + 14 + 9, "pruned to {}", keep.len());
    }
}
