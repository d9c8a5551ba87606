//! The exchange crate's integration tests, one crate so the library links once.

mod bad_files;
mod docs;
mod errors;
mod extras;
mod files;
mod merge;
mod office;
mod office_review;
mod props;
mod reader;
mod review_loop;
mod support;

/// A path from the repository's root (docs, the published schema).
pub fn repo(relative: &str) -> String {
    format!("{}/../../{relative}", env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository's `tests/fixtures/`, shared with the end-to-end tests.
pub fn fixture(relative: &str) -> String {
    repo(&format!("tests/fixtures/{relative}"))
}
