#![cfg(not(target_arch = "wasm32"))]
//! The shipped template reproduces the plan (`tests/fixtures/plan.txt`, a byte-for-byte copy of the
//! 实施方案) verbatim: every heading, paragraph and numbered duty, with the plan's own numbering and
//! quirks (no part 五, no duty 3 in 四（四）, duties 8 and 9 of 七 run together on one line).
//!
//! The expectations are read from the fixture, never retyped, so altering any character of the
//! template's text makes one of these tests fail.

use std::collections::{BTreeMap, BTreeSet};

use zrz_domain::plan::{Chapter, ItemKind, Part, Template, SHIPPED_TEMPLATE_JSON};
use zrz_domain::Dimension;

const PLAN: &str = include_str!("../../../../tests/fixtures/plan.txt");

/// Non-blank lines of the plan, untrimmed. Line 0 is a scraped summary (title and a preamble cut off
/// with "..."), which the template ignores.
fn plan_lines() -> Vec<&'static str> {
    PLAN.lines().filter(|l| !l.trim().is_empty()).collect()
}

fn line_index(heading: &str) -> usize {
    let lines = plan_lines();
    let found: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| **l == heading)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "heading {heading:?} should occur exactly once in the plan"
    );
    found[0]
}

/// The leading "N." of a line: (N, rest).
fn split_number(line: &str) -> Option<(String, &str)> {
    let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    line[digits.len()..]
        .strip_prefix('.')
        .map(|rest| (digits, rest))
}

/// The numbered duties of a block of plan lines as (number, text). A line that runs the next duty
/// on ("…的9.…", as 七 8/9 does) is split where the next number, preceded by a non-digit, starts.
fn numbered(lines: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in lines {
        let (mut number, mut rest) =
            split_number(line).unwrap_or_else(|| panic!("not a numbered line: {line:?}"));
        loop {
            let next = format!("{}.", number.parse::<u32>().unwrap() + 1);
            let run_on = rest
                .match_indices(&next)
                .find(|(at, _)| {
                    rest[..*at]
                        .chars()
                        .next_back()
                        .is_some_and(|c| !c.is_ascii_digit())
                })
                .map(|(at, _)| at);
            match run_on {
                Some(at) => {
                    out.push((number.clone(), rest[..at].to_string()));
                    let (n, r) = split_number(&rest[at..]).unwrap();
                    number = n;
                    rest = r;
                }
                None => {
                    out.push((number, rest.to_string()));
                    break;
                }
            }
        }
    }
    out
}

fn shipped() -> Template {
    Template::parse(SHIPPED_TEMPLATE_JSON)
        .unwrap_or_else(|e| panic!("shipped template refused: {e}"))
}

fn part<'t>(t: &'t Template, number: &str) -> &'t Part {
    t.parts
        .iter()
        .find(|p| p.number == number)
        .unwrap_or_else(|| panic!("no part {number}"))
}

fn chapter<'t>(t: &'t Template, id: &str) -> &'t Chapter {
    t.chapter(id).unwrap_or_else(|| panic!("no chapter {id}"))
}

fn items_of(c: &Chapter) -> Vec<(String, String)> {
    c.items
        .iter()
        .map(|i| (i.number.clone(), i.text.clone()))
        .collect()
}

/// Item ids are the chapter id plus the plan's own number.
fn assert_ids_follow_numbers(c: &Chapter) {
    for item in &c.items {
        assert_eq!(
            item.id,
            format!("{}.{}", c.id, item.number),
            "item id of {:?}",
            item.text
        );
    }
}

#[test]
fn shipped_template_parses_and_validates() {
    let t = shipped();
    assert_eq!(t.id, "wenguang-ideology-responsibility");
    assert_eq!(t.version, "2024.2");
    assert_eq!(t.content_hash().to_string().len(), 64);
    assert_eq!(Template::shipped(), t);
}

#[test]
fn title_and_preamble_are_the_plans() {
    let lines = plan_lines();
    let t = shipped();
    // Line 0 is the scraped summary; it is cut off and must not be what the template shows.
    assert!(lines[0].trim_end().ends_with("..."));
    assert_eq!(t.title, lines[1]);
    assert_eq!(t.title, "县文化广播影视局党组意识形态工作责任制实施方案");
    assert_eq!(t.preamble, lines[2]);
    assert!(t.preamble.starts_with("为进一步加强"));
    assert!(t.preamble.ends_with("制定本实施方案。"));
}

