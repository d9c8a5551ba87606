//! Inputs that bring out every step of "如何计算", every veto, every share text and every refusal of
//! the rating settings, for the tests of `scoring.rs`. Only inputs: the texts come from wording what
//! the domain computes from them, so the same list checks the Chinese against the golden file (the
//! sentences the domain wrote before its steps became codes) and the English for leftover Chinese.

use zrz_domain::record::{Grade, Person, RaterRole, Rating, RatingValue, ResponsibilityLevel};
use zrz_domain::scoring::{
    compute_person, excellent_share, CapRounding, LevelName, PersonResult, RatingSettings,
};
use zrz_domain::Dimension;

fn person(name: &str, level: ResponsibilityLevel) -> Person {
    Person {
        id: format!("id-{name}"),
        name: name.into(),
        post: "副局长".into(),
        level,
        order: 0,
    }
}

fn dimension(label: &str) -> Dimension {
    Dimension::ALL
        .into_iter()
        .find(|d| d.key() == label)
        .unwrap_or_else(|| panic!("unknown dimension {label}"))
}

fn role(label: &str) -> RaterRole {
    RaterRole::ALL
        .into_iter()
        .find(|r| r.key() == label)
        .unwrap_or_else(|| panic!("unknown role {label}"))
}

/// `"de peer 李四 90"`, `"lian superior 党组 incompetent"`; `-` for no rater.
fn rating(p: &Person, spec: &str) -> Rating {
    let parts: Vec<&str> = spec.split_whitespace().collect();
    let value = match Grade::from_key(parts[3]) {
        Some(g) => RatingValue::Grade(g),
        None => RatingValue::Score(parts[3].parse().expect("a grade or a score")),
    };
    Rating {
        person_id: p.id.clone(),
        dimension: dimension(parts[0]),
        role: role(parts[1]),
        rater: if parts[2] == "-" {
            String::new()
        } else {
            parts[2].into()
        },
        value,
        updated_at: None,
    }
}

/// Every dimension rated by every role `v`, except `skip`.
fn complete(skip: &[&str], v: &str) -> Vec<String> {
    ["de", "neng", "qin", "ji", "lian"]
        .into_iter()
        .filter(|d| !skip.contains(d))
        .flat_map(|d| {
            ["self 张三", "peer 李四", "superior 党组"].map(|who| format!("{d} {who} {v}"))
        })
        .collect()
}

fn run(
    p: &Person,
    specs: &[String],
    settings: &RatingSettings,
    red_lines: &[(&str, &str)],
) -> PersonResult {
    let ratings: Vec<Rating> = specs.iter().map(|s| rating(p, s)).collect();
    let lines: Vec<(String, String)> = red_lines
        .iter()
        .map(|(i, o)| (i.to_string(), o.to_string()))
        .collect();
    compute_person(p, &ratings, settings, &lines)
}

fn strings(specs: &[&str]) -> Vec<String> {
    specs.iter().map(|s| s.to_string()).collect()
}

/// One person's result per case: together every kind of step and veto.
pub fn results() -> Vec<PersonResult> {
    let zhang = person("张三", ResponsibilityLevel::Direct);
    let wang = person("王局长", ResponsibilityLevel::First);
    let s = RatingSettings::default;
    let mut out = Vec::new();

    // Everything rated, several peers, grades and scores: averages, scores, total, band.
    let mut all = complete(&[], "88");
    all.extend(strings(&[
        "de peer 王五 excellent",
        "neng peer 王五 competent",
        "qin peer 赵六 91.25",
    ]));
    out.push(run(&zhang, &all, &s(), &[]));
    // A role missing on some dimensions: renormalised weights.
    let mut some = complete(&["de", "ji"], "95");
    some.extend(strings(&[
        "de self 张三 92",
        "de superior 党组 96",
        "ji peer 李四 basically_competent",
    ]));
    out.push(run(&zhang, &some, &s(), &[]));
    // A dimension missing: the total waits; the grade is open.
    out.push(run(&zhang, &complete(&["qin", "lian"], "80"), &s(), &[]));
    // A dimension weighted 0 and not rated; a role weighted 0 alone on a dimension.
    let mut zero = s();
    zero.dimension_weights.de = 0.0;
    zero.dimension_weights.qin = 45.0;
    zero.role_weights.self_review = 0.0;
    zero.role_weights.peer = 50.0;
    let mut specs = complete(&["de", "neng"], "70");
    specs.push("neng self 张三 90".into());
    out.push(run(&zhang, &specs, &zero, &[]));
    // A dimension weighted 0 that has ratings, and a bottom-band total.
    let mut zero_rated = s();
    zero_rated.dimension_weights.neng = 0.0;
    zero_rated.dimension_weights.qin = 40.0;
    out.push(run(&zhang, &complete(&[], "50"), &zero_rated, &[]));
    // Ratings that do not count: out of range, a peer without a name, a peer rating of oneself,
    // superseded, a grade superseded.
    let mut ignored = complete(&[], "85");
    ignored.extend(strings(&[
        "de self 张三 150",
        "neng peer - 80",
        "qin peer 张三 90",
        "ji superior 党组 60",
        "ji superior 党组 excellent",
        "lian self - competent",
        "lian self - 77.5",
    ]));
    out.push(run(&zhang, &ignored, &s(), &[]));
    // Red lines: capped by level, by name, both; already lower; the total still open; cap off.
    let excellent = complete(&[], "excellent");
    out.push(run(&wang, &excellent, &s(), &[("7.1", "")]));
    out.push(run(&zhang, &excellent, &s(), &[("7.2", "张三、李四")]));
    out.push(run(
        &wang,
        &excellent,
        &s(),
        &[("7.1", "王局长"), ("7.3", "")],
    ));
    out.push(run(&wang, &complete(&[], "55"), &s(), &[("7.1", "")]));
    out.push(run(&wang, &complete(&["de"], "90"), &s(), &[("7.1", "")]));
    let mut off = s();
    off.vetoes.red_line_cap = None;
    out.push(run(
        &wang,
        &excellent,
        &off,
        &[("7.1", ""), ("7.2", "王局长")],
    ));
    // The department's own name for a level.
    let mut named = s();
    named.level_names.first = LevelName {
        label: Some("第一责任人".into()),
        holder: Some("科长".into()),
    };
    out.push(run(&wang, &excellent, &named, &[("7.1", "")]));
    // 廉 in the 不称职 band: with a total, and while the total is open.
    let mut lian = complete(&["lian"], "92");
    lian.extend(strings(&[
        "lian self 张三 50",
        "lian superior 党组 incompetent",
    ]));
    out.push(run(&zhang, &lian, &s(), &[]));
    let mut lian_open = complete(&["lian", "ji"], "92");
    lian_open.push("lian superior 党组 40".into());
    out.push(run(&zhang, &lian_open, &s(), &[]));
    // Both vetoes at once.
    out.push(run(&wang, &lian, &s(), &[("7.1", "")]));
    // Invalid settings: nothing is computed.
    let mut bad = s();
    bad.dimension_weights.de = 20.0;
    out.push(run(&zhang, &complete(&[], "90"), &bad, &[]));
    // Nothing rated at all.
    out.push(run(&zhang, &[], &s(), &[]));
    out
}

