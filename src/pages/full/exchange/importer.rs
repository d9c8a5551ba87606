//! 导入: a file picked or dropped is read in the browser, unlocked when passphrase-protected, checked
//! by `exchange::import`, confirmed when something about it is doubtful, and previewed (`preview`)
//! before anything is applied. A file that cannot be merged (another unit's, department's or year's;
//! a findings file addressed elsewhere) is refused with the reason before anything is applied; a
//! sanitised file opens read only (`received`). Applying first keeps the record as it was in the
//! undo history; if that cannot be stored, nothing is applied.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::history::{current_state, restore_state, History};
use super::import_error_in_file;
use super::preview::{
    AnnualPlanPreview, FileSummary, FindingsPreview, MergePreview, RestorePreview,
};
use super::received::ReadOnlyView;
use crate::browser::crypto::{self, CryptoFault};
use crate::browser::files::{self, ChosenFile, ReadFault};
use crate::browser::{clock, location};
use crate::i18n::t;
use crate::route::Route;
use crate::state::{use_app, App};
use zrz_domain::record::Assessment;
use zrz_exchange::encrypted::EncryptedFile;
use zrz_exchange::merge::{
    fields_decided, plan_restore, with_field_choices, FieldChoices, RestorePlan,
};
use zrz_exchange::state::StoredState;
use zrz_exchange::{
    apply_annual_plan, apply_findings, apply_merge, import, plan_import, AnnualPlanUpdate, Change,
    Choices, Content, FindingsUpdate, ImportError, Imported, Input, MergeError, MergePlan, Side,
    UndoPoint, MAX_FILE_BYTES,
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
    /// A 科室自评 (or a colleague's backup) merged into the local record.
    Merge {
        plan: Box<MergePlan>,
        /// The record the plan was made against, for naming people and ratings.
        local: Box<Assessment>,
    },
    /// A 年度方案: new template and settings, every answer kept.
    AnnualPlan(Box<AnnualPlanUpdate>),
    /// A 备份: replaces everything.
    Restore {
        state: Box<StoredState>,
        plan: RestorePlan,
    },
    /// The office's 核查意见 joining the record's findings.
    Findings(Box<FindingsUpdate>),
}

#[derive(Clone)]
pub enum Stage {
    Idle,
    Reading(String),
    /// The file was refused; `summary`: offer 汇总 instead (a browser that receives files).
    Refused {
        message: String,
        summary: bool,
    },
    /// A passphrase-protected file: asks for the passphrase (`error` after a wrong one).
    Locked {
        name: String,
        text: Arc<String>,
        error: Option<String>,
    },
    /// Checksum or template doubts: the user confirms before the preview.
    Confirm(Arc<Loaded>),
    Preview(Arc<Loaded>, Arc<Preview>),
    /// A sanitised file, shown read only; nothing is applied.
    ReadOnly(Arc<Loaded>),
    Applied(String),
}

/// The import flow's state, shared by the page (drop zone), the import section and the undo section.
#[derive(Clone, Copy)]
pub struct Importer {
    app: App,
    history: History,
    pub stage: RwSignal<Stage>,
    /// The user's side for each changed field of each conflict of the previewed merge.
    pub choices: RwSignal<FieldChoices>,
    /// Ticked "I know the backup replaces everything".
    pub acknowledged: RwSignal<bool>,
    /// Why the last click on the apply button did nothing.
    pub apply_error: RwSignal<Option<String>>,
    /// An apply in progress (the undo point being stored).
    pub busy: RwSignal<bool>,
    /// Counts files started, so that a slow read finishing after a newer one is ignored.
    reads: StoredValue<u32>,
}

impl Importer {
    pub fn new(history: History) -> Importer {
        Importer {
            app: use_app(),
            history,
            stage: RwSignal::new(Stage::Idle),
            choices: RwSignal::new(FieldChoices::new()),
            acknowledged: RwSignal::new(false),
            apply_error: RwSignal::new(None),
            busy: RwSignal::new(false),
            reads: StoredValue::new(0),
        }
    }

