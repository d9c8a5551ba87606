//! One department's year of data at a given scale, for the benchmark harness (`make bench`) and the
//! criterion benches (`crates/bench`, which includes this file by path). Deterministic: the same
//! scale and department give the same record, byte for byte.
//!
//! What "1×" is (docs/benchmarks.md repeats it):
//! - every item of the shipped template answered (53: tasks and quotas mostly 已落实, every fifth
//!   部分落实, every ninth 未落实/不适用 with a reason; red lines 未发生), each with a note of about
//!   80 characters, two pieces of evidence, an owner, a due date and a done date;
//! - 30 cadres, each rated on the five dimensions by 自评, five named 互评 colleagues and 上级评价:
//!   35 ratings a person, 1,050 in all;
//! - 100 ledger entries (about two a week), each linked to one or two items.
//!
//! `--scale N` multiplies the cadres (and so the ratings) by N, up to the importer's
//! `MAX_ENTRIES` (5,000 entries in one list: 142 cadres, 4,970 ratings, reached at 5×), and grows
//! the ledger along 0 → 100 → 1,000 → 5,000 entries at 0×, 1×, 5× and 10× (linear in between).
//! Scale 0 is a department that has only done the first-run setup.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use zrz_domain::plan::{ItemKind, Template};
use zrz_domain::record::{
    new_id, Answer, Assessment, Evidence, LedgerEntry, Person, Profile, RaterRole, Rating,
    RatingValue, Response, ResponsibilityLevel,
};
use zrz_domain::Dimension;
use zrz_exchange::MAX_ENTRIES;

pub const RATINGS_PER_PERSON: usize = 35;
const PEERS_PER_PERSON: usize = 5;
const LEDGER_POINTS: [(u32, usize); 4] = [(0, 0), (1, 100), (5, 1_000), (10, 5_000)];

/// The fixed "now" of the generated data: exports, edits and ratings are stamped with it.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 12, 20, 10, 0, 0).unwrap()
}

pub fn cadres(scale: u32) -> usize {
    (30 * scale as usize).min(MAX_ENTRIES / RATINGS_PER_PERSON)
}

pub fn ledger_entries(scale: u32) -> usize {
    let (last_scale, last) = LEDGER_POINTS[LEDGER_POINTS.len() - 1];
    if scale >= last_scale {
        let (prev_scale, prev) = LEDGER_POINTS[LEDGER_POINTS.len() - 2];
        let step = (last - prev) / (last_scale - prev_scale) as usize;
        return (last + step * (scale - last_scale) as usize).min(MAX_ENTRIES);
    }
    let i = LEDGER_POINTS.iter().position(|(s, _)| *s > scale).unwrap();
    let ((s0, n0), (s1, n1)) = (LEDGER_POINTS[i - 1], LEDGER_POINTS[i]);
    n0 + (n1 - n0) * (scale - s0) as usize / (s1 - s0) as usize
}

/// splitmix64: enough randomness for varied text, with no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    /// Phrases from `from` joined with "，" until the text has at least `chars` characters.
    fn text(&mut self, from: &[&str], chars: usize) -> String {
        let mut out = String::new();
        while out.chars().count() < chars {
            if !out.is_empty() {
                out.push('，');
            }
            out.push_str(self.pick(from));
        }
        out.push('。');
        out
    }
}

