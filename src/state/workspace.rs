//! The office's 汇总工作区 in the browser: every department file it received, one [`Received`] per
//! department and year, kept in IndexedDB (`browser::idb`, store `received`, under
//! [`Received::store_key`]), apart from the department's own record in localStorage.
//!
//! The same guarantees as the department's storage: every write is read back and compared; a full
//! disk is told apart and worded; a file that cannot be stored is reported as not received (memory
//! is put back as it was, so what the page shows is what is stored); a stored record that no longer
//! reads is kept as it is and counted, never deleted; the whole workspace leaves as one file
//! ([`WorkspaceState::export`]).
//!
//! Rules stay in `zrz_exchange` (`Workspace::receive`, `Received::switch_to`) and the domain; this
//! module only keeps the records and their signals. Files are parsed once per export held (a cache
//! by store key and checksum), so the summary of hundreds of files does not re-read them all on
//! every change.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde_json::Value;

use crate::browser::idb::{self, stores, Db, IdbFault};
use crate::browser::{clock, dom};
use zrz_domain::consolidate::DepartmentFile;
use zrz_domain::plan::{Template, TemplateRef};
use zrz_domain::record::{Assessment, DepartmentKey, Profile};
use zrz_domain::review::Review;
use zrz_exchange::envelope::{ExportMeta, Kind};
use zrz_exchange::import::{
    check_size, compare_templates, decode_text, parse_json, read_value, ChecksumStatus, Imported,
    TemplateMatch,
};
use zrz_exchange::merge::Receipt;
use zrz_exchange::office::{Received, Workspace};
use zrz_exchange::{export_workspace, ImportError};

/// Where the workspace is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkspaceStatus {
    /// Not asked for yet (no office page was opened in this page load).
    Idle,
    Loading,
    Ready,
    /// IndexedDB cannot be opened or read: nothing can be received in this browser.
    Unavailable(IdbFault),
}

/// A received file read for the office's pages: its record, and what its header said.
#[derive(Debug, Clone)]
pub struct Opened {
    pub assessment: Assessment,
    pub exported_at: Option<DateTime<Utc>>,
    pub sanitized: bool,
    pub template: TemplateRef,
    pub checksum: ChecksumStatus,
}

impl Opened {
    fn of(imported: &Imported) -> Option<Opened> {
        Some(Opened {
            assessment: imported.assessment()?.clone(),
            exported_at: Some(imported.header.exported_at),
            sanitized: imported.header.sanitized,
            template: imported.header.template.clone(),
            checksum: imported.checksum.clone(),
        })
    }

    /// The file for the domain's consolidation, with the office's review of it.
    pub fn file<'a>(&'a self, review: &'a Review) -> DepartmentFile<'a> {
        DepartmentFile {
            assessment: &self.assessment,
            review: Some(review),
            exported_at: self.exported_at,
            sanitized: self.sanitized,
        }
    }

    /// How its template compares with `template` (the office's).
    pub fn template_match(&self, template: &Template) -> TemplateMatch {
        compare_templates(&self.template, template)
    }
}

/// What receiving one file did.
#[derive(Debug, Clone)]
pub struct ReceiveOutcome {
    pub file_name: String,
    pub result: Result<Accepted, Refused>,
}

/// A file taken into the workspace (or found already there).
#[derive(Debug, Clone)]
pub struct Accepted {
    pub receipt: Receipt,
    pub store_key: String,
    pub department: DepartmentKey,
    pub sanitized: bool,
    /// The content does not match the file's checksum (edited after export, or damaged).
    pub checksum_mismatch: bool,
    /// The file was made with another template version than the office's: the items that differ.
    /// `None` when the templates are the same.
    pub template: Option<TemplateMatch>,
}

/// Why a file was not taken in.
#[derive(Debug, Clone)]
pub enum Refused {
    /// A passphrase-protected file: the page asks for its passphrase and hands the decrypted text
    /// back to [`WorkspaceState::receive`]. The bytes are kept for that.
    Encrypted(Arc<Vec<u8>>),
    Unreadable(ImportError),
    /// The browser could not read the file from disk.
    ReadFailed(String),
    NotAnAssessment(Kind),
    /// Read, but could not be stored: nothing changed.
    Storage(IdbFault),
}