#[test]
fn parts_keep_the_plans_numbering_without_five() {
    let t = shipped();
    let numbering: Vec<(&str, &str, &str)> = t
        .parts
        .iter()
        .map(|p| (p.id.as_str(), p.number.as_str(), p.title.as_str()))
        .collect();
    assert_eq!(
        numbering,
        [
            ("1", "一", "指导思想"),
            ("2", "二", "基本原则"),
            ("3", "三", "组织领导"),
            ("4", "四", "主要责任"),
            ("6", "六", "监督考核"),
            ("7", "七", "责任追究"),
        ]
    );
    assert!(t.parts.iter().all(|p| p.number != "五" && p.id != "5"));
    // Every part heading of the plan is a part of the template, and vice versa.
    let headings: Vec<&str> = plan_lines()
        .into_iter()
        .filter(|l| {
            l.chars()
                .next()
                .is_some_and(|c| "一二三四五六七八九十".contains(c))
                && l.contains('、')
        })
        .collect();
    let rendered: Vec<String> = t
        .parts
        .iter()
        .map(|p| format!("{}、{}", p.number, p.title))
        .collect();
    assert_eq!(rendered, headings);
}

#[test]
fn reading_parts_one_and_two_are_verbatim() {
    let lines = plan_lines();
    let t = shipped();
    let (i1, i2, i3) = (
        line_index("一、指导思想"),
        line_index("二、基本原则"),
        line_index("三、组织领导"),
    );

    let one = part(&t, "一");
    assert!(one.chapters.is_empty());
    assert_eq!(one.paragraphs, lines[i1 + 1..i2]);
    assert_eq!(one.paragraphs.len(), 1);

    let two = part(&t, "二");
    assert!(two.chapters.is_empty());
    assert_eq!(two.paragraphs, lines[i2 + 1..i3]);
    let prefixes: Vec<&str> = two
        .paragraphs
        .iter()
        .map(|p| &p[..p.find('）').unwrap() + '）'.len_utf8()])
        .collect();
    assert_eq!(prefixes, ["（一）", "（二）", "（三）", "（四）", "（五）"]);

    for p in &t.parts[2..] {
        assert!(
            p.paragraphs.is_empty(),
            "part {} should have no reading paragraphs",
            p.number
        );
    }
}

#[test]
fn part_three_is_verbatim() {
    let lines = plan_lines();
    let t = shipped();
    let (i3, i4) = (line_index("三、组织领导"), line_index("四、主要责任"));
    let three = part(&t, "三");
    assert_eq!(three.chapters.len(), 1);
    let c = &three.chapters[0];
    assert_eq!(
        (c.id.as_str(), c.number.as_str(), c.title.as_str()),
        ("3", "", "组织领导")
    );
    assert_eq!(c.intro, lines[i3 + 1]);
    assert!(c.intro.starts_with("建立健全"));
    assert_eq!(items_of(c), numbered(&lines[i3 + 2..i4]));
    assert_eq!(c.items.len(), 4);
    assert_ids_follow_numbers(c);
    assert_eq!(c.label(three), "三、组织领导");
}

#[test]
fn part_four_sub_chapters_are_verbatim() {
    let lines = plan_lines();
    let t = shipped();
    let (i4, i6) = (line_index("四、主要责任"), line_index("六、监督考核"));
    let four = part(&t, "四");
    assert!(four.paragraphs.is_empty());

    let heads: Vec<usize> = (i4 + 1..i6)
        .filter(|&i| lines[i].starts_with('（'))
        .collect();
    assert_eq!(heads.len(), 8);
    assert_eq!(
        four.chapters.len(),
        heads.len(),
        "四 has exactly the plan's sub-chapters"
    );
    let numerals = [
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
        "（六）",
        "（七）",
        "（八）",
    ];
    for (k, (c, &h)) in four.chapters.iter().zip(&heads).enumerate() {
        assert_eq!(c.id, format!("4.{}", k + 1));
        assert_eq!(c.number, numerals[k]);
        assert_eq!(
            format!("{}{}{}", c.number, c.title, c.intro),
            lines[h],
            "heading of {}",
            c.id
        );
        let end = heads.get(k + 1).copied().unwrap_or(i6);
        assert_eq!(
            items_of(c),
            numbered(&lines[h + 1..end]),
            "duties of {}",
            c.id
        );
        assert_ids_follow_numbers(c);
    }

    // Titles keep the plan's own punctuation; the lead-ins of （一） and （八） are the intro.
    let c1 = chapter(&t, "4.1");
    assert_eq!(c1.title, "把意识形态工作摆在极端重要的位置。");
    assert!(c1.intro.starts_with("要站在") && c1.intro.ends_with("做到“五个纳入”："));
    let c2 = chapter(&t, "4.2");
    assert_eq!(
        c2.title,
        "认真贯彻落实中央、省委、市委关于意识形态工作的决策部署及指示精神。"
    );
    assert_eq!(c2.intro, "");
    assert_eq!(chapter(&t, "4.3").title, "营造全面建设小康社会的良好氛围");
    let c8 = chapter(&t, "4.8");
    assert_eq!(c8.title, "加强工作队伍管理。");
    assert!(
        c8.intro
            .starts_with("党组要把意识形态队伍建设摆在重要位置，")
            && c8.intro.ends_with("人手里。")
    );

    let counts: Vec<usize> = four.chapters.iter().map(|c| c.items.len()).collect();
    assert_eq!(counts, [9, 3, 4, 4, 3, 6, 2, 3]);
}

