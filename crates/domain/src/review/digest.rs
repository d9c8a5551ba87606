//! "Changed since verified": the office verifies an answer as it was, and a newer export of the
//! same department may change it. A verification stores the digest of the answer it saw
//! ([`answer_digest`]); when the answer's digest is still the same, the verdict carries over to the
//! newer file, otherwise the item is to be checked again ([`VerificationState::Stale`]). Staleness is
//! computed, never stored, so replacing a file cannot lose a verdict: the old one stays beside the
//! item until the office checks it again.

use sha2::{Digest, Sha256};

use super::{Review, Verification};
use crate::plan::hex;
use crate::record::answer_content as content;
use crate::record::{Answer, Assessment};

/// SHA-256 (hex) of the answer's content (everything but `updated_at`), serialised as one JSON
/// array in a fixed field order.
pub fn answer_digest(answer: &Answer) -> String {
    let canonical =
        serde_json::to_vec(&content(answer)).expect("an answer's content always serialises");
    hex(&Sha256::digest(&canonical))
}

impl Assessment {
    /// The digest of the answer to `item_id`; an item not answered digests as `Answer::default()`
    /// (an office may verify an unanswered item, and the department answering it is a change).
    pub fn answer_digest(&self, item_id: &str) -> String {
        match self.answer(item_id) {
            Some(answer) => answer_digest(answer),
            None => answer_digest(&Answer::default()),
        }
    }
}

/// A verification against the department's current answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationState<'r> {
    NotVerified,
    /// Verified, and the answer is as it was then.
    Current(&'r Verification),
    /// Verified, but the answer has changed since: check again.
    Stale(&'r Verification),
}

impl<'r> VerificationState<'r> {
    pub fn code(&self) -> &'static str {
        match self {
            VerificationState::NotVerified => "not_verified",
            VerificationState::Current(_) => "current",
            VerificationState::Stale(_) => "stale",
        }
    }

    /// The verification in force: only a current one counts.
    pub fn current(self) -> Option<&'r Verification> {
        match self {
            VerificationState::Current(v) => Some(v),
            VerificationState::NotVerified | VerificationState::Stale(_) => None,
        }
    }
}

/// The state of the verification of `item_id` against `assessment`'s answer.
pub fn verification_state<'r>(
    review: &'r Review,
    assessment: &Assessment,
    item_id: &str,
) -> VerificationState<'r> {
    match review.verifications.get(item_id) {
        None => VerificationState::NotVerified,
        Some(v) if v.answer_digest == assessment.answer_digest(item_id) => {
            VerificationState::Current(v)
        }
        Some(v) => VerificationState::Stale(v),
    }
}

/// What carries over when a newer export of the department replaces the one the review was made
/// on: nothing is deleted; `kept` verdicts still apply, `recheck` items changed since verified.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarryOver {
    /// Items whose verdict still applies (answer unchanged), by item id.
    pub kept: Vec<String>,
    /// Items whose answer changed since verified, by item id: their old verdict no longer counts
    /// (not in the verified score, no finding) until the office verifies them again.
    pub recheck: Vec<String>,
}

/// The review's verdicts measured against `assessment` (the newer file).
pub fn carry_over(review: &Review, assessment: &Assessment) -> CarryOver {
    let mut result = CarryOver::default();
    for item_id in review.verifications.keys() {
        match verification_state(review, assessment, item_id) {
            VerificationState::Current(_) => result.kept.push(item_id.clone()),
            VerificationState::Stale(_) => result.recheck.push(item_id.clone()),
            VerificationState::NotVerified => {}
        }
    }
    result
}
