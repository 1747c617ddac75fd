#!/usr/bin/env bash
# Installs dependencies, builds ladder with AddressSanitizer +
# UndefinedBehaviorSanitizer and runs every test under them (unit, golden,
# CLI end-to-end, store, analytics, the PETRARCH suite floor).
# Before that, every libFuzzer target (tests/fuzz, clang) runs for
# LADDER_TEST_FUZZ_SECONDS seconds (default 10; 0 skips) on its seeds: a
# crash, leak or undefined behaviour fails the run.
# LADDER_TEST_PLAIN=1 also builds and tests an optimized build without
# sanitizers first (twice the build time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
if [[ "${LADDER_TEST_PLAIN:-0}" == 1 ]]; then
  cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Release -DLADDER_BENCH=OFF >/dev/null
  cmake --build build-test -j "$jobs"
  (cd build-test && ctest --output-on-failure -j "$jobs")
fi
fuzz_seconds="${LADDER_TEST_FUZZ_SECONDS:-10}"
if [[ "$fuzz_seconds" != 0 ]]; then
  JOBS="$jobs" bash scripts/fuzz.sh "$fuzz_seconds"
fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1" \
  -DLADDER_SANITIZE=ON -DLADDER_BENCH=OFF >/dev/null
cmake --build build-asan -j "$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j "$jobs")
