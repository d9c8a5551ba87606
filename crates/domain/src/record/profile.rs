//! Who fills in the record: unit, department, the person filling it in, and the year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::answer::FieldError;

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
            ("unit", "单位名称", &self.unit),
            ("department", "科室/直属单位", &self.department),
            ("filled_by", "填报人", &self.filled_by),
        ];
        for (field, label, value) in required {
            if value.trim().is_empty() {
                return Err(FieldError::new(field, format!("请填写{label}")));
            }
        }
        if !YEAR_RANGE.contains(&self.year) {
            return Err(FieldError::new(
                "year",
                format!(
                    "评估年度 {} 无效，应在 {} 到 {} 之间",
                    self.year,
                    YEAR_RANGE.start(),
                    YEAR_RANGE.end()
                ),
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
