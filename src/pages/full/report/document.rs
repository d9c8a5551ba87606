//! The 自查报告 as a Word document: the same draft and wording as the page, written by
//! `zrz_writers::docx`. No browser here, so it is tested natively (and opened in LibreOffice).

use zrz_domain::plan::Template;
use zrz_domain::report::{SectionKind, SelfReport};
use zrz_domain::review::AccountabilityRecord;
use zrz_writers::docx::{Block, Document};

use crate::i18n::review::ReviewTexts;

/// A chapter's label ("四（一）…") by its id; the id itself for a chapter the template lacks.
pub fn chapter_label(template: &Template, chapter_id: &str) -> String {
    match (template.chapter(chapter_id), template.part_of(chapter_id)) {
        (Some(chapter), Some(part)) => chapter.label(part),
        _ => chapter_id.to_string(),
    }
}

/// What the office's last 核查意见 added: its 核定分 and its accountability decisions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FromOffice {
    pub verified_score: Option<f64>,
    pub accountability: Vec<AccountabilityRecord>,
}

/// The report's text: each section's heading and paragraphs. The office's 核定分 follows the
/// department's own score in 基本情况; its accountability decisions follow the problems.
pub fn report_text(
    report: &SelfReport,
    texts: &ReviewTexts,
    template: &Template,
    office: &FromOffice,
) -> Vec<(String, Vec<String>)> {
    let accountability = &office.accountability;
    let chapter = |id: &str| chapter_label(template, id);
    report
        .sections
        .iter()
        .map(|section| {
            let mut paragraphs: Vec<String> = section
                .paragraphs
                .iter()
                .map(|p| (texts.paragraph)(p, &chapter))
                .collect();
            if section.kind == SectionKind::Basics {
                if let Some(v) = office.verified_score {
                    paragraphs.insert(
                        1.min(paragraphs.len()),
                        (texts.report_verified)(&zrz_domain::number::fmt1(v)),
                    );
                }
            }
            if section.kind == SectionKind::Problems {
                paragraphs.extend(accountability.iter().map(|a| {
                    format!(
                        "{}：{}",
                        texts.accountability_title,
                        (texts.accountability_row)(
                            &a.item_id,
                            a.decision,
                            &a.decided_on.to_string(),
                            &a.decided_by,
                            &a.note
                        )
                    )
                }));
            }
            ((texts.section)(section.kind).to_string(), paragraphs)
        })
        .collect()
}

/// The .docx of the report titled `title`.
pub fn report_docx(
    report: &SelfReport,
    texts: &ReviewTexts,
    template: &Template,
    office: &FromOffice,
    title: &str,
) -> Vec<u8> {
    let mut blocks = Vec::new();
    for (heading, paragraphs) in report_text(report, texts, template, office) {
        blocks.push(Block::heading(1, heading));
        blocks.extend(paragraphs.into_iter().map(Block::paragraph));
    }
    Document {
        title: title.to_string(),
        blocks,
    }
    .to_docx()
    .expect("a report is far below 4 GiB")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::process::Command;
    use zrz_domain::record::{Answer, Assessment, Profile, Response, Task, TaskStatus};
    use zrz_domain::report::self_report;

    fn sample() -> (Template, SelfReport) {
        let template = Template::shipped();
        let mut a = Assessment {
            profile: Profile {
                unit: "县文化广播影视局".into(),
                department: "办公室".into(),
                filled_by: "张三".into(),
                year: 2025,
            },
            ..Assessment::default()
        };
        let first = template.items().next().unwrap().id.clone();
        let second = template.items().nth(1).unwrap().id.clone();
        a.answers.insert(
            first.clone(),
            Answer {
                response: Some(Response::Implemented),
                ..Answer::default()
            },
        );
        a.answers.insert(
            second.clone(),
            Answer {
                response: Some(Response::NotImplemented),
                reason: "人员调整".into(),
                ..Answer::default()
            },
        );
        a.tasks.push(Task {
            id: "t-1".into(),
            item_id: second,
            finding_id: None,
            measure: "补开专题会议".into(),
            owner: "李四".into(),
            deadline: NaiveDate::from_ymd_opt(2025, 12, 1),
            status: TaskStatus::InProgress,
            completed_on: None,
            evidence_entry: None,
            evidence_document: String::new(),
            updated_at: None,
        });
        let report = self_report(&template, &a, NaiveDate::from_ymd_opt(2025, 11, 1).unwrap());
        (template, report)
    }

    #[test]
    fn the_report_has_four_sections_in_both_languages() {
        let (template, report) = sample();
        for texts in [&crate::i18n::review::ZH, &crate::i18n::review::EN] {
            let text = report_text(&report, texts, &template, &FromOffice::default());
            assert_eq!(text.len(), 4);
            assert!(text.iter().all(|(_, p)| !p.is_empty()));
        }
        let decision = AccountabilityRecord {
            item_id: "7.3".into(),
            decision: zrz_domain::review::Decision::CircularCriticism,
            decided_on: NaiveDate::from_ymd_opt(2025, 10, 9).unwrap(),
            decided_by: "局党组".into(),
            note: String::new(),
        };
        let office = FromOffice {
            verified_score: Some(81.5),
            accountability: vec![decision],
        };
        let zh = report_text(&report, &crate::i18n::review::ZH, &template, &office);
        assert_eq!(zh[0].1[1], "经党组办公室核查，核定分 81.5。");
        assert!(
            zh[2]
                .1
                .last()
                .unwrap()
                .contains("通报批评（2025-10-09，局党组）"),
            "{:?}",
            zh[2]
        );
        assert_eq!(zh[0].0, "一、基本情况");
        assert!(zh[3].1[0].contains("补开专题会议"), "{:?}", zh[3]);
        assert!(
            zh[2].1.iter().any(|p| p.contains("人员调整")),
            "{:?}",
            zh[2]
        );
    }

    /// LibreOffice opens the .docx and reads back the title, every heading and the measure.
    #[test]
    fn libreoffice_opens_the_report() {
        let (template, report) = sample();
        let bytes = report_docx(
            &report,
            &crate::i18n::review::ZH,
            &template,
            &FromOffice::default(),
            "自查报告",
        );
        let dir = std::env::temp_dir().join(format!("zrz-report-docx-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("自查报告.docx");
        std::fs::write(&input, &bytes).unwrap();
        let profile = format!("file:///tmp/lo-zrz-report-{}", std::process::id());
        let output = Command::new("soffice")
            .arg(format!("-env:UserInstallation={profile}"))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
            ])
            .arg(&dir)
            .arg(&input)
            .output()
            .expect("soffice is needed for this test (scripts/install-libreoffice.sh)");
        let _ = std::fs::remove_dir_all(profile.trim_start_matches("file://"));
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = std::fs::read_to_string(dir.join("自查报告.txt")).unwrap();
        for expected in [
            "自查报告",
            "一、基本情况",
            "二、主要做法和成效",
            "三、存在的问题",
            "四、下一步工作打算",
            "补开专题会议",
        ] {
            assert!(text.contains(expected), "{expected} missing from {text}");
        }
    }
}
