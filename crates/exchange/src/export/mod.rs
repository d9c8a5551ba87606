//! Writing exchange files: the envelope and its checksum for each kind (this module), the sanitised
//! variant (`sanitize`), the self-check that every file we write reads back to the same content
//! (`verify`), file names (`file_name`), and the member order of the text (`ordered`).
//!
//! Written strictly: every field, in the types' order, unknown fields the record carries put back
//! after the known ones.

mod file_name;
mod ordered;
mod sanitize;
mod verify;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::canonical::checksum;
use crate::envelope::{AnnualPlan, Content, ExportMeta};
use crate::extras::Extras;
use crate::office::{FindingsFile, Workspace};
use crate::state::{Record, StoredState};
use crate::{FORMAT, FORMAT_VERSION};
use ordered::Ordered;
use zrz_domain::plan::{RawTemplate, Template, TemplateRef};
use zrz_domain::record::{Assessment, Profile};

pub use file_name::{
    annual_plan_file_name, assessment_file_name, backup_file_name, file_name_part,
    findings_file_name, workspace_file_name, SANITIZED_SUFFIX,
};
pub use sanitize::{sanitize, sanitize_assessment, sanitize_review};
pub use verify::verify_export;

/// A 科室自评 file for `assessment` (with the unknown fields it carries), made with `template`.
pub fn export_assessment(
    assessment: &Assessment,
    extras: &Extras,
    template: &Template,
    meta: &ExportMeta,
) -> String {
    let p = &assessment.profile;
    write(
        &Content::Assessment(Box::new(assessment.clone()), extras.clone()),
        &template.reference(),
        (&p.unit, &p.department, p.year),
        meta,
    )
}

/// A 年度方案 file, sent down by the office whose own profile is `issued_by`. The header names the
/// template by the hash rule over its JSON exactly as the plan carries it.
pub fn export_annual_plan(plan: &AnnualPlan, issued_by: &Profile, meta: &ExportMeta) -> String {
    let p = issued_by;
    write(
        &Content::AnnualPlan(Box::new(plan.clone())),
        &TemplateRef::of_json(&plan.template),
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

/// A 核查意见 file for the department it names; the header names that department and the template
/// its file was made with.
pub fn export_findings(file: &FindingsFile, meta: &ExportMeta) -> String {
    let d = &file.department;
    write(
        &Content::Findings(Box::new(file.clone())),
        &file.template,
        (&d.unit, &d.department, d.year),
        meta,
    )
}

/// A 汇总工作区 file of the office whose profile is `office`, working with `template`.
pub fn export_workspace(
    workspace: &Workspace,
    office: &Profile,
    template: &Template,
    meta: &ExportMeta,
) -> String {
    write(
        &Content::Workspace(workspace.clone()),
        &template.reference(),
        (&office.unit, &office.department, office.year),
        meta,
    )
}

/// Any content in an envelope: what the `export_*` functions share.
pub fn write(
    content: &Content,
    template: &TemplateRef,
    who: (&str, &str, i32),
    meta: &ExportMeta,
) -> String {
    let mut text = serde_json::to_string_pretty(&envelope(content, template, who, meta))
        .expect("the envelope serialises");
    text.push('\n');
    text
}

/// The envelope as a JSON value in the order it is written.
fn envelope(
    content: &Content,
    template: &TemplateRef,
    who: (&str, &str, i32),
    meta: &ExportMeta,
) -> Ordered {
    let content = if meta.sanitized {
        sanitize(content, meta)
    } else {
        content.clone()
    };
    let value = content.to_value();
    // The sum is taken over the content as the importer will see it: printed, then parsed again. Any
    // rounding in float parsing then happens on both sides alike.
    let printed = serde_json::to_string(&value).expect("content serialises");
    let reread: Value = serde_json::from_str(&printed).expect("serde_json reads what it writes");
    let leaf = |v: Value| Ordered::Leaf(v);
    let mut members = vec![
        ("format".to_string(), leaf(FORMAT.into())),
        ("format_version".into(), leaf(FORMAT_VERSION.into())),
        ("kind".into(), leaf(content.kind().key().into())),
        ("unit".into(), leaf(who.0.into())),
        ("department".into(), leaf(who.1.into())),
        ("year".into(), leaf(who.2.into())),
        (
            "template".into(),
            Ordered::of(
                &serde_json::to_value(template).expect("a template reference serialises"),
                Some(&Ordered::layout_of(template)),
            ),
        ),
        ("exported_at".into(), leaf(time(meta.exported_at))),
        ("app_version".into(), leaf(meta.app_version.clone().into())),
        ("sanitized".into(), leaf(meta.sanitized.into())),
        ("checksum".into(), leaf(checksum(&reread).into())),
        (
            "content".into(),
            Ordered::of(&value, Some(&layout(&content))),
        ),
    ];
    if let Content::Assessment(_, extras) = &content {
        for (key, v) in &extras.envelope {
            if !members.iter().any(|(k, _)| k == key) {
                members.push((key.clone(), Ordered::of(v, None)));
            }
        }
    }
    Ordered::Object(members)
}

fn time(t: DateTime<Utc>) -> Value {
    serde_json::to_value(t).expect("a time serialises")
}

/// The order content members are written in: the types' own (a template's as its raw types read it).
fn layout(content: &Content) -> Ordered {
    let template_layout = |template: &Value| {
        serde_json::from_value::<RawTemplate>(template.clone())
            .ok()
            .map(|raw| Ordered::layout_of(&raw))
    };
    match content {
        Content::Assessment(a, _) => Ordered::layout_of(a),
        Content::AnnualPlan(plan) => {
            let mut out = Ordered::layout_of(plan);
            if let Some(t) = template_layout(&plan.template) {
                out.set_member("template", t);
            }
            out
        }
        Content::Backup(state) => Ordered::layout_of(&Record::new(state)),
        Content::Findings(f) => Ordered::layout_of(f),
        Content::Workspace(w) => Ordered::layout_of(w),
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
        let shipped = "80d5d8c0697e3d18cbe29af475bcb9845f4240367f41c13421e9052fc1c8d11b";
        assert_eq!(header(&template)["hash"], shipped);
        assert_eq!(header(&template)["items"]["3.1"], "eff604043ee1");
        // A field the app does not know is kept and hashed; an empty one changes nothing.
        template["x_empty"] = Value::Array(Vec::new());
        assert_eq!(header(&template)["hash"], shipped);
        template["x_note"] = "来自更新版本".into();
        assert_ne!(header(&template)["hash"], shipped);
    }

    #[test]
    fn files_are_written_in_the_types_order_with_unknown_fields_last() {
        let mut a = Assessment::default();
        a.profile.unit = "县文化广播影视局".into();
        let mut extras = Extras::default();
        extras.root.insert("a_future".into(), 1.into());
        extras.envelope.insert("x_signed".into(), "yes".into());
        let text = export_assessment(&a, &extras, &Template::shipped(), &meta());
        let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle}"));
        assert!(at("\"format\"") < at("\"format_version\""));
        assert!(at("\"content\"") < at("\"x_signed\""));
        assert!(at("\"profile\"") < at("\"answers\""));
        assert!(at("\"findings\"") < at("\"a_future\""));
    }

    fn meta() -> ExportMeta {
        use chrono::TimeZone;
        ExportMeta::new(
            chrono::Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap(),
            "0.3.0",
        )
    }
}
