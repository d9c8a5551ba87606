#!/usr/bin/env bash
# Builds the release app into dist/: the department's first page (index.html, small) and the full app
# (full.html, every page), each a trunk build of its own, merged into one folder. Their hashed file
# names never clash; the static files both copy are the same. Then, from the merged folder: the
# one-file version of the full app (zrz-single.html, for use from disk), the pages' scripts and style
# sheets minified, IIS's web.config and the service worker (sw.js) that keeps both pages for offline
# use.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
rm -rf target/dist-index target/dist-full
trunk build --release=true --dist target/dist-index index.html
trunk build --release=true --dist target/dist-full full.html
# trunk names its output index.html whatever the source page is called.
mv target/dist-full/index.html target/dist-full/full.html
rm -rf dist.new
mkdir dist.new
cp -r target/dist-index/. dist.new/
cp -rn target/dist-full/. dist.new/
# The one-file version (from full.html), IIS's web.config, and last the service worker, whose version
# covers every file it caches.
python3 scripts/make-single.py dist.new
# The scripts and style sheets the pages load, minified (after make-single.py, which reads them as
# trunk wrote them; before make-sw.py, whose version covers them as served).
node scripts/minify.mjs dist.new
python3 scripts/make-web-config.py dist.new
python3 scripts/make-sw.py dist.new
rm -rf dist
mv dist.new dist
echo "built dist/ (index.html, full.html, sw.js, web.config, zrz-single.html)"
