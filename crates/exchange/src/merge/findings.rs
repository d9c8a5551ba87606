//! A department imports the office's 核查意见: the findings join its record by id, as the office
//! wrote them (the department never edits a finding; it answers with a task).

use super::{written_key, MergeError};
use crate::envelope::Content;
use crate::import::Imported;
use crate::office::FindingsFile;
use zrz_domain::plan::TemplateRef;
use zrz_domain::record::{Assessment, Relation};

/// What importing a 核查意见 does.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingsUpdate {
    /// The record with the findings in it; nothing else changed.
    pub assessment: Assessment,
    /// Finding ids new to the record.
    pub added: Vec<String>,
    /// Finding ids the office changed since the department last imported them (a note, a verdict,
    /// closed): the office's version replaces the one held.
    pub updated: Vec<String>,
    /// Finding ids already held as they are.
    pub unchanged: Vec<String>,
}

impl FindingsUpdate {
    pub fn is_noop(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty()
    }
}

/// Puts the findings of an imported 核查意见 into `local`. Refused: a sanitised file, a file of
/// another kind, and findings addressed to another department or year (or to a browser that has no
/// department yet). Findings the record holds that the file does not name are kept.
pub fn apply_findings(
    local: &Assessment,
    imported: &Imported,
) -> Result<FindingsUpdate, MergeError> {
    if imported.is_read_only() {
        return Err(MergeError::Sanitized);
    }
    let Content::Findings(file) = &imported.content else {
        return Err(MergeError::NotMergeable(imported.header.kind));
    };
    let addressee = file.addressee();
    match local.profile.relation_to(&addressee) {
        Relation::SameDepartment => {}
        relation => {
            return Err(MergeError::OtherDepartment {
                relation,
                local: written_key(&local.profile),
                incoming: file.department.clone(),
            })
        }
    }
    let mut assessment = local.clone();
    let (mut added, mut updated, mut unchanged) = (Vec::new(), Vec::new(), Vec::new());
    for finding in &file.findings {
        match assessment.findings.iter_mut().find(|f| f.id == finding.id) {
            Some(held) if held == finding => unchanged.push(finding.id.clone()),
            Some(held) => {
                *held = finding.clone();
                updated.push(finding.id.clone());
            }
            None => {
                assessment.findings.push(finding.clone());
                added.push(finding.id.clone());
            }
        }
    }
    Ok(FindingsUpdate {
        assessment,
        added,
        updated,
        unchanged,
    })
}

/// Whether a 核查意见 was made against the template in use: the same template, or one of the same
/// id whose items the findings name read the same (their digests agree). Findings about another
/// template's items would point at the wrong items; the department is told instead.
pub fn findings_fit_template(file: &FindingsFile, local: &TemplateRef) -> bool {
    if file.template.same_template(local) {
        return true;
    }
    file.template.id == local.id
        && file.findings.iter().all(|f| {
            matches!(
                (file.template.items.get(&f.item_id), local.items.get(&f.item_id)),
                (Some(a), Some(b)) if a == b
            )
        })
}
