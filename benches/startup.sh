#!/usr/bin/env bash
# Start-up and memory: `curtaincall --profile-startup` on a 10,000-show file against the empty
# `bare_window` example, alternated in one run under Xvfb, medians of N runs each.
#   bash benches/startup.sh [N]      (needs xvfb: apt-get install xvfb)
#   EPISODES=1 bash benches/startup.sh [N]   the same shows with an episode history each
# Budgets: the watchlist on screen within 2.5x the bare window's first frame; resident memory
# above the bare window's at most 1.5x the data file's size.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
cargo build --release --quiet --bin curtaincall --example bare_window --example generate
dir=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT
target/release/examples/generate 10000 ${EPISODES:+--episodes} > "$dir/watchlist.ron"
target/release/examples/generate 1 > "$dir/one.ron"
bytes=$(stat -c %s "$dir/watchlist.ron")
echo "data: $(awk -v b="$bytes" 'BEGIN {printf "%.1f MB", b / 1e6}') for 10,000 shows"
Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
sleep 1
export DISPLAY=:77 CURTAINCALL_STATE_DIR="$dir/state"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > "$dir/bare"; : > "$dir/app"; : > "$dir/content"; : > "$dir/rss"
: > "$dir/bare_rss"; : > "$dir/one_rss"; : > "$dir/above"
rss() { awk '/^resident memory/ {print $3}'; }
for _ in $(seq "$runs"); do
  bare_out=$(target/release/examples/bare_window)
  echo "$bare_out" | awk '/^first frame/ {print $3}' >> "$dir/bare"
  bare_rss=$(echo "$bare_out" | rss)
  echo "$bare_rss" >> "$dir/bare_rss"
  out=$(target/release/curtaincall --profile-startup --data "$dir/watchlist.ron")
  echo "$out" | awk '/^first frame:/ {print $3}' >> "$dir/app"
  echo "$out" | awk '/^first frame with the watchlist/ {print $(NF-1)}' >> "$dir/content"
  app_rss=$(echo "$out" | rss)
  echo "$app_rss" >> "$dir/rss"
  # Above the bare window of the same run: what the watchlist and the app's own parts cost.
  awk -v a="$app_rss" -v b="$bare_rss" 'BEGIN {printf "%.1f\n", a - b}' >> "$dir/above"
done
for _ in 1 2 3; do
  target/release/curtaincall --profile-startup --data "$dir/one.ron" | rss >> "$dir/one_rss"
done
bare=$(median < "$dir/bare"); app=$(median < "$dir/app"); content=$(median < "$dir/content")
above=$(median < "$dir/above")
echo "bare_window first frame:            $bare ms (median of $runs)"
echo "curtaincall first frame:            $app ms"
echo "curtaincall first frame with 10,000 shows on screen: $content ms"
awk -v c="$content" -v b="$bare" \
  'BEGIN {printf "ratio watchlist on screen / bare_window first frame: %.2f (budget 2.50)\n", c / b}'
awk -v a="$app" -v b="$bare" 'BEGIN {printf "ratio first frame / bare_window: %.2f\n", a / b}'
echo "resident memory with 10,000 shows:  $(median < "$dir/rss") MB"
echo "  bare_window, once its frame is painted:  $(median < "$dir/bare_rss") MB"
echo "  curtaincall with 1 show (median of 3):   $(median < "$dir/one_rss") MB"
echo "above the bare window (same run, median):  $above MB"
awk -v m="$above" -v b="$bytes" \
  'BEGIN {printf "ratio above bare / data file: %.2f (budget 1.50)\n", m * 1e6 / b}'
