//! 核查与整改: the strings of 整改 (the department's side), 自查报告 and 核查 (the office's side).

#[cfg(feature = "full")]
pub use full::*;

/// What the first page says about rectification (总览, a checklist item).
pub struct RectNote {
    /// (open tasks, of which overdue)
    pub open_tasks: fn(usize, usize) -> String,
    pub to_rectification: &'static str,
    pub findings_on_item: fn(usize) -> String,
    pub to_report: &'static str,
    pub verified_score: fn(&str) -> String,
    pub finding_on_item: fn(&str, &str) -> String,
    pub verdict: fn(zrz_domain::record::Verdict) -> &'static str,
}

pub const NOTE_ZH: RectNote = RectNote {
    open_tasks: |open, overdue| {
        if overdue > 0 {
            format!("整改任务未完成 {open} 项，其中已逾期 {overdue} 项")
        } else {
            format!("整改任务未完成 {open} 项")
        }
    },
    to_rectification: "到“整改”页",
    findings_on_item: |n| format!("此项有 {n} 条核查意见"),
    to_report: "自查报告",
    verified_score: |v| format!("核定分（党组办公室核查）{v}"),
    finding_on_item: |verdict, note| {
        if note.is_empty() {
            format!("核查意见：{verdict}")
        } else {
            format!("核查意见：{verdict}。{note}")
        }
    },
    verdict: full_free::ZH_VERDICT,
};

pub const NOTE_EN: RectNote = RectNote {
    open_tasks: |open, overdue| {
        if overdue > 0 {
            format!("{open} rectification tasks open, {overdue} overdue")
        } else {
            format!("{open} rectification tasks open")
        }
    },
    to_rectification: "Go to Rectification",
    findings_on_item: |n| format!("{n} findings on this item"),
    to_report: "Self-assessment report",
    verified_score: |v| format!("Verified by the office: {v}"),
    finding_on_item: |verdict, note| {
        if note.is_empty() {
            format!("Finding: {verdict}")
        } else {
            format!("Finding: {verdict}. {note}")
        }
    },
    verdict: full_free::EN_VERDICT,
};

mod full_free {
    use zrz_domain::record::Verdict;
    pub const ZH_VERDICT: fn(Verdict) -> &'static str = |v| match v {
        Verdict::Confirmed => "核实",
        Verdict::Doubtful => "存疑",
        Verdict::NotAsReported => "不属实",
    };
    pub const EN_VERDICT: fn(Verdict) -> &'static str = |v| match v {
        Verdict::Confirmed => "Confirmed",
        Verdict::Doubtful => "Doubtful",
        Verdict::NotAsReported => "Not as reported",
    };
}

#[cfg(feature = "full")]
mod full {
    use zrz_domain::record::{Method, TaskStatus, Verdict};
    use zrz_domain::report::{Paragraph, SectionKind};
    use zrz_domain::review::{Decision, TaskNeed, TaskProblem, VerificationProblem};

    /// A chapter's label by its id, for the report's wording.
    pub type ChapterLabel<'a> = &'a dyn Fn(&str) -> String;

    pub struct ReviewTexts {
        pub verdict: fn(Verdict) -> &'static str,
        pub method: fn(Method) -> &'static str,
        pub task_status: fn(TaskStatus) -> &'static str,
        pub decision: fn(Decision) -> &'static str,

