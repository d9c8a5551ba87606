//! 台账: the words of the ledger as the checklist's item cards and 总览 show it (quotas, evidence in
//! place, key dates, 我的待办; [`LedgerTexts`], in the first page too), and of the 台账 page itself
//! ([`LedgerPageTexts`], full app only).

use zrz_domain::ledger::{EntryFlag, EntryProblem, Pace, Todo};

/// The ledger where the first page shows it: item cards and 总览.
pub struct LedgerTexts {
    /// "已完成 1/2 次"
    pub quota_done: fn(usize, u32) -> String,
    /// Entries of the year dated after today.
    pub quota_planned: fn(usize) -> String,
    pub quota_suggest: fn(&str) -> String,
    pub quota_review: &'static str,
    pub pace: fn(&Pace) -> String,
    pub evidence_entries: &'static str,
    pub evidence_none: &'static str,
    pub link_existing: &'static str,
    pub link_button: &'static str,
    pub link_nothing: &'static str,
    pub unlink: &'static str,
    pub unlink_label: fn(&str) -> String,
    pub add_entry: &'static str,
    pub add_entry_form: fn(&str) -> String,
    pub date: &'static str,
    pub date_hint: &'static str,
    pub activity: &'static str,
    pub choose: &'static str,
    pub title: &'static str,
    pub save_entry: &'static str,
    pub entry_saved: fn(&str) -> String,
    pub problem: fn(&EntryProblem) -> String,
    pub flag: fn(&EntryFlag) -> String,
    pub more_fields: &'static str,
    /// The select of a 佐证材料 row that points to an entry.
    pub evidence_entry: fn(usize) -> String,
    pub evidence_entry_none: &'static str,
    pub evidence_entry_missing: fn(&str) -> String,

    pub quotas_title: &'static str,
    pub quotas_behind: &'static str,
    pub key_dates_title: &'static str,
    pub key_dates_none: &'static str,
    /// (days until, estimated)
    pub key_date_when: fn(u32, bool) -> String,
    pub key_date_covered: &'static str,
    pub key_date_due: &'static str,
    pub key_date_passed: &'static str,
    pub estimated: &'static str,
    pub todo_title: &'static str,
    pub todo_none: &'static str,
    /// One to-do, worded; the item or key date's name is shown beside it.
    pub todo: fn(&Todo) -> String,
    pub todo_overdue: &'static str,
    pub to_ledger: &'static str,
    /// A long list shown in slices: rows (first, last, of total) listed, 1-based.
    pub list_status: fn(usize, usize, usize) -> String,
    /// The button that shows the n rows above.
    pub list_earlier: fn(usize) -> String,
    /// The button that shows the next slice of n.
    pub list_more: fn(usize) -> String,
    /// The button that shows every one of n.
    pub list_all: fn(usize) -> String,
    /// An item card's new-entry form restored from the browser.
    pub draft_kept: &'static str,
    pub draft_discard: &'static str,
    /// 总览's list of unfinished edits: an item card's unsaved new entry.
    pub draft_of_item: fn(&str) -> String,
    /// 总览's list of unfinished edits: the 台账 page's unsaved form.
    pub draft_on_page: &'static str,
}

