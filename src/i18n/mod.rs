//! Every word the interface shows, in Chinese (the default) and English.
//!
//! One typed table per language ([`zh::TEXTS`], [`en::TEXTS`]), one field per string, grouped by
//! page: a string missing from a language is a compile error, not a blank on screen. Strings with
//! figures in them are functions. The plan's own text, and what users typed, are never translated.
//! Errors and statuses from the domain and the importer arrive as codes with parameters and are
//! worded here, in [`Texts`]'s functions, so a third language needs no change anywhere else.
//!
//! The language is chosen once per page load ([`lang`]); switching it stores the choice and reloads
//! the page (every answer is in storage, so nothing is lost), which keeps every view free of
//! per-string reactivity.

mod en;
mod zh;

use std::sync::OnceLock;

use zrz_domain::record::{Grade, RaterRole, Response};
use zrz_domain::Dimension;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_key(key: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The `lang` attribute of the document.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &zh::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language for this page load (first call wins).
pub fn init(lang: Lang) {
    let _ = LANG.set(lang);
}

pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::Zh)
}

/// The strings of the page load's language.
pub fn t() -> &'static Texts {
    lang().texts()
}

pub struct Texts {
    pub common: Common,
    pub shell: Shell,
    pub welcome: Welcome,
    pub overview: Overview,
    pub checklist: Checklist,
    pub plan: PlanPage,
}

/// Words used on many pages, and the names of the domain's values.
pub struct Common {
    pub response: fn(Response) -> &'static str,
    pub dimension: fn(Dimension) -> &'static str,
    pub grade: fn(Grade) -> &'static str,
    pub role: fn(RaterRole) -> &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    pub edit: &'static str,
    pub close: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub none: &'static str,
    pub not_saved: &'static str,
    pub red_line: &'static str,
    pub overdue: &'static str,
    /// "第 3 行" style dates are ISO everywhere; this is the word for "due" in lists.
    pub due_on: fn(&str) -> String,
    pub owner: &'static str,
    pub item_link: fn(&str) -> String,
    /// A field error from the domain, worded (its text is still Chinese until the domain's
    /// messages become codes).
    pub read_only_received: &'static str,
    /// The first line of a printed page: unit, department, year, and when it was printed.
    pub printed_for: fn(&str, &str, i32, &str) -> String,
    /// The same where no unit is set yet (方案原文 on the office's computer).
    pub printed_at: fn(&str) -> String,
}

pub struct Shell {
    pub app_title_sub: &'static str,
    pub skip_to_main: &'static str,
    pub main_nav: &'static str,
    pub nav_overview: &'static str,
    pub nav_checklist: &'static str,
    pub nav_plan: &'static str,
    pub nav_ledger: &'static str,
    pub nav_rating: &'static str,
    pub nav_exchange: &'static str,
    pub nav_rectification: &'static str,
    pub nav_summary: &'static str,
    pub nav_settings: &'static str,
    pub nav_guide: &'static str,
    pub nav_scrolls: &'static str,
    pub language: &'static str,
    pub language_name: fn(Lang) -> &'static str,
    pub saved_locally: &'static str,
    pub saved_at: fn(&str) -> String,
    pub save_failed: &'static str,
    pub read_only: &'static str,
    pub save_failed_detail: fn(&str, usize) -> String,
    pub read_only_detail: fn(u32, u32) -> String,
    pub storage_fault: fn(&crate::browser::storage::StorageFault) -> String,
    pub unreadable_kept: fn(&str, &str, Option<&str>) -> String,
    pub upgraded: &'static str,
    pub sync_title: &'static str,
    pub sync_kept_ours: fn(&str) -> String,
    pub sync_kept_theirs: fn(&str) -> String,
    pub sync_take_other: &'static str,
    pub sync_dismiss: &'static str,
    pub record_name: fn(&zrz_domain::record::RecordKey) -> String,
    pub red_line_banner: fn(usize, &str) -> String,
    pub red_line_banner_lead: &'static str,
    pub view: &'static str,
    pub not_found_title: &'static str,
    pub not_found: fn(&str) -> String,
    pub back_to_overview: &'static str,
    pub loading_full: &'static str,
}

pub struct Welcome {
    pub title: &'static str,
    pub lead: &'static str,
    pub who_title: &'static str,
    pub role_department: &'static str,
    pub role_department_hint: &'static str,
    pub role_office: &'static str,
    pub role_office_hint: &'static str,
    pub role_both: &'static str,
    pub role_both_hint: &'static str,
    pub steps_title: &'static str,
    pub department_steps: [&'static str; 5],
    pub office_steps: [&'static str; 3],
    pub setup_title: &'static str,
    pub setup_lead: &'static str,
    pub unit: &'static str,
    pub unit_hint: &'static str,
    pub department: &'static str,
    pub department_hint: &'static str,
    pub filled_by: &'static str,
    pub filled_by_hint: &'static str,
    pub year: &'static str,
    pub year_not_a_number: &'static str,
    pub start: &'static str,
    pub saved: &'static str,
    pub role_store_failed: fn(&str) -> String,
}

pub struct Overview {
    pub title: &'static str,
    pub who: fn(&str, &str, i32, &str) -> String,
    pub score_label: &'static str,
    pub score_hint: &'static str,
    pub progress_label: &'static str,
    pub progress_hint: &'static str,
    pub red_lines_label: &'static str,
    pub red_lines_none_answered: &'static str,
    pub red_lines_occurred: fn(usize) -> String,
    pub red_lines_clear: &'static str,
    pub red_lines_open: fn(usize, usize) -> String,
    pub red_lines_all_answered: &'static str,
    pub red_line_warning: &'static str,
    pub chapters_title: &'static str,
    pub col_chapter: &'static str,
    pub col_progress: &'static str,
    pub col_answered: &'static str,
    pub col_points: &'static str,
    pub overdue_title: &'static str,
    pub overdue_row: fn(&str, &str, &str) -> String,
    pub drafts_title: &'static str,
    pub drafts_hint: &'static str,
    pub last_export: fn(&str, i64, usize) -> String,
    pub never_exported: &'static str,
    pub backup_never: fn(u32) -> String,
    pub backup_overdue: fn(i64, u32) -> String,
    pub go_export: &'static str,
}

pub struct Checklist {
    pub next_unanswered: &'static str,
    pub all_answered: &'static str,
    pub filters: &'static str,
    pub filter: fn(zrz_domain::checklist::ItemFilter) -> &'static str,
    pub filtered_title: fn(&str) -> String,
    pub filter_empty: &'static str,
    pub chapters: &'static str,
    pub dimension_title: &'static str,
    pub red_line_badge: &'static str,
    pub overdue_badge: fn(&str) -> String,
    pub quota: fn(u32, &str) -> String,
    pub legend_occurred: &'static str,
    pub legend_response: &'static str,
    pub reason: &'static str,
    pub occurred_on: &'static str,
    pub note_occurred: &'static str,
    pub note: &'static str,
    pub more: &'static str,
    pub evidence: &'static str,
    pub evidence_what: &'static str,
    pub evidence_where: &'static str,
    pub evidence_doc_no: &'static str,
    pub evidence_add: &'static str,
    pub evidence_remove: fn(usize) -> String,
    pub owner: &'static str,
    pub due: &'static str,
    pub done: &'static str,
    pub flagged: &'static str,
    pub draft_kept: &'static str,
    pub discard_draft: &'static str,
    pub other_window: &'static str,
}

pub struct PlanPage {
    pub to_checklist: fn(&str) -> String,
}
