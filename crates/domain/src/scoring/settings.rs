//! How ratings are weighed and banded: configuration, validated with a field path for every problem.

use std::collections::BTreeSet;
use std::fmt;

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

/// How the cap on 优秀 turns the allowed share into a number of people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapRounding {
    /// The usual rule: people × share rounded to the nearest person (half a person rounds up), and at
    /// least one wherever people × share is above zero. 3 people at 15% (0.45) may have 1 优秀,
    /// 7 (1.05) 1, 10 (1.5) 2, 13 (1.95) 2.
    #[default]
    Nearest,
    /// Down to whole people: 3 people at 15% may have no 优秀, 7 one, 10 one, 13 one.
    Down,
}

impl CapRounding {
    pub const ALL: [CapRounding; 2] = [CapRounding::Nearest, CapRounding::Down];

    pub fn key(self) -> &'static str {
        match self {
            CapRounding::Nearest => "nearest",
            CapRounding::Down => "down",
        }
    }

    pub fn from_key(key: &str) -> Option<CapRounding> {
        CapRounding::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// The most 优秀 a group of `people` may have when `share` percent are allowed, by `rounding`.
pub fn excellent_cap(people: usize, share: f64, rounding: CapRounding) -> usize {
    let exact = people as f64 * share / 100.0;
    if !exact.is_finite() || exact <= EPSILON {
        return 0;
    }
    let rounded = match rounding {
        CapRounding::Nearest => ((exact + 0.5 + EPSILON).floor() as usize).max(1),
        CapRounding::Down => (exact + EPSILON).floor() as usize,
    };
    rounded.min(people)
}

/// What a department calls one level of responsibility and who carries it there; `None` keeps the
/// plan's own words ([`ResponsibilityLevel::label`], [`ResponsibilityLevel::holder`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LevelName {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

impl LevelName {
    pub fn is_default(&self) -> bool {
        self.label.is_none() && self.holder.is_none()
    }
}

/// The department's names for the four levels of plan 三. The levels themselves (their keys, and
/// which of them bear red lines) stay as the plan has them; only what they are called changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LevelNames {
    #[serde(skip_serializing_if = "LevelName::is_default")]
    pub principal: LevelName,
    #[serde(skip_serializing_if = "LevelName::is_default")]
    pub first: LevelName,
    #[serde(skip_serializing_if = "LevelName::is_default")]
    pub direct: LevelName,
    #[serde(skip_serializing_if = "LevelName::is_default")]
    pub leadership: LevelName,
}

impl LevelNames {
    pub fn get(&self, level: ResponsibilityLevel) -> &LevelName {
        match level {
            ResponsibilityLevel::Principal => &self.principal,
            ResponsibilityLevel::First => &self.first,
            ResponsibilityLevel::Direct => &self.direct,
            ResponsibilityLevel::Leadership => &self.leadership,
        }
    }

    pub fn get_mut(&mut self, level: ResponsibilityLevel) -> &mut LevelName {
        match level {
            ResponsibilityLevel::Principal => &mut self.principal,
            ResponsibilityLevel::First => &mut self.first,
            ResponsibilityLevel::Direct => &mut self.direct,
            ResponsibilityLevel::Leadership => &mut self.leadership,
        }
    }

    pub fn is_default(&self) -> bool {
        ResponsibilityLevel::ALL
            .iter()
            .all(|l| self.get(*l).is_default())
    }
}

/// Who gives 上级评价 when the settings name nobody.
pub const DEFAULT_SUPERIOR_RATER: &str = "党组";

