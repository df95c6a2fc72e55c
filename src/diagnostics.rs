//! Measurements the app reports about itself (`--profile-startup`) and benchmarks share.

use std::time::Instant;

/// The process's resident memory in bytes (Linux; `None` elsewhere or when unreadable).
pub fn resident_memory_bytes() -> Option<u64> {
    status_kib("VmRSS:").map(|kib| kib * 1024)
}

/// Resident memory split into what the process allocated (heap, stacks, anonymous maps) and
/// what is mapped from files (the program and its libraries), in bytes.
pub fn resident_memory_split() -> Option<(u64, u64)> {
    Some((
        status_kib("RssAnon:")? * 1024,
        status_kib("RssFile:")? * 1024,
    ))
}

/// One `kB` line of `/proc/self/status`.
fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Milliseconds since `start`, for startup reports.
pub fn millis_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// `resident memory: 199.0 MB (allocated 150.2 MB, mapped from files 48.8 MB)`, the line
/// `--profile-startup` and `bare_window` print and `benches/startup.sh` reads.
pub fn resident_memory_line() -> Option<String> {
    let total = resident_memory_bytes()?;
    let mut line = format!("resident memory: {:.1} MB", total as f64 / 1e6);
    if let Some((anon, file)) = resident_memory_split() {
        line.push_str(&format!(
            " (allocated {:.1} MB, mapped from files {:.1} MB)",
            anon as f64 / 1e6,
            file as f64 / 1e6
        ));
    }
    Some(line)
}