#[test]
fn four_four_has_no_duty_three() {
    let t = shipped();
    let c = chapter(&t, "4.4");
    let ids: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
    let numbers: Vec<&str> = c.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(ids, ["4.4.1", "4.4.2", "4.4.4", "4.4.5"]);
    assert_eq!(numbers, ["1", "2", "4", "5"]);
    assert!(t.item("4.4.3").is_none());
}

#[test]
fn part_six_items_concatenate_to_the_paragraph() {
    let lines = plan_lines();
    let t = shipped();
    let i6 = line_index("六、监督考核");
    let paragraph = lines[i6 + 1];
    assert_eq!(lines[i6 + 2], "七、责任追究", "六 is one paragraph");

    let six = part(&t, "六");
    assert_eq!(six.chapters.len(), 1);
    let c = &six.chapters[0];
    assert_eq!(
        (
            c.id.as_str(),
            c.number.as_str(),
            c.title.as_str(),
            c.intro.as_str()
        ),
        ("6", "", "监督考核", "")
    );
    let joined: String = c.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(joined, paragraph);

    let ids: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["6.1", "6.2", "6.3", "6.4", "6.5"]);
    assert!(
        c.items.iter().all(|i| i.number.is_empty()),
        "the plan does not number 六's requirements"
    );
    // Each item is one requirement: it ends at a boundary and contains no other "；" or "。".
    for item in &c.items {
        let body =
            &item.text[..item.text.len() - item.text.chars().next_back().unwrap().len_utf8()];
        assert!(
            item.text.ends_with(['；', '，', '。']),
            "{} ends at a boundary",
            item.id
        );
        assert!(
            !body.contains('；') && !body.contains('。'),
            "{} holds one requirement",
            item.id
        );
    }
    assert!(c.items[2].text.starts_with("及时建立"));
    assert!(c.items[4].text.starts_with("每年开展一次专题督查"));
}

#[test]
fn part_seven_is_verbatim_with_eight_and_nine_split() {
    let lines = plan_lines();
    let t = shipped();
    let i7 = line_index("七、责任追究");
    let seven = part(&t, "七");
    assert_eq!(seven.chapters.len(), 1);
    let c = &seven.chapters[0];
    assert_eq!(
        (c.id.as_str(), c.number.as_str(), c.title.as_str()),
        ("7", "", "责任追究")
    );
    assert_eq!(c.intro, lines[i7 + 1]);
    assert!(
        c.intro.starts_with("全局领导干部职工有下列情形之一的，")
            && c.intro.ends_with("纪律处分。")
    );

    let expected = numbered(&lines[i7 + 2..]);
    assert_eq!(expected.len(), 10);
    assert_eq!(items_of(c), expected);
    assert_ids_follow_numbers(c);

    // The run-together line of the plan is exactly 8 and 9 glued together.
    let glued = lines[i7 + 2..]
        .iter()
        .find(|l| l.starts_with("8."))
        .unwrap();
    let (eight, nine) = (t.item("7.8").unwrap(), t.item("7.9").unwrap());
    assert_eq!(*glued, format!("8.{}9.{}", eight.text, nine.text));
    assert!(eight.text.ends_with("出现严重问题的"));
    assert!(
        nine.text.ends_with(";"),
        "9 keeps the plan's half-width semicolon"
    );
}

