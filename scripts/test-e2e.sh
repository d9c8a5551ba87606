#!/usr/bin/env bash
# End-to-end tests: Playwright drives Debian's Chromium against the release dist/, served by a plain
# static server from a sub-folder (target/e2e-root/tools/zrz -> dist) as an intranet host would.
# E2E_DIST and E2E_PORT let several checkouts or builds be tested side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(realpath "${E2E_DIST:-dist}")
# A free port unless one is given, so a server left running elsewhere cannot fail the run.
export E2E_PORT=${E2E_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
[ -f "$dist/index.html" ] || { echo "$dist is missing: run 'make build' first" >&2; exit 1; }
export E2E_ROOT=$PWD/target/e2e-root-$E2E_PORT
rm -rf "$E2E_ROOT"
mkdir -p "$E2E_ROOT/tools"
ln -s "$dist" "$E2E_ROOT/tools/zrz"
exec npx playwright test --config tests/e2e/playwright.config.ts "$@"
