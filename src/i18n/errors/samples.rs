//! One sample of every error and status the interface words, for the tests of `errors.rs`: each
//! list is built from a `match` without a wildcard, so a new variant does not compile until a sample
//! of it is added here (and so is worded in both languages).

use chrono::NaiveDate;

use zrz_domain::plan::TemplateRef;
use zrz_domain::record::{DepartmentKey, RecordKey, RecordKind, Relation, Response};
use zrz_exchange::{
    ChecksumStatus, Encoding, EnvelopeProblem, HeaderField, ImportError, ImportWarning, ItemRef,
    JsonType, Kind, Location, LooksLike, MergeError, MigrationReason, ReceiveError, StateError,
    SyntaxProblem, TemplateMatch, ValueProblem,
};

/// Compiles only while every variant of `e` is listed; used as `debug_assert!(listed(&e))` below.
fn listed_import(e: &ImportError) -> bool {
    match e {
        ImportError::TooLarge { .. }
        | ImportError::Empty
        | ImportError::NotUtf8 { .. }
        | ImportError::NotJson { .. }
        | ImportError::TooDeep { .. }
        | ImportError::DuplicateId { .. }
        | ImportError::NotOurFormat { .. }
        | ImportError::BadEnvelope { .. }
        | ImportError::TooNew { .. }
        | ImportError::MigrationFailed { .. }
        | ImportError::WrongKind { .. }
        | ImportError::InvalidValue { .. }
        | ImportError::TooLong { .. }
        | ImportError::TooMany { .. }
        | ImportError::InvalidTemplate(_)
        | ImportError::PlanMismatch { .. }
        | ImportError::InReceivedFile { .. } => true,
    }
}

fn item(kind: RecordKind, id: &str) -> Option<ItemRef> {
    Some(ItemRef {
        kind,
        id: id.into(),
    })
}

fn at(path: &str, item: Option<ItemRef>) -> Box<Location> {
    Location::field(path, item).boxed()
}

pub fn locations() -> Vec<Location> {
    vec![
        Location::default(),
        Location::text(3, 8),
        Location {
            line: Some(5),
            ..Location::default()
        },
        Location::field("", None),
        Location::field(
            "content.answers[\"4.1.1\"].due",
            item(RecordKind::Answer, "4.1.1"),
        ),
        Location::field("content.profile.year", item(RecordKind::Profile, "")),
        Location::field(
            "content.ratings[0]",
            item(RecordKind::Rating, "p-1/de/peer/王五"),
        ),
        Location::field(
            "content.ratings[1]",
            item(RecordKind::Rating, "p-1/qin/self/"),
        ),
        Location::field("content.ratings[2]", item(RecordKind::Rating, "broken")),
        Location {
            line: Some(4),
            column: Some(2),
            path: Some("content.people[1]".into()),
            item: item(RecordKind::Person, "p-9g3bwhz3wdc8v"),
        },
    ]
}

pub fn looks_like() -> Vec<LooksLike> {
    let all = vec![
        LooksLike::PlainText,
        LooksLike::NotAnObject(JsonType::Array),
        LooksLike::NotAnObject(JsonType::String),
        LooksLike::NotAnObject(JsonType::Number),
        LooksLike::NotAnObject(JsonType::Constant),
        LooksLike::StateRecord,
        LooksLike::TemplateFile,
        LooksLike::BareAssessment,
        LooksLike::OtherFormat("wps-form".into()),
        LooksLike::UnknownObject(vec![]),
        LooksLike::UnknownObject(vec!["type".into(), "elements".into()]),
    ];
    for l in &all {
        match l {
            LooksLike::PlainText
            | LooksLike::NotAnObject(
                JsonType::Array | JsonType::String | JsonType::Number | JsonType::Constant,
            )
            | LooksLike::StateRecord
            | LooksLike::TemplateFile
            | LooksLike::BareAssessment
            | LooksLike::OtherFormat(_)
            | LooksLike::UnknownObject(_) => {}
        }
    }
    all
}

