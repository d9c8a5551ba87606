//! 德能勤绩廉 cadre ratings (plan 四（一）5: "把意识形态工作情况纳入‘德能勤绩廉’的干部考核标准中"):
//! who is rated, by whom, and how the ratings become a total and a grade that the office can compare
//! across departments.
//!
//! Each leading cadre ([`Person`]) is rated on the five [`Dimension`]s by three kinds of rater
//! ([`RaterRole`]): 自评, 互评 (several named colleagues) and 上级评价 (the Party group). A rating is
//! either a [`Grade`] (turned into a score by [`RatingSettings::grade_scores`]) or a score 0–100.
//! Everything that weighs or bands the ratings is configuration ([`RatingSettings`], shipped in
//! `plan/rating_settings.json`), never code.
//!
//! ## How a person's result is computed ([`compute_person`])
//!
//! 1. Only the person's own ratings count. A rating that is out of range (score outside 0–100, a 互评
//!    without a rater's name or by the person themself) is refused and listed in
//!    [`PersonResult::ignored`]. If one rater rated the same dimension in the same role more than once,
//!    the newest (`updated_at`; on a tie, the later in the list) counts and the others are listed as
//!    ignored.
//! 2. Per dimension and role, the raters' scores are averaged. So 互评 is averaged over the peers
//!    *before* it is weighted against 自评 and 上级评价.
//! 3. The dimension score is `Σ 角色权重 × 角色平均 ÷ Σ 在场角色权重`. When a role with a non-zero
//!    weight has no rating, the weights of the roles present are scaled up to 100 (renormalised) and
//!    [`DimensionResult::missing_roles`] names the missing role; a step says so.
//! 4. A dimension with no usable rating at all has no score. If its weight is above zero, the total
//!    is **not** computed: [`PersonResult::missing_dimensions`] names it and the grade stays open.
//!    Filling the gap with zero, or spreading its weight over the other dimensions, would rank the
//!    person on a different basis from their colleagues, so the result asks for the missing ratings
//!    instead. (A 廉 veto can still fix the grade at 不称职, see 6.)
//! 5. The total is `Σ 维度权重 × 维度得分 ÷ 100`, and the grade is the band
//!    ([`RatingSettings::grade_bands`]) that the *displayed* total falls in.
//! 6. Vetoes (一票否决), both switchable in [`Vetoes`]: a 廉 score that falls in the 不称职 band makes
//!    the grade 不称职; a red line (七) answered 已发生 for which the person bears responsibility caps
//!    the grade (default at 基本称职). Who bears responsibility: people whose
//!    [`ResponsibilityLevel`] is in [`RatingSettings::red_line_responsible_levels`], plus anyone whose
//!    name appears in that red line's 责任人 (`owner`) field (see [`bears_red_line`]).
//!
//! ## Rounding
//!
//! Everything is computed at full precision. Every figure a result returns (rater scores, role
//! averages, renormalised weights, dimension scores, the total, shares) is [`round1`] of the full
//! value, and the steps print exactly those returned figures, so a figure in "如何计算" never differs
//! from the same figure elsewhere on screen. Bands and the 廉 veto are applied to the rounded figure,
//! so the grade agrees with the number the assessor sees (89.96 shows as 90.0 and is 优秀). Because the
//! sums use the unrounded parts, adding up the rounded parts by hand can differ from the shown result
//! by 0.1; the steps say so.
//!
//! Nothing here is stored: results are derived from the ratings every time.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::assessment::{Answer, Assessment, FieldError, Response};
use super::template::{ItemKind, Template};
use super::{round1, Dimension};

/// The indicators compiled into the app; checked against the shipped template by `tests/rating.rs`.
pub const SHIPPED_INDICATORS_JSON: &str = include_str!("plan/indicators.json");
/// The default rating settings compiled into the app; [`RatingSettings::default`] reads them.
pub const SHIPPED_RATING_SETTINGS_JSON: &str = include_str!("plan/rating_settings.json");

/// The most the share of 优秀 may be set to, in percent.
pub const MAX_EXCELLENT_SHARE: f64 = 20.0;

/// Weights are compared with this slack: they are written with at most one decimal.
const EPSILON: f64 = 1e-6;

/// The note printed with every calculation, so a hand check that is 0.1 off is not a surprise.
pub const ROUNDING_NOTE: &str =
    "说明：各项按完整精度计算，显示时四舍五入保留一位小数；用显示的数值逐项手算，结果可能与显示的合计相差 0.1。";

// ---------------------------------------------------------------------------------------------
// People, raters, grades, ratings
// ---------------------------------------------------------------------------------------------

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
}

