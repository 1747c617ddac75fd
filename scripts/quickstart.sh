#!/usr/bin/env bash
# Installs dependencies, builds ladder and runs its main job on the bundled
# example: code the news in examples/news.jsonl into events, store them in
# SQLite (quickstart.db) and show the Russia-North Korea dyad.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DLADDER_BENCH=OFF -DLADDER_TESTS=OFF >/dev/null
cmake --build build --target ladder
./build/ladder code examples/news.jsonl -o examples-events.jsonl
echo "--- events coded from examples/news.jsonl (first 5 of $(wc -l < examples-events.jsonl)):"
head -n 5 examples-events.jsonl
if ./build/ladder --help | grep -q "ingest"; then
  rm -f quickstart.db
  ./build/ladder ingest --db quickstart.db examples-events.jsonl
  if ./build/ladder --help | grep -q " dyad"; then
    echo "--- monthly RUS-PRK dyad series from quickstart.db:"
    ./build/ladder dyad RUS PRK --db quickstart.db --by month
  fi
fi
