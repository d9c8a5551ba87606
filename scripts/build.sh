#!/usr/bin/env bash
# Builds the release app into dist/: the department's first page (index.html, small) and the full app
# (full.html, every page), each a trunk build of its own, merged into one folder. Their hashed file
# names never clash; the static files both copy are the same.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
rm -rf target/dist-index target/dist-full
trunk build --release=true --dist target/dist-index index.html
trunk build --release=true --dist target/dist-full full.html
# trunk names its page index.html whatever the source page was called.
mv target/dist-full/index.html target/dist-full/full.html
rm -rf dist.new
mkdir dist.new
cp -r target/dist-index/. dist.new/
cp -rn target/dist-full/. dist.new/
rm -rf dist
mv dist.new dist
echo "built dist/ (index.html, full.html)"
