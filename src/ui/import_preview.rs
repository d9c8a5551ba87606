//! What an import would do, shown before anything is applied: a merge item by item with its
//! conflicts side by side, a 年度方案's kept and set-aside answers, a backup's replacements.
//! Everything from the file is rendered as text.

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value;

use super::import_file::{Importer, Loaded, HEADING_ID};
use crate::browser::clock;
use zrz_domain::plan::Template;
use zrz_domain::record::{Answer, Assessment};
use zrz_exchange::state::StoredState;
use zrz_exchange::{
    AnnualPlanUpdate, Change, EntryKey, MergeEntry, MergePlan, Section, Side, Version,
};

/// At most `max` characters, with "…" when cut.
fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "（空）".into(),
        Value::Object(map) => {
            let mut map = map.clone();
            map.remove("updated_at");
            Value::Object(map).to_string()
        }
        other => other.to_string(),
    }
}

/// The template's text for an item, or a note that the template has no such item.
fn item_text(template: &Template, id: &str) -> String {
    match template.item(id) {
        Some(item) => short(&item.text, 40),
        None => "（本方案中没有此检查项，答复单独保留）".into(),
    }
}

/// What a record is, beside its id: the item's text, a person's name.
fn context(template: &Template, key: &EntryKey, sample: Option<&Version>) -> String {
    match &key.section {
        Section::Answers => item_text(template, &key.id),
        Section::People => sample
            .and_then(|v| v.value.get("name"))
            .map(value_text)
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn response_text(a: &Answer) -> String {
    a.response
        .map(|r| r.label().to_string())
        .unwrap_or_else(|| "未作答".into())
}

/// One line for the table's "导入后" column.
fn summary(section: &Section, v: &Version) -> String {
    match (section, v.answer()) {
        (Section::Answers, Some(a)) => {
            let mut out = response_text(&a);
            if !a.note.trim().is_empty() {
                out.push_str(&format!("；{}", short(&a.note, 20)));
            }
            out
        }
        _ => short(&value_text(&v.value), 40),
    }
}

/// Every field of a record, for the side-by-side view of a conflict.
fn detail(section: &Section, v: &Version) -> Vec<(&'static str, String)> {
    let Some(a) = v.answer().filter(|_| *section == Section::Answers) else {
        return vec![("内容", value_text(&v.value))];
    };
    let mut out = vec![("答复", response_text(&a))];
    let mut text = |label: &'static str, value: &str| {
        if !value.trim().is_empty() {
            out.push((label, value.to_string()));
        }
    };
    text("原因", &a.reason);
    text("说明", &a.note);
    text("责任人", &a.owner);
    let evidence: Vec<String> = a
        .evidence
        .iter()
        .filter(|e| !e.is_empty())
        .map(|e| {
            [&e.what, &e.doc_no]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    text("佐证材料", &evidence.join("；"));
    for (label, date) in [
        ("完成时限", a.due),
        ("完成日期", a.done),
        ("发生日期", a.occurred_on),
    ] {
        if let Some(d) = date {
            out.push((label, d.to_string()));
        }
    }
    if a.flagged {
        out.push(("待核实", "是".into()));
    }
    out
}

fn when(v: &Version) -> String {
    v.updated_at
        .map(clock::local_datetime)
        .unwrap_or_else(|| "未记录".into())
}

/// The header of the file: what, from whom, when, by which version.
#[component]
pub fn FileSummary(loaded: Arc<Loaded>) -> impl IntoView {
    let h = &loaded.imported.header;
    let year = if h.year == 0 {
        "未填".to_string()
    } else {
        h.year.to_string()
    };
    let mut version = format!("第 {} 版", h.format_version);
    if !loaded.imported.migrations.is_empty() {
        version.push_str("（旧版文件，已自动升级到当前格式）");
    }
    let rows: Vec<(&'static str, String)> = vec![
        ("文件", loaded.name.clone()),
        ("类型", h.kind.label().to_string()),
        ("单位", h.unit.clone()),
        ("科室", h.department.clone()),
        ("年度", year),
        (
            "方案",
            format!("{}（{} 版）", h.template.id, h.template.version),
        ),
        ("导出时间", clock::local_datetime(h.exported_at)),
        ("导出程序", h.app_version.clone()),
        ("文件格式", version),
        ("脱敏", if h.sanitized { "是" } else { "否" }.to_string()),
    ];
    let warnings: Vec<String> = loaded
        .imported
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    view! {
        <dl class="file-summary" data-testid="file-summary">
            {rows.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
        {(!warnings.is_empty()).then(|| view! {
            <div class="warnings">
                <p>"提示："</p>
                <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        })}
    }
}

/// The apply and cancel buttons, with the reason the apply button is disabled.
#[component]
fn Actions(
    importer: Importer,
    #[prop(into)] label: String,
    /// `Some(reason)` while applying is not possible.
    blocked: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="form-actions apply-actions">
            <button
                type="button"
                class="primary"
                disabled=move || blocked.get().is_some()
                aria-describedby="apply-reason"
                on:click=move |_| importer.apply()
            >
                {label}
            </button>
            <button type="button" on:click=move |_| importer.cancel()>"取消导入"</button>
        </div>
        <p id="apply-reason" class="hint" data-testid="apply-reason">{move || blocked.get()}</p>
        {move || importer.apply_error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="apply-error">{e}</p> })}
    }
}

fn change_label(change: &Change) -> (&'static str, &'static str) {
    match change {
        Change::Added { .. } => ("新增", "added"),
        Change::Changed { .. } => ("修改", "changed"),
        Change::Unchanged => ("不变", "unchanged"),
        Change::Conflict { .. } => ("冲突", "conflict"),
    }
}

fn row_testid(key: &EntryKey) -> String {
    format!("row-{}-{}", key.section.key(), key.id)
}

#[component]
pub fn MergePreview(importer: Importer, loaded: Arc<Loaded>, plan: MergePlan) -> impl IntoView {
    let app = importer.app();
    let template = app.template.get_untracked();
    let counts = plan.counts();
    let same_department = plan.same_department();
    let template_note = loaded
        .imported
        .template_match
        .as_ref()
        .and_then(|m| m.describe());
    let noop = plan.is_noop();
    let rows: Vec<_> = plan
        .entries
        .iter()
        .map(|entry| {
            let (label, class) = change_label(&entry.change);
            let (sample, after) = match &entry.change {
                Change::Added { incoming } | Change::Changed { incoming, .. } => {
                    (Some(incoming), summary(&entry.key.section, incoming))
                }
                Change::Conflict { local, .. } => (Some(local), "两边都改过，见下方选择".into()),
                Change::Unchanged => (None, "保留本机".into()),
            };
            view! {
                <tr class=class data-testid=row_testid(&entry.key)>
                    <td class="change">{label}</td>
                    <td class="key">{entry.key.to_string()}</td>
                    <td>{context(&template, &entry.key, sample)}</td>
                    <td>{after}</td>
                </tr>
            }
        })
        .collect();
    let conflicts: Vec<MergeEntry> = plan.conflicts().cloned().collect();
    let total_conflicts = conflicts.len();
    let plan = StoredValue::new(plan);
    let choose_all = move |side: Option<Side>| {
        plan.with_value(|plan| {
            let choices = match side {
                Some(side) => conflict_keys_of(plan)
                    .into_iter()
                    .map(|k| (k, side))
                    .collect(),
                None => plan.suggested_choices(),
            };
            importer.choices.set(choices);
        });
    };
    let blocked = Signal::derive(move || {
        let undecided = plan.with_value(|p| importer.undecided(p));
        (undecided > 0).then(|| {
            format!(
                "还有 {undecided} 处冲突没有选择（共 {total_conflicts} 处），全部选择后才能导入。"
            )
        })
    });
    view! {
        <div class="preview" data-testid="merge-preview">
            <h3 id=HEADING_ID tabindex="-1">{format!("导入预览：{}", loaded.name)}</h3>
            <FileSummary loaded=loaded.clone()/>
            {(!same_department).then(|| view! {
                <p class="notice notice-error" role="alert">
                    "文件中的单位、科室或年度与本机不同。合并不同科室的数据几乎总是选错了文件，请核对后再导入。"
                </p>
            })}
            {template_note.map(|t| view! { <p class="notice notice-warn">{t}</p> })}
            <p class="counts" data-testid="merge-counts">
                {format!("新增 {} 项，修改 {} 项，不变 {} 项，冲突 {} 项。", counts.added, counts.changed, counts.unchanged, counts.conflicts)}
                {noop.then_some("文件中的内容本机都已有，导入不会改变任何数据。")}
            </p>
            <table class="preview-table">
                <caption>"逐项预览（只在一方改过的项目直接采用改过的一方；两方都改过的是冲突，由您选择）"</caption>
                <thead>
                    <tr><th scope="col">"变化"</th><th scope="col">"项目"</th><th scope="col">"内容"</th><th scope="col">"导入后"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {(total_conflicts > 0).then(|| view! {
                <h3>{format!("冲突（{total_conflicts} 处）：请逐项选择保留哪一方")}</h3>
                <div class="choose-all" role="group" aria-label="批量选择">
                    <button type="button" on:click=move |_| choose_all(Some(Side::Local))>"全部采用本机"</button>
                    <button type="button" on:click=move |_| choose_all(Some(Side::Incoming))>"全部采用文件"</button>
                    <button type="button" on:click=move |_| choose_all(None)>"全部采用较新的一方"</button>
                </div>
            })}
            {conflicts.into_iter().enumerate().map(|(i, entry)| {
                let context = context(&template, &entry.key, None);
                view! { <ConflictChoice importer=importer index=i entry=entry context=context/> }
            }).collect_view()}
            <Actions importer=importer label="应用导入" blocked=blocked/>
        </div>
    }
}

fn conflict_keys_of(plan: &MergePlan) -> Vec<EntryKey> {
    plan.conflicts().map(|e| e.key.clone()).collect()
}

/// One conflict: both sides in full, with their edit times, and a choice.
#[component]
fn ConflictChoice(
    importer: Importer,
    index: usize,
    entry: MergeEntry,
    context: String,
) -> impl IntoView {
    let Change::Conflict {
        local,
        incoming,
        newer,
    } = entry.change
    else {
        return ().into_any();
    };
    let key = StoredValue::new(entry.key.clone());
    let chosen = move || {
        importer
            .choices
            .with(|c| key.with_value(|k| c.get(k).copied()))
    };
    let group = format!("conflict-{index}");
    let side = move |side: Side, version: Version| {
        let (title, button) = match side {
            Side::Local => ("本机", "采用本机"),
            Side::Incoming => ("文件", "采用文件"),
        };
        let id = format!(
            "{group}-{}",
            if side == Side::Local {
                "local"
            } else {
                "incoming"
            }
        );
        let lines = detail(&key.with_value(|k| k.section.clone()), &version);
        let newer_note = (newer == Some(side)).then_some("（较新）");
        view! {
            <div class="side" class:chosen=move || chosen() == Some(side)>
                <h4>{title}</h4>
                <dl>
                    {lines.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                    <div><dt>"修改时间"</dt><dd>{when(&version)} {newer_note}</dd></div>
                </dl>
                <p class="choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name=group.clone()
                        prop:checked=move || chosen() == Some(side)
                        on:change=move |_| importer.choices.update(|c| { c.insert(key.get_value(), side); })
                    />
                    <label for=id>{button}</label>
                </p>
            </div>
        }
    };
    let legend = format!("{} {}", entry.key, context);
    view! {
        <fieldset class="conflict" data-testid=format!("conflict-{}-{}", entry.key.section.key(), entry.key.id)>
            <legend>{legend}</legend>
            <div class="sides">
                {side(Side::Local, local)}
                {side(Side::Incoming, incoming)}
            </div>
        </fieldset>
    }
    .into_any()
}

#[component]
pub fn AnnualPlanPreview(
    importer: Importer,
    loaded: Arc<Loaded>,
    update: AnnualPlanUpdate,
) -> impl IntoView {
    let current = importer.app().template.get_untracked();
    let change = if update.previous == update.next {
        format!(
            "文件中的方案与本机正在使用的方案相同（{} 版）。",
            update.next.version
        )
    } else {
        format!(
            "方案将从“{}”{} 版更新为“{}”{} 版。",
            update.previous.id, update.previous.version, update.next.id, update.next.version
        )
    };
    let settings = if update.settings_replaced {
        "德能勤绩廉评分设置将替换为文件中的设置。"
    } else {
        "评分设置不变。"
    };
    let set_aside: Vec<(String, String)> = update
        .set_aside
        .iter()
        .map(|id| (id.clone(), item_text(&current, id)))
        .collect();
    let kept = update.kept.len();
    let aside_count = set_aside.len();
    view! {
        <div class="preview" data-testid="plan-preview">
            <h3 id=HEADING_ID tabindex="-1">{format!("导入预览：{}", loaded.name)}</h3>
            <FileSummary loaded=loaded.clone()/>
            <ul class="plan-changes">
                <li>{change}</li>
                <li>{settings}</li>
                <li data-testid="plan-kept">{format!("保留 {kept} 项答复（其检查项在新方案中仍然存在）。")}</li>
                <li data-testid="plan-set-aside">{format!("单独保留 {aside_count} 项答复：新方案中已没有这些检查项，答复不删除，今后的方案恢复这些检查项时会重新使用。")}</li>
            </ul>
            {(!set_aside.is_empty()).then(|| view! {
                <table class="preview-table">
                    <caption>"单独保留的答复"</caption>
                    <thead><tr><th scope="col">"检查项"</th><th scope="col">"原方案中的内容"</th></tr></thead>
                    <tbody>
                        {set_aside.into_iter().map(|(id, text)| view! { <tr><td class="key">{id}</td><td>{text}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            })}
            <Actions importer=importer label="应用年度方案" blocked=Signal::derive(|| None)/>
        </div>
    }
}

/// One row of a restore preview.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoreRow {
    pub what: String,
    pub change: RestoreChange,
    pub after: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreChange {
    Added,
    Changed,
    Unchanged,
    /// Only the local side has it: restoring drops it (the undo point keeps it).
    Removed,
}

impl RestoreChange {
    fn label(self) -> (&'static str, &'static str) {
        match self {
            RestoreChange::Added => ("新增", "added"),
            RestoreChange::Changed => ("修改", "changed"),
            RestoreChange::Unchanged => ("不变", "unchanged"),
            RestoreChange::Removed => ("移除", "removed"),
        }
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Profile fields, answers (ignoring edit times), people, ratings and settings, local against backup.
pub fn restore_rows(local: &Assessment, backup: &Assessment) -> Vec<RestoreRow> {
    let mut rows = Vec::new();
    // `l` and `b` are what is compared (`None`: nothing there); `after` is what is shown.
    let mut push = |what: String, l: Option<String>, b: Option<String>, after: String| {
        let change = match (&l, &b) {
            (None, None) => return,
            (None, Some(_)) => RestoreChange::Added,
            (Some(_), None) => RestoreChange::Removed,
            (Some(x), Some(y)) if x == y => RestoreChange::Unchanged,
            _ => RestoreChange::Changed,
        };
        let after = if b.is_some() {
            after
        } else {
            "（恢复后没有，可撤销恢复）".into()
        };
        rows.push(RestoreRow {
            what,
            change,
            after,
        });
    };
    let text = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let year = |y: i32| (y != 0).then(|| y.to_string());
    let (lp, bp) = (&local.profile, &backup.profile);
    for (label, l, b) in [
        ("单位名称", text(&lp.unit), text(&bp.unit)),
        ("科室/直属单位", text(&lp.department), text(&bp.department)),
        ("填报人", text(&lp.filled_by), text(&bp.filled_by)),
        ("评估年度", year(lp.year), year(bp.year)),
    ] {
        let after = b.clone().unwrap_or_default();
        push(format!("基本信息 {label}"), l, b, after);
    }
    // An answer without its edit time, as JSON; `None` when nothing is filled in.
    let answer_key = |a: Option<&Answer>| {
        let a = Answer {
            updated_at: None,
            ..a?.clone()
        };
        (a != Answer::default()).then(|| to_json(&a))
    };
    let mut ids: Vec<&String> = local.answers.keys().chain(backup.answers.keys()).collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let after = backup.answers.get(id).map(|a| {
            let mut out = response_text(a);
            if !a.note.trim().is_empty() {
                out.push_str(&format!("；{}", short(&a.note, 20)));
            }
            out
        });
        push(
            format!("检查项 {id}"),
            answer_key(local.answers.get(id)),
            answer_key(backup.answers.get(id)),
            after.unwrap_or_default(),
        );
    }
    let json = |n: usize, v: String| (n > 0).then_some(v);
    push(
        "人员名单".into(),
        json(local.people.len(), to_json(&local.people)),
        json(backup.people.len(), to_json(&backup.people)),
        format!("{} 人", backup.people.len()),
    );
    push(
        "评分记录".into(),
        json(local.ratings.len(), to_json(&local.ratings)),
        json(backup.ratings.len(), to_json(&backup.ratings)),
        format!("{} 条", backup.ratings.len()),
    );
    push(
        "评分设置".into(),
        Some(to_json(&local.rating_settings)),
        Some(to_json(&backup.rating_settings)),
        "备份中的设置".into(),
    );
    rows
}

#[component]
pub fn RestorePreview(
    importer: Importer,
    loaded: Arc<Loaded>,
    state: Box<StoredState>,
    rows: Vec<RestoreRow>,
) -> impl IntoView {
    let answered = state
        .assessment
        .answers
        .values()
        .filter(|a| a.is_answered())
        .count();
    let counts = |c: RestoreChange| rows.iter().filter(|r| r.change == c).count();
    let summary = format!(
        "备份中有 {answered} 项已作答。恢复后：新增 {} 项，修改 {} 项，不变 {} 项，移除 {} 项。",
        counts(RestoreChange::Added),
        counts(RestoreChange::Changed),
        counts(RestoreChange::Unchanged),
        counts(RestoreChange::Removed)
    );
    let blocked = Signal::derive(move || {
        (!importer.acknowledged.get()).then(|| "请先勾选上面的确认，才能恢复。".to_string())
    });
    view! {
        <div class="preview" data-testid="restore-preview">
            <h3 id=HEADING_ID tabindex="-1">{format!("从备份恢复：{}", loaded.name)}</h3>
            <FileSummary loaded=loaded.clone()/>
            <p class="notice notice-warn">"从备份恢复会用备份中的全部数据替换本浏览器中的现有数据（不是合并）。恢复前的数据会自动保留，可用“撤销上次导入”找回。"</p>
            <p class="counts" data-testid="restore-counts">{summary}</p>
            <table class="preview-table">
                <caption>"逐项预览"</caption>
                <thead><tr><th scope="col">"变化"</th><th scope="col">"项目"</th><th scope="col">"恢复后"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let (label, class) = row.change.label();
                        view! { <tr class=class><td class="change">{label}</td><td class="key">{row.what}</td><td>{row.after}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="acknowledge">
                <input
                    id="restore-acknowledge"
                    type="checkbox"
                    prop:checked=move || importer.acknowledged.get()
                    on:change=move |ev| importer.acknowledged.set(event_target_checked(&ev))
                />
                <label for="restore-acknowledge">"我知道恢复会替换本浏览器中的现有数据"</label>
            </p>
            <Actions importer=importer label="从备份恢复" blocked=blocked/>
        </div>
    }
}
