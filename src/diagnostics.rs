//! Measurements the app reports about itself (`--profile-startup`) and benchmarks share.

use std::time::Instant;

/// The process's resident memory in bytes (Linux; `None` elsewhere or when unreadable).
pub fn resident_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Milliseconds since `start`, for startup reports.
pub fn millis_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}
