//! 导入: a file picked or dropped is read in the browser, checked by `exchange::import`, shown for
//! confirmation when something about it is doubtful, previewed item by item (`import_preview`) and
//! only then applied, after the state before it has been kept as an [`UndoPoint`].

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::import_preview::{
    restore_rows, AnnualPlanPreview, FileSummary, MergePreview, RestorePreview, RestoreRow,
};
use super::state::{template_of, AppState};
use crate::browser::crypto::{self, CryptoFault};
use crate::browser::files::{self, ChosenFile, ReadFault};
use crate::browser::{clock, location, storage};
use zrz_domain::plan::Template;
use zrz_domain::record::Assessment;
use zrz_exchange::encrypted::EncryptedFile;
use zrz_exchange::state::StoredState;
use zrz_exchange::{
    apply_annual_plan, apply_merge, import, plan_import, AnnualPlanUpdate, Change, Choices,
    Content, ImportError, Imported, MergeError, MergePlan, Side, UndoPoint, MAX_FILE_BYTES,
};

/// The id of the confirmation's or preview's heading, which takes the focus when it appears.
pub const HEADING_ID: &str = "import-heading";

/// A file that passed the checks.
pub struct Loaded {
    pub name: String,
    pub imported: Imported,
}

/// What applying a checked file would do.
pub enum Preview {
    /// A 科室自评 merged into the local assessment.
    Merge(MergePlan),
    /// A 年度方案: new template and settings, every answer kept.
    AnnualPlan {
        update: Box<AnnualPlanUpdate>,
        template: Arc<Template>,
    },
    /// A 备份: replaces everything.
    Restore {
        state: Box<StoredState>,
        rows: Vec<RestoreRow>,
    },
}

#[derive(Clone)]
pub enum Stage {
    Idle,
    Reading(String),
    /// The file was refused; the message starts with its name.
    Refused(String),
    /// A passphrase-protected file: asks for the passphrase (`error` after a wrong one).
    Locked {
        name: String,
        text: Arc<String>,
        error: Option<String>,
    },
    /// Checksum or template doubts: the user confirms before the preview.
    Confirm(Arc<Loaded>),
    Preview(Arc<Loaded>, Arc<Preview>),
    Applied(String),
}

/// The undo point kept in localStorage, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum UndoStatus {
    None,
    Ready {
        label: String,
        taken_at: DateTime<Utc>,
    },
    Unreadable(String),
}

impl UndoStatus {
    fn read() -> UndoStatus {
        match storage::read(UndoPoint::STORAGE_KEY) {
            Ok(None) => UndoStatus::None,
            Ok(Some(text)) => match UndoPoint::from_json(&text) {
                Ok(point) => UndoStatus::Ready {
                    label: point.label,
                    taken_at: point.taken_at,
                },
                Err(e) => UndoStatus::Unreadable(e.to_string()),
            },
            Err(fault) => UndoStatus::Unreadable(fault.to_string()),
        }
    }
}

/// The import flow's state, shared by the page (drop zone), the import section and the undo section.
#[derive(Clone, Copy)]
pub struct Importer {
    app: AppState,
    pub stage: RwSignal<Stage>,
    /// The user's side for each conflict of the previewed merge.
    pub choices: RwSignal<Choices>,
    /// Ticked "I know the backup replaces everything".
    pub acknowledged: RwSignal<bool>,
    /// Why the last click on the apply button did nothing.
    pub apply_error: RwSignal<Option<String>>,
    pub undo: RwSignal<UndoStatus>,
    pub undo_message: RwSignal<Option<Result<String, String>>>,
    /// Counts files started, so that a slow read finishing after a newer one is ignored.
    reads: StoredValue<u32>,
}

