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
    errors: super::errors::EN,
    ledger: super::ledger::EN,
    #[cfg(feature = "full")]
    ledger_page: super::ledger::PAGE_EN,
    #[cfg(feature = "full")]
    rating: full::RATING,
    #[cfg(feature = "full")]
    settings: full::SETTINGS,
    #[cfg(feature = "full")]
    guide: super::guide::EN,
    rect: super::review::NOTE_EN,
    #[cfg(feature = "full")]
    review: super::review::EN,
    #[cfg(feature = "full")]
    summary: super::summary::EN,
    #[cfg(feature = "full")]
    exchange: super::exchange::EN,
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
    list_sep: ", ",
    clause_sep: "; ",
    colon: ": ",
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
        RecordKind::OfficeReview => {
            "The office's conclusions (accountability, verified score)".into()
        }
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
    saving: "Saving…",
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
    unit_hint: "e.g. County Bureau of Culture, Radio, Film and Television",
    department: "Department",
    department_hint: "e.g. General Office",
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

#[cfg(feature = "full")]
mod full {
    use super::super::{RatingTexts, SettingsTexts};
    use zrz_domain::number::fmt1;
    use zrz_domain::record::{EditError, Grade, RaterRole};
    use zrz_domain::scoring::{CapRounding, EvidenceStatus, VetoKind};

