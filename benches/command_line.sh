#!/usr/bin/env bash
# The command line with and without the app open: wall time of `set-status` and `tag` on a
# 10,000-show file, 5 runs each, (a) working on the file itself (load, apply, checked save,
# backup) and (b) through the running app (one request on its socket; the app saves later, in
# the background).
#   bash benches/command_line.sh      (needs xvfb: apt-get install xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin curtaincall --example generate
dir=$(mktemp -d)
Xvfb :75 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
app=
trap 'kill $app "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT
target/release/examples/generate 10000 > "$dir/watchlist.ron"
export DISPLAY=:75 CURTAINCALL_STATE_DIR="$dir/state" CURTAINCALL_CONFIG_DIR="$dir/config"
cc() { target/release/curtaincall --data "$dir/watchlist.ron" "$@" >/dev/null; }
show=$(target/release/curtaincall --data "$dir/watchlist.ron" list | head -n 1 | awk -F'  ' '{print $1}')
timed() { # label, then the command; prints the median of 5 runs in ms
  local label=$1; shift
  local runs=()
  for i in 0 1 2 3 4; do
    local start end
    start=$(date +%s%N); "$@" "$i"; end=$(date +%s%N)
    runs+=($(( (end - start) / 1000000 )))
  done
  printf '%s: median %s ms (runs: %s)\n' "$label" \
    "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)" "${runs[*]}"
}
statuses=(ended canceled returning ended canceled)
set_status() { cc set-status "$show" "${statuses[$1]}"; }
tag() { cc tag "$show" "bench-$RANDOM-$1"; }
timed "set-status on the file (no app)" set_status
timed "tag on the file (no app)" tag
target/release/curtaincall --data "$dir/watchlist.ron" >/dev/null 2>&1 & app=$!
# Wait until the app has the file open and listens.
for _ in $(seq 1 100); do
  ls "$dir/state/sockets/"*.sock >/dev/null 2>&1 && break
  sleep 0.1
done
sleep 1
timed "set-status through the app" set_status
timed "tag through the app" tag
