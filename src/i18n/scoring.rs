//! The words for what the scoring and the plan's configuration report as codes with figures: why
//! rating settings, a template or the indicators are refused, and (full app) each step of "如何计算",
//! each 一票否决 and the share of 优秀. Figures are written with the one number rule
//! (`zrz_domain::number`): shown figures [`fmt1`], configured numbers [`fmt_num`], numbers as given
//! (a refused one may not be finite) [`fmt_exact`].
//!
//! The tests word every sample of `scoring/samples.rs` (every variant, by `match`) in both languages:
//! the Chinese equals `scoring/zh_golden.jsonl`, the sentences the domain wrote before it had codes;
//! the English has no Chinese beyond the samples' own names.

#[cfg(test)]
mod samples;
#[cfg(test)]
mod tests;

use zrz_domain::number::{fmt_exact, fmt_num};
use zrz_domain::plan::{TemplateError, TemplatePlace, TemplateProblem};
use zrz_domain::record::{Grade, RaterRole, ResponsibilityLevel};
use zrz_domain::scoring::{
    Bound, IndicatorError, IndicatorProblem, NamePart, NamedLevel, SettingsError, SettingsProblem,
    Weighed, WeightGroup, MAX_EXCELLENT_SHARE,
};
use zrz_domain::Dimension;
#[cfg(feature = "full")]
use zrz_domain::{
    number::fmt1,
    record::RatingValue,
    scoring::{
        BandRange, Bearer, CapEffect, CapRounding, ExcellentShare, FinalGrade, IgnoreReason,
        RaterScore, StepDetail, VetoReason,
    },
};

use super::Lang;

pub mod zh {
    use super::*;
    use zrz_domain::scoring::DEFAULT_SUPERIOR_RATER;

