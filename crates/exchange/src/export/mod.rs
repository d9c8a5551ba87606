//! Writing exchange files: the envelope and its checksum for each kind (this module), the sanitised
//! variant (`sanitize`), the self-check that every file we write reads back to the same content
//! (`verify`), and file names (`file_name`).

mod file_name;
mod sanitize;
mod verify;

use serde_json::Value;

use crate::canonical::checksum;
use crate::envelope::{AnnualPlan, Content, ExportEnvelope, ExportMeta};
use crate::state::StoredState;
use crate::{FORMAT, FORMAT_VERSION};
use zrz_domain::plan::{Template, TemplateRef};
use zrz_domain::record::{Assessment, Profile};

pub use file_name::{
    annual_plan_file_name, assessment_file_name, backup_file_name, file_name_part, SANITIZED_SUFFIX,
};
pub use sanitize::{sanitize, sanitize_assessment};
pub use verify::verify_export;

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
}
