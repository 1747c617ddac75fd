#!/bin/bash
# Wall-clock comparison of two coder_bench builds on a noisy machine: runs
# the same benchmarks of both back to back, N rounds, swapping which goes
# first every round, and prints each pair's ratio new/base and, per
# benchmark, the median ratio and the median of the new build's figure.
# The host's speed drifts within minutes; a ratio of two runs made seconds
# apart is steadier than either figure.
#
# Usage: bench/paired.sh BASE_CODER_BENCH NEW_CODER_BENCH [ROUNDS] [FILTER]
#   e.g. bench/paired.sh /work/wt-base/build-bench/bench/coder_bench \
#          build-bench/bench/coder_bench 9 phoenix
# (BASE built from an older commit in a git worktree; see BENCHMARKS.md.)
# Figures are sentences/s in thousands (coder_bench's "sentences/s" counter).
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
base=$1
new=$2
rounds=${3:-9}
filter=${4:-phoenix}
run() {
  "$1" --benchmark_filter="$filter" --benchmark_min_time=0.2 2>&1 | grep BM_Code |
    awk '{s=$NF; sub("sentences/s=","",s); sub("k/s","",s); print $1, s}'
}
a=$(mktemp) b=$(mktemp)
trap 'rm -f "$a" "$b"' EXIT
for i in $(seq 1 "$rounds"); do
  if ((i % 2)); then run "$base" > "$a"; run "$new" > "$b"; else run "$new" > "$b"; run "$base" > "$a"; fi
  paste "$a" "$b" | awk '{printf "%-28s base %7.1f new %7.1f ratio %.3f\n", $1, $2, $4, $4/$2}'
done | sort | awk '
  function median(list,   n, v, x, y, t) {
    n = split(substr(list, 2), v, " ")
    for (x = 1; x <= n; x++) for (y = x + 1; y <= n; y++) if (v[y] < v[x]) { t = v[x]; v[x] = v[y]; v[y] = t }
    return v[int((n + 1) / 2)]
  }
  { print; ratio[$1] = ratio[$1] " " $7; fig[$1] = fig[$1] " " $5 }
  END { for (k in ratio) printf "MEDIAN %-28s ratio %.3f new %.1f\n", k, median(ratio[k]), median(fig[k]) }'
