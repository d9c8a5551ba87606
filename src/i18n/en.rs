//! English. The plan's own text stays Chinese: it is the document being carried out.

use super::*;
use crate::browser::storage::StorageFault;
use zrz_domain::checklist::ItemFilter;
use zrz_domain::record::{RecordKey, RecordKind};

pub static TEXTS: Texts = Texts {
    common: COMMON,
    shell: SHELL,
    welcome: WELCOME,
    overview: OVERVIEW,
    checklist: CHECKLIST,
    plan: PLAN,
};

const COMMON: Common = Common {
    response: |r| match r {
        Response::Implemented => "Done",
        Response::Partial => "Partly done",
        Response::NotImplemented => "Not done",
        Response::NotApplicable => "Not applicable",
        Response::NotOccurred => "Did not occur",
        Response::Occurred => "Occurred",
    },
    dimension: |d| match d {
        Dimension::De => "Integrity",
        Dimension::Neng => "Ability",
        Dimension::Qin => "Diligence",
        Dimension::Ji => "Performance",
        Dimension::Lian => "Probity",
    },
    grade: |g| match g {
        Grade::Excellent => "Excellent",
        Grade::Competent => "Competent",
        Grade::BasicallyCompetent => "Basically competent",
        Grade::Incompetent => "Incompetent",
    },
    role: |r| match r {
        RaterRole::SelfReview => "Self",
        RaterRole::Peer => "Peer",
        RaterRole::Superior => "Superior",
    },
    save: "Save",
    cancel: "Cancel",
    delete: "Delete",
    edit: "Edit",
    close: "Close",
    yes: "Yes",
    no: "No",
    none: "None",
    not_saved: "(not saved yet)",
    red_line: "Accountability case",
    overdue: "Overdue",
    due_on: |d| format!("due {d}"),
    owner: "Owner",
    item_link: |id| format!("Item {id}"),
    read_only_received: "A received file, read only",
    printed_for: |unit, department, year, at| {
        format!("{unit} · {department} · {year} · printed {at}")
    },
    printed_at: |at| format!("Printed {at}"),
};

fn storage_fault(f: &StorageFault) -> String {
    match f {
        StorageFault::Unavailable => "The browser does not allow local storage (private mode, or a policy), so nothing can be saved. Export a file on Import/Export now.".into(),
        StorageFault::QuotaExceeded => "The browser's local storage is full and the latest changes were not saved. Export a file now, then clear other sites' data from the browser.".into(),
        StorageFault::VerifyFailed => "What was read back after saving differs from what was written; the latest changes may not be saved. Export a file now.".into(),
        StorageFault::Other(e) => format!("Saving failed: {e}. Export a file now."),
    }
}

fn record_name(key: &RecordKey) -> String {
    match key.kind {
        RecordKind::Profile => "Unit details".into(),
        RecordKind::RatingSettings => "Rating settings".into(),
        RecordKind::Answer => format!("Item {}", key.id),
        RecordKind::Person => "A cadre".into(),
        RecordKind::Rating => "A rating".into(),
        RecordKind::Entry => "A ledger entry".into(),
        RecordKind::Task => "A rectification task".into(),
        RecordKind::Finding => "A finding".into(),
    }
}

const SHELL: Shell = Shell {
    app_title_sub: "Self-check · Ledger · Assessment",
    skip_to_main: "Skip to the content",
    main_nav: "Main navigation",
    nav_overview: "Overview",
    nav_checklist: "Self-check",
    nav_plan: "The plan",
    nav_ledger: "Ledger",
    nav_rating: "Cadre rating",
    nav_exchange: "Import/Export",
    nav_rectification: "Rectification",
    nav_summary: "Consolidation",
    nav_settings: "Settings",
    nav_guide: "Guide",
    nav_scrolls: "scrolls sideways",
    language: "Language",
    language_name: |l| match l {
        Lang::Zh => "中文",
        Lang::En => "English",
    },
    saved_locally: "Data is kept in this browser",
    saved_at: |hm| format!("Saved {hm}"),
    save_failed: "Not saved",
    read_only: "Read only",
    save_failed_detail: |fault, unsaved| {
        if unsaved > 0 {
            format!("{fault} ({unsaved} changes are not saved yet; they stay on this page and saving is tried again with the next change.)")
        } else {
            fault.to_string()
        }
    },
    read_only_detail: |found, supported| {
        format!("The data in this browser was written by a newer version of the app (data version {found}; this one reads up to {supported}). To avoid damaging it, this page is read only. Use the newer app.")
    },
    storage_fault,
    unreadable_kept: |key, reason, kept| {
        match kept {
        Some(k) => format!("One piece of stored data ({key}) cannot be read ({reason}). It was not deleted: a copy is kept as \"{k}\" and can be downloaded in Settings. Everything else works as usual."),
        None => format!("One piece of stored data ({key}) cannot be read: {reason}. It was not deleted."),
    }
    },
    upgraded: "The data in this browser now uses the new storage layout.",
    sync_title: "Another window changed the same things at the same time:",
    sync_kept_ours: |what| format!("{what}: this window's change was kept."),
    sync_kept_theirs: |what| format!("{what}: the other window's later change was taken."),
    sync_take_other: "Use the other version",
    sync_dismiss: "OK",
    record_name,
    red_line_banner: |n, ids| {
        let cases = if n == 1 { "case has" } else { "cases have" };
        format!("{n} accountability {cases} occurred in this unit ({ids}).")
    },
    red_line_banner_lead: "Accountability: ",
    view: "View",
    not_found_title: "Page not found",
    not_found: |addr| format!("The address {addr} is not a page of this app."),
    back_to_overview: "Back to the overview",
    loading_full: "Opening the full app…",
};