/// The 台账 page.
#[cfg(feature = "full")]
pub struct LedgerPageTexts {
    pub heading: &'static str,
    pub lead: &'static str,
    pub new_entry: &'static str,
    pub new_form: &'static str,
    pub edit_form: fn(&str) -> String,
    pub place: &'static str,
    pub count: &'static str,
    pub count_hint: &'static str,
    pub participants: &'static str,
    pub summary: &'static str,
    pub doc_no: &'static str,
    pub kept_at: &'static str,
    pub items: &'static str,
    pub items_chosen: fn(usize) -> String,
    pub not_saved: &'static str,
    pub unknown_item: fn(&str) -> String,
    pub search: &'static str,
    pub filter_activity: &'static str,
    pub filter_month: &'static str,
    pub filter_item: &'static str,
    pub all: &'static str,
    pub clear_filters: &'static str,
    pub shown: fn(usize, usize) -> String,
    pub empty: &'static str,
    pub none_match: &'static str,
    pub details: &'static str,
    pub edit_label: fn(&str) -> String,
    pub delete_label: fn(&str) -> String,
    pub confirm_delete: fn(&str) -> String,
    pub confirm_loses: fn(&str) -> String,
    pub confirm_loses_tasks: fn(usize) -> String,
    pub confirm_loses_nothing: &'static str,
    pub confirm_yes: &'static str,
    pub deleted: fn(&str) -> String,
    pub print: &'static str,
    pub print_by: &'static str,
    pub print_by_date: &'static str,
    pub print_by_type: &'static str,
    pub print_title: fn(i32) -> String,
    pub calendar_title: fn(i32) -> String,
    pub calendar_lead: &'static str,
    pub calendar_none: &'static str,
    pub col_date: &'static str,
    pub col_name: &'static str,
    pub col_kind: &'static str,
    /// The kind of a key date: 法定节假日 …
    pub key_date_kind: fn(zrz_domain::calendar::KeyDateKind) -> &'static str,
    pub col_analysis: &'static str,
    pub days_off: fn(u8, &str) -> String,
    pub add_analysis: fn(&str) -> String,
    pub analysis_title: fn(&str) -> String,
    pub read_only: &'static str,
    /// The control that shows a collapsed summary: its length in characters.
    pub summary_more: fn(usize) -> String,
    /// Printed when the browser's own print command caught the list before it showed every entry.
    pub print_partial: fn(usize, usize) -> String,
    /// A form left unsaved, brought back.
    pub draft_kept: &'static str,
}

fn pace_zh(p: &Pace) -> String {
    match p {
        Pace::Met => "已完成".into(),
        Pace::OnTrack => "进度正常".into(),
        Pace::Behind {
            months_left,
            days_left,
        } => format!("滞后：本年度还剩 {months_left} 个月（{days_left} 天）"),
        Pace::Missed => "年度已结束，未完成".into(),
        Pace::NotStarted => "评估年度尚未开始".into(),
    }
}

fn pace_en(p: &Pace) -> String {
    match p {
        Pace::Met => "Done".into(),
        Pace::OnTrack => "On track".into(),
        Pace::Behind {
            months_left,
            days_left,
        } => format!("Behind: {months_left} months ({days_left} days) left this year"),
        Pace::Missed => "The year has ended without it".into(),
        Pace::NotStarted => "The assessment year has not begun".into(),
    }
}

fn problem_zh(p: &EntryProblem) -> String {
    match p {
        EntryProblem::DateRequired => "日期：必须填写".into(),
        EntryProblem::DateNotADate { text } => {
            format!("日期：“{text}”不是有效日期（如 2025-03-14）")
        }
        EntryProblem::DateYearOutOfRange { text, year } => {
            format!("日期：“{text}”的年份 {year} 超出范围，请检查")
        }
        EntryProblem::ActivityRequired => "类型：必须选择".into(),
        EntryProblem::UnknownActivity { activity } => format!("类型：“{activity}”不在方案中"),
        EntryProblem::TitleRequired => "标题：必须填写".into(),
        EntryProblem::CountNotANumber { text } => {
            format!("参加人数：“{text}”不是数字，请填写整数")
        }
        EntryProblem::CountNegative { text } => format!("参加人数：“{text}”不能为负数"),
        EntryProblem::CountTooLarge { text } => format!("参加人数：“{text}”过大"),
    }
}