const DEPARTMENTS: [&str; 12] = [
    "办公室",
    "文化市场科",
    "艺术科",
    "社会文化科",
    "文物保护科",
    "广播电视科",
    "计划财务科",
    "人事科",
    "图书馆",
    "文化馆",
    "博物馆",
    "剧团",
];
const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高",
];
const GIVEN: [&str; 24] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "华", "建国", "志强", "海燕", "文博", "晓东",
];
const POSTS: [&str; 6] = ["党组书记", "局长", "副局长", "科长", "副科长", "主任"];
const NOTE: [&str; 12] = [
    "已在党组会议上专题研究并形成会议纪要",
    "按照年度计划组织中心组集中学习",
    "明确专人负责收集整理舆情信息并按月报送",
    "结合单位实际制定了具体工作措施",
    "相关制度已印发并在全体干部职工会上传达",
    "对照任务清单逐项落实并建立工作台账",
    "分管领导带队开展督导检查两次",
    "利用微信工作群及时转发上级文件精神",
    "在重要节点前召开专题会议进行研判",
    "已将相关内容纳入年度考核指标体系",
    "组织干部职工参加县里统一举办的培训",
    "存在的不足已列入整改清单限期整改",
];
const REASON: [&str; 4] = [
    "本单位无此项业务职能",
    "因机构调整尚未配备专职人员",
    "上级部署时间晚于本年度自查截止日期",
    "相关经费尚未到位",
];
const EVIDENCE: [&str; 6] = [
    "党组会议纪要",
    "中心组学习记录",
    "培训签到表",
    "舆情报送台账",
    "督查通报",
    "工作方案",
];
const PLACES: [&str; 5] = [
    "局三楼会议室",
    "局一楼报告厅",
    "县委党校",
    "县红色纪念馆",
    "各基层站所",
];
const TITLES: [&str; 8] = [
    "专题研究意识形态工作",
    "学习贯彻上级会议精神",
    "意识形态工作专题培训",
    "重要节点舆情分析研判",
    "红色教育主题党日活动",
    "意识形态阵地专项督查",
    "民主生活会对照检查",
    "网络信息安全专项清理",
];

fn date(day_of_year: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Duration::days((day_of_year % 350) as i64)
}

fn name(i: usize) -> String {
    let base = format!(
        "{}{}",
        SURNAMES[i % SURNAMES.len()],
        GIVEN[(i / SURNAMES.len()) % GIVEN.len()]
    );
    match i / (SURNAMES.len() * GIVEN.len()) {
        0 => base,
        n => format!("{base}{}", n + 1),
    }
}

/// The department's name for file `department` (0, 1 …); unique for any number of departments.
pub fn department_name(department: usize) -> String {
    match department / DEPARTMENTS.len() {
        0 => DEPARTMENTS[department].to_string(),
        n => format!("{}{}", DEPARTMENTS[department % DEPARTMENTS.len()], n + 1),
    }
}

