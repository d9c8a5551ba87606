//! A department imports the office's 核查意见: the findings join its record by id, as the office
//! wrote them (the department never edits a finding; it answers with a task), and what the file
//! says beyond them (accountability decisions, both scores) becomes the record's `office_review`,
//! unless the record holds a newer one.

use super::{written_key, MergeError};
use crate::envelope::Content;
use crate::import::Imported;
use crate::office::FindingsFile;
use zrz_domain::plan::TemplateRef;
use zrz_domain::record::{Assessment, OfficeReview, Relation};

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
    /// What the file says of accountability and scores, where it differs from what the record
    /// held: `Taken` replaced it, `KeptNewer` left a newer one in place.
    pub office_review: OfficeReviewChange,
    /// Ids of the file's findings whose item the department changed since the office verified it
    /// (shown as such on the item, never dropped).
    pub changed_since: Vec<String>,
}

/// What a findings file did to the record's `office_review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeReviewChange {
    /// The file says what the record already holds.
    Same,
    /// The file's decisions and scores replaced the record's.
    Taken,
    /// The record holds those of a newer findings file; the file's older ones were not taken.
    KeptNewer,
}

impl FindingsUpdate {
    pub fn is_noop(&self) -> bool {
        self.added.is_empty()
            && self.updated.is_empty()
            && self.office_review != OfficeReviewChange::Taken
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
    let incoming = OfficeReview {
        accountability: file.accountability.clone(),
        scores: file.scores,
        issued_at: Some(imported.header.exported_at),
    };
    let held = &assessment.office_review;
    let office_review = if *held == incoming {
        OfficeReviewChange::Same
    } else if held.replaced_by(&incoming) {
        assessment.office_review = incoming;
        OfficeReviewChange::Taken
    } else {
        OfficeReviewChange::KeptNewer
    };
    let changed_since = file
        .findings
        .iter()
        .filter(|f| {
            !f.answer_digest.is_empty() && f.answer_digest != local.answer_digest(&f.item_id)
        })
        .map(|f| f.id.clone())
        .collect();
    Ok(FindingsUpdate {
        assessment,
        added,
        updated,
        unchanged,
        office_review,
        changed_since,
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
