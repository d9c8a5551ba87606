//! 中文（默认）。

use super::*;
use crate::browser::storage::StorageFault;
use zrz_domain::checklist::ItemFilter;
use zrz_domain::record::{RecordKey, RecordKind};

pub static TEXTS: Texts = Texts {
    common: COMMON,
    shell: SHELL,
    welcome: WELCOME,
    overview: OVERVIEW,
    checklist: CHECKLIST,
    plan: PLAN,
};

const COMMON: Common = Common {
    response: |r| match r {
        Response::Implemented => "已落实",
        Response::Partial => "部分落实",
        Response::NotImplemented => "未落实",
        Response::NotApplicable => "不适用",
        Response::NotOccurred => "未发生",
        Response::Occurred => "已发生",
    },
    dimension: |d| match d {
        Dimension::De => "德",
        Dimension::Neng => "能",
        Dimension::Qin => "勤",
        Dimension::Ji => "绩",
        Dimension::Lian => "廉",
    },
    grade: |g| match g {
        Grade::Excellent => "优秀",
        Grade::Competent => "称职",
        Grade::BasicallyCompetent => "基本称职",
        Grade::Incompetent => "不称职",
    },
    role: |r| match r {
        RaterRole::SelfReview => "自评",
        RaterRole::Peer => "互评",
        RaterRole::Superior => "上级评价",
    },
    save: "保存",
    cancel: "取消",
    delete: "删除",
    edit: "修改",
    close: "关闭",
    yes: "是",
    no: "否",
    none: "无",
    not_saved: "（尚未保存）",
    red_line: "责任追究情形",
    overdue: "已逾期",
    due_on: |d| format!("完成时限 {d}"),
    owner: "责任人",
    item_link: |id| format!("检查项 {id}"),
    read_only_received: "这是报送来的文件，只读",
    printed_for: |unit, department, year, at| {
        format!("{unit} · {department} · {year} 年度 · 打印于 {at}")
    },
    printed_at: |at| format!("打印于 {at}"),
};

fn storage_fault(f: &StorageFault) -> String {
    match f {
        StorageFault::Unavailable => "浏览器禁止了本地存储（可能处于无痕/隐私模式或被策略禁用），数据无法保存。请立即在“导入导出”中导出文件保存。".into(),
        StorageFault::QuotaExceeded => "浏览器本地存储空间已满，最近的修改未能保存。请立即导出文件保存，再清理浏览器中其他网站的数据。".into(),
        StorageFault::VerifyFailed => "保存后读回的数据与写入的不一致，最近的修改可能未保存。请立即导出文件保存。".into(),
        StorageFault::Other(e) => format!("保存失败：{e}。请立即导出文件保存。"),
    }
}

fn record_name(key: &RecordKey) -> String {
    match key.kind {
        RecordKind::Profile => "单位信息".into(),
        RecordKind::RatingSettings => "评分设置".into(),
        RecordKind::Answer => format!("检查项 {}", key.id),
        RecordKind::Person => "参评人员".into(),
        RecordKind::Rating => "评分".into(),
        RecordKind::Entry => "台账记录".into(),
        RecordKind::Task => "整改任务".into(),
        RecordKind::Finding => "核查意见".into(),
    }
}

const SHELL: Shell = Shell {
    app_title_sub: "自查 · 台账 · 考核",
    skip_to_main: "跳到正文",
    main_nav: "主导航",
    nav_overview: "总览",
    nav_checklist: "各章自查",
    nav_plan: "方案原文",
    nav_ledger: "台账",
    nav_rating: "德能勤绩廉评分",
    nav_exchange: "导入导出",
    nav_rectification: "整改",
    nav_summary: "汇总",
    nav_settings: "设置",
    nav_guide: "使用说明",
    nav_scrolls: "可左右滑动",
    language: "界面语言",
    language_name: |l| match l {
        Lang::Zh => "中文",
        Lang::En => "English",
    },
    saved_locally: "数据保存在本浏览器中",
    saved_at: |hm| format!("已保存 {hm}"),
    save_failed: "保存失败",
    read_only: "只读",
    save_failed_detail: |fault, unsaved| {
        if unsaved > 0 {
            format!("{fault}（有 {unsaved} 项修改尚未保存，仍保留在本页中，下次修改时会再次尝试保存。）")
        } else {
            fault.to_string()
        }
    },
    read_only_detail: |found, supported| {
        format!("本浏览器中的数据由更新版本的应用写入（数据版本 {found}，本应用支持到 {supported}），为避免损坏数据，本页只读。请使用新版应用。")
    },
    storage_fault,
    unreadable_kept: |key, reason, kept| {
        match kept {
        Some(k) => format!("本浏览器中保存的一项数据（{key}）无法读取（{reason}）。原数据未删除，已另存为“{k}”，可在“设置”中下载；其余数据照常使用。"),
        None => format!("本浏览器中保存的一项数据（{key}）无法读取：{reason}。原数据未删除。"),
    }
    },
    upgraded: "本浏览器中的数据已升级为新的保存方式。",
    sync_title: "另一窗口同时修改了相同的内容：",
    sync_kept_ours: |what| format!("{what}：已保留本窗口的修改。"),
    sync_kept_theirs: |what| format!("{what}：已采用另一窗口较新的修改。"),
    sync_take_other: "改用另一版本",
    sync_dismiss: "知道了",
    record_name,
    red_line_banner: |n, ids| format!("本单位有 {n} 项责任追究情形已发生（{ids}）。"),
    red_line_banner_lead: "责任追究：",
    view: "查看",
    not_found_title: "页面不存在",
    not_found: |addr| format!("地址 {addr} 不对应任何页面。"),
    back_to_overview: "返回总览",
    loading_full: "正在打开完整版……",
};

