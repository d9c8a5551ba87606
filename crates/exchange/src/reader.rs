//! What the office reads of a department's file ([`Opened`]), and the messages between the page and
//! the reader worker that reads files off the page's thread.
//!
//! Reading a realistic file through the import pipeline takes a tenth of a second to more than half
//! a second in the browser; the office reads hundreds. The full app therefore hands the text to a
//! worker (`src/bin/reader.rs`), which answers with the [`Opened`] file as JSON: what the page then
//! parses is the plain record, without envelope, migration, checksum or validation. Where no worker
//! can start (the one-file version from disk), the page reads in-thread with the same functions.
//!
//! **Architecture Invariant:** the worker and the page read a file with the same function
//! ([`Opened::read_value`]); [`answer`] only adds the message around it, so the two can never
//! disagree on what a file holds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::import::{
    compare_templates, parse_json, read_value, ChecksumStatus, Imported, TemplateMatch,
};
use crate::merge::ReceiveError;
use crate::office::Received;
use zrz_domain::consolidate::DepartmentFile;
use zrz_domain::plan::{Template, TemplateRef};
use zrz_domain::record::Assessment;
use zrz_domain::review::Review;

/// The wire between the page and the worker: bump when a request or [`Opened`] changes, so that a
/// page never talks to a worker of another build (a cached older `reader.js`): it reads in-thread
/// instead.
pub const WIRE: &str = concat!("zrz-reader/1/", env!("CARGO_PKG_VERSION"));

/// A department's file read for the office's pages: its record, and what its header said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opened {
    pub assessment: Assessment,
    #[serde(default, with = "zrz_domain::iso::opt_time")]
    pub exported_at: Option<DateTime<Utc>>,
    pub sanitized: bool,
    pub template: TemplateRef,
    pub checksum: ChecksumStatus,
}

impl Opened {
    /// The assessment a file carries, with its header; `None` for another kind of file.
    pub fn of(imported: &Imported) -> Option<Opened> {
        Some(Opened {
            assessment: imported.assessment()?.clone(),
            exported_at: Some(imported.header.exported_at),
            sanitized: imported.header.sanitized,
            template: imported.header.template.clone(),
            checksum: imported.checksum.clone(),
        })
    }

    /// The file for the domain's consolidation, with the office's review of it.
    pub fn file<'a>(&'a self, review: &'a Review) -> DepartmentFile<'a> {
        DepartmentFile {
            assessment: &self.assessment,
            review: Some(review),
            exported_at: self.exported_at,
            sanitized: self.sanitized,
        }
    }

    /// How its template compares with `template` (the office's).
    pub fn template_match(&self, template: &Template) -> TemplateMatch {
        compare_templates(&self.template, template)
    }

    /// A department's file (already JSON) through the import pipeline; refused, as receiving
    /// refuses it, when it does not read or is not a 科室自评.
    pub fn read_value(file: Value) -> Result<Opened, ReceiveError> {
        let imported = read_value(file).map_err(ReceiveError::Unreadable)?;
        Opened::of(&imported).ok_or(ReceiveError::NotAnAssessment(imported.header.kind))
    }
}

/// What the page asks the worker to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// A department's file, its text as received (decoded, not encrypted).
    File,
    /// A record of the office's store (a [`Received`] as JSON): its file in force.
    Record,
}

impl Request {
    pub fn name(self) -> &'static str {
        match self {
            Request::File => "file",
            Request::Record => "record",
        }
    }

    pub fn from_name(name: &str) -> Option<Request> {
        match name {
            "file" => Some(Request::File),
            "record" => Some(Request::Record),
            _ => None,
        }
    }
}

/// The worker's answer to `request` about `text`: the [`Opened`] file as JSON, or `None` when it
/// does not read as a 科室自评 (the page then reads it in-thread, for the error in its words).
pub fn answer(request: &str, text: &str) -> Option<String> {
    let file = match Request::from_name(request)? {
        Request::File => parse_json(text).ok()?,
        Request::Record => serde_json::from_str::<Received>(text).ok()?.current.file,
    };
    let opened = Opened::read_value(file).ok()?;
    Some(serde_json::to_string(&opened).expect("an opened file serialises"))
}

/// The worker's answer, read back by the page: `None` when it is not one (the page reads in-thread).
pub fn parse_answer(json: &str) -> Option<Opened> {
    serde_json::from_str(json).ok()
}
