#!/usr/bin/env bash
# The browser modules' tests (tests/web.rs), compiled to wasm and run in headless Chromium through
# wasm-bindgen-test-runner and Debian's chromedriver (webdriver.json names the browser and flags).
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cargo test --target wasm32-unknown-unknown --features full --test web