fn problem_en(p: &EntryProblem) -> String {
    match p {
        EntryProblem::DateRequired => "Date: required".into(),
        EntryProblem::DateNotADate { text } => {
            format!("Date: \"{text}\" is not a valid date (e.g. 2025-03-14)")
        }
        EntryProblem::DateYearOutOfRange { text, year } => {
            format!("Date: the year {year} of \"{text}\" is out of range")
        }
        EntryProblem::ActivityRequired => "Type: required".into(),
        EntryProblem::UnknownActivity { activity } => {
            format!("Type: \"{activity}\" is not in the plan")
        }
        EntryProblem::TitleRequired => "Title: required".into(),
        EntryProblem::CountNotANumber { text } => {
            format!("Participants: \"{text}\" is not a whole number")
        }
        EntryProblem::CountNegative { text } => {
            format!("Participants: \"{text}\" cannot be negative")
        }
        EntryProblem::CountTooLarge { text } => format!("Participants: \"{text}\" is too large"),
    }
}

fn flag_zh(f: &EntryFlag) -> String {
    match f {
        EntryFlag::OutsideYear { date, year } => {
            format!("日期 {date} 不在评估年度 {year} 内，不计入本年度次数")
        }
        EntryFlag::InFuture { date } => format!("日期 {date} 尚未到来：是计划，到期后才计入"),
        EntryFlag::UnknownItem { item_id } => {
            format!("关联的自查项 {item_id} 不在当前方案中（已保留）")
        }
        EntryFlag::UnknownActivity { activity } => {
            format!("类型“{activity}”不在当前方案中（已保留）")
        }
    }
}

fn flag_en(f: &EntryFlag) -> String {
    match f {
        EntryFlag::OutsideYear { date, year } => {
            format!("{date} is outside the assessment year {year}: it does not count this year")
        }
        EntryFlag::InFuture { date } => {
            format!("{date} has not come yet: a plan, counted once its day has come")
        }
        EntryFlag::UnknownItem { item_id } => {
            format!("Linked item {item_id} is not in this plan (kept)")
        }
        EntryFlag::UnknownActivity { activity } => {
            format!("Type \"{activity}\" is not in this plan (kept)")
        }
    }
}

fn todo_zh(t: &Todo) -> String {
    match t {
        Todo::Item { owner, due, .. } => format!("完成时限 {due}，责任人 {owner}"),
        Todo::Quota {
            required,
            done,
            months_left,
            ..
        } => format!("已完成 {done}/{required} 次，滞后，本年度还剩 {months_left} 个月"),
        Todo::KeyDate {
            first_day,
            days_until,
            estimated,
            ..
        } => format!(
            "{first_day}{}，还有 {days_until} 天，尚无节点前瞻性专题分析",
            if *estimated { "（预计）" } else { "" }
        ),
        Todo::Task {
            owner, deadline, ..
        } => match deadline {
            Some(d) => format!("整改任务，完成时限 {d}，责任人 {owner}"),
            None => format!("整改任务，未定完成时限，责任人 {owner}"),
        },
        Todo::Finding { issued_on, .. } => format!("核查意见（{issued_on}）尚未安排整改"),
    }
}

fn todo_en(t: &Todo) -> String {
    match t {
        Todo::Item { owner, due, .. } => format!("due {due}, owner {owner}"),
        Todo::Quota {
            required,
            done,
            months_left,
            ..
        } => format!("{done} of {required} done, behind, {months_left} months left this year"),
        Todo::KeyDate {
            first_day,
            days_until,
            estimated,
            ..
        } => format!(
            "{first_day}{}, in {days_until} days, no forward-looking analysis yet",
            if *estimated { " (estimated)" } else { "" }
        ),
        Todo::Task {
            owner, deadline, ..
        } => match deadline {
            Some(d) => format!("rectification task, due {d}, owner {owner}"),
            None => format!("rectification task, no deadline, owner {owner}"),
        },
        Todo::Finding { issued_on, .. } => {
            format!("finding of {issued_on} without a rectification task")
        }
    }
}

