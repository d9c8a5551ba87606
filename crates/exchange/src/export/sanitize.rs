//! Sanitised (脱敏) files: names and free text left out; structure, responses, dates, counts, links
//! between records and scores kept. Fields this version does not know are left out too: nothing
//! tells whether they hold a name.

use std::collections::BTreeMap;

use serde_json::Value;

use super::write;
use crate::envelope::{Content, ExportMeta};
use crate::extras::Extras;
use crate::import::read_value;
use crate::office::{FindingsFile, Received, ReceivedFile, Workspace};
use zrz_domain::record::Assessment;
use zrz_domain::review::Review;
use zrz_domain::scoring::owner_names;

/// The content with names and free text left out, for sharing outside the office (see
/// [`sanitize_assessment`]; a backup's whole state, a 核查意见's notes, every department file of a
/// 汇总工作区 and its review likewise). A 年度方案 has none and is returned as it is. `meta` is the
/// export's: a workspace's department files are written again, sanitised, with it.
pub fn sanitize(content: &Content, meta: &ExportMeta) -> Content {
    match content {
        Content::Assessment(a, _) => {
            let mut a = a.clone();
            sanitize_assessment(&mut a);
            Content::Assessment(a, Extras::default())
        }
        Content::Backup(state) => {
            let mut state = state.clone();
            sanitize_assessment(&mut state.assessment);
            state.extras = Extras::default();
            Content::Backup(state)
        }
        Content::AnnualPlan(_) => content.clone(),
        Content::Findings(f) => Content::Findings(Box::new(sanitize_findings(f))),
        Content::Workspace(w) => Content::Workspace(sanitize_workspace(w, meta)),
    }
}

/// Names as typed in a 责任人 or 参加人员 field, replaced by the aliases of the people they name;
/// other names are dropped.
fn aliased(names: &str, aliases: &BTreeMap<String, String>) -> String {
    let kept: Vec<&str> = owner_names(names)
        .into_iter()
        .filter_map(|n| aliases.get(n).map(String::as_str))
        .collect();
    kept.join("、")
}

/// Leaves out names and free text, keeping structure, responses, dates, flags and scores:
/// - people's names become `人员1`, `人员2` … (in list order) and their 职务 is cleared;
/// - raters' names become the same alias when the rater is one of the people, else `评价人1` …, so
///   互评 stays several distinct raters and every rating keeps its slot;
/// - 填报人, answers' reasons and notes, and the text of every piece of evidence are cleared (the
///   pieces themselves stay, so their number shows);
/// - a 责任人 field keeps only the aliases of the people it names, so the red-line veto still falls
///   on the same people; other names in it are dropped;
/// - 台账: title, place, summary, 文号 and where it is kept are cleared, 参加人员 keeps only aliases;
///   date, activity, number of participants and linked items stay;
/// - 整改任务: the measure and the evidence document are cleared, the 责任人 keeps only aliases;
///   item, finding, deadline, status, dates and the linked ledger entry stay;
/// - 核查意见 received: the office's note is cleared; verdict, finding, method and dates stay.
pub fn sanitize_assessment(a: &mut Assessment) {
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    for (i, person) in a.people.iter_mut().enumerate() {
        let alias = format!("人员{}", i + 1);
        if !person.name.trim().is_empty() {
            aliases.insert(person.name.trim().to_string(), alias.clone());
        }
        person.name = alias;
        person.post.clear();
    }
    let people = aliases.clone();
    let mut raters = 0;
    for rating in &mut a.ratings {
        let name = rating.rater.trim().to_string();
        if name.is_empty() {
            continue;
        }
        let alias = aliases.entry(name).or_insert_with(|| {
            raters += 1;
            format!("评价人{raters}")
        });
        rating.rater = alias.clone();
    }
    a.profile.filled_by.clear();
    for answer in a.answers.values_mut() {
        answer.reason.clear();
        answer.note.clear();
        answer.owner = aliased(&answer.owner, &people);
        for evidence in &mut answer.evidence {
            evidence.what.clear();
            evidence.location.clear();
            evidence.doc_no.clear();
        }
    }
    for entry in &mut a.ledger {
        entry.title.clear();
        entry.place.clear();
        entry.participants = aliased(&entry.participants, &people);
        entry.summary.clear();
        entry.doc_no.clear();
        entry.kept_at.clear();
    }
    for task in &mut a.tasks {
        task.measure.clear();
        task.owner = aliased(&task.owner, &people);
        task.evidence_document.clear();
    }
    for finding in &mut a.findings {
        finding.note.clear();
    }
    for record in &mut a.office_review.accountability {
        record.note.clear();
        record.decided_by.clear();
    }
}

