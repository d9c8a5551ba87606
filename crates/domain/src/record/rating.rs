//! One rater's rating of one cadre on one dimension, and who may give it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::answer::{FieldError, FieldProblem};
use super::identity::RatingKey;
use crate::scoring::RatingSettings;
use crate::Dimension;

/// Who gives a rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RaterRole {
    /// 自评
    #[serde(rename = "self")]
    SelfReview,
    /// 互评: several colleagues, each named; averaged before weighting.
    #[serde(rename = "peer")]
    Peer,
    /// 上级评价: the Party group.
    #[serde(rename = "superior")]
    Superior,
}

impl RaterRole {
    pub const ALL: [RaterRole; 3] = [RaterRole::SelfReview, RaterRole::Peer, RaterRole::Superior];

    pub fn key(self) -> &'static str {
        match self {
            RaterRole::SelfReview => "self",
            RaterRole::Peer => "peer",
            RaterRole::Superior => "superior",
        }
    }

    pub fn from_key(key: &str) -> Option<RaterRole> {
        RaterRole::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            RaterRole::SelfReview => "自评",
            RaterRole::Peer => "互评",
            RaterRole::Superior => "上级评价",
        }
    }
}

/// 考核等次. Not `Ord` on purpose: compare with [`Grade::rank`] (0 is best) or [`Grade::worse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀
    Excellent,
    /// 称职
    Competent,
    /// 基本称职
    BasicallyCompetent,
    /// 不称职
    Incompetent,
}

impl Grade {
    /// Best first.
    pub const ALL: [Grade; 4] = [
        Grade::Excellent,
        Grade::Competent,
        Grade::BasicallyCompetent,
        Grade::Incompetent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Competent => "competent",
            Grade::BasicallyCompetent => "basically_competent",
            Grade::Incompetent => "incompetent",
        }
    }

    pub fn from_key(key: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Competent => "称职",
            Grade::BasicallyCompetent => "基本称职",
            Grade::Incompetent => "不称职",
        }
    }

    /// 0 for 优秀 … 3 for 不称职.
    pub fn rank(self) -> usize {
        Grade::ALL
            .iter()
            .position(|g| *g == self)
            .expect("every grade is in ALL")
    }

    /// The lower of two grades (a cap applied to a grade).
    pub fn worse(self, other: Grade) -> Grade {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// What a rater gave: a grade (scored by the settings) or a score 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingValue {
    Grade(Grade),
    Score(f64),
}

impl RatingValue {
    /// The score the value counts as (full precision).
    pub fn score(self, settings: &RatingSettings) -> f64 {
        match self {
            RatingValue::Grade(g) => settings.grade_scores.get(g),
            RatingValue::Score(s) => s,
        }
    }
}

/// One rater's rating of one person on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub person_id: String,
    pub dimension: Dimension,
    pub role: RaterRole,
    /// The rater's name; required for 互评, customary "党组" for 上级评价, may be empty for 自评.
    #[serde(default)]
    pub rater: String,
    pub value: RatingValue,
    /// Last edit; of two ratings in the same slot the newer counts.
    #[serde(default)]
    #[serde(with = "crate::iso::opt_time")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl Rating {
    /// Checks a rating form. The error names the field to fix.
    pub fn validate(&self) -> Result<(), FieldError> {
        if let RatingValue::Score(s) = self.value {
            if !s.is_finite() || !(0.0..=100.0).contains(&s) {
                return Err(FieldError::new(
                    "value",
                    FieldProblem::ScoreOutOfRange { score: s },
                ));
            }
        }
        if self.role == RaterRole::Peer && self.rater.trim().is_empty() {
            return Err(FieldError::new("rater", FieldProblem::PeerRaterRequired));
        }
        Ok(())
    }
}

/// Puts `rating` into `ratings` where the rating with the same key stands (so the order raters are
/// listed in does not change with every edit), dropping any further rating with that key; `None`
/// for the value clears the cell. Returns whether anything changed.
pub fn set_rating(ratings: &mut Vec<Rating>, key: &RatingKey, rating: Option<Rating>) -> bool {
    debug_assert!(rating.as_ref().is_none_or(|r| &r.key() == key));
    let before = ratings.len();
    let mut pending = rating;
    let mut changed = false;
    ratings.retain_mut(|r| {
        if &r.key() != key {
            return true;
        }
        match pending.take() {
            Some(new) => {
                changed |= *r != new;
                *r = new;
                true
            }
            None => false,
        }
    });
    changed |= ratings.len() != before;
    if let Some(new) = pending {
        ratings.push(new);
        changed = true;
    }
    changed
}

/// The rating in force for `key`: the newest (by `updated_at`; on a tie, the later in the list).
pub fn rating_in_force<'r>(ratings: &'r [Rating], key: &RatingKey) -> Option<&'r Rating> {
    let mut newest: Option<&Rating> = None;
    for r in ratings.iter().filter(|r| &r.key() == key) {
        if newest.is_none_or(|n| r.updated_at >= n.updated_at) {
            newest = Some(r);
        }
    }
    newest
}