pub const ZH: LedgerTexts = LedgerTexts {
    quota_done: |done, required| format!("已完成 {done}/{required} 次"),
    quota_planned: |n| format!("另有 {n} 条日期未到（计划），到期后计入"),
    quota_suggest: |r| format!("按台账建议作答：{r}"),
    quota_review: "已答“已落实”，但台账次数不足，需复核",
    pace: pace_zh,
    evidence_entries: "台账佐证",
    evidence_none: "尚无台账条目佐证此项。",
    link_existing: "关联已有台账",
    link_button: "关联",
    link_nothing: "没有可关联的台账条目",
    unlink: "取消关联",
    unlink_label: |title| format!("取消关联“{title}”"),
    add_entry: "新增台账条目",
    add_entry_form: |item| format!("为 {item} 新增台账条目"),
    date: "日期",
    date_hint: "如 2025-03-14",
    activity: "类型",
    choose: "请选择",
    title: "标题",
    save_entry: "保存台账条目",
    entry_saved: |title| format!("已保存台账条目“{title}”"),
    problem: problem_zh,
    flag: flag_zh,
    more_fields: "地点、参加人员、文号等可在台账页补充。",
    evidence_entry: |n| format!("第 {n} 份佐证材料对应的台账条目"),
    evidence_entry_none: "（不对应台账条目）",
    evidence_entry_missing: |id| format!("台账条目 {id}（已不存在）"),

    quotas_title: "年度次数要求",
    quotas_behind: "滞后",
    key_dates_title: "近 30 天重要时间节点（4.1.8）",
    key_dates_none: "近 30 天没有需要专题分析的时间节点。",
    key_date_when: |days, estimated| {
        format!(
            "还有 {days} 天{}",
            if estimated {
                "（日期为预计）"
            } else {
                ""
            }
        )
    },
    key_date_covered: "已有专题分析",
    key_date_due: "尚无专题分析",
    key_date_passed: "已过，未做专题分析",
    estimated: "预计",
    todo_title: "我的待办",
    todo_none: "没有待办事项。",
    todo: todo_zh,
    todo_overdue: "已逾期",
    to_ledger: "打开台账",
    list_status: |from, to, total| format!("已列出第 {from}–{to} 条，共 {total} 条"),
    list_earlier: |n| format!("显示前面的 {n} 条"),
    list_more: |n| format!("显示更多（再列出 {n} 条）"),
    list_all: |n| format!("全部显示（共 {n} 条）"),
    draft_kept: "未保存：这份新增台账条目的草稿暂存在本浏览器中，保存后才计入台账。",
    draft_discard: "放弃草稿",
    draft_of_item: |item| format!("{item} 的新增台账条目"),
    draft_on_page: "台账页上未保存的条目",
};

