//! The cadres of a department who are rated on 德能勤绩廉, and their level of responsibility (plan 三).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::answer::{FieldError, FieldProblem};

/// The four levels of responsibility of plan 三（组织领导）.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ResponsibilityLevel {
    /// 主体责任: the 局领导班子 as a body (三1).
    Principal,
    /// 第一责任: the 党组书记 (三2).
    First,
    /// 直接责任: the 分管领导 (三3).
    Direct,
    /// 领导责任: the other members of the 领导班子 (三4).
    #[default]
    Leadership,
}

impl ResponsibilityLevel {
    pub const ALL: [ResponsibilityLevel; 4] = [
        ResponsibilityLevel::Principal,
        ResponsibilityLevel::First,
        ResponsibilityLevel::Direct,
        ResponsibilityLevel::Leadership,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ResponsibilityLevel::Principal => "principal",
            ResponsibilityLevel::First => "first",
            ResponsibilityLevel::Direct => "direct",
            ResponsibilityLevel::Leadership => "leadership",
        }
    }

    pub fn from_key(key: &str) -> Option<ResponsibilityLevel> {
        ResponsibilityLevel::ALL
            .into_iter()
            .find(|l| l.key() == key)
    }

    /// "主体责任" …
    pub fn label(self) -> &'static str {
        match self {
            ResponsibilityLevel::Principal => "主体责任",
            ResponsibilityLevel::First => "第一责任",
            ResponsibilityLevel::Direct => "直接责任",
            ResponsibilityLevel::Leadership => "领导责任",
        }
    }

    /// Who carries this level in the plan: "局领导班子" …
    pub fn holder(self) -> &'static str {
        match self {
            ResponsibilityLevel::Principal => "局领导班子",
            ResponsibilityLevel::First => "党组书记",
            ResponsibilityLevel::Direct => "分管领导",
            ResponsibilityLevel::Leadership => "领导班子其他成员",
        }
    }
}

/// A leading cadre of the department who is rated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// Stable id; ratings refer to people by it.
    pub id: String,
    /// 姓名. Red-line 责任人 fields are matched against it.
    pub name: String,
    /// 职务
    pub post: String,
    pub level: ResponsibilityLevel,
    /// Position in the list as entered (people are listed in this order unless sorted).
    pub order: u32,
}

/// Checks the people list: every person has an id and a name, and neither repeats (names are how a
/// red line's 责任人 is matched). The error gives the index of the person at fault.
pub fn check_people(people: &[Person]) -> Result<(), (usize, FieldError)> {
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    for (i, p) in people.iter().enumerate() {
        if p.id.trim().is_empty() {
            return Err((i, FieldError::new("id", FieldProblem::Required)));
        }
        if p.name.trim().is_empty() {
            return Err((i, FieldError::new("name", FieldProblem::Required)));
        }
        if !ids.insert(p.id.trim()) {
            return Err((
                i,
                FieldError::new("id", FieldProblem::DuplicateId { id: p.id.clone() }),
            ));
        }
        if !names.insert(p.name.trim()) {
            return Err((
                i,
                FieldError::new(
                    "name",
                    FieldProblem::DuplicateName {
                        name: p.name.trim().to_string(),
                    },
                ),
            ));
        }
    }
    Ok(())
}
