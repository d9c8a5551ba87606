//! How ratings are weighed and banded: configuration, validated with a field path for every problem.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::number::fmt_num;
use crate::record::{Grade, RaterRole, ResponsibilityLevel};
use crate::Dimension;

/// The default rating settings compiled into the app; [`RatingSettings::default`] reads them.
pub const SHIPPED_RATING_SETTINGS_JSON: &str = include_str!("../plan/rating_settings.json");

/// The most the share of 优秀 may be set to, in percent.
pub const MAX_EXCELLENT_SHARE: f64 = 20.0;

/// Weights are compared with this slack: they are written with at most one decimal.
pub(crate) const EPSILON: f64 = 1e-6;

/// Weights of 德能勤绩廉, in percent; they sum to 100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DimensionWeights {
    pub de: f64,
    pub neng: f64,
    pub qin: f64,
    pub ji: f64,
    pub lian: f64,
}

impl DimensionWeights {
    pub fn get(&self, d: Dimension) -> f64 {
        match d {
            Dimension::De => self.de,
            Dimension::Neng => self.neng,
            Dimension::Qin => self.qin,
            Dimension::Ji => self.ji,
            Dimension::Lian => self.lian,
        }
    }

    pub fn set(&mut self, d: Dimension, value: f64) {
        match d {
            Dimension::De => self.de = value,
            Dimension::Neng => self.neng = value,
            Dimension::Qin => self.qin = value,
            Dimension::Ji => self.ji = value,
            Dimension::Lian => self.lian = value,
        }
    }
}

/// Weights of 自评 / 互评 / 上级评价, in percent; they sum to 100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RoleWeights {
    #[serde(rename = "self")]
    pub self_review: f64,
    pub peer: f64,
    pub superior: f64,
}

impl RoleWeights {
    pub fn get(&self, r: RaterRole) -> f64 {
        match r {
            RaterRole::SelfReview => self.self_review,
            RaterRole::Peer => self.peer,
            RaterRole::Superior => self.superior,
        }
    }

    pub fn set(&mut self, r: RaterRole, value: f64) {
        match r {
            RaterRole::SelfReview => self.self_review = value,
            RaterRole::Peer => self.peer = value,
            RaterRole::Superior => self.superior = value,
        }
    }
}

/// The score a grade rating counts as; each 0–100, strictly decreasing from 优秀 to 不称职.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GradeScores {
    pub excellent: f64,
    pub competent: f64,
    pub basically_competent: f64,
    pub incompetent: f64,
}

impl GradeScores {
    pub fn get(&self, g: Grade) -> f64 {
        match g {
            Grade::Excellent => self.excellent,
            Grade::Competent => self.competent,
            Grade::BasicallyCompetent => self.basically_competent,
            Grade::Incompetent => self.incompetent,
        }
    }

    pub fn set(&mut self, g: Grade, value: f64) {
        match g {
            Grade::Excellent => self.excellent = value,
            Grade::Competent => self.competent = value,
            Grade::BasicallyCompetent => self.basically_competent = value,
            Grade::Incompetent => self.incompetent = value,
        }
    }
}

/// One grade band of the total: `min ≤ total < max` (the top band includes its `max`, 100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GradeBand {
    pub grade: Grade,
    pub min: f64,
    pub max: f64,
}

impl GradeBand {
    /// "75–90"
    pub fn describe(&self) -> String {
        format!("{}–{}", fmt_num(self.min), fmt_num(self.max))
    }
}

/// 一票否决.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Vetoes {
    /// A 廉 score in the 不称职 band makes the grade 不称职.
    pub lian_incompetent: bool,
    /// An occurred red line the person bears responsibility for caps the grade at this; `None` is off.
    pub red_line_cap: Option<Grade>,
}

/// How ratings are weighed and banded. Configuration: the defaults are `plan/rating_settings.json`,
/// and the office may change them; [`RatingSettings::validate`] says what to fix.
///
/// No container-level `#[serde(default)]`: [`Default`] itself parses the shipped file. A stored
/// [`Assessment`] without settings gets the defaults through `Assessment`'s own default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingSettings {
    pub dimension_weights: DimensionWeights,
    pub role_weights: RoleWeights,
    pub grade_scores: GradeScores,
    /// Best grade first: 优秀, 称职, 基本称职, 不称职; together they cover 0–100 without gap or overlap.
    pub grade_bands: Vec<GradeBand>,
    pub vetoes: Vetoes,
    /// Levels that bear responsibility for every red line that occurred.
    pub red_line_responsible_levels: Vec<ResponsibilityLevel>,
    /// The allowed share of 优秀, in percent (at most [`MAX_EXCELLENT_SHARE`]).
    pub excellent_share_max: f64,
}

impl Default for RatingSettings {
    /// The shipped defaults (`plan/rating_settings.json`).
    fn default() -> RatingSettings {
        static SHIPPED: OnceLock<RatingSettings> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                RatingSettings::parse(SHIPPED_RATING_SETTINGS_JSON)
                    .expect("the shipped rating settings are checked by the tests")
            })
            .clone()
    }
}

