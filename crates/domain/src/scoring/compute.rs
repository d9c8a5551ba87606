//! One person's result from their ratings: averages, renormalised weights, total, band, vetoes, and
//! the steps of "如何计算". See the module doc of `scoring` for the rules.

use std::collections::BTreeMap;

use super::settings::{GradeBand, RatingSettings, SettingsError, EPSILON};
use crate::number::{fmt1, fmt_num, round1};
use crate::record::{Grade, Person, RaterRole, Rating, RatingValue, ResponsibilityLevel};
use crate::Dimension;

/// The note printed with every calculation, so a hand check that is 0.1 off is not a surprise.
pub const ROUNDING_NOTE: &str =
    "说明：各项按完整精度计算，显示时四舍五入保留一位小数；用显示的数值逐项手算，结果可能与显示的合计相差 0.1。";

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
    pub reason: IgnoreReason,
}

/// Why a rating did not count (worded by the app).
#[derive(Debug, Clone, PartialEq)]
pub enum IgnoreReason {
    /// The rating does not pass [`Rating::validate`].
    Invalid(crate::record::FieldError),
    /// A 互评 by the person rated.
    RatesSelf,
    /// Another rating of the same rater, dimension and role is newer (or later in the list).
    Superseded,
}

impl IgnoreReason {
    /// The reason in the "如何计算" note (the steps are still the domain's Chinese sentences).
    fn note(&self) -> String {
        use crate::record::FieldProblem;
        match self {
            IgnoreReason::Invalid(e) => match &e.problem {
                FieldProblem::ScoreOutOfRange { score } => {
                    format!("分数 {score} 超出范围，请填写 0 到 100 之间的分数")
                }
                FieldProblem::PeerRaterRequired => "互评须填写评价人姓名".into(),
                other => format!("评分无效（{}）", other.code()),
            },
            IgnoreReason::RatesSelf => "互评不能评价本人，本人评价请记为自评".into(),
            IgnoreReason::Superseded => "同一评价人对同一维度重复评分，按最后更新的一条计算".into(),
        }
    }
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
    fn describe(self, person: &Person, settings: &RatingSettings) -> String {
        let mut why = Vec::new();
        if self.by_level {
            why.push(format!("负{}", settings.level_label(person.level)));
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
                reason: IgnoreReason::Invalid(e),
            });
            continue;
        }
        let rater = rating.rater.trim().to_string();
        if rating.role == RaterRole::Peer && rater == person.name.trim() {
            result.ignored.push(IgnoredRating {
                rating: rating.clone(),
                reason: IgnoreReason::RatesSelf,
            });
            continue;
        }
        let key = rating.key();
        let key = (key.dimension, key.role, key.rater);
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
            result.ignored.push(IgnoredRating {
                rating: old.clone(),
                reason: IgnoreReason::Superseded,
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
            ignored.reason.note()
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
        let who = format!(
            "{}{}",
            person.name.trim(),
            bearer.describe(person, settings)
        );
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

/// Counted ratings by the (dimension, role, rater) of their [`Rating::key`] (the person is fixed), with
/// their index in the input.
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
            .map(|(_, (index, rating))| (*index, rating.rater.trim(), rating.value))
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
