//! **API Boundary:** the only place that knows the JSON layouts that leave the app's memory: the
//! exchange file format and the localStorage record. Both are versioned; see `docs/format.md`.
//!
//! Code map:
//! - `envelope`: the file's header fields and the five kinds of content ([`Kind`], [`Content`]);
//!   `office`: the office's two kinds, [`FindingsFile`] (核查意见) and [`Workspace`] (汇总工作区).
//! - `import/`: the pipeline [`import`] = `check_size` → `decode_text` → `parse_json` →
//!   `parse_envelope` → `check_version` → `migrate` → `verify_checksum` → `validate` →
//!   `check_template`, and its result [`Imported`].
//! - `error`: [`ImportError`], whose every variant says where and what, with typed parameters.
//! - `migrate`: the migration registries' type and the exchange registry [`MIGRATIONS`].
//! - `extras`: the fields of a record this version does not know, kept and written back.
//! - `merge/`: one record-by-record comparison (`compare`) behind [`plan_import`] / [`apply_merge`]
//!   (a colleague's or a department's file), [`plan_restore`] (a backup's preview),
//!   [`apply_annual_plan`] (a new 年度方案) and [`apply_findings`] (the office's 核查意见).
//! - `export/`: [`export_assessment`] and the other writers, sanitising, [`verify_export`], file names.
//! - `undo`: [`UndoPoint`], the state before an import, kept so the import can be undone.
//! - `state`: the localStorage record [`StoredState`]; `tabs`: merging it when two tabs both write.
//! - `reader`: [`reader::Opened`], a department file as the office reads it, and the messages of the
//!   reader worker that reads files off the page's thread.
//! - `canonical`, `path`: the checksum rule, field paths and record identities in files.
//!
//! **Architecture Invariant:** nothing here reads the clock, the browser or the file system. Export
//! times, the app's version and the bytes of a file are passed in; strings are passed out.

// The benchmark's record generator, included by the tests, names this crate from outside.
#[cfg(test)]
extern crate self as zrz_exchange;

pub mod canonical;
pub mod encrypted;
pub mod envelope;
pub mod error;
pub mod export;
pub mod extras;
pub mod import;
pub mod merge;
pub mod migrate;
pub mod office;
pub mod path;
pub mod reader;
mod shape;
pub mod state;
pub mod store;
pub mod sync;
pub mod undo;

pub use envelope::{AnnualPlan, Content, ExportMeta, Header, Kind};
pub use error::{
    Encoding, EnvelopeProblem, ImportError, JsonType, Location, LooksLike, SyntaxProblem,
    ValueProblem,
};
pub use export::{
    annual_plan_file_name, assessment_file_name, backup_file_name, findings_file_name,
    workspace_file_name,
};
pub use export::{
    export_annual_plan, export_assessment, export_backup, export_findings, export_workspace,
    verify_export,
};
pub use extras::{Extras, Unknown};
pub use import::{
    import, read_file, read_value, ChecksumStatus, HeaderField, ImportWarning, Imported,
    TemplateMatch,
};
pub use merge::{
    apply_annual_plan, apply_findings, apply_merge, apply_workspace, plan_import, plan_merge,
    plan_restore, plan_workspace, AnnualPlanUpdate, Change, Choices, FindingsUpdate, Input,
    MergeCounts, MergeEntry, MergeError, MergePlan, Merged, OfficeReviewChange, Receipt,
    ReceiveError, RestoreChange, RestorePlan, RestoreRow, Side, Version, WorkspacePlan,
};
pub use migrate::{Migration, MigrationError, MigrationReason, MIGRATIONS};
pub use office::{FileRef, FindingsFile, Received, ReceivedFile, Scores, Workspace};
pub use path::{Difference, ItemRef};
pub use state::{StateError, StoredState};
pub use undo::UndoPoint;
pub use zrz_domain::record::{RecordKey, RecordKind};

/// The `format` tag of every exchange file.
pub const FORMAT: &str = "zrz-exchange";

/// The layout version this app writes, and the newest it reads.
///
/// To bump it (any change an older app would misread, not merely a new field with a default):
/// (1) add `Migration { from: FORMAT_VERSION, .. }` to [`MIGRATIONS`], a pure function on the
/// envelope's JSON; (2) save a file exported by the current version as
/// `tests/fixtures/exchange/v{N}_*.json` before changing anything, and never edit old fixtures;
/// (3) copy `public/schema/zrz-exchange-v{N}.schema.json` to the new number and update it;
/// (4) add the step to the history and example in `docs/format.md`. The registry test
/// `the_exchange_registry_is_contiguous_and_ends_at_the_format_version` fails until (1) is done.
pub const FORMAT_VERSION: u32 = 3;

/// Files larger than this are refused before they are read. Real files are well under 1 MiB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The limit for a 汇总工作区, which holds every department's files (imported with
/// `expect = Some(Kind::Workspace)`).
pub const MAX_WORKSPACE_BYTES: usize = 64 * 1024 * 1024;
/// Deepest nesting accepted; our layouts go about 10 levels deep.
pub const MAX_DEPTH: usize = 32;
/// Longest text accepted in one field, in characters.
pub const MAX_STRING_CHARS: usize = 20_000;
/// Most entries accepted in one list or map (answers, people, evidence …).
pub const MAX_ENTRIES: usize = 5_000;
/// Longest item id accepted, in characters.
pub const MAX_ID_CHARS: usize = 64;
