//! 示例数据: a made-up department's year, so that a newcomer sees every page working before typing
//! anything (使用说明 → 加载示例数据), and a handful of such departments for the office's 汇总.
//!
//! The data is deterministic (the same year and index give the same record) and marked twice: the
//! department's name says 示例, and [`is_demo`] recognises it, so that nobody mistakes it for a real
//! department's file. Loading it never replaces anything: the app offers it only on an empty record
//! ([`can_load_into`]).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::plan::{ItemKind, Template};
use crate::record::{
    Answer, Assessment, Evidence, Grade, LedgerEntry, Person, Profile, RaterRole, Rating,
    RatingValue, Response, ResponsibilityLevel, Task, TaskStatus,
};
use crate::Dimension;

/// Every demo department's name starts with it.
pub const DEMO_MARK: &str = "【示例】";
/// The unit of every demo department.
pub const DEMO_UNIT: &str = "示例县文化广电和旅游局";

/// The demo departments, by index; [`department`] wraps around.
const DEPARTMENTS: [&str; 5] = ["办公室", "宣传科", "文物科", "市场科", "县文化馆"];

/// Whether a profile is a demo department's.
pub fn is_demo(profile: &Profile) -> bool {
    profile.department.starts_with(DEMO_MARK)
}

/// Whether demo data may be loaded into this record: only an empty one (no answers, ledger
/// entries, cadres, ratings or tasks), so that loading it can never overwrite a user's work.
pub fn can_load_into(a: &Assessment) -> bool {
    a.answers.is_empty()
        && a.ledger.is_empty()
        && a.people.is_empty()
        && a.ratings.is_empty()
        && a.tasks.is_empty()
        && a.findings.is_empty()
}

/// One demo department's year `year` against `template`. `index` varies the department: index 1
/// has a red line 已发生 and lags on a quota; the others differ in how much they have done.
pub fn department(template: &Template, year: i32, index: usize) -> Assessment {
    let name = DEPARTMENTS[index % DEPARTMENTS.len()];
    let stamp = at(year, 11, 20);
    let mut a = Assessment {
        profile: Profile {
            unit: DEMO_UNIT.into(),
            department: format!("{DEMO_MARK}{name}"),
            filled_by: "示例填报人".into(),
            year,
        },
        ..Assessment::default()
    };
    let mut ledger = Ledger::new(year, index);
    let items: Vec<_> = template.items().collect();
    // Later departments leave more of the plan unanswered, so the summary has something to show.
    let unanswered_from = items.len() - (index % DEPARTMENTS.len()) * 3;
    for (n, item) in items.iter().enumerate() {
        if n >= unanswered_from {
            continue;
        }
        let mut answer = Answer {
            owner: "示例责任人".into(),
            updated_at: Some(stamp),
            ..Answer::default()
        };
        match &item.kind {
            ItemKind::RedLine => {
                if index % DEPARTMENTS.len() == 1 && n == items.len() - 4 {
                    answer.response = Some(Response::Occurred);
                    answer.occurred_on = NaiveDate::from_ymd_opt(year, 6, 18);
                    answer.note =
                        "（示例）所属公众号转发一篇未经审核的文章，已删除并约谈责任人。".into();
                } else {
                    answer.response = Some(Response::NotOccurred);
                }
            }
            ItemKind::Quota { per_year, activity } => {
                // Department 1 has only one of each quota's entries: behind where two are due.
                let done = if index % DEPARTMENTS.len() == 1 {
                    1
                } else {
                    *per_year
                };
                for _ in 0..done {
                    ledger.add(activity, &item.id);
                }
                answer.response = Some(if done >= *per_year {
                    Response::Implemented
                } else {
                    Response::Partial
                });
                answer.note = format!("（示例）全年开展 {done} 次，详见台账。");
            }
            ItemKind::Task => {
                answer.response = Some(match (n + index) % 9 {
                    4 => Response::Partial,
                    7 => Response::NotImplemented,
                    _ => Response::Implemented,
                });
                match answer.response {
                    Some(Response::NotImplemented) => {
                        answer.reason = "（示例）年内人员调整，尚未部署。".into();
                        answer.due = NaiveDate::from_ymd_opt(year, 12, 20);
                    }
                    Some(Response::Partial) => {
                        answer.note = "（示例）已部署，部分工作仍在推进。".into();
                        answer.due = NaiveDate::from_ymd_opt(year, 12, 31);
                    }
                    _ => {
                        answer.note = "（示例）已按方案要求落实。".into();
                        answer.evidence.push(Evidence {
                            what: "（示例）会议记录".into(),
                            location: "办公室档案柜".into(),
                            doc_no: String::new(),
                            entry: None,
                        });
                    }
                }
            }
        }
        a.answers.insert(item.id.clone(), answer);
    }
    a.ledger = ledger.entries;
    add_people(&mut a, index, stamp);
    if let Some((item_id, _)) = a
        .answers
        .iter()
        .find(|(_, x)| x.response == Some(Response::NotImplemented))
    {
        a.tasks.push(Task {
            id: format!("t-demo{index}"),
            item_id: item_id.clone(),
            measure: "（示例）列入下季度党组会议议题，明确专人负责。".into(),
            owner: "示例责任人".into(),
            deadline: NaiveDate::from_ymd_opt(year, 12, 25),
            status: TaskStatus::InProgress,
            finding_id: None,
            completed_on: None,
            evidence_entry: None,
            evidence_document: String::new(),
            updated_at: Some(stamp),
        });
    }
    a
}

