#!/usr/bin/env bash
# Idle cost: CPU time and resident memory of `curtaincall` on a 10,000-show file over 5 s with
# nothing to do, after another program has opened and read the file once (an indexer, a backup
# tool, `cat`). Watching the folder must not turn that read into work.
#   bash benches/idle.sh      (needs xvfb: apt-get install xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin curtaincall --example generate
dir=$(mktemp -d)
Xvfb :76 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
app=
trap 'kill $app "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT
target/release/examples/generate 10000 > "$dir/watchlist.ron"
sleep 1
export DISPLAY=:76 CURTAINCALL_STATE_DIR="$dir/state"
target/release/curtaincall --data "$dir/watchlist.ron" >/dev/null 2>&1 & app=$!
sleep 4
cat "$dir/watchlist.ron" > /dev/null
sleep 1
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
before=$(ticks)
sleep 5
after=$(ticks)
hz=$(getconf CLK_TCK)
echo "CPU time over 5 s idle: $(( (after - before) * 1000 / hz )) ms"
echo "resident memory: $(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$app/status") MB"