    fn dim(d: Dimension) -> &'static str {
        (Lang::Zh.texts().common.dimension)(d)
    }

    fn grade(g: Grade) -> &'static str {
        (Lang::Zh.texts().common.grade)(g)
    }

    fn role(r: RaterRole) -> &'static str {
        (Lang::Zh.texts().common.role)(r)
    }

    /// The plan's name of a level: "主体责任" …
    pub fn level_label(l: ResponsibilityLevel) -> &'static str {
        match l {
            ResponsibilityLevel::Principal => "主体责任",
            ResponsibilityLevel::First => "第一责任",
            ResponsibilityLevel::Direct => "直接责任",
            ResponsibilityLevel::Leadership => "领导责任",
        }
    }

    /// Who carries a level in the plan: "局领导班子" …
    pub fn level_holder(l: ResponsibilityLevel) -> &'static str {
        match l {
            ResponsibilityLevel::Principal => "局领导班子",
            ResponsibilityLevel::First => "党组书记",
            ResponsibilityLevel::Direct => "分管领导",
            ResponsibilityLevel::Leadership => "领导班子其他成员",
        }
    }

    fn named(l: &NamedLevel) -> &str {
        l.label.as_deref().unwrap_or(level_label(l.level))
    }

    fn weighed(w: Weighed) -> &'static str {
        match w {
            Weighed::Dimension(d) => dim(d),
            Weighed::Role(r) => role(r),
        }
    }

    /// What is wrong with rating settings.
    pub fn settings(p: &SettingsProblem) -> String {
        use SettingsProblem as P;
        match p {
            P::NotJson { error, .. } => format!("不是有效的评分设置 JSON：{error}"),
            P::WeightOutOfRange { of, weight } => format!(
                "“{}”的权重 {} 超出范围，应在 0 到 100 之间",
                weighed(*of),
                fmt_exact(*weight)
            ),
            P::WeightsSum {
                group,
                sum,
                weights,
            } => {
                let group = match group {
                    WeightGroup::Dimensions => "德能勤绩廉五项",
                    WeightGroup::Roles => "自评、互评、上级评价三项",
                };
                let parts: Vec<String> = weights
                    .iter()
                    .map(|(of, w)| format!("{} {}", weighed(*of), fmt_num(*w)))
                    .collect();
                format!(
                    "{group}权重之和为 {}（{}），应为 100，请调整",
                    fmt_num(*sum),
                    parts.join("、")
                )
            }
            P::GradeScoreOutOfRange { grade: g, score } => format!(
                "“{}”对应分 {} 超出范围，应在 0 到 100 之间",
                grade(*g),
                fmt_exact(*score)
            ),
            P::GradeScoresNotDecreasing {
                grade: g,
                score,
                better,
                better_score,
            } => format!(
                "“{}”对应分 {} 应低于“{}”对应分 {}，各等次对应分须从{}到{}依次递减",
                grade(*g),
                fmt_num(*score),
                grade(*better),
                fmt_num(*better_score),
                grade(Grade::ALL[0]),
                grade(Grade::ALL[3])
            ),
            P::GradeScoreOutsideBand {
                grade: g,
                score,
                band,
            } => {
                let g = grade(*g);
                let range = band.describe();
                format!(
                    "“{g}”对应分 {} 不在{g}档（{range}）内，各项都评为{g}的人总分将得不到{g}等次；请把对应分改到 {range} 以内",
                    fmt_num(*score)
                )
            }
            P::BandsOutOfOrder { listed } => {
                let all: Vec<&str> = Grade::ALL.iter().map(|g| grade(*g)).collect();
                let listed: Vec<&str> = listed.iter().map(|g| grade(*g)).collect();
                format!(
                    "应依次列出{}四档，现为：{}",
                    all.join("、"),
                    if listed.is_empty() {
                        "（空）".to_string()
                    } else {
                        listed.join("、")
                    }
                )
            }
            P::BandBoundOutOfRange {
                grade: g,
                bound,
                value,
            } => format!(
                "{}档{} {} 超出范围，应在 0 到 100 之间",
                grade(*g),
                match bound {
                    Bound::Min => "下限",
                    Bound::Max => "上限",
                },
                fmt_exact(*value)
            ),
            P::BandUpsideDown { grade: g, min, max } => format!(
                "{}档下限 {} 应低于上限 {}",
                grade(*g),
                fmt_num(*min),
                fmt_num(*max)
            ),
            P::TopBandShort { grade: g, max } => {
                let max = fmt_num(*max);
                format!(
                    "最高档（{}）上限应为 100，现为 {max}；{max}–100 分将没有对应等次",
                    grade(*g)
                )
            }
            P::BottomBandAboveZero { grade: g, min } => {
                let min = fmt_num(*min);
                format!(
                    "最低档（{}）下限应为 0，现为 {min}；0–{min} 分将没有对应等次",
                    grade(*g)
                )
            }
            P::BandsOverlap {
                grade: g,
                max,
                better,
                better_min,
            } => {
                let (g, max, b) = (grade(*g), fmt_num(*max), fmt_num(*better_min));
                format!(
                    "{g}档上限 {max} 高于{}档下限 {b}，两档在 {b}–{max} 分重叠；请把{g}档上限改为 {b}",
                    grade(*better)
                )
            }
            P::BandsGap {
                grade: g,
                max,
                better,
                better_min,
            } => {
                let (g, max, b) = (grade(*g), fmt_num(*max), fmt_num(*better_min));
                format!(
                    "{g}档上限 {max} 低于{}档下限 {b}，{max}–{b} 分没有对应等次；请把{g}档上限改为 {b}",
                    grade(*better)
                )
            }
            P::CapAtBest => {
                let g: Vec<&str> = Grade::ALL[1..].iter().map(|g| grade(*g)).collect();
                format!(
                    "红线封顶等次为“{}”时不起作用；请改为{}或{}，或设为 null 关闭",
                    grade(Grade::ALL[0]),
                    g[..2].join("、"),
                    g[2]
                )
            }
            P::LevelRepeated { level } => {
                format!("责任层级“{}”重复列出，请删去重复项", named(level))
            }
            P::ShareInvalid { share } => format!(
                "优秀比例上限 {} 无效，应在 0 到 {} 之间",
                fmt_exact(*share),
                fmt_num(MAX_EXCELLENT_SHARE)
            ),
            P::ShareTooHigh { share, max } => format!(
                "优秀比例上限 {}% 超过规定的 {}%，请改为 0 到 {} 之间",
                fmt_num(*share),
                fmt_num(*max),
                fmt_num(*max)
            ),
            P::LevelNameBlank { level, part } => {
                let (word, default) = match part {
                    NamePart::Label => ("名称", level_label(*level)),
                    NamePart::Holder => ("承担者", level_holder(*level)),
                };
                format!(
                    "责任层级“{}”的{word}为空白；请填写，或清空以使用方案中的“{default}”",
                    level_label(*level)
                )
            }
            P::LevelNamesClash {
                first,
                second,
                label,
            } => format!(
                "“{}”与“{}”两个责任层级都叫“{label}”，请加以区分",
                level_label(*first),
                level_label(*second)
            ),
            P::SuperiorRaterBlank => {
                format!("上级评价的评价人为空白；请填写，或清空以使用“{DEFAULT_SUPERIOR_RATER}”")
            }
            P::PeerRaterBlank => "互评人姓名为空白，请填写或删去".into(),
            P::PeerRaterRepeated { name } => format!("互评人“{name}”重复列出，请删去重复项"),
        }
    }

    /// The settings error with where it is: "dimension_weights：…", "第 1 行第 3 列：…".
    pub fn settings_at(e: &SettingsError) -> String {
        match &e.problem {
            SettingsProblem::NotJson { line, column, .. } if e.field.is_empty() => {
                format!("第 {line} 行第 {column} 列：{}", settings(&e.problem))
            }
            p => format!("{}：{}", e.field, settings(p)),
        }
    }

    pub fn template_place(at: &TemplatePlace) -> String {
        match at {
            TemplatePlace::Position { line, column } => format!("第 {line} 行第 {column} 列"),
            TemplatePlace::Template => "模板".into(),
            TemplatePlace::Credit => "credit".into(),
            TemplatePlace::Activity(id) => format!("活动类型 {id}"),
            TemplatePlace::Part(number) => format!("第{number}部分"),
            TemplatePlace::Chapter(id) => format!("章节 {id}"),
            TemplatePlace::Item(id) => format!("检查项 {id}"),
        }
    }

    pub fn template_problem(p: &TemplateProblem) -> String {
        use TemplateProblem as P;
        match p {
            P::NotJson { error } => format!("不是有效的方案模板 JSON：{error}"),
            P::MissingId => "缺少模板标识 id".into(),
            P::MissingVersion => "缺少模板版本 version".into(),
            P::CreditOutOfRange { name, value } => {
                format!("得分系数 {name} 为 {}，应在 0 到 1 之间", fmt_exact(*value))
            }
            P::DuplicateActivity => "活动类型标识重复".into(),
            P::DuplicatePart { id } => format!("部分标识 {id} 重复"),
            P::DuplicateChapter => "章节标识重复".into(),
            P::EmptyChapter => "章节没有任何检查项".into(),
            P::ItemWithoutId => "有检查项缺少标识 id".into(),
            P::DuplicateItem => "检查项标识重复".into(),
            P::ItemWithoutText => "检查项缺少原文".into(),
            P::UnknownDimension { found } => {
                format!("未知的考核维度“{found}”，应为 de/neng/qin/ji/lian 之一")
            }
            P::BadPoints { points } => format!("分值 {} 无效，应为非负数", fmt_exact(*points)),
            P::QuotaZero => "年度次数要求应至少为 1".into(),
            P::UnknownActivity { activity } => {
                format!("计数的活动类型“{activity}”未在 activities 中定义")
            }
            P::QuotaMissing => "类型为 quota 的检查项缺少 quota 设置".into(),
            P::QuotaNotAllowed => "只有类型为 quota 的检查项才能有 quota 设置".into(),
            P::UnknownKind { found } => {
                format!("未知的检查项类型“{found}”，应为 task/quota/red_line 之一")
            }
            P::ChapterWeight { weight, points } => format!(
                "章节权重 {} 与各检查项分值之和 {} 不一致",
                fmt_exact(*weight),
                fmt_exact(*points)
            ),
            P::WeightsSum { total } => {
                format!("各章节权重之和为 {}，应为 100", fmt_exact(*total))
            }
        }
    }

    pub fn template(e: &TemplateError) -> String {
        format!(
            "{}：{}",
            template_place(&e.at),
            template_problem(&e.problem)
        )
    }

    pub fn indicator(e: &IndicatorError) -> String {
        use IndicatorProblem as P;
        let at = match &e.problem {
            P::NotJson { line, column, .. } => format!("第 {line} 行第 {column} 列"),
            P::MissingId { .. } | P::DimensionWithout { .. } => "考核指标".into(),
            _ => format!("指标 {}", e.indicator),
        };
        let problem = match &e.problem {
            P::NotJson { error, .. } => format!("不是有效的考核指标 JSON：{error}"),
            P::MissingId { name } => format!("指标“{name}”缺少标识 id"),
            P::DuplicateId => "指标标识重复".into(),
            P::UnknownDimension { found } => {
                format!("未知的考核维度“{found}”，应为 de/neng/qin/ji/lian 之一")
            }
            P::MissingName => "缺少指标名称".into(),
            P::NoItems => "没有列出任何佐证检查项".into(),
            P::UnknownItem {
                item,
                template,
                version,
            } => format!("引用的检查项 {item} 在方案模板（{template} {version}）中不存在"),
            P::DimensionWithout { dimension } => format!("“{}”维度没有任何指标", dim(*dimension)),
        };
        format!("{at}：{problem}")
    }

    #[cfg(feature = "full")]
    fn value(r: &RaterScore) -> String {
        match r.value {
            RatingValue::Grade(g) => format!("{}（{}）", grade(g), fmt1(r.score)),
            RatingValue::Score(_) => fmt1(r.score),
        }
    }

    #[cfg(feature = "full")]
    fn band_range(r: &BandRange) -> String {
        match r {
            BandRange::Top { min, max } => format!("{} ≤ 总分 ≤ {}", fmt_num(*min), fmt_num(*max)),
            BandRange::Middle { min, max } => {
                format!("{} ≤ 总分 < {}", fmt_num(*min), fmt_num(*max))
            }
            BandRange::Bottom { max } => format!("低于 {}", fmt_num(*max)),
        }
    }

    #[cfg(feature = "full")]
    fn who(b: &Bearer) -> String {
        let mut why = Vec::new();
        if let Some(level) = &b.level {
            why.push(format!("负{}", named(level)));
        }
        if b.by_name {
            why.push("为该项所列责任人".to_string());
        }
        format!("{}{}", b.name, why.join("，且"))
    }

    #[cfg(feature = "full")]
    fn names<T: Copy>(list: &[T], word: fn(T) -> &'static str) -> String {
        list.iter().map(|x| word(*x)).collect::<Vec<_>>().join("、")
    }

    /// Why a rating did not count.
    #[cfg(feature = "full")]
    pub fn ignore_reason(r: &IgnoreReason) -> String {
        match r {
            IgnoreReason::Invalid(e) => (super::super::errors::ZH.field)(e),
            IgnoreReason::RatesSelf => "互评不能评价本人，本人评价请记为自评".into(),
            IgnoreReason::Superseded => "同一评价人对同一维度重复评分，按最后更新的一条计算".into(),
        }
    }

    #[cfg(feature = "full")]
    pub fn veto(v: &VetoReason) -> String {
        match v {
            VetoReason::RedLine {
                item_id,
                bearer,
                cap,
                effect,
            } => {
                let effect = match effect {
                    CapEffect::Lowered { from } => {
                        format!("等次由{}降为{}", grade(*from), grade(*cap))
                    }
                    CapEffect::NotHigher { grade: g } => format!("原等次{}已不高于此", grade(*g)),
                    CapEffect::Pending => "总分计算后按此封顶".into(),
                };
                format!(
                    "红线 {item_id} 已发生，{}，一票否决：等次最高为{}（{effect}）",
                    who(bearer),
                    grade(*cap)
                )
            }
            VetoReason::Lian { score, range } => {
                let worst = grade(Grade::Incompetent);
                format!(
                    "{} 维度得分 {} 属{worst}档（{}），一票否决：等次定为{worst}",
                    dim(Dimension::Lian),
                    fmt1(*score),
                    band_range(range)
                )
            }
        }
    }

    /// One step of "如何计算".
    #[cfg(feature = "full")]
    pub fn step(s: &StepDetail) -> String {
        use StepDetail as S;
        match s {
            S::SettingsInvalid(e) => {
                format!("评分设置有误（{}），请先修正评分设置；暂不计算", settings_at(e))
            }
            S::Rounding => "说明：各项按完整精度计算，显示时四舍五入保留一位小数；用显示的数值逐项手算，结果可能与显示的合计相差 0.1。".into(),
            S::Ignored {
                dimension,
                role: r,
                rated,
                reason,
            } => {
                let rater = if rated.rater.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", rated.rater)
                };
                format!(
                    "未计入：{}·{}{rater} {}——{}",
                    dim(*dimension),
                    role(*r),
                    value(rated),
                    ignore_reason(reason)
                )
            }
            S::RoleAverage {
                dimension,
                role: r,
                raters,
                average,
            } => {
                let listed: Vec<String> = raters
                    .iter()
                    .map(|x| {
                        if x.rater.is_empty() {
                            value(x)
                        } else {
                            format!("{} {}", x.rater, value(x))
                        }
                    })
                    .collect();
                if listed.len() == 1 {
                    format!(
                        "{}·{}：{}，得分 {}",
                        dim(*dimension),
                        role(*r),
                        listed[0],
                        fmt1(*average)
                    )
                } else {
                    format!(
                        "{}·{}：{}，{} 人平均 {}",
                        dim(*dimension),
                        role(*r),
                        listed.join("、"),
                        listed.len(),
                        fmt1(*average)
                    )
                }
            }
            S::NoRatings {
                dimension,
                weighted: true,
            } => format!("{}：没有任何评分，本维度无法计算", dim(*dimension)),
            S::NoRatings {
                dimension,
                weighted: false,
            } => format!("{}：没有评分（权重为 0，不影响总分）", dim(*dimension)),
            S::OnlyUnweightedRoles { dimension, roles } => format!(
                "{}：只有权重为 0 的{}评分，本维度无法计算",
                dim(*dimension),
                names(roles, role)
            ),
            S::Reweight {
                dimension,
                missing,
                changes,
            } => {
                let changes: Vec<String> = changes
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {}%→{}%",
                            role(c.role),
                            fmt_num(c.from),
                            fmt_num(c.to)
                        )
                    })
                    .collect();
                format!(
                    "{}：缺少{}，权重按已有评价主体折算为 100%：{}",
                    dim(*dimension),
                    names(missing, role),
                    changes.join("、")
                )
            }
            S::DimensionScore {
                dimension,
                terms,
                score,
            } => {
                let terms: Vec<String> = terms
                    .iter()
                    .map(|t| format!("{} {}×{}%", role(t.of), fmt1(t.value), fmt_num(t.weight)))
                    .collect();
                format!(
                    "{} 维度得分 = {} = {}",
                    dim(*dimension),
                    terms.join(" + "),
                    fmt1(*score)
                )
            }
            S::TotalWaits { missing } => format!(
                "缺少 {} 的评分，总分和等次暂不计算；请补齐评分",
                names(missing, dim)
            ),
            S::Total {
                terms,
                skipped,
                total,
            } => {
                let terms: Vec<String> = terms
                    .iter()
                    .map(|t| format!("{} {}×{}%", dim(t.of), fmt1(t.value), fmt_num(t.weight)))
                    .collect();
                let skipped = if skipped.is_empty() {
                    String::new()
                } else {
                    format!("（{} 权重为 0，不计入）", names(skipped, dim))
                };
                format!("总分 = {} = {}{skipped}", terms.join(" + "), fmt1(*total))
            }
            S::Band {
                total,
                grade: g,
                range,
            } => format!(
                "总分 {} 落在{}档（{}），初定等次：{}",
                fmt1(*total),
                grade(*g),
                band_range(range),
                grade(*g)
            ),
            S::RedLineNoted { item_id, bearer } => format!(
                "红线 {item_id} 已发生，{}；评分设置未启用红线封顶，等次不受影响",
                who(bearer)
            ),
            S::Veto(v) => veto(v),
            S::FinalGrade(FinalGrade::Adjusted { grade: g, before }) => format!(
                "最终等次：{}（因一票否决由{}调整）",
                grade(*g),
                grade(*before)
            ),
            S::FinalGrade(FinalGrade::Settled { grade: g }) => format!("最终等次：{}", grade(*g)),
            S::FinalGrade(FinalGrade::VetoedWhileOpen { grade: g }) => format!(
                "最终等次：{}（一票否决；其余维度补齐后总分仍可计算，但等次不变）",
                grade(*g)
            ),
            S::FinalGrade(FinalGrade::Open) => "等次暂不评定".into(),
        }
    }

    /// "优秀 2 人，占 20.0%，超过上限 15%（10 人中最多 2 人：10 × 15% = 1.5，四舍五入，不足 1 人按 1 人）".
    #[cfg(feature = "full")]
    pub fn share(s: &ExcellentShare) -> String {
        let head = format!("优秀 {} 人，占 {}%", s.excellent, fmt1(s.share));
        let how = match s.rounding {
            CapRounding::Nearest => "四舍五入，不足 1 人按 1 人",
            CapRounding::Down => "向下取整",
        };
        let limit = format!(
            "（{} 人中最多 {} 人：{} × {}% = {}，{how}）",
            s.people,
            s.allowed,
            s.people,
            fmt_num(s.allowed_share),
            fmt_exact(s.exact_allowed)
        );
        let pending = if s.graded < s.people {
            format!("；另有 {} 人等次未定", s.people - s.graded)
        } else {
            String::new()
        };
        let verdict = if s.exceeded { "超过" } else { "未超过" };
        format!(
            "{head}，{verdict}上限 {}%{limit}{pending}",
            fmt_num(s.allowed_share)
        )
    }
}

