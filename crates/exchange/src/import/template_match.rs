//! Step 9 (`import` only): the file's template compared with the local one, item by item where the
//! file carries item digests (format 3), by id and version where it does not (format 2 and before).

use super::{ImportWarning, Imported};
use crate::envelope::Content;
use crate::error::ImportError;
use zrz_domain::plan::{Template, TemplateRef};
use zrz_domain::record::Response;

/// How the file's template compares with the local one. Only a different plan id is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateMatch {
    pub file: TemplateRef,
    pub local: TemplateRef,
    /// The file names its items' digests, so the lists below compare item by item; otherwise
    /// (format 2 and before) only ids and versions are compared and those lists are empty.
    pub by_items: bool,
    /// Items of the file's template that the local one does not have (本机没有), in the file's order.
    pub only_in_file: Vec<String>,
    /// Items of the local template that the file's does not have (文件所用方案没有), in local order.
    pub only_local: Vec<String>,
    /// Items both have, made against other text, kind, quota, dimension or points, in local order.
    pub changed: Vec<String>,
    /// Answered in the file, but not items of the local template (kept aside, never deleted).
    pub unknown_items: Vec<String>,
    /// Items of the local template the file has no answer for.
    pub missing_items: Vec<String>,
}

impl TemplateMatch {
    /// The file was made with the local template: the same hash, or, for a file without item
    /// digests, the same id and version.
    pub fn is_exact(&self) -> bool {
        if self.by_items {
            self.file.same_template(&self.local)
        } else {
            self.file.id == self.local.id && self.file.version == self.local.version
        }
    }

    /// Every item is the same on both sides, though the templates differ elsewhere (a title, a
    /// preamble, a new activity kind).
    pub fn items_agree(&self) -> bool {
        self.by_items
            && self.only_in_file.is_empty()
            && self.only_local.is_empty()
            && self.changed.is_empty()
    }

    /// Answers made against the file's template mean the same here: the same template, or one whose
    /// every item is the same (a new template version that changed, say, only the ledger's activity
    /// kinds). Only an incompatible file asks the user to confirm.
    pub fn is_compatible(&self) -> bool {
        self.is_exact() || self.items_agree()
    }
}

/// Compares a file's template reference with `template`.
pub fn compare_templates(file: &TemplateRef, template: &Template) -> TemplateMatch {
    let local = template.reference();
    let by_items = !file.items.is_empty();
    let (mut only_in_file, mut only_local, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    if by_items {
        for item in template.items() {
            match file.items.get(&item.id) {
                None => only_local.push(item.id.clone()),
                Some(digest) if Some(digest) != local.items.get(&item.id) => {
                    changed.push(item.id.clone())
                }
                Some(_) => {}
            }
        }
        only_in_file = file
            .items
            .keys()
            .filter(|id| !local.items.contains_key(*id))
            .cloned()
            .collect();
    }
    TemplateMatch {
        file: file.clone(),
        local,
        by_items,
        only_in_file,
        only_local,
        changed,
        unknown_items: Vec::new(),
        missing_items: Vec::new(),
    }
}

/// Step 9 (`import` only): compare a 科室自评 (or a 核查意见) with the local template. A different
/// plan id refuses the file; another version or content is reported on the result with the items
/// involved.
pub fn check_template(imported: &mut Imported, template: &Template) -> Result<(), ImportError> {
    let file = match &imported.content {
        Content::Assessment(..) => imported.header.template.clone(),
        Content::Findings(f) => f.template.clone(),
        _ => return Ok(()),
    };
    if file.id != template.id {
        return Err(ImportError::PlanMismatch {
            file_id: file.id,
            file_version: file.version,
            local_id: template.id.clone(),
            local_version: template.version.clone(),
        });
    }
    let mut found = compare_templates(&file, template);
    if let Content::Assessment(assessment, _) = &imported.content {
        found.unknown_items = assessment
            .orphaned_answers(template)
            .map(str::to_string)
            .collect();
        found.missing_items = template
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
    }
    imported.template_match = Some(found);
    Ok(())
}
