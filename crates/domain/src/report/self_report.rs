//! The draft of a department's 自查报告 from its own record, in the customary four sections:
//! 一、基本情况, 二、主要做法和成效, 三、存在的问题, 四、下一步工作打算.
//!
//! This is the structure only: sections of paragraphs, each paragraph a typed template with its
//! facts ([`Paragraph`]). The wording is the app's (zh and en), so it is rendered on screen, printed
//! and written as .docx from the same draft. Which paragraphs appear, in which order:
//! - 基本情况: [`Paragraph::Overview`] (unit, year, items, completion, responses, score), then
//!   [`Paragraph::Ledger`] (entries of the year by activity), then [`Paragraph::Cadres`] when cadres
//!   are rated;
//! - 主要做法和成效: one [`Paragraph::Practice`] per chapter with items answered 已落实, each item with
//!   the ledger entries that evidence it (linked, and for quota items the entries counted), by date;
//!   [`Paragraph::NothingDone`] if there is none;
//! - 存在的问题: [`Paragraph::Shortfall`] for each item answered 未落实 or 部分落实 (plan order), then
//!   [`Paragraph::RedLine`] for each red line that occurred, then [`Paragraph::Unanswered`] if items
//!   are left unanswered; [`Paragraph::NoProblems`] if none of these;
//! - 下一步工作打算: [`Paragraph::Measure`] for each rectification task (by 完成时限, undated last),
//!   then [`Paragraph::MeasuresToSet`] for what still has no task; [`Paragraph::NoMeasures`] if
//!   neither.

use chrono::{Datelike, NaiveDate};

use crate::checklist::summarize;
use crate::consolidate::GradeCounts;
use crate::ledger::quota_status;
use crate::plan::Template;
use crate::record::{Assessment, LedgerEntry, Response, TaskStatus};
use crate::review::{compare_item_ids, tasks_needed, TaskNeed};
use crate::scoring::rate_department;

/// The four customary sections, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// 一、基本情况
    Basics,
    /// 二、主要做法和成效
    Practices,
    /// 三、存在的问题
    Problems,
    /// 四、下一步工作打算
    NextSteps,
}

impl SectionKind {
    pub const ALL: [SectionKind; 4] = [
        SectionKind::Basics,
        SectionKind::Practices,
        SectionKind::Problems,
        SectionKind::NextSteps,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SectionKind::Basics => "basics",
            SectionKind::Practices => "practices",
            SectionKind::Problems => "problems",
            SectionKind::NextSteps => "next_steps",
        }
    }
}

/// A ledger entry as the report cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFact {
    pub entry_id: String,
    pub date: NaiveDate,
    pub activity: String,
    pub title: String,
}

impl EntryFact {
    fn of(e: &LedgerEntry) -> EntryFact {
        EntryFact {
            entry_id: e.id.clone(),
            date: e.date,
            activity: e.activity.clone(),
            title: e.title.clone(),
        }
    }
}

/// An item carried out, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoneItem {
    pub item_id: String,
    /// 落实情况说明 as written.
    pub note: String,
    /// By date, then title.
    pub entries: Vec<EntryFact>,
}

/// One paragraph template and its facts (see the module doc for where each appears).
#[derive(Debug, Clone, PartialEq)]
pub enum Paragraph {
    Overview {
        unit: String,
        department: String,
        year: i32,
        items_total: usize,
        items_answered: usize,
        /// Percent, one decimal.
        completion: f64,
        implemented: usize,
        partial: usize,
        not_implemented: usize,
        not_applicable: usize,
        score: Option<f64>,
    },
    /// Entries dated in the year, per activity (template order, activities with entries only).
    Ledger {
        entries: usize,
        by_activity: Vec<(String, usize)>,
    },
    Cadres {
        people: usize,
        grades: GradeCounts,
    },
    Practice {
        chapter_id: String,
        items: Vec<DoneItem>,
    },
    NothingDone,
    Shortfall {
        item_id: String,
        response: Response,
        reason: String,
        note: String,
        /// For quota items: (required, counted).
        quota: Option<(u32, usize)>,
    },
    RedLine {
        item_id: String,
        occurred_on: Option<NaiveDate>,
        note: String,
    },
    Unanswered {
        item_ids: Vec<String>,
    },
    NoProblems,
    Measure {
        task_id: String,
        item_id: String,
        finding_id: Option<String>,
        measure: String,
        owner: String,
        deadline: Option<NaiveDate>,
        status: TaskStatus,
    },
    MeasuresToSet {
        needs: Vec<TaskNeed>,
    },
    NoMeasures,
}

