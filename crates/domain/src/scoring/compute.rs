//! One person's result from their ratings: averages, renormalised weights, total, band, vetoes, and
//! the steps of "如何计算". See the module doc of `scoring` for the rules.

use std::collections::BTreeMap;

use super::settings::{GradeBand, NamedLevel, RatingSettings, SettingsError, EPSILON};
use crate::number::round1;
use crate::record::{Grade, Person, RaterRole, Rating, RatingValue, ResponsibilityLevel};
use crate::Dimension;

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

#[derive(Debug, Clone, PartialEq)]
pub struct AppliedVeto {
    pub kind: VetoKind,
    /// The grade the veto sets or caps at.
    pub grade: Grade,
    /// Why, with the figures (worded by the app).
    pub reason: VetoReason,
}

/// Why a 一票否决 applied, with its figures.
#[derive(Debug, Clone, PartialEq)]
pub enum VetoReason {
    /// Red line `item_id` occurred and `bearer` bears it: the grade is at most `cap`.
    RedLine {
        item_id: String,
        bearer: Bearer,
        cap: Grade,
        effect: CapEffect,
    },
    /// 廉 scored `score` (one decimal), in the 不称职 band `range`: the grade is 不称职.
    Lian { score: f64, range: BandRange },
}

/// What a red line's cap did to the grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapEffect {
    /// The grade came down from `from` to the cap.
    Lowered { from: Grade },
    /// The grade `grade` was no better than the cap already.
    NotHigher { grade: Grade },
    /// The total is still open: the cap applies once it is computed.
    Pending,
}

/// Who bears an occurred red line, and why: their level (as the department calls it) is one of the
/// responsible levels, and/or the item's 责任人 names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bearer {
    /// The person's name, trimmed.
    pub name: String,
    /// Set when the person's level is a responsible one.
    pub level: Option<NamedLevel>,
    /// The red line's 责任人 field names the person.
    pub by_name: bool,
}

/// The range of a grade band in a sentence: the top band includes its upper bound, the bottom one
/// is "below" its upper bound, the others are `min ≤ total < max`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BandRange {
    Top { min: f64, max: f64 },
    Middle { min: f64, max: f64 },
    Bottom { max: f64 },
}

impl BandRange {
    pub fn of(band: &GradeBand, grade: Grade) -> BandRange {
        if grade == Grade::ALL[0] {
            BandRange::Top {
                min: band.min,
                max: band.max,
            }
        } else if band.min <= EPSILON {
            BandRange::Bottom { max: band.max }
        } else {
            BandRange::Middle {
                min: band.min,
                max: band.max,
            }
        }
    }
}

/// One part of a weighted sum: `value` (full precision) × `weight` percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term<T> {
    pub of: T,
    pub value: f64,
    pub weight: f64,
}

/// A weight before and after renormalising (percent; `to` at full precision).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reweighted {
    pub role: RaterRole,
    pub from: f64,
    pub to: f64,
}

/// The final grade and how it was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinalGrade {
    /// A veto changed the grade of the total (`before`) to `grade`.
    Adjusted { grade: Grade, before: Grade },
    /// The grade of the total stands.
    Settled { grade: Grade },
    /// The total is open, but a veto already fixes the grade.
    VetoedWhileOpen { grade: Grade },
    /// No grade yet.
    Open,
}