    /// Stored data from a newer app is read only: nothing may be imported over it.
    pub fn disabled(&self) -> bool {
        self.app.read_only() || !self.app.store.writable()
    }

    pub fn app(&self) -> App {
        self.app
    }

    pub fn history(&self) -> History {
        self.history
    }

    /// Back to the start (after an undo, or a cancel).
    pub fn reset(self) {
        self.reads.update_value(|n| *n += 1);
        self.stage.set(Stage::Idle);
    }

    fn refuse(message: String) -> Stage {
        Stage::Refused {
            message,
            summary: false,
        }
    }

    /// Reads `file` and checks it; the result replaces whatever the section was showing.
    pub fn start(self, file: ChosenFile) {
        let name = file.name();
        self.reads.update_value(|n| *n += 1);
        let this_read = self.reads.get_value();
        self.stage.set(Stage::Reading(name.clone()));
        self.history.message.set(None);
        spawn_local(async move {
            let bytes = files::read_bytes(&file, MAX_FILE_BYTES).await;
            // The page may have been left, or another file chosen, while this one was being read.
            if self.reads.try_get_value() != Some(this_read) {
                return;
            }
            let next = match bytes {
                Ok(bytes) => self.examine(name, &bytes).await,
                Err(ReadFault::TooLarge { size, limit }) => Self::refuse(import_error_in_file(
                    &ImportError::TooLarge { size, limit },
                    &name,
                )),
                Err(fault) => {
                    Self::refuse((t().exchange.in_file)(&name, &(t().errors.read)(&fault)))
                }
            };
            if self.reads.try_get_value() == Some(this_read) {
                self.show(next);
            }
        });
    }

    async fn examine(self, name: String, bytes: &[u8]) -> Stage {
        if let Ok(text) = std::str::from_utf8(bytes) {
            if EncryptedFile::is_encrypted(text) {
                return match EncryptedFile::open(text) {
                    Ok(_) => Stage::Locked {
                        name,
                        text: Arc::new(text.to_string()),
                        error: None,
                    },
                    Err(e) => {
                        Self::refuse((t().exchange.in_file)(&name, &(t().errors.encrypted)(&e)))
                    }
                };
            }
        }
        let template = self.app.store.template.get_untracked();
        match import(bytes, &template, None) {
            Err(e) => Self::refuse(import_error_in_file(&e, &name)),
            Ok(imported) => {
                let loaded = Arc::new(Loaded { name, imported });
                if loaded.imported.needs_confirmation() {
                    Stage::Confirm(loaded)
                } else {
                    self.preview(loaded).await
                }
            }
        }
    }

