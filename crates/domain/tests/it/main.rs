//! The domain crate's integration tests, one crate so the library links once. `support` holds the
//! builders the modules share.

mod checklist;
mod consolidate;
mod demo;
mod keydates;
mod ledger;
mod people_edit;
mod quota;
mod rating;
mod rating_settings;
mod report;
mod review;
mod support;
mod template_plan;
mod template_validation;
mod todo;
