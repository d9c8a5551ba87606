//! The ledger entry form: the text as typed ([`EntryDraft`]) becomes a [`LedgerEntry`] or a list of
//! problems, each naming its field ([`EntryProblem::field`]), so the form can mark every wrong field
//! at once. What is unusual but possible is not refused but flagged ([`EntryFlag`]): an entry dated
//! outside the assessment year (a meeting of late December filed in January), a linked item this
//! template does not have (made with another version of the plan). Such links are kept, never
//! dropped, because dropping them would lose evidence silently.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::form::{parse_count, parse_date, TextError};
use crate::plan::Template;
use crate::record::LedgerEntry;

/// The entry form as typed: every field is text, the linked items a list of item ids. Kept in the
/// browser while unsaved as [`EntryDraft::to_texts`] (never in an exchange file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryDraft {
    pub date: String,
    /// The activity id chosen (a template activity).
    pub activity: String,
    pub title: String,
    pub place: String,
    pub participant_count: String,
    pub participants: String,
    pub summary: String,
    pub doc_no: String,
    pub kept_at: String,
    pub items: Vec<String>,
}

impl EntryDraft {
    /// The form filled in from a stored entry, for editing.
    pub fn from_entry(entry: &LedgerEntry) -> EntryDraft {
        EntryDraft {
            date: entry.date.format("%Y-%m-%d").to_string(),
            activity: entry.activity.clone(),
            title: entry.title.clone(),
            place: entry.place.clone(),
            participant_count: entry
                .participant_count
                .map(|n| n.to_string())
                .unwrap_or_default(),
            participants: entry.participants.clone(),
            summary: entry.summary.clone(),
            doc_no: entry.doc_no.clone(),
            kept_at: entry.kept_at.clone(),
            items: entry.items.clone(),
        }
    }

    /// The draft as a list of texts, to keep it: the nine fields in form order, then the linked
    /// items one per text. (A plain list rather than a serde struct keeps the first page small.)
    pub fn to_texts(&self) -> Vec<String> {
        let mut texts = vec![
            self.date.clone(),
            self.activity.clone(),
            self.title.clone(),
            self.place.clone(),
            self.participant_count.clone(),
            self.participants.clone(),
            self.summary.clone(),
            self.doc_no.clone(),
            self.kept_at.clone(),
        ];
        texts.extend(self.items.iter().cloned());
        texts
    }

    /// The draft [`EntryDraft::to_texts`] wrote; missing fields are empty.
    pub fn from_texts(texts: &[String]) -> EntryDraft {
        let field = |i: usize| texts.get(i).cloned().unwrap_or_default();
        EntryDraft {
            date: field(0),
            activity: field(1),
            title: field(2),
            place: field(3),
            participant_count: field(4),
            participants: field(5),
            summary: field(6),
            doc_no: field(7),
            kept_at: field(8),
            items: texts.iter().skip(9).cloned().collect(),
        }
    }

    /// Whether the form holds something not saved: any field differs from what the form opened
    /// with (`initial`), ignoring spaces around the text, or the linked items differ as a set. The
    /// one rule for every entry form (the ledger page's, an item card's): such a form is kept in the
    /// browser, and brought back marked 未保存 when the user returns.
    pub fn unsaved(&self, initial: &EntryDraft) -> bool {
        let texts = |d: &EntryDraft| {
            [
                d.date.trim().to_string(),
                d.activity.clone(),
                d.title.trim().to_string(),
                d.place.trim().to_string(),
                d.participant_count.trim().to_string(),
                d.participants.trim().to_string(),
                d.summary.trim().to_string(),
                d.doc_no.trim().to_string(),
                d.kept_at.trim().to_string(),
            ]
        };
        let within = |a: &EntryDraft, b: &EntryDraft| a.items.iter().all(|i| b.items.contains(i));
        texts(self) != texts(initial) || !within(self, initial) || !within(initial, self)
    }
}