pub fn syntax() -> Vec<SyntaxProblem> {
    let all = vec![
        SyntaxProblem::ExpectedValue,
        SyntaxProblem::ExpectedCommaOrBrace,
        SyntaxProblem::ExpectedCommaOrBracket,
        SyntaxProblem::ExpectedColon,
        SyntaxProblem::TrailingComma,
        SyntaxProblem::KeyMustBeString,
        SyntaxProblem::TrailingCharacters,
        SyntaxProblem::InvalidEscape,
        SyntaxProblem::InvalidNumber,
        SyntaxProblem::NumberOutOfRange,
        SyntaxProblem::ExpectedIdent,
        SyntaxProblem::ControlCharacter,
        SyntaxProblem::EndOfFile,
        SyntaxProblem::Other("recursion limit exceeded".into()),
    ];
    for s in &all {
        match s {
            SyntaxProblem::ExpectedValue
            | SyntaxProblem::ExpectedCommaOrBrace
            | SyntaxProblem::ExpectedCommaOrBracket
            | SyntaxProblem::ExpectedColon
            | SyntaxProblem::TrailingComma
            | SyntaxProblem::KeyMustBeString
            | SyntaxProblem::TrailingCharacters
            | SyntaxProblem::InvalidEscape
            | SyntaxProblem::InvalidNumber
            | SyntaxProblem::NumberOutOfRange
            | SyntaxProblem::ExpectedIdent
            | SyntaxProblem::ControlCharacter
            | SyntaxProblem::EndOfFile
            | SyntaxProblem::Other(_) => {}
        }
    }
    all
}

pub fn migration_reasons() -> Vec<MigrationReason> {
    let all = vec![
        MigrationReason::NotAnObject { at: "content" },
        MigrationReason::NotAnObject { at: "file" },
        MigrationReason::NotAnObject { at: "assessment" },
        MigrationReason::MissingContent,
        MigrationReason::UnknownKind {
            version: 2,
            kind: "findings".into(),
        },
        MigrationReason::NoStep { from: 7 },
        MigrationReason::NotAnObjectAfter,
        MigrationReason::NoState,
        MigrationReason::StateRecord {
            from: 1,
            reason: Box::new(MigrationReason::NoState),
        },
    ];
    for r in &all {
        match r {
            MigrationReason::NotAnObject { .. }
            | MigrationReason::MissingContent
            | MigrationReason::UnknownKind { .. }
            | MigrationReason::NoStep { .. }
            | MigrationReason::NotAnObjectAfter
            | MigrationReason::NoState
            | MigrationReason::StateRecord { .. } => {}
        }
    }
    all
}

pub fn state_errors() -> Vec<StateError> {
    let all = vec![
        StateError::NotJson("expected value at line 1 column 1".into()),
        StateError::NotOurs,
        StateError::TooNew {
            found: 9,
            supported: 2,
        },
        StateError::MigrationFailed {
            from: 1,
            reason: MigrationReason::NoState,
        },
        StateError::Invalid("missing field `assessment`".into()),
    ];
    for s in &all {
        match s {
            StateError::NotJson(_)
            | StateError::NotOurs
            | StateError::TooNew { .. }
            | StateError::MigrationFailed { .. }
            | StateError::Invalid(_) => {}
        }
    }
    all
}