pub const EN: LedgerTexts = LedgerTexts {
    quota_done: |done, required| format!("{done} of {required} done"),
    quota_planned: |n| format!("{n} more dated later (planned), counted once their day comes"),
    quota_suggest: |r| format!("The ledger suggests: {r}"),
    quota_review: "Answered Done, but the ledger has too few entries: to review",
    pace: pace_en,
    evidence_entries: "Ledger evidence",
    evidence_none: "No ledger entry evidences this item yet.",
    link_existing: "Link an existing entry",
    link_button: "Link",
    link_nothing: "No entry to link",
    unlink: "Unlink",
    unlink_label: |title| format!("Unlink \"{title}\""),
    add_entry: "New ledger entry",
    add_entry_form: |item| format!("New ledger entry for {item}"),
    date: "Date",
    date_hint: "e.g. 2025-03-14",
    activity: "Type",
    choose: "Choose",
    title: "Title",
    save_entry: "Save ledger entry",
    entry_saved: |title| format!("Ledger entry \"{title}\" saved"),
    problem: problem_en,
    flag: flag_en,
    more_fields:
        "Place, participants, document number and the rest can be added on the Ledger page.",
    evidence_entry: |n| format!("Ledger entry of evidence {n}"),
    evidence_entry_none: "(no ledger entry)",
    evidence_entry_missing: |id| format!("Ledger entry {id} (no longer exists)"),

    quotas_title: "Yearly quotas",
    quotas_behind: "Behind",
    key_dates_title: "Key dates in the next 30 days (4.1.8)",
    key_dates_none: "No key date needing an analysis in the next 30 days.",
    key_date_when: |days, estimated| {
        format!(
            "in {days} days{}",
            if estimated { " (date estimated)" } else { "" }
        )
    },
    key_date_covered: "Analysis done",
    key_date_due: "No analysis yet",
    key_date_passed: "Passed without an analysis",
    estimated: "Estimated",
    todo_title: "My to-do list",
    todo_none: "Nothing to do.",
    todo: todo_en,
    todo_overdue: "Overdue",
    to_ledger: "Open the ledger",
    list_status: |from, to, total| format!("Listed: {from}–{to} of {total}"),
    list_earlier: |n| format!("Show the {n} before"),
    list_more: |n| format!("Show more (the next {n})"),
    list_all: |n| format!("Show all ({n})"),
    draft_kept: "Not saved: this new ledger entry is kept as a draft in this browser; it is in the ledger once saved.",
    draft_discard: "Discard the draft",
    draft_of_item: |item| format!("a new ledger entry for {item}"),
    draft_on_page: "An unsaved entry on the ledger page",
};

#[cfg(feature = "full")]
pub const PAGE_ZH: LedgerPageTexts = LedgerPageTexts {
    heading: "台账",
    lead:
        "会议、学习、督查、分析等活动的日期记录；每条可作为一项或多项自查的佐证，年度次数由此计算。",
    new_entry: "新增台账条目",
    new_form: "新增台账条目",
    edit_form: |title| format!("修改台账条目“{title}”"),
    place: "地点",
    count: "参加人数",
    count_hint: "整数，可不填",
    participants: "参加人员",
    summary: "内容摘要",
    doc_no: "文号",
    kept_at: "资料存放位置",
    items: "佐证的自查项",
    items_chosen: |n| format!("佐证的自查项（已选 {n} 项）"),
    not_saved: "尚未保存：请按提示修改。已填写的内容保留在表单中。",
    unknown_item: |id| format!("{id}（不在当前方案中）"),
    search: "搜索台账",
    filter_activity: "筛选类型",
    filter_month: "筛选月份",
    filter_item: "筛选自查项",
    all: "全部",
    clear_filters: "清除筛选",
    shown: |shown, total| format!("显示 {shown} 条，共 {total} 条"),
    empty: "台账还没有条目。",
    none_match: "没有符合条件的条目。",
    details: "详情",
    edit_label: |title| format!("修改“{title}”"),
    delete_label: |title| format!("删除“{title}”"),
    confirm_delete: |title| format!("确定删除台账条目“{title}”？"),
    confirm_loses: |items| format!("以下自查项将失去台账佐证：{items}"),
    confirm_loses_tasks: |n| format!("{n} 项整改任务将失去对应的台账条目"),
    confirm_loses_nothing: "没有自查项会因此失去佐证。",
    confirm_yes: "确定删除",
    deleted: |title| format!("已删除“{title}”"),
    print: "打印台账",
    print_by: "打印方式",
    print_by_date: "按年度（按日期）",
    print_by_type: "按类型",
    print_title: |year| format!("{year} 年度意识形态工作台账"),
    calendar_title: |year| format!("{year} 年重要时间节点（4.1.8 节点前瞻性专题分析）"),
    calendar_lead:
        "每个节点前 30 天内应有一条“节点前瞻性专题分析”。标“预计”的日期以当年国务院通知为准。",
    calendar_none: "该年度不在日历范围内。",
    col_date: "日期",
    col_name: "节点",
    col_kind: "类别",
    key_date_kind: |k| k.label(),
    col_analysis: "专题分析",
    days_off: |n, first| format!("放假 {n} 天，自 {first} 起"),
    add_analysis: |name| format!("为“{name}”新增专题分析"),
    analysis_title: |name| format!("{name}前瞻性专题分析"),
    read_only: "只读：这是收到的文件。",
    summary_more: |n| format!("展开全文（{n} 字）"),
    draft_kept: "未保存：这是上次离开时没有保存的内容，已从本浏览器中恢复；保存后才计入台账。",
    print_partial: |shown, total| {
        format!(
            "此处只打印了已列出的 {shown} 条（共 {total} 条）；请用“打印台账”按钮打印全部条目。"
        )
    },
};

