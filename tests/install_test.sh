#!/bin/bash
# cmake --install end to end: the installed ladder (binary, data, compiled
# default snapshot) codes from any directory, moved to another prefix too,
# exactly the events the build tree's ladder codes; LADDER_DATA overrides
# the place; a wrong LADDER_DATA is one error line and exit 1.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; fail "cmake --install failed"; }
for f in bin/ladder share/ladder/data/codes.txt share/ladder/countries_iso.txt \
         share/ladder/default.ldict; do
  [ -e "$tmp/prefix/$f" ] || fail "not installed: $f"
done

input="$source/examples/news.jsonl"
"$build/ladder" code -q "$input" > "$tmp/expected.jsonl"
[ -s "$tmp/expected.jsonl" ] || fail "the build tree's ladder coded nothing"

# From another directory, and moved to another prefix: found beside the binary.
mkdir -p "$tmp/elsewhere"
mv "$tmp/prefix" "$tmp/moved"
(cd "$tmp/elsewhere" && "$tmp/moved/bin/ladder" code -q "$input" > "$tmp/installed.jsonl")
cmp -s "$tmp/expected.jsonl" "$tmp/installed.jsonl" ||
  fail "the installed ladder codes other events than the build tree's"
(cd / && "$tmp/moved/bin/ladder" dict stats > /dev/null) || fail "dict stats from / failed"

# LADDER_DATA names the data root; a wrong one is an error naming it.
cp "$tmp/moved/bin/ladder" "$tmp/elsewhere/ladder"
(cd "$tmp/elsewhere" && LADDER_DATA="$tmp/moved/share/ladder" ./ladder code -q "$input" \
   > "$tmp/env.jsonl")
cmp -s "$tmp/expected.jsonl" "$tmp/env.jsonl" || fail "LADDER_DATA: other events"
set +e
(cd "$tmp/elsewhere" && ./ladder code -q "$input" > /dev/null 2> "$tmp/err.txt")
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "a ladder without data exits $rc, not 1"
grep -q "set LADDER_DATA" "$tmp/err.txt" || fail "no hint in: $(cat "$tmp/err.txt")"
set +e
(LADDER_DATA="$tmp/nowhere" "$tmp/moved/bin/ladder" code -q "$input" > /dev/null 2> "$tmp/err.txt")
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "a wrong LADDER_DATA exits $rc, not 1"
grep -q "LADDER_DATA=$tmp/nowhere" "$tmp/err.txt" || fail "error does not name LADDER_DATA"
echo "install_test: ok"
