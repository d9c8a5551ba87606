#!/usr/bin/env bash
# Installs what `make run` (mode "build"), `make test` (mode "test") or `make bench` (mode "bench":
# the build's tools and Chromium) needs, and nothing that is already there. Every version is pinned here or in Cargo.lock / package-lock.json.
set -euo pipefail
mode=${1:-build}
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or the generated glue won't match.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  # trunk 0.22 needs a newer rustc than this machine's; 0.21.14 is the last that builds here.
  say "installing trunk $TRUNK_VERSION"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: with it the install fails on a dependency the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# binaryen (wasm-opt), terser and csso (scripts/minify.mjs) and Playwright come from npm, pinned in
# package-lock.json. Debian's wasm-opt (binaryen 108) emits a module that dies at start-up, so the
# npm one must come first on PATH.
if ! npm ls --silent >/dev/null 2>&1 || [ ! -x node_modules/.bin/wasm-opt ]; then
  say "installing npm packages (binaryen, terser, csso, Playwright)"
  npm ci --no-audit --no-fund
fi

# trunk runs offline (Trunk.toml): every crate must be in the local registry cache.
cargo fetch --locked >/dev/null

if [ "$mode" = test ] || [ "$mode" = bench ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

if [ "$mode" = test ]; then
  # The print tests read the printed PDF's text and pages (pdftotext, pdftoppm).
  if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
    say "installing Debian's poppler-utils (pdftotext, pdftoppm)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  fi
  # The tests open every workbook and Word file we write in a real spreadsheet and word processor.
  scripts/install-libreoffice.sh
  # docs/summary.md's example query over the long table is run by a test with DuckDB.
  if ! python3 -c 'import duckdb' 2>/dev/null; then
    say "installing DuckDB (PyPI duckdb) for the long table's documented query"
    if ! python3 -m pip --version >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
    fi
    python3 -m pip install -q --break-system-packages duckdb 2>/dev/null || python3 -m pip install -q duckdb
  fi
  if ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "wasm-bindgen-test-runner is missing"; exit 1
  fi
fi
say "tools ready ($mode)"