#[cfg(feature = "full")]
pub const PAGE_EN: LedgerPageTexts = LedgerPageTexts {
    heading: "Ledger",
    lead: "The dated record of meetings, study sessions, inspections and analyses; each entry can evidence one or more items, and the yearly quotas are counted from it.",
    new_entry: "New ledger entry",
    new_form: "New ledger entry",
    edit_form: |title| format!("Edit ledger entry \"{title}\""),
    place: "Place",
    count: "Number of participants",
    count_hint: "A whole number, optional",
    participants: "Participants",
    summary: "Summary",
    doc_no: "Document number",
    kept_at: "Where the papers are kept",
    items: "Items it evidences",
    items_chosen: |n| format!("Items it evidences ({n} chosen)"),
    not_saved: "Not saved: correct the fields named. What you typed stays in the form.",
    unknown_item: |id| format!("{id} (not in this plan)"),
    search: "Search the ledger",
    filter_activity: "Filter by type",
    filter_month: "Filter by month",
    filter_item: "Filter by item",
    all: "All",
    clear_filters: "Clear filters",
    shown: |shown, total| format!("{shown} of {total} entries shown"),
    empty: "The ledger has no entries yet.",
    none_match: "No entry matches.",
    details: "Details",
    edit_label: |title| format!("Edit \"{title}\""),
    delete_label: |title| format!("Delete \"{title}\""),
    confirm_delete: |title| format!("Delete the ledger entry \"{title}\"?"),
    confirm_loses: |items| format!("These items lose their ledger evidence: {items}"),
    confirm_loses_tasks: |n| format!("{n} rectification task(s) lose their ledger entry"),
    confirm_loses_nothing: "No item loses its evidence.",
    confirm_yes: "Delete",
    deleted: |title| format!("\"{title}\" deleted"),
    print: "Print the ledger",
    print_by: "Print",
    print_by_date: "By year (by date)",
    print_by_type: "By type",
    print_title: |year| format!("Ideological work ledger {year}"),
    calendar_title: |year| format!("Key dates {year} (4.1.8 forward-looking analysis)"),
    calendar_lead: "Each key date needs a forward-looking analysis in the 30 days before it. Dates marked estimated follow the State Council's notice of the year.",
    calendar_none: "The calendar does not cover this year.",
    col_date: "Date",
    col_name: "Key date",
    col_kind: "Kind",
    key_date_kind: |k| match k {
        zrz_domain::calendar::KeyDateKind::Statutory => "Statutory holiday",
        zrz_domain::calendar::KeyDateKind::Traditional => "Traditional festival",
        zrz_domain::calendar::KeyDateKind::Religious => "Religious festival",
        zrz_domain::calendar::KeyDateKind::Anniversary => "Important date",
    },
    col_analysis: "Analysis",
    days_off: |n, first| format!("{n} days off from {first}"),
    add_analysis: |name| format!("New analysis for \"{name}\""),
    analysis_title: |name| format!("Forward-looking analysis before {name}"),
    read_only: "Read only: a received file.",
    summary_more: |n| format!("Show all ({n} characters)"),
    draft_kept: "Not saved: what was typed here before leaving, brought back from this browser; it is in the ledger once saved.",
    print_partial: |shown, total| format!("Only the {shown} listed entries (of {total}) are printed here; use \"Print the ledger\" to print them all."),
};
