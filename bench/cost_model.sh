#!/bin/bash
# A deterministic cost figure for coding, for comparing two builds on a
# machine whose wall-clock timings are too noisy to show a 5 % change.
#
# Runs `ladder code` under callgrind with its cache simulation (a 512 KiB
# last level, about one core's L2), collecting inside Engine::Code only
# (no start-up, no output), and prints instructions (Ir), first-level data
# misses (D1mr), last-level data misses (LLmr) and
#   est = Ir + 10 * D1mr + 50 * LLmr
# a rough cycle count. The weights are guesses; compare builds with the
# same command, and confirm a change with coder_bench on a quiet machine.
#
# Usage: bench/cost_model.sh LADDER INPUT.jsonl [--dict PATH]...
#   e.g. bench/cost_model.sh build-bench/ladder /tmp/lb/reuters.jsonl \
#          --dict ../shared/data/phoenix-dictionaries
# (INPUT from scripts/corpus_to_jsonl.py; see BENCHMARKS.md.) About 3
# minutes for the Reuters sample with the Phoenix dictionaries.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
ladder=$1
input=$2
shift 2
out=$(mktemp /tmp/ladder-cost.XXXXXX)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --cache-sim=yes --LL=524288,8,64 \
  --toggle-collect='ladder::Engine::Code*' --callgrind-out-file="$out" \
  "$ladder" code -q --threads 1 "$@" "$input" > /dev/null 2> "$out.log" || {
  cat "$out.log" >&2
  rm -f "$out.log"
  exit 1
}
rm -f "$out.log"
callgrind_annotate --show=Ir,D1mr,DLmr "$out" 2> /dev/null |
  grep 'PROGRAM TOTALS' | tr -d ',' |
  awk '{ printf "Ir %.1fM D1mr %.2fM LLmr %.3fM est %.1fM\n",
         $1 / 1e6, $3 / 1e6, $5 / 1e6, ($1 + 10 * $3 + 50 * $5) / 1e6 }'
