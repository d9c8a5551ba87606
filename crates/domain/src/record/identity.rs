//! One identity per record. Every record of a department's year has exactly one key; two records
//! with the same key are two versions of one record. The page, the merge of a colleague's file, the
//! sync between two tabs and the import preview all ask this module, never a rule of their own.
//!
//! - an answer is its item's id (`4.1.1`);
//! - a person, a ledger entry, a rectification task and a finding carry an `id` made once, when the
//!   record is created, by [`new_id`] (random, so two departments' files never share one; a `p1`
//!   numbered per department collided across files);
//! - a rating is a [`RatingKey`]: who is rated, on which dimension, in which role, and, for 互评 only,
//!   by whom. 自评 is by the person rated and 上级评价 by the one superior the settings name, so their
//!   rater's name is not part of the key: an imported file that spells it differently still lands
//!   in the one cell the page shows.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::rating::{RaterRole, Rating};
use crate::Dimension;

/// The identity of a rating. Build it with [`RatingKey::new`], which applies the rule above.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RatingKey {
    pub person_id: String,
    pub dimension: Dimension,
    pub role: RaterRole,
    /// The 互评 rater's trimmed name; empty for 自评 and 上级评价.
    pub rater: String,
}

impl RatingKey {
    pub fn new(person_id: &str, dimension: Dimension, role: RaterRole, rater: &str) -> RatingKey {
        RatingKey {
            person_id: person_id.to_string(),
            dimension,
            role,
            rater: match role {
                RaterRole::Peer => rater.trim().to_string(),
                RaterRole::SelfReview | RaterRole::Superior => String::new(),
            },
        }
    }

    /// `person/dimension/role/rater`, e.g. `p-7kq2/de/peer/王五`: the key as one string, for storage
    /// keys, merge entries and messages. [`RatingKey::parse`] reads it back.
    pub fn to_id(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.person_id,
            self.dimension.key(),
            self.role.key(),
            self.rater
        )
    }

    pub fn parse(id: &str) -> Option<RatingKey> {
        let mut parts = id.splitn(4, '/');
        let person_id = parts.next().filter(|p| !p.is_empty())?;
        let dimension = Dimension::from_key(parts.next()?)?;
        let role = RaterRole::from_key(parts.next()?)?;
        let rater = parts.next()?;
        let key = RatingKey::new(person_id, dimension, role, rater);
        (key.rater == rater).then_some(key)
    }
}

impl fmt::Display for RatingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_id())
    }
}

impl Rating {
    /// This rating's identity (see the module doc).
    pub fn key(&self) -> RatingKey {
        RatingKey::new(&self.person_id, self.dimension, self.role, &self.rater)
    }
}

/// The kinds of record a department's year holds, each stored and merged record by record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// 基本信息: one record.
    Profile,
    /// 评分设置: one record.
    RatingSettings,
    /// 检查项答复, by item id.
    Answer,
    /// 参评人员, by person id.
    Person,
    /// 评分, by [`RatingKey::to_id`].
    Rating,
    /// 台账, by entry id.
    Entry,
    /// 整改任务, by task id.
    Task,
    /// 核查意见 received from the office, by finding id.
    Finding,
    /// What the office's last 核查意见 said beyond its findings (accountability, both scores): one
    /// record.
    OfficeReview,
}

impl RecordKind {
    pub const ALL: [RecordKind; 9] = [
        RecordKind::Profile,
        RecordKind::RatingSettings,
        RecordKind::Answer,
        RecordKind::Person,
        RecordKind::Rating,
        RecordKind::Entry,
        RecordKind::Task,
        RecordKind::Finding,
        RecordKind::OfficeReview,
    ];

    /// The record's name in files, storage keys and merge plans.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Profile => "profile",
            RecordKind::RatingSettings => "rating_settings",
            RecordKind::Answer => "answers",
            RecordKind::Person => "people",
            RecordKind::Rating => "ratings",
            RecordKind::Entry => "ledger",
            RecordKind::Task => "tasks",
            RecordKind::Finding => "findings",
            RecordKind::OfficeReview => "office_review",
        }
    }

    pub fn from_key(key: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Kinds that hold one record rather than a collection of them.
    pub fn is_single(self) -> bool {
        matches!(
            self,
            RecordKind::Profile | RecordKind::RatingSettings | RecordKind::OfficeReview
        )
    }
}

/// Which record: its kind and its identity within the kind (empty for single records).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey {
    pub kind: RecordKind,
    pub id: String,
}

impl RecordKey {
    pub fn new(kind: RecordKind, id: impl Into<String>) -> RecordKey {
        RecordKey {
            kind,
            id: id.into(),
        }
    }

    pub fn single(kind: RecordKind) -> RecordKey {
        RecordKey::new(kind, "")
    }
}

/// Characters of a new id after its prefix: base 32 without the letters that read like digits.
const ID_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A new id for a person (`p`), ledger entry (`e`), task (`t`) or finding (`f`): the prefix, a
/// dash and 13 characters of `entropy` (64 random bits the caller draws; the domain never reads the
/// clock or a random source itself), e.g. `p-0k7f3mz9q2c4a`.
pub fn new_id(prefix: &str, entropy: u64) -> String {
    let mut out = String::with_capacity(prefix.len() + 14);
    out.push_str(prefix);
    out.push('-');
    for i in (0..13).rev() {
        let digit = ((entropy >> (i * 5)) & 31) as usize;
        out.push(ID_ALPHABET[digit] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_and_superior_ignore_the_raters_name_and_peers_do_not() {
        let a = RatingKey::new("p", Dimension::De, RaterRole::SelfReview, "张三");
        let b = RatingKey::new("p", Dimension::De, RaterRole::SelfReview, " ");
        assert_eq!(a, b);
        let a = RatingKey::new("p", Dimension::De, RaterRole::Superior, "党组");
        let b = RatingKey::new("p", Dimension::De, RaterRole::Superior, "科室负责人");
        assert_eq!(a, b);
        let a = RatingKey::new("p", Dimension::De, RaterRole::Peer, "王五 ");
        let b = RatingKey::new("p", Dimension::De, RaterRole::Peer, "赵六");
        assert_ne!(a, b);
        assert_eq!(a.rater, "王五");
    }

    #[test]
    fn keys_round_trip_through_their_string_form() {
        for key in [
            RatingKey::new("p-1", Dimension::Lian, RaterRole::Peer, "王五/小"),
            RatingKey::new("p-1", Dimension::Ji, RaterRole::SelfReview, "x"),
        ] {
            assert_eq!(RatingKey::parse(&key.to_id()), Some(key));
        }
        assert_eq!(
            RatingKey::parse("p/de/self/someone"),
            None,
            "not normalised"
        );
        assert_eq!(RatingKey::parse("p/xx/peer/a"), None);
        assert_eq!(RatingKey::parse("/de/peer/a"), None);
    }

    #[test]
    fn ids_have_the_prefix_and_thirteen_characters_of_the_entropy() {
        assert_eq!(new_id("p", 0), "p-0000000000000");
        assert_eq!(new_id("e", u64::MAX), "e-fzzzzzzzzzzzz");
        assert_ne!(new_id("p", 1), new_id("p", 2));
    }
}