/// The office's workspace. `Copy`: a handle to signals.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    records: RwSignal<Vec<Received>>,
    pub status: RwSignal<WorkspaceStatus>,
    /// Stored records that no longer read (kept as they are, never deleted), by key.
    pub unreadable: RwSignal<Vec<String>>,
    /// Records changed in memory whose write failed (a review edit); retried with the next write.
    pub unsaved: RwSignal<BTreeSet<String>>,
    /// The last storage failure, for the page to word.
    pub fault: RwSignal<Option<IdbFault>>,
    /// The office's template: files are compared with it.
    template: Memo<Arc<Template>>,
    db: StoredValue<Option<Db>, LocalStorage>,
    /// Parsed files by (store key, exported_at, checksum).
    cache: StoredValue<HashMap<(String, String), Arc<Opened>>>,
}

/// The workspace of this page load (provided at the root of the full app); loads it on first use.
pub fn use_workspace() -> WorkspaceState {
    let ws = use_context::<WorkspaceState>().unwrap_or_else(WorkspaceState::provide);
    ws.load();
    ws
}

fn cache_key(r: &Received, index: Option<usize>) -> (String, String) {
    let file = match index {
        None => &r.current,
        Some(i) => &r.older[i],
    };
    file_key(r.store_key(), file.exported_at(), file.checksum())
}

fn file_key(
    store_key: String,
    exported_at: Option<DateTime<Utc>>,
    checksum: &str,
) -> (String, String) {
    let at = exported_at.map(|t| t.to_rfc3339()).unwrap_or_default();
    (store_key, format!("{at}|{checksum}"))
}

impl WorkspaceState {
    /// Creates the (empty, not yet loaded) workspace and provides it to the tree below.
    pub fn provide() -> WorkspaceState {
        let ws = WorkspaceState {
            template: super::use_app().store.template,
            records: RwSignal::new(Vec::new()),
            status: RwSignal::new(WorkspaceStatus::Idle),
            unreadable: RwSignal::new(Vec::new()),
            unsaved: RwSignal::new(BTreeSet::new()),
            fault: RwSignal::new(None),
            db: StoredValue::new_local(None),
            cache: StoredValue::new(HashMap::new()),
        };
        provide_context(ws);
        ws
    }

    /// Reads the stored workspace once (later calls do nothing).
    pub fn load(&self) {
        if self.status.get_untracked() != WorkspaceStatus::Idle {
            return;
        }
        self.status.set(WorkspaceStatus::Loading);
        let ws = *self;
        leptos::task::spawn_local(async move {
            let db = match idb::open().await {
                Ok(db) => db,
                Err(e) => return ws.status.set(WorkspaceStatus::Unavailable(e)),
            };
            let all = match db.all(stores::RECEIVED).await {
                Ok(all) => all,
                Err(e) => return ws.status.set(WorkspaceStatus::Unavailable(e)),
            };
            let mut records = Vec::with_capacity(all.len());
            let mut unreadable = Vec::new();
            for (key, text) in all {
                match serde_json::from_str::<Received>(&text) {
                    Ok(r) => records.push(r),
                    Err(_) => unreadable.push(key),
                }
            }
            ws.db.set_value(Some(db));
            ws.records.set(records);
            ws.unreadable.set(unreadable);
            ws.status.set(WorkspaceStatus::Ready);
        });
    }

    /// Every department and year held, by store key.
    pub fn received(&self) -> Signal<Vec<Received>> {
        self.records.into()
    }

    pub fn get(&self, store_key: &str) -> Option<Received> {
        self.records
            .with(|v| v.iter().find(|r| r.store_key() == store_key).cloned())
    }

    pub fn is_empty(&self) -> bool {
        self.records.with(Vec::is_empty)
    }

    /// The file in force of `store_key` (`index` `None`) or one of its older ones, read (cached).
    /// `None` when there is no such file or it no longer reads (see [`WorkspaceState::read_error`]).
    pub fn opened(&self, store_key: &str, index: Option<usize>) -> Option<Arc<Opened>> {
        self.records.with(|v| {
            let r = v.iter().find(|r| r.store_key() == store_key)?;
            self.open_record(r, index)
        })
    }

    /// Why a held file does not read (a file stored by an older app that this one cannot read).
    pub fn read_error(&self, store_key: &str) -> Option<ImportError> {
        self.records.with_untracked(|v| {
            let r = v.iter().find(|r| r.store_key() == store_key)?;
            r.current.read().err()
        })
    }

