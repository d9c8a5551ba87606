//! Every error and status is worded in both languages: a sample of every variant (`samples.rs`,
//! exhaustive by `match`) gets a non-empty text in each; the English holds no Chinese beyond the
//! parameters it quotes (names, ids and text from the file, as the sample's `Debug` shows them);
//! the Chinese is the wording the importer had before its errors became codes (`zh_golden.jsonl`,
//! written from the exchange crate's old `Display` impls), which the end-to-end tests match on; and
//! the bad-file corpus's files get the Chinese fragments `expectations.json` lists.

use std::fmt::Debug;

use super::samples;
use super::{ErrorTexts, EN, ZH};
use zrz_domain::plan::Template;
use zrz_domain::record::{
    check_people, Answer, FieldError, FieldProblem, Person, Profile, RaterRole, Rating,
    RatingValue, Response,
};
use zrz_domain::Dimension;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201F}')
}

/// The runs of Chinese characters (and Chinese punctuation) in `text`.
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

/// Checks one worded sample in both languages.
fn check<T: Debug>(what: &str, sample: &T, zh: &str, en: &str) {
    assert!(
        !zh.trim().is_empty(),
        "{what}: no Chinese text for {sample:?}"
    );
    assert!(
        !en.trim().is_empty(),
        "{what}: no English text for {sample:?}"
    );
    let quoted = format!("{sample:?}");
    for run in cjk_runs(en) {
        assert!(
            quoted.contains(&run),
            "{what}: the English {en:?} has Chinese {run:?} that is not the sample's data ({quoted})"
        );
    }
    assert!(
        !cjk_runs(zh).is_empty() || zh.is_ascii(),
        "{what}: {zh:?} is not Chinese"
    );
}

/// Words every sample of a group in both languages; returns the Chinese texts in order.
fn word_all<T: Debug>(
    what: &str,
    samples: &[T],
    word: impl Fn(&ErrorTexts, &T) -> Option<String>,
) -> Vec<String> {
    samples
        .iter()
        .map(|s| match (word(&ZH, s), word(&EN, s)) {
            (Some(zh), Some(en)) => {
                check(what, s, &zh, &en);
                zh
            }
            (None, None) => "-".to_string(),
            (zh, en) => panic!("{what}: {s:?} is worded in one language only: {zh:?} / {en:?}"),
        })
        .collect()
}

fn all_groups() -> Vec<(&'static str, Vec<String>)> {
    vec![
        (
            "import",
            word_all("import", &samples::import_errors(), |t, e| {
                Some((t.import)(e))
            }),
        ),
        (
            "location",
            word_all("location", &samples::locations(), |t, l| {
                Some(if std::ptr::eq(t, &ZH) {
                    super::zh::location(l)
                } else {
                    super::en::location(l)
                })
            }),
        ),
        (
            "checksum",
            word_all("checksum", &samples::checksums(), |t, c| {
                (t.checksum)(c).map(str::to_string)
            }),
        ),
        (
            "warning",
            word_all("warning", &samples::warnings(), |t, w| Some((t.warning)(w))),
        ),
        (
            "template",
            word_all("template", &samples::template_matches(), |t, m| {
                (t.template_match)(m)
            }),
        ),
        (
            "record",
            word_all("record", &samples::record_keys(), |t, k| {
                Some((t.record)(k))
            }),
        ),
        (
            "merge",
            word_all("merge", &samples::merge_errors(), |t, e| Some((t.merge)(e))),
        ),
        (
            "receive",
            word_all("receive", &samples::receive_errors(), |t, e| {
                Some((t.receive)(e))
            }),
        ),
        (
            "state",
            word_all("state", &samples::state_errors(), |t, e| Some((t.state)(e))),
        ),
    ]
}

#[test]
fn every_variant_is_worded_in_both_languages_and_the_english_has_no_chinese() {
    let groups = all_groups();
    assert!(groups.iter().all(|(_, texts)| !texts.is_empty()));
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
    let ours: Vec<(String, String)> = all_groups()
        .into_iter()
        .flat_map(|(g, texts)| texts.into_iter().map(move |t| (g.to_string(), t)))
        .collect();
    for (i, (want, got)) in golden.iter().zip(&ours).enumerate() {
        assert_eq!(want, got, "sample {i} of group {}", want.0);
    }
    assert_eq!(golden.len(), ours.len(), "as many samples as golden texts");
}

