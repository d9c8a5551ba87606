//! 导入导出: export files, import with preview and merge (`import_file`, `import_preview`), undo the
//! last import. The page is also the drop zone for files.

use leptos::prelude::*;

use super::import_file::{ImportSection, Importer, UndoStatus};
use super::state::use_app;
use crate::browser::crypto;
use crate::browser::{clock, download, files};
use zrz_domain::plan::{RawTemplate, SHIPPED_TEMPLATE_JSON};
use zrz_exchange::encrypted::check_passphrase;
use zrz_exchange::state::StoredState;
use zrz_exchange::{
    annual_plan_file_name, assessment_file_name, backup_file_name, export_annual_plan,
    export_assessment, export_backup, verify_export, AnnualPlan, Content, Difference, ExportMeta,
    Kind,
};

#[component]
pub fn ExchangePage() -> impl IntoView {
    let importer = Importer::new(use_app());
    // dragenter/dragleave fire for every child crossed; counting them tells when the drag has
    // really left the page.
    let drag_depth = RwSignal::new(0u32);
    // A file dropped beside the zone would otherwise replace the app with the file's text.
    let over = window_event_listener(leptos::ev::dragover, |ev| {
        if files::drag_has_files(&ev) {
            ev.prevent_default();
        }
    });
    let dropped = window_event_listener(leptos::ev::drop, |ev| {
        if files::drag_has_files(&ev) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        over.remove();
        dropped.remove();
    });
    let accepts =
        move |ev: &leptos::ev::DragEvent| files::drag_has_files(ev) && !importer.disabled();
    let on_enter = move |ev: leptos::ev::DragEvent| {
        if accepts(&ev) {
            ev.prevent_default();
            drag_depth.update(|d| *d += 1);
        }
    };
    let on_over = move |ev: leptos::ev::DragEvent| {
        if accepts(&ev) {
            ev.prevent_default();
            files::show_copy_cursor(&ev);
        }
    };
    let on_leave = move |ev: leptos::ev::DragEvent| {
        if accepts(&ev) {
            drag_depth.update(|d| *d = d.saturating_sub(1));
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        drag_depth.set(0);
        if importer.disabled() {
            return;
        }
        if let Some(file) = files::from_drop_event(&ev) {
            importer.start(file);
        }
    };
    view! {
        <section
            class="page exchange"
            class:dragging=move || drag_depth.get() != 0
            data-testid="exchange"
            on:dragenter=on_enter
            on:dragover=on_over
            on:dragleave=on_leave
            on:drop=on_drop
        >
            <h1>"导入导出"</h1>
            <p class="lead">
                "科室向党组办公室报送自评、办公室下发年度方案、同一科室的同事分章填写后合并，都通过本页的文件完成。文件只在本机浏览器中读写，不会上传。"
            </p>
            <ExportSection/>
            <ImportSection importer=importer/>
            <UndoSection importer=importer/>
            <div class="drop-overlay" aria-hidden="true">"松开鼠标，导入此文件"</div>
        </section>
    }
}

/// The raw template the app is using: the imported 年度方案's, or the shipped one.
fn raw_template_in_use(state: &StoredState, in_use: &zrz_domain::plan::Template) -> RawTemplate {
    state
        .template
        .clone()
        .filter(|raw| raw.reference() == in_use.reference())
        .unwrap_or_else(|| {
            serde_json::from_str(SHIPPED_TEMPLATE_JSON)
                .expect("the shipped template is checked by the tests")
        })
}

/// What an export check found, for the message: the first few differences.
fn describe_differences(differences: &[Difference]) -> String {
    let mut parts: Vec<String> = differences
        .iter()
        .take(5)
        .map(|d| {
            let at = if d.path.is_empty() {
                "文件".to_string()
            } else {
                d.path.clone()
            };
            format!("{at}：应为 {}，读回为 {}", d.expected, d.found)
        })
        .collect();
    if differences.len() > 5 {
        parts.push(format!("等共 {} 处", differences.len()));
    }
    parts.join("；")
}

#[component]
fn ExportOption(id: &'static str, checked: RwSignal<bool>, label: &'static str) -> impl IntoView {
    view! {
        <p class="export-option">
            <input
                id=id
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </p>
    }
}

#[component]
fn ExportSection() -> impl IntoView {
    let app = use_app();
    let sanitized = RwSignal::new(false);
    let protect = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let export = move |kind: Kind| {
        if protect.get_untracked() {
            let (p, r) = (passphrase.get_untracked(), repeat.get_untracked());
            if let Err(message) = check_passphrase(&p) {
                outcome.set(Some(Err(message)));
                return;
            }
            if p != r {
                outcome.set(Some(Err("两次输入的口令不一致".into())));
                return;
            }
        }
        let now = clock::now();
        let meta = ExportMeta::new(now, env!("CARGO_PKG_VERSION"));
        let state = app.data.get_untracked();
        let template = app.template.get_untracked();
        let profile = &state.assessment.profile;
        // A 年度方案 has no names or notes; only the other two kinds have a sanitised form.
        let meta = if sanitized.get_untracked() && kind != Kind::AnnualPlan {
            meta.sanitized()
        } else {
            meta
        };
        // A sanitised file is for reading only (it cannot be merged back), so it is not a hand-over:
        // the unexported-changes count and the merge base stay as they were.
        let is_hand_over = kind == Kind::Assessment && !meta.sanitized;
        let record = move |now, state: &StoredState| {
            if is_hand_over {
                app.data.update(|d| {
                    d.last_export_at = Some(now);
                    d.changes_since_export = 0;
                    d.mark_synced(&state.assessment);
                });
            }
        };
        let (text, content, name) = match kind {
            Kind::Assessment => (
                export_assessment(&state.assessment, &template, &meta),
                Content::Assessment(state.assessment.clone()),
                assessment_file_name(profile, &meta),
            ),
            Kind::AnnualPlan => {
                let plan = AnnualPlan::from_office(
                    raw_template_in_use(&state, &template),
                    &state.assessment,
                );
                (
                    export_annual_plan(&plan, profile, &meta),
                    Content::AnnualPlan(plan),
                    annual_plan_file_name(profile.year, &meta),
                )
            }
            Kind::Backup => (
                export_backup(&state, &template, &meta),
                Content::Backup(Box::new(state.clone())),
                backup_file_name(&meta),
            ),
        };
        // An export that cannot be read back is a bug; the user gets no file rather than a bad one.
        if let Err(differences) = verify_export(&text, &content) {
            outcome.set(Some(Err(format!(
                "“{}”导出后读回核对不一致，为避免交出有问题的文件，没有下载。这是本应用的错误，请导出全部数据备份并联系管理员。差异：{}",
                kind.label(),
                describe_differences(&differences)
            ))));
            return;
        }
        if protect.get_untracked() {
            let name = name.trim_end_matches(".json").to_string() + "_加密.json";
            let passphrase = passphrase.get_untracked();
            outcome.set(Some(Ok("正在加密……".into())));
            leptos::task::spawn_local(async move {
                let sealed = match crypto::encrypt(&passphrase, &text).await {
                    Ok(sealed) => sealed,
                    Err(fault) => return outcome.set(Some(Err(fault.to_string()))),
                };
                // Read the sealed file back too: a file nobody can open is worse than none.
                if crypto::decrypt(&passphrase, &sealed).await.as_deref() != Ok(text.as_str()) {
                    return outcome.set(Some(Err("加密后读回核对失败，没有下载。请重试。".into())));
                }
                match download::download_text(&name, &sealed, "application/json") {
                    Ok(()) => {
                        record(now, &state);
                        outcome.set(Some(Ok(format!("已导出加密文件“{name}”。请把口令通过电话等其他途径告知对方；忘记口令将无法打开文件。"))));
                    }
                    Err(message) => outcome.set(Some(Err(message))),
                }
            });
            return;
        }
        if let Err(message) = download::download_text(&name, &text, "application/json") {
            outcome.set(Some(Err(message)));
            return;
        }
        record(now, &state);
        outcome.set(Some(Ok(format!(
            "已导出“{name}”，并已用本应用的导入程序读回核对，内容一致。"
        ))));
    };
    let last_export = move || {
        app.data.with(|d| match d.last_export_at {
            Some(at) => format!(
                "上次导出自评文件：{}；此后修改了 {} 处。",
                clock::local_datetime(at),
                d.changes_since_export
            ),
            None => "尚未导出过自评文件。".to_string(),
        })
    };
    view! {
        <h2>"导出"</h2>
        <p class="hint" data-testid="last-export">{last_export}</p>
        <div class="export-actions">
            <button type="button" class="primary" on:click=move |_| export(Kind::Assessment)>"导出自评文件"</button>
            <button type="button" on:click=move |_| export(Kind::AnnualPlan)>"导出年度方案"</button>
            <button type="button" on:click=move |_| export(Kind::Backup)>"导出全部数据备份"</button>
        </div>
        <ExportOption id="export-sanitized" checked=sanitized label="脱敏（去掉姓名和文字说明，供办公室以外的人查看；脱敏文件不能合并）"/>
        <ExportOption id="export-protect" checked=protect label="设置口令加密（AES-256，对方需输入同一口令才能导入）"/>
        <Show when=move || protect.get()>
            <div class="form passphrase-form">
                <label for="export-passphrase">"口令（至少 8 个字符）"</label>
                <input id="export-passphrase" type="password" autocomplete="new-password"
                    prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                <label for="export-passphrase-repeat">"再次输入口令"</label>
                <input id="export-passphrase-repeat" type="password" autocomplete="new-password"
                    prop:value=move || repeat.get() on:input=move |ev| repeat.set(event_target_value(&ev))/>
            </div>
        </Show>
        <ul class="hint">
            <li>"自评文件：本科室的基本信息、检查项答复、人员与评分、评分设置，报送党组办公室或交给同科室的同事合并。"</li>
            <li>"年度方案：当前使用的方案和评分设置，由党组办公室下发各科室。"</li>
            <li>"全部数据备份：本浏览器中的全部数据，换电脑或清理浏览器前保存。"</li>
        </ul>
        {move || outcome.get().map(|result| match result {
            Ok(message) => view! { <p class="field-ok" role="status" data-testid="export-result">{message}</p> }.into_any(),
            Err(message) => view! { <p class="field-error" role="alert" data-testid="export-result">{message}</p> }.into_any(),
        })}
    }
}

#[component]
fn UndoSection(importer: Importer) -> impl IntoView {
    let ready =
        move || matches!(importer.undo.get(), UndoStatus::Ready { .. }) && !importer.disabled();
    let status = move || match importer.undo.get() {
        UndoStatus::Ready { label, taken_at } => format!(
            "可以撤销：恢复到“{label}”的状态（{} 保存）。导入之后所做的修改也会一并撤回。",
            clock::local_datetime(taken_at)
        ),
        UndoStatus::None => "还没有导入过文件，没有可撤销的导入。".to_string(),
        UndoStatus::Unreadable(reason) => format!("撤销记录无法读取，不能撤销：{reason}"),
    };
    view! {
        <h2>"撤销导入"</h2>
        <p id="undo-status" class="hint" data-testid="undo-status">{status}</p>
        <button
            type="button"
            on:click=move |_| importer.undo()
            disabled=move || !ready()
            aria-describedby="undo-status"
        >
            "撤销上次导入"
        </button>
        {move || importer.undo_message.get().map(|result| match result {
            Ok(message) => view! { <p class="field-ok" role="status" data-testid="undo-result">{message}</p> }.into_any(),
            Err(message) => view! { <p class="field-error" role="alert" data-testid="undo-result">{message}</p> }.into_any(),
        })}
    }
}