impl Paragraph {
    pub fn code(&self) -> &'static str {
        match self {
            Paragraph::Overview { .. } => "overview",
            Paragraph::Ledger { .. } => "ledger",
            Paragraph::Cadres { .. } => "cadres",
            Paragraph::Practice { .. } => "practice",
            Paragraph::NothingDone => "nothing_done",
            Paragraph::Shortfall { .. } => "shortfall",
            Paragraph::RedLine { .. } => "red_line",
            Paragraph::Unanswered { .. } => "unanswered",
            Paragraph::NoProblems => "no_problems",
            Paragraph::Measure { .. } => "measure",
            Paragraph::MeasuresToSet { .. } => "measures_to_set",
            Paragraph::NoMeasures => "no_measures",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub kind: SectionKind,
    pub paragraphs: Vec<Paragraph>,
}

/// The draft: the four sections in [`SectionKind::ALL`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfReport {
    pub sections: Vec<Section>,
}

impl SelfReport {
    pub fn section(&self, kind: SectionKind) -> &Section {
        self.sections
            .iter()
            .find(|s| s.kind == kind)
            .expect("a report has all four sections")
    }
}

fn count(assessment: &Assessment, template: &Template, response: Response) -> usize {
    template
        .items()
        .filter(|i| assessment.answer(&i.id).and_then(|a| a.response) == Some(response))
        .count()
}