#[test]
fn every_encrypted_file_error_and_passphrase_rule_is_worded() {
    use zrz_exchange::encrypted::{Damage, EncryptedError, PassphraseError, Unsupported};
    let all = [
        EncryptedError::NotEncrypted,
        EncryptedError::Unsupported(Unsupported::FormatVersion(2)),
        EncryptedError::Unsupported(Unsupported::Kdf {
            name: "scrypt".into(),
            hash: "SHA-256".into(),
        }),
        EncryptedError::Unsupported(Unsupported::Cipher {
            name: "AES-GCM".into(),
            key_bits: 128,
        }),
        EncryptedError::Unsupported(Unsupported::Iterations(1000)),
        EncryptedError::Damaged(Damage::Structure("missing field `kdf`".into())),
        EncryptedError::Damaged(Damage::NotBase64("salt")),
        EncryptedError::Damaged(Damage::WrongLength),
        EncryptedError::Damaged(Damage::TooShort),
    ];
    for e in &all {
        match e {
            EncryptedError::NotEncrypted
            | EncryptedError::Unsupported(
                Unsupported::FormatVersion(_)
                | Unsupported::Kdf { .. }
                | Unsupported::Cipher { .. }
                | Unsupported::Iterations(_),
            )
            | EncryptedError::Damaged(
                Damage::Structure(_)
                | Damage::NotBase64(_)
                | Damage::WrongLength
                | Damage::TooShort,
            ) => {}
        }
        check("encrypted", e, &(ZH.encrypted)(e), &(EN.encrypted)(e));
    }
    let zh: Vec<String> = all.iter().map(ZH.encrypted).collect();
    for (i, fragment) in [
        "不是加密文件",
        "加密格式第 2 版",
        "密钥派生 scrypt-SHA-256",
        "加密算法 AES-GCM-128",
        "迭代次数 1000",
        "结构不完整：missing field `kdf`",
        "salt 不是有效的 Base64",
        "salt 或 iv 长度不对",
        "密文过短",
    ]
    .into_iter()
    .enumerate()
    {
        assert!(zh[i].contains(fragment), "{:?} lacks {fragment:?}", zh[i]);
    }
    let short = PassphraseError::TooShort { min: 8 };
    assert_eq!((ZH.passphrase)(&short), "口令至少需要 8 个字符");
    check("passphrase", &short, "口令", &(EN.passphrase)(&short));
}

#[cfg(feature = "full")]
#[test]
fn every_crypto_fault_is_worded() {
    use crate::browser::crypto::CryptoFault;
    use zrz_exchange::encrypted::{Damage, EncryptedError};
    for f in [
        CryptoFault::Unavailable,
        CryptoFault::WrongPassphrase,
        CryptoFault::File(EncryptedError::Damaged(Damage::TooShort)),
        CryptoFault::Other("OperationError".into()),
    ] {
        match f {
            CryptoFault::Unavailable
            | CryptoFault::WrongPassphrase
            | CryptoFault::File(_)
            | CryptoFault::Other(_) => {}
        }
        check("crypto", &f, &(ZH.crypto)(&f), &(EN.crypto)(&f));
    }
}

#[test]
fn every_browser_fault_is_worded() {
    use crate::browser::download::DownloadFault;
    use crate::browser::files::ReadFault;
    for f in [
        ReadFault::TooLarge {
            size: 9_000_000,
            limit: 5_242_880,
        },
        ReadFault::Failed("NotReadableError".into()),
    ] {
        match f {
            ReadFault::TooLarge { .. } | ReadFault::Failed(_) => {}
        }
        check("read", &f, &(ZH.read)(&f), &(EN.read)(&f));
    }
    let d = DownloadFault("Blob");
    assert_eq!((ZH.download)(&d), "无法生成下载文件（Blob）");
    check("download", &d, &(ZH.download)(&d), &(EN.download)(&d));
}