impl Importer {
    pub fn new(app: AppState) -> Importer {
        Importer {
            app,
            stage: RwSignal::new(Stage::Idle),
            choices: RwSignal::new(Choices::new()),
            acknowledged: RwSignal::new(false),
            apply_error: RwSignal::new(None),
            undo: RwSignal::new(UndoStatus::read()),
            undo_message: RwSignal::new(None),
            reads: StoredValue::new(0),
        }
    }

    /// Stored data from a newer app is read-only: nothing may be imported over it.
    pub fn disabled(&self) -> bool {
        self.app.read_only()
    }

    pub fn app(&self) -> AppState {
        self.app
    }

    /// Reads `file` and checks it; the result replaces whatever the section was showing.
    pub fn start(self, file: ChosenFile) {
        let name = file.name();
        self.reads.update_value(|n| *n += 1);
        let this_read = self.reads.get_value();
        self.stage.set(Stage::Reading(name.clone()));
        self.undo_message.set(None);
        spawn_local(async move {
            let bytes = files::read_bytes(&file, MAX_FILE_BYTES).await;
            // The page may have been left, or another file chosen, while this one was being read.
            if self.reads.try_get_value() != Some(this_read) {
                return;
            }
            let next = match bytes {
                Ok(bytes) => self.examine(name, &bytes),
                Err(ReadFault::TooLarge { size, limit }) => {
                    Stage::Refused(ImportError::TooLarge { size, limit }.in_file(&name))
                }
                Err(fault) => Stage::Refused(format!("{name}：{fault}")),
            };
            self.show(next);
        });
    }

    fn examine(self, name: String, bytes: &[u8]) -> Stage {
        if let Ok(text) = std::str::from_utf8(bytes) {
            if EncryptedFile::is_encrypted(text) {
                return match EncryptedFile::open(text) {
                    Ok(_) => Stage::Locked {
                        name,
                        text: Arc::new(text.to_string()),
                        error: None,
                    },
                    Err(e) => Stage::Refused(format!("{name}：{e}")),
                };
            }
        }
        let template = self.app.template.get_untracked();
        match import(bytes, &template, None) {
            Err(e) => Stage::Refused(e.in_file(&name)),
            Ok(imported) => {
                let loaded = Arc::new(Loaded { name, imported });
                if loaded.imported.needs_confirmation() {
                    Stage::Confirm(loaded)
                } else {
                    self.preview(loaded)
                }
            }
        }
    }

    /// Shows `stage`; a confirmation or preview gets the focus, so keyboard and screen-reader users
    /// land on it (errors and results announce themselves as alerts and status).
    fn show(self, stage: Stage) {
        let focus = matches!(stage, Stage::Confirm(_) | Stage::Preview(..));
        self.stage.set(stage);
        if focus {
            request_animation_frame(|| location::reveal(HEADING_ID));
        }
    }

    /// Decrypts a passphrase-protected file, then checks it like any other.
    pub fn unlock(self, passphrase: String) {
        let Stage::Locked { name, text, .. } = self.stage.get_untracked() else {
            return;
        };
        let this_read = self.reads.get_value();
        self.stage.set(Stage::Reading(name.clone()));
        spawn_local(async move {
            let result = crypto::decrypt(&passphrase, &text).await;
            if self.reads.try_get_value() != Some(this_read) {
                return;
            }
            let next = match result {
                Ok(plain) => self.examine(name, plain.as_bytes()),
                Err(CryptoFault::WrongPassphrase) => Stage::Locked {
                    name,
                    text,
                    error: Some(CryptoFault::WrongPassphrase.to_string()),
                },
                Err(fault) => Stage::Refused(format!("{name}：{fault}")),
            };
            self.show(next);
        });
    }

    /// After the user confirmed a doubtful file.
    pub fn confirm(self) {
        if let Stage::Confirm(loaded) = self.stage.get_untracked() {
            self.show(self.preview(loaded));
        }
    }

    pub fn cancel(self) {
        self.stage.set(Stage::Idle);
    }

