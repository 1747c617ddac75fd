#!/usr/bin/env bash
# Builds ladder's libFuzzer targets (tests/fuzz/*_fuzz.cc) with clang and runs
# each one for N seconds (default 60) on its seed corpus.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 300 jsonl engine
#
# Environment: BUILD_DIR (default build-fuzz), JOBS (default 2), FUZZ_JOBS
# (parallel fuzzing processes per target, default 1).
# New corpus entries go to $BUILD_DIR/tests/fuzz/corpus/<name>/ and crashes to
# $BUILD_DIR/tests/fuzz/artifacts/<name>/; the exit code is non-zero if any
# target found a crash, a leak or undefined behaviour.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER_TARGET="${1:-60}"
shift || true
BUILD_DIR="$(realpath -m "${BUILD_DIR:-$ROOT/build-fuzz}")"
JOBS="${JOBS:-2}"
FUZZ_JOBS="${FUZZ_JOBS:-1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found (libFuzzer needs clang 14 or later)" >&2
  exit 1
fi

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
  -DLADDER_FUZZ=ON -DLADDER_TESTS=OFF -DLADDER_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

targets=()
if [ "$#" -gt 0 ]; then
  for t in "$@"; do targets+=("${t%_fuzz}"); done
else
  for src in "$ROOT"/tests/fuzz/*_fuzz.cc; do
    name="$(basename "$src" .cc)"
    targets+=("${name%_fuzz}")
  done
fi

ninja -C "$BUILD_DIR" -j "$JOBS" "${targets[@]/%/_fuzz}"

failed=()
for t in "${targets[@]}"; do
  corpus="$BUILD_DIR/tests/fuzz/corpus/$t"
  artifacts="$BUILD_DIR/tests/fuzz/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  seeds=()
  parallel=()
  # -jobs makes libFuzzer write fuzz-N.log files in the working directory.
  [ "$FUZZ_JOBS" -gt 1 ] && parallel=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  [ -d "$ROOT/tests/fuzz/corpus/$t" ] && seeds+=("$ROOT/tests/fuzz/corpus/$t")
  echo "== ${t}_fuzz: ${SECONDS_PER_TARGET}s"
  if ! (cd "$artifacts" && "$BUILD_DIR/tests/fuzz/${t}_fuzz" \
      -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=25 \
      ${parallel[@]+"${parallel[@]}"} -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "$corpus" ${seeds[@]+"${seeds[@]}"} \
      > "$artifacts/log.txt" 2>&1); then
    failed+=("$t")
    echo "   FAILED: see $artifacts/log.txt"
    grep -m5 -E "ERROR|runtime error|Test unit written" "$artifacts/log.txt" || true
    grep -A30 -m1 -E "ERROR|runtime error" "$artifacts/log.txt" | tail -30 || true
  else
    grep -E "^stat::number_of_executed_units|^cov:|DONE" "$artifacts/log.txt" | tail -2 || true
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz.sh: findings in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: no findings"
