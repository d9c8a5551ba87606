//! Sanitised (脱敏) files: names and free text left out, structure, responses, dates and scores kept.

use std::collections::BTreeMap;

use crate::envelope::Content;
use zrz_domain::record::Assessment;
use zrz_domain::scoring::owner_names;

/// [`sanitize_assessment`]). A 年度方案 has none and is returned as it is.
pub fn sanitize(content: &Content) -> Content {
    match content {
        Content::Assessment(a) => {
            let mut a = a.clone();
            sanitize_assessment(&mut a);
            Content::Assessment(a)
        }
        Content::Backup(state) => {
            let mut state = state.clone();
            sanitize_assessment(&mut state.assessment);
            Content::Backup(state)
        }
        Content::AnnualPlan(_) => content.clone(),
    }
}

/// Leaves out names and free text, keeping structure, responses, dates, flags and scores:
/// - people's names become `人员1`, `人员2` … (in list order) and their 职务 is cleared;
/// - raters' names become the same alias when the rater is one of the people, else `评价人1` …, so
///   互评 stays several distinct raters and every rating keeps its slot;
/// - 填报人, answers' reasons and notes, and the text of every piece of evidence are cleared (the
///   pieces themselves stay, so their number shows);
/// - a 责任人 field keeps only the aliases of the people it names, so the red-line veto still falls
///   on the same people; other names in it are dropped.
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
        let owners: Vec<&str> = owner_names(&answer.owner)
            .into_iter()
            .filter_map(|n| aliases.get(n).map(String::as_str))
            .collect();
        answer.owner = owners.join("、");
        for evidence in &mut answer.evidence {
            evidence.what.clear();
            evidence.location.clear();
            evidence.doc_no.clear();
        }
    }
}

/// Reads `text` back through the importer and compares what it gets with `original` (sanitised first
/// if the file says it is). An export that cannot be re-imported, or reads back differently, is a bug:

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitising_aliases_names_keeps_slots_and_scores() {
        use zrz_domain::record::{Answer, Evidence, Response};
        use zrz_domain::record::{Person, RaterRole, Rating, RatingValue};
        use zrz_domain::Dimension;
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
}