/// Department `department`'s record for 2024 at `scale` (see the module doc).
pub fn department_year(template: &Template, scale: u32, department: usize) -> Assessment {
    let mut rng = Rng(0x5eed ^ (department as u64) << 16 ^ scale as u64);
    let profile = Profile {
        unit: "县文化广播影视局".into(),
        department: department_name(department),
        filled_by: name(department + 7),
        year: 2024,
    };
    let mut a = Assessment {
        profile,
        ..Assessment::default()
    };
    if scale == 0 {
        return a;
    }
    a.people = (0..cadres(scale))
        .map(|i| Person {
            id: new_id("p", rng.next()),
            order: i as u32,
            name: name(i),
            post: POSTS[i.min(POSTS.len() - 1)].into(),
            level: match i {
                0 => ResponsibilityLevel::Principal,
                1 => ResponsibilityLevel::First,
                2 | 3 => ResponsibilityLevel::Direct,
                _ => ResponsibilityLevel::Leadership,
            },
        })
        .collect();
    for (n, item) in template.items().enumerate() {
        let response = match (&item.kind, n % 9, n % 5) {
            (ItemKind::RedLine, _, _) => Response::NotOccurred,
            (_, 8, _) if n % 2 == 0 => Response::NotApplicable,
            (_, 8, _) => Response::NotImplemented,
            (_, _, 4) => Response::Partial,
            _ => Response::Implemented,
        };
        let owner = &a.people[n % a.people.len()].name;
        let answer = Answer {
            response: Some(response),
            reason: if response.needs_reason() {
                rng.pick(&REASON).into()
            } else {
                String::new()
            },
            note: rng.text(&NOTE, 80),
            evidence: (0..2)
                .map(|k| Evidence {
                    what: rng.pick(&EVIDENCE).into(),
                    location: "局办公室档案柜".into(),
                    doc_no: format!("文广党〔2024〕{}号", n * 2 + k + 1),
                    entry: None,
                })
                .collect(),
            owner: owner.clone(),
            due: Some(date(180 + n)),
            done: (response != Response::Partial).then(|| date(120 + n * 3)),
            flagged: n % 17 == 0,
            occurred_on: None,
            updated_at: Some(now() - Duration::hours(n as i64 * 7)),
        };
        a.answers.insert(item.id.clone(), answer);
    }
    let grades = [88.0, 92.5, 79.0, 95.0, 84.5, 90.0, 76.5];
    for (p, person) in a.people.iter().enumerate() {
        for d in Dimension::ALL {
            let raters = std::iter::once((RaterRole::SelfReview, person.name.clone()))
                .chain((1..=PEERS_PER_PERSON).map(|k| {
                    (
                        RaterRole::Peer,
                        a.people[(p + k) % a.people.len()].name.clone(),
                    )
                }))
                .chain(std::iter::once((RaterRole::Superior, "党组".to_string())));
            for (r, (role, rater)) in raters.enumerate() {
                a.ratings.push(Rating {
                    person_id: person.id.clone(),
                    dimension: d,
                    role,
                    rater,
                    value: RatingValue::Score(grades[(p + r) % grades.len()]),
                    updated_at: Some(now() - Duration::minutes((p * 35 + r) as i64)),
                });
            }
        }
    }
    let items: Vec<&str> = template.items().map(|i| i.id.as_str()).collect();
    a.ledger = (0..ledger_entries(scale))
        .map(|e| LedgerEntry {
            id: new_id("e", rng.next()),
            date: date(e * 350 / ledger_entries(scale).max(1)),
            activity: template.activities[e % template.activities.len()]
                .id
                .clone(),
            title: format!("{}（第{}次）", rng.pick(&TITLES), e / TITLES.len() + 1),
            place: rng.pick(&PLACES).into(),
            participant_count: Some(8 + (e % 20) as u32),
            participants: (0..4).map(|k| name(e + k)).collect::<Vec<_>>().join("、"),
            summary: rng.text(&NOTE, 30),
            doc_no: format!("文广党〔2024〕{}号", 200 + e),
            kept_at: "局办公室档案柜".into(),
            items: (0..1 + e % 2)
                .map(|k| items[(e * 7 + k) % items.len()].to_string())
                .collect(),
            updated_at: Some(now() - Duration::hours(e as i64)),
        })
        .collect();
    a
}

/// What a colleague changed in their copy of `a`: every seventh answer re-answered with a new note,
/// every eleventh rating re-scored, ten ledger entries added. For the merge benchmark.
pub fn colleague_copy(a: &Assessment) -> Assessment {
    let mut b = a.clone();
    let later = now() + Duration::days(2);
    for answer in b.answers.values_mut().step_by(7) {
        answer.note.push_str("另已补充会议记录。");
        answer.updated_at = Some(later);
    }
    for rating in b.ratings.iter_mut().step_by(11) {
        rating.value = RatingValue::Score(81.0);
        rating.updated_at = Some(later);
    }
    let mut rng = Rng(0xc011_ea9e);
    for k in 0..10 {
        let mut entry = a.ledger.get(k).cloned().unwrap_or_else(|| LedgerEntry {
            id: String::new(),
            date: date(k),
            activity: "other".into(),
            title: String::new(),
            place: String::new(),
            participant_count: None,
            participants: String::new(),
            summary: String::new(),
            doc_no: String::new(),
            kept_at: String::new(),
            items: Vec::new(),
            updated_at: None,
        });
        entry.id = new_id("e", rng.next());
        entry.title = format!("同事补录的活动{}", k + 1);
        entry.updated_at = Some(later);
        b.ledger.push(entry);
    }
    b
}