/// Checks the people list: every person has an id and a name, and neither repeats (names are how a
/// red line's 责任人 is matched). The error gives the index of the person at fault.
pub fn check_people(people: &[Person]) -> Result<(), (usize, FieldError)> {
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    for (i, p) in people.iter().enumerate() {
        if p.id.trim().is_empty() {
            return Err((i, FieldError::new("id", "缺少人员标识".into())));
        }
        if p.name.trim().is_empty() {
            return Err((i, FieldError::new("name", "请填写姓名".into())));
        }
        if !ids.insert(p.id.trim()) {
            return Err((i, FieldError::new("id", format!("人员标识 {} 重复", p.id))));
        }
        if !names.insert(p.name.trim()) {
            return Err((
                i,
                FieldError::new(
                    "name",
                    format!(
                        "姓名“{}”重复；同名人员请加以区分（如“{}（办公室）”）",
                        p.name.trim(),
                        p.name.trim()
                    ),
                ),
            ));
        }
    }
    Ok(())
}

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

    /// "称职（80.0）" or "87.5".
    pub fn describe(self, settings: &RatingSettings) -> String {
        match self {
            RatingValue::Grade(g) => {
                format!("{}（{}）", g.label(), fmt1(settings.grade_scores.get(g)))
            }
            RatingValue::Score(s) => fmt1(s),
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
    pub updated_at: Option<DateTime<Utc>>,
}

impl Rating {
    /// Checks a rating form. The error names the field to fix.
    pub fn validate(&self) -> Result<(), FieldError> {
        if let RatingValue::Score(s) = self.value {
            if !s.is_finite() || !(0.0..=100.0).contains(&s) {
                return Err(FieldError::new(
                    "value",
                    format!("分数 {s} 超出范围，请填写 0 到 100 之间的分数"),
                ));
            }
        }
        if self.role == RaterRole::Peer && self.rater.trim().is_empty() {
            return Err(FieldError::new("rater", "互评须填写评价人姓名".into()));
        }
        Ok(())
    }

    /// Same person, dimension, role and rater: one of the two replaces the other.
    pub fn same_slot(&self, other: &Rating) -> bool {
        self.person_id == other.person_id
            && self.dimension == other.dimension
            && self.role == other.role
            && self.rater.trim() == other.rater.trim()
    }
}

/// Puts `rating` into `ratings`, replacing the rating in the same slot if there is one.
pub fn set_rating(ratings: &mut Vec<Rating>, rating: Rating) {
    match ratings.iter_mut().find(|r| r.same_slot(&rating)) {
        Some(existing) => *existing = rating,
        None => ratings.push(rating),
    }
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Indicators: what each dimension looks at, with the checklist items that evidence it
// ---------------------------------------------------------------------------------------------

/// An assessment indicator of one dimension, drawn from the plan's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Stable id, e.g. "de.discipline".
    pub id: String,
    pub dimension: Dimension,
    pub name: String,
    /// Where in the plan, e.g. "四（二）2".
    pub source: String,
    /// Verbatim excerpts of the plan.
    pub quotes: Vec<String>,
    /// Template item ids whose answers evidence the indicator.
    pub items: Vec<String>,
}

/// An indicator file refused: `at` names the indicator at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorError {
    pub at: String,
    pub problem: String,
}

impl fmt::Display for IndicatorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.at, self.problem)
    }
}

impl std::error::Error for IndicatorError {}

#[derive(Deserialize)]
struct RawIndicators {
    indicators: Vec<RawIndicator>,
}

#[derive(Deserialize)]
struct RawIndicator {
    id: String,
    dimension: String,
    name: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    quotes: Vec<String>,
    items: Vec<String>,
}

/// Reads an indicator file and checks it against `template`: known dimensions, unique ids, at least
/// one indicator per dimension, and every item id present in the template.
pub fn parse_indicators(json: &str, template: &Template) -> Result<Vec<Indicator>, IndicatorError> {
    let raw: RawIndicators = serde_json::from_str(json).map_err(|e| IndicatorError {
        at: format!("第 {} 行第 {} 列", e.line(), e.column()),
        problem: format!("不是有效的考核指标 JSON：{e}"),
    })?;
    let fail = |at: String, problem: String| Err(IndicatorError { at, problem });
    let mut ids = BTreeSet::new();
    let mut out = Vec::new();
    for r in raw.indicators {
        let at = format!("指标 {}", r.id);
        if r.id.trim().is_empty() {
            return fail("考核指标".into(), format!("指标“{}”缺少标识 id", r.name));
        }
        if !ids.insert(r.id.clone()) {
            return fail(at, "指标标识重复".into());
        }
        let Some(dimension) = Dimension::from_key(&r.dimension) else {
            return fail(
                at,
                format!(
                    "未知的考核维度“{}”，应为 de/neng/qin/ji/lian 之一",
                    r.dimension
                ),
            );
        };
        if r.name.trim().is_empty() {
            return fail(at, "缺少指标名称".into());
        }
        if r.items.is_empty() {
            return fail(at, "没有列出任何佐证检查项".into());
        }
        for item in &r.items {
            if template.item(item).is_none() {
                return fail(
                    at,
                    format!(
                        "引用的检查项 {item} 在方案模板（{} {}）中不存在",
                        template.id, template.version
                    ),
                );
            }
        }
        out.push(Indicator {
            id: r.id,
            dimension,
            name: r.name,
            source: r.source,
            quotes: r.quotes,
            items: r.items,
        });
    }
    for d in Dimension::ALL {
        if !out.iter().any(|i| i.dimension == d) {
            return fail(
                "考核指标".into(),
                format!("“{}”维度没有任何指标", d.label()),
            );
        }
    }
    Ok(out)
}

