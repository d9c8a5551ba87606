//! Every step, veto, share and refusal the scoring reports is worded in both languages: the samples
//! (`samples.rs`: inputs that bring out every variant, checked by the exhaustive `match`es below)
//! give non-empty texts in each; the English has no Chinese beyond the samples' own names; and the
//! Chinese equals `zh_golden.jsonl`, written from the domain's sentences before they became codes
//! (the end-to-end tests match on them).

use std::collections::BTreeSet;
use std::fmt::Debug;

use super::samples;
use super::{en, zh};
use zrz_domain::plan::{Template, TemplateError, TemplatePlace, TemplateProblem};
use zrz_domain::record::{Grade, ResponsibilityLevel};
use zrz_domain::scoring::{
    parse_indicators, BandRange, CapEffect, FinalGrade, IndicatorError, IndicatorProblem,
    RatingSettings, SettingsProblem, StepDetail, VetoReason, SHIPPED_INDICATORS_JSON,
};
use zrz_domain::Dimension;

#[path = "template_rows.rs"]
mod template_rows;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201F}')
}

fn cjk_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Both texts non-empty; the English's Chinese only the sample's own data; the Chinese Chinese.
fn check<T: Debug>(what: &str, sample: &T, zh: &str, en: &str) {
    assert!(!zh.trim().is_empty(), "{what}: no Chinese for {sample:?}");
    assert!(!en.trim().is_empty(), "{what}: no English for {sample:?}");
    let quoted = format!("{sample:?}");
    for run in cjk_runs(en) {
        assert!(
            quoted.contains(&run),
            "{what}: the English {en:?} has Chinese {run:?} that is not the sample's data"
        );
    }
    assert!(!cjk_runs(zh).is_empty(), "{what}: {zh:?} is not Chinese");
}

/// Every kind of step; a new variant does not compile until it is named here (and then a sample
/// must bring it out, below).
fn step_name(d: &StepDetail) -> &'static str {
    match d {
        StepDetail::SettingsInvalid(_) => "SettingsInvalid",
        StepDetail::Rounding => "Rounding",
        StepDetail::Ignored { .. } => "Ignored",
        StepDetail::RoleAverage { raters, .. } if raters.len() == 1 => "RoleAverage/1",
        StepDetail::RoleAverage { .. } => "RoleAverage/n",
        StepDetail::NoRatings { weighted: true, .. } => "NoRatings/weighted",
        StepDetail::NoRatings {
            weighted: false, ..
        } => "NoRatings/unweighted",
        StepDetail::OnlyUnweightedRoles { .. } => "OnlyUnweightedRoles",
        StepDetail::Reweight { .. } => "Reweight",
        StepDetail::DimensionScore { .. } => "DimensionScore",
        StepDetail::TotalWaits { .. } => "TotalWaits",
        StepDetail::Total { skipped, .. } if skipped.is_empty() => "Total",
        StepDetail::Total { .. } => "Total/skipped",
        StepDetail::Band { range, .. } => match range {
            BandRange::Top { .. } => "Band/top",
            BandRange::Middle { .. } => "Band/middle",
            BandRange::Bottom { .. } => "Band/bottom",
        },
        StepDetail::RedLineNoted { .. } => "RedLineNoted",
        StepDetail::Veto(VetoReason::Lian { .. }) => "Veto/lian",
        StepDetail::Veto(VetoReason::RedLine { effect, bearer, .. }) => {
            match (
                effect,
                bearer.level.as_ref().map(|l| l.label.is_some()),
                bearer.by_name,
            ) {
                (CapEffect::Lowered { .. }, Some(false), false) => "Veto/lowered",
                (CapEffect::Lowered { .. }, Some(true), false) => "Veto/lowered/named level",
                (CapEffect::Lowered { .. }, None, true) => "Veto/lowered/by name",
                (CapEffect::Lowered { .. }, Some(_), true) => "Veto/lowered/both",
                (CapEffect::Lowered { .. }, None, false) => "Veto/lowered/nobody",
                (CapEffect::NotHigher { .. }, ..) => "Veto/not higher",
                (CapEffect::Pending, ..) => "Veto/pending",
            }
        }
        StepDetail::FinalGrade(f) => match f {
            FinalGrade::Adjusted { .. } => "FinalGrade/adjusted",
            FinalGrade::Settled { .. } => "FinalGrade/settled",
            FinalGrade::VetoedWhileOpen { .. } => "FinalGrade/vetoed while open",
            FinalGrade::Open => "FinalGrade/open",
        },
    }
}