/// The whole plan, from its title to its last duty, re-rendered from the template equals the fixture.
#[test]
fn template_reproduces_the_whole_plan() {
    let t = shipped();
    let mut rendered = vec![t.title.clone(), t.preamble.clone()];
    for p in &t.parts {
        rendered.push(format!("{}、{}", p.number, p.title));
        rendered.extend(p.paragraphs.iter().cloned());
        for c in &p.chapters {
            if c.number.is_empty() {
                if !c.intro.is_empty() {
                    rendered.push(c.intro.clone());
                }
            } else {
                rendered.push(format!("{}{}{}", c.number, c.title, c.intro));
            }
            if c.items.iter().all(|i| i.number.is_empty()) {
                rendered.push(c.items.iter().map(|i| i.text.as_str()).collect());
            } else {
                rendered.extend(c.items.iter().map(|i| format!("{}.{}", i.number, i.text)));
            }
        }
    }
    // The plan, with its one run-together line split the way the template splits it.
    let expected: Vec<String> = plan_lines()[1..]
        .iter()
        .flat_map(|l| match split_number(l) {
            Some(_) => numbered(&[l])
                .into_iter()
                .map(|(n, text)| format!("{n}.{text}"))
                .collect(),
            None => vec![l.to_string()],
        })
        .collect();
    assert_eq!(rendered, expected);
}

#[test]
fn no_item_text_is_padded_or_duplicated() {
    let t = shipped();
    let mut ids = BTreeSet::new();
    let mut texts = BTreeSet::new();
    for item in t.items() {
        assert!(ids.insert(item.id.as_str()), "duplicate id {}", item.id);
        assert!(
            texts.insert(item.text.as_str()),
            "duplicate text in {}",
            item.id
        );
        assert_eq!(item.text.trim(), item.text, "{} is padded", item.id);
        assert!(PLAN.contains(&item.text), "{} is not in the plan", item.id);
    }
    assert_eq!(
        t.items().count(),
        4 + 9 + 3 + 4 + 4 + 3 + 6 + 2 + 3 + 5 + 10
    );
}

#[test]
fn quotas_are_the_plans_annual_minimums() {
    let t = shipped();
    let quotas: BTreeMap<&str, (u32, &str)> = t
        .items()
        .filter_map(|i| match &i.kind {
            ItemKind::Quota { per_year, activity } => {
                Some((i.id.as_str(), (*per_year, activity.as_str())))
            }
            _ => None,
        })
        .collect();
    let expected: BTreeMap<&str, (u32, &str)> = [
        ("4.1.1", (2, "party_group_meeting")),
        ("4.1.2", (1, "central_group_study")),
        ("4.3.4", (1, "red_education")),
        ("6.5", (1, "special_inspection")),
    ]
    .into();
    assert_eq!(quotas, expected);
    // The count is the one the text states.
    for (id, phrase) in [
        ("4.1.1", "每年至少两次"),
        ("4.1.2", "每年至少安排一次"),
        ("4.3.4", "每年至少组织一次"),
        ("6.5", "每年开展一次"),
    ] {
        assert!(
            t.item(id).unwrap().text.contains(phrase),
            "{id} should say {phrase}"
        );
    }
    // 每年度党建经费… is a budget line, not a count.
    assert_eq!(t.item("4.2.3").unwrap().kind, ItemKind::Task);
}

#[test]
fn every_annual_minimum_line_belongs_to_a_quota_item() {
    let t = shipped();
    let phrases = ["每年至少", "每年开展"];
    let mut seen = 0;
    for line in plan_lines().into_iter().skip(1) {
        for phrase in phrases {
            if !line.contains(phrase) {
                continue;
            }
            seen += 1;
            let holders: Vec<_> = t
                .items()
                .filter(|i| line.contains(&i.text) && i.text.contains(phrase))
                .collect();
            assert!(
                !holders.is_empty(),
                "no item holds {phrase:?} of line {line:?}"
            );
            for item in holders {
                assert!(
                    matches!(item.kind, ItemKind::Quota { .. }),
                    "{} holds {phrase:?} but is not a quota",
                    item.id
                );
            }
        }
    }
    assert_eq!(seen, 4);
    for item in t
        .items()
        .filter(|i| matches!(i.kind, ItemKind::Quota { .. }))
    {
        assert!(
            phrases.iter().any(|p| item.text.contains(p)),
            "{} is a quota without an annual count",
            item.id
        );
    }
}