/// The office's review without its notes and the names of who verified and decided.
pub fn sanitize_review(review: &mut Review) {
    for verification in review.verifications.values_mut() {
        verification.note.clear();
        verification.by.clear();
    }
    for record in &mut review.accountability {
        record.note.clear();
        record.decided_by.clear();
    }
}

fn sanitize_findings(file: &FindingsFile) -> FindingsFile {
    let mut file = file.clone();
    for finding in &mut file.findings {
        finding.note.clear();
    }
    for record in &mut file.accountability {
        record.note.clear();
        record.decided_by.clear();
    }
    file.extras.clear();
    file
}

/// Every department file written again, sanitised (at its own export time and app version), and
/// every review without notes. A file that no longer reads (which receiving rules out) is left out
/// rather than copied with its names.
fn sanitize_workspace(workspace: &Workspace, meta: &ExportMeta) -> Workspace {
    let file = |f: &ReceivedFile| -> Option<ReceivedFile> {
        let imported = read_value(f.file.clone()).ok()?;
        let h = &imported.header;
        let meta = ExportMeta {
            exported_at: h.exported_at,
            app_version: h.app_version.clone(),
            ..meta.clone()
        };
        let text = write(
            &imported.content,
            &h.template,
            (&h.unit, &h.department, h.year),
            &meta.sanitized(),
        );
        Some(ReceivedFile {
            file_name: f.file_name.clone(),
            received_at: f.received_at,
            file: serde_json::from_str::<Value>(&text).ok()?,
        })
    };
    let received = workspace
        .received
        .iter()
        .filter_map(|r| {
            let mut review = r.review.clone();
            sanitize_review(&mut review);
            Some(Received {
                department: r.department.clone(),
                current: file(&r.current)?,
                older: r.older.iter().filter_map(file).collect(),
                review,
            })
        })
        .collect();
    Workspace {
        received,
        extras: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zrz_domain::record::{Answer, Evidence, Response};
    use zrz_domain::record::{Person, RaterRole, Rating, RatingValue};
    use zrz_domain::Dimension;

    #[test]
    fn sanitising_aliases_names_keeps_slots_and_scores() {
        let mut a = Assessment::default();
        a.profile.filled_by = "张三".into();
        a.people = vec![
            Person {
                id: "p1".into(),
                name: "李四".into(),
                post: "党组书记".into(),
                ..Person::default()
            },
            Person {
                id: "p2".into(),
                name: "王五".into(),
                ..Person::default()
            },
        ];
        let rating = |rater: &str| Rating {
            person_id: "p1".into(),
            dimension: Dimension::De,
            role: RaterRole::Peer,
            rater: rater.into(),
            value: RatingValue::Score(88.0),
            updated_at: None,
        };
        a.ratings = vec![rating("王五"), rating("赵六"), rating("")];
        let evidence = vec![Evidence {
            what: "会议记录".into(),
            location: "档案室".into(),
            doc_no: "文广〔2025〕1号".into(),
            entry: None,
        }];
        a.answers.insert(
            "7.1".into(),
            Answer {
                response: Some(Response::Occurred),
                note: "说明".into(),
                owner: "李四、钱七".into(),
                evidence,
                ..Answer::default()
            },
        );
        sanitize_assessment(&mut a);
        let names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["人员1", "人员2"]);
        assert_eq!(a.people[0].post, "");
        let raters: Vec<&str> = a.ratings.iter().map(|r| r.rater.as_str()).collect();
        assert_eq!(raters, ["人员2", "评价人1", ""]);
        assert_eq!(a.ratings[0].value, RatingValue::Score(88.0));
        let answer = &a.answers["7.1"];
        assert_eq!(
            (answer.note.as_str(), answer.owner.as_str(), answer.response),
            ("", "人员1", Some(Response::Occurred))
        );
        assert_eq!(answer.evidence.len(), 1);
        assert!(answer.evidence[0].is_empty());
        assert_eq!(a.profile.filled_by, "");
    }

    #[test]
    fn a_rater_who_is_not_a_person_is_not_an_owner() {
        let mut a = Assessment {
            people: vec![Person {
                id: "p1".into(),
                name: "李四".into(),
                ..Person::default()
            }],
            ..Assessment::default()
        };
        a.ratings = vec![Rating {
            person_id: "p1".into(),
            dimension: Dimension::De,
            role: RaterRole::Superior,
            rater: "党组".into(),
            value: RatingValue::Score(90.0),
            updated_at: None,
        }];
        a.answers.insert(
            "7.1".into(),
            Answer {
                owner: "党组、李四".into(),
                ..Answer::default()
            },
        );
        sanitize_assessment(&mut a);
        assert_eq!(a.ratings[0].rater, "评价人1");
        assert_eq!(a.answers["7.1"].owner, "人员1", "only people are owners");
    }
}