/// Summaries longer than this many characters are shown collapsed in the ledger list.
pub const SUMMARY_PREVIEW_CHARS: usize = 60;

/// The opening of a long summary, shown while the rest is collapsed: `None` when the summary is
/// short enough to show whole (at most [`SUMMARY_PREVIEW_CHARS`] characters plus a tenth).
pub fn summary_preview(summary: &str) -> Option<String> {
    let summary = summary.trim();
    let whole = SUMMARY_PREVIEW_CHARS + SUMMARY_PREVIEW_CHARS / 10;
    if summary.chars().count() <= whole {
        return None;
    }
    let mut head: String = summary.chars().take(SUMMARY_PREVIEW_CHARS).collect();
    head.truncate(head.trim_end().len());
    head.push('…');
    Some(head)
}

/// The fields of the entry form, by the key the form uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryField {
    Date,
    Activity,
    Title,
    ParticipantCount,
    Items,
}

impl EntryField {
    pub fn code(self) -> &'static str {
        match self {
            EntryField::Date => "date",
            EntryField::Activity => "activity",
            EntryField::Title => "title",
            EntryField::ParticipantCount => "participant_count",
            EntryField::Items => "items",
        }
    }
}

/// Why an entry form was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryProblem {
    DateRequired,
    /// Not a date, or a day that does not exist ("2025-02-30").
    DateNotADate {
        text: String,
    },
    /// A year outside the range the app accepts: a typing mistake.
    DateYearOutOfRange {
        text: String,
        year: i32,
    },
    ActivityRequired,
    /// Not one of the template's activities.
    UnknownActivity {
        activity: String,
    },
    TitleRequired,
    CountNotANumber {
        text: String,
    },
    CountNegative {
        text: String,
    },
    CountTooLarge {
        text: String,
    },
}

impl EntryProblem {
    pub fn code(&self) -> &'static str {
        match self {
            EntryProblem::DateRequired => "date_required",
            EntryProblem::DateNotADate { .. } => "date_not_a_date",
            EntryProblem::DateYearOutOfRange { .. } => "date_year_out_of_range",
            EntryProblem::ActivityRequired => "activity_required",
            EntryProblem::UnknownActivity { .. } => "unknown_activity",
            EntryProblem::TitleRequired => "title_required",
            EntryProblem::CountNotANumber { .. } => "count_not_a_number",
            EntryProblem::CountNegative { .. } => "count_negative",
            EntryProblem::CountTooLarge { .. } => "count_too_large",
        }
    }

    /// The form field to mark.
    pub fn field(&self) -> EntryField {
        match self {
            EntryProblem::DateRequired
            | EntryProblem::DateNotADate { .. }
            | EntryProblem::DateYearOutOfRange { .. } => EntryField::Date,
            EntryProblem::ActivityRequired | EntryProblem::UnknownActivity { .. } => {
                EntryField::Activity
            }
            EntryProblem::TitleRequired => EntryField::Title,
            EntryProblem::CountNotANumber { .. }
            | EntryProblem::CountNegative { .. }
            | EntryProblem::CountTooLarge { .. } => EntryField::ParticipantCount,
        }
    }
}

/// Something to point out about an accepted (or stored) entry; it is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryFlag {
    /// Dated outside the assessment year: it counts for no quota of this year.
    OutsideYear { date: NaiveDate, year: i32 },
    /// Dated after today: a plan, not yet a record (counts once its day has come).
    InFuture { date: NaiveDate },
    /// A linked item this template does not have; the link is kept.
    UnknownItem { item_id: String },
    /// A stored entry whose activity this template does not have (made with another version).
    UnknownActivity { activity: String },
}