fn field_samples() -> Vec<FieldError> {
    let date = chrono::NaiveDate::from_ymd_opt(2101, 1, 1).unwrap();
    let mut all: Vec<FieldError> = ["unit", "department", "filled_by", "name", "id", "other"]
        .into_iter()
        .map(|f| FieldError::new(f, FieldProblem::Required))
        .collect();
    all.extend([
        FieldError::new("year", FieldProblem::YearOutOfRange { year: 1999 }),
        FieldError::new(
            "response",
            FieldProblem::ResponseDoesNotFit {
                response: Response::Implemented,
            },
        ),
        FieldError::new(
            "reason",
            FieldProblem::ReasonRequired {
                response: Response::NotApplicable,
            },
        ),
        FieldError::new("note", FieldProblem::OccurredNoteRequired),
        FieldError::new("occurred_on", FieldProblem::OccurredDateRequired),
        FieldError::new("occurred_on", FieldProblem::AfterToday { date }),
        FieldError::new("done", FieldProblem::AfterToday { date }),
        FieldError::new("due", FieldProblem::DateOutOfRange { date }),
        FieldError::new("done", FieldProblem::DateOutOfRange { date }),
        FieldError::new("occurred_on", FieldProblem::DateOutOfRange { date }),
        FieldError::new("value", FieldProblem::ScoreOutOfRange { score: 150.0 }),
        FieldError::new("rater", FieldProblem::PeerRaterRequired),
        FieldError::new("id", FieldProblem::DuplicateId { id: "p-1".into() }),
        FieldError::new(
            "name",
            FieldProblem::DuplicateName {
                name: "张三".into(),
            },
        ),
    ]);
    for e in &all {
        match e.problem {
            FieldProblem::Required
            | FieldProblem::YearOutOfRange { .. }
            | FieldProblem::ResponseDoesNotFit { .. }
            | FieldProblem::ReasonRequired { .. }
            | FieldProblem::OccurredNoteRequired
            | FieldProblem::OccurredDateRequired
            | FieldProblem::AfterToday { .. }
            | FieldProblem::DateOutOfRange { .. }
            | FieldProblem::ScoreOutOfRange { .. }
            | FieldProblem::PeerRaterRequired
            | FieldProblem::DuplicateId { .. }
            | FieldProblem::DuplicateName { .. } => {}
        }
    }
    all
}

#[test]
fn every_field_error_is_worded_in_both_languages() {
    for e in field_samples() {
        check("field", &e, &(ZH.field)(&e), &(EN.field)(&e));
    }
}