/// The share of 优秀 in groups: within and over the cap, both roundings, grades still open.
pub fn shares() -> Vec<zrz_domain::scoring::ExcellentShare> {
    let all = results();
    let graded: Vec<PersonResult> = all.iter().filter(|r| r.grade.is_some()).cloned().collect();
    let excellent: Vec<PersonResult> = all
        .iter()
        .filter(|r| r.grade == Some(Grade::Excellent))
        .cloned()
        .collect();
    let down = RatingSettings {
        excellent_cap_rounding: CapRounding::Down,
        ..RatingSettings::default()
    };
    let twenty = RatingSettings {
        excellent_share_max: 20.0,
        ..RatingSettings::default()
    };
    let half = RatingSettings {
        excellent_share_max: 12.5,
        ..RatingSettings::default()
    };
    vec![
        excellent_share(&all, &RatingSettings::default()),
        excellent_share(&graded, &RatingSettings::default()),
        excellent_share(&graded, &down),
        excellent_share(&excellent, &twenty),
        excellent_share(&excellent[..1], &half),
        excellent_share(&[], &RatingSettings::default()),
        excellent_share(&all[..3], &down),
    ]
}

type Edit = fn(&mut RatingSettings);

/// Settings refused by every rule `RatingSettings::validate` has.
pub fn refused_settings() -> Vec<RatingSettings> {
    let edits: Vec<Edit> = vec![
        |s| s.dimension_weights.de = 20.0,
        |s| s.dimension_weights.neng = 120.0,
        |s| s.dimension_weights.qin = f64::NAN,
        |s| s.role_weights.peer = 35.5,
        |s| s.role_weights.superior = -5.0,
        |s| s.grade_scores.excellent = 101.0,
        |s| s.grade_scores.competent = 96.0,
        |s| s.grade_scores.incompetent = 65.0,
        |s| s.grade_scores.excellent = 89.0,
        |s| s.grade_scores.basically_competent = 75.0,
        |s| s.grade_bands[1].max = 92.0,
        |s| s.grade_bands[1].max = 85.0,
        |s| s.grade_bands[3].max = 50.0,
        |s| s.grade_bands[0].max = 110.0,
        |s| s.grade_bands[2].min = f64::INFINITY,
        |s| s.grade_bands[2].min = 80.0,
        |s| s.grade_bands[0].max = 95.0,
        |s| s.grade_bands[3].min = 10.0,
        |s| s.grade_bands.swap(0, 1),
        |s| {
            s.grade_bands.pop();
        },
        |s| s.grade_bands.clear(),
        |s| s.excellent_share_max = 25.0,
        |s| s.excellent_share_max = -1.0,
        |s| s.vetoes.red_line_cap = Some(Grade::Excellent),
        |s| {
            s.red_line_responsible_levels
                .push(ResponsibilityLevel::First)
        },
        |s| {
            s.level_names.first.label = Some("第一责任人".into());
            s.red_line_responsible_levels
                .push(ResponsibilityLevel::First);
        },
        |s| s.level_names.direct.label = Some("  ".into()),
        |s| s.level_names.principal.holder = Some(String::new()),
        |s| s.level_names.leadership.label = Some("第一责任".into()),
        |s| {
            s.level_names.first.label = Some("分管".into());
            s.level_names.direct.label = Some("分管".into());
        },
        |s| s.superior_rater = Some(" ".into()),
        |s| s.peer_raters = vec!["王五".into(), " ".into()],
        |s| s.peer_raters = vec!["王五".into(), "王五 ".into()],
    ];
    edits
        .into_iter()
        .map(|edit| {
            let mut s = RatingSettings::default();
            edit(&mut s);
            s
        })
        .collect()
}

/// Settings JSON refused before it is checked: broken, and of the wrong shape.
pub fn refused_json() -> Vec<&'static str> {
    vec!["{ not json", "{\"dimension_weights\": 3}", ""]
}