/// How ratings are weighed and banded, and the names a department rates with. Configuration: the
/// defaults are `plan/rating_settings.json`, and the office may change them;
/// [`RatingSettings::validate`] says what to fix.
///
/// No container-level `#[serde(default)]`: [`Default`] itself parses the shipped file. A stored
/// [`Assessment`] without settings gets the defaults through `Assessment`'s own default.
///
/// The fields after `excellent_share_max` came later and have serde defaults, so settings stored or
/// exported before them read as they always meant — the plan's names for the levels, "党组" for
/// 上级评价, no listed 互评 raters — **except the cap on 优秀**: older settings have no
/// `excellent_cap_rounding` and read as [`CapRounding::Nearest`], where the app used to round down.
/// A group whose people × share falls short of a whole person (3 people at 15%) may now have one 优秀
/// instead of none; a department that wants the old rule sets [`CapRounding::Down`].
/// Each of these fields is left out of the JSON while it holds its default, so settings that keep
/// the defaults serialise exactly as before.
///
/// The names and raters are the department's own; the rules (weights … cap rounding) are what the
/// office sets for everyone. [`RatingSettings::with_rules_of`] combines the two.
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
    /// How the share becomes a number of people (see the type doc: the default changed).
    #[serde(default, skip_serializing_if = "is_default_rounding")]
    pub excellent_cap_rounding: CapRounding,
    /// What the department calls its levels of responsibility.
    #[serde(default, skip_serializing_if = "LevelNames::is_default")]
    pub level_names: LevelNames,
    /// Who gives 上级评价; `None` is [`DEFAULT_SUPERIOR_RATER`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superior_rater: Option<String>,
    /// People who take part in 互评 besides the rated cadres (who all rate each other), in the order
    /// added. Kept here so that a rater is known before giving any rating.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peer_raters: Vec<String>,
}

fn is_default_rounding(r: &CapRounding) -> bool {
    *r == CapRounding::default()
}

impl Default for RatingSettings {
    /// The shipped defaults (`plan/rating_settings.json`), compiled by `build.rs` into a constructor
    /// (a test proves it equals the JSON read and checked by [`RatingSettings::parse`]).
    fn default() -> RatingSettings {
        shipped_rating_settings()
    }
}

include!(concat!(env!("OUT_DIR"), "/shipped_rating_settings.rs"));

/// A level of responsibility as the department calls it: `label` is its own name (trimmed), `None`
/// where it keeps the plan's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLevel {
    pub level: ResponsibilityLevel,
    pub label: Option<String>,
}

/// A settings value refused: `field` is its path in the settings JSON (e.g. `grade_bands[1].max`;
/// empty for JSON that could not be read), `problem` what is wrong with it, with the figures the
/// app words it from.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsError {
    pub field: String,
    pub problem: SettingsProblem,
}

/// What is weighed: a dimension, or a kind of rater.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighed {
    Dimension(Dimension),
    Role(RaterRole),
}

/// A group of weights that sums to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightGroup {
    /// 德能勤绩廉.
    Dimensions,
    /// 自评、互评、上级评价.
    Roles,
}

/// Which part of a level's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    Label,
    Holder,
}

/// A bound of a grade band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Min,
    Max,
}

/// Why rating settings are refused. Numbers are as given (a refused number may not be finite).
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsProblem {
    /// Not valid settings JSON, at `line`/`column`; `error` is serde's (English) message.
    NotJson {
        line: usize,
        column: usize,
        error: String,
    },
    /// A weight outside 0–100.
    WeightOutOfRange { of: Weighed, weight: f64 },
    /// A group of weights that does not sum to 100.
    WeightsSum {
        group: WeightGroup,
        sum: f64,
        weights: Vec<(Weighed, f64)>,
    },
    /// A grade's score outside 0–100.
    GradeScoreOutOfRange { grade: Grade, score: f64 },
    /// A grade's score not below the better grade's.
    GradeScoresNotDecreasing {
        grade: Grade,
        score: f64,
        better: Grade,
        better_score: f64,
    },
    /// A grade's score outside the grade's own band: rating every dimension with it would not give
    /// the grade.
    GradeScoreOutsideBand {
        grade: Grade,
        score: f64,
        band: GradeBand,
    },
    /// The bands are not the four grades, best first.
    BandsOutOfOrder { listed: Vec<Grade> },
    /// A band's bound outside 0–100.
    BandBoundOutOfRange {
        grade: Grade,
        bound: Bound,
        value: f64,
    },
    /// A band whose lower bound is not below its upper bound.
    BandUpsideDown { grade: Grade, min: f64, max: f64 },
    /// The top band does not reach 100.
    TopBandShort { grade: Grade, max: f64 },
    /// The bottom band does not start at 0.
    BottomBandAboveZero { grade: Grade, min: f64 },
    /// A band's upper bound above the next better band's lower bound.
    BandsOverlap {
        grade: Grade,
        max: f64,
        better: Grade,
        better_min: f64,
    },
    /// A band's upper bound below the next better band's lower bound.
    BandsGap {
        grade: Grade,
        max: f64,
        better: Grade,
        better_min: f64,
    },
    /// The red-line cap set at 优秀, which caps nothing.
    CapAtBest,
    /// A responsible level listed twice.
    LevelRepeated { level: NamedLevel },
    /// The share of 优秀 negative or not a number.
    ShareInvalid { share: f64 },
    /// The share of 优秀 above the most allowed.
    ShareTooHigh { share: f64, max: f64 },
    /// A level's own name or holder given but blank.
    LevelNameBlank {
        level: ResponsibilityLevel,
        part: NamePart,
    },
    /// Two levels called the same.
    LevelNamesClash {
        first: ResponsibilityLevel,
        second: ResponsibilityLevel,
        label: String,
    },
    /// The 上级评价 rater given but blank.
    SuperiorRaterBlank,
    /// A listed 互评 rater without a name.
    PeerRaterBlank,
    /// A 互评 rater listed twice.
    PeerRaterRepeated { name: String },
}