/// A settings value refused: `field` is its path in the settings JSON (e.g. `grade_bands[1].max`),
/// `message` says in Chinese what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub field: String,
    pub message: String,
}

impl SettingsError {
    fn new(field: impl Into<String>, message: String) -> SettingsError {
        SettingsError {
            field: field.into(),
            message,
        }
    }
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.field, self.message)
    }
}

impl std::error::Error for SettingsError {}

impl RatingSettings {
    /// Reads settings JSON and validates it.
    pub fn parse(json: &str) -> Result<RatingSettings, SettingsError> {
        let settings: RatingSettings = serde_json::from_str(json).map_err(|e| {
            SettingsError::new(
                format!("第 {} 行第 {} 列", e.line(), e.column()),
                format!("不是有效的评分设置 JSON：{e}"),
            )
        })?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks every rule; the first problem found is returned with its field path.
    pub fn validate(&self) -> Result<(), SettingsError> {
        // Weights.
        let dims: Vec<(String, &str, f64)> = Dimension::ALL
            .iter()
            .map(|d| {
                (
                    format!("dimension_weights.{}", d.key()),
                    d.label(),
                    self.dimension_weights.get(*d),
                )
            })
            .collect();
        check_weights("dimension_weights", "德能勤绩廉五项", &dims)?;
        let roles: Vec<(String, &str, f64)> = RaterRole::ALL
            .iter()
            .map(|r| {
                (
                    format!("role_weights.{}", r.key()),
                    r.label(),
                    self.role_weights.get(*r),
                )
            })
            .collect();
        check_weights("role_weights", "自评、互评、上级评价三项", &roles)?;

        // Grade scores: within 0–100, strictly decreasing.
        for g in Grade::ALL {
            let s = self.grade_scores.get(g);
            let field = format!("grade_scores.{}", g.key());
            if !s.is_finite() || !(0.0..=100.0).contains(&s) {
                return Err(SettingsError::new(
                    field,
                    format!("“{}”对应分 {s} 超出范围，应在 0 到 100 之间", g.label()),
                ));
            }
        }
        for pair in Grade::ALL.windows(2) {
            let (better, worse) = (pair[0], pair[1]);
            let (b, w) = (self.grade_scores.get(better), self.grade_scores.get(worse));
            if w >= b {
                return Err(SettingsError::new(
                    format!("grade_scores.{}", worse.key()),
                    format!(
                        "“{}”对应分 {} 应低于“{}”对应分 {}，各等次对应分须从优秀到不称职依次递减",
                        worse.label(),
                        fmt_num(w),
                        better.label(),
                        fmt_num(b)
                    ),
                ));
            }
        }

        // Grade bands.
        self.validate_bands()?;
        for g in Grade::ALL {
            let s = self.grade_scores.get(g);
            let band = self.grade_bands[g.rank()];
            if band_of(&self.grade_bands, s) != g {
                return Err(SettingsError::new(
                    format!("grade_scores.{}", g.key()),
                    format!(
                        "“{}”对应分 {} 不在{}档（{}）内，各项都评为{}的人总分将得不到{}等次；请把对应分改到 {} 以内",
                        g.label(),
                        fmt_num(s),
                        g.label(),
                        band.describe(),
                        g.label(),
                        g.label(),
                        band.describe()
                    ),
                ));
            }
        }

        // Vetoes and responsibility.
        if self.vetoes.red_line_cap == Some(Grade::Excellent) {
            return Err(SettingsError::new(
                "vetoes.red_line_cap",
                "红线封顶等次为“优秀”时不起作用；请改为称职、基本称职或不称职，或设为 null 关闭"
                    .into(),
            ));
        }
        let mut seen = BTreeSet::new();
        for (i, level) in self.red_line_responsible_levels.iter().enumerate() {
            if !seen.insert(*level) {
                return Err(SettingsError::new(
                    format!("red_line_responsible_levels[{i}]"),
                    format!("责任层级“{}”重复列出，请删去重复项", level.label()),
                ));
            }
        }

        // Share of 优秀.
        let share = self.excellent_share_max;
        if !share.is_finite() || share < 0.0 {
            return Err(SettingsError::new(
                "excellent_share_max",
                format!("优秀比例上限 {share} 无效，应在 0 到 20 之间"),
            ));
        }
        if share > MAX_EXCELLENT_SHARE + EPSILON {
            return Err(SettingsError::new(
                "excellent_share_max",
                format!(
                    "优秀比例上限 {}% 超过规定的 {}%，请改为 0 到 20 之间",
                    fmt_num(share),
                    fmt_num(MAX_EXCELLENT_SHARE)
                ),
            ));
        }
        Ok(())
    }

    fn validate_bands(&self) -> Result<(), SettingsError> {
        let bands = &self.grade_bands;
        let order_ok = bands.len() == Grade::ALL.len()
            && bands.iter().zip(Grade::ALL).all(|(b, g)| b.grade == g);
        if !order_ok {
            let listed: Vec<&str> = bands.iter().map(|b| b.grade.label()).collect();
            return Err(SettingsError::new(
                "grade_bands",
                format!(
                    "应依次列出优秀、称职、基本称职、不称职四档，现为：{}",
                    if listed.is_empty() {
                        "（空）".into()
                    } else {
                        listed.join("、")
                    }
                ),
            ));
        }
        for (i, b) in bands.iter().enumerate() {
            for (key, word, v) in [("min", "下限", b.min), ("max", "上限", b.max)] {
                if !v.is_finite() || !(0.0..=100.0).contains(&v) {
                    return Err(SettingsError::new(
                        format!("grade_bands[{i}].{key}"),
                        format!(
                            "{}档{word} {v} 超出范围，应在 0 到 100 之间",
                            b.grade.label()
                        ),
                    ));
                }
            }
            if b.min >= b.max {
                return Err(SettingsError::new(
                    format!("grade_bands[{i}].min"),
                    format!(
                        "{}档下限 {} 应低于上限 {}",
                        b.grade.label(),
                        fmt_num(b.min),
                        fmt_num(b.max)
                    ),
                ));
            }
        }
        let top = bands[0];
        if (top.max - 100.0).abs() > EPSILON {
            return Err(SettingsError::new(
                "grade_bands[0].max",
                format!(
                    "最高档（{}）上限应为 100，现为 {}；{}–100 分将没有对应等次",
                    top.grade.label(),
                    fmt_num(top.max),
                    fmt_num(top.max)
                ),
            ));
        }
        let last = bands.len() - 1;
        let bottom = bands[last];
        if bottom.min.abs() > EPSILON {
            return Err(SettingsError::new(
                format!("grade_bands[{last}].min"),
                format!(
                    "最低档（{}）下限应为 0，现为 {}；0–{} 分将没有对应等次",
                    bottom.grade.label(),
                    fmt_num(bottom.min),
                    fmt_num(bottom.min)
                ),
            ));
        }
        for i in 1..bands.len() {
            let (upper, lower) = (bands[i - 1], bands[i]);
            if lower.max > upper.min + EPSILON {
                return Err(SettingsError::new(
                    format!("grade_bands[{i}].max"),
                    format!(
                        "{}档上限 {} 高于{}档下限 {}，两档在 {}–{} 分重叠；请把{}档上限改为 {}",
                        lower.grade.label(),
                        fmt_num(lower.max),
                        upper.grade.label(),
                        fmt_num(upper.min),
                        fmt_num(upper.min),
                        fmt_num(lower.max),
                        lower.grade.label(),
                        fmt_num(upper.min)
                    ),
                ));
            }
            if lower.max < upper.min - EPSILON {
                return Err(SettingsError::new(
                    format!("grade_bands[{i}].max"),
                    format!(
                        "{}档上限 {} 低于{}档下限 {}，{}–{} 分没有对应等次；请把{}档上限改为 {}",
                        lower.grade.label(),
                        fmt_num(lower.max),
                        upper.grade.label(),
                        fmt_num(upper.min),
                        fmt_num(lower.max),
                        fmt_num(upper.min),
                        lower.grade.label(),
                        fmt_num(upper.min)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The grade band a total falls in. Meant for valid settings; a total outside every band gets the
    /// lowest grade.
    pub fn grade_for(&self, total: f64) -> Grade {
        band_of(&self.grade_bands, total)
    }

    /// The band of a grade, if the settings list it.
    pub fn band(&self, grade: Grade) -> Option<&GradeBand> {
        self.grade_bands.iter().find(|b| b.grade == grade)
    }
}

/// Each weight within 0–100 and the whole list summing to 100.
fn check_weights(
    group_field: &str,
    group_label: &str,
    weights: &[(String, &str, f64)],
) -> Result<(), SettingsError> {
    for (field, label, w) in weights {
        if !w.is_finite() || !(0.0..=100.0).contains(w) {
            return Err(SettingsError::new(
                field.clone(),
                format!("“{label}”的权重 {w} 超出范围，应在 0 到 100 之间"),
            ));
        }
    }
    let sum: f64 = weights.iter().map(|(_, _, w)| w).sum();
    if (sum - 100.0).abs() > EPSILON {
        let parts: Vec<String> = weights
            .iter()
            .map(|(_, label, w)| format!("{label} {}", fmt_num(*w)))
            .collect();
        return Err(SettingsError::new(
            group_field,
            format!(
                "{group_label}权重之和为 {}（{}），应为 100，请调整",
                fmt_num(sum),
                parts.join("、")
            ),
        ));
    }
    Ok(())
}

fn band_of(bands: &[GradeBand], total: f64) -> Grade {
    for (i, b) in bands.iter().enumerate() {
        let top = i == 0;
        if total >= b.min && (total < b.max || (top && total <= b.max)) {
            return b.grade;
        }
    }
    Grade::Incompetent
}