fn basics(template: &Template, a: &Assessment, today: NaiveDate) -> Vec<Paragraph> {
    let summary = summarize(template, &a.answers, today);
    let year = a.profile.year;
    let by_activity: Vec<(String, usize)> = template
        .activities
        .iter()
        .map(|act| {
            let n = a
                .ledger
                .iter()
                .filter(|e| e.activity == act.id && e.date.year() == year)
                .count();
            (act.id.clone(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut paragraphs = vec![
        Paragraph::Overview {
            unit: a.profile.unit.clone(),
            department: a.profile.department.clone(),
            year,
            items_total: summary.total,
            items_answered: summary.answered,
            completion: crate::consolidate::percent(summary.answered, summary.total),
            implemented: count(a, template, Response::Implemented),
            partial: count(a, template, Response::Partial),
            not_implemented: count(a, template, Response::NotImplemented),
            not_applicable: count(a, template, Response::NotApplicable),
            score: summary.score,
        },
        Paragraph::Ledger {
            entries: a.ledger.iter().filter(|e| e.date.year() == year).count(),
            by_activity,
        },
    ];
    let results = rate_department(a, template);
    if !results.is_empty() {
        paragraphs.push(Paragraph::Cadres {
            people: results.len(),
            grades: GradeCounts::of(&results),
        });
    }
    paragraphs
}

fn practices(template: &Template, a: &Assessment, today: NaiveDate) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    for chapter in template.chapters() {
        let items: Vec<DoneItem> = chapter
            .items
            .iter()
            .filter_map(|item| {
                let answer = a.answer(&item.id)?;
                if answer.response != Some(Response::Implemented) {
                    return None;
                }
                let counted = quota_status(item, a, today)
                    .map(|q| q.entries)
                    .unwrap_or_default();
                let mut entries: Vec<&LedgerEntry> = a
                    .ledger
                    .iter()
                    .filter(|e| e.evidences(&item.id) || counted.contains(&e.id))
                    .collect();
                crate::order::sort_by(&mut entries, |x, y| {
                    x.date.cmp(&y.date).then_with(|| x.title.cmp(&y.title))
                });
                Some(DoneItem {
                    item_id: item.id.clone(),
                    note: answer.note.trim().to_string(),
                    entries: entries.into_iter().map(EntryFact::of).collect(),
                })
            })
            .collect();
        if !items.is_empty() {
            paragraphs.push(Paragraph::Practice {
                chapter_id: chapter.id.clone(),
                items,
            });
        }
    }
    if paragraphs.is_empty() {
        paragraphs.push(Paragraph::NothingDone);
    }
    paragraphs
}

fn problems(template: &Template, a: &Assessment, today: NaiveDate) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut red_lines = Vec::new();
    let mut unanswered = Vec::new();
    for item in template.items() {
        let answer = a.answer(&item.id);
        match answer.and_then(|a| a.response) {
            Some(response @ (Response::NotImplemented | Response::Partial)) => {
                let answer = answer.expect("answered");
                paragraphs.push(Paragraph::Shortfall {
                    item_id: item.id.clone(),
                    response,
                    reason: answer.reason.trim().to_string(),
                    note: answer.note.trim().to_string(),
                    quota: quota_status(item, a, today).map(|q| (q.required, q.done)),
                });
            }
            Some(Response::Occurred) => {
                let answer = answer.expect("answered");
                red_lines.push(Paragraph::RedLine {
                    item_id: item.id.clone(),
                    occurred_on: answer.occurred_on,
                    note: answer.note.trim().to_string(),
                });
            }
            None => unanswered.push(item.id.clone()),
            Some(_) => {}
        }
    }
    paragraphs.append(&mut red_lines);
    if !unanswered.is_empty() {
        paragraphs.push(Paragraph::Unanswered {
            item_ids: unanswered,
        });
    }
    if paragraphs.is_empty() {
        paragraphs.push(Paragraph::NoProblems);
    }
    paragraphs
}

fn next_steps(a: &Assessment) -> Vec<Paragraph> {
    let mut tasks: Vec<_> = a.tasks.iter().collect();
    crate::order::sort_by(&mut tasks, |x, y| {
        (x.deadline.is_none(), x.deadline)
            .cmp(&(y.deadline.is_none(), y.deadline))
            .then_with(|| compare_item_ids(&x.item_id, &y.item_id))
    });
    let mut paragraphs: Vec<Paragraph> = tasks
        .into_iter()
        .map(|t| Paragraph::Measure {
            task_id: t.id.clone(),
            item_id: t.item_id.clone(),
            finding_id: t.finding_id.clone(),
            measure: t.measure.trim().to_string(),
            owner: t.owner.trim().to_string(),
            deadline: t.deadline,
            status: t.status,
        })
        .collect();
    let needs = tasks_needed(a);
    if !needs.is_empty() {
        paragraphs.push(Paragraph::MeasuresToSet { needs });
    }
    if paragraphs.is_empty() {
        paragraphs.push(Paragraph::NoMeasures);
    }
    paragraphs
}

/// Whether `assessment` holds anything the draft is written from: an answered item, a ledger entry, a rating
/// or a rectification task. Without, the draft is its headings only, and the page says what to do
/// first.
pub fn has_material(assessment: &Assessment) -> bool {
    assessment.answers.values().any(|a| a.is_answered())
        || !assessment.ledger.is_empty()
        || !assessment.ratings.is_empty()
        || !assessment.tasks.is_empty()
}

/// The draft of `assessment`'s 自查报告 on `today` (module doc).
pub fn self_report(template: &Template, assessment: &Assessment, today: NaiveDate) -> SelfReport {
    SelfReport {
        sections: vec![
            Section {
                kind: SectionKind::Basics,
                paragraphs: basics(template, assessment, today),
            },
            Section {
                kind: SectionKind::Practices,
                paragraphs: practices(template, assessment, today),
            },
            Section {
                kind: SectionKind::Problems,
                paragraphs: problems(template, assessment, today),
            },
            Section {
                kind: SectionKind::NextSteps,
                paragraphs: next_steps(assessment),
            },
        ],
    }
}
