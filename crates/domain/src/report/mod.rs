//! Reports drafted from a record: typed structures the app renders (on screen, printed, .docx), so
//! the content rules live here and the wording in the app's languages.

pub mod self_report;

pub use self_report::*;
