#![cfg(not(target_arch = "wasm32"))]
//! The settings a department fits to itself (names of its levels, its 上级评价 rater, its 互评
//! raters), the cap on 优秀 and how it rounds, and the order of a table of results.

use zrz_domain::record::{Grade, Person, RaterRole, Rating, RatingValue, ResponsibilityLevel};
use zrz_domain::scoring::{
    compare_results, compute_person, excellent_cap, sort_results, CapRounding, LevelName,
    NamedLevel, PersonResult, RatingSettings, ResultColumn, SettingsProblem, StepDetail, StepKind,
    VetoReason, DEFAULT_SUPERIOR_RATER, SHIPPED_RATING_SETTINGS_JSON,
};
use zrz_domain::Dimension;

#[test]
fn the_cap_on_excellent_rounds_as_the_setting_says() {
    use CapRounding::*;
    // (people, share, nearest, down): people × share, then to the nearest person and at least one
    // where that is above zero, or down.
    let cases: [(usize, f64, usize, usize); 16] = [
        (0, 15.0, 0, 0),
        (1, 15.0, 1, 0),
        (2, 15.0, 1, 0),
        (3, 15.0, 1, 0),
        (7, 15.0, 1, 1),
        (10, 15.0, 2, 1),
        (13, 15.0, 2, 1),
        (30, 15.0, 5, 4),
        (0, 20.0, 0, 0),
        (1, 20.0, 1, 0),
        (2, 20.0, 1, 0),
        (3, 20.0, 1, 0),
        (7, 20.0, 1, 1),
        (10, 20.0, 2, 2),
        (13, 20.0, 3, 2),
        (30, 20.0, 6, 6),
    ];
    for (people, share, nearest, down) in cases {
        assert_eq!(
            excellent_cap(people, share, Nearest),
            nearest,
            "{people} people at {share}%, to the nearest"
        );
        assert_eq!(
            excellent_cap(people, share, Down),
            down,
            "{people} people at {share}%, down"
        );
        let mut s = RatingSettings {
            excellent_share_max: share,
            ..RatingSettings::default()
        };
        assert_eq!(s.excellent_cap(people), nearest, "the default is Nearest");
        s.excellent_cap_rounding = Down;
        assert_eq!(s.excellent_cap(people), down);
    }
    for people in [0, 1, 3, 30] {
        for rounding in CapRounding::ALL {
            assert_eq!(excellent_cap(people, 0.0, rounding), 0, "no 优秀 at 0%");
        }
    }
    assert_eq!(excellent_cap(8, 12.5, Nearest), 1, "8 × 12.5% = 1");
    assert_eq!(excellent_cap(4, 12.5, Nearest), 1, "0.5 rounds up");
    assert_eq!(excellent_cap(20, 12.5, Nearest), 3, "2.5 rounds up");
    for r in CapRounding::ALL {
        assert_eq!(CapRounding::from_key(r.key()), Some(r));
    }
}

#[test]
fn old_settings_read_as_they_meant_except_the_cap_rounding() {
    // Settings as stored before the names and the rounding existed.
    let old = r#"{
      "dimension_weights": { "de": 15, "neng": 10, "qin": 30, "ji": 30, "lian": 15 },
      "role_weights": { "self": 20, "peer": 30, "superior": 50 },
      "grade_scores": { "excellent": 95, "competent": 80, "basically_competent": 65, "incompetent": 55 },
      "grade_bands": [
        { "grade": "excellent", "min": 90, "max": 100 },
        { "grade": "competent", "min": 75, "max": 90 },
        { "grade": "basically_competent", "min": 60, "max": 75 },
        { "grade": "incompetent", "min": 0, "max": 60 }
      ],
      "vetoes": { "lian_incompetent": true, "red_line_cap": "basically_competent" },
      "red_line_responsible_levels": ["principal", "first"],
      "excellent_share_max": 15
    }"#;
    let s = RatingSettings::parse(old).expect("old settings read");
    assert_eq!(s, RatingSettings::default());
    assert_eq!(s.excellent_cap_rounding, CapRounding::Nearest);
    assert_eq!(s.superior_rater(), "党组");
    assert!(s.peer_raters.is_empty());
    let labels = ResponsibilityLevel::ALL.map(|l| s.level_label(l));
    assert_eq!(labels, ["主体责任", "第一责任", "直接责任", "领导责任"]);
    let holders = ResponsibilityLevel::ALL.map(|l| s.level_holder(l));
    assert_eq!(
        holders,
        ["局领导班子", "党组书记", "分管领导", "领导班子其他成员"]
    );

    // Defaults are left out of the JSON: settings that keep them serialise as before.
    let json = serde_json::to_value(&s).unwrap();
    for field in [
        "excellent_cap_rounding",
        "level_names",
        "superior_rater",
        "peer_raters",
    ] {
        assert!(json.get(field).is_none(), "{field} in {json}");
    }
    let shipped: serde_json::Value = serde_json::from_str(SHIPPED_RATING_SETTINGS_JSON).unwrap();
    assert_eq!(shipped["excellent_cap_rounding"], "nearest");
}

