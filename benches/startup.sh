#!/usr/bin/env bash
# Start-up to the first frame: `curtaincall --profile-startup` on a 10,000-show file against the
# empty `bare_window` example, alternated in one run under Xvfb, medians of N runs each.
#   bash benches/startup.sh [N]      (needs xvfb: apt-get install xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
cargo build --release --quiet --bin curtaincall --example bare_window --example generate
dir=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT
target/release/examples/generate 10000 > "$dir/watchlist.ron"
echo "data: $(du -h "$dir/watchlist.ron" | cut -f1) for 10,000 shows"
Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
sleep 1
export DISPLAY=:77 CURTAINCALL_STATE_DIR="$dir/state"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > "$dir/bare"; : > "$dir/app"; : > "$dir/content"; : > "$dir/rss"
for _ in $(seq "$runs"); do
  target/release/examples/bare_window | awk '/^first frame/ {print $3}' >> "$dir/bare"
  out=$(target/release/curtaincall --profile-startup --data "$dir/watchlist.ron")
  echo "$out" | awk '/^first frame:/ {print $3}' >> "$dir/app"
  echo "$out" | awk '/^first frame with the watchlist/ {print $(NF-1)}' >> "$dir/content"
  echo "$out" | awk '/^resident memory/ {print $3}' >> "$dir/rss"
done
bare=$(median < "$dir/bare"); app=$(median < "$dir/app"); content=$(median < "$dir/content")
echo "bare_window first frame:            $bare ms (median of $runs)"
echo "curtaincall first frame:            $app ms"
echo "curtaincall first frame with 10,000 shows on screen: $content ms"
echo "resident memory with 10,000 shows:  $(median < "$dir/rss") MB"
awk -v a="$app" -v b="$bare" 'BEGIN {printf "ratio first frame / bare_window: %.2f\n", a / b}'
