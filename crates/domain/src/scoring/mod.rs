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

mod compute;
mod indicators;
mod settings;
mod share;
mod sort;

pub use compute::*;
pub use indicators::*;
pub use settings::*;
pub use share::*;
pub use sort::*;
