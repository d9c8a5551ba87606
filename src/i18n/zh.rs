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
    errors: super::errors::ZH,
    ledger: super::ledger::ZH,
    #[cfg(feature = "full")]
    ledger_page: super::ledger::PAGE_ZH,
    #[cfg(feature = "full")]
    rating: full::RATING,
    #[cfg(feature = "full")]
    settings: full::SETTINGS,
    #[cfg(feature = "full")]
    guide: super::guide::ZH,
    rect: super::review::NOTE_ZH,
    #[cfg(feature = "full")]
    review: super::review::ZH,
    #[cfg(feature = "full")]
    summary: super::summary::ZH,
    #[cfg(feature = "full")]
    exchange: super::exchange::ZH,
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
    list_sep: "、",
    clause_sep: "；",
    colon: "：",
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
        RecordKind::OfficeReview => "核查结论（责任追究、核定分）".into(),
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
    saving: "正在保存…",
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

#[cfg(feature = "full")]
mod full {
    use super::super::{RatingTexts, SettingsTexts};
    use zrz_domain::number::fmt1;
    use zrz_domain::record::{EditError, Grade, RaterRole};
    use zrz_domain::scoring::{CapRounding, EvidenceStatus, VetoKind};

    fn role(r: RaterRole) -> &'static str {
        (super::COMMON.role)(r)
    }

    fn grade(g: Grade) -> &'static str {
        (super::COMMON.grade)(g)
    }

    fn dimension(d: zrz_domain::Dimension) -> &'static str {
        (super::COMMON.dimension)(d)
    }

    fn rounding(r: CapRounding) -> &'static str {
        match r {
            CapRounding::Nearest => "按人数四舍五入，不足 1 人按 1 人",
            CapRounding::Down => "按人数向下取整",
        }
    }

    pub const RATING: RatingTexts = RatingTexts {
        title: "德能勤绩廉评分",
        lead: |superior| format!("按方案四（一）5，把意识形态工作情况纳入“德能勤绩廉”干部考核：对本单位每位领导干部，按德、能、勤、绩、廉五个维度，由本人自评、同事互评、{superior}上级评价，加权合成总分并评定等次。每项评分旁列出方案中的考核指标和本单位自查的落实情况，便于对照事实评分。评分随填随存。"),
        settings_summary: |dims, roles, share, r, superior| {
            format!("当前评分设置：维度权重 {dims}；评价主体权重 {roles}；上级评价由“{superior}”给出；优秀比例上限 {share}%（{}）。", rounding(r))
        },
        change_settings: "修改评分设置",
        weight_part: |name, w| format!("{name} {w}%"),

        people_title: "参评人员",
        people_hint: "本单位参加考核的领导干部及其在方案第三部分中的责任层级。负第一责任等层级（见“设置”）的人员，以及在已发生红线中被列为责任人的人员，等次受红线封顶。",
        col_name: "姓名",
        col_post: "职务",
        col_level: "责任层级",
        col_ratings: "评分",
        col_actions: "操作",
        rating_count: |n| format!("{n} 条"),
        confirm_remove_person: |name, n, given| {
            let given = if given > 0 {
                format!("其给出的 {given} 条互评仍保留（可在“互评人”中删除）。")
            } else {
                String::new()
            };
            format!("删除“{name}”将同时删除其 {n} 条评分，{given}确定吗？")
        },
        confirm_group: "确认删除",
        confirm_delete: "确认删除",
        edit_person_form: |name| format!("修改{name}的信息"),
        add_person_form: "添加参评人员",
        add_person: "添加人员",
        post_hint: "例如：党组书记、局长",
        level_option: |label, holder| format!("{label}（{holder}）"),
        level_default_label: super::super::scoring::zh::level_label,
        level_default_holder: super::super::scoring::zh::level_holder,
        superior_default: "党组",
        edit_error: |e| match e {
            EditError::Person(e) => (super::super::errors::ZH.field)(e),
            EditError::NameGivesRatings { name, given } => format!("“{name}”已作为互评人给出 {given} 条评分，改用这个姓名会把两人的评分混在一起；如是同一人，请先在“互评人”中把其评分删除或改名"),
            EditError::RaterBlank => "请填写互评人姓名".into(),
            EditError::RaterIsPerson { name } => format!("“{name}”是参评人员，已参加互评；参评人员的姓名请在“参评人员”中修改"),
            EditError::RaterExists { name } => format!("已有互评人“{name}”"),
            EditError::UnknownRater { name } => format!("没有名为“{name}”的互评人"),
        },

        raters_title: "互评人",
        raters_hint: "参评人员之间互相评价；其他参加互评的干部职工请在此添加。互评按评价人分别记录，同一维度先在互评人之间平均，再与自评、上级评价加权。",
        rater_is_person: "参评人员",
        rater_unlisted: "仅见于评分记录",
        rater_given: |n| format!("已给出 {n} 条评分"),
        rater_name_of: |name| format!("互评人“{name}”的姓名"),
        add_rater_form: "添加互评人",
        rater_name: "互评人姓名",
        add_rater: "添加互评人",
        remove_rater: |name| format!("删除互评人“{name}”"),
        confirm_remove_rater: |name, n| format!("删除互评人“{name}”及其 {n} 条评分？"),

        summary_title: "评分结果一览",
        summary_hint: "点击表头可排序（再次点击反向）；点击姓名查看其评分与计算过程。",
        col_total: "总分",
        col_grade: "等次",
        col_vetoes: "一票否决",
        sort_hint: "排序",
        veto_short: |v| match v {
            VetoKind::LianIncompetent => "廉不称职".into(),
            VetoKind::RedLine { item_id } => format!("红线 {item_id}"),
        },
        no_figure: "—",
        grade_open: "未定",
        share: super::super::scoring::zh::share,
        share_exceeded_lead: "优秀比例超限：",
        share_exceeded_tail: "。请复核等次，或按规定调整优秀人数。",
        share_pending: "（等次未定的人员也计入参评人数。）",

        per_person_title: "逐人评分",
        no_people: "请先在上方添加参评人员。",
        picker: "选择评分对象",
        result_heading: |name, post, level| {
            if post.is_empty() {
                format!("{name}（{level}）的评分结果")
            } else {
                format!("{name}（{post}，{level}）的评分结果")
            }
        },
        result_label: "评分结果",
        grade_changed: |before, after| format!("总分对应{}，因一票否决定为{}", grade(before), grade(after)),
        vetoes_title: "一票否决",
        settings_invalid: |e| format!("评分设置有误（{e}），请到“设置”中修正；暂不计算。"),
        missing_dimensions: |dims| format!("缺少 {dims} 的评分，总分和等次暂不计算；请补齐评分。"),
        renormalised: |items| format!("部分评价主体尚未评分，这些维度的权重已按已有评价主体折算为 100%：{items}。"),
        renormalised_item: |d, missing| format!("{}（缺{missing}）", dimension(d)),
        ignored: |d, r, rater, reason| {
            let rater = if rater.is_empty() { String::new() } else { format!("（{rater}）") };
            format!("未计入：{}·{}{rater}——{reason}", dimension(d), role(r))
        },
        how: "如何计算",
        step_text: |s| super::super::scoring::zh::step(&s.detail),
        veto_text: |v| super::super::scoring::zh::veto(&v.reason),
        ignored_reason: |i| super::super::scoring::zh::ignore_reason(&i.reason),
        radar_label: |scores| {
            let parts: Vec<String> = scores
                .iter()
                .map(|(d, s)| format!("{} {}", dimension(*d), s.map_or("未评".to_string(), fmt1)))
                .collect();
            format!("五个维度得分雷达图：{}", parts.join("，"))
        },

        entry_title: "评分录入",
        entry_hint: "每格选择等次，或选“按分数”后填写 0–100 的分数；选“未评”即删除该项评分。",
        dimension_block: |d| format!("{} 维度评分", dimension(d)),
        weight: |w| format!("权重 {w}%"),
        dimension_score: "维度得分",
        role_note: |r, avg, w| format!("{}平均 {avg}，计权 {w}%", role(r)),
        indicators_title: "考核指标与自查佐证（点击指标查看方案原文和对应检查项）",
        indicators_mismatch: |e| format!("考核指标与当前方案模板不一致，暂不显示佐证：{e}"),
        indicator_error: super::super::scoring::zh::indicator,
        evidence_status: |s| match s {
            EvidenceStatus::RedLineOccurred => "红线情形已发生",
            EvidenceStatus::Incomplete => "尚未填完",
            EvidenceStatus::Met => "已落实",
            EvidenceStatus::NotMet => "未落实",
            EvidenceStatus::PartlyMet => "部分落实",
            EvidenceStatus::NotApplicable => "不适用",
        },
        indicator_source: |source, answered, total| format!("（方案{source}；已填 {answered}/{total}）"),
        unanswered: "未填",
        evidence_count: |n| format!("佐证材料 {n} 份"),
        owner_is: |o| format!("责任人 {o}"),
        flagged: "待核实",
        not_in_template: "方案模板中没有此项",
        no_peers: "尚无互评人：参评人员之间互相评价，也可在上方“互评人”中添加。",
        cell_peer: |name| format!("互评·{name}"),
        superior_by: |name| format!("上级评价由“{name}”给出（可在“设置”中修改）。"),
        not_rated: "未评",
        by_score: "按分数",
        grade_option: |g, score| format!("{}（{score}）", grade(g)),
        score_of: |cell| format!("{cell} 分数"),
        score_placeholder: "0–100",
        score_empty: "请填写 0 到 100 之间的分数",
        score_not_a_number: |t| format!("“{t}”不是数字，请填写 0 到 100 之间的分数"),
        not_saved_in_force: |e, in_force| format!("{e}（尚未保存；当前计入：{in_force}）"),
        read_only: "这是报送来的文件，只能查看，不能修改。",
    };

    pub const SETTINGS: SettingsTexts = SettingsTexts {
        title: "设置",
        profile_title: "单位信息",
        profile_save: "保存单位信息",

        rating_title: "评分设置（德能勤绩廉）",
        rating_hint: "以下设置决定各维度、各评价主体的分数如何合成总分和等次。修改后点击“保存评分设置”：设置有误时不会保存，并提示应修改之处，评分仍按上次保存的设置计算。",
        stored_invalid: |e| format!("当前保存的评分设置有误，评分暂不计算：{e}"),
        dimension_weights: "维度权重（%，合计应为 100）",
        role_weights: "评价主体权重（%，合计应为 100；互评先在评价人之间平均）",
        grade_scores: "等次对应分（按等次评价时计入的分数）",
        bands: "总分等次分数段（下限 ≤ 总分 < 上限；优秀档含 100）",
        band_min: |g| format!("{}档下限", grade(g)),
        band_max: |g| format!("{}档上限", grade(g)),
        vetoes: "一票否决",
        lian_veto: "“廉”维度得分属不称职档时，等次定为不称职",
        red_line_cap: "发生责任追究情形（第七部分红线）时，相关责任人等次最高为",
        cap_off: "不封顶（关闭）",
        responsible_levels: "对每一项已发生的红线负责的责任层级（另加该项所列责任人）",
        share_title: "优秀比例",
        share_max: |max| format!("优秀比例上限（%，不超过 {max}）"),
        cap_rounding: "优秀人数上限 = 参评人数 × 优秀比例上限，取整方式",
        rounding: |r| match r {
            CapRounding::Nearest => "四舍五入，不足 1 人按 1 人（通常做法；如 3 人 × 15% = 0.45，最多 1 人优秀）",
            CapRounding::Down => "向下取整（如 3 人 × 15% = 0.45，不能评优秀；10 人 × 15% = 1.5，最多 1 人）",
        },
        names_title: "本单位的责任层级和评价人",
        names_hint: "方案第三部分按局领导班子写明了四个责任层级。科室可按本单位实际填写各层级的名称和承担者，以及上级评价由谁给出；留空即使用方案中的名称。红线由哪些层级负责，在上方勾选。",
        level_label: |default| format!("“{default}”的名称"),
        level_holder: |default| format!("“{default}”的承担者"),
        superior_rater: "上级评价的评价人",
        sum: |s| format!("合计 {s}"),
        sum_unknown: "合计 —",
        save: "保存评分设置",
        defaults: "恢复默认",
        revert: "放弃修改",
        dirty: "有未保存的修改",
        saved: "评分设置已保存，评分结果已按新设置重新计算。",
        unchanged: "评分设置没有变化。",
        defaults_filled: "已填入默认设置，点击“保存评分设置”后生效。",
        reverted: "已恢复为当前生效的设置。",
        refused: |m| format!("评分设置未保存：{m}。评分仍按上次保存的设置计算。"),
        weight_of: |name| format!("“{name}”的权重"),
        grade_score_of: |g| format!("“{}”对应分", grade(g)),
        share_max_name: "优秀比例上限",
        number_empty: |what| format!("请填写{what}"),
        number_not_a_number: |what, t| format!("{what}“{t}”不是数字，请填写 0 到 100 之间的数"),
        settings_error: |e| super::super::scoring::zh::settings(&e.problem),

        role_title: "这台电脑由谁使用",
        role_hint: "决定导航中显示哪些页面：科室填写本单位的自查、台账和评分；党组办公室接收、汇总和核查各单位的文件。改变选择不会删除任何数据。",
        role_saved: "已保存",
        language_hint: "切换语言后页面会重新载入，所有数据都保留。方案原文和填写的内容不翻译。",

        storage_title: "数据存放",
        storage_intro: "所有数据只保存在本电脑的这个浏览器中，不会上传到任何服务器。更换电脑或清除浏览器数据前，请先在“导入导出”中导出文件。",
        persisted: |p| match p {
            Some(true) => "浏览器已同意持久保存本站数据：存储空间紧张时不会自动清除。",
            Some(false) => "浏览器未同意持久保存本站数据：存储空间紧张或清理浏览器时数据可能被清除，请定期导出备份。",
            None => "浏览器未回答是否持久保存本站数据（可能不支持）：请定期导出备份。",
        },
        usage: |chars, percent| format!("本站在浏览器本地存储中约占 {chars} 个字符，约为上限（约 500 万字符）的 {percent}%。"),
        usage_bar: "本地存储已用比例",
        quarantined: "以下是启动时无法读取的数据，已原样另存，没有删除。可下载后交信息化人员检查：",
        download_raw: "下载原始数据",
        download_failed: |e| format!("下载失败：{e}"),
    };
}
