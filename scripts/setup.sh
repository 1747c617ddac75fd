#!/usr/bin/env bash
# Installs everything ladder needs to build and test, from Debian's packages.
# Idempotent: packages already present are left alone. Run as root.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config g++ clang libclang-rt-14-dev
  libutf8proc-dev nlohmann-json3-dev libsimdjson-dev libcli11-dev libfmt-dev
  libsqlite3-dev sqlite3 libpugixml-dev libre2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  wordnet-base iso-codes
  libgeonames0 libglib2.0-bin libglib2.0-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: all build and test dependencies are installed" >&2
