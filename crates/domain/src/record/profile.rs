//! Who fills in the record: unit, department, the person filling it in, and the year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::answer::{FieldError, FieldProblem};

/// Years outside this range are typing mistakes, not plans.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 2000..=2100;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// 单位名称
    pub unit: String,
    /// 科室/直属单位
    pub department: String,
    /// 填报人
    pub filled_by: String,
    /// 评估年度
    pub year: i32,
}

impl Profile {
    pub fn is_complete(&self) -> bool {
        !self.unit.trim().is_empty()
            && !self.department.trim().is_empty()
            && !self.filled_by.trim().is_empty()
            && YEAR_RANGE.contains(&self.year)
    }

    /// Checks the setup form; the message says which field to fix.
    pub fn validate(&self) -> Result<(), FieldError> {
        let required = [
            ("unit", &self.unit),
            ("department", &self.department),
            ("filled_by", &self.filled_by),
        ];
        for (field, value) in required {
            if value.trim().is_empty() {
                return Err(FieldError::new(field, FieldProblem::Required));
            }
        }
        if !YEAR_RANGE.contains(&self.year) {
            return Err(FieldError::new(
                "year",
                FieldProblem::YearOutOfRange { year: self.year },
            ));
        }
        Ok(())
    }

    /// A new profile for the year `today` falls in.
    pub fn for_year_of(today: NaiveDate) -> Profile {
        Profile {
            year: today.year(),
            ..Profile::default()
        }
    }
}

/// Which department's year a record is: unit, department and year, compared after [`normalize_name`].
/// Two files with the same key are two copies of one department's record (a colleague's, or a later
/// export); files with different keys are different departments and are never merged into one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DepartmentKey {
    pub unit: String,
    pub department: String,
    pub year: i32,
}

impl DepartmentKey {
    /// A stable text form (`县文化广播影视局|办公室|2025`) for storage keys.
    pub fn to_id(&self) -> String {
        format!("{}|{}|{}", self.unit, self.department, self.year)
    }
}

/// How an incoming record's profile relates to the local one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Same unit, department and year: a colleague's copy, or an older or newer export of it.
    SameDepartment,
    /// The local record has no unit, department or year yet (a fresh browser).
    LocalEmpty,
    /// Same unit and department, another year.
    OtherYear,
    /// Same unit, another department.
    OtherDepartment,
    /// Another unit altogether.
    OtherUnit,
}

impl Profile {
    pub fn department_key(&self) -> DepartmentKey {
        DepartmentKey {
            unit: normalize_name(&self.unit),
            department: normalize_name(&self.department),
            year: self.year,
        }
    }

    /// Whether `incoming` is this department's year (see [`Relation`]).
    pub fn relation_to(&self, incoming: &Profile) -> Relation {
        let (here, there) = (self.department_key(), incoming.department_key());
        if here.unit.is_empty() && here.department.is_empty() {
            return Relation::LocalEmpty;
        }
        if here.unit != there.unit {
            Relation::OtherUnit
        } else if here.department != there.department {
            Relation::OtherDepartment
        } else if here.year != there.year {
            Relation::OtherYear
        } else {
            Relation::SameDepartment
        }
    }
}

/// A unit or department name as compared: full-width letters, digits, punctuation and spaces read as
/// their ASCII forms (an input method switched to full width types "（" for "("), ASCII letters in
/// lower case, and every run of whitespace removed ("办公室 " and "办 公室" are one department).
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(unit: &str, department: &str, year: i32) -> Profile {
        Profile {
            unit: unit.into(),
            department: department.into(),
            filled_by: "张三".into(),
            year,
        }
    }

    #[test]
    fn names_compare_after_normalising() {
        assert_eq!(normalize_name(" 办 公室\u{3000}"), "办公室");
        assert_eq!(normalize_name("县文广局（ＡＢ）"), "县文广局(ab)");
        assert_ne!(normalize_name("办公室"), normalize_name("宣传科"));
    }

    #[test]
    fn relations_table() {
        let here = profile("县文化广播影视局", "办公室", 2025);
        for (there, expected) in [
            (
                profile("县文化广播影视局 ", "办公室", 2025),
                Relation::SameDepartment,
            ),
            (
                profile("县文化广播影视局", "宣传科", 2025),
                Relation::OtherDepartment,
            ),
            (
                profile("县文化广播影视局", "办公室", 2024),
                Relation::OtherYear,
            ),
            (profile("市文旅局", "办公室", 2025), Relation::OtherUnit),
        ] {
            assert_eq!(here.relation_to(&there), expected, "{there:?}");
        }
        assert_eq!(Profile::default().relation_to(&here), Relation::LocalEmpty);
    }
}