    /// Plans what the file would do to the current data. Nothing is changed here.
    fn preview(self, loaded: Arc<Loaded>) -> Stage {
        self.choices.set(Choices::new());
        self.acknowledged.set(false);
        self.apply_error.set(None);
        let state = self.app.data.get_untracked();
        let refuse = |message: String| Stage::Refused(format!("{}：{message}", loaded.name));
        let preview = match &loaded.imported.content {
            Content::Assessment(_) => {
                match plan_import(
                    &state.assessment,
                    &loaded.imported,
                    state.sync_base.as_ref(),
                ) {
                    Ok(plan) => Preview::Merge(plan),
                    Err(e) => return refuse(e.to_string()),
                }
            }
            Content::AnnualPlan(plan) => {
                let current = self.app.template.get_untracked();
                let update = match apply_annual_plan(&state, &current, plan) {
                    Ok(update) => update,
                    Err(e) => return Stage::Refused(e.in_file(&loaded.name)),
                };
                match Template::build(plan.template.clone()) {
                    Ok(template) => Preview::AnnualPlan {
                        update: Box::new(update),
                        template: Arc::new(template),
                    },
                    Err(e) => {
                        return refuse(format!(
                            "年度方案中的方案模板有误（{e}）。请联系党组办公室重新下发"
                        ))
                    }
                }
            }
            Content::Backup(backup) => {
                if loaded.imported.header.sanitized {
                    return refuse("这是脱敏备份，姓名和文字说明已被清空，不能用来恢复数据。请使用未脱敏的备份文件".into());
                }
                Preview::Restore {
                    rows: restore_rows(&state.assessment, &backup.assessment),
                    state: backup.clone(),
                }
            }
        };
        Stage::Preview(loaded, Arc::new(preview))
    }

    /// Conflicts of the previewed merge that have no choice yet.
    pub fn undecided(&self, plan: &MergePlan) -> usize {
        self.choices
            .with(|c| plan.conflicts().filter(|e| !c.contains_key(&e.key)).count())
    }

    /// Applies the previewed file: the state before it is kept as the undo point first, and if that
    /// cannot be stored, nothing is imported.
    pub fn apply(self) {
        let Stage::Preview(loaded, preview) = self.stage.get_untracked() else {
            return;
        };
        self.apply_error.set(None);
        let before = self.app.data.get_untracked();
        let (next, template, message) = match &*preview {
            Preview::Merge(plan) => {
                let choices = self.choices.get_untracked();
                let merged = match apply_merge(&before.assessment, plan, &choices) {
                    Ok(merged) => merged,
                    Err(MergeError::LocalChanged) => {
                        // Plan again against the data as it is now; the user looks again.
                        self.stage.set(self.preview(loaded.clone()));
                        self.apply_error
                            .set(Some(MergeError::LocalChanged.to_string()));
                        return;
                    }
                    Err(e) => {
                        self.apply_error.set(Some(e.to_string()));
                        return;
                    }
                };
                let mut next = before.clone();
                let taken = taken_count(plan, &choices);
                next.assessment = merged;
                if let Some(incoming) = incoming_assessment(&loaded.imported) {
                    // The file is now common ground: merging it again changes nothing.
                    next.mark_synced(incoming);
                }
                next.changes_since_export += taken as u32;
                (next, None, merge_message(&loaded.name, plan, &choices))
            }
            Preview::AnnualPlan { update, template } => {
                let message = format!(
                    "已导入年度方案“{}”：方案为 {} 版，保留答复 {} 项，单独保留 {} 项{}。",
                    loaded.name,
                    update.next.version,
                    update.kept.len(),
                    update.set_aside.len(),
                    if update.settings_replaced {
                        "，评分设置已更新"
                    } else {
                        ""
                    }
                );
                (update.state.clone(), Some(template.clone()), message)
            }
            Preview::Restore { state, .. } => {
                if !self.acknowledged.get_untracked() {
                    self.apply_error
                        .set(Some("请先勾选确认：恢复会替换本浏览器中的现有数据".into()));
                    return;
                }
                let message = format!("已从备份“{}”恢复全部数据。", loaded.name);
                ((**state).clone(), Some(template_of(state)), message)
            }
        };
        let point = UndoPoint::before_import(&before, &loaded.name, clock::now());
        if let Err(fault) = storage::write_verified(UndoPoint::STORAGE_KEY, &point.to_json()) {
            self.apply_error.set(Some(format!(
                "无法保存导入前的数据（用于“撤销上次导入”），为防止数据无法找回，本次没有导入任何内容：{fault}"
            )));
            return;
        }
        self.undo.set(UndoStatus::Ready {
            label: point.label,
            taken_at: point.taken_at,
        });
        if let Some(template) = template {
            self.app.template.set(template);
        }
        self.app.data.set(next);
        self.undo_message.set(None);
        self.stage.set(Stage::Applied(message));
    }