    /// Shows `stage`; a confirmation or preview gets the focus, so keyboard and screen-reader users
    /// land on it (errors and results announce themselves as alerts and status).
    fn show(self, stage: Stage) {
        let focus = matches!(
            stage,
            Stage::Confirm(_) | Stage::Preview(..) | Stage::Locked { .. } | Stage::ReadOnly(_)
        );
        let _ = self.stage.try_set(stage);
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
                Ok(plain) => self.examine(name, plain.as_bytes()).await,
                Err(CryptoFault::WrongPassphrase) => Stage::Locked {
                    name,
                    text,
                    error: Some((t().errors.crypto)(&CryptoFault::WrongPassphrase)),
                },
                Err(fault) => {
                    Self::refuse((t().exchange.in_file)(&name, &(t().errors.crypto)(&fault)))
                }
            };
            if self.reads.try_get_value() == Some(this_read) {
                self.show(next);
            }
        });
    }

    /// After the user confirmed a doubtful file.
    pub fn confirm(self) {
        if let Stage::Confirm(loaded) = self.stage.get_untracked() {
            let this_read = self.reads.get_value();
            spawn_local(async move {
                let next = self.preview(loaded).await;
                if self.reads.try_get_value() == Some(this_read) {
                    self.show(next);
                }
            });
        }
    }

    pub fn cancel(self) {
        self.reset();
    }

    /// A refusal for a file of another unit, department or year: the reason, and 汇总 where this
    /// browser receives files.
    fn other_department(self, name: &str, e: &MergeError) -> Stage {
        let summary = self
            .app
            .role
            .get_untracked()
            .is_some_and(|r| r.receives_files());
        Stage::Refused {
            message: (t().exchange.in_file)(name, &(t().errors.merge)(e)),
            summary,
        }
    }

    /// Plans what the file would do to the current data. Nothing is changed here.
    async fn preview(self, loaded: Arc<Loaded>) -> Stage {
        let _ = self.choices.try_set(FieldChoices::new());
        let _ = self.acknowledged.try_set(false);
        let _ = self.apply_error.try_set(None);
        let x = &t().exchange;
        let name = loaded.name.clone();
        if loaded.imported.is_read_only() {
            return Stage::ReadOnly(loaded);
        }
        let preview = match &loaded.imported.content {
            Content::Assessment(..) => {
                let local = self.app.store.snapshot();
                // What this record and its colleagues last shared (`plan_import` uses it only
                // when it is the same department's year).
                let base = self.history.base().await;
                let extras = self.app.store.extras();
                let plan = plan_import(
                    Input::from((&local, &extras)),
                    &loaded.imported,
                    base.as_ref().map(Input::from),
                );
                match plan {
                    Ok(plan) => Preview::Merge {
                        plan: Box::new(plan),
                        local: Box::new(local),
                    },
                    Err(e @ MergeError::OtherDepartment { .. }) => {
                        return self.other_department(&name, &e)
                    }
                    Err(e) => return Self::refuse((x.in_file)(&name, &(t().errors.merge)(&e))),
                }
            }
            Content::AnnualPlan(plan) => {
                let state = current_state(&self.app);
                let current = self.app.store.template.get_untracked();
                match apply_annual_plan(&state, &current, plan) {
                    Ok(update) => Preview::AnnualPlan(Box::new(update)),
                    Err(e) => return Self::refuse(import_error_in_file(&e, &name)),
                }
            }
            Content::Backup(backup) => {
                let state = current_state(&self.app);
                Preview::Restore {
                    plan: plan_restore(&state, backup.as_ref()),
                    state: backup.clone(),
                }
            }
            Content::Findings(file) => {
                let local = self.app.store.snapshot();
                let template = self.app.store.template.get_untracked();
                if !zrz_exchange::merge::findings_fit_template(file, &template.reference()) {
                    return Self::refuse((x.in_file)(
                        &name,
                        &(x.findings_other_template)(&file.template.id, &file.template.version),
                    ));
                }
                match apply_findings(&local, &loaded.imported) {
                    Ok(update) => Preview::Findings(Box::new(update)),
                    Err(e @ MergeError::OtherDepartment { .. }) => {
                        return self.other_department(&name, &e)
                    }
                    Err(e) => return Self::refuse((x.in_file)(&name, &(t().errors.merge)(&e))),
                }
            }
            Content::Workspace(_) => {
                let e = MergeError::NotMergeable(loaded.imported.header.kind);
                return self.other_department(&name, &e);
            }
        };
        Stage::Preview(loaded, Arc::new(preview))
    }

    /// Conflicts of the previewed merge that have no choice yet.
    pub fn undecided(&self, plan: &MergePlan) -> usize {
        self.choices.with(|c| fields_decided(plan, c))
    }

    /// Applies the previewed file: the state before it is kept in the undo history first, and if
    /// that cannot be stored, nothing is imported.
    pub fn apply(self) {
        let Stage::Preview(loaded, preview) = self.stage.get_untracked() else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        let x = &t().exchange;
        self.apply_error.set(None);
        if let Preview::Restore { .. } = &*preview {
            if !self.acknowledged.get_untracked() {
                self.apply_error
                    .set(Some(x.restore_acknowledge_first.to_string()));
                return;
            }
        }
        if let Preview::Merge { plan, .. } = &*preview {
            let undecided = self.undecided(plan);
            if undecided > 0 {
                self.apply_error.set(Some((x.undecided)(undecided)));
                return;
            }
        }
        if let Preview::Findings(update) = &*preview {
            if update.is_noop() {
                self.stage
                    .set(Stage::Applied((x.findings_nothing_new)(&loaded.name)));
                return;
            }
        }
        let before = current_state(&self.app);
        let point = UndoPoint::new(&before, (x.before_import)(&loaded.name), clock::now());
        self.busy.set(true);
        spawn_local(async move {
            let kept = self.history.put(&point).await;
            let _ = self.busy.try_set(false);
            if let Err(fault) = kept {
                let _ = self
                    .apply_error
                    .try_set(Some((x.undo_point_failed)(&fault.to_string())));
                return;
            }
            match self.apply_now(&loaded, &preview, &before) {
                Ok(message) => {
                    let _ = self.stage.try_set(Stage::Applied(message));
                }
                Err(message) => {
                    self.history.forget(&point).await;
                    let _ = self.apply_error.try_set(Some(message));
                }
            }
        });
    }

    fn apply_now(
        self,
        loaded: &Loaded,
        preview: &Preview,
        before: &StoredState,
    ) -> Result<String, String> {
        let x = &t().exchange;
        let store = self.app.store;
        match preview {
            Preview::Merge { plan, .. } => {
                let (resolved, choices) = with_field_choices(plan, &self.choices.get_untracked());
                let merged = match apply_merge(Input::from(before), &resolved, &choices) {
                    Ok(merged) => merged,
                    Err(MergeError::LocalChanged) => {
                        // Plan again against the data as it is now; the user looks again.
                        let this = self;
                        let loaded = Arc::new(Loaded {
                            name: loaded.name.clone(),
                            imported: loaded.imported.clone(),
                        });
                        spawn_local(async move {
                            let next = this.preview(loaded).await;
                            this.show(next);
                            let _ = this
                                .apply_error
                                .try_set(Some((t().errors.merge)(&MergeError::LocalChanged)));
                        });
                        return Err((t().errors.merge)(&MergeError::LocalChanged));
                    }
                    Err(e) => return Err((t().errors.merge)(&e)),
                };
                // The merge's unknown fields go with it: a colleague's newer app's fields are kept.
                store.adopt(merged.assessment, merged.extras);
                // The file is now common ground: merging it again changes nothing.
                if let Some((incoming, _)) = loaded.imported.record() {
                    self.history.set_base(incoming.clone());
                }
                Ok(merge_message(&loaded.name, plan, &choices))
            }
            Preview::AnnualPlan(update) => {
                restore_state(&self.app, update.state.clone());
                Ok((x.plan_applied)(
                    &loaded.name,
                    &update.next.version,
                    update.kept.len(),
                    update.set_aside.len(),
                    update.settings_replaced,
                ))
            }
            Preview::Restore { state, .. } => {
                restore_state(&self.app, (**state).clone());
                Ok((x.restored)(&loaded.name))
            }
            Preview::Findings(update) => {
                let next = update.assessment.clone();
                store.update(move |a| *a = next);
                Ok((x.findings_applied)(
                    &loaded.name,
                    update.added.len(),
                    update.updated.len(),
                ))
            }
        }
    }
}

