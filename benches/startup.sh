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
# What the memory figure is made of: the same app with one show, and with the 10,000 shows but
# without their notes and storyline texts.
target/release/examples/generate 1 > "$dir/one.ron"
target/release/examples/generate 10000 --without-prose > "$dir/without-prose.ron"
echo "data: $(du -h "$dir/watchlist.ron" | cut -f1) for 10,000 shows"
Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
sleep 1
export DISPLAY=:77 CURTAINCALL_STATE_DIR="$dir/state"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > "$dir/bare"; : > "$dir/app"; : > "$dir/content"; : > "$dir/rss"
: > "$dir/bare_rss"; : > "$dir/one_rss"; : > "$dir/without_prose_rss"
rss() { awk '/^resident memory/ {print $3}'; }
for _ in $(seq "$runs"); do
  bare_out=$(target/release/examples/bare_window)
  echo "$bare_out" | awk '/^first frame/ {print $3}' >> "$dir/bare"
  echo "$bare_out" | rss >> "$dir/bare_rss"
  out=$(target/release/curtaincall --profile-startup --data "$dir/watchlist.ron")
  echo "$out" | awk '/^first frame:/ {print $3}' >> "$dir/app"
  echo "$out" | awk '/^first frame with the watchlist/ {print $(NF-1)}' >> "$dir/content"
  echo "$out" | rss >> "$dir/rss"
done
for _ in 1 2 3; do
  target/release/curtaincall --profile-startup --data "$dir/one.ron" | rss >> "$dir/one_rss"
  target/release/curtaincall --profile-startup --data "$dir/without-prose.ron" | rss \
    >> "$dir/without_prose_rss"
done
bare=$(median < "$dir/bare"); app=$(median < "$dir/app"); content=$(median < "$dir/content")
echo "bare_window first frame:            $bare ms (median of $runs)"
echo "curtaincall first frame:            $app ms"
echo "curtaincall first frame with 10,000 shows on screen: $content ms"
echo "resident memory with 10,000 shows:  $(median < "$dir/rss") MB"
echo "  bare_window, once its frame is painted:          $(median < "$dir/bare_rss") MB"
echo "  curtaincall with 1 show (median of 3):           $(median < "$dir/one_rss") MB"
echo "  10,000 shows without notes and storyline texts:  $(median < "$dir/without_prose_rss") MB"
awk -v a="$app" -v b="$bare" 'BEGIN {printf "ratio first frame / bare_window: %.2f\n", a / b}'
