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

// The English tables are the full app's: the first page in English opens full.html (see
// `shell::mount`), so that no English string is in the first page's download.
#[cfg(feature = "full")]
mod en;
pub mod errors;
#[cfg(feature = "full")]
pub mod exchange;
#[cfg(feature = "full")]
pub mod guide;
pub mod ledger;
pub mod review;
pub mod scoring;
#[cfg(feature = "full")]
pub mod summary;
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
            #[cfg(feature = "full")]
            Lang::En => &en::TEXTS,
            // Not reached: the first page in English hands over to full.html before it renders.
            #[cfg(not(feature = "full"))]
            Lang::En => &zh::TEXTS,
        }
    }

    /// Whether this build has the language's strings (the first page has Chinese only).
    pub fn is_built_in(self) -> bool {
        cfg!(feature = "full") || self == Lang::Zh
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
    /// Errors and statuses of the domain and the importer, worded from their codes.
    pub errors: errors::ErrorTexts,
    pub ledger: ledger::LedgerTexts,
    #[cfg(feature = "full")]
    pub ledger_page: ledger::LedgerPageTexts,
    #[cfg(feature = "full")]
    pub rating: RatingTexts,
    #[cfg(feature = "full")]
    pub settings: SettingsTexts,
    #[cfg(feature = "full")]
    pub guide: guide::GuideTexts,
    pub rect: review::RectNote,
    #[cfg(feature = "full")]
    pub review: review::ReviewTexts,
    #[cfg(feature = "full")]
    pub summary: summary::SummaryTexts,
    #[cfg(feature = "full")]
    pub exchange: exchange::ExchangeTexts,
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
    pub read_only_received: &'static str,
    /// Between the items of a list in running text: "、" / ", ".
    pub list_sep: &'static str,
    /// Between clauses: "；" / "; ".
    pub clause_sep: &'static str,
    /// Between a label and what it labels: "：" / ": ".
    pub colon: &'static str,
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
    pub saving: &'static str,
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

#[cfg(feature = "full")]
pub use full::*;

/// The strings of the pages only the full app has (kept out of the first page's build).
#[cfg(feature = "full")]
mod full {
    use zrz_domain::record::{EditError, Grade, RaterRole, ResponsibilityLevel};
    use zrz_domain::scoring::{
        AppliedVeto, CapRounding, EvidenceStatus, ExcellentShare, IgnoredRating, IndicatorError,
        SettingsError, Step, VetoKind,
    };
    use zrz_domain::Dimension;

    /// A dimension and its score, if it has one.
    pub type DimensionScore = (Dimension, Option<f64>);

    /// 德能勤绩廉评分.
    pub struct RatingTexts {
        pub title: &'static str,
        /// The lead, with who gives 上级评价.
        pub lead: fn(&str) -> String,
        /// (dimension weights, role weights, share %, rounding, superior rater)
        pub settings_summary: fn(&str, &str, &str, CapRounding, &str) -> String,
        pub change_settings: &'static str,
        pub weight_part: fn(&str, &str) -> String,

        pub people_title: &'static str,
        pub people_hint: &'static str,
        pub col_name: &'static str,
        pub col_post: &'static str,
        pub col_level: &'static str,
        pub col_ratings: &'static str,
        pub col_actions: &'static str,
        pub rating_count: fn(usize) -> String,
        /// (name, ratings of them, 互评 ratings they gave)
        pub confirm_remove_person: fn(&str, usize, usize) -> String,
        pub confirm_group: &'static str,
        pub confirm_delete: &'static str,
        pub edit_person_form: fn(&str) -> String,
        pub add_person_form: &'static str,
        pub add_person: &'static str,
        pub post_hint: &'static str,
        /// "主体责任（局领导班子）"
        pub level_option: fn(&str, &str) -> String,
        /// The plan's name of a level, in this language, where the department named none.
        pub level_default_label: fn(ResponsibilityLevel) -> &'static str,
        pub level_default_holder: fn(ResponsibilityLevel) -> &'static str,
        pub superior_default: &'static str,
        pub edit_error: fn(&EditError) -> String,

        pub raters_title: &'static str,
        pub raters_hint: &'static str,
        pub rater_is_person: &'static str,
        pub rater_unlisted: &'static str,
        pub rater_given: fn(usize) -> String,
        pub rater_name_of: fn(&str) -> String,
        pub add_rater_form: &'static str,
        pub rater_name: &'static str,
        pub add_rater: &'static str,
        pub remove_rater: fn(&str) -> String,
        pub confirm_remove_rater: fn(&str, usize) -> String,

        pub summary_title: &'static str,
        pub summary_hint: &'static str,
        pub col_total: &'static str,
        pub col_grade: &'static str,
        pub col_vetoes: &'static str,
        pub sort_hint: &'static str,
        pub veto_short: fn(&VetoKind) -> String,
        pub no_figure: &'static str,
        pub grade_open: &'static str,
        pub share: fn(&ExcellentShare) -> String,
        pub share_exceeded_lead: &'static str,
        pub share_exceeded_tail: &'static str,
        pub share_pending: &'static str,

        pub per_person_title: &'static str,
        pub no_people: &'static str,
        pub picker: &'static str,
        /// (name, post, level)
        pub result_heading: fn(&str, &str, &str) -> String,
        pub result_label: &'static str,
        pub grade_changed: fn(Grade, Grade) -> String,
        pub vetoes_title: &'static str,
        pub settings_invalid: fn(&str) -> String,
        pub missing_dimensions: fn(&str) -> String,
        pub renormalised: fn(&str) -> String,
        pub renormalised_item: fn(Dimension, &str) -> String,
        /// (dimension, role, rater, reason)
        pub ignored: fn(Dimension, RaterRole, &str, &str) -> String,
        pub how: &'static str,
        /// A step of "如何计算", worded from its detail (`scoring.rs`).
        pub step_text: fn(&Step) -> String,
        /// Why a veto applied, with its figures.
        pub veto_text: fn(&AppliedVeto) -> String,
        /// Why a rating did not count.
        pub ignored_reason: fn(&IgnoredRating) -> String,
        pub radar_label: fn(&[DimensionScore]) -> String,

        pub entry_title: &'static str,
        pub entry_hint: &'static str,
        pub dimension_block: fn(Dimension) -> String,
        pub weight: fn(&str) -> String,
        pub dimension_score: &'static str,
        pub role_note: fn(RaterRole, &str, &str) -> String,
        pub indicators_title: &'static str,
        pub indicators_mismatch: fn(&str) -> String,
        /// Why the indicators do not fit the template, worded.
        pub indicator_error: fn(&IndicatorError) -> String,
        pub evidence_status: fn(EvidenceStatus) -> &'static str,
        pub indicator_source: fn(&str, usize, usize) -> String,
        pub unanswered: &'static str,
        pub evidence_count: fn(usize) -> String,
        pub owner_is: fn(&str) -> String,
        pub flagged: &'static str,
        pub not_in_template: &'static str,
        pub no_peers: &'static str,
        pub cell_peer: fn(&str) -> String,
        /// Who gives 上级评价, after the entry hint.
        pub superior_by: fn(&str) -> String,
        pub not_rated: &'static str,
        pub by_score: &'static str,
        pub grade_option: fn(Grade, &str) -> String,
        pub score_of: fn(&str) -> String,
        pub score_placeholder: &'static str,
        pub score_empty: &'static str,
        pub score_not_a_number: fn(&str) -> String,
        pub not_saved_in_force: fn(&str, &str) -> String,
        pub read_only: &'static str,
    }

    /// 设置, with the 德能勤绩廉 settings editor.
    pub struct SettingsTexts {
        pub title: &'static str,
        pub profile_title: &'static str,
        pub profile_save: &'static str,

        pub rating_title: &'static str,
        pub rating_hint: &'static str,
        pub stored_invalid: fn(&str) -> String,
        pub dimension_weights: &'static str,
        pub role_weights: &'static str,
        pub grade_scores: &'static str,
        pub bands: &'static str,
        pub band_min: fn(Grade) -> String,
        pub band_max: fn(Grade) -> String,
        pub vetoes: &'static str,
        pub lian_veto: &'static str,
        pub red_line_cap: &'static str,
        pub cap_off: &'static str,
        pub responsible_levels: &'static str,
        pub share_title: &'static str,
        pub share_max: fn(&str) -> String,
        pub cap_rounding: &'static str,
        pub rounding: fn(CapRounding) -> &'static str,
        pub names_title: &'static str,
        pub names_hint: &'static str,
        pub level_label: fn(&str) -> String,
        pub level_holder: fn(&str) -> String,
        pub superior_rater: &'static str,
        pub sum: fn(&str) -> String,
        pub sum_unknown: &'static str,
        pub save: &'static str,
        pub defaults: &'static str,
        pub revert: &'static str,
        pub dirty: &'static str,
        pub saved: &'static str,
        pub unchanged: &'static str,
        pub defaults_filled: &'static str,
        pub reverted: &'static str,
        pub refused: fn(&str) -> String,
        /// The name of a settings field in messages: "“德”的权重".
        pub weight_of: fn(&str) -> String,
        pub grade_score_of: fn(Grade) -> String,
        pub share_max_name: &'static str,
        pub number_empty: fn(&str) -> String,
        pub number_not_a_number: fn(&str, &str) -> String,
        /// A settings error from the domain, worded from its problem (`scoring.rs`).
        pub settings_error: fn(&SettingsError) -> String,

        pub role_title: &'static str,
        pub role_hint: &'static str,
        pub role_saved: &'static str,
        pub language_hint: &'static str,

        pub storage_title: &'static str,
        pub storage_intro: &'static str,
        pub persisted: fn(Option<bool>) -> &'static str,
        /// (characters used, percent of the quota)
        pub usage: fn(usize, &str) -> String,
        pub usage_bar: &'static str,
        pub quarantined: &'static str,
        pub download_raw: &'static str,
        pub download_failed: fn(&str) -> String,
    }
}