impl SettingsError {
    fn new(field: impl Into<String>, problem: SettingsProblem) -> SettingsError {
        SettingsError {
            field: field.into(),
            problem,
        }
    }
}

impl fmt::Display for SettingsError {
    /// For logs and tests; the app words the problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.field, self.problem)
    }
}

impl std::error::Error for SettingsError {}

impl RatingSettings {
    /// Reads settings JSON and validates it.
    pub fn parse(json: &str) -> Result<RatingSettings, SettingsError> {
        let settings: RatingSettings = serde_json::from_str(json).map_err(|e| {
            SettingsError::new(
                "",
                SettingsProblem::NotJson {
                    line: e.line(),
                    column: e.column(),
                    error: e.to_string(),
                },
            )
        })?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks every rule; the first problem found is returned with its field path.
    pub fn validate(&self) -> Result<(), SettingsError> {
        // Weights.
        let dims: Vec<(String, Weighed, f64)> = Dimension::ALL
            .iter()
            .map(|d| {
                (
                    format!("dimension_weights.{}", d.key()),
                    Weighed::Dimension(*d),
                    self.dimension_weights.get(*d),
                )
            })
            .collect();
        check_weights("dimension_weights", WeightGroup::Dimensions, &dims)?;
        let roles: Vec<(String, Weighed, f64)> = RaterRole::ALL
            .iter()
            .map(|r| {
                (
                    format!("role_weights.{}", r.key()),
                    Weighed::Role(*r),
                    self.role_weights.get(*r),
                )
            })
            .collect();
        check_weights("role_weights", WeightGroup::Roles, &roles)?;

        // Grade scores: within 0–100, strictly decreasing.
        for g in Grade::ALL {
            let s = self.grade_scores.get(g);
            let field = format!("grade_scores.{}", g.key());
            if !s.is_finite() || !(0.0..=100.0).contains(&s) {
                return Err(SettingsError::new(
                    field,
                    SettingsProblem::GradeScoreOutOfRange { grade: g, score: s },
                ));
            }
        }
        for pair in Grade::ALL.windows(2) {
            let (better, worse) = (pair[0], pair[1]);
            let (b, w) = (self.grade_scores.get(better), self.grade_scores.get(worse));
            if w >= b {
                return Err(SettingsError::new(
                    format!("grade_scores.{}", worse.key()),
                    SettingsProblem::GradeScoresNotDecreasing {
                        grade: worse,
                        score: w,
                        better,
                        better_score: b,
                    },
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
                    SettingsProblem::GradeScoreOutsideBand {
                        grade: g,
                        score: s,
                        band,
                    },
                ));
            }
        }

        // Vetoes and responsibility.
        if self.vetoes.red_line_cap == Some(Grade::Excellent) {
            return Err(SettingsError::new(
                "vetoes.red_line_cap",
                SettingsProblem::CapAtBest,
            ));
        }
        let mut seen = BTreeSet::new();
        for (i, level) in self.red_line_responsible_levels.iter().enumerate() {
            if !seen.insert(*level) {
                return Err(SettingsError::new(
                    format!("red_line_responsible_levels[{i}]"),
                    SettingsProblem::LevelRepeated {
                        level: self.named_level(*level),
                    },
                ));
            }
        }

        // Share of 优秀.
        let share = self.excellent_share_max;
        if !share.is_finite() || share < 0.0 {
            return Err(SettingsError::new(
                "excellent_share_max",
                SettingsProblem::ShareInvalid { share },
            ));
        }
        if share > MAX_EXCELLENT_SHARE + EPSILON {
            return Err(SettingsError::new(
                "excellent_share_max",
                SettingsProblem::ShareTooHigh {
                    share,
                    max: MAX_EXCELLENT_SHARE,
                },
            ));
        }
        self.validate_names()
    }

    /// The department's own names: none blank where given, no two levels called the same, every
    /// listed 互评 rater named once.
    fn validate_names(&self) -> Result<(), SettingsError> {
        let mut labels: Vec<(ResponsibilityLevel, &str)> = Vec::new();
        for level in ResponsibilityLevel::ALL {
            let names = self.level_names.get(level);
            for (key, part, value) in [
                ("label", NamePart::Label, &names.label),
                ("holder", NamePart::Holder, &names.holder),
            ] {
                if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                    return Err(SettingsError::new(
                        format!("level_names.{}.{key}", level.key()),
                        SettingsProblem::LevelNameBlank { level, part },
                    ));
                }
            }
            let label = self.level_label(level);
            if let Some((other, _)) = labels.iter().find(|(_, l)| *l == label) {
                return Err(SettingsError::new(
                    format!("level_names.{}.label", level.key()),
                    SettingsProblem::LevelNamesClash {
                        first: *other,
                        second: level,
                        label: label.to_string(),
                    },
                ));
            }
            labels.push((level, label));
        }
        if self
            .superior_rater
            .as_deref()
            .is_some_and(|r| r.trim().is_empty())
        {
            return Err(SettingsError::new(
                "superior_rater",
                SettingsProblem::SuperiorRaterBlank,
            ));
        }
        let mut seen = BTreeSet::new();
        for (i, name) in self.peer_raters.iter().enumerate() {
            let name = name.trim();
            if name.is_empty() {
                return Err(SettingsError::new(
                    format!("peer_raters[{i}]"),
                    SettingsProblem::PeerRaterBlank,
                ));
            }
            if !seen.insert(name) {
                return Err(SettingsError::new(
                    format!("peer_raters[{i}]"),
                    SettingsProblem::PeerRaterRepeated { name: name.into() },
                ));
            }
        }
        Ok(())
    }

