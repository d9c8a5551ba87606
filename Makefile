# Two commands: `make run` builds and serves the app, `make test` runs every test layer.
# Both install whatever is missing first (scripts/bootstrap.sh) and are quick when nothing is.
SHELL := /bin/bash
PORT ?= 8080
CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)

.PHONY: run test build tools test-tools lint test-native test-wasm test-e2e size

run: tools
	trunk build --release
	@echo "应用已构建到 dist/。在浏览器中打开： http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test: test-tools lint test-native test-wasm test-e2e
	@echo "make test: every layer passed"

tools:
	scripts/bootstrap.sh build

test-tools:
	scripts/bootstrap.sh test

build: tools
	trunk build --release

lint:
	cargo fmt --all --check
	cargo clippy --no-default-features --all-targets -- -D warnings
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test --no-default-features
	# The few tests of pure logic that lives beside components (form parsing) need the web feature.
	cargo test --lib ui::

test-wasm:
	scripts/test-wasm.sh

test-e2e: build
	scripts/test-e2e.sh

size: build
	scripts/measure-size.sh