const STEP_NAMES: &[&str] = &[
    "SettingsInvalid",
    "Rounding",
    "Ignored",
    "RoleAverage/1",
    "RoleAverage/n",
    "NoRatings/weighted",
    "NoRatings/unweighted",
    "OnlyUnweightedRoles",
    "Reweight",
    "DimensionScore",
    "TotalWaits",
    "Total",
    "Total/skipped",
    "Band/top",
    "Band/middle",
    "Band/bottom",
    "RedLineNoted",
    "Veto/lian",
    "Veto/lowered",
    "Veto/lowered/named level",
    "Veto/lowered/by name",
    "Veto/lowered/both",
    "Veto/not higher",
    "Veto/pending",
    "FinalGrade/adjusted",
    "FinalGrade/settled",
    "FinalGrade/vetoed while open",
    "FinalGrade/open",
];

fn settings_name(p: &SettingsProblem) -> &'static str {
    use SettingsProblem as P;
    match p {
        P::NotJson { .. } => "NotJson",
        P::WeightOutOfRange { .. } => "WeightOutOfRange",
        P::WeightsSum { .. } => "WeightsSum",
        P::GradeScoreOutOfRange { .. } => "GradeScoreOutOfRange",
        P::GradeScoresNotDecreasing { .. } => "GradeScoresNotDecreasing",
        P::GradeScoreOutsideBand { .. } => "GradeScoreOutsideBand",
        P::BandsOutOfOrder { .. } => "BandsOutOfOrder",
        P::BandBoundOutOfRange { .. } => "BandBoundOutOfRange",
        P::BandUpsideDown { .. } => "BandUpsideDown",
        P::TopBandShort { .. } => "TopBandShort",
        P::BottomBandAboveZero { .. } => "BottomBandAboveZero",
        P::BandsOverlap { .. } => "BandsOverlap",
        P::BandsGap { .. } => "BandsGap",
        P::CapAtBest => "CapAtBest",
        P::LevelRepeated { .. } => "LevelRepeated",
        P::ShareInvalid { .. } => "ShareInvalid",
        P::ShareTooHigh { .. } => "ShareTooHigh",
        P::LevelNameBlank { .. } => "LevelNameBlank",
        P::LevelNamesClash { .. } => "LevelNamesClash",
        P::SuperiorRaterBlank => "SuperiorRaterBlank",
        P::PeerRaterBlank => "PeerRaterBlank",
        P::PeerRaterRepeated { .. } => "PeerRaterRepeated",
    }
}

const SETTINGS_NAMES: &[&str] = &[
    "NotJson",
    "WeightOutOfRange",
    "WeightsSum",
    "GradeScoreOutOfRange",
    "GradeScoresNotDecreasing",
    "GradeScoreOutsideBand",
    "BandsOutOfOrder",
    "BandBoundOutOfRange",
    "BandUpsideDown",
    "TopBandShort",
    "BottomBandAboveZero",
    "BandsOverlap",
    "BandsGap",
    "CapAtBest",
    "LevelRepeated",
    "ShareInvalid",
    "ShareTooHigh",
    "LevelNameBlank",
    "LevelNamesClash",
    "SuperiorRaterBlank",
    "PeerRaterBlank",
    "PeerRaterRepeated",
];