/// The shipped indicators, checked against `template` (an imported 年度方案 may lack an item).
pub fn shipped_indicators(template: &Template) -> Result<Vec<Indicator>, IndicatorError> {
    parse_indicators(SHIPPED_INDICATORS_JSON, template)
}

/// The answer to one evidencing item, for showing beside a rating.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemEvidence {
    pub item_id: String,
    /// The item's text; empty when the template has no such item.
    pub text: String,
    pub in_template: bool,
    pub is_red_line: bool,
    pub response: Option<Response>,
    /// Number of 佐证材料 recorded.
    pub evidence_count: usize,
    /// 责任人
    pub owner: String,
    pub flagged: bool,
}

/// How far the checklist supports an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceStatus {
    /// A red line among the items is 已发生.
    RedLineOccurred,
    /// Some applicable item is not answered yet.
    Incomplete,
    /// Every applicable item 已落实 / 未发生.
    Met,
    /// Every applicable item 未落实.
    NotMet,
    /// A mix of 已落实, 部分落实 and 未落实.
    PartlyMet,
    /// Every item 不适用.
    NotApplicable,
}

impl EvidenceStatus {
    pub fn label(self) -> &'static str {
        match self {
            EvidenceStatus::RedLineOccurred => "红线情形已发生",
            EvidenceStatus::Incomplete => "尚未填完",
            EvidenceStatus::Met => "已落实",
            EvidenceStatus::NotMet => "未落实",
            EvidenceStatus::PartlyMet => "部分落实",
            EvidenceStatus::NotApplicable => "不适用",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorEvidence {
    pub indicator: Indicator,
    pub items: Vec<ItemEvidence>,
    pub status: EvidenceStatus,
    /// Items answered (any response).
    pub answered: usize,
}

/// The indicators of `dimension` with the answers that evidence them, in file order, so the rating
/// screen can show the facts beside the rating.
pub fn indicator_evidence(
    indicators: &[Indicator],
    dimension: Dimension,
    template: &Template,
    assessment: &Assessment,
) -> Vec<IndicatorEvidence> {
    indicators
        .iter()
        .filter(|i| i.dimension == dimension)
        .map(|indicator| {
            let items: Vec<ItemEvidence> = indicator
                .items
                .iter()
                .map(|id| item_evidence(id, template, assessment.answer(id)))
                .collect();
            let answered = items.iter().filter(|i| i.response.is_some()).count();
            IndicatorEvidence {
                status: evidence_status(&items),
                indicator: indicator.clone(),
                items,
                answered,
            }
        })
        .collect()
}

fn item_evidence(item_id: &str, template: &Template, answer: Option<&Answer>) -> ItemEvidence {
    let item = template.item(item_id);
    ItemEvidence {
        item_id: item_id.to_string(),
        text: item.map(|i| i.text.clone()).unwrap_or_default(),
        in_template: item.is_some(),
        is_red_line: item.is_some_and(|i| i.kind.is_red_line()),
        response: answer.and_then(|a| a.response),
        evidence_count: answer.map_or(0, |a| a.evidence.iter().filter(|e| !e.is_empty()).count()),
        owner: answer.map(|a| a.owner.clone()).unwrap_or_default(),
        flagged: answer.is_some_and(|a| a.flagged),
    }
}

fn evidence_status(items: &[ItemEvidence]) -> EvidenceStatus {
    if items.iter().any(|i| i.response == Some(Response::Occurred)) {
        return EvidenceStatus::RedLineOccurred;
    }
    let applicable: Vec<Option<Response>> = items
        .iter()
        .map(|i| i.response)
        .filter(|r| *r != Some(Response::NotApplicable))
        .collect();
    if applicable.is_empty() {
        return EvidenceStatus::NotApplicable;
    }
    if applicable.iter().any(Option::is_none) {
        return EvidenceStatus::Incomplete;
    }
    let met =
        |r: &Option<Response>| matches!(r, Some(Response::Implemented | Response::NotOccurred));
    if applicable.iter().all(met) {
        EvidenceStatus::Met
    } else if applicable
        .iter()
        .all(|r| *r == Some(Response::NotImplemented))
    {
        EvidenceStatus::NotMet
    } else {
        EvidenceStatus::PartlyMet
    }
}

// ---------------------------------------------------------------------------------------------
// Computing a person's result
// ---------------------------------------------------------------------------------------------

/// One rater's counted rating.
#[derive(Debug, Clone, PartialEq)]
pub struct RaterScore {
    pub rater: String,
    pub value: RatingValue,
    /// The score it counts as, rounded to one decimal.
    pub score: f64,
}

/// One rater role within one dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleResult {
    pub role: RaterRole,
    /// The configured weight, percent.
    pub weight: f64,
    /// The weight actually used after renormalising over the roles present (percent, one decimal);
    /// `None` when the role has no rating or the dimension could not be scored.
    pub effective_weight: Option<f64>,
    pub raters: Vec<RaterScore>,
    /// Average of the raters' scores (one decimal); `None` when nobody in this role rated.
    pub average: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionResult {
    pub dimension: Dimension,
    /// The configured weight, percent.
    pub weight: f64,
    /// One entry per [`RaterRole::ALL`], in that order.
    pub roles: Vec<RoleResult>,
    /// Roles with a non-zero weight and no rating; their weight went to the roles present.
    pub missing_roles: Vec<RaterRole>,
    pub renormalised: bool,
    /// One decimal; `None` when no usable rating (with a non-zero role weight) exists.
    pub score: Option<f64>,
}

/// Which 一票否决 applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VetoKind {
    /// 廉 scored in the 不称职 band.
    LianIncompetent,
    /// A red line the person bears responsibility for occurred.
    RedLine { item_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedVeto {
    pub kind: VetoKind,
    /// The grade the veto sets or caps at.
    pub grade: Grade,
    /// Why, in Chinese, with the figures.
    pub reason: String,
}

/// A rating that did not count, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct IgnoredRating {
    pub rating: Rating,
    pub reason: String,
}

/// What a step of "如何计算" shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// A rule or remark (rounding, settings problems, ignored ratings).
    Note,
    /// A role's average within a dimension; `figure` is [`RoleResult::average`].
    RoleAverage,
    /// Weights renormalised over the roles present.
    Reweight,
    /// A dimension's score; `figure` is [`DimensionResult::score`].
    DimensionScore,
    /// A dimension that could not be scored.
    MissingDimension,
    /// The total; `figure` is [`PersonResult::total`].
    Total,
    /// The band the total falls in.
    Band,
    /// A veto that applied (or a red line noted while the cap is off).
    Veto,
    /// The final grade.
    FinalGrade,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub kind: StepKind,
    pub dimension: Option<Dimension>,
    pub role: Option<RaterRole>,
    pub text: String,
    /// The figure the step arrives at (one decimal), identical to the matching result field.
    pub figure: Option<f64>,
}

impl Step {
    fn new(
        kind: StepKind,
        dimension: Option<Dimension>,
        text: String,
        figure: Option<f64>,
    ) -> Step {
        Step {
            kind,
            dimension,
            role: None,
            text,
            figure,
        }
    }