        // 整改
        pub title: &'static str,
        pub lead: &'static str,
        pub import_on_exchange: &'static str,
        pub to_exchange: &'static str,
        /// (accountability decisions, 核定分) a findings file brings into the record.
        pub findings_office_taken: fn(usize, Option<&str>) -> String,
        pub findings_office_kept_newer: &'static str,
        pub findings_changed_since: fn(usize) -> String,
        pub scores_title: &'static str,
        pub self_score: &'static str,
        pub verified_score: &'static str,
        pub findings_title: &'static str,
        pub no_findings: &'static str,
        pub finding_heading: fn(&str, Verdict) -> String,
        pub found_status: fn(&str) -> String,
        pub method_line: fn(&str) -> String,
        pub issued_on: fn(&str) -> String,
        pub changed_since: &'static str,
        pub closed: &'static str,
        pub needs_title: &'static str,
        pub need_line: fn(&TaskNeed) -> String,
        pub add_task: &'static str,
        pub tasks_title: &'static str,
        pub no_tasks: &'static str,
        pub task_heading: fn(&str) -> String,
        pub task_for_finding: &'static str,
        pub task_own: &'static str,
        pub new_task: &'static str,
        pub measure: &'static str,
        pub deadline: &'static str,
        pub status: &'static str,
        pub completed_on: &'static str,
        pub evidence_entry: &'static str,
        pub evidence_none: &'static str,
        pub evidence_document: &'static str,
        pub evidence_hint: &'static str,
        pub save_task: &'static str,
        pub task_saved: &'static str,
        pub task_problem: fn(&TaskProblem) -> String,
        pub overdue_task: fn(&str) -> String,
        pub accountability_title: &'static str,
        pub accountability_row: fn(&str, Decision, &str, &str, &str) -> String,
        /// One decision in a red-line row of the office's workbook and report (decision, date,
        /// who decided, note), and the row's text when nothing was decided yet.
        pub accountability_cell: fn(Decision, &str, &str, &str) -> String,
        pub accountability_pending: &'static str,
        pub accountability_separator: &'static str,

        // 自查报告
        pub report_title: &'static str,
        pub report_lead: &'static str,
        /// The record holds nothing to report yet: what to do first.
        pub report_empty: &'static str,
        pub report_heading: fn(&str, &str, i32) -> String,
        pub section: fn(SectionKind) -> &'static str,
        pub paragraph: fn(&Paragraph, ChapterLabel) -> String,
        pub print: &'static str,
        pub download_docx: &'static str,
        pub download_failed: fn(&str) -> String,

        // 核查
        pub verify_title: &'static str,
        pub verify_lead: &'static str,
        pub verify_not_found: &'static str,
        pub verify_pick: &'static str,
        /// The 汇总 table's link to a department's 核查 (text, then its label with the name).
        pub summary_verify: &'static str,
        pub summary_verify_label: fn(&str) -> String,
        pub verify_receive_label: &'static str,
        pub verify_receive_hint: &'static str,
        /// No department's file received yet: what to do first.
        pub verify_empty: &'static str,
        pub verify_received: fn(&str) -> String,
        pub department_answer: fn(&str) -> String,
        pub not_answered: &'static str,
        pub verdict_label: &'static str,
        pub verdict_none: &'static str,
        pub found_label: &'static str,
        pub method_label: &'static str,
        pub note_label: &'static str,
        pub by_label: &'static str,
        pub save_verification: &'static str,
        pub verification_saved: &'static str,
        pub verification_problem: fn(&VerificationProblem) -> String,
        pub recheck: &'static str,
        pub verified_by: fn(&str, &str) -> String,
        pub scores_side_by_side: fn(&str, &str) -> String,
        pub differences_title: &'static str,
        pub no_differences: &'static str,
        pub difference_row: fn(&str, &str, &str, &str, &str) -> String,
        pub col_item: &'static str,
        pub col_self: &'static str,
        pub col_found: &'static str,
        pub col_points: &'static str,
        pub col_why: &'static str,
        pub decision_title: &'static str,
        pub decision_label: &'static str,
        pub decided_on: &'static str,
        pub decided_by: &'static str,
        pub add_decision: &'static str,
        pub decision_problem: fn(&str) -> String,
        pub export_findings: &'static str,
        pub export_all_findings: &'static str,
        pub exported: fn(&str) -> String,
        pub close_finding: &'static str,
        pub tasks_of_department: &'static str,
        pub export_own: &'static str,
        /// The office's 核定分, in 基本情况.
        pub report_verified: fn(&str) -> String,
        pub export_own_hint: &'static str,
    }

    fn date_or(d: Option<chrono::NaiveDate>, none: &str) -> String {
        d.map(|d| d.to_string()).unwrap_or_else(|| none.to_string())
    }