pub fn value_problems() -> Vec<ValueProblem> {
    let mut all = vec![
        ValueProblem::MissingField {
            field: "unit".into(),
        },
        ValueProblem::UnknownVariant {
            found: "half".into(),
            expected: vec!["open".into(), "done".into()],
        },
        ValueProblem::WrongType {
            expected: "a boolean".into(),
            found: "integer `3`".into(),
        },
        ValueProblem::WrongType {
            expected: "i32".into(),
            found: "string \"x\"".into(),
        },
        ValueProblem::WrongType {
            expected: "a map".into(),
            found: "something odd".into(),
        },
        ValueProblem::DateSyntax,
        ValueProblem::Serde {
            message: "invalid length 3".into(),
        },
        ValueProblem::YearOutOfRange { year: 99999 },
        ValueProblem::BadItemId,
        ValueProblem::BadRecordId,
        ValueProblem::UnknownResponse {
            found: "done".into(),
        },
        ValueProblem::BadDate {
            text: "2025-02-30".into(),
        },
        ValueProblem::DateOutOfRange {
            date: NaiveDate::from_ymd_opt(2101, 1, 1).unwrap(),
        },
        ValueProblem::BadTimestamp {
            text: "3月20日".into(),
        },
        ValueProblem::ScoreOutOfRange { score: 150.0 },
        ValueProblem::RatingSettings(zrz_domain::scoring::SettingsProblem::ShareTooHigh {
            share: 25.0,
            max: 20.0,
        }),
        ValueProblem::StateTooNew {
            found: 9,
            supported: 2,
        },
    ];
    all.extend(
        state_errors()
            .into_iter()
            .map(ValueProblem::NotAStateRecord),
    );
    for p in &all {
        match p {
            ValueProblem::MissingField { .. }
            | ValueProblem::UnknownVariant { .. }
            | ValueProblem::WrongType { .. }
            | ValueProblem::DateSyntax
            | ValueProblem::Serde { .. }
            | ValueProblem::YearOutOfRange { .. }
            | ValueProblem::BadItemId
            | ValueProblem::BadRecordId
            | ValueProblem::UnknownResponse { .. }
            | ValueProblem::BadDate { .. }
            | ValueProblem::DateOutOfRange { .. }
            | ValueProblem::BadTimestamp { .. }
            | ValueProblem::ScoreOutOfRange { .. }
            | ValueProblem::RatingSettings(_)
            | ValueProblem::StateTooNew { .. }
            | ValueProblem::NotAStateRecord(_) => {}
        }
    }
    all
}

pub fn envelope_problems() -> Vec<EnvelopeProblem> {
    let all = vec![
        EnvelopeProblem::Missing,
        EnvelopeProblem::NotPositiveInteger { found: "0".into() },
        EnvelopeProblem::NoContent,
        EnvelopeProblem::UnknownKind {
            found: "photo".into(),
        },
        EnvelopeProblem::Invalid(ValueProblem::DateSyntax),
    ];
    for p in &all {
        match p {
            EnvelopeProblem::Missing
            | EnvelopeProblem::NotPositiveInteger { .. }
            | EnvelopeProblem::NoContent
            | EnvelopeProblem::UnknownKind { .. }
            | EnvelopeProblem::Invalid(_) => {}
        }
    }
    all
}

