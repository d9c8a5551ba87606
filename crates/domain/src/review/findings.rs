//! Findings (核查意见): the office sends each item it did not confirm back to the department, and
//! the department imports them.
//!
//! Ids are derived, not drawn: a finding's id is made from the department, the item and the moment
//! the item was verified, so exporting the findings again (after closing one, or to a colleague)
//! gives the same ids, and importing them twice changes nothing. Verifying the item again makes a
//! new finding. Only current verdicts other than 核实 become findings: an item whose answer changed
//! since verified waits for the office to check it again.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::digest::{verification_state, VerificationState};
use super::Review;
use crate::plan::Template;
use crate::record::{new_id, Assessment, DepartmentKey, Finding, Verdict};

/// The id of the finding on `item_id` of `department`'s file verified at `verified_at`: `f-` and
/// 13 characters of the first 64 bits of SHA-256 over `department|item|verified_at (RFC 3339)`.
pub fn finding_id(department: &DepartmentKey, item_id: &str, verified_at: DateTime<Utc>) -> String {
    let text = format!(
        "{}|{}|{}",
        department.to_id(),
        item_id,
        verified_at.to_rfc3339()
    );
    let digest = Sha256::digest(text.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    new_id("f", u64::from_be_bytes(first))
}

/// The findings of the office's review of `assessment`, in template order, issued at `issued_at`.
/// The department key (the ids' source) is the assessment's own profile. A finding the review lists
/// in `closed_findings` is sent as closed.
pub fn findings_for(
    review: &Review,
    assessment: &Assessment,
    template: &Template,
    issued_at: DateTime<Utc>,
) -> Vec<Finding> {
    let department = assessment.profile.department_key();
    template
        .items()
        .filter_map(|item| {
            let VerificationState::Current(v) = verification_state(review, assessment, &item.id)
            else {
                return None;
            };
            if v.verdict == Verdict::Confirmed {
                return None;
            }
            let id = finding_id(&department, &item.id, v.verified_at);
            Some(Finding {
                closed: review.closed_findings.contains(&id),
                id,
                item_id: item.id.clone(),
                verdict: v.verdict,
                found: v.found,
                note: v.note.clone(),
                method: v.method,
                issued_at,
                answer_digest: v.answer_digest.clone(),
            })
        })
        .collect()
}

/// What importing findings did, by finding id in the order received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingsImport {
    pub added: Vec<String>,
    /// Known findings that changed (e.g. the office closed one); replaced by the received version.
    pub updated: Vec<String>,
    /// Known findings received again as they are (their issue time aside).
    pub unchanged: Vec<String>,
    /// Findings (added, updated or unchanged) about an item whose answer the department has changed
    /// since the office verified it: kept, and shown as such.
    pub for_changed_items: Vec<String>,
}

/// Equal apart from when they were issued.
fn same_finding(a: &Finding, b: &Finding) -> bool {
    Finding {
        issued_at: b.issued_at,
        ..a.clone()
    } == *b
}

/// Imports findings into the department's record (see [`FindingsImport`]).
pub fn import_findings(assessment: &mut Assessment, findings: &[Finding]) -> FindingsImport {
    let mut result = FindingsImport::default();
    for finding in findings {
        match assessment.findings.iter_mut().find(|f| f.id == finding.id) {
            Some(known) if same_finding(known, finding) => {
                result.unchanged.push(finding.id.clone());
            }
            Some(known) => {
                *known = finding.clone();
                result.updated.push(finding.id.clone());
            }
            None => {
                assessment.findings.push(finding.clone());
                result.added.push(finding.id.clone());
            }
        }
        let changed = !finding.answer_digest.is_empty()
            && finding.answer_digest != assessment.answer_digest(&finding.item_id);
        if changed {
            result.for_changed_items.push(finding.id.clone());
        }
    }
    result
}