    /// Puts back the state kept before the last import, exactly, and forgets the undo point.
    pub fn undo(self) {
        let fail = |message: String| self.undo_message.set(Some(Err(message)));
        let text = match storage::read(UndoPoint::STORAGE_KEY) {
            Ok(Some(text)) => text,
            Ok(None) => {
                self.undo.set(UndoStatus::None);
                return fail("没有可撤销的导入。".into());
            }
            Err(fault) => return fail(format!("无法读取撤销记录：{fault}")),
        };
        let point = match UndoPoint::from_json(&text) {
            Ok(point) => point,
            Err(e) => return fail(format!("撤销记录无法读取：{e}")),
        };
        let state = match point.restore() {
            Ok(state) => state,
            Err(e) => return fail(format!("撤销记录中的数据无法恢复：{e}")),
        };
        self.app.template.set(template_of(&state));
        self.app.data.set(state);
        let forgotten = storage::remove(UndoPoint::STORAGE_KEY).is_ok();
        self.undo.set(if forgotten {
            UndoStatus::None
        } else {
            UndoStatus::read()
        });
        self.stage.set(Stage::Idle);
        self.undo_message.set(Some(Ok(format!(
            "已撤销上次导入：数据已恢复到“{}”的状态。",
            point.label
        ))));
    }
}

fn incoming_assessment(imported: &Imported) -> Option<&Assessment> {
    match &imported.content {
        Content::Assessment(a) => Some(a),
        Content::Backup(s) => Some(&s.assessment),
        Content::AnnualPlan(_) => None,
    }
}

/// Records the merge takes from the file.
fn taken_count(plan: &MergePlan, choices: &Choices) -> usize {
    plan.entries
        .iter()
        .filter(|e| match e.change {
            Change::Added { .. } | Change::Changed { .. } => true,
            Change::Conflict { .. } => choices.get(&e.key) == Some(&Side::Incoming),
            Change::Unchanged => false,
        })
        .count()
}

fn merge_message(name: &str, plan: &MergePlan, choices: &Choices) -> String {
    let counts = plan.counts();
    let mut message = format!(
        "已导入“{name}”：新增 {} 项，修改 {} 项，不变 {} 项",
        counts.added, counts.changed, counts.unchanged
    );
    if counts.conflicts > 0 {
        let incoming = choices.values().filter(|s| **s == Side::Incoming).count();
        message.push_str(&format!(
            "，冲突 {} 项（采用文件 {incoming} 项，保留本机 {} 项）",
            counts.conflicts,
            counts.conflicts - incoming
        ));
    }
    message.push_str("。如需恢复导入前的数据，请点击“撤销上次导入”。");
    message
}

