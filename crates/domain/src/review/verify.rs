//! The office's verification form for one item: verdict, the status the office finds, how it
//! checked, a note and who checked. Rules: a verdict is required; a verdict other than 核实 requires
//! the status found, one that fits the item (未发生/已发生 for red lines, the other four otherwise),
//! and for 不属实 one that differs from the department's answer (else it would be 核实); 核实 takes
//! the department's answer as found, so a found status given with it is dropped; the method is
//! optional but one of the plan's four (听取汇报、查阅资料、实地检查、列席有关会议).

use chrono::{DateTime, Utc};

use super::digest::answer_digest;
use super::Verification;
use crate::plan::Item;
use crate::record::{Answer, Method, Response, Verdict};

impl Verdict {
    pub fn from_key(key: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.key() == key)
    }
}

impl Method {
    pub fn from_key(key: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// The form as chosen: keys of the selects (empty = nothing chosen) and the text typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerificationDraft {
    /// `Verdict::key`.
    pub verdict: String,
    /// `Response::key`.
    pub found: String,
    /// `Method::key`.
    pub method: String,
    pub note: String,
    pub by: String,
}

impl VerificationDraft {
    pub fn from_verification(v: &Verification) -> VerificationDraft {
        VerificationDraft {
            verdict: v.verdict.key().to_string(),
            found: v.found.map(|r| r.key().to_string()).unwrap_or_default(),
            method: v.method.map(|m| m.key().to_string()).unwrap_or_default(),
            note: v.note.clone(),
            by: v.by.clone(),
        }
    }
}

/// Why a verification form was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerificationProblem {
    VerdictRequired,
    UnknownVerdict {
        text: String,
    },
    /// 存疑 / 不属实 without the status found.
    FoundRequired {
        verdict: Verdict,
    },
    UnknownFound {
        text: String,
    },
    /// A status that does not fit the item (已发生 for a task …).
    FoundNotForItem {
        found: Response,
    },
    /// 不属实 with the department's own answer as found.
    FoundSameAsAnswer {
        found: Response,
    },
    UnknownMethod {
        text: String,
    },
}

impl VerificationProblem {
    pub fn code(&self) -> &'static str {
        match self {
            VerificationProblem::VerdictRequired => "verdict_required",
            VerificationProblem::UnknownVerdict { .. } => "unknown_verdict",
            VerificationProblem::FoundRequired { .. } => "found_required",
            VerificationProblem::UnknownFound { .. } => "unknown_found",
            VerificationProblem::FoundNotForItem { .. } => "found_not_for_item",
            VerificationProblem::FoundSameAsAnswer { .. } => "found_same_as_answer",
            VerificationProblem::UnknownMethod { .. } => "unknown_method",
        }
    }

    /// The form field to mark: `verdict`, `found` or `method`.
    pub fn field(&self) -> &'static str {
        match self {
            VerificationProblem::VerdictRequired | VerificationProblem::UnknownVerdict { .. } => {
                "verdict"
            }
            VerificationProblem::FoundRequired { .. }
            | VerificationProblem::UnknownFound { .. }
            | VerificationProblem::FoundNotForItem { .. }
            | VerificationProblem::FoundSameAsAnswer { .. } => "found",
            VerificationProblem::UnknownMethod { .. } => "method",
        }
    }
}

/// Reads the form for `item`, whose department answer is `answer` (the digest of which the
/// verification keeps). `now` is `verified_at`. Every problem is returned.
pub fn build_verification(
    draft: &VerificationDraft,
    item: &Item,
    answer: Option<&Answer>,
    now: DateTime<Utc>,
) -> Result<Verification, Vec<VerificationProblem>> {
    let mut problems = Vec::new();
    let verdict_text = draft.verdict.trim();
    let verdict = if verdict_text.is_empty() {
        problems.push(VerificationProblem::VerdictRequired);
        None
    } else {
        let verdict = Verdict::from_key(verdict_text);
        if verdict.is_none() {
            problems.push(VerificationProblem::UnknownVerdict {
                text: verdict_text.to_string(),
            });
        }
        verdict
    };
    let found_text = draft.found.trim();
    let found = if found_text.is_empty() {
        None
    } else {
        let found = Response::from_key(found_text);
        if found.is_none() {
            problems.push(VerificationProblem::UnknownFound {
                text: found_text.to_string(),
            });
        }
        found
    };
    let found = match verdict {
        Some(Verdict::Confirmed) => None,
        Some(verdict) => {
            match found {
                None if found_text.is_empty() => {
                    problems.push(VerificationProblem::FoundRequired { verdict })
                }
                None => {}
                Some(f) if !Response::choices_for(&item.kind).contains(&f) => {
                    problems.push(VerificationProblem::FoundNotForItem { found: f })
                }
                Some(f)
                    if verdict == Verdict::NotAsReported
                        && answer.and_then(|a| a.response) == Some(f) =>
                {
                    problems.push(VerificationProblem::FoundSameAsAnswer { found: f })
                }
                Some(_) => {}
            }
            found
        }
        None => found,
    };
    let method_text = draft.method.trim();
    let method = if method_text.is_empty() {
        None
    } else {
        let method = Method::from_key(method_text);
        if method.is_none() {
            problems.push(VerificationProblem::UnknownMethod {
                text: method_text.to_string(),
            });
        }
        method
    };
    match verdict {
        Some(verdict) if problems.is_empty() => Ok(Verification {
            verdict,
            note: draft.note.trim().to_string(),
            method,
            found,
            answer_digest: answer_digest(answer.unwrap_or(&Answer::default())),
            verified_at: now,
            by: draft.by.trim().to_string(),
        }),
        _ => Err(problems),
    }
}