    fn open_record(&self, r: &Received, index: Option<usize>) -> Option<Arc<Opened>> {
        if index.is_some_and(|i| i >= r.older.len()) {
            return None;
        }
        let key = cache_key(r, index);
        if let Some(hit) = self.cache.with_value(|c| c.get(&key).cloned()) {
            return Some(hit);
        }
        let file = index.map_or(&r.current, |i| &r.older[i]);
        let opened = Arc::new(Opened::of(&file.read().ok()?)?);
        self.cache
            .update_value(|c| drop(c.insert(key, opened.clone())));
        Some(opened)
    }

    /// Every department's file in force, read, with its record (tracked: reruns on any change).
    /// Files that no longer read are left out (and listed by the page from `read_error`).
    pub fn current(&self) -> Vec<(Received, Arc<Opened>)> {
        self.records.with(|v| {
            v.iter()
                .filter_map(|r| Some((r.clone(), self.open_record(r, None)?)))
                .collect()
        })
    }

    /// Takes in files (name and bytes), one after another, yielding to the page between them and
    /// calling `progress` with the number done. Each file is read through the import pipeline and
    /// filed by `Workspace::receive`; each change is written (and read back) before the next file.
    pub async fn receive(
        &self,
        files: Vec<(String, Vec<u8>)>,
        progress: impl Fn(usize),
    ) -> Vec<ReceiveOutcome> {
        let template = self.template.get_untracked();
        let template = &*template;
        let mut out = Vec::with_capacity(files.len());
        for (i, (file_name, bytes)) in files.into_iter().enumerate() {
            let result = self.receive_one(&file_name, &bytes, template).await;
            out.push(ReceiveOutcome { file_name, result });
            progress(i + 1);
            dom::next_tick().await;
        }
        // One change for the batch: the summary is computed once, not once per file.
        if out.iter().any(|o| {
            o.result
                .as_ref()
                .is_ok_and(|a| a.receipt != Receipt::AlreadyHeld)
        }) {
            self.records.notify();
        }
        out
    }

    async fn receive_one(
        &self,
        file_name: &str,
        bytes: &[u8],
        template: &Template,
    ) -> Result<Accepted, Refused> {
        let text = decode_text(check_size(bytes).map_err(Refused::Unreadable)?)
            .map_err(Refused::Unreadable)?;
        if zrz_exchange::encrypted::EncryptedFile::is_encrypted(text) {
            return Err(Refused::Encrypted(Arc::new(bytes.to_vec())));
        }
        let value: Value = parse_json(text).map_err(Refused::Unreadable)?;
        let imported = read_value(value.clone()).map_err(Refused::Unreadable)?;
        let Some(assessment) = imported.assessment() else {
            return Err(Refused::NotAnAssessment(imported.header.kind));
        };
        let department = assessment.profile.department_key();
        let store_key = department.to_id();
        let matched = compare_templates(&imported.header.template, template);
        let accepted = |receipt| Accepted {
            receipt,
            store_key: store_key.clone(),
            department: department.clone(),
            sanitized: imported.header.sanitized,
            checksum_mismatch: matches!(imported.checksum, ChecksumStatus::Mismatch { .. }),
            template: (!matched.is_exact()).then(|| matched.clone()),
        };
        // Memory changes first (without a copy of the workspace), then storage; a failed write
        // puts the record back as it was.
        let before = self
            .records
            .with_untracked(|v| v.iter().find(|r| r.store_key() == store_key).cloned());
        let mut receipt = Err(Refused::Storage(IdbFault::Unavailable));
        self.records.update_untracked(|v| {
            let mut ws = Workspace {
                received: std::mem::take(v),
                extras: Default::default(),
            };
            receipt = ws
                .receive(file_name, clock::now(), value)
                .map_err(|e| match e {
                    zrz_exchange::merge::ReceiveError::Unreadable(e) => Refused::Unreadable(e),
                    zrz_exchange::merge::ReceiveError::NotAnAssessment(k) => {
                        Refused::NotAnAssessment(k)
                    }
                });
            *v = ws.received;
        });
        let receipt = receipt?;
        if receipt == Receipt::AlreadyHeld {
            return Ok(accepted(receipt));
        }
        match self.write(&store_key).await {
            Ok(()) => {
                // Read once: the summary takes the file from the cache, not through the pipeline
                // again.
                if let Some(opened) = Opened::of(&imported) {
                    let key = file_key(
                        store_key.clone(),
                        Some(imported.header.exported_at),
                        &imported.header.checksum,
                    );
                    self.cache.update_value(|c| {
                        c.insert(key, Arc::new(opened));
                    });
                }
                Ok(accepted(receipt))
            }
            Err(e) => {
                self.records.update_untracked(|v| match before {
                    Some(b) => {
                        if let Some(r) = v.iter_mut().find(|r| r.store_key() == store_key) {
                            *r = b;
                        }
                    }
                    None => v.retain(|r| r.store_key() != store_key),
                });
                self.fault.set(Some(e.clone()));
                Err(Refused::Storage(e))
            }
        }
    }