#[test]
fn activities_are_declared_with_chinese_names() {
    let t = shipped();
    let activities: Vec<(&str, &str)> = t
        .activities
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    // The ten kinds of ledger entry the plan's work needs, in the order the ledger offers them.
    assert_eq!(
        activities,
        [
            ("party_group_meeting", "党组会议专题研究"),
            ("central_group_study", "中心组专题学习"),
            ("red_education", "红色教育/爱国主义教育"),
            ("special_inspection", "专题督查"),
            ("opinion_analysis", "舆情研判/社情民意报送"),
            ("holiday_analysis", "节点前瞻性专题分析"),
            ("democratic_life_meeting", "民主生活会/述职述廉"),
            ("training", "培训"),
            ("publicity", "宣传活动"),
            ("other", "其他"),
        ]
    );
}

#[test]
fn credit_is_as_configured() {
    let c = shipped().credit;
    assert_eq!(
        (
            c.implemented,
            c.partial,
            c.not_implemented,
            c.not_occurred,
            c.occurred
        ),
        (1.0, 0.5, 0.0, 1.0, 0.0)
    );
}

#[test]
fn weights_sum_to_one_hundred() {
    let t = shipped();
    let weights: Vec<(&str, f64)> = t.chapters().map(|c| (c.id.as_str(), c.weight)).collect();
    assert_eq!(
        weights,
        [
            ("3", 8.0),
            ("4.1", 18.0),
            ("4.2", 6.0),
            ("4.3", 8.0),
            ("4.4", 8.0),
            ("4.5", 6.0),
            ("4.6", 6.0),
            ("4.7", 4.0),
            ("4.8", 6.0),
            ("6", 10.0),
            ("7", 20.0),
        ]
    );
    for c in t.chapters() {
        let points: f64 = c.items.iter().map(|i| i.points).sum();
        assert_eq!(points, c.weight, "chapter {}", c.id);
        assert!(
            c.items.iter().all(|i| i.points > 0.0),
            "every duty of {} is worth something",
            c.id
        );
    }
    assert_eq!(t.chapters().map(|c| c.weight).sum::<f64>(), 100.0);
}

#[test]
fn red_lines_are_exactly_part_seven() {
    let t = shipped();
    for c in t.chapters() {
        let in_seven = t.part_of(&c.id).unwrap().number == "七";
        for item in &c.items {
            assert_eq!(item.kind.is_red_line(), in_seven, "{}", item.id);
            if in_seven {
                assert_eq!(
                    item.dimension,
                    Dimension::Lian,
                    "red line {} is 廉",
                    item.id
                );
            }
        }
    }
    assert_eq!(t.items().filter(|i| i.kind.is_red_line()).count(), 10);
}

#[test]
fn dimensions_follow_what_each_duty_evidences() {
    let t = shipped();
    let dim = |id: &str| {
        t.item(id)
            .unwrap_or_else(|| panic!("no item {id}"))
            .dimension
    };
    let expected = [
        (Dimension::De, &["3.2", "4.2.2", "4.8.3"][..]),
        (
            Dimension::Neng,
            &["4.1.6", "4.1.7", "4.1.8", "4.1.9", "4.8.1"][..],
        ),
        (
            Dimension::Qin,
            &["4.1.1", "4.1.2", "4.2.1", "4.2.3", "4.3.4", "6.5"][..],
        ),
        (
            Dimension::Ji,
            &[
                "4.3.1", "4.3.2", "4.3.3", "4.4.1", "4.5.1", "4.6.1", "4.7.2",
            ][..],
        ),
        (
            Dimension::Lian,
            &["4.1.4", "6.1", "6.2", "6.3", "6.4", "7.1", "7.10"][..],
        ),
    ];
    for (d, ids) in expected {
        for id in ids {
            assert_eq!(dim(id), d, "dimension of {id}");
        }
    }
    // Quotas are diligence.
    for item in t
        .items()
        .filter(|i| matches!(i.kind, ItemKind::Quota { .. }))
    {
        assert_eq!(item.dimension, Dimension::Qin, "{}", item.id);
    }
    let used: BTreeSet<Dimension> = t.items().map(|i| i.dimension).collect();
    assert_eq!(used, Dimension::ALL.into_iter().collect());
}

#[test]
fn chapter_labels_use_the_plan_numbering_without_a_final_full_stop() {
    let template = Template::shipped();
    let label = |id: &str| {
        let chapter = template.chapter(id).unwrap();
        chapter.label(template.part_of(id).unwrap())
    };
    assert_eq!(label("3"), "三、组织领导");
    assert_eq!(label("4.1"), "四（一） 把意识形态工作摆在极端重要的位置");
    assert_eq!(label("4.3"), "四（三） 营造全面建设小康社会的良好氛围");
    assert_eq!(label("7"), "七、责任追究");
}
