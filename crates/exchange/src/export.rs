//! Writing exchange files: the envelope, the checksum, the sanitised variant, and the self-check that
//! every file we write can be read back to the same content.

use std::collections::BTreeMap;

use serde_json::Value;

use super::canonical::checksum;
use super::envelope::{AnnualPlan, Content, ExportEnvelope, ExportMeta};
use super::import::{read_file, ChecksumStatus};
use super::path::{differences, Difference, Seg};
use super::state::StoredState;
use super::{FORMAT, FORMAT_VERSION};
use zrz_domain::plan::{Template, TemplateRef};
use zrz_domain::record::{Assessment, Profile};
use zrz_domain::scoring::owner_names;

/// A 科室自评 file for `assessment`, filled in with `template`.
pub fn export_assessment(
    assessment: &Assessment,
    template: &Template,
    meta: &ExportMeta,
) -> String {
    let p = &assessment.profile;
    write(
        &Content::Assessment(assessment.clone()),
        &template.reference(),
        (&p.unit, &p.department, p.year),
        meta,
    )
}

/// A 年度方案 file, sent down by the office whose own profile is `issued_by`.
pub fn export_annual_plan(plan: &AnnualPlan, issued_by: &Profile, meta: &ExportMeta) -> String {
    let reference = TemplateRef::of_json(&plan.template);
    let p = issued_by;
    write(
        &Content::AnnualPlan(plan.clone()),
        &reference,
        (&p.unit, &p.department, p.year),
        meta,
    )
}

/// A 备份 file: the whole localStorage record. `template` is the one in use (named in the header).
pub fn export_backup(state: &StoredState, template: &Template, meta: &ExportMeta) -> String {
    let p = &state.assessment.profile;
    write(
        &Content::Backup(Box::new(state.clone())),
        &template.reference(),
        (&p.unit, &p.department, p.year),
        meta,
    )
}

fn write(
    content: &Content,
    template: &TemplateRef,
    who: (&str, &str, i32),
    meta: &ExportMeta,
) -> String {
    let content = if meta.sanitized {
        sanitize(content)
    } else {
        content.clone()
    };
    let value = content.to_value();
    // The sum is taken over the content as the importer will see it: printed, then parsed again. Any
    // rounding in float parsing then happens on both sides alike.
    let printed = serde_json::to_string(&value).expect("content serialises");
    let reread: Value = serde_json::from_str(&printed).expect("serde_json reads what it writes");
    let envelope = ExportEnvelope {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        kind: content.kind(),
        unit: who.0,
        department: who.1,
        year: who.2,
        template,
        exported_at: meta.exported_at,
        app_version: &meta.app_version,
        sanitized: meta.sanitized,
        checksum: checksum(&reread),
        content: &content,
    };
    let mut text = serde_json::to_string_pretty(&envelope).expect("the envelope serialises");
    text.push('\n');
    text
}

/// The content with names and free text left out, for sharing outside the office (see
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
/// the app calls this before offering the download and reports the differences instead.
pub fn verify_export(text: &str, original: &Content) -> Result<(), Vec<Difference>> {
    let imported = match read_file(text.as_bytes()) {
        Ok(imported) => imported,
        Err(e) => {
            return Err(vec![Difference {
                path: String::new(),
                expected: "可以重新导入的文件".into(),
                found: e.to_string(),
            }])
        }
    };
    let mut out = Vec::new();
    if imported.header.kind != original.kind() {
        out.push(Difference {
            path: "kind".into(),
            expected: original.kind().key().into(),
            found: imported.header.kind.key().into(),
        });
    }
    if imported.checksum != ChecksumStatus::Valid {
        out.push(Difference {
            path: "checksum".into(),
            expected: "与内容一致".into(),
            found: format!("{:?}", imported.checksum),
        });
    }
    let expected = if imported.header.sanitized {
        sanitize(original)
    } else {
        original.clone()
    }
    .to_value();
    out.extend(differences(
        &expected,
        &imported.content.to_value(),
        &[Seg::Key("content".into())],
        50,
    ));
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_annual_plan_names_its_template_by_the_hash_rule_of_the_json_as_distributed() {
        use zrz_domain::plan::SHIPPED_TEMPLATE_JSON;
        let mut template: Value = serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap();
        let header = |template: &Value| {
            let plan = AnnualPlan::from_office(template.clone(), &Assessment::default());
            let text = export_annual_plan(&plan, &Profile::default(), &meta());
            serde_json::from_str::<Value>(&text).unwrap()["template"].clone()
        };
        // The hash the documented Python recipe prints for template.json (docs/format.md).
        let shipped = "806f88986d88cad5232abf150569ef30b605e900458346480cb9e8ed5d81bec6";
        assert_eq!(header(&template)["hash"], shipped);
        assert_eq!(header(&template)["items"]["3.1"], "eff604043ee1");
        // A field the app does not know is kept and hashed; an empty one changes nothing.
        template["x_empty"] = Value::Array(Vec::new());
        assert_eq!(header(&template)["hash"], shipped);
        template["x_note"] = "来自更新版本".into();
        assert_ne!(header(&template)["hash"], shipped);
    }

    fn meta() -> ExportMeta {
        use chrono::TimeZone;
        ExportMeta::new(
            chrono::Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap(),
            "0.3.0",
        )
    }

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