    /// Writes the record of `store_key` as memory holds it, read back; and any record whose earlier
    /// write failed.
    async fn write(&self, store_key: &str) -> Result<(), IdbFault> {
        let db = self
            .db
            .with_value(Clone::clone)
            .ok_or(IdbFault::Unavailable)?;
        let mut keys: Vec<String> = self.unsaved.get_untracked().into_iter().collect();
        if !keys.iter().any(|k| k == store_key) {
            keys.push(store_key.to_string());
        }
        let mut result = Ok(());
        for key in keys {
            let text = self.records.with_untracked(|v| {
                v.iter()
                    .find(|r| r.store_key() == key)
                    .map(|r| serde_json::to_string(r).expect("a record serialises"))
            });
            let written = match text {
                Some(text) => db.put(stores::RECEIVED, &key, &text).await,
                None => db.delete(stores::RECEIVED, &key).await,
            };
            match written {
                Ok(()) => {
                    self.unsaved.update(|u| {
                        u.remove(&key);
                    });
                }
                Err(e) => {
                    if key == store_key {
                        result = Err(e.clone());
                    }
                    self.fault.set(Some(e));
                }
            }
        }
        if result.is_ok() && self.unsaved.with_untracked(BTreeSet::is_empty) {
            self.fault.set(None);
        }
        result
    }

    fn change(&self, store_key: &str, f: impl FnOnce(&mut Received) -> bool) {
        let mut changed = false;
        self.records.update(|v| {
            if let Some(r) = v.iter_mut().find(|r| r.store_key() == store_key) {
                changed = f(r);
            }
        });
        if changed {
            self.persist(store_key.to_string());
        }
    }

    /// Writes in the background; a failure keeps the change in memory, marked unsaved, and is
    /// retried with the next write.
    fn persist(&self, store_key: String) {
        let ws = *self;
        ws.unsaved.update(|u| {
            u.insert(store_key.clone());
        });
        leptos::task::spawn_local(async move {
            let _ = ws.write(&store_key).await;
        });
    }

    /// Changes the office's review of a department (stored with its record, whole).
    pub fn update_review(&self, store_key: &str, f: impl FnOnce(&mut Review)) {
        self.change(store_key, |r| {
            let before = r.review.clone();
            f(&mut r.review);
            r.review != before
        });
    }

    /// Makes an older export the file in force (the current one is kept among the older ones).
    pub fn switch_to(&self, store_key: &str, index: usize) {
        self.change(store_key, |r| r.switch_to(index));
    }

    /// Removes a department's year, every file of it and its review (the page asks first).
    pub fn remove(&self, store_key: &str) {
        let mut removed = false;
        self.records.update(|v| {
            let n = v.len();
            v.retain(|r| r.store_key() != store_key);
            removed = v.len() != n;
        });
        if removed {
            self.persist(store_key.to_string());
        }
    }

    /// Writes again every record whose write failed.
    pub fn retry(&self) {
        if let Some(key) = self.unsaved.get_untracked().into_iter().next() {
            self.persist(key);
        }
    }

    /// The whole workspace as one 汇总工作区 file.
    pub fn export(&self, office: &Profile) -> String {
        let template = self.template.get_untracked();
        let workspace = Workspace {
            received: self.records.get_untracked(),
            extras: Default::default(),
        };
        let meta = ExportMeta {
            exported_at: clock::now(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            sanitized: false,
            local_offset: ExportMeta::china(),
        };
        export_workspace(&workspace, office, &template, &meta)
    }

    /// The number of files held (current and older), for the page.
    pub fn file_count(&self) -> usize {
        self.records
            .with(|v| v.iter().map(|r| 1 + r.older.len()).sum())
    }

    /// Store keys by department key, for links from the domain's rows.
    pub fn keys_by_department(&self) -> BTreeMap<DepartmentKey, String> {
        self.records.with(|v| {
            v.iter()
                .map(|r| {
                    let p = Profile {
                        unit: r.department.unit.clone(),
                        department: r.department.department.clone(),
                        filled_by: String::new(),
                        year: r.department.year,
                    };
                    (p.department_key(), r.store_key())
                })
                .collect()
        })
    }
}