/// Every `ImportError` variant, every nested problem, and the wording's branches.
pub fn import_errors() -> Vec<ImportError> {
    let mut all = vec![
        ImportError::TooLarge {
            size: 6 * 1024 * 1024 + 5,
            limit: 5 * 1024 * 1024,
        },
        ImportError::TooLarge {
            size: 812 * 1024 - 3,
            limit: 5 * 1024 * 1024,
        },
        ImportError::Empty,
        ImportError::NotJson {
            line: 40,
            column: 3,
            problem: SyntaxProblem::EndOfFile,
            truncated: true,
        },
        ImportError::TooDeep {
            at: at("content.extra", None),
            limit: 32,
        },
        ImportError::DuplicateId {
            at: at("content.answers[\"3.1\"]", item(RecordKind::Answer, "3.1")),
            id: "3.1".into(),
        },
        ImportError::TooNew {
            found: 4,
            supported: 3,
            app_version: Some("0.5.0".into()),
        },
        ImportError::TooNew {
            found: 99,
            supported: 3,
            app_version: None,
        },
        ImportError::TooLong {
            at: at(
                "content.answers[\"3.1\"].note",
                item(RecordKind::Answer, "3.1"),
            ),
            chars: 20001,
            limit: 20000,
        },
        ImportError::TooMany {
            at: at(
                "content.answers[\"3.1\"].evidence",
                item(RecordKind::Answer, "3.1"),
            ),
            count: 10001,
            limit: 10000,
        },
        ImportError::InvalidTemplate(zrz_domain::plan::TemplateError {
            at: zrz_domain::plan::TemplatePlace::Item("4.1.1".into()),
            problem: zrz_domain::plan::TemplateProblem::ItemWithoutText,
        }),
        ImportError::PlanMismatch {
            file_id: "another-plan".into(),
            file_version: "2024".into(),
            local_id: "zrz-2025".into(),
            local_version: "2025.1".into(),
        },
        ImportError::InReceivedFile {
            index: 1,
            file_name: "科室甲.json".into(),
            error: Box::new(ImportError::Empty),
        },
    ];
    for encoding in [None, Some(Encoding::Utf16), Some(Encoding::Gbk)] {
        all.push(ImportError::NotUtf8 {
            line: 5,
            byte_offset: 120,
            encoding,
        });
    }
    all.extend(syntax().into_iter().map(|problem| ImportError::NotJson {
        line: 3,
        column: 8,
        problem,
        truncated: false,
    }));
    all.extend(
        looks_like()
            .into_iter()
            .map(|looks_like| ImportError::NotOurFormat { looks_like }),
    );
    all.extend(
        envelope_problems()
            .into_iter()
            .map(|problem| ImportError::BadEnvelope {
                field: "format_version".into(),
                problem,
            }),
    );
    all.extend(
        migration_reasons()
            .into_iter()
            .map(|reason| ImportError::MigrationFailed {
                from: 1,
                to: 2,
                reason,
            }),
    );
    for expected in Kind::ALL {
        for found in Kind::ALL {
            if expected != found {
                all.push(ImportError::WrongKind { expected, found });
            }
        }
    }
    all.extend(
        value_problems()
            .into_iter()
            .map(|problem| ImportError::InvalidValue {
                at: at(
                    "content.answers[\"4.1.1\"].due",
                    item(RecordKind::Answer, "4.1.1"),
                ),
                problem,
            }),
    );
    all.extend(locations().into_iter().map(|l| ImportError::InvalidValue {
        at: l.boxed(),
        problem: ValueProblem::BadItemId,
    }));
    assert!(all.iter().all(listed_import));
    all
}

pub fn checksums() -> Vec<ChecksumStatus> {
    let all = vec![
        ChecksumStatus::Valid,
        ChecksumStatus::Mismatch {
            declared: "sha256:aa".into(),
            actual: "sha256:bb".into(),
        },
        ChecksumStatus::Missing,
    ];
    for c in &all {
        match c {
            ChecksumStatus::Valid | ChecksumStatus::Mismatch { .. } | ChecksumStatus::Missing => {}
        }
    }
    all
}

pub fn warnings() -> Vec<ImportWarning> {
    let mut all = vec![
        ImportWarning::UnknownField {
            path: "content.x_note".into(),
        },
        ImportWarning::ResponseDoesNotFit {
            item_id: "7.1".into(),
            response: Response::Implemented,
        },
    ];
    for field in [
        HeaderField::Unit,
        HeaderField::Department,
        HeaderField::Year,
    ] {
        match field {
            HeaderField::Unit | HeaderField::Department | HeaderField::Year => {}
        }
        all.push(ImportWarning::HeaderDisagrees {
            field,
            header: "办公室".into(),
            content: "宣传科".into(),
        });
    }
    for w in &all {
        match w {
            ImportWarning::UnknownField { .. }
            | ImportWarning::HeaderDisagrees { .. }
            | ImportWarning::ResponseDoesNotFit { .. } => {}
        }
    }
    all
}

fn template_ref(version: &str, hash: &str) -> TemplateRef {
    TemplateRef {
        id: "zrz".into(),
        version: version.into(),
        hash: hash.into(),
        items: [("1.1".to_string(), "d".to_string())].into(),
    }
}

