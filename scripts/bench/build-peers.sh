#!/usr/bin/env bash
# Builds the Vue + Element Plus peer once into target/peers/vue-element (npm install + vite build in
# a scratch copy under target/peers/, never in the repo or in the read-only shared folder). The
# vanilla peer is a single file and is served from PEERS_DIR as it is. Rebuilds only when the peer's
# sources are newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/../.."
peers=${PEERS_DIR:?PEERS_DIR must name the peers folder (scripts/bench.sh sets it)}
out=$PWD/target/peers/vue-element
src=$PWD/target/peers/vue-element-src
if [ -f "$out/index.html" ] && [ -z "$(find "$peers/vue-element" -newer "$out/index.html" -type f | head -1)" ]; then
  exit 0
fi
echo "build-peers: building the Vue peer into $out"
rm -rf "$src" "$out"
mkdir -p "$src"
cp -r "$peers/vue-element/." "$src/"
chmod -R u+w "$src"
(cd "$src" && npm install --no-audit --no-fund --loglevel=error && npx vite build --outDir "$out" --emptyOutDir --logLevel warn)