const WELCOME: Welcome = Welcome {
    title: "欢迎使用",
    lead: "本工具用于落实《意识形态工作责任制实施方案》：各科室、局直属单位逐项自查方案规定的每项职责，按日期登记台账，进行德能勤绩廉评分，并把自评导出为文件报送局党组办公室；党组办公室接收各单位的文件，汇总、核查并跟踪整改。所有数据只保存在本电脑的浏览器中。",
    who_title: "这台电脑由谁使用？",
    role_department: "科室、局直属单位",
    role_department_hint: "填写本单位的自查、台账和评分，导出自评文件报送",
    role_office: "局党组办公室",
    role_office_hint: "接收各单位报送的文件，汇总、核查、跟踪整改",
    role_both: "两者都是",
    role_both_hint: "党组办公室也填写本单位自己的自查",
    steps_title: "使用步骤",
    department_steps: [
        "设置：填写单位、科室、填报人和年度",
        "自查：逐章逐项填写落实情况",
        "台账：按日期登记会议、学习、督查等活动",
        "评分：德能勤绩廉评分",
        "导出：把自评文件报送党组办公室",
    ],
    office_steps: [
        "接收：导入各单位报送的文件",
        "汇总：查看进度、得分、红线和等次",
        "核查：逐项核实，反馈意见，跟踪整改",
    ],
    setup_title: "开始使用",
    setup_lead: "请先填写本单位信息。这些信息会写入导出的自评文件，便于局党组办公室汇总；以后可在“设置”中修改。",
    unit: "单位名称",
    unit_hint: "例如：县文化广播影视局",
    department: "科室/直属单位",
    department_hint: "例如：办公室",
    filled_by: "填报人",
    filled_by_hint: "姓名",
    year: "评估年度",
    year_not_a_number: "评估年度应为四位数字年份，例如 2025",
    start: "开始自查",
    saved: "已保存",
    role_store_failed: |fault| format!("无法保存选择：{fault}"),
};

const OVERVIEW: Overview = Overview {
    title: "总览",
    who: |unit, department, year, by| format!("{unit} · {department} · {year} 年度 · 填报人 {by}"),
    score_label: "自查得分（百分制）",
    score_hint: "不适用的检查项不计入分母；未填的检查项按 0 分计。",
    progress_label: "填报进度",
    progress_hint: "已作答检查项 / 全部检查项",
    red_lines_label: "责任追究红线",
    red_lines_none_answered: "尚未作答",
    red_lines_occurred: |n| format!("已发生 {n} 项"),
    red_lines_clear: "均未发生",
    red_lines_open: |answered, open| format!("已作答 {answered} 项，尚有 {open} 项未作答"),
    red_lines_all_answered: "各项均已作答",
    red_line_warning: "警告：本单位存在已发生的责任追究情形。",
    chapters_title: "各章进度",
    col_chapter: "章节",
    col_progress: "进度",
    col_answered: "已填",
    col_points: "得分/应得",
    overdue_title: "已逾期事项",
    overdue_row: |_, due, owner| {
        let owner = if owner.trim().is_empty() {
            "未填"
        } else {
            owner
        };
        format!("（完成时限 {due}，责任人 {owner}）")
    },
    drafts_title: "有未完成的修改尚未保存：",
    drafts_hint: "这些检查项的修改还缺少必填内容，已暂存在本浏览器中，补全后才会保存。",
    last_export: |at, days, changes| {
        format!("上次导出：{at}（{days} 天前）；此后修改 {changes} 处。")
    },
    never_exported: "尚未导出过。",
    backup_never: |n| {
        format!("数据只保存在本浏览器中，尚未导出过备份（已修改 {n} 处）。请在“导入导出”中导出文件保存。")
    },
    backup_overdue: |days, n| {
        format!("距上次导出已 {days} 天，其间修改 {n} 处。建议立即导出备份，以免清理浏览器时丢失。")
    },
    go_export: "去导出",
};

const CHECKLIST: Checklist = Checklist {
    next_unanswered: "下一项未填",
    all_answered: "所有检查项都已作答。",
    filters: "筛选",
    filter: |f| match f {
        ItemFilter::All => "全部",
        ItemFilter::Unanswered => "未填",
        ItemFilter::Partial => "部分落实",
        ItemFilter::Flagged => "待核实",
        ItemFilter::Overdue => "已逾期",
    },
    filtered_title: |f| format!("筛选：{f}"),
    filter_empty: "没有符合条件的检查项。",
    chapters: "章节",
    dimension_title: "考核维度",
    red_line_badge: "责任追究情形",
    overdue_badge: |due| format!("已逾期（完成时限 {due}）"),
    quota: |n, name| format!("年度次数要求：每年至少 {n} 次（{name}）"),
    legend_occurred: "是否发生",
    legend_response: "落实情况",
    reason: "原因（必填）",
    occurred_on: "发生日期（必填）",
    note_occurred: "具体情况（必填）",
    note: "落实情况说明",
    more: "佐证材料、责任人与时限",
    evidence: "佐证材料",
    evidence_what: "材料名称",
    evidence_where: "存放位置",
    evidence_doc_no: "文号",
    evidence_add: "添加佐证材料",
    evidence_remove: |n| format!("删除第 {n} 条佐证材料"),
    owner: "责任人",
    due: "完成时限",
    done: "完成日期",
    flagged: "待核实",
    draft_kept: "已暂存在本浏览器中，刷新或切换章节也不会丢失。",
    discard_draft: "放弃这次修改",
    other_window: "另一窗口",
};

const PLAN: PlanPage = PlanPage {
    to_checklist: |chapter| format!("填写“{chapter}”的自查"),
};
