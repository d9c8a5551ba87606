# Two commands: `make run` builds and serves the app, `make test` runs every test layer.
# Both install whatever is missing first (scripts/bootstrap.sh) and are quick when nothing is.
SHELL := /bin/bash
PORT ?= 8080
CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)

.PHONY: run test build tools test-tools bench-tools lint test-native test-wasm test-e2e size size-check bench bench-quick

run: tools
	scripts/build.sh
	@echo "应用已构建到 dist/。在浏览器中打开： http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test: test-tools lint test-native test-wasm test-e2e size-check
	@echo "make test: every layer passed"

tools:
	scripts/bootstrap.sh build

test-tools:
	scripts/bootstrap.sh test

bench-tools:
	scripts/bootstrap.sh bench

build: tools
	scripts/build.sh

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --features zrz/full -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p zrz --all-targets --features full -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p zrz --bins -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p zrz-unlzma -- -D warnings

# The domain and exchange crates link no browser crate; the app's pure modules (routes, form
# parsing) are tested natively too; so are the build scripts' pure parts (scripts/test_*.py).
test-native:
	cargo test --workspace --features zrz/full
	python3 -m unittest discover --start-directory scripts --pattern 'test_*.py'

test-wasm:
	scripts/test-wasm.sh

test-e2e: build
	scripts/test-e2e.sh

size: build
	scripts/measure-size.sh

# The size budget (issue 14): fails when the first page's wasm as fetched (.lzma), or its whole first
# visit, is over budget; prints the full page and the one-file build too. Deterministic (LZMA and
# gzip -9 without a timestamp). Part of `make test`.
size-check: build
	python3 scripts/size-check.py dist

# The app beside two peer implementations of its checklist page, written to docs/benchmarks.md
# (docs/testing.md, section Benchmarks). Never part of `make test`. RUNS=N alternating runs.
RUNS ?= 3
bench: bench-tools build
	RUNS=$(RUNS) scripts/bench.sh

# One run, no Lighthouse, short criterion runs, written to target/bench/: for checking the harness.
bench-quick: bench-tools build
	RUNS=1 QUICK=1 scripts/bench.sh --lighthouse 0 --doc target/bench/benchmarks-quick.md