    /// What the department calls `level` ("主体责任" unless renamed).
    pub fn level_label(&self, level: ResponsibilityLevel) -> &str {
        match &self.level_names.get(level).label {
            Some(l) if !l.trim().is_empty() => l.trim(),
            _ => level.label(),
        }
    }

    /// `level` with the department's own name for it, if it gave one.
    pub fn named_level(&self, level: ResponsibilityLevel) -> NamedLevel {
        let label = match &self.level_names.get(level).label {
            Some(l) if !l.trim().is_empty() => Some(l.trim().to_string()),
            _ => None,
        };
        NamedLevel { level, label }
    }

    /// Who carries `level` in the department ("局领导班子" unless renamed).
    pub fn level_holder(&self, level: ResponsibilityLevel) -> &str {
        match &self.level_names.get(level).holder {
            Some(h) if !h.trim().is_empty() => h.trim(),
            _ => level.holder(),
        }
    }

    /// Who gives 上级评价 ("党组" unless named).
    pub fn superior_rater(&self) -> &str {
        match &self.superior_rater {
            Some(r) if !r.trim().is_empty() => r.trim(),
            _ => DEFAULT_SUPERIOR_RATER,
        }
    }

    /// The most 优秀 a group of `people` may have under these settings.
    pub fn excellent_cap(&self, people: usize) -> usize {
        excellent_cap(
            people,
            self.excellent_share_max,
            self.excellent_cap_rounding,
        )
    }