    pub const ZH: ReviewTexts = ReviewTexts {
    verdict: super::full_free::ZH_VERDICT,
    method: |m| match m {
        Method::Report => "听取汇报",
        Method::Documents => "查阅资料",
        Method::OnSite => "实地检查",
        Method::Meeting => "列席会议",
    },
    task_status: |s| match s {
        TaskStatus::NotStarted => "未开始",
        TaskStatus::InProgress => "进行中",
        TaskStatus::Done => "已完成",
    },
    decision: |d| match d {
        Decision::Reminder => "提醒",
        Decision::Criticism => "批评教育",
        Decision::WrittenSelfCriticism => "责令作出书面检查",
        Decision::CircularCriticism => "通报批评",
        Decision::OrganisationalHandling => "组织处理",
        Decision::DisciplinarySanction => "纪律处分",
    },
    title: "整改",
    lead: "党组办公室的核查意见，以及本科室自查为“未落实”“部分落实”的事项，都在这里逐项建立整改任务。导出本科室文件时，整改任务随文件报送。",
    import_on_exchange: "党组办公室发回的“核查意见”文件在“导入导出”页导入，其中的核查意见、责任追究决定和核定分随本科室的记录保存，也随备份保存。",
    to_exchange: "到“导入导出”页",
    findings_office_taken: |n, score| {
        let score = score.map_or("未给出".to_string(), str::to_string);
        format!("本文件所载的责任追究决定 {n} 项、核定分 {score} 将随本科室的记录保存（替换此前收到的）。")
    },
    findings_office_kept_newer: "本机已有党组办公室较晚发出的核查意见中的责任追究决定和核定分，保留不变；本文件中较早的不替换它们。",
    findings_changed_since: |n| format!("其中 {n} 条核查意见涉及的事项在核查后本科室已修改，导入后在该事项上标注。"),
    scores_title: "核查得分",
    self_score: "自评分",
    verified_score: "核定分",
    findings_title: "核查意见",
    no_findings: "尚未收到核查意见。",
    finding_heading: |item, v| format!("检查项 {item}：{}", (ZH.verdict)(v)),
    found_status: |s| format!("核查认定：{s}"),
    method_line: |m| format!("核查方式：{m}"),
    issued_on: |d| format!("核查日期：{d}"),
    changed_since: "核查后本科室已修改此项的自查",
    closed: "党组办公室已销号",
    needs_title: "待建立整改任务",
    need_line: |n| match n {
        TaskNeed::Finding { item_id, .. } => format!("检查项 {item_id} 的核查意见"),
        TaskNeed::Item { item_id, response } => {
            format!("检查项 {item_id}：自查为“{}”", (crate::i18n::zh::TEXTS.common.response)(*response))
        }
    },
    add_task: "建立整改任务",
    tasks_title: "整改任务",
    no_tasks: "还没有整改任务。",
    task_heading: |item| format!("检查项 {item} 的整改任务"),
    task_for_finding: "针对核查意见",
    task_own: "针对自查问题",
    new_task: "新整改任务",
    measure: "整改措施",
    deadline: "完成时限",
    status: "整改状态",
    completed_on: "完成日期",
    evidence_entry: "佐证台账",
    evidence_none: "（不选）",
    evidence_document: "佐证文件（名称、文号或存放位置）",
    evidence_hint: "已完成的任务需要完成日期，以及一条台账或一份文件作为佐证。",
    save_task: "保存整改任务",
    task_saved: "整改任务已保存",
    task_problem: |p| match p {
        TaskProblem::MeasureRequired => "请填写整改措施".into(),
        TaskProblem::DeadlineNotADate { text } => format!("完成时限“{text}”不是日期"),
        TaskProblem::UnknownStatus { text } => format!("未知的整改状态“{text}”"),
        TaskProblem::CompletedOnRequired => "已完成的任务请填写完成日期".into(),
        TaskProblem::CompletedOnNotADate { text } => format!("完成日期“{text}”不是日期"),
        TaskProblem::CompletedInFuture { date } => format!("完成日期 {date} 晚于今天"),
        TaskProblem::EvidenceRequired => "已完成的任务请选择佐证台账或填写佐证文件".into(),
        TaskProblem::EvidenceEntryNotFound { entry_id } => {
            format!("佐证台账 {entry_id} 已不在台账中，请重新选择")
        }
    },
    overdue_task: |d| format!("已逾期（完成时限 {d}）"),
    accountability_title: "责任追究",
    accountability_row: |item, d, on, by, note| {
        let mut s = format!("检查项 {item}：{}（{on}，{by}）", (ZH.decision)(d));
        if !note.is_empty() {
            s.push_str(&format!("；{note}"));
        }
        s
    },
    accountability_cell: |d, on, by, note| {
        let mut s = format!("{}（{on}，{by}）", (ZH.decision)(d));
        if !note.is_empty() {
            s.push_str(&format!("：{note}"));
        }
        s
    },
    accountability_pending: "尚未作出责任追究决定",
    accountability_separator: "；",

    report_title: "自查报告",
    report_lead: "根据本科室的自查、台账、评分和整改任务生成的报告初稿。可打印，也可下载为 Word 文档继续修改。",
    report_empty: "还没有可写入报告的内容。请先在“各章自查”中逐项作答、在“台账”中登记开展的活动，报告初稿会随之生成。",
    report_heading: |unit, department, year| format!("{unit}{department}{year}年度意识形态工作责任制落实情况自查报告"),
    section: |k| match k {
        SectionKind::Basics => "一、基本情况",
        SectionKind::Practices => "二、主要做法和成效",
        SectionKind::Problems => "三、存在的问题",
        SectionKind::NextSteps => "四、下一步工作打算",
    },
    paragraph: |p, chapter| {
        let r = crate::i18n::zh::TEXTS.common.response;
        match p {
            Paragraph::Overview { unit, department, year, items_total, items_answered, completion, implemented, partial, not_implemented, not_applicable, score } => format!(
                "{year}年，{unit}{department}对照实施方案 {items_total} 项检查内容开展自查，已填写 {items_answered} 项（{}%）：已落实 {implemented} 项，部分落实 {partial} 项，未落实 {not_implemented} 项，不适用 {not_applicable} 项。自评分 {}。",
                zrz_domain::number::fmt1(*completion),
                score.map(zrz_domain::number::fmt1).unwrap_or_else(|| "暂无".into())
            ),
            Paragraph::Ledger { entries, by_activity } => {
                let parts: Vec<String> = by_activity.iter().map(|(a, n)| format!("{a} {n} 项")).collect();
                format!("全年记录台账 {entries} 条：{}。", parts.join("、"))
            }
            Paragraph::Cadres { people, grades } => format!(
                "对 {people} 名领导干部进行德能勤绩廉评分：优秀 {} 人，称职 {} 人，基本称职 {} 人，不称职 {} 人，未完成评分 {} 人。",
                grades.excellent, grades.competent, grades.basically_competent, grades.incompetent, grades.pending
            ),
            Paragraph::Practice { chapter_id, items } => {
                let list: Vec<String> = items.iter().map(|i| {
                    let mut s = format!("检查项 {}", i.item_id);
                    if !i.note.is_empty() { s.push_str(&format!("（{}）", i.note)); }
                    if !i.entries.is_empty() {
                        let e: Vec<String> = i.entries.iter().map(|e| format!("{} {}", e.date, e.title)).collect();
                        s.push_str(&format!("，台账：{}", e.join("；")));
                    }
                    s
                }).collect();
                format!("{}：落实 {} 项。{}。", chapter(chapter_id), items.len(), list.join("；"))
            }
            Paragraph::NothingDone => "尚无自查为“已落实”的事项。".into(),
            Paragraph::Shortfall { item_id, response, reason, note, quota } => {
                let mut s = format!("检查项 {item_id} {}", r(*response));
                if let Some((required, counted)) = quota { s.push_str(&format!("（要求 {required} 次，已记录 {counted} 次）")); }
                if !reason.is_empty() { s.push_str(&format!("，原因：{reason}")); }
                if !note.is_empty() { s.push_str(&format!("，说明：{note}")); }
                s.push('。');
                s
            }
            Paragraph::RedLine { item_id, occurred_on, note } => {
                let mut s = format!("发生责任追究情形：检查项 {item_id}（{}）", date_or(*occurred_on, "日期未填"));
                if !note.is_empty() { s.push_str(&format!("，{note}")); }
                s.push('。');
                s
            }
            Paragraph::Unanswered { item_ids } => format!("尚有 {} 项未自查：{}。", item_ids.len(), item_ids.join("、")),
            Paragraph::NoProblems => "自查未发现问题。".into(),
            Paragraph::Measure { item_id, measure, owner, deadline, status, .. } => {
                let mut s = format!("针对检查项 {item_id}：{measure}");
                if !owner.is_empty() { s.push_str(&format!("，责任人 {owner}")); }
                s.push_str(&format!("，完成时限 {}，{}。", date_or(*deadline, "未定"), (ZH.task_status)(*status)));
                s
            }
            Paragraph::MeasuresToSet { needs } => {
                let ids: Vec<&str> = needs.iter().map(|n| n.item_id()).collect();
                format!("以下事项尚需制定整改措施：{}。", ids.join("、"))
            }
            Paragraph::NoMeasures => "暂无需要整改的事项。".into(),
        }
    },
    print: "打印",
    download_docx: "下载 Word 文档",
    download_failed: |e| format!("下载失败：{e}"),

    verify_title: "核查",
    verify_lead: "对报送来的科室文件逐项核查：核实、存疑或不属实。科室的自查内容不会被修改，核查结论记在旁边。",
    verify_not_found: "没有找到这个科室的报送文件。",
    verify_pick: "选择要核查的科室",
    summary_verify: "核查",
    summary_verify_label: |name| format!("核查 {name}"),
    verify_receive_label: "接收科室报送的文件",
    verify_receive_hint: "科室报送的文件在“汇总”页接收。同一科室的新文件替换旧文件，未修改的事项保留核查结论。",
    verify_empty: "还没有接收任何科室的文件，暂无可核查的内容。请先到“汇总”页接收各科室报送的文件，再回到这里逐项核查。",
    verify_received: |name| format!("已接收：{name}"),
    department_answer: |r| format!("科室自查：{r}"),
    not_answered: "未填写",
    verdict_label: "核查结论",
    verdict_none: "（未核查）",
    found_label: "核查认定的落实情况",
    method_label: "核查方式",
    note_label: "核查说明",
    by_label: "核查人",
    save_verification: "保存核查结论",
    verification_saved: "核查结论已保存",
    verification_problem: |p| match p {
        VerificationProblem::VerdictRequired => "请选择核查结论".into(),
        VerificationProblem::UnknownVerdict { text } => format!("未知的核查结论“{text}”"),
        VerificationProblem::FoundRequired { verdict } => format!("“{}”需要选择核查认定的落实情况", (ZH.verdict)(*verdict)),
        VerificationProblem::UnknownFound { text } => format!("未知的落实情况“{text}”"),
        VerificationProblem::FoundNotForItem { found } => format!("“{}”不适用于此项", (crate::i18n::zh::TEXTS.common.response)(*found)),
        VerificationProblem::FoundSameAsAnswer { .. } => "认定的情况与科室自查相同，应为“核实”".into(),
        VerificationProblem::UnknownMethod { text } => format!("未知的核查方式“{text}”"),
    },
    recheck: "科室在核查后修改了此项，需重新核查",
    verified_by: |at, by| if by.is_empty() { format!("核查于 {at}") } else { format!("{by} 核查于 {at}") },
    scores_side_by_side: |s, v| format!("自评分 {s}　核定分 {v}"),
    differences_title: "核定分与自评分的差异",
    no_differences: "没有差异。",
    difference_row: |item, _self, found, points, why| format!("{item} {found} {points} {why}"),
    col_item: "检查项",
    col_self: "科室自查",
    col_found: "核查认定",
    col_points: "得分（自评 → 核定）",
    col_why: "核查结论与说明",
    decision_title: "责任追究",
    decision_label: "处理方式",
    decided_on: "决定日期",
    decided_by: "决定机关（人）",
    add_decision: "记录处理决定",
    decision_problem: |code| match code {
        "not_a_red_line" => "此项不是责任追究情形".into(),
        "red_line_not_occurred" => "科室未报告此情形已发生".into(),
        "decision_required" => "请选择处理方式".into(),
        "date_required" => "请填写决定日期".into(),
        "date_not_a_date" => "决定日期不是日期".into(),
        "date_in_future" => "决定日期晚于今天".into(),
        "decided_before_occurred" => "决定日期早于情形发生日期".into(),
        "decided_by_required" => "请填写决定机关（人）".into(),
        other => format!("无法保存（{other}）"),
    },
    export_findings: "导出本科室核查意见",
    export_all_findings: "导出全部科室核查意见（每科室一个文件）",
    exported: |name| format!("已导出：{name}"),
    close_finding: "销号",
    tasks_of_department: "科室报送的整改任务",
    export_own: "导出本科室文件（含整改任务）",
    report_verified: |v| format!("经党组办公室核查，核定分 {v}。"),
    export_own_hint: "把本科室的自评文件（含整改进展）报送党组办公室。",
};