const WELCOME: Welcome = Welcome {
    title: "Welcome",
    lead: "This tool carries out the ideological-work responsibility plan: each department and directly affiliated unit checks every duty the plan sets, keeps a dated ledger, rates its cadres, and exports its self-assessment as a file for the Party group office, which receives every unit's file, consolidates and verifies them and follows up rectification. All data stays in this computer's browser.",
    who_title: "Who uses this computer?",
    role_department: "A department or affiliated unit",
    role_department_hint: "Fill in the unit's self-check, ledger and ratings, and export the file",
    role_office: "The Party group office",
    role_office_hint: "Receive the units' files, consolidate, verify and follow up",
    role_both: "Both",
    role_both_hint: "The office also fills in its own self-check",
    steps_title: "Steps",
    department_steps: [
        "Settings: unit, department, who fills it in, the year",
        "Self-check: every item, chapter by chapter",
        "Ledger: meetings, study sessions, inspections, by date",
        "Rating: the cadres' assessment",
        "Export: send the file to the Party group office",
    ],
    office_steps: [
        "Receive: import the units' files",
        "Consolidate: progress, scores, red lines, grades",
        "Verify: check item by item, send findings, follow up",
    ],
    setup_title: "Getting started",
    setup_lead: "First, the unit's details. They are written into the exported file so that the Party group office can consolidate it; you can change them in Settings.",
    unit: "Unit",
    unit_hint: "e.g. 县文化广播影视局",
    department: "Department",
    department_hint: "e.g. 办公室",
    filled_by: "Filled in by",
    filled_by_hint: "Name",
    year: "Assessment year",
    year_not_a_number: "The year is a four-digit number, e.g. 2025",
    start: "Start the self-check",
    saved: "Saved",
    role_store_failed: |fault| format!("The choice could not be saved: {fault}"),
};

const OVERVIEW: Overview = Overview {
    title: "Overview",
    who: |unit, department, year, by| format!("{unit} · {department} · {year} · filled in by {by}"),
    score_label: "Self-check score (of 100)",
    score_hint: "Items not applicable are left out; unanswered items count as 0.",
    progress_label: "Progress",
    progress_hint: "Items answered / all items",
    red_lines_label: "Accountability red lines",
    red_lines_none_answered: "Not answered yet",
    red_lines_occurred: |n| format!("{n} occurred"),
    red_lines_clear: "None occurred",
    red_lines_open: |answered, open| format!("{answered} answered, {open} not answered yet"),
    red_lines_all_answered: "All answered",
    red_line_warning: "Warning: accountability cases have occurred in this unit.",
    chapters_title: "Progress by chapter",
    col_chapter: "Chapter",
    col_progress: "Progress",
    col_answered: "Answered",
    col_points: "Points / possible",
    overdue_title: "Overdue",
    overdue_row: |_, due, owner| {
        let owner = if owner.trim().is_empty() { "not named" } else { owner };
        format!("(due {due}, owner {owner})")
    },
    drafts_title: "Unfinished changes, not saved yet:",
    drafts_hint: "These items' changes still lack a required field. They are kept in this browser and saved once complete.",
    last_export: |at, days, changes| format!("Last export: {at} ({days} days ago); {changes} changes since."),
    never_exported: "Never exported.",
    backup_never: |n| format!("The data exists only in this browser and was never exported ({n} changes). Export a file on Import/Export."),
    backup_overdue: |days, n| format!("{days} days and {n} changes since the last export. Export a backup now, so that clearing the browser cannot lose it."),
    go_export: "Export",
};

const CHECKLIST: Checklist = Checklist {
    next_unanswered: "Next unanswered",
    all_answered: "Every item is answered.",
    filters: "Filter",
    filter: |f| match f {
        ItemFilter::All => "All",
        ItemFilter::Unanswered => "Unanswered",
        ItemFilter::Partial => "Partly done",
        ItemFilter::Flagged => "To check",
        ItemFilter::Overdue => "Overdue",
    },
    filtered_title: |f| format!("Filter: {f}"),
    filter_empty: "No item matches.",
    chapters: "Chapters",
    dimension_title: "Assessment dimension",
    red_line_badge: "Accountability case",
    overdue_badge: |due| format!("Overdue (due {due})"),
    quota: |n, name| format!("Required: at least {n} a year ({name})"),
    legend_occurred: "Did it occur?",
    legend_response: "Carried out?",
    reason: "Reason (required)",
    occurred_on: "Date it occurred (required)",
    note_occurred: "What happened (required)",
    note: "Notes",
    more: "Evidence, owner and dates",
    evidence: "Evidence",
    evidence_what: "Document",
    evidence_where: "Kept at",
    evidence_doc_no: "Reference no.",
    evidence_add: "Add evidence",
    evidence_remove: |n| format!("Delete evidence {n}"),
    owner: "Owner",
    due: "Due",
    done: "Done on",
    flagged: "To check",
    draft_kept: "Kept in this browser: a reload or another chapter will not lose it.",
    discard_draft: "Discard this change",
    other_window: "Another window",
};

const PLAN: PlanPage = PlanPage {
    to_checklist: |chapter| format!("Self-check of \"{chapter}\""),
};