#[component]
pub fn ImportSection(importer: Importer) -> impl IntoView {
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(file) = files::from_input_event(&ev) {
            importer.start(file);
        }
    };
    let limit_mb = MAX_FILE_BYTES / (1024 * 1024);
    view! {
        <h2>"导入"</h2>
        <div class="drop-zone">
            <label for="import-file" class="file-button">"选择文件"</label>
            <input
                id="import-file"
                type="file"
                accept=".json,application/json"
                on:change=on_pick
                disabled=move || importer.disabled()
                aria-describedby="import-hint"
            />
            <p id="import-hint" class="hint">
                {format!("或把文件拖到本页。可导入科室自评、年度方案和全部数据备份（.json，不超过 {limit_mb} MB）。导入前会先显示将要发生的变化，确认后才应用。")}
            </p>
            {move || importer.disabled().then(|| view! {
                <p class="field-error">"本浏览器中的数据由更新版本的应用写入，为避免损坏，本页不能导入。"</p>
            })}
        </div>
        <div class="import-stage" data-testid="import-stage">
            {move || match importer.stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Reading(name) => view! {
                    <p role="status">{format!("正在读取“{name}”……")}</p>
                }.into_any(),
                Stage::Refused(message) => view! {
                    <p class="import-error" role="alert" data-testid="import-error">{message}</p>
                }.into_any(),
                Stage::Locked { name, error, .. } => view! { <Unlock importer=importer name=name error=error/> }.into_any(),
                Stage::Confirm(loaded) => view! { <ConfirmFile importer=importer loaded=loaded/> }.into_any(),
                Stage::Preview(loaded, preview) => match &*preview {
                    Preview::Merge(plan) => view! {
                        <MergePreview importer=importer loaded=loaded.clone() plan=plan.clone()/>
                    }.into_any(),
                    Preview::AnnualPlan { update, .. } => view! {
                        <AnnualPlanPreview importer=importer loaded=loaded.clone() update=(**update).clone()/>
                    }.into_any(),
                    Preview::Restore { state, rows } => view! {
                        <RestorePreview importer=importer loaded=loaded.clone() state=state.clone() rows=rows.clone()/>
                    }.into_any(),
                },
                Stage::Applied(message) => view! {
                    <p class="field-ok" role="status" data-testid="import-result">{message}</p>
                }.into_any(),
            }}
        </div>
    }
}

/// Asks for the passphrase of a protected file.
#[component]
fn Unlock(importer: Importer, name: String, error: Option<String>) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        importer.unlock(passphrase.get_untracked());
    };
    view! {
        <form class="confirm" on:submit=submit data-testid="import-unlock">
            <h3 id=HEADING_ID tabindex="-1">{format!("“{name}”已加密，请输入口令")}</h3>
            <label for="import-passphrase">"口令"</label>
            <input
                id="import-passphrase"
                type="password"
                autocomplete="off"
                prop:value=move || passphrase.get()
                on:input=move |ev| passphrase.set(event_target_value(&ev))
                aria-invalid=error.is_some().then_some("true")
            />
            {error.map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="form-actions">
                <button type="submit" class="primary">"解密并继续"</button>
                <button type="button" on:click=move |_| importer.cancel()>"取消"</button>
            </div>
        </form>
    }
}

/// A file whose checksum does not match or which was made with another version of the template.
#[component]
fn ConfirmFile(importer: Importer, loaded: Arc<Loaded>) -> impl IntoView {
    let imported = &loaded.imported;
    let mut reasons: Vec<String> = imported
        .checksum
        .message()
        .map(str::to_string)
        .into_iter()
        .collect();
    if let Some(text) = imported.template_match.as_ref().and_then(|m| m.describe()) {
        reasons.push(text);
    }
    view! {
        <div class="confirm" role="group" aria-labelledby=HEADING_ID data-testid="import-confirm">
            <h3 id=HEADING_ID tabindex="-1">{format!("“{}”需要确认后才能继续", loaded.name)}</h3>
            <ul class="reasons">
                {reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
            </ul>
            <FileSummary loaded=loaded.clone()/>
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| importer.confirm()>"确认内容无误，继续"</button>
                <button type="button" on:click=move |_| importer.cancel()>"取消"</button>
            </div>
        </div>
    }
}