fn refused() -> Vec<zrz_domain::scoring::SettingsError> {
    let mut all: Vec<_> = samples::refused_settings()
        .iter()
        .map(|s| s.validate().expect_err("the sample is refused"))
        .collect();
    all.extend(
        samples::refused_json()
            .into_iter()
            .map(|j| RatingSettings::parse(j).expect_err("the sample is refused")),
    );
    all
}

/// Every sample worded in both languages, in the golden file's order: (group, Chinese).
fn worded() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for r in samples::results() {
        for s in &r.steps {
            let (zh, en) = (zh::step(&s.detail), en::step(&s.detail));
            check("step", &s.detail, &zh, &en);
            out.push(("step", zh));
        }
        for v in &r.vetoes {
            let (zh, en) = (zh::veto(&v.reason), en::veto(&v.reason));
            check("veto", &v.reason, &zh, &en);
            out.push(("veto", zh));
        }
    }
    for s in samples::shares() {
        let (zh, en) = (zh::share(&s), en::share(&s));
        check("share", &s, &zh, &en);
        out.push(("share", zh));
    }
    for e in refused() {
        let (zh, en) = (zh::settings(&e.problem), en::settings(&e.problem));
        check("settings", &e, &zh, &en);
        check(
            "settings at",
            &e,
            &zh::settings_at(&e),
            &en::settings_at(&e),
        );
        out.push(("settings", zh));
    }
    out
}

#[test]
fn every_step_veto_share_and_settings_problem_is_worded_in_both_languages() {
    let steps: BTreeSet<&str> = samples::results()
        .iter()
        .flat_map(|r| r.steps.iter().map(|s| step_name(&s.detail)))
        .collect();
    let missing: Vec<&&str> = STEP_NAMES.iter().filter(|n| !steps.contains(**n)).collect();
    assert!(
        missing.is_empty(),
        "no sample brings out the steps {missing:?}"
    );
    let problems: BTreeSet<&str> = refused()
        .iter()
        .map(|e| settings_name(&e.problem))
        .collect();
    let missing: Vec<&&str> = SETTINGS_NAMES
        .iter()
        .filter(|n| !problems.contains(**n))
        .collect();
    assert!(missing.is_empty(), "no sample brings out {missing:?}");
    assert!(!worded().is_empty());
}

#[test]
fn the_chinese_is_the_wording_users_and_the_end_to_end_tests_know() {
    let golden: Vec<(String, String)> = include_str!("zh_golden.jsonl")
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                v["g"].as_str().unwrap().into(),
                v["t"].as_str().unwrap().into(),
            )
        })
        .collect();
    let ours = worded();
    for (i, (want, got)) in golden.iter().zip(&ours).enumerate() {
        assert_eq!(
            (want.0.as_str(), want.1.as_str()),
            (got.0, got.1.as_str()),
            "sample {i}"
        );
    }
    assert_eq!(golden.len(), ours.len(), "as many samples as golden texts");
}

