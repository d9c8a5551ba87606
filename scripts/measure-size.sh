#!/usr/bin/env bash
# Measures what a first visit downloads from the release build and writes it to docs/size.md.
# Run by `make size` after `make build`; numbers, not assertions: budgets belong to a later issue.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "dist/ is missing: run 'make build' first" >&2; exit 1; }
row() { printf '| `%s` | %s | %s |\n' "$1" "$(wc -c < "$2")" "$(gzip -9c "$2" | wc -c)"; }
{
  echo "# Download size of the release build"
  echo
  echo "Measured by \`scripts/measure-size.sh\` on $(date -u +%Y-%m-%d) from \`dist/\` (commit $(git rev-parse --short HEAD))."
  echo "Bytes; gzip at level 9 approximates what a server with compression sends."
  echo
  echo "| file | raw | gzip |"
  echo "| --- | ---: | ---: |"
  total_raw=0; total_gz=0
  for f in dist/index.html dist/boot.js dist/start-*.js dist/zrz-*.js dist/zrz-*_bg.wasm dist/*.css; do
    row "${f#dist/}" "$f" | sed -E 's/`(zrz|start|main|rating|exchange)-[0-9a-f]+/`\1-…/'
    total_raw=$((total_raw + $(wc -c < "$f"))); total_gz=$((total_gz + $(gzip -9c "$f" | wc -c)))
  done
  echo "| **first visit** | **$total_raw** | **$total_gz** |"
} > docs/size.md
cat docs/size.md
