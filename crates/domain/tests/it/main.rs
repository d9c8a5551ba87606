//! The domain crate's integration tests, one crate so the library links once.

mod checklist;
mod people_edit;
mod rating;
mod rating_settings;
mod template_plan;
mod template_validation;