pub fn template_matches() -> Vec<TemplateMatch> {
    let same = TemplateMatch {
        file: template_ref("2025", "h1"),
        local: template_ref("2025", "h1"),
        by_items: true,
        only_in_file: vec![],
        only_local: vec![],
        changed: vec![],
        unknown_items: vec![],
        missing_items: vec![],
    };
    let agreeing = TemplateMatch {
        file: template_ref("2024", "h0"),
        ..same.clone()
    };
    let differing = TemplateMatch {
        file: template_ref("2025", "h2"),
        only_in_file: vec!["9.1".into()],
        only_local: vec!["4.1.8".into()],
        changed: vec!["3.1".into()],
        unknown_items: vec!["9.1".into(), "9.2".into()],
        missing_items: vec!["4.1.8".into()],
        ..same.clone()
    };
    let by_version = TemplateMatch {
        file: TemplateRef {
            items: Default::default(),
            ..template_ref("2024", "old")
        },
        by_items: false,
        ..same.clone()
    };
    vec![same, agreeing, differing, by_version]
}

fn department(unit: &str, department: &str, year: i32) -> DepartmentKey {
    DepartmentKey {
        unit: unit.into(),
        department: department.into(),
        year,
    }
}

pub fn record_keys() -> Vec<RecordKey> {
    let mut all: Vec<RecordKey> = ["unit", "department", "filled_by", "year", "other"]
        .into_iter()
        .map(|f| RecordKey::new(RecordKind::Profile, f))
        .collect();
    all.extend([
        RecordKey::new(RecordKind::RatingSettings, ""),
        RecordKey::new(RecordKind::Answer, "3.1"),
        RecordKey::new(RecordKind::Person, "p-2"),
        RecordKey::new(RecordKind::Rating, "p-1/de/peer/王五"),
        RecordKey::new(RecordKind::Rating, "p-1/de/self/"),
        RecordKey::new(RecordKind::Entry, "e-1"),
        RecordKey::new(RecordKind::Task, "t-1"),
        RecordKey::new(RecordKind::Finding, "f-1"),
        RecordKey::new(RecordKind::OfficeReview, ""),
    ]);
    for k in &all {
        match k.kind {
            RecordKind::Profile
            | RecordKind::RatingSettings
            | RecordKind::Answer
            | RecordKind::Person
            | RecordKind::Rating
            | RecordKind::Entry
            | RecordKind::Task
            | RecordKind::Finding
            | RecordKind::OfficeReview => {}
        }
    }
    all
}

pub fn merge_errors() -> Vec<MergeError> {
    let here = department("县文化广播影视局", "办公室", 2025);
    let mut all = vec![
        MergeError::Undecided {
            entries: vec![RecordKey::new(RecordKind::Answer, "3.1")],
        },
        MergeError::Undecided {
            entries: record_keys(),
        },
        MergeError::LocalChanged,
        MergeError::Sanitized,
        MergeError::Internal("missing field `profile`".into()),
    ];
    all.extend(Kind::ALL.into_iter().map(MergeError::NotMergeable));
    for (relation, incoming) in [
        (Relation::OtherUnit, department("市文旅局", "办公室", 2025)),
        (
            Relation::OtherDepartment,
            department("县文化广播影视局", "宣传科", 2025),
        ),
        (
            Relation::OtherYear,
            department("县文化广播影视局", "办公室", 2024),
        ),
        (Relation::LocalEmpty, department("", " ", 0)),
        (Relation::SameDepartment, here.clone()),
    ] {
        match relation {
            Relation::OtherUnit
            | Relation::OtherDepartment
            | Relation::OtherYear
            | Relation::LocalEmpty
            | Relation::SameDepartment => {}
        }
        all.push(MergeError::OtherDepartment {
            relation,
            local: here.clone(),
            incoming,
        });
    }
    for e in &all {
        match e {
            MergeError::Undecided { .. }
            | MergeError::LocalChanged
            | MergeError::Sanitized
            | MergeError::NotMergeable(_)
            | MergeError::OtherDepartment { .. }
            | MergeError::Internal(_) => {}
        }
    }
    all
}

pub fn receive_errors() -> Vec<ReceiveError> {
    let mut all = vec![ReceiveError::Unreadable(ImportError::Empty)];
    all.extend(
        Kind::ALL
            .into_iter()
            .filter(|k| *k != Kind::Assessment)
            .map(ReceiveError::NotAnAssessment),
    );
    for e in &all {
        match e {
            ReceiveError::Unreadable(_) | ReceiveError::NotAnAssessment(_) => {}
        }
    }
    all
}