/// What one step of "如何计算" says, with its figures; the app words it. Figures are at full
/// precision where the step shows a sum's parts, and are written with the one number rule
/// (`crate::number`).
#[derive(Debug, Clone, PartialEq)]
pub enum StepDetail {
    /// The settings are invalid; nothing is computed.
    SettingsInvalid(SettingsError),
    /// Every figure is computed at full precision and shown rounded: a hand sum may be 0.1 off.
    Rounding,
    /// A rating that did not count (`rated.rater` trimmed, `rated.score` what it would count as).
    Ignored {
        dimension: Dimension,
        role: RaterRole,
        rated: RaterScore,
        reason: IgnoreReason,
    },
    /// The average of one role's raters on one dimension (`average` at full precision).
    RoleAverage {
        dimension: Dimension,
        role: RaterRole,
        raters: Vec<RaterScore>,
        average: f64,
    },
    /// A dimension with no rating at all; `weighted` when its weight is above zero (so the total
    /// waits for it).
    NoRatings {
        dimension: Dimension,
        weighted: bool,
    },
    /// A dimension rated only by roles weighted zero.
    OnlyUnweightedRoles {
        dimension: Dimension,
        roles: Vec<RaterRole>,
    },
    /// Roles `missing` did not rate: the weights of the others were scaled up to 100.
    Reweight {
        dimension: Dimension,
        missing: Vec<RaterRole>,
        changes: Vec<Reweighted>,
    },
    /// A dimension's score (`score` one decimal) from its roles' averages.
    DimensionScore {
        dimension: Dimension,
        terms: Vec<Term<RaterRole>>,
        score: f64,
    },
    /// The total waits for the ratings of `missing`.
    TotalWaits {
        missing: Vec<Dimension>,
    },
    /// The total (one decimal) from the dimension scores; `skipped` are weighted zero.
    Total {
        terms: Vec<Term<Dimension>>,
        skipped: Vec<Dimension>,
        total: f64,
    },
    /// The band the total falls in, and so the grade before vetoes.
    Band {
        total: f64,
        grade: Grade,
        range: BandRange,
    },
    /// A red line occurred that `bearer` bears, while the settings cap nothing.
    RedLineNoted {
        item_id: String,
        bearer: Bearer,
    },
    /// A veto applied.
    Veto(VetoReason),
    FinalGrade(FinalGrade),
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
    /// What the step says.
    pub detail: StepDetail,
    /// The figure the step arrives at (one decimal), identical to the matching result field.
    pub figure: Option<f64>,
}

impl Step {
    fn new(
        kind: StepKind,
        dimension: Option<Dimension>,
        detail: StepDetail,
        figure: Option<f64>,
    ) -> Step {
        Step {
            kind,
            dimension,
            role: None,
            detail,
            figure,
        }
    }