    /// `rules`' weights, grade scores, bands, vetoes, responsible levels and cap on 优秀, with this
    /// department's own names for its levels, its 上级评价 rater and its 互评 raters. What a
    /// 年度方案's settings should become in a department's record: the office sets the rules for
    /// everyone, but it cannot know what each department calls its people.
    pub fn with_rules_of(&self, rules: &RatingSettings) -> RatingSettings {
        RatingSettings {
            level_names: self.level_names.clone(),
            superior_rater: self.superior_rater.clone(),
            peer_raters: self.peer_raters.clone(),
            ..rules.clone()
        }
    }

    fn validate_bands(&self) -> Result<(), SettingsError> {
        let bands = &self.grade_bands;
        let order_ok = bands.len() == Grade::ALL.len()
            && bands.iter().zip(Grade::ALL).all(|(b, g)| b.grade == g);
        if !order_ok {
            return Err(SettingsError::new(
                "grade_bands",
                SettingsProblem::BandsOutOfOrder {
                    listed: bands.iter().map(|b| b.grade).collect(),
                },
            ));
        }
        for (i, b) in bands.iter().enumerate() {
            for (key, bound, v) in [("min", Bound::Min, b.min), ("max", Bound::Max, b.max)] {
                if !v.is_finite() || !(0.0..=100.0).contains(&v) {
                    return Err(SettingsError::new(
                        format!("grade_bands[{i}].{key}"),
                        SettingsProblem::BandBoundOutOfRange {
                            grade: b.grade,
                            bound,
                            value: v,
                        },
                    ));
                }
            }
            if b.min >= b.max {
                return Err(SettingsError::new(
                    format!("grade_bands[{i}].min"),
                    SettingsProblem::BandUpsideDown {
                        grade: b.grade,
                        min: b.min,
                        max: b.max,
                    },
                ));
            }
        }
        let top = bands[0];
        if (top.max - 100.0).abs() > EPSILON {
            return Err(SettingsError::new(
                "grade_bands[0].max",
                SettingsProblem::TopBandShort {
                    grade: top.grade,
                    max: top.max,
                },
            ));
        }
        let last = bands.len() - 1;
        let bottom = bands[last];
        if bottom.min.abs() > EPSILON {
            return Err(SettingsError::new(
                format!("grade_bands[{last}].min"),
                SettingsProblem::BottomBandAboveZero {
                    grade: bottom.grade,
                    min: bottom.min,
                },
            ));
        }
        for i in 1..bands.len() {
            let (upper, lower) = (bands[i - 1], bands[i]);
            if lower.max > upper.min + EPSILON {
                return Err(SettingsError::new(
                    format!("grade_bands[{i}].max"),
                    SettingsProblem::BandsOverlap {
                        grade: lower.grade,
                        max: lower.max,
                        better: upper.grade,
                        better_min: upper.min,
                    },
                ));
            }
            if lower.max < upper.min - EPSILON {
                return Err(SettingsError::new(
                    format!("grade_bands[{i}].max"),
                    SettingsProblem::BandsGap {
                        grade: lower.grade,
                        max: lower.max,
                        better: upper.grade,
                        better_min: upper.min,
                    },
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
    group: WeightGroup,
    weights: &[(String, Weighed, f64)],
) -> Result<(), SettingsError> {
    for (field, of, w) in weights {
        if !w.is_finite() || !(0.0..=100.0).contains(w) {
            return Err(SettingsError::new(
                field.clone(),
                SettingsProblem::WeightOutOfRange {
                    of: *of,
                    weight: *w,
                },
            ));
        }
    }
    let sum: f64 = weights.iter().map(|(_, _, w)| w).sum();
    if (sum - 100.0).abs() > EPSILON {
        return Err(SettingsError::new(
            group_field,
            SettingsProblem::WeightsSum {
                group,
                sum,
                weights: weights.iter().map(|(_, of, w)| (*of, *w)).collect(),
            },
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