    fn note(text: String) -> Step {
        Step {
            kind: StepKind::Note,
            dimension: None,
            role: None,
            text,
            figure: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonResult {
    pub person_id: String,
    pub name: String,
    pub post: String,
    pub level: ResponsibilityLevel,
    /// All five dimensions, in [`Dimension::ALL`] order.
    pub dimensions: Vec<DimensionResult>,
    /// Dimensions with a non-zero weight and no score: the total waits for them.
    pub missing_dimensions: Vec<Dimension>,
    /// 0–100, one decimal; `None` while a dimension is missing or the settings are invalid.
    pub total: Option<f64>,
    /// The band of the total, before vetoes.
    pub grade_before_vetoes: Option<Grade>,
    /// The final grade. `None` while the total is open, unless the 廉 veto already fixes it.
    pub grade: Option<Grade>,
    pub vetoes: Vec<AppliedVeto>,
    /// "如何计算", in order.
    pub steps: Vec<Step>,
    pub ignored: Vec<IgnoredRating>,
    /// Set when the settings are invalid; then nothing is computed.
    pub settings_error: Option<SettingsError>,
}

impl PersonResult {
    pub fn dimension(&self, d: Dimension) -> &DimensionResult {
        self.dimensions
            .iter()
            .find(|r| r.dimension == d)
            .expect("a result has all five dimensions")
    }

    /// True when the rater roles of some dimension were renormalised.
    pub fn renormalised(&self) -> bool {
        self.dimensions.iter().any(|d| d.renormalised)
    }
}

/// Why a person bears responsibility for a red line that occurred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedLineBearer {
    /// The person's level is in [`RatingSettings::red_line_responsible_levels`].
    pub by_level: bool,
    /// The person's name is in the red line's 责任人 field.
    pub by_name: bool,
}

impl RedLineBearer {
    fn describe(self, person: &Person) -> String {
        let mut why = Vec::new();
        if self.by_level {
            why.push(format!("负{}", person.level.label()));
        }
        if self.by_name {
            why.push("为该项所列责任人".to_string());
        }
        why.join("，且")
    }
}

/// Names in a 责任人 field: split on whitespace and the separators people type between names
/// (、，,；;/／|). "和" is not a separator, since it occurs in names.
pub fn owner_names(owner: &str) -> Vec<&str> {
    owner
        .split(|c: char| c.is_whitespace() || "、，,；;/／|".contains(c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether `person` bears responsibility for an occurred red line with this 责任人 field.
pub fn bears_red_line(
    person: &Person,
    owner: &str,
    settings: &RatingSettings,
) -> Option<RedLineBearer> {
    let by_level = settings.red_line_responsible_levels.contains(&person.level);
    let name = person.name.trim();
    let by_name = !name.is_empty() && owner_names(owner).contains(&name);
    (by_level || by_name).then_some(RedLineBearer { by_level, by_name })
}

/// Computes one person's result from all `ratings` (other people's ratings are skipped), the
/// settings, and the red lines that occurred as `(item id, 责任人)`. See the module doc for the rules.
pub fn compute_person(
    person: &Person,
    ratings: &[Rating],
    settings: &RatingSettings,
    occurred_red_lines: &[(String, String)],
) -> PersonResult {
    let mut result = PersonResult {
        person_id: person.id.clone(),
        name: person.name.clone(),
        post: person.post.clone(),
        level: person.level,
        dimensions: Vec::new(),
        missing_dimensions: Vec::new(),
        total: None,
        grade_before_vetoes: None,
        grade: None,
        vetoes: Vec::new(),
        steps: Vec::new(),
        ignored: Vec::new(),
        settings_error: None,
    };
    if let Err(e) = settings.validate() {
        result.steps.push(Step::note(format!(
            "评分设置有误（{e}），请先修正评分设置；暂不计算"
        )));
        result.dimensions = Dimension::ALL
            .iter()
            .map(|d| empty_dimension(*d, settings))
            .collect();
        result.settings_error = Some(e);
        return result;
    }
    result.steps.push(Step::note(ROUNDING_NOTE.to_string()));

    let slots = count_ratings(person, ratings, settings, &mut result);
    let mut full_scores: BTreeMap<Dimension, f64> = BTreeMap::new();
    for d in Dimension::ALL {
        let (dim, full) = compute_dimension(d, &slots, settings, &mut result.steps);
        if let Some(full) = full {
            full_scores.insert(d, full);
        } else if dim.weight > EPSILON {
            result.missing_dimensions.push(d);
        }
        result.dimensions.push(dim);
    }
    total_and_band(&full_scores, settings, &mut result);
    apply_vetoes(person, settings, occurred_red_lines, &mut result);

    let text = match (result.grade, result.grade_before_vetoes) {
        (Some(g), Some(before)) if g != before => {
            format!(
                "最终等次：{}（因一票否决由{}调整）",
                g.label(),
                before.label()
            )
        }
        (Some(g), Some(_)) => format!("最终等次：{}", g.label()),
        (Some(g), None) => format!(
            "最终等次：{}（一票否决；其余维度补齐后总分仍可计算，但等次不变）",
            g.label()
        ),
        (None, _) => "等次暂不评定".to_string(),
    };
    result
        .steps
        .push(Step::new(StepKind::FinalGrade, None, text, None));
    result
}

/// The counted ratings of `person`: one per (dimension, role, rater), the newest winning, with the
/// index in `ratings` (for display order). Refused and superseded ratings go to `result.ignored`.
fn count_ratings<'r>(
    person: &Person,
    ratings: &'r [Rating],
    settings: &RatingSettings,
    result: &mut PersonResult,
) -> Slots<'r> {
    let mut slots: Slots = BTreeMap::new();
    for (index, rating) in ratings
        .iter()
        .enumerate()
        .filter(|(_, r)| r.person_id == person.id)
    {
        if let Err(e) = rating.validate() {
            result.ignored.push(IgnoredRating {
                rating: rating.clone(),
                reason: e.message,
            });
            continue;
        }
        let rater = rating.rater.trim().to_string();
        if rating.role == RaterRole::Peer && rater == person.name.trim() {
            let reason = "互评不能评价本人，本人评价请记为自评".to_string();
            result.ignored.push(IgnoredRating {
                rating: rating.clone(),
                reason,
            });
            continue;
        }
        let key = (rating.dimension, rating.role, rater);
        let superseded = match slots.get(&key) {
            Some(&(_, previous)) if rating.updated_at < previous.updated_at => Some(rating),
            Some(&(_, previous)) => {
                slots.insert(key, (index, rating));
                Some(previous)
            }
            None => {
                slots.insert(key, (index, rating));
                None
            }
        };
        if let Some(old) = superseded {
            let reason = "同一评价人对同一维度重复评分，按最后更新的一条计算".to_string();
            result.ignored.push(IgnoredRating {
                rating: old.clone(),
                reason,
            });
        }
    }
    for ignored in &result.ignored {
        let r = &ignored.rating;
        let rater = r.rater.trim();
        let rater = if rater.is_empty() {
            String::new()
        } else {
            format!("（{rater}）")
        };
        result.steps.push(Step::note(format!(
            "未计入：{}·{}{rater} {}——{}",
            r.dimension.label(),
            r.role.label(),
            r.value.describe(settings),
            ignored.reason
        )));
    }
    slots
}

/// The total from the full-precision dimension scores, and its band; or a note that it waits for
/// the missing dimensions.
fn total_and_band(
    full_scores: &BTreeMap<Dimension, f64>,
    settings: &RatingSettings,
    result: &mut PersonResult,
) {
    if !result.missing_dimensions.is_empty() {
        let names: Vec<&str> = result
            .missing_dimensions
            .iter()
            .map(|d| d.label())
            .collect();
        let text = format!(
            "缺少 {} 的评分，总分和等次暂不计算；请补齐评分",
            names.join("、")
        );
        result
            .steps
            .push(Step::new(StepKind::Total, None, text, None));
        return;
    }
    let counted: Vec<(Dimension, f64, f64)> = Dimension::ALL
        .iter()
        .map(|d| (*d, settings.dimension_weights.get(*d)))
        .filter(|(_, w)| *w > EPSILON)
        .map(|(d, w)| (d, w, full_scores[&d]))
        .collect();
    let full_total: f64 = counted.iter().map(|(_, w, s)| w * s).sum::<f64>() / 100.0;
    let total = round1(full_total.clamp(0.0, 100.0));
    let terms: Vec<String> = counted
        .iter()
        .map(|(d, w, s)| format!("{} {}×{}%", d.label(), fmt1(*s), fmt_num(*w)))
        .collect();
    let skipped: Vec<&str> = Dimension::ALL
        .iter()
        .filter(|d| settings.dimension_weights.get(**d) <= EPSILON)
        .map(|d| d.label())
        .collect();
    let skipped = if skipped.is_empty() {
        String::new()
    } else {
        format!("（{} 权重为 0，不计入）", skipped.join("、"))
    };
    let text = format!("总分 = {} = {}{skipped}", terms.join(" + "), fmt1(total));
    result
        .steps
        .push(Step::new(StepKind::Total, None, text, Some(total)));

    let grade = settings.grade_for(total);
    let band = settings
        .band(grade)
        .expect("valid settings list every grade");
    let text = format!(
        "总分 {} 落在{}档（{}），初定等次：{}",
        fmt1(total),
        grade.label(),
        band_range(band, grade),
        grade.label()
    );
    result
        .steps
        .push(Step::new(StepKind::Band, None, text, None));
    result.total = Some(total);
    result.grade_before_vetoes = Some(grade);
    result.grade = Some(grade);
}

/// 一票否决: red lines the person bears first (a cap), then 廉 (sets 不称职).
fn apply_vetoes(
    person: &Person,
    settings: &RatingSettings,
    occurred_red_lines: &[(String, String)],
    result: &mut PersonResult,
) {
    for (item_id, owner) in occurred_red_lines {
        let Some(bearer) = bears_red_line(person, owner, settings) else {
            continue;
        };
        let who = format!("{}{}", person.name.trim(), bearer.describe(person));
        let Some(cap) = settings.vetoes.red_line_cap else {
            let text =
                format!("红线 {item_id} 已发生，{who}；评分设置未启用红线封顶，等次不受影响");
            result
                .steps
                .push(Step::new(StepKind::Veto, None, text, None));
            continue;
        };
        let effect = match result.grade {
            Some(g) if g.worse(cap) != g => format!("等次由{}降为{}", g.label(), cap.label()),
            Some(g) => format!("原等次{}已不高于此", g.label()),
            None => "总分计算后按此封顶".to_string(),
        };
        let reason = format!(
            "红线 {item_id} 已发生，{who}，一票否决：等次最高为{}（{effect}）",
            cap.label()
        );
        result
            .steps
            .push(Step::new(StepKind::Veto, None, reason.clone(), None));
        let kind = VetoKind::RedLine {
            item_id: item_id.clone(),
        };
        result.vetoes.push(AppliedVeto {
            kind,
            grade: cap,
            reason,
        });
        result.grade = result.grade.map(|g| g.worse(cap));
    }

    let Some(lian) = result.dimension(Dimension::Lian).score else {
        return;
    };
    if settings.vetoes.lian_incompetent && settings.grade_for(lian) == Grade::Incompetent {
        let band = settings
            .band(Grade::Incompetent)
            .expect("valid settings list every grade");
        let reason = format!(
            "廉 维度得分 {} 属不称职档（{}），一票否决：等次定为不称职",
            fmt1(lian),
            band_range(band, Grade::Incompetent)
        );
        result.steps.push(Step::new(
            StepKind::Veto,
            Some(Dimension::Lian),
            reason.clone(),
            None,
        ));
        result.vetoes.push(AppliedVeto {
            kind: VetoKind::LianIncompetent,
            grade: Grade::Incompetent,
            reason,
        });
        result.grade = Some(Grade::Incompetent);
    }
}

/// Counted ratings by (dimension, role, rater), with their index in the input.
type Slots<'r> = BTreeMap<(Dimension, RaterRole, String), (usize, &'r Rating)>;

fn empty_dimension(d: Dimension, settings: &RatingSettings) -> DimensionResult {
    DimensionResult {
        dimension: d,
        weight: settings.dimension_weights.get(d),
        roles: RaterRole::ALL
            .iter()
            .map(|r| RoleResult {
                role: *r,
                weight: settings.role_weights.get(*r),
                effective_weight: None,
                raters: Vec::new(),
                average: None,
            })
            .collect(),
        missing_roles: Vec::new(),
        renormalised: false,
        score: None,
    }
}

/// One dimension: per-role averages, renormalised weights, the score. Returns the result and the
/// full-precision score.
fn compute_dimension(
    d: Dimension,
    slots: &Slots,
    settings: &RatingSettings,
    steps: &mut Vec<Step>,
) -> (DimensionResult, Option<f64>) {
    let mut dim = empty_dimension(d, settings);
    // (role, weight, full average) of roles with ratings.
    let mut present: Vec<(RaterRole, f64, f64)> = Vec::new();
    for role_result in &mut dim.roles {
        let role = role_result.role;
        let mut entries: Vec<(usize, &str, RatingValue)> = slots
            .iter()
            .filter(|((dd, rr, _), _)| *dd == d && *rr == role)
            .map(|((_, _, rater), (index, rating))| (*index, rater.as_str(), rating.value))
            .collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by_key(|(index, _, _)| *index);
        let scores: Vec<f64> = entries.iter().map(|(_, _, v)| v.score(settings)).collect();
        let full_average = scores.iter().sum::<f64>() / scores.len() as f64;
        role_result.raters = entries
            .iter()
            .zip(&scores)
            .map(|((_, rater, value), score)| RaterScore {
                rater: rater.to_string(),
                value: *value,
                score: round1(*score),
            })
            .collect();
        role_result.average = Some(round1(full_average));
        let listed: Vec<String> = entries
            .iter()
            .map(|(_, rater, value)| {
                if rater.is_empty() {
                    value.describe(settings)
                } else {
                    format!("{rater} {}", value.describe(settings))
                }
            })
            .collect();
        let text = if entries.len() == 1 {
            format!(
                "{}·{}：{}，得分 {}",
                d.label(),
                role.label(),
                listed[0],
                fmt1(full_average)
            )
        } else {
            format!(
                "{}·{}：{}，{} 人平均 {}",
                d.label(),
                role.label(),
                listed.join("、"),
                entries.len(),
                fmt1(full_average)
            )
        };
        steps.push(Step {
            kind: StepKind::RoleAverage,
            dimension: Some(d),
            role: Some(role),
            text,
            figure: Some(round1(full_average)),
        });
        present.push((role, role_result.weight, full_average));
    }

    if present.is_empty() {
        let text = if dim.weight > EPSILON {
            format!("{}：没有任何评分，本维度无法计算", d.label())
        } else {
            format!("{}：没有评分（权重为 0，不影响总分）", d.label())
        };
        steps.push(Step {
            kind: StepKind::MissingDimension,
            dimension: Some(d),
            role: None,
            text,
            figure: None,
        });
        return (dim, None);
    }
    let weight_present: f64 = present.iter().map(|(_, w, _)| w).sum();
    if weight_present <= EPSILON {
        let names: Vec<&str> = present.iter().map(|(r, _, _)| r.label()).collect();
        steps.push(Step {
            kind: StepKind::MissingDimension,
            dimension: Some(d),
            role: None,
            text: format!(
                "{}：只有权重为 0 的{}评分，本维度无法计算",
                d.label(),
                names.join("、")
            ),
            figure: None,
        });
        return (dim, None);
    }
    dim.missing_roles = dim
        .roles
        .iter()
        .filter(|r| r.average.is_none() && r.weight > EPSILON)
        .map(|r| r.role)
        .collect();
    dim.renormalised = !dim.missing_roles.is_empty();
    for role_result in &mut dim.roles {
        if role_result.average.is_some() {
            role_result.effective_weight =
                Some(round1(100.0 * role_result.weight / weight_present));
        }
    }
    if dim.renormalised {
        let missing: Vec<&str> = dim.missing_roles.iter().map(|r| r.label()).collect();
        let changes: Vec<String> = present
            .iter()
            .map(|(r, w, _)| {
                format!(
                    "{} {}%→{}%",
                    r.label(),
                    fmt_num(*w),
                    fmt_num(100.0 * w / weight_present)
                )
            })
            .collect();
        steps.push(Step {
            kind: StepKind::Reweight,
            dimension: Some(d),
            role: None,
            text: format!(
                "{}：缺少{}，权重按已有评价主体折算为 100%：{}",
                d.label(),
                missing.join("、"),
                changes.join("、")
            ),
            figure: None,
        });
    }
    let full_score = present.iter().map(|(_, w, avg)| w * avg).sum::<f64>() / weight_present;
    let score = round1(full_score);
    let terms: Vec<String> = present
        .iter()
        .map(|(r, w, avg)| {
            format!(
                "{} {}×{}%",
                r.label(),
                fmt1(*avg),
                fmt_num(100.0 * w / weight_present)
            )
        })
        .collect();
    steps.push(Step {
        kind: StepKind::DimensionScore,
        dimension: Some(d),
        role: None,
        text: format!(
            "{} 维度得分 = {} = {}",
            d.label(),
            terms.join(" + "),
            fmt1(score)
        ),
        figure: Some(score),
    });
    dim.score = Some(score);
    (dim, Some(full_score))
}

/// "75 ≤ 总分 < 90" style text for a band; the top band includes 100.
fn band_range(band: &GradeBand, grade: Grade) -> String {
    if grade == Grade::ALL[0] {
        format!("{} ≤ 总分 ≤ {}", fmt_num(band.min), fmt_num(band.max))
    } else if band.min <= EPSILON {
        format!("低于 {}", fmt_num(band.max))
    } else {
        format!("{} ≤ 总分 < {}", fmt_num(band.min), fmt_num(band.max))
    }
}

/// A figure with one decimal: "84.0".
pub fn fmt1(x: f64) -> String {
    format!("{:.1}", round1(x))
}

/// A configured number without a needless ".0": "15", "37.5".
fn fmt_num(x: f64) -> String {
    let r = round1(x);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

// ---------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------

/// The share of 优秀 in a group (one department, or all departments together).
#[derive(Debug, Clone, PartialEq)]
pub struct ExcellentShare {
    /// 参评人数: everyone in the group, graded or not.
    pub people: usize,
    /// People whose grade is settled.
    pub graded: usize,
    pub excellent: usize,
    /// 100 × excellent ÷ people, one decimal (0 for an empty group).
    pub share: f64,
    /// The configured maximum, percent.
    pub allowed_share: f64,
    /// The most 优秀 the group may have: ⌊people × allowed_share ÷ 100⌋.
    pub allowed: usize,
    pub exceeded: bool,
}

impl ExcellentShare {
    /// "优秀 2 人，占 20.0%，超过上限 15%（10 人中最多 1 人）".
    pub fn summary(&self) -> String {
        let head = format!("优秀 {} 人，占 {}%", self.excellent, fmt1(self.share));
        let limit = format!("（{} 人中最多 {} 人）", self.people, self.allowed);
        let pending = if self.graded < self.people {
            format!("；另有 {} 人等次未定", self.people - self.graded)
        } else {
            String::new()
        };
        if self.exceeded {
            format!(
                "{head}，超过上限 {}%{limit}{pending}",
                fmt_num(self.allowed_share)
            )
        } else {
            format!(
                "{head}，未超过上限 {}%{limit}{pending}",
                fmt_num(self.allowed_share)
            )
        }
    }
}

/// Counts 优秀 against the allowed share. The base is everyone in `results` (参评人数), so people
/// whose grade is still open count in the base; `graded` tells the UI to warn about them.
pub fn excellent_share(results: &[PersonResult], settings: &RatingSettings) -> ExcellentShare {
    let people = results.len();
    let graded = results.iter().filter(|r| r.grade.is_some()).count();
    let excellent = results
        .iter()
        .filter(|r| r.grade == Some(Grade::Excellent))
        .count();
    let allowed_share = settings.excellent_share_max;
    let allowed = ((people as f64) * allowed_share / 100.0 + EPSILON).floor() as usize;
    let share = if people == 0 {
        0.0
    } else {
        round1(100.0 * excellent as f64 / people as f64)
    };
    ExcellentShare {
        people,
        graded,
        excellent,
        share,
        allowed_share,
        allowed,
        exceeded: excellent > allowed,
    }
}

/// The red lines answered 已发生 in `assessment`, as `(item id, 责任人)` in template order. Answers
/// to items the template does not know as red lines are skipped.
pub fn occurred_red_lines(assessment: &Assessment, template: &Template) -> Vec<(String, String)> {
    template
        .items()
        .filter(|i| matches!(i.kind, ItemKind::RedLine))
        .filter_map(|i| {
            let answer = assessment.answer(&i.id)?;
            (answer.response == Some(Response::Occurred))
                .then(|| (i.id.clone(), answer.owner.clone()))
        })
        .collect()
}

/// Every person of the department, rated with the assessment's own settings and red lines.
pub fn rate_department(assessment: &Assessment, template: &Template) -> Vec<PersonResult> {
    let red_lines = occurred_red_lines(assessment, template);
    assessment
        .people
        .iter()
        .map(|p| {
            compute_person(
                p,
                &assessment.ratings,
                &assessment.rating_settings,
                &red_lines,
            )
        })
        .collect()
}