fn fitted() -> RatingSettings {
    let mut s = RatingSettings::default();
    s.level_names.first = LevelName {
        label: Some("第一责任人".into()),
        holder: Some("科长".into()),
    };
    s.level_names.leadership.holder = Some(" 副科长 ".into());
    s.superior_rater = Some("分管局领导".into());
    s.peer_raters = vec!["王五".into(), "赵六".into()];
    s.excellent_cap_rounding = CapRounding::Down;
    s
}

#[test]
fn a_department_names_its_levels_and_raters_and_they_round_trip() {
    let s = fitted();
    assert_eq!(s.validate(), Ok(()));
    assert_eq!(s.level_label(ResponsibilityLevel::First), "第一责任人");
    assert_eq!(s.level_holder(ResponsibilityLevel::First), "科长");
    assert_eq!(s.level_label(ResponsibilityLevel::Leadership), "领导责任");
    assert_eq!(s.level_holder(ResponsibilityLevel::Leadership), "副科长");
    assert_eq!(s.superior_rater(), "分管局领导");
    let json = serde_json::to_string(&s).unwrap();
    for key in [
        r#""excellent_cap_rounding":"down""#,
        r#""superior_rater":"分管局领导""#,
        r#""peer_raters":["王五","赵六"]"#,
        r#""first":{"label":"第一责任人","holder":"科长"}"#,
        r#""leadership":{"holder":" 副科长 "}"#,
    ] {
        assert!(json.contains(key), "{key} in {json}");
    }
    assert!(
        !json.contains("principal\":{"),
        "unnamed levels are left out: {json}"
    );
    let back = RatingSettings::parse(&json).unwrap();
    assert_eq!(back, s);
    assert_eq!(DEFAULT_SUPERIOR_RATER, "党组");
}

#[test]
fn the_names_are_refused_with_what_to_fix() {
    type Edit = fn(&mut RatingSettings);
    let cases: [(Edit, &str, &str); 6] = [
        (
            |s| s.level_names.direct.label = Some("  ".into()),
            "level_names.direct.label",
            "LevelNameBlank",
        ),
        (
            |s| s.level_names.principal.holder = Some(String::new()),
            "level_names.principal.holder",
            "LevelNameBlank",
        ),
        (
            |s| s.level_names.leadership.label = Some("第一责任".into()),
            "level_names.leadership.label",
            "LevelNamesClash",
        ),
        (
            |s| s.superior_rater = Some(" ".into()),
            "superior_rater",
            "SuperiorRaterBlank",
        ),
        (
            |s| s.peer_raters = vec!["王五".into(), " ".into()],
            "peer_raters[1]",
            "PeerRaterBlank",
        ),
        (
            |s| s.peer_raters = vec!["王五".into(), "王五 ".into()],
            "peer_raters[1]",
            "PeerRaterRepeated",
        ),
    ];
    for (edit, field, message) in cases {
        let mut s = RatingSettings::default();
        edit(&mut s);
        let e = s.validate().expect_err(field);
        assert_eq!(e.field, field);
        assert!(format!("{:?}", e.problem).starts_with(message), "{e}");
    }
    // A repeated responsible level is named as the department calls it.
    let mut s = fitted();
    s.red_line_responsible_levels = vec![ResponsibilityLevel::First, ResponsibilityLevel::First];
    let e = s.validate().unwrap_err();
    assert_eq!(
        e.problem,
        SettingsProblem::LevelRepeated {
            level: NamedLevel {
                level: ResponsibilityLevel::First,
                label: Some("第一责任人".into())
            }
        }
    );
}