    fn note(detail: StepDetail) -> Step {
        Step {
            kind: StepKind::Note,
            dimension: None,
            role: None,
            detail,
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
    fn bearer(self, person: &Person, settings: &RatingSettings) -> Bearer {
        Bearer {
            name: person.name.trim().to_string(),
            level: self.by_level.then(|| settings.named_level(person.level)),
            by_name: self.by_name,
        }
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
        result
            .steps
            .push(Step::note(StepDetail::SettingsInvalid(e.clone())));
        result.dimensions = Dimension::ALL
            .iter()
            .map(|d| empty_dimension(*d, settings))
            .collect();
        result.settings_error = Some(e);
        return result;
    }
    result.steps.push(Step::note(StepDetail::Rounding));

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

    let last = match (result.grade, result.grade_before_vetoes) {
        (Some(grade), Some(before)) if grade != before => FinalGrade::Adjusted { grade, before },
        (Some(grade), Some(_)) => FinalGrade::Settled { grade },
        (Some(grade), None) => FinalGrade::VetoedWhileOpen { grade },
        (None, _) => FinalGrade::Open,
    };
    result.steps.push(Step::new(
        StepKind::FinalGrade,
        None,
        StepDetail::FinalGrade(last),
        None,
    ));
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
        result.steps.push(Step::note(StepDetail::Ignored {
            dimension: r.dimension,
            role: r.role,
            rated: RaterScore {
                rater: r.rater.trim().to_string(),
                value: r.value,
                score: round1(r.value.score(settings)),
            },
            reason: ignored.reason.clone(),
        }));
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
        let detail = StepDetail::TotalWaits {
            missing: result.missing_dimensions.clone(),
        };
        result
            .steps
            .push(Step::new(StepKind::Total, None, detail, None));
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
    let terms: Vec<Term<Dimension>> = counted
        .iter()
        .map(|(d, w, s)| Term {
            of: *d,
            value: *s,
            weight: *w,
        })
        .collect();
    let skipped: Vec<Dimension> = Dimension::ALL
        .into_iter()
        .filter(|d| settings.dimension_weights.get(*d) <= EPSILON)
        .collect();
    let detail = StepDetail::Total {
        terms,
        skipped,
        total,
    };
    result
        .steps
        .push(Step::new(StepKind::Total, None, detail, Some(total)));

    let grade = settings.grade_for(total);
    let band = settings
        .band(grade)
        .expect("valid settings list every grade");
    let detail = StepDetail::Band {
        total,
        grade,
        range: BandRange::of(band, grade),
    };
    result
        .steps
        .push(Step::new(StepKind::Band, None, detail, None));
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
        let bearer = bearer.bearer(person, settings);
        let Some(cap) = settings.vetoes.red_line_cap else {
            let detail = StepDetail::RedLineNoted {
                item_id: item_id.clone(),
                bearer,
            };
            result
                .steps
                .push(Step::new(StepKind::Veto, None, detail, None));
            continue;
        };
        let effect = match result.grade {
            Some(g) if g.worse(cap) != g => CapEffect::Lowered { from: g },
            Some(g) => CapEffect::NotHigher { grade: g },
            None => CapEffect::Pending,
        };
        let reason = VetoReason::RedLine {
            item_id: item_id.clone(),
            bearer,
            cap,
            effect,
        };
        result.steps.push(Step::new(
            StepKind::Veto,
            None,
            StepDetail::Veto(reason.clone()),
            None,
        ));
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
        let reason = VetoReason::Lian {
            score: lian,
            range: BandRange::of(band, Grade::Incompetent),
        };
        result.steps.push(Step::new(
            StepKind::Veto,
            Some(Dimension::Lian),
            StepDetail::Veto(reason.clone()),
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
        crate::order::sort_by_key(&mut entries, |(index, _, _)| *index);
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
        steps.push(Step {
            kind: StepKind::RoleAverage,
            dimension: Some(d),
            role: Some(role),
            detail: StepDetail::RoleAverage {
                dimension: d,
                role,
                raters: role_result.raters.clone(),
                average: full_average,
            },
            figure: Some(round1(full_average)),
        });
        present.push((role, role_result.weight, full_average));
    }

    if present.is_empty() {
        steps.push(Step {
            kind: StepKind::MissingDimension,
            dimension: Some(d),
            role: None,
            detail: StepDetail::NoRatings {
                dimension: d,
                weighted: dim.weight > EPSILON,
            },
            figure: None,
        });
        return (dim, None);
    }
    let weight_present: f64 = present.iter().map(|(_, w, _)| w).sum();
    if weight_present <= EPSILON {
        steps.push(Step {
            kind: StepKind::MissingDimension,
            dimension: Some(d),
            role: None,
            detail: StepDetail::OnlyUnweightedRoles {
                dimension: d,
                roles: present.iter().map(|(r, _, _)| *r).collect(),
            },
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
        let changes: Vec<Reweighted> = present
            .iter()
            .map(|(r, w, _)| Reweighted {
                role: *r,
                from: *w,
                to: 100.0 * w / weight_present,
            })
            .collect();
        steps.push(Step {
            kind: StepKind::Reweight,
            dimension: Some(d),
            role: None,
            detail: StepDetail::Reweight {
                dimension: d,
                missing: dim.missing_roles.clone(),
                changes,
            },
            figure: None,
        });
    }
    let full_score = present.iter().map(|(_, w, avg)| w * avg).sum::<f64>() / weight_present;
    let score = round1(full_score);
    let terms: Vec<Term<RaterRole>> = present
        .iter()
        .map(|(r, w, avg)| Term {
            of: *r,
            value: *avg,
            weight: 100.0 * w / weight_present,
        })
        .collect();
    steps.push(Step {
        kind: StepKind::DimensionScore,
        dimension: Some(d),
        role: None,
        detail: StepDetail::DimensionScore {
            dimension: d,
            terms,
            score,
        },
        figure: Some(score),
    });
    dim.score = Some(score);
    (dim, Some(full_score))
}