    fn role(r: RaterRole) -> &'static str {
        (super::COMMON.role)(r)
    }

    fn grade(g: Grade) -> &'static str {
        (super::COMMON.grade)(g)
    }

    fn dimension(d: zrz_domain::Dimension) -> &'static str {
        (super::COMMON.dimension)(d)
    }

    fn plural(n: usize, one: &str, many: &str) -> String {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    }

    fn rounding(r: CapRounding) -> &'static str {
        match r {
            CapRounding::Nearest => "rounded to the nearest person, at least one",
            CapRounding::Down => "rounded down",
        }
    }

    pub const RATING: RatingTexts = RatingTexts {
        title: "Cadre ratings (integrity, ability, diligence, performance, probity)",
        lead: |superior| format!("Under section 4(1)5 of the plan, ideological work counts in the assessment of cadres on five dimensions: integrity, ability, diligence, performance and probity. Each leading cadre of the unit is rated by themselves, by colleagues and by {superior}; the weighted ratings give a total and a grade. Beside every rating are the plan's indicators and how the unit's self-check answered them, so that ratings follow the facts. Ratings are saved as you enter them."),
        settings_summary: |dims, roles, share, r, superior| {
            format!("Settings in force: dimension weights {dims}; rater weights {roles}; superior rating by {superior}; at most {share}% Excellent ({}).", rounding(r))
        },
        change_settings: "Change the rating settings",
        weight_part: |name, w| format!("{name} {w}%"),

        people_title: "Cadres rated",
        people_hint: "The unit's leading cadres who are assessed, with their level of responsibility under part 3 of the plan. People whose level bears red lines (see Settings), and people named as responsible for a red line that occurred, have their grade capped.",
        col_name: "Name",
        col_post: "Post",
        col_level: "Level of responsibility",
        col_ratings: "Ratings",
        col_actions: "Actions",
        rating_count: |n| plural(n, "rating", "ratings"),
        confirm_remove_person: |name, n, given| {
            let given = if given > 0 {
                format!(" The {} they gave colleagues stay (remove them under Peer raters).", plural(given, "peer rating", "peer ratings"))
            } else {
                String::new()
            };
            format!("Deleting {name} also deletes {} of them.{given} Delete?", plural(n, "rating", "ratings"))
        },
        confirm_group: "Confirm deletion",
        confirm_delete: "Delete",
        edit_person_form: |name| format!("Edit {name}"),
        add_person_form: "Add a cadre",
        add_person: "Add",
        post_hint: "e.g. section chief",
        level_option: |label, holder| format!("{label} ({holder})"),
        level_default_label: super::super::scoring::en::level_label,
        level_default_holder: super::super::scoring::en::level_holder,
        superior_default: "the Party group",
        edit_error: |e| match e {
            EditError::Person(e) => (super::super::errors::EN.field)(e),
            EditError::NameGivesRatings { name, given } => format!("{name} has already given {} as a peer rater; taking that name would mix two people's ratings. If it is the same person, first delete or rename those ratings under Peer raters.", plural(*given, "rating", "ratings")),
            EditError::RaterBlank => "Enter the peer rater's name.".into(),
            EditError::RaterIsPerson { name } => format!("{name} is a cadre rated here and rates colleagues already; change a cadre's name under Cadres rated."),
            EditError::RaterExists { name } => format!("{name} is a peer rater already."),
            EditError::UnknownRater { name } => format!("There is no peer rater called {name}."),
        },

        raters_title: "Peer raters",
        raters_hint: "The cadres rate each other; add here anyone else who takes part in the peer rating. Each peer rater's ratings are kept apart; on each dimension the peer ratings are averaged first, then weighed against the self and superior ratings.",
        rater_is_person: "cadre",
        rater_unlisted: "found only in ratings",
        rater_given: |n| format!("gave {}", plural(n, "rating", "ratings")),
        rater_name_of: |name| format!("Name of peer rater {name}"),
        add_rater_form: "Add a peer rater",
        rater_name: "Peer rater's name",
        add_rater: "Add peer rater",
        remove_rater: |name| format!("Delete peer rater {name}"),
        confirm_remove_rater: |name, n| format!("Delete peer rater {name} and {}?", plural(n, "rating", "ratings")),

        summary_title: "Results of all cadres",
        summary_hint: "Click a column heading to sort (again to reverse); click a name to see their ratings and how they were calculated.",
        col_total: "Total",
        col_grade: "Grade",
        col_vetoes: "Vetoes",
        sort_hint: "sort",
        veto_short: |v| match v {
            VetoKind::LianIncompetent => "probity incompetent".into(),
            VetoKind::RedLine { item_id } => format!("red line {item_id}"),
        },
        no_figure: "—",
        grade_open: "open",
        share: super::super::scoring::en::share,
        share_exceeded_lead: "Too many Excellent: ",
        share_exceeded_tail: ". Review the grades, or bring the number of Excellent within the rules.",
        share_pending: " (People not graded yet count among those rated.)",

        per_person_title: "Rating each cadre",
        no_people: "First add the cadres to be rated, above.",
        picker: "Choose whom to rate",
        result_heading: |name, post, level| {
            if post.is_empty() {
                format!("Result of {name} ({level})")
            } else {
                format!("Result of {name} ({post}, {level})")
            }
        },
        result_label: "Result",
        grade_changed: |before, after| format!("The total makes {}; a veto makes it {}", grade(before), grade(after)),
        vetoes_title: "Vetoes",
        settings_invalid: |e| format!("The rating settings are wrong ({e}); correct them in Settings. Nothing is calculated until then."),
        missing_dimensions: |dims| format!("No rating yet on {dims}: the total and the grade wait until every dimension is rated."),
        renormalised: |items| format!("Some raters have not rated yet; on these dimensions the weights of those who did were scaled up to 100%: {items}."),
        renormalised_item: |d, missing| format!("{} (no {missing})", dimension(d)),
        ignored: |d, r, rater, reason| {
            let rater = if rater.is_empty() { String::new() } else { format!(" ({rater})") };
            format!("Not counted: {} · {}{rater} — {reason}", dimension(d), role(r))
        },
        how: "How it was calculated",
        step_text: |s| super::super::scoring::en::step(&s.detail),
        veto_text: |v| super::super::scoring::en::veto(&v.reason),
        ignored_reason: |i| super::super::scoring::en::ignore_reason(&i.reason),
        radar_label: |scores| {
            let parts: Vec<String> = scores
                .iter()
                .map(|(d, s)| format!("{} {}", dimension(*d), s.map_or("not rated".to_string(), fmt1)))
                .collect();
            format!("Radar chart of the five dimension scores: {}", parts.join(", "))
        },

        entry_title: "Ratings",
        entry_hint: "In each box choose a grade, or choose \"Score\" and enter 0–100; choose \"Not rated\" to delete that rating.",
        dimension_block: |d| format!("Ratings on {}", dimension(d)),
        weight: |w| format!("weight {w}%"),
        dimension_score: "Dimension score",
        role_note: |r, avg, w| format!("{} average {avg}, weighted {w}%", role(r)),
        indicators_title: "Indicators and the self-check's evidence (open an indicator for the plan's text and its items)",
        indicators_mismatch: |e| format!("The indicators do not match the current plan template, so no evidence is shown: {e}"),
        indicator_error: super::super::scoring::en::indicator,
        evidence_status: |s| match s {
            EvidenceStatus::RedLineOccurred => "Red line occurred",
            EvidenceStatus::Incomplete => "Not all answered",
            EvidenceStatus::Met => "Done",
            EvidenceStatus::NotMet => "Not done",
            EvidenceStatus::PartlyMet => "Partly done",
            EvidenceStatus::NotApplicable => "Not applicable",
        },
        indicator_source: |source, answered, total| format!(" (plan {source}; {answered}/{total} answered)"),
        unanswered: "not answered",
        evidence_count: |n| plural(n, "piece of evidence", "pieces of evidence"),
        owner_is: |o| format!("responsible: {o}"),
        flagged: "to be checked",
        not_in_template: "not in the plan template",
        no_peers: "No peer raters yet: the cadres rate each other, and more peer raters can be added above.",
        cell_peer: |name| format!("Peer·{name}"),
        superior_by: |name| format!(" The superior rating is given by {name} (change it in Settings)."),
        not_rated: "Not rated",
        by_score: "Score",
        grade_option: |g, score| format!("{} ({score})", grade(g)),
        score_of: |cell| format!("{cell} score"),
        score_placeholder: "0–100",
        score_empty: "Enter a score from 0 to 100.",
        score_not_a_number: |t| format!("\"{t}\" is not a number: enter a score from 0 to 100."),
        not_saved_in_force: |e, in_force| format!("{e} (not saved; counting: {in_force})"),
        read_only: "This is a received file: it can be read, not changed.",
    };

    pub const SETTINGS: SettingsTexts = SettingsTexts {
        title: "Settings",
        profile_title: "Unit",
        profile_save: "Save unit details",

        rating_title: "Rating settings",
        rating_hint: "These settings decide how the ratings of each dimension and each rater make a total and a grade. Click \"Save rating settings\" after a change: settings that are wrong are not saved, the message says what to fix, and the ratings keep using the settings saved last.",
        stored_invalid: |e| format!("The saved rating settings are wrong, so nothing is calculated: {e}"),
        dimension_weights: "Dimension weights (%, adding up to 100)",
        role_weights: "Rater weights (%, adding up to 100; peers are averaged first)",
        grade_scores: "Score of each grade (what a grade rating counts as)",
        bands: "Grade bands of the total (lower ≤ total < upper; Excellent includes 100)",
        band_min: |g| format!("{} lower bound", grade(g)),
        band_max: |g| format!("{} upper bound", grade(g)),
        vetoes: "Vetoes",
        lian_veto: "A probity score in the Incompetent band makes the grade Incompetent",
        red_line_cap: "When an accountability case (a red line of part 7) occurs, the people responsible get at most",
        cap_off: "No cap (off)",
        responsible_levels: "Levels responsible for every red line that occurred (besides the people it names)",
        share_title: "Share of Excellent",
        share_max: |max| format!("Most Excellent (%, at most {max})"),
        cap_rounding: "Most Excellent = cadres rated × the share above, rounded",
        rounding: |r| match r {
            CapRounding::Nearest => "to the nearest person, at least one (the usual rule: 3 × 15% = 0.45 allows 1)",
            CapRounding::Down => "down (3 × 15% = 0.45 allows none; 10 × 15% = 1.5 allows 1)",
        },
        names_title: "This unit's levels and raters",
        names_hint: "Part 3 of the plan names four levels of responsibility for the bureau's leadership. A section may name each level and who holds it as it is at the section, and say who gives the superior rating; leave a field empty to keep the plan's name. Which levels bear red lines is ticked above.",
        level_label: |default| format!("Name of \"{default}\""),
        level_holder: |default| format!("Holder of \"{default}\""),
        superior_rater: "Superior rating given by",
        sum: |s| format!("total {s}"),
        sum_unknown: "total —",
        save: "Save rating settings",
        defaults: "Restore defaults",
        revert: "Discard changes",
        dirty: "Unsaved changes",
        saved: "Rating settings saved; the results were recalculated.",
        unchanged: "The rating settings did not change.",
        defaults_filled: "The default settings are filled in; they apply once you click \"Save rating settings\".",
        reverted: "Back to the settings in force.",
        refused: |m| format!("Rating settings not saved: {m}. The ratings keep using the settings saved last."),
        weight_of: |name| format!("the weight of {name}"),
        grade_score_of: |g| format!("the score of {}", grade(g)),
        share_max_name: "the most Excellent",
        number_empty: |what| format!("Enter {what}."),
        number_not_a_number: |what, t| format!("{what}: \"{t}\" is not a number; enter a number from 0 to 100."),
        settings_error: |e| super::super::scoring::en::settings(&e.problem),

        role_title: "Who uses this computer",
        role_hint: "Decides which pages the navigation shows: a department fills in its own self-check, ledger and ratings; the Party group office receives, consolidates and checks the units' files. Changing it deletes nothing.",
        role_saved: "Saved",
        language_hint: "The page reloads in the new language; all data stays. The plan's text and what users typed are not translated.",

        storage_title: "Where the data is kept",
        storage_intro: "All data is kept only in this browser on this computer; nothing is uploaded anywhere. Before changing computers or clearing the browser's data, export a file on Import/Export.",
        persisted: |p| match p {
            Some(true) => "The browser agreed to keep this site's data: it is not cleared when space runs short.",
            Some(false) => "The browser did not agree to keep this site's data: it may be cleared when space runs short or the browser is cleaned. Export a backup regularly.",
            None => "The browser did not say whether it keeps this site's data (it may not support it). Export a backup regularly.",
        },
        usage: |chars, percent| format!("This site uses about {chars} characters of the browser's local storage, about {percent}% of its limit (about 5 million)."),
        usage_bar: "Local storage used",
        quarantined: "These records could not be read at start-up. They were kept aside unchanged, not deleted; download them for your IT staff to look at:",
        download_raw: "Download the raw data",
        download_failed: |e| format!("The download failed: {e}"),
    };
}
