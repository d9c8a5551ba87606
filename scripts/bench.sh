#!/usr/bin/env bash
# `make bench`: measures the app beside the two peer implementations of its checklist page and
# writes docs/benchmarks.md. Never part of `make test`. Steps: find the peers, build the Vue peer
# (once), generate the data (scripts' generator in crates/exchange/examples/bench_data), run the
# criterion benches (crates/bench), then the browser and Lighthouse runs (scripts/bench/run.cjs).
#
# RUNS=N (default 3) alternating runs; QUICK=1 for a short run (criterion 1 s + 2 s per bench);
# any further arguments go to run.cjs (e.g. --lighthouse 0, --skip-office, --samples 20).
# PEERS_DIR: the peers folder; default ../shared/peers beside the repo (for a git worktree, beside
# its main checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
say() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }

if [ -z "${PEERS_DIR:-}" ]; then
  main_checkout=$(dirname "$(git rev-parse --path-format=absolute --git-common-dir)")
  for candidate in ../shared/peers "$main_checkout/../shared/peers"; do
    if [ -f "$candidate/measure/serve_gzip.py" ]; then PEERS_DIR=$(realpath "$candidate"); break; fi
  done
fi
if [ -z "${PEERS_DIR:-}" ] || [ ! -f "$PEERS_DIR/measure/serve_gzip.py" ] || [ ! -d "$PEERS_DIR/vue-element" ] || [ ! -f "$PEERS_DIR/vanilla/index.html" ]; then
  echo "bench: the peers are missing. Set PEERS_DIR to the folder holding vue-element/, vanilla/ and measure/ (default: ../shared/peers beside the repo)." >&2
  exit 1
fi
export PEERS_DIR
[ -f dist/index.html ] || { echo "bench: dist/ is missing: run 'make build' first" >&2; exit 1; }

scripts/bench/build-peers.sh

say "generating the data"
data=target/bench/data
rm -rf "$data"
mkdir -p "$data"
cargo build -q -p zrz-exchange --example bench_data
gen="$CARGO_TARGET_DIR/debug/examples/bench_data"
for scale in 0 1 5 10; do
  "$gen" --scale "$scale" --out "$data/year-${scale}x.json"
  "$gen" --kind store --scale "$scale" --out "$data/store-${scale}x.json"
done
"$gen" --kind assessment --departments 300 --out "$data/office"

say "criterion benches (crates/bench)"
rm -rf "$CARGO_TARGET_DIR/criterion"
criterion_args=()
[ "${QUICK:-0}" = 1 ] && criterion_args=(--warm-up-time 1 --measurement-time 2)
log=target/bench/criterion.log
if ! (cd crates/bench && cargo bench --bench domain -- "${criterion_args[@]}") >"$log" 2>&1; then
  tail -30 "$log" >&2
  echo "bench: the criterion benches failed (whole log: $log)" >&2
  exit 1
fi
grep -E '^[a-z_0-9]+ +time:' "$log" || true

say "browser runs (RUNS=${RUNS:-3})"
node scripts/bench/run.cjs "$@"