#[test]
#[rustfmt::skip]
fn each_settings_error_says_what_to_fix() {
    type Edit = fn(&mut RatingSettings);
    let cases: Vec<(&str, Edit, &str, &str)> = vec![
        (
            "dimension weights sum to 105",
            |s| s.dimension_weights.de = 20.0,
            "dimension_weights",
            "德能勤绩廉五项权重之和为 105（德 20、能 10、勤 30、绩 30、廉 15），应为 100，请调整",
        ),
        (
            "role weights sum to 110",
            |s| s.role_weights.self_review = 30.0,
            "role_weights",
            "自评、互评、上级评价三项权重之和为 110（自评 30、互评 30、上级评价 50），应为 100，请调整",
        ),
        ("negative weight", |s| s.dimension_weights.neng = -5.0, "dimension_weights.neng", "“能”的权重 -5 超出范围，应在 0 到 100 之间"),
        ("grade score above 100", |s| s.grade_scores.excellent = 105.0, "grade_scores.excellent", "“优秀”对应分 105 超出范围，应在 0 到 100 之间"),
        ("grade score below 0", |s| s.grade_scores.incompetent = -1.0, "grade_scores.incompetent", "“不称职”对应分 -1 超出范围，应在 0 到 100 之间"),
        (
            "grade scores not decreasing",
            |s| s.grade_scores.competent = 95.0,
            "grade_scores.competent",
            "“称职”对应分 95 应低于“优秀”对应分 95，各等次对应分须从优秀到不称职依次递减",
        ),
        (
            "grade score outside its band",
            |s| s.grade_scores.excellent = 89.0,
            "grade_scores.excellent",
            "“优秀”对应分 89 不在优秀档（90–100）内，各项都评为优秀的人总分将得不到优秀等次；请把对应分改到 90–100 以内",
        ),
        (
            "overlapping bands",
            |s| s.grade_bands[1].max = 92.0,
            "grade_bands[1].max",
            "称职档上限 92 高于优秀档下限 90，两档在 90–92 分重叠；请把称职档上限改为 90",
        ),
        (
            "gap between bands",
            |s| s.grade_bands[1].max = 85.0,
            "grade_bands[1].max",
            "称职档上限 85 低于优秀档下限 90，85–90 分没有对应等次；请把称职档上限改为 90",
        ),
        (
            "gap lower down",
            |s| s.grade_bands[3].max = 50.0,
            "grade_bands[3].max",
            "不称职档上限 50 低于基本称职档下限 60，50–60 分没有对应等次；请把不称职档上限改为 60",
        ),
        ("threshold above 100", |s| s.grade_bands[0].max = 110.0, "grade_bands[0].max", "优秀档上限 110 超出范围，应在 0 到 100 之间"),
        ("band upside down", |s| s.grade_bands[2].min = 80.0, "grade_bands[2].min", "基本称职档下限 80 应低于上限 75"),
        (
            "top band short of 100",
            |s| s.grade_bands[0].max = 95.0,
            "grade_bands[0].max",
            "最高档（优秀）上限应为 100，现为 95；95–100 分将没有对应等次",
        ),
        (
            "bottom band above 0",
            |s| s.grade_bands[3].min = 10.0,
            "grade_bands[3].min",
            "最低档（不称职）下限应为 0，现为 10；0–10 分将没有对应等次",
        ),
        (
            "bands out of order",
            |s| s.grade_bands.swap(0, 1),
            "grade_bands",
            "应依次列出优秀、称职、基本称职、不称职四档，现为：称职、优秀、基本称职、不称职",
        ),
        (
            "a band missing",
            |s| {
                s.grade_bands.pop();
            },
            "grade_bands",
            "应依次列出优秀、称职、基本称职、不称职四档，现为：优秀、称职、基本称职",
        ),
        (
            "share above 20",
            |s| s.excellent_share_max = 25.0,
            "excellent_share_max",
            "优秀比例上限 25% 超过规定的 20%，请改为 0 到 20 之间",
        ),
        ("negative share", |s| s.excellent_share_max = -1.0, "excellent_share_max", "优秀比例上限 -1 无效，应在 0 到 20 之间"),
        (
            "cap at 优秀 does nothing",
            |s| s.vetoes.red_line_cap = Some(Grade::Excellent),
            "vetoes.red_line_cap",
            "红线封顶等次为“优秀”时不起作用；请改为称职、基本称职或不称职，或设为 null 关闭",
        ),
        (
            "duplicate responsible level",
            |s| s.red_line_responsible_levels.push(ResponsibilityLevel::First),
            "red_line_responsible_levels[2]",
            "责任层级“第一责任”重复列出，请删去重复项",
        ),
    ];
    for (label, edit, field, message) in cases {
        let mut s = RatingSettings::default();
        edit(&mut s);
        let err = s.validate().expect_err(label);
        assert_eq!(
            (err.field.as_str(), zh::settings(&err.problem).as_str()),
            (field, message),
            "{label}"
        );
        assert_eq!(
            zh::settings_at(&err),
            format!("{field}：{message}"),
            "{label}: with its place, field：message"
        );
    }
}