fn at(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 2, 0, 0)
        .single()
        .expect("a valid demo date")
}

/// The demo ledger: entries spread over the year, one per quota occurrence.
struct Ledger {
    year: i32,
    index: usize,
    entries: Vec<LedgerEntry>,
}

impl Ledger {
    fn new(year: i32, index: usize) -> Ledger {
        Ledger {
            year,
            index,
            entries: Vec::new(),
        }
    }

    fn add(&mut self, activity: &str, item_id: &str) {
        let n = self.entries.len() as u32;
        // Months 3, 5, 7, 9 …: inside the year whatever the count.
        let month = 3 + (n * 2) % 9;
        self.entries.push(LedgerEntry {
            id: format!("e-demo{}-{n}", self.index),
            date: NaiveDate::from_ymd_opt(self.year, month, 10 + n % 15).expect("a valid date"),
            activity: activity.into(),
            title: format!("（示例）{}专题活动（第 {} 次）", item_id, n + 1),
            place: "局三楼会议室".into(),
            participant_count: Some(12 + n),
            participants: "局领导班子成员、各科室负责人".into(),
            summary: "（示例）传达学习上级精神，研究部署本单位意识形态工作。".into(),
            doc_no: format!("示例〔{}〕{} 号", self.year, n + 1),
            kept_at: "办公室档案柜".into(),
            items: vec![item_id.into()],
            updated_at: None,
        });
    }
}

fn add_people(a: &mut Assessment, index: usize, stamp: DateTime<Utc>) {
    let people = [
        ("张示例", "党组书记、局长", ResponsibilityLevel::First),
        ("李示例", "党组成员、副局长", ResponsibilityLevel::Direct),
        (
            "王示例",
            "党组成员、副局长",
            ResponsibilityLevel::Leadership,
        ),
        (
            "赵示例",
            "党组成员、纪检组长",
            ResponsibilityLevel::Leadership,
        ),
    ];
    for (order, (name, post, level)) in people.iter().enumerate() {
        let id = format!("p-demo{index}-{order}");
        a.people.push(Person {
            id: id.clone(),
            name: (*name).into(),
            post: (*post).into(),
            level: *level,
            order: order as u32,
        });
        for (d, dimension) in Dimension::ALL.into_iter().enumerate() {
            let grade = |shift: usize| match (order + d + shift + index) % 7 {
                0 => Grade::Excellent,
                6 => Grade::BasicallyCompetent,
                _ => Grade::Competent,
            };
            let mut rate = |role: RaterRole, rater: &str, value: RatingValue| {
                a.ratings.push(Rating {
                    person_id: id.clone(),
                    dimension,
                    role,
                    rater: rater.into(),
                    value,
                    updated_at: Some(stamp),
                });
            };
            rate(RaterRole::SelfReview, "", RatingValue::Grade(grade(0)));
            for (k, (peer, _, _)) in people.iter().enumerate().filter(|(k, _)| *k != order) {
                rate(RaterRole::Peer, peer, RatingValue::Grade(grade(k + 1)));
            }
            rate(RaterRole::Superior, "党组", RatingValue::Grade(grade(2)));
        }
    }
}