    pub const EN: ReviewTexts = ReviewTexts {
    verdict: super::full_free::EN_VERDICT,
    method: |m| match m {
        Method::Report => "Heard a report",
        Method::Documents => "Checked documents",
        Method::OnSite => "On-site inspection",
        Method::Meeting => "Attended a meeting",
    },
    task_status: |s| match s {
        TaskStatus::NotStarted => "Not started",
        TaskStatus::InProgress => "In progress",
        TaskStatus::Done => "Done",
    },
    decision: |d| match d {
        Decision::Reminder => "Reminder",
        Decision::Criticism => "Criticism and education",
        Decision::WrittenSelfCriticism => "Written self-criticism ordered",
        Decision::CircularCriticism => "Circulated criticism",
        Decision::OrganisationalHandling => "Organisational handling",
        Decision::DisciplinarySanction => "Disciplinary sanction",
    },
    title: "Rectification",
    lead: "Each finding of the Party group office, and each item your department marked not or partly implemented, gets a rectification task here. Your next export carries the tasks.",
    import_on_exchange: "Import the office's findings file on the Import and export page; its findings, accountability decisions and verified score are kept with your department's record and in its backups.",
    to_exchange: "Go to Import and export",
    findings_office_taken: |n, score| {
        let score = score.map_or("not given".to_string(), str::to_string);
        format!("The file's {n} accountability decisions and verified score ({score}) will be kept with your record, replacing those received before.")
    },
    findings_office_kept_newer: "This browser holds the accountability decisions and verified score of a later findings file from the office; they stay, this older file does not replace them.",
    findings_changed_since: |n| format!("{n} of these findings concern items your department changed since they were verified; they are marked on the item."),
    scores_title: "Verified score",
    self_score: "Self-assessed score",
    verified_score: "Verified score",
    findings_title: "Findings",
    no_findings: "No findings received yet.",
    finding_heading: |item, v| format!("Item {item}: {}", (EN.verdict)(v)),
    found_status: |s| format!("Found by the office: {s}"),
    method_line: |m| format!("Method: {m}"),
    issued_on: |d| format!("Verified on {d}"),
    changed_since: "Your department changed this item since it was verified",
    closed: "Closed by the office",
    needs_title: "Needing a rectification task",
    need_line: |n| match n {
        TaskNeed::Finding { item_id, .. } => format!("The finding on item {item_id}"),
        TaskNeed::Item { item_id, response } => {
            format!("Item {item_id}: self-checked as “{}”", (crate::i18n::en::TEXTS.common.response)(*response))
        }
    },
    add_task: "Create a rectification task",
    tasks_title: "Rectification tasks",
    no_tasks: "No rectification tasks yet.",
    task_heading: |item| format!("Rectification task for item {item}"),
    task_for_finding: "For a finding",
    task_own: "For a self-check problem",
    new_task: "New rectification task",
    measure: "Measure",
    deadline: "Deadline",
    status: "Status",
    completed_on: "Completed on",
    evidence_entry: "Evidence (ledger entry)",
    evidence_none: "(none)",
    evidence_document: "Evidence document (name, number or where it is kept)",
    evidence_hint: "A done task needs its completion date and a ledger entry or a document as evidence.",
    save_task: "Save the task",
    task_saved: "Task saved",
    task_problem: |p| match p {
        TaskProblem::MeasureRequired => "Enter the measure".into(),
        TaskProblem::DeadlineNotADate { text } => format!("Deadline “{text}” is not a date"),
        TaskProblem::UnknownStatus { text } => format!("Unknown status “{text}”"),
        TaskProblem::CompletedOnRequired => "A done task needs its completion date".into(),
        TaskProblem::CompletedOnNotADate { text } => format!("Completion date “{text}” is not a date"),
        TaskProblem::CompletedInFuture { date } => format!("Completion date {date} is after today"),
        TaskProblem::EvidenceRequired => "A done task needs a ledger entry or a document as evidence".into(),
        TaskProblem::EvidenceEntryNotFound { entry_id } => {
            format!("Ledger entry {entry_id} is no longer in the ledger; choose again")
        }
    },
    overdue_task: |d| format!("Overdue (deadline {d})"),
    accountability_title: "Accountability",
    accountability_row: |item, d, on, by, note| {
        let mut s = format!("Item {item}: {} ({on}, {by})", (EN.decision)(d));
        if !note.is_empty() {
            s.push_str(&format!("; {note}"));
        }
        s
    },
    accountability_cell: |d, on, by, note| {
        let mut s = format!("{} ({on}, {by})", (EN.decision)(d));
        if !note.is_empty() {
            s.push_str(&format!(": {note}"));
        }
        s
    },
    accountability_pending: "No accountability decision yet",
    accountability_separator: "; ",

    report_title: "Self-assessment report",
    report_lead: "A first draft made from your self-check, ledger, ratings and rectification tasks. Print it, or download it as a Word document to edit.",
    report_empty: "There is nothing to report yet. First answer the items under Self-check and record the activities held in the Ledger; the draft report is written from them.",
    report_heading: |unit, department, year| format!("{unit} {department}: self-assessment report on the ideological work responsibility system, {year}"),
    section: |k| match k {
        SectionKind::Basics => "1. Overview",
        SectionKind::Practices => "2. What was done",
        SectionKind::Problems => "3. Problems",
        SectionKind::NextSteps => "4. Next steps",
    },
    paragraph: |p, chapter| {
        let r = crate::i18n::en::TEXTS.common.response;
        match p {
            Paragraph::Overview { unit, department, year, items_total, items_answered, completion, implemented, partial, not_implemented, not_applicable, score } => format!(
                "In {year}, {unit} {department} self-checked against the plan's {items_total} items and answered {items_answered} ({}%): {implemented} implemented, {partial} partly, {not_implemented} not implemented, {not_applicable} not applicable. Self-assessed score: {}.",
                zrz_domain::number::fmt1(*completion),
                score.map(zrz_domain::number::fmt1).unwrap_or_else(|| "none yet".into())
            ),
            Paragraph::Ledger { entries, by_activity } => {
                let parts: Vec<String> = by_activity.iter().map(|(a, n)| format!("{a} {n}")).collect();
                format!("{entries} ledger entries in the year: {}.", parts.join(", "))
            }
            Paragraph::Cadres { people, grades } => format!(
                "{people} leading cadres rated: {} excellent, {} competent, {} basically competent, {} incompetent, {} not yet rated.",
                grades.excellent, grades.competent, grades.basically_competent, grades.incompetent, grades.pending
            ),
            Paragraph::Practice { chapter_id, items } => {
                let list: Vec<String> = items.iter().map(|i| {
                    let mut s = format!("item {}", i.item_id);
                    if !i.note.is_empty() { s.push_str(&format!(" ({})", i.note)); }
                    if !i.entries.is_empty() {
                        let e: Vec<String> = i.entries.iter().map(|e| format!("{} {}", e.date, e.title)).collect();
                        s.push_str(&format!(", ledger: {}", e.join("; ")));
                    }
                    s
                }).collect();
                format!("{}: {} items implemented. {}.", chapter(chapter_id), items.len(), list.join("; "))
            }
            Paragraph::NothingDone => "No item is self-checked as implemented yet.".into(),
            Paragraph::Shortfall { item_id, response, reason, note, quota } => {
                let mut s = format!("Item {item_id}: {}", r(*response));
                if let Some((required, counted)) = quota { s.push_str(&format!(" ({counted} of {required} recorded)")); }
                if !reason.is_empty() { s.push_str(&format!(", reason: {reason}")); }
                if !note.is_empty() { s.push_str(&format!(", note: {note}")); }
                s.push('.');
                s
            }
            Paragraph::RedLine { item_id, occurred_on, note } => {
                let mut s = format!("Accountability case: item {item_id} ({})", date_or(*occurred_on, "date not given"));
                if !note.is_empty() { s.push_str(&format!(", {note}")); }
                s.push('.');
                s
            }
            Paragraph::Unanswered { item_ids } => format!("{} items not self-checked yet: {}.", item_ids.len(), item_ids.join(", ")),
            Paragraph::NoProblems => "The self-check found no problems.".into(),
            Paragraph::Measure { item_id, measure, owner, deadline, status, .. } => {
                let mut s = format!("For item {item_id}: {measure}");
                if !owner.is_empty() { s.push_str(&format!(", owner {owner}")); }
                s.push_str(&format!(", deadline {}, {}.", date_or(*deadline, "not set"), (EN.task_status)(*status)));
                s
            }
            Paragraph::MeasuresToSet { needs } => {
                let ids: Vec<&str> = needs.iter().map(|n| n.item_id()).collect();
                format!("Measures are still to be set for: {}.", ids.join(", "))
            }
            Paragraph::NoMeasures => "Nothing needs rectification.".into(),
        }
    },
    print: "Print",
    download_docx: "Download as Word",
    download_failed: |e| format!("Download failed: {e}"),

    verify_title: "Verification",
    verify_lead: "Check a received department file item by item: confirmed, doubtful or not as reported. The department's answers are never changed; the verdicts sit beside them.",
    verify_not_found: "No received file of this department.",
    verify_pick: "Choose the department to verify",
    summary_verify: "Verify",
    summary_verify_label: |name| format!("Verify {name}"),
    verify_receive_label: "Receive a department's file",
    verify_receive_hint: "Departments' files are received on Summary. A newer file of the same department replaces the old; unchanged items keep their verdicts.",
    verify_empty: "No department's file has been received yet, so there is nothing to check. First receive the departments' files on Summary, then come back here to check them item by item.",
    verify_received: |name| format!("Received: {name}"),
    department_answer: |r| format!("Department's answer: {r}"),
    not_answered: "not answered",
    verdict_label: "Verdict",
    verdict_none: "(not verified)",
    found_label: "Status found",
    method_label: "Method",
    note_label: "Note",
    by_label: "Verified by",
    save_verification: "Save the verdict",
    verification_saved: "Verdict saved",
    verification_problem: |p| match p {
        VerificationProblem::VerdictRequired => "Choose a verdict".into(),
        VerificationProblem::UnknownVerdict { text } => format!("Unknown verdict “{text}”"),
        VerificationProblem::FoundRequired { verdict } => format!("“{}” needs the status found", (EN.verdict)(*verdict)),
        VerificationProblem::UnknownFound { text } => format!("Unknown status “{text}”"),
        VerificationProblem::FoundNotForItem { found } => format!("“{}” does not fit this item", (crate::i18n::en::TEXTS.common.response)(*found)),
        VerificationProblem::FoundSameAsAnswer { .. } => "The status found is the department's own: that is “Confirmed”".into(),
        VerificationProblem::UnknownMethod { text } => format!("Unknown method “{text}”"),
    },
    recheck: "The department changed this item since it was verified: check it again",
    verified_by: |at, by| if by.is_empty() { format!("Verified {at}") } else { format!("Verified by {by} {at}") },
    scores_side_by_side: |s, v| format!("Self-assessed {s}  Verified {v}"),
    differences_title: "Where the verified score differs",
    no_differences: "No differences.",
    difference_row: |item, _self, found, points, why| format!("{item} {found} {points} {why}"),
    col_item: "Item",
    col_self: "Department's answer",
    col_found: "Found",
    col_points: "Points (self → verified)",
    col_why: "Verdict and note",
    decision_title: "Accountability",
    decision_label: "Decision",
    decided_on: "Decided on",
    decided_by: "Decided by",
    add_decision: "Record the decision",
    decision_problem: |code| match code {
        "not_a_red_line" => "This item is not a red line".into(),
        "red_line_not_occurred" => "The department did not report this red line as occurred".into(),
        "decision_required" => "Choose a decision".into(),
        "date_required" => "Enter the date".into(),
        "date_not_a_date" => "The date is not a date".into(),
        "date_in_future" => "The date is after today".into(),
        "decided_before_occurred" => "The date is before the red line occurred".into(),
        "decided_by_required" => "Enter who decided".into(),
        other => format!("Cannot save ({other})"),
    },
    export_findings: "Export this department's findings",
    export_all_findings: "Export all departments' findings (one file each)",
    exported: |name| format!("Exported: {name}"),
    close_finding: "Close",
    tasks_of_department: "Rectification tasks the department sent",
    export_own: "Export your department's file (with the tasks)",
    report_verified: |v| format!("After the office's verification, the verified score is {v}."),
    export_own_hint: "Send your self-assessment file, with the rectification progress, to the office.",
};
}