/// A department's own name for a level is quoted as it is, in both languages.
#[test]
fn a_level_is_named_as_the_department_calls_it() {
    let mut s = RatingSettings::default();
    s.level_names.first.label = Some("第一责任人".into());
    s.red_line_responsible_levels = vec![ResponsibilityLevel::First, ResponsibilityLevel::First];
    let e = s.validate().unwrap_err();
    assert_eq!(
        zh::settings(&e.problem),
        "责任层级“第一责任人”重复列出，请删去重复项"
    );
    assert_eq!(
        en::settings(&e.problem),
        "the level \"第一责任人\" is listed twice; delete one"
    );
    s.level_names.first.label = None;
    let e = s.validate().unwrap_err();
    assert_eq!(
        en::settings(&e.problem),
        "the level \"First responsibility\" is listed twice; delete one"
    );
}

#[test]
#[rustfmt::skip]
fn a_bad_indicator_file_is_refused_naming_the_fault() {
    let template = Template::shipped();
    let one = |dimension: &str, items: &str| {
        let mut all = String::new();
        for d in ["de", "neng", "qin", "ji", "lian"] {
            let (dim, items) = if d == "de" {
                (dimension, items)
            } else {
                (d, r#"["7.1"]"#)
            };
            all.push_str(&format!(
                r#"{{"id":"{d}.x","dimension":"{dim}","name":"指标","items":{items}}},"#
            ));
        }
        format!(r#"{{"indicators":[{}]}}"#, all.trim_end_matches(','))
    };
    let cases = [
        (one("de", r#"["4.9.9"]"#), "指标 de.x", "引用的检查项 4.9.9 在方案模板"),
        (one("de", "[]"), "指标 de.x", "没有列出任何佐证检查项"),
        (one("virtue", r#"["7.1"]"#), "指标 de.x", "未知的考核维度“virtue”"),
        (one("neng", r#"["7.1"]"#), "考核指标", "“德”维度没有任何指标"),
        (
            r#"{"indicators":[{"id":"a","dimension":"de","name":"甲","items":["7.1"]},{"id":"a","dimension":"de","name":"乙","items":["7.2"]}]}"#.to_string(),
            "指标 a",
            "指标标识重复",
        ),
        (r#"{"indicators":[]}"#.to_string(), "考核指标", "“德”维度没有任何指标"),
        ("[".to_string(), "第 1 行第 1 列", "不是有效的考核指标 JSON"),
    ];
    for (json, at, problem) in cases {
        let err = parse_indicators(&json, &template).expect_err(problem);
        let worded = zh::indicator(&err);
        assert!(worded.starts_with(&format!("{at}：{problem}")), "{worded}");
        check("indicator", &err, &worded, &en::indicator(&err));
    }
    assert!(parse_indicators(SHIPPED_INDICATORS_JSON, &template).is_ok());
}

/// One of every template place and problem, and of every indicator problem, worded in both.
#[test]
fn every_template_and_indicator_error_is_worded_in_both_languages() {
    use TemplatePlace as At;
    use TemplateProblem as P;
    let places = [
        At::Position { line: 4, column: 3 },
        At::Template,
        At::Credit,
        At::Activity("training".into()),
        At::Part("七".into()),
        At::Chapter("4.1".into()),
        At::Item("4.1.1".into()),
    ];
    let problems = [
        P::NotJson {
            error: "expected `,`".into(),
        },
        P::MissingId,
        P::MissingVersion,
        P::CreditOutOfRange {
            name: "partial".into(),
            value: 1.5,
        },
        P::DuplicateActivity,
        P::DuplicatePart { id: "6".into() },
        P::DuplicateChapter,
        P::EmptyChapter,
        P::ItemWithoutId,
        P::DuplicateItem,
        P::ItemWithoutText,
        P::UnknownDimension {
            found: "zhi".into(),
        },
        P::BadPoints { points: -1.0 },
        P::QuotaZero,
        P::UnknownActivity {
            activity: "banquet".into(),
        },
        P::QuotaMissing,
        P::QuotaNotAllowed,
        P::UnknownKind {
            found: "duty".into(),
        },
        P::ChapterWeight {
            weight: 7.0,
            points: 6.0,
        },
        P::WeightsSum { total: 101.0 },
    ];
    for p in &problems {
        match p {
            P::NotJson { .. }
            | P::MissingId
            | P::MissingVersion
            | P::CreditOutOfRange { .. }
            | P::DuplicateActivity
            | P::DuplicatePart { .. }
            | P::DuplicateChapter
            | P::EmptyChapter
            | P::ItemWithoutId
            | P::DuplicateItem
            | P::ItemWithoutText
            | P::UnknownDimension { .. }
            | P::BadPoints { .. }
            | P::QuotaZero
            | P::UnknownActivity { .. }
            | P::QuotaMissing
            | P::QuotaNotAllowed
            | P::UnknownKind { .. }
            | P::ChapterWeight { .. }
            | P::WeightsSum { .. } => {}
        }
        for at in &places {
            match at {
                At::Position { .. }
                | At::Template
                | At::Credit
                | At::Activity(_)
                | At::Part(_)
                | At::Chapter(_)
                | At::Item(_) => {}
            }
            let e = TemplateError {
                at: at.clone(),
                problem: p.clone(),
            };
            check("template", &e, &zh::template(&e), &en::template(&e));
        }
    }
    let e = TemplateError {
        at: At::Chapter("4.2".into()),
        problem: P::ChapterWeight {
            weight: 7.0,
            points: 6.0,
        },
    };
    assert_eq!(
        zh::template(&e),
        "章节 4.2：章节权重 7 与各检查项分值之和 6 不一致"
    );

    use IndicatorProblem as I;
    let indicator = |problem| IndicatorError {
        indicator: "de.x".into(),
        problem,
    };
    for e in [
        indicator(I::NotJson {
            line: 1,
            column: 1,
            error: "EOF".into(),
        }),
        indicator(I::MissingId {
            name: "指标".into(),
        }),
        indicator(I::DuplicateId),
        indicator(I::UnknownDimension {
            found: "virtue".into(),
        }),
        indicator(I::MissingName),
        indicator(I::NoItems),
        indicator(I::UnknownItem {
            item: "4.9.9".into(),
            template: "yszr".into(),
            version: "2024.2".into(),
        }),
        indicator(I::DimensionWithout {
            dimension: Dimension::De,
        }),
    ] {
        match &e.problem {
            I::NotJson { .. }
            | I::MissingId { .. }
            | I::DuplicateId
            | I::UnknownDimension { .. }
            | I::MissingName
            | I::NoItems
            | I::UnknownItem { .. }
            | I::DimensionWithout { .. } => {}
        }
        check("indicator", &e, &zh::indicator(&e), &en::indicator(&e));
    }
}

#[test]
fn grades_and_levels_have_their_plan_names_in_chinese() {
    assert_eq!(
        ResponsibilityLevel::ALL.map(zh::level_label),
        ResponsibilityLevel::ALL.map(|l| l.label()),
        "the Chinese names are the plan's"
    );
    assert_eq!(
        ResponsibilityLevel::ALL.map(zh::level_holder),
        ResponsibilityLevel::ALL.map(|l| l.holder())
    );
    for l in ResponsibilityLevel::ALL {
        assert!(
            cjk_runs(en::level_label(l)).is_empty() && cjk_runs(en::level_holder(l)).is_empty()
        );
    }
    let _ = Grade::ALL;
}
