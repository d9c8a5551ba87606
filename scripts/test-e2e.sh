#!/usr/bin/env bash
# End-to-end tests: Playwright drives Debian's Chromium against the release dist/, served by a plain
# static server from a sub-folder (target/e2e-root/tools/zrz -> dist) as an intranet host would.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "dist/ is missing: run 'make build' first" >&2; exit 1; }
root=target/e2e-root
rm -rf "$root"
mkdir -p "$root/tools"
ln -s "$PWD/dist" "$root/tools/zrz"
exec npx playwright test --config tests/e2e/playwright.config.ts "$@"