impl EntryFlag {
    pub fn code(&self) -> &'static str {
        match self {
            EntryFlag::OutsideYear { .. } => "outside_year",
            EntryFlag::InFuture { .. } => "in_future",
            EntryFlag::UnknownItem { .. } => "unknown_item",
            EntryFlag::UnknownActivity { .. } => "unknown_activity",
        }
    }

    pub fn field(&self) -> EntryField {
        match self {
            EntryFlag::OutsideYear { .. } | EntryFlag::InFuture { .. } => EntryField::Date,
            EntryFlag::UnknownItem { .. } => EntryField::Items,
            EntryFlag::UnknownActivity { .. } => EntryField::Activity,
        }
    }
}

/// An accepted form: the entry to store and what to point out about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEntry {
    pub entry: LedgerEntry,
    pub flags: Vec<EntryFlag>,
}

/// Reads the form. `id` is the entry's id (a new one from `record::new_id("e", …)`, or the edited
/// entry's); `year` the assessment year; `now` becomes `updated_at`. Text fields are trimmed, linked
/// items keep their order with repeats removed. Every problem is returned, not only the first.
pub fn parse_entry(
    draft: &EntryDraft,
    id: &str,
    template: &Template,
    year: i32,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ParsedEntry, Vec<EntryProblem>> {
    let mut problems = Vec::new();
    let date_text = draft.date.trim().to_string();
    let date = match parse_date(&date_text) {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            problems.push(EntryProblem::DateRequired);
            None
        }
        Err(TextError::YearOutOfRange { year }) => {
            problems.push(EntryProblem::DateYearOutOfRange {
                text: date_text,
                year,
            });
            None
        }
        Err(_) => {
            problems.push(EntryProblem::DateNotADate { text: date_text });
            None
        }
    };
    let activity = draft.activity.trim().to_string();
    if activity.is_empty() {
        problems.push(EntryProblem::ActivityRequired);
    } else if template.activity(&activity).is_none() {
        problems.push(EntryProblem::UnknownActivity {
            activity: activity.clone(),
        });
    }
    let title = draft.title.trim().to_string();
    if title.is_empty() {
        problems.push(EntryProblem::TitleRequired);
    }
    let count_text = draft.participant_count.trim().to_string();
    let participant_count = match parse_count(&count_text) {
        Ok(n) => n,
        Err(e) => {
            problems.push(match e {
                TextError::Negative => EntryProblem::CountNegative { text: count_text },
                TextError::TooLarge => EntryProblem::CountTooLarge { text: count_text },
                _ => EntryProblem::CountNotANumber { text: count_text },
            });
            None
        }
    };
    let Some(date) = date.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let mut seen = BTreeSet::new();
    let items: Vec<String> = draft
        .items
        .iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty() && seen.insert(i.clone()))
        .collect();
    let entry = LedgerEntry {
        id: id.to_string(),
        date,
        activity,
        title,
        place: draft.place.trim().to_string(),
        participant_count,
        participants: draft.participants.trim().to_string(),
        summary: draft.summary.trim().to_string(),
        doc_no: draft.doc_no.trim().to_string(),
        kept_at: draft.kept_at.trim().to_string(),
        items,
        updated_at: Some(now),
    };
    let flags = entry_flags(&entry, template, year, today);
    Ok(ParsedEntry { entry, flags })
}

/// What to point out about a stored entry (the same flags the form gives, plus an activity this
/// template does not have), in field order.
pub fn entry_flags(
    entry: &LedgerEntry,
    template: &Template,
    year: i32,
    today: NaiveDate,
) -> Vec<EntryFlag> {
    let mut flags = Vec::new();
    if entry.date.year() != year {
        flags.push(EntryFlag::OutsideYear {
            date: entry.date,
            year,
        });
    }
    if entry.date > today {
        flags.push(EntryFlag::InFuture { date: entry.date });
    }
    if template.activity(&entry.activity).is_none() {
        flags.push(EntryFlag::UnknownActivity {
            activity: entry.activity.clone(),
        });
    }
    for item_id in &entry.items {
        if template.item(item_id).is_none() {
            flags.push(EntryFlag::UnknownItem {
                item_id: item_id.clone(),
            });
        }
    }
    flags
}
