//! Step 9 (`import` only): the file's template compared with the local one.

use super::Imported;
use crate::envelope::Content;
use crate::error::ImportError;
use zrz_domain::plan::{Template, TemplateRef};
use zrz_domain::record::Response;

use super::ImportWarning;

/// How the file's template compares with the local one. Only a different plan id is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateMatch {
    pub file: TemplateRef,
    pub local: TemplateRef,
    /// Answered in the file, but not items of the local template (kept aside, never deleted).
    pub unknown_items: Vec<String>,
    /// Items of the local template the file has no answer for.
    pub missing_items: Vec<String>,
}

impl TemplateMatch {
    /// Same id, version and content hash.
    pub fn is_exact(&self) -> bool {
        self.file == self.local
    }

    /// A sentence for the preview screen; `None` when the templates are the same.
    pub fn describe(&self) -> Option<String> {
        if self.is_exact() {
            return None;
        }
        let what = if self.file.version == self.local.version {
            format!(
                "文件所用方案（{} 版）与本应用的方案版本号相同但内容不同",
                self.file.version
            )
        } else {
            format!(
                "文件按方案 {} 版填写，本应用使用 {} 版",
                self.file.version, self.local.version
            )
        };
        let mut out = what;
        if !self.unknown_items.is_empty() {
            out.push_str(&format!(
                "；文件中有 {} 项本方案没有的检查项（{}），将单独保留",
                self.unknown_items.len(),
                self.unknown_items.join("、")
            ));
        }
        if !self.missing_items.is_empty() {
            out.push_str(&format!(
                "；本方案有 {} 项在文件中没有答复",
                self.missing_items.len()
            ));
        }
        Some(out)
    }
}

/// Step 9 (`import` only): compare a 科室自评 with the local template. A different plan id refuses
/// the file; another version or content is reported on the result with the item ids involved.
pub fn check_template(imported: &mut Imported, template: &Template) -> Result<(), ImportError> {
    let Content::Assessment(assessment) = &imported.content else {
        return Ok(());
    };
    let file = imported.header.template.clone();
    let local = template.reference();
    if file.id != local.id {
        return Err(ImportError::PlanMismatch {
            file_plan: format!("{}（{} 版）", file.id, file.version),
            local_plan: format!("{}（{} 版）", local.id, local.version),
        });
    }
    let unknown_items: Vec<String> = assessment
        .orphaned_answers(template)
        .map(str::to_string)
        .collect();
    let missing_items: Vec<String> = template
        .items()
        .filter(|i| !assessment.answers.contains_key(&i.id))
        .map(|i| i.id.clone())
        .collect();
    for item in template.items() {
        if let Some(response) = assessment.answers.get(&item.id).and_then(|a| a.response) {
            if !Response::choices_for(&item.kind).contains(&response) {
                imported.warnings.push(ImportWarning::ResponseDoesNotFit {
                    item_id: item.id.clone(),
                    response,
                });
            }
        }
    }
    imported.template_match = Some(TemplateMatch {
        file,
        local,
        unknown_items,
        missing_items,
    });
    Ok(())
}
