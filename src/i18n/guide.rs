//! 使用说明 and 示例数据: the words of the guide page, in both languages.

/// One step of a journey: its name, what to do there, and the page it is done on.
pub type Step = (&'static str, &'static str);

pub struct GuideTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub department_title: &'static str,
    /// 设置 → 自查 → 台账 → 评分 → 导出, in that order (the page links each to its page).
    pub department_steps: [Step; 5],
    pub office_title: &'static str,
    /// 接收 → 汇总 → 核查 → 整改跟进.
    pub office_steps: [Step; 4],
    pub data_title: &'static str,
    pub data_points: [&'static str; 4],
    pub offline_title: &'static str,
    pub offline_points: [&'static str; 3],
    pub demo_title: &'static str,
    pub demo_lead: &'static str,
    pub demo_load: &'static str,
    pub demo_loaded: &'static str,
    /// Why loading is not offered: the record already holds the department's own work.
    pub demo_not_empty: &'static str,
    pub demo_is_loaded: &'static str,
    pub demo_remove: &'static str,
    pub demo_confirm_remove: &'static str,
    pub demo_removed: &'static str,
    pub demo_read_only: &'static str,
    pub demo_see: &'static str,
}

pub const ZH: GuideTexts = GuideTexts {
    title: "使用说明",
    lead: "本工具用于落实《意识形态工作责任制实施方案》：科室、局直属单位逐条自查方案规定的职责，记台账，做“德能勤绩廉”评分，导出自评文件交局党组办公室；局党组办公室接收各单位的文件，汇总、核查，把核查意见发回，跟进整改和责任追究。全部数据只保存在本浏览器中，不经过任何服务器。",
    department_title: "科室、局直属单位：五步",
    department_steps: [
        ("设置", "填写单位、科室、填报人和评估年度。只需填一次，可随时修改。"),
        ("自查", "在“各章自查”中逐条选择落实情况，写明落实情况说明和佐证材料；未落实、不适用须写明原因，红线条目选择未发生或已发生。"),
        ("台账", "记下全年开展的会议、学习、培训、督查和研判，写明日期、文号和资料存放位置，并关联到它所证明的条目。次数要求（如每年两次）按台账自动计数。"),
        ("评分", "在“德能勤绩廉评分”中录入领导干部的自评、互评和上级评价，查看加权结果和等次。"),
        ("导出", "在“导入导出”中导出自评文件（.json），通过邮件或 U 盘交局党组办公室；收到核查意见文件后在同一页导入，到“整改”中逐条整改。"),
    ],
    office_title: "局党组办公室：四步",
    office_steps: [
        ("接收", "在“汇总”中一次选取或拖入各单位的文件（可以是整个文件夹），逐个显示收下、替换旧版、重复或拒收的原因。"),
        ("汇总", "一张表看各单位的完成度、得分、次数要求、逾期、红线和干部等次；可导出工作簿、CSV 和 Word 报告，或直接打印。"),
        ("核查", "对每个单位的条目逐条核实、存疑或认定不属实，写明核查方式和意见；自评分和核定分并列显示。"),
        ("整改跟进", "把核查意见按单位导出为文件发回；各单位导入后整改，下次导出时带上整改进度。已发生的红线在此记录责任追究的处理。"),
    ],
    data_title: "数据保存在哪里",
    data_points: [
        "数据保存在本电脑本浏览器的本地存储中，随填随存，无需点保存。换电脑、换浏览器或清除浏览器数据前，请先在“导入导出”中下载“全部数据备份”。",
        "导入同事的文件时，先预览再合并，可撤销；其他科室、其他年度的文件不会并入本科室的记录。",
        "“脱敏”导出的文件去掉了姓名和说明文字，只能只读查看，适合给办公室以外的人员。",
        "可以为导出的文件设置口令；口令遗失后文件无法打开，请妥善保管。",
    ],
    offline_title: "离线和单文件版",
    offline_points: [
        "从内网服务器打开过一次后，服务器断开时本工具仍可打开和使用；有新版本时下次打开会提示。",
        "没有服务器的单位可以使用单文件版（zrz-single.html）：用 Chrome、Edge、360 或 QQ 浏览器（极速模式）直接打开即可，数据同样保存在浏览器中，导出的文件与网页版通用。",
        "打印：每个页面都可以直接打印或另存为 PDF，打印时不显示按钮和导航。",
    ],
    demo_title: "示例数据",
    demo_lead: "加载一个标有“【示例】”的演示科室（全年的自查、台账、评分和一项整改），可以先看看每个页面填好后的样子。示例数据只能加载到空白记录中，不会覆盖任何已填写的内容，看完可一键移除。",
    demo_load: "加载示例数据",
    demo_loaded: "示例数据已加载。请打开总览、各章自查、台账和评分看看；看完回到本页移除。",
    demo_not_empty: "本浏览器已有本科室填写的内容，为避免混淆，示例数据只能加载到空白记录中。",
    demo_is_loaded: "当前显示的是示例数据（科室名称以“【示例】”开头），不是真实科室的记录。",
    demo_remove: "移除示例数据",
    demo_confirm_remove: "确定移除示例数据？示例科室的自查、台账、评分和整改将全部删除，加载前的单位信息恢复原样。",
    demo_removed: "示例数据已移除。",
    demo_read_only: "当前数据为只读，不能加载或移除示例数据。",
    demo_see: "查看总览",
};

pub const EN: GuideTexts = GuideTexts {
    title: "Guide",
    lead: "This tool carries out the Implementation Plan of the Ideological Work Responsibility System: departments and directly affiliated units check every duty the plan sets, keep the ledger, rate their leading cadres on the five dimensions and export a self-assessment file for the Party group office; the office receives every unit's file, consolidates and verifies them, sends findings back and follows up rectification and accountability. All data stays in this browser and passes through no server.",
    department_title: "Departments and units: five steps",
    department_steps: [
        ("Settings", "Enter the unit, the department, who fills in the form and the year. Once is enough; you can change it at any time."),
        ("Self-check", "In Self-check, choose how each duty was carried out, with a note and the evidence; not carried out and not applicable need a reason, and each red line is answered did not occur or occurred."),
        ("Ledger", "Record the year's meetings, study sessions, trainings, inspections and analyses with their date, document number and where the papers are kept, and link each to the duties it evidences. Annual quotas (such as twice a year) are counted from the ledger."),
        ("Rating", "In Rating, enter the cadres' self, peer and superior ratings and see the weighted results and grades."),
        ("Export", "In Import & export, export the self-assessment file (.json) and send it to the office by mail or USB stick; when the office's findings come back, import them on the same page and work through them in Rectification."),
    ],
    office_title: "The Party group office: four steps",
    office_steps: [
        ("Receive", "In Summary, pick or drop every unit's file at once (a whole folder too); each file is shown as added, replacing an older one, identical, or refused with the reason."),
        ("Summary", "One table shows each unit's completion, score, quotas, overdue items, red lines and cadre grades; export a workbook, CSV or a Word report, or print it."),
        ("Verify", "Confirm, doubt or reject each unit's answers item by item, with the method and a note; the self-assessed and verified scores are shown side by side."),
        ("Follow-up", "Export the findings as one file per unit and send them back; each unit imports them, rectifies, and its next export carries the progress. Accountability for a red line that occurred is recorded here."),
    ],
    data_title: "Where the data is kept",
    data_points: [
        "Data is kept in this browser on this computer and saved as you type; there is no save button. Before changing computer or browser, or clearing the browser's data, download a full backup in Import & export.",
        "A colleague's file is previewed before it is merged, and the merge can be undone; files of another department or year are never merged into this department's record.",
        "A sanitised export leaves out names and notes and opens read only: for people outside the office.",
        "Exported files can be protected with a passphrase; without the passphrase the file cannot be opened, so keep it safe.",
    ],
    offline_title: "Offline and the one-file version",
    offline_points: [
        "Once opened from an intranet server, the tool opens and works while the server is unreachable; a new version is announced on the next visit.",
        "Units without a server can use the one-file version (zrz-single.html): open it straight from disk in Chrome, Edge, 360 or QQ Browser (high-speed mode). Its data is kept in the browser the same way and its files are interchangeable with the hosted version's.",
        "Printing: every page prints or saves as PDF directly, without buttons or navigation.",
    ],
    demo_title: "Demo data",
    demo_lead: "Load a demo department, marked as such in its name (a year of self-check, ledger, ratings and one rectification task) to see every page filled in. Demo data is loaded only into an empty record, never over anything already entered, and is removed in one click.",
    demo_load: "Load demo data",
    demo_loaded: "Demo data loaded. Open the overview, self-check, ledger and rating pages; come back here to remove it.",
    demo_not_empty: "This browser already holds the department's own entries; to avoid mixing them, demo data is loaded only into an empty record.",
    demo_is_loaded: "The data shown is demo data (its department name carries the demo mark), not a real department's record.",
    demo_remove: "Remove demo data",
    demo_confirm_remove: "Remove the demo data? The demo department's self-check, ledger, ratings and tasks are all deleted, and the unit details from before it was loaded come back.",
    demo_removed: "Demo data removed.",
    demo_read_only: "The data is read only: demo data cannot be loaded or removed.",
    demo_see: "See the overview",
};