pub mod en {
    use super::*;

    fn dim(d: Dimension) -> &'static str {
        (Lang::En.texts().common.dimension)(d)
    }

    fn grade(g: Grade) -> &'static str {
        (Lang::En.texts().common.grade)(g)
    }

    fn role(r: RaterRole) -> &'static str {
        (Lang::En.texts().common.role)(r)
    }

    pub fn level_label(l: ResponsibilityLevel) -> &'static str {
        match l {
            ResponsibilityLevel::Principal => "Principal responsibility",
            ResponsibilityLevel::First => "First responsibility",
            ResponsibilityLevel::Direct => "Direct responsibility",
            ResponsibilityLevel::Leadership => "Leadership responsibility",
        }
    }

    pub fn level_holder(l: ResponsibilityLevel) -> &'static str {
        match l {
            ResponsibilityLevel::Principal => "the leadership team",
            ResponsibilityLevel::First => "the Party secretary",
            ResponsibilityLevel::Direct => "the leader in charge",
            ResponsibilityLevel::Leadership => "other members of the leadership team",
        }
    }

    fn named(l: &NamedLevel) -> &str {
        l.label.as_deref().unwrap_or(level_label(l.level))
    }

    fn weighed(w: Weighed) -> &'static str {
        match w {
            Weighed::Dimension(d) => dim(d),
            Weighed::Role(r) => role(r),
        }
    }

    fn list(items: &[&str]) -> String {
        items.join(", ")
    }

    pub fn settings(p: &SettingsProblem) -> String {
        use SettingsProblem as P;
        match p {
            P::NotJson { error, .. } => format!("these are not valid rating settings (JSON): {error}"),
            P::WeightOutOfRange { of, weight } => format!(
                "the weight of {} is {}, outside 0 to 100",
                weighed(*of),
                fmt_exact(*weight)
            ),
            P::WeightsSum {
                group,
                sum,
                weights,
            } => {
                let group = match group {
                    WeightGroup::Dimensions => "the five dimensions",
                    WeightGroup::Roles => "self, peer and superior ratings",
                };
                let parts: Vec<String> = weights
                    .iter()
                    .map(|(of, w)| format!("{} {}", weighed(*of), fmt_num(*w)))
                    .collect();
                format!(
                    "the weights of {group} add up to {} ({}); they must add up to 100",
                    fmt_num(*sum),
                    parts.join(", ")
                )
            }
            P::GradeScoreOutOfRange { grade: g, score } => format!(
                "the score of {} is {}, outside 0 to 100",
                grade(*g),
                fmt_exact(*score)
            ),
            P::GradeScoresNotDecreasing {
                grade: g,
                score,
                better,
                better_score,
            } => format!(
                "the score of {} ({}) must be below that of {} ({}): the scores fall from {} to {}",
                grade(*g),
                fmt_num(*score),
                grade(*better),
                fmt_num(*better_score),
                grade(Grade::ALL[0]),
                grade(Grade::ALL[3])
            ),
            P::GradeScoreOutsideBand {
                grade: g,
                score,
                band,
            } => {
                let g = grade(*g);
                let range = band.describe();
                format!(
                    "the score of {g} ({}) is outside the {g} band ({range}), so someone rated {g} on every dimension would not be graded {g}; set it within {range}",
                    fmt_num(*score)
                )
            }
            P::BandsOutOfOrder { listed } => {
                let all: Vec<&str> = Grade::ALL.iter().map(|g| grade(*g)).collect();
                let listed: Vec<&str> = listed.iter().map(|g| grade(*g)).collect();
                format!(
                    "the bands must be {}, in this order; they are: {}",
                    list(&all),
                    if listed.is_empty() {
                        "(none)".to_string()
                    } else {
                        list(&listed)
                    }
                )
            }
            P::BandBoundOutOfRange {
                grade: g,
                bound,
                value,
            } => format!(
                "the {} bound of the {} band is {}, outside 0 to 100",
                match bound {
                    Bound::Min => "lower",
                    Bound::Max => "upper",
                },
                grade(*g),
                fmt_exact(*value)
            ),
            P::BandUpsideDown { grade: g, min, max } => format!(
                "the lower bound of the {} band ({}) must be below its upper bound ({})",
                grade(*g),
                fmt_num(*min),
                fmt_num(*max)
            ),
            P::TopBandShort { grade: g, max } => {
                let max = fmt_num(*max);
                format!(
                    "the top band ({}) must reach 100, not {max}; totals from {max} to 100 would have no grade",
                    grade(*g)
                )
            }
            P::BottomBandAboveZero { grade: g, min } => {
                let min = fmt_num(*min);
                format!(
                    "the bottom band ({}) must start at 0, not {min}; totals from 0 to {min} would have no grade",
                    grade(*g)
                )
            }
            P::BandsOverlap {
                grade: g,
                max,
                better,
                better_min,
            } => {
                let (g, max, b) = (grade(*g), fmt_num(*max), fmt_num(*better_min));
                format!(
                    "the upper bound of the {g} band ({max}) is above the lower bound of the {} band ({b}): the two overlap from {b} to {max}; set the {g} upper bound to {b}",
                    grade(*better)
                )
            }
            P::BandsGap {
                grade: g,
                max,
                better,
                better_min,
            } => {
                let (g, max, b) = (grade(*g), fmt_num(*max), fmt_num(*better_min));
                format!(
                    "the upper bound of the {g} band ({max}) is below the lower bound of the {} band ({b}): totals from {max} to {b} have no grade; set the {g} upper bound to {b}",
                    grade(*better)
                )
            }
            P::CapAtBest => format!(
                "capping the grade of accountability cases at {} changes nothing; choose {}, {} or {}, or no cap",
                grade(Grade::ALL[0]),
                grade(Grade::ALL[1]),
                grade(Grade::ALL[2]),
                grade(Grade::ALL[3])
            ),
            P::LevelRepeated { level } => format!(
                "the level \"{}\" is listed twice; delete one",
                named(level)
            ),
            P::ShareInvalid { share } => format!(
                "the most Excellent, {}, is not a share from 0 to {}",
                fmt_exact(*share),
                fmt_num(MAX_EXCELLENT_SHARE)
            ),
            P::ShareTooHigh { share, max } => format!(
                "the most Excellent, {}%, is above the {}% allowed; enter 0 to {}",
                fmt_num(*share),
                fmt_num(*max),
                fmt_num(*max)
            ),
            P::LevelNameBlank { level, part } => {
                let (word, default) = match part {
                    NamePart::Label => ("name", level_label(*level)),
                    NamePart::Holder => ("holder", level_holder(*level)),
                };
                format!(
                    "the {word} of \"{}\" is blank; fill it in, or empty it to keep the plan's \"{default}\"",
                    level_label(*level)
                )
            }
            P::LevelNamesClash {
                first,
                second,
                label,
            } => format!(
                "\"{}\" and \"{}\" are both called \"{label}\"; tell them apart",
                level_label(*first),
                level_label(*second)
            ),
            P::SuperiorRaterBlank => {
                "the giver of the superior rating is blank; fill it in, or empty it to keep \"the Party group\"".into()
            }
            P::PeerRaterBlank => "a peer rater has no name; fill it in or delete the line".into(),
            P::PeerRaterRepeated { name } => {
                format!("the peer rater {name} is listed twice; delete one")
            }
        }
    }

    pub fn settings_at(e: &SettingsError) -> String {
        match &e.problem {
            SettingsProblem::NotJson { line, column, .. } if e.field.is_empty() => {
                format!("line {line}, column {column}: {}", settings(&e.problem))
            }
            p => format!("{}: {}", e.field, settings(p)),
        }
    }

    pub fn template_place(at: &TemplatePlace) -> String {
        match at {
            TemplatePlace::Position { line, column } => format!("line {line}, column {column}"),
            TemplatePlace::Template => "the template".into(),
            TemplatePlace::Credit => "credit".into(),
            TemplatePlace::Activity(id) => format!("activity type {id}"),
            TemplatePlace::Part(number) => format!("part {number}"),
            TemplatePlace::Chapter(id) => format!("chapter {id}"),
            TemplatePlace::Item(id) => format!("item {id}"),
        }
    }

    pub fn template_problem(p: &TemplateProblem) -> String {
        use TemplateProblem as P;
        match p {
            P::NotJson { error } => format!("not a valid plan template (JSON): {error}"),
            P::MissingId => "the template id is missing".into(),
            P::MissingVersion => "the template version is missing".into(),
            P::CreditOutOfRange { name, value } => format!(
                "the credit factor {name} is {}, outside 0 to 1",
                fmt_exact(*value)
            ),
            P::DuplicateActivity => "the activity type id appears twice".into(),
            P::DuplicatePart { id } => format!("the part id {id} appears twice"),
            P::DuplicateChapter => "the chapter id appears twice".into(),
            P::EmptyChapter => "the chapter has no items".into(),
            P::ItemWithoutId => "an item has no id".into(),
            P::DuplicateItem => "the item id appears twice".into(),
            P::ItemWithoutText => "the item has no text".into(),
            P::UnknownDimension { found } => {
                format!("unknown dimension \"{found}\"; it should be one of de/neng/qin/ji/lian")
            }
            P::BadPoints { points } => {
                format!(
                    "the points {} are not a number of 0 or more",
                    fmt_exact(*points)
                )
            }
            P::QuotaZero => "a yearly quota must be at least 1".into(),
            P::UnknownActivity { activity } => {
                format!("the counted activity type \"{activity}\" is not defined under activities")
            }
            P::QuotaMissing => "an item of kind quota has no quota".into(),
            P::QuotaNotAllowed => "only an item of kind quota can have a quota".into(),
            P::UnknownKind { found } => {
                format!("unknown item kind \"{found}\"; it should be one of task/quota/red_line")
            }
            P::ChapterWeight { weight, points } => format!(
                "the chapter weight {} is not the sum of its items' points, {}",
                fmt_exact(*weight),
                fmt_exact(*points)
            ),
            P::WeightsSum { total } => format!(
                "the chapter weights add up to {}, not 100",
                fmt_exact(*total)
            ),
        }
    }

    pub fn template(e: &TemplateError) -> String {
        format!(
            "{}: {}",
            template_place(&e.at),
            template_problem(&e.problem)
        )
    }

    pub fn indicator(e: &IndicatorError) -> String {
        use IndicatorProblem as P;
        let at = match &e.problem {
            P::NotJson { line, column, .. } => format!("line {line}, column {column}"),
            P::MissingId { .. } | P::DimensionWithout { .. } => "the indicators".into(),
            _ => format!("indicator {}", e.indicator),
        };
        let problem = match &e.problem {
            P::NotJson { error, .. } => format!("not valid indicators (JSON): {error}"),
            P::MissingId { name } => format!("the indicator \"{name}\" has no id"),
            P::DuplicateId => "the indicator id appears twice".into(),
            P::UnknownDimension { found } => {
                format!("unknown dimension \"{found}\"; it should be one of de/neng/qin/ji/lian")
            }
            P::MissingName => "the indicator has no name".into(),
            P::NoItems => "no checklist item is listed as its evidence".into(),
            P::UnknownItem {
                item,
                template,
                version,
            } => format!("the item {item} is not in the plan template ({template} {version})"),
            P::DimensionWithout { dimension } => {
                format!("{} has no indicator", dim(*dimension))
            }
        };
        format!("{at}: {problem}")
    }

    #[cfg(feature = "full")]
    fn value(r: &RaterScore) -> String {
        match r.value {
            RatingValue::Grade(g) => format!("{} ({})", grade(g), fmt1(r.score)),
            RatingValue::Score(_) => fmt1(r.score),
        }
    }

    #[cfg(feature = "full")]
    fn band_range(r: &BandRange) -> String {
        match r {
            BandRange::Top { min, max } => {
                format!("{} ≤ total ≤ {}", fmt_num(*min), fmt_num(*max))
            }
            BandRange::Middle { min, max } => {
                format!("{} ≤ total < {}", fmt_num(*min), fmt_num(*max))
            }
            BandRange::Bottom { max } => format!("below {}", fmt_num(*max)),
        }
    }

    #[cfg(feature = "full")]
    fn who(b: &Bearer) -> String {
        let mut why = Vec::new();
        if let Some(level) = &b.level {
            why.push(format!("bears {}", named(level)));
        }
        if b.by_name {
            why.push("is named responsible for the item".to_string());
        }
        format!("{} {}", b.name, why.join(" and "))
    }

    #[cfg(feature = "full")]
    fn names<T: Copy>(list: &[T], word: fn(T) -> &'static str) -> String {
        list.iter().map(|x| word(*x)).collect::<Vec<_>>().join(", ")
    }

    #[cfg(feature = "full")]
    pub fn ignore_reason(r: &IgnoreReason) -> String {
        match r {
            IgnoreReason::Invalid(e) => (super::super::errors::EN.field)(e),
            IgnoreReason::RatesSelf => "A peer rating cannot be given by the person rated; record their own rating as a self rating.".into(),
            IgnoreReason::Superseded => "The same rater rated this dimension twice; the latest rating counts.".into(),
        }
    }

    #[cfg(feature = "full")]
    pub fn veto(v: &VetoReason) -> String {
        match v {
            VetoReason::RedLine {
                item_id,
                bearer,
                cap,
                effect,
            } => {
                let effect = match effect {
                    CapEffect::Lowered { from } => {
                        format!(
                            "the grade goes down from {} to {}",
                            grade(*from),
                            grade(*cap)
                        )
                    }
                    CapEffect::NotHigher { grade: g } => {
                        format!("the grade, {}, is no higher already", grade(*g))
                    }
                    CapEffect::Pending => "applied once the total is calculated".into(),
                };
                format!(
                    "Red line {item_id} occurred and {}: veto, the grade is at most {} ({effect})",
                    who(bearer),
                    grade(*cap)
                )
            }
            VetoReason::Lian { score, range } => {
                let worst = grade(Grade::Incompetent);
                format!(
                    "The {} score {} is in the {worst} band ({}): veto, the grade is {worst}",
                    dim(Dimension::Lian),
                    fmt1(*score),
                    band_range(range)
                )
            }
        }
    }

    #[cfg(feature = "full")]
    pub fn step(s: &StepDetail) -> String {
        use StepDetail as S;
        match s {
            S::SettingsInvalid(e) => format!(
                "The rating settings are wrong ({}); correct them first. Nothing is calculated.",
                settings_at(e)
            ),
            S::Rounding => "Note: every figure is calculated at full precision and shown rounded to one decimal; adding up the shown figures by hand may differ from the shown total by 0.1.".into(),
            S::Ignored {
                dimension,
                role: r,
                rated,
                reason,
            } => {
                let rater = if rated.rater.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", rated.rater)
                };
                format!(
                    "Not counted: {} · {}{rater} {} — {}",
                    dim(*dimension),
                    role(*r),
                    value(rated),
                    ignore_reason(reason)
                )
            }
            S::RoleAverage {
                dimension,
                role: r,
                raters,
                average,
            } => {
                let listed: Vec<String> = raters
                    .iter()
                    .map(|x| {
                        if x.rater.is_empty() {
                            value(x)
                        } else {
                            format!("{} {}", x.rater, value(x))
                        }
                    })
                    .collect();
                if listed.len() == 1 {
                    format!(
                        "{} · {}: {}, score {}",
                        dim(*dimension),
                        role(*r),
                        listed[0],
                        fmt1(*average)
                    )
                } else {
                    format!(
                        "{} · {}: {}; average of {} raters {}",
                        dim(*dimension),
                        role(*r),
                        listed.join(", "),
                        listed.len(),
                        fmt1(*average)
                    )
                }
            }
            S::NoRatings {
                dimension,
                weighted: true,
            } => format!("{}: no rating at all, so no score", dim(*dimension)),
            S::NoRatings {
                dimension,
                weighted: false,
            } => format!(
                "{}: no rating (weight 0, the total is not affected)",
                dim(*dimension)
            ),
            S::OnlyUnweightedRoles { dimension, roles } => format!(
                "{}: only {} ratings, weighted 0, so no score",
                dim(*dimension),
                names(roles, role)
            ),
            S::Reweight {
                dimension,
                missing,
                changes,
            } => {
                let changes: Vec<String> = changes
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {}%→{}%",
                            role(c.role),
                            fmt_num(c.from),
                            fmt_num(c.to)
                        )
                    })
                    .collect();
                format!(
                    "{}: no {} rating; the weights of the raters present scaled up to 100%: {}",
                    dim(*dimension),
                    names(missing, role),
                    changes.join(", ")
                )
            }
            S::DimensionScore {
                dimension,
                terms,
                score,
            } => {
                let terms: Vec<String> = terms
                    .iter()
                    .map(|t| format!("{} {}×{}%", role(t.of), fmt1(t.value), fmt_num(t.weight)))
                    .collect();
                format!(
                    "{} score = {} = {}",
                    dim(*dimension),
                    terms.join(" + "),
                    fmt1(*score)
                )
            }
            S::TotalWaits { missing } => format!(
                "No rating yet on {}: the total and the grade wait; add the missing ratings",
                names(missing, dim)
            ),
            S::Total {
                terms,
                skipped,
                total,
            } => {
                let terms: Vec<String> = terms
                    .iter()
                    .map(|t| format!("{} {}×{}%", dim(t.of), fmt1(t.value), fmt_num(t.weight)))
                    .collect();
                let skipped = if skipped.is_empty() {
                    String::new()
                } else {
                    format!(" ({} weighted 0, not counted)", names(skipped, dim))
                };
                format!("Total = {} = {}{skipped}", terms.join(" + "), fmt1(*total))
            }
            S::Band {
                total,
                grade: g,
                range,
            } => format!(
                "The total {} is in the {} band ({}): grade before vetoes {}",
                fmt1(*total),
                grade(*g),
                band_range(range),
                grade(*g)
            ),
            S::RedLineNoted { item_id, bearer } => format!(
                "Red line {item_id} occurred and {}; the settings cap no grade for red lines, so the grade is not affected",
                who(bearer)
            ),
            S::Veto(v) => veto(v),
            S::FinalGrade(FinalGrade::Adjusted { grade: g, before }) => format!(
                "Final grade: {} (changed from {} by a veto)",
                grade(*g),
                grade(*before)
            ),
            S::FinalGrade(FinalGrade::Settled { grade: g }) => {
                format!("Final grade: {}", grade(*g))
            }
            S::FinalGrade(FinalGrade::VetoedWhileOpen { grade: g }) => format!(
                "Final grade: {} (veto; the total can still be calculated once the other dimensions are rated, but the grade stays)",
                grade(*g)
            ),
            S::FinalGrade(FinalGrade::Open) => "No grade yet".into(),
        }
    }

    #[cfg(feature = "full")]
    pub fn share(s: &ExcellentShare) -> String {
        let head = format!("{} Excellent ({}%)", s.excellent, fmt1(s.share));
        let how = match s.rounding {
            CapRounding::Nearest => "rounded to the nearest person, at least one",
            CapRounding::Down => "rounded down",
        };
        let limit = format!(
            "at most {} of {}: {} × {}% = {}, {how}",
            s.allowed,
            s.people,
            s.people,
            fmt_num(s.allowed_share),
            fmt_exact(s.exact_allowed)
        );
        let verdict = if s.exceeded { "over" } else { "within" };
        let pending = if s.graded < s.people {
            format!("; {} not graded yet", s.people - s.graded)
        } else {
            String::new()
        };
        format!(
            "{head}, {verdict} the {}% cap ({limit}){pending}",
            fmt_num(s.allowed_share)
        )
    }
}