#[test]
fn the_offices_rules_keep_the_departments_names() {
    let department = fitted();
    let mut office = RatingSettings::default();
    office.dimension_weights.qin = 40.0;
    office.dimension_weights.ji = 20.0;
    office.excellent_share_max = 10.0;
    office.superior_rater = Some("局党组".into());
    office.peer_raters = vec!["办公室全体".into()];
    let merged = department.with_rules_of(&office);
    assert_eq!(merged.dimension_weights, office.dimension_weights);
    assert_eq!(merged.excellent_share_max, 10.0);
    assert_eq!(merged.excellent_cap_rounding, CapRounding::Nearest);
    assert_eq!(merged.level_names, department.level_names);
    assert_eq!(merged.superior_rater(), "分管局领导");
    assert_eq!(merged.peer_raters, department.peer_raters);
    assert_eq!(merged.validate(), Ok(()));
}

fn person(id: &str, name: &str, level: ResponsibilityLevel, order: u32) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        post: String::new(),
        level,
        order,
    }
}

fn superior(person: &Person, dimension: Dimension, value: RatingValue) -> Rating {
    Rating {
        person_id: person.id.clone(),
        dimension,
        role: RaterRole::Superior,
        rater: "党组".into(),
        value,
        updated_at: None,
    }
}

#[test]
fn a_red_line_names_the_level_as_the_department_calls_it() {
    let p = person("p-1", "张三", ResponsibilityLevel::First, 0);
    let ratings: Vec<Rating> = Dimension::ALL
        .iter()
        .map(|d| superior(&p, *d, RatingValue::Grade(Grade::Competent)))
        .collect();
    let r = compute_person(&p, &ratings, &fitted(), &[("7.3".into(), String::new())]);
    let veto = r
        .steps
        .iter()
        .find(|s| s.kind == StepKind::Veto)
        .expect("a veto step");
    let StepDetail::Veto(VetoReason::RedLine { bearer, .. }) = &veto.detail else {
        panic!("{:?}", veto.detail);
    };
    assert_eq!(
        bearer.level.as_ref().and_then(|l| l.label.as_deref()),
        Some("第一责任人"),
        "the level as the department calls it"
    );
}

fn result(name: &str, level: ResponsibilityLevel, total: Option<f64>) -> PersonResult {
    let p = person(&format!("id-{name}"), name, level, 0);
    let ratings: Vec<Rating> = match total {
        Some(t) => Dimension::ALL
            .iter()
            .map(|d| superior(&p, *d, RatingValue::Score(t)))
            .collect(),
        None => Vec::new(),
    };
    compute_person(&p, &ratings, &RatingSettings::default(), &[])
}

#[test]
fn results_sort_by_any_column_with_missing_figures_last() {
    use ResponsibilityLevel::*;
    let entered = vec![
        result("乙", Direct, Some(80.0)),
        result("甲", First, None),
        result("丙", Principal, Some(92.0)),
        result("丁", Leadership, Some(55.0)),
    ];
    let order = |column: ResultColumn, descending: bool| {
        let mut rows = entered.clone();
        sort_results(&mut rows, column, descending);
        rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>()
    };
    use ResultColumn::*;
    assert_eq!(order(Entered, false), ["乙", "甲", "丙", "丁"]);
    assert_eq!(order(Total, true), ["丙", "乙", "丁", "甲"]);
    assert_eq!(
        order(Total, false),
        ["丁", "乙", "丙", "甲"],
        "missing last"
    );
    assert_eq!(order(Grade, true), ["丙", "乙", "丁", "甲"]);
    assert_eq!(
        order(Dimension(zrz_domain::Dimension::Qin), false),
        ["丁", "乙", "丙", "甲"]
    );
    assert_eq!(
        order(Level, false),
        ["丙", "甲", "乙", "丁"],
        "主体责任 first"
    );
    let mut names = vec!["乙", "甲", "丙", "丁"];
    names.sort();
    assert_eq!(order(Name, false), names);
    assert!(Total.starts_descending() && Grade.starts_descending());
    assert!(!Name.starts_descending() && !Level.starts_descending());
    assert_eq!(
        compare_results(&entered[0], &entered[0], Total, true),
        std::cmp::Ordering::Equal
    );
}
