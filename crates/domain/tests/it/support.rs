//! Builders shared by the integration tests: dates, the shipped template, and a department record
//! written as a chain (`Dept::new("办公室", 2025).answer("4.1.3", Implemented).entry(…)`), so each
//! test shows only what matters to it.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use zrz_domain::plan::Template;
use zrz_domain::record::{
    Answer, Assessment, Finding, LedgerEntry, Person, Profile, RaterRole, Rating, RatingValue,
    Response, ResponsibilityLevel, Task, TaskStatus, Verdict,
};
use zrz_domain::Dimension;

pub const UNIT: &str = "县文化广播影视局";

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d} is not a date"))
}

/// `"2025-03-01"` as a date.
pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("{text}"))
}

pub fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

pub fn shipped() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(Template::shipped)
}

pub fn entry(id: &str, date: &str, activity: &str) -> LedgerEntry {
    LedgerEntry {
        id: id.into(),
        date: d(date),
        activity: activity.into(),
        title: format!("{activity} {date}"),
        place: String::new(),
        participant_count: None,
        participants: String::new(),
        summary: String::new(),
        doc_no: String::new(),
        kept_at: String::new(),
        items: Vec::new(),
        updated_at: None,
    }
}

pub fn answered(response: Response) -> Answer {
    Answer {
        response: Some(response),
        ..Answer::default()
    }
}

pub fn task(id: &str, item_id: &str) -> Task {
    Task {
        id: id.into(),
        item_id: item_id.into(),
        finding_id: None,
        measure: "整改".into(),
        owner: String::new(),
        deadline: None,
        status: TaskStatus::NotStarted,
        completed_on: None,
        evidence_entry: None,
        evidence_document: String::new(),
        updated_at: None,
    }
}

pub fn finding(id: &str, item_id: &str) -> Finding {
    Finding {
        id: id.into(),
        item_id: item_id.into(),
        verdict: Verdict::Doubtful,
        found: Some(Response::Partial),
        note: String::new(),
        method: None,
        issued_at: at(2026, 1, 10, 8),
        closed: false,
        answer_digest: String::new(),
    }
}

/// A department's record under construction.
#[derive(Debug, Clone)]
pub struct Dept(pub Assessment);

impl Dept {
    pub fn new(department: &str, year: i32) -> Dept {
        Dept(Assessment {
            profile: Profile {
                unit: UNIT.into(),
                department: department.into(),
                filled_by: "张三".into(),
                year,
            },
            ..Assessment::default()
        })
    }

    pub fn answer(self, item_id: &str, response: Response) -> Dept {
        self.answer_with(item_id, answered(response))
    }

    pub fn answer_with(mut self, item_id: &str, answer: Answer) -> Dept {
        self.0.answers.insert(item_id.into(), answer);
        self
    }

    /// Every item of the shipped template answered as a fully compliant department would.
    pub fn all_good(mut self) -> Dept {
        for item in shipped().items() {
            let r = if item.kind.is_red_line() {
                Response::NotOccurred
            } else {
                Response::Implemented
            };
            self.0.answers.insert(item.id.clone(), answered(r));
        }
        self
    }

    pub fn red_line(self, item_id: &str, occurred_on: &str, note: &str) -> Dept {
        self.answer_with(
            item_id,
            Answer {
                response: Some(Response::Occurred),
                note: note.into(),
                occurred_on: Some(d(occurred_on)),
                ..Answer::default()
            },
        )
    }

    pub fn entry(mut self, entry: LedgerEntry) -> Dept {
        self.0.ledger.push(entry);
        self
    }

    pub fn task(mut self, task: Task) -> Dept {
        self.0.tasks.push(task);
        self
    }

    pub fn finding(mut self, finding: Finding) -> Dept {
        self.0.findings.push(finding);
        self
    }

    /// A cadre rated by 上级评价 only, `score` on every dimension (so the total is `score`).
    pub fn cadre(mut self, name: &str, level: ResponsibilityLevel, score: f64) -> Dept {
        let id = format!("p-{name}");
        self.0.people.push(Person {
            id: id.clone(),
            name: name.into(),
            post: "科长".into(),
            level,
            order: self.0.people.len() as u32,
        });
        for dimension in Dimension::ALL {
            self.0.ratings.push(Rating {
                person_id: id.clone(),
                dimension,
                role: RaterRole::Superior,
                rater: "党组".into(),
                value: RatingValue::Score(score),
                updated_at: None,
            });
        }
        self
    }

    /// A cadre without any rating (grade open).
    pub fn unrated(mut self, name: &str) -> Dept {
        self.0.people.push(Person {
            id: format!("p-{name}"),
            name: name.into(),
            post: String::new(),
            level: ResponsibilityLevel::Leadership,
            order: self.0.people.len() as u32,
        });
        self
    }

    pub fn build(self) -> Assessment {
        self.0
    }
}

/// Every `code()` of a list is snake_case and distinct.
pub fn assert_codes(codes: &[&str]) {
    let mut seen = std::collections::BTreeSet::new();
    for code in codes {
        assert!(
            !code.is_empty()
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && !code.starts_with('_')
                && !code.ends_with('_'),
            "{code:?} is not snake_case"
        );
        assert!(seen.insert(*code), "{code:?} twice");
    }
}