/// The domain's refusals, worded as the forms showed them before they became codes.
#[test]
fn the_forms_refusals_read_as_before() {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let zh = |e: FieldError| (ZH.field)(&e);
    let profile = Profile {
        unit: "县文化广播影视局".into(),
        department: "办公室".into(),
        filled_by: "张三".into(),
        year: 2025,
    };
    let with = |f: fn(&mut Profile)| {
        let mut p = profile.clone();
        f(&mut p);
        zh(p.validate().unwrap_err())
    };
    assert_eq!(with(|p| p.unit = " ".into()), "请填写单位名称");
    assert_eq!(with(|p| p.department.clear()), "请填写科室/直属单位");
    assert_eq!(with(|p| p.filled_by.clear()), "请填写填报人");
    assert_eq!(
        with(|p| p.year = 1999),
        "评估年度 1999 无效，应在 2000 到 2100 之间"
    );

    let template = Template::shipped();
    let red_line = &template.item("7.1").unwrap().kind;
    let task = &template.item("3.1").unwrap().kind;
    let answer = |f: fn(&mut Answer), kind| {
        let mut a = Answer::default();
        f(&mut a);
        zh(a.validate(kind, today).unwrap_err())
    };
    assert_eq!(
        answer(|a| a.response = Some(Response::Implemented), red_line),
        "“已落实”不适用于此类检查项"
    );
    assert_eq!(
        answer(|a| a.response = Some(Response::NotApplicable), task),
        "选择“不适用”时必须填写原因"
    );
    assert_eq!(
        answer(|a| a.response = Some(Response::Occurred), red_line),
        "红线情形“已发生”必须说明具体情况"
    );
    assert_eq!(
        answer(
            |a| {
                a.response = Some(Response::Occurred);
                a.note = "x".into()
            },
            red_line
        ),
        "红线情形“已发生”必须填写发生日期"
    );
    assert_eq!(
        answer(
            |a| {
                a.response = Some(Response::Occurred);
                a.note = "x".into();
                a.occurred_on = chrono::NaiveDate::from_ymd_opt(2025, 7, 1)
            },
            red_line
        ),
        "发生日期 2025-07-01 晚于今天，请核对"
    );
    assert_eq!(
        answer(
            |a| a.due = chrono::NaiveDate::from_ymd_opt(2101, 1, 1),
            task
        ),
        "完成时限 2101-01-01 不在 2000 至 2100 年之间"
    );
    assert_eq!(
        answer(
            |a| a.done = chrono::NaiveDate::from_ymd_opt(2025, 7, 1),
            task
        ),
        "完成日期 2025-07-01 晚于今天，请核对"
    );

    let rating = Rating {
        person_id: "p-1".into(),
        dimension: Dimension::De,
        role: RaterRole::Peer,
        rater: "王五".into(),
        value: RatingValue::Score(150.0),
        updated_at: None,
    };
    assert_eq!(
        zh(rating.validate().unwrap_err()),
        "分数 150 超出范围，请填写 0 到 100 之间的分数"
    );
    let unnamed = Rating {
        rater: " ".into(),
        value: RatingValue::Score(80.0),
        ..rating
    };
    assert_eq!(zh(unnamed.validate().unwrap_err()), "互评须填写评价人姓名");

    let person = |id: &str, name: &str| Person {
        id: id.into(),
        name: name.into(),
        ..Person::default()
    };
    let people = |list: Vec<Person>| zh(check_people(&list).unwrap_err().1);
    assert_eq!(people(vec![person("", "李四")]), "缺少人员标识");
    assert_eq!(people(vec![person("p-1", " ")]), "请填写姓名");
    assert_eq!(
        people(vec![person("p-1", "李四"), person("p-1", "王五")]),
        "人员标识 p-1 重复"
    );
    assert_eq!(
        people(vec![person("p-1", "李四"), person("p-2", "李四")]),
        "姓名“李四”重复；同名人员请加以区分（如“李四（办公室）”）"
    );
}

#[derive(serde::Deserialize)]
struct Expectation {
    file: String,
    outcome: String,
    message: Vec<String>,
}

/// What the import screen shows for a file, in Chinese: the refusal, or the notes of an accepted
/// file.
fn describe(result: &Result<zrz_exchange::Imported, zrz_exchange::ImportError>) -> String {
    match result {
        Err(e) => (ZH.import)(e),
        Ok(imported) => {
            let mut parts = vec![(ZH.checksum)(&imported.checksum)
                .unwrap_or_default()
                .to_string()];
            parts.extend(imported.template_match.iter().filter_map(ZH.template_match));
            parts.extend(imported.warnings.iter().map(ZH.warning));
            parts.join("\n")
        }
    }
}

#[test]
fn the_bad_files_get_their_specific_chinese_messages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let expectations: Vec<Expectation> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expectations.json")).unwrap())
            .unwrap();
    let template = Template::shipped();
    for case in expectations {
        let bytes = std::fs::read(dir.join(&case.file)).unwrap();
        let result = zrz_exchange::import(&bytes, &template, None);
        assert_eq!(result.is_ok(), case.outcome == "accepted", "{}", case.file);
        let message = describe(&result);
        for fragment in &case.message {
            assert!(
                message.contains(fragment.as_str()),
                "{}: message {message:?} lacks {fragment:?}",
                case.file
            );
        }
        if let Err(e) = &result {
            let en = (EN.import)(e);
            check(&case.file, e, &message, &en);
        }
    }
}