fn merge_message(name: &str, plan: &MergePlan, choices: &Choices) -> String {
    let counts = plan.counts();
    let incoming = plan
        .conflicts()
        .filter(|e| choices.get(&e.key) == Some(&Side::Incoming))
        .count();
    let taken = plan
        .entries
        .iter()
        .filter(|e| matches!(e.change, Change::Added { .. } | Change::Changed { .. }))
        .count();
    (t().exchange.merged)(name, taken, counts.conflicts, incoming)
}

#[component]
pub fn ImportSection(importer: Importer) -> impl IntoView {
    let x = &t().exchange;
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(file) = files::from_input_event(&ev) {
            importer.start(file);
        }
    };
    let limit_mb = MAX_FILE_BYTES / (1024 * 1024);
    view! {
        <h2>{x.import_title}</h2>
        <div class="drop-zone">
            <label for="import-file" class="file-button">{x.choose_file}</label>
            <input
                id="import-file"
                type="file"
                accept=".json,application/json"
                on:change=on_pick
                disabled=move || importer.disabled()
                aria-describedby="import-hint"
            />
            <p id="import-hint" class="hint">{(x.import_hint)(limit_mb)}</p>
            {move || importer.disabled().then(|| view! {
                <p class="field-error">{x.import_disabled}</p>
            })}
        </div>
        <div class="import-stage" data-testid="import-stage">
            {move || match importer.stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Reading(name) => view! {
                    <p role="status">{(x.reading)(&name)}</p>
                }.into_any(),
                Stage::Refused { message, summary } => view! {
                    <div class="import-error" role="alert" data-testid="import-error">
                        <p>{message}</p>
                        {summary.then(|| view! {
                            <p><a href=Route::Summary.href() data-testid="to-summary">{x.to_summary}</a></p>
                        })}
                    </div>
                }.into_any(),
                Stage::Locked { name, error, .. } => view! { <Unlock importer=importer name=name error=error/> }.into_any(),
                Stage::Confirm(loaded) => view! { <ConfirmFile importer=importer loaded=loaded/> }.into_any(),
                Stage::ReadOnly(loaded) => view! { <ReadOnlyView importer=importer loaded=loaded/> }.into_any(),
                Stage::Preview(loaded, preview) => match &*preview {
                    Preview::Merge { plan, local } => view! {
                        <MergePreview importer=importer loaded=loaded.clone() plan=(**plan).clone() local=(**local).clone()/>
                    }.into_any(),
                    Preview::AnnualPlan(update) => view! {
                        <AnnualPlanPreview importer=importer loaded=loaded.clone() update=(**update).clone()/>
                    }.into_any(),
                    Preview::Restore { plan, state } => view! {
                        <RestorePreview importer=importer loaded=loaded.clone() plan=plan.clone() state=state.clone()/>
                    }.into_any(),
                    Preview::Findings(update) => view! {
                        <FindingsPreview importer=importer loaded=loaded.clone() update=(**update).clone()/>
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
    let x = &t().exchange;
    let passphrase = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        importer.unlock(passphrase.get_untracked());
    };
    let invalid = error.is_some().then_some("true");
    view! {
        <form class="confirm" on:submit=submit data-testid="import-unlock" aria-labelledby=HEADING_ID>
            <h3 id=HEADING_ID tabindex="-1">{(x.locked)(&name)}</h3>
            <label for="import-passphrase">{x.passphrase_of_file}</label>
            <input
                id="import-passphrase"
                type="password"
                autocomplete="off"
                prop:value=move || passphrase.get()
                on:input=move |ev| passphrase.set(event_target_value(&ev))
                aria-invalid=invalid
            />
            {error.map(|e| view! { <p class="field-error" role="alert" data-testid="unlock-error">{e}</p> })}
            <div class="form-actions">
                <button type="submit" class="primary">{x.unlock}</button>
                <button type="button" on:click=move |_| importer.cancel()>{t().common.cancel}</button>
            </div>
        </form>
    }
}

/// A file whose checksum does not match or which was made with another version of the template.
#[component]
fn ConfirmFile(importer: Importer, loaded: Arc<Loaded>) -> impl IntoView {
    let x = &t().exchange;
    let imported = &loaded.imported;
    let e = &t().errors;
    let mut reasons: Vec<String> = (e.checksum)(&imported.checksum)
        .map(str::to_string)
        .into_iter()
        .collect();
    if let Some(text) = imported.template_match.as_ref().and_then(e.template_match) {
        reasons.push(text);
    }
    view! {
        <div class="confirm" role="group" aria-labelledby=HEADING_ID data-testid="import-confirm">
            <h3 id=HEADING_ID tabindex="-1">{(x.confirm_title)(&loaded.name)}</h3>
            <ul class="reasons">
                {reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
            </ul>
            <FileSummary loaded=loaded.clone()/>
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| importer.confirm()>{x.confirm_continue}</button>
                <button type="button" on:click=move |_| importer.cancel()>{t().common.cancel}</button>
            </div>
        </div>
    }
}
