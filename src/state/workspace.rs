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
//!
//! **Figures beside each file.** Each record's summary figures (`consolidate::FileFigures`: its row
//! of the table, its red lines, its weak duties) are kept in a second store (`figures`, a
//! [`Digest`] per store key, with the names and dates of its files), computed when the file is
//! received, when the office's review of it changes and when another export is put in force. On
//! start-up the summary reads the digests only: the table of hundreds of departments appears at
//! once, and the records themselves (every file whole) are read afterwards, one per tick, without
//! holding up the page. Digests are a cache, keyed by what they depend on ([`Digest::depends`]:
//! the file in force, the review, the template, and the day, see `FileFigures::holds_on`): a
//! stale one is shown until it has been computed again, a missing one is computed, and both are
//! written back.
//!
//! **Off the page's thread.** A department file goes through the import pipeline (envelope,
//! migration, checksum, validation) in a reader worker (`browser::worker`, `zrz_exchange::reader`),
//! which answers with the plain record. Receiving sends each file ahead of the one being filed;
//! after start-up every file in force is read in the background ([`WorkspaceState::prepare`],
//! stale figures first), and the outputs wait for it. Where no worker answers, the same reading
//! happens in-thread.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::browser::idb::{self, stores, Db, IdbFault};
use crate::browser::worker::{Pending, Pool};
use crate::browser::{clock, dom};
use zrz_domain::consolidate::FileFigures;
use zrz_domain::plan::Template;
use zrz_domain::record::{DepartmentKey, Profile};
use zrz_domain::review::Review;
use zrz_exchange::envelope::{ExportMeta, Kind};
use zrz_exchange::import::{
    check_size, compare_templates, decode_text, parse_json, read_value, ChecksumStatus,
    TemplateMatch,
};
use zrz_exchange::merge::{apply_workspace, plan_workspace, Receipt, ReceiveError, WorkspacePlan};
use zrz_exchange::office::{Received, Workspace};
use zrz_exchange::reader::{self, Request};
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

pub use zrz_exchange::reader::Opened;

/// A 汇总工作区 file holds every department's files: hundreds of ordinary files' worth.
pub const WORKSPACE_FILE_LIMIT: usize = zrz_exchange::MAX_FILE_BYTES * 64;

/// Bump when [`FileFigures`] or what goes into them changes: every digest is computed again.
const FIGURES_FORMAT: &str = "1";

/// One file held, as the list of held files shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileMeta {
    pub file_name: String,
    pub exported_at: Option<DateTime<Utc>>,
    pub checksum: String,
}

impl FileMeta {
    fn of(f: &zrz_exchange::office::ReceivedFile) -> FileMeta {
        FileMeta {
            file_name: f.file_name.clone(),
            exported_at: f.exported_at(),
            checksum: f.checksum().to_string(),
        }
    }
}

/// What the summary keeps of one record (department and year) beside it: its files' names and
/// dates, and the figures of the file in force (`None`: it does not read).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    pub store_key: String,
    pub department: DepartmentKey,
    pub current: FileMeta,
    #[serde(default)]
    pub older: Vec<FileMeta>,
    /// What the figures were computed from ([`depends`]).
    pub depends: String,
    pub figures: Option<FileFigures>,
}

impl Digest {
    /// Whether these figures are the record's on `today` with `template` (the record itself not
    /// read: its file in force and review are checked when it has been, see [`depends`]).
    fn holds(&self, template: &str, today: NaiveDate) -> bool {
        self.depends
            .starts_with(&format!("{FIGURES_FORMAT}|{template}|"))
            && self.figures.as_ref().is_none_or(|f| f.holds_on(today))
    }
}

/// The office's template as it enters [`depends`].
fn template_id(t: &Template) -> String {
    format!("{}@{}#{}", t.id, t.version, t.content_hash())
}

/// What a record's figures depend on, besides the day: the format, the template, the file in force,
/// the office's review.
fn depends(r: &Received, template: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(&r.review)
        .unwrap_or_default()
        .hash(&mut h);
    let at = r
        .current
        .exported_at()
        .map(|t| t.to_rfc3339())
        .unwrap_or_default();
    format!(
        "{FIGURES_FORMAT}|{template}|{at}|{}|{:016x}",
        r.current.checksum(),
        h.finish()
    )
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
    /// In a dropped folder, passed over (not a `.json` file, or not readable).
    Skipped(crate::browser::files::SkipWhy),
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
    /// Every record's digest (read on start-up, before the records), by store key order.
    digests: RwSignal<Vec<Digest>>,
    /// The digests have been read: the summary can be shown.
    pub summary_ready: RwSignal<bool>,
    /// Records read so far and in all, while they are read after start-up.
    pub loading: RwSignal<Option<(usize, usize)>>,
    /// Files in force read through the pipeline so far and in all, while every one is read in the
    /// background after start-up (stale figures first): the outputs wait for it.
    pub preparing: RwSignal<Option<(usize, usize)>>,
    /// The reader workers, started on first use (`None` before).
    reader: StoredValue<Option<Pool>, LocalStorage>,
    today: NaiveDate,
}

/// Where full.html's reader worker is (trunk's loader shim of `src/bin/reader.rs`).
const READER: &str = "./reader_loader.js";

/// At most this many reader workers (fewer where the machine has fewer cores to spare).
const READERS: usize = 2;

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
            digests: RwSignal::new(Vec::new()),
            summary_ready: RwSignal::new(false),
            loading: RwSignal::new(None),
            preparing: RwSignal::new(None),
            reader: StoredValue::new_local(None),
            today: super::use_app().today,
        };
        provide_context(ws);
        ws
    }

    /// Reads the stored workspace once (later calls do nothing): the digests first (the summary is
    /// shown from them), then the records one by one; then, in the background, every file in force
    /// through the import pipeline in the reader worker ([`WorkspaceState::prepare`]), where the
    /// figures that are missing or stale are computed again.
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
            let keys = match db.keys(stores::RECEIVED).await {
                Ok(keys) => keys,
                Err(e) => return ws.status.set(WorkspaceStatus::Unavailable(e)),
            };
            let template = template_id(&ws.template.get_untracked());
            // A digest without its record, or that does not read, is left out (and replaced). A
            // stale one is shown until its figures have been computed again.
            let digests: HashMap<String, Digest> = db
                .all(stores::FIGURES)
                .await
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(key, text)| Some((key, serde_json::from_str::<Digest>(&text).ok()?)))
                .collect();
            let shown: Vec<Digest> = keys
                .iter()
                .filter_map(|k| digests.get(k))
                .cloned()
                .collect();
            ws.db.set_value(Some(db.clone()));
            ws.digests.set(shown);
            ws.summary_ready.set(true);
            // The records, one per tick.
            let total = keys.len();
            ws.loading.set(Some((0, total)));
            let mut unreadable = Vec::new();
            let mut stale = Vec::new();
            let mut fresh = Vec::new();
            let mut last_shown = clock::now();
            for (i, key) in keys.into_iter().enumerate() {
                let record = match db.get(stores::RECEIVED, &key).await {
                    Ok(Some(text)) => serde_json::from_str::<Received>(&text).ok(),
                    Ok(None) => None,
                    Err(e) => return ws.status.set(WorkspaceStatus::Unavailable(e)),
                };
                let Some(record) = record else {
                    unreadable.push(key);
                    continue;
                };
                ws.records.update_untracked(|v| v.push(record));
                if ws.digest_is_stale(&key, &template) {
                    &mut stale
                } else {
                    &mut fresh
                }
                .push(key);
                // Shown a few times a second, not once per record.
                if (clock::now() - last_shown).num_milliseconds() > 300 {
                    last_shown = clock::now();
                    ws.loading.set(Some((i + 1, total)));
                    ws.records.notify();
                }
                dom::next_tick().await;
            }
            ws.records.notify();
            ws.unreadable.set(unreadable);
            ws.loading.set(None);
            ws.status.set(WorkspaceStatus::Ready);
            stale.extend(fresh);
            ws.prepare(stale).await;
        });
    }

    /// Reads the file in force of every record of `keys` (in that order) through the pipeline in
    /// the reader workers, and writes again the digests that no longer hold; `preparing` counts.
    async fn prepare(&self, keys: Vec<String>) {
        if keys.is_empty() {
            return;
        }
        let template = template_id(&self.template.get_untracked());
        let total = keys.len();
        self.preparing.set(Some((0, total)));
        let mut last_shown = clock::now();
        let depth = self.reader().width();
        let mut ahead: VecDeque<_> = keys
            .iter()
            .take(depth)
            .map(|k| self.send_record(k))
            .collect();
        for (i, key) in keys.iter().enumerate() {
            let sent = ahead.pop_front().flatten();
            if let Some(next) = keys.get(i + depth) {
                ahead.push_back(self.send_record(next));
            }
            self.take_answer(sent).await;
            if self.digest_is_stale(key, &template) {
                self.write_digest(key).await;
            }
            if (clock::now() - last_shown).num_milliseconds() > 300 {
                last_shown = clock::now();
                self.preparing.set(Some((i + 1, total)));
                self.digests.notify();
            }
        }
        self.digests.notify();
        self.preparing.set(None);
    }

    /// Whether the record of `store_key` is held and the digest shown for it does not hold for it as
    /// memory holds it, on today with `template` (missing, or made from something else).
    fn digest_is_stale(&self, store_key: &str, template: &str) -> bool {
        self.records.with_untracked(|v| {
            let Some(r) = v.iter().find(|r| r.store_key() == store_key) else {
                return false;
            };
            let d = depends(r, template);
            !self.digests.with_untracked(|ds| {
                ds.iter().any(|x| {
                    x.store_key == store_key && x.depends == d && x.holds(template, self.today)
                })
            })
        })
    }

    /// The reader workers, started on first use.
    fn reader(&self) -> Pool {
        if let Some(pool) = self.reader.with_value(Clone::clone) {
            return pool;
        }
        let pool = Pool::start(READER, reader::WIRE, READERS);
        self.reader.set_value(Some(pool.clone()));
        pool
    }

    /// The worker's reading: `Some` when it answered with a file, `None` when it had no answer or
    /// cannot answer (the caller reads in-thread).
    async fn opened_from(pending: Pending) -> Option<Opened> {
        reader::parse_answer(&pending.answer().await.ok()??)
    }

    /// Sends the file in force of `store_key` to a reader worker, unless the cache has it: the
    /// cache key and the answer to come.
    fn send_record(&self, store_key: &str) -> Option<((String, String), Pending)> {
        self.records.with_untracked(|v| {
            let r = v.iter().find(|r| r.store_key() == store_key)?;
            let key = cache_key(r, None);
            if self.cache.with_value(|c| c.contains_key(&key)) {
                return None;
            }
            let text = serde_json::to_string(r).expect("a record serialises");
            Some((key, self.reader().send(Request::Record.name(), &text)))
        })
    }

    /// Waits for what [`WorkspaceState::send_record`] sent and keeps it in the cache. Without an
    /// answer `open_record` reads the file in-thread when it is asked for (and finds why it does
    /// not read).
    async fn take_answer(&self, sent: Option<((String, String), Pending)>) {
        let Some((key, pending)) = sent else { return };
        if let Some(opened) = Self::opened_from(pending).await {
            self.cache
                .update_value(|c| drop(c.insert(key, Arc::new(opened))));
        }
    }

    /// Reads the file in force of `store_key` into the cache, in a worker (in-thread where no worker
    /// answers), unless the cache has it.
    async fn ensure_opened(&self, store_key: &str) {
        self.take_answer(self.send_record(store_key)).await;
    }

    /// The digest of the record of `store_key` as memory holds it: the figures of its file in force
    /// (read, cached) on today. `None` when there is no such record.
    fn digest_of(&self, store_key: &str, template: &str) -> Option<Digest> {
        let tpl = self.template.get_untracked();
        self.records.with_untracked(|v| {
            let r = v.iter().find(|r| r.store_key() == store_key)?;
            let figures = self
                .open_record(r, None)
                .map(|o| FileFigures::of(&o.file(&r.review), &tpl, self.today));
            Some(Digest {
                store_key: store_key.to_string(),
                department: r.department.clone(),
                current: FileMeta::of(&r.current),
                older: r.older.iter().map(FileMeta::of).collect(),
                depends: depends(r, template),
                figures,
            })
        })
    }

    /// Computes and writes the digest of `store_key` again (or deletes it with its record).
    async fn write_digest(&self, store_key: &str) {
        let Some(db) = self.db.with_value(Clone::clone) else {
            return;
        };
        let template = template_id(&self.template.get_untracked());
        match self.digest_of(store_key, &template) {
            Some(digest) => {
                let text = serde_json::to_string(&digest).expect("a digest serialises");
                self.digests.update_untracked(|v| put_digest(v, digest));
                // A digest that failed to be written is computed again on the next start.
                let _ = db.put(stores::FIGURES, store_key, &text).await;
            }
            None => {
                self.digests
                    .update_untracked(|v| v.retain(|d| d.store_key != store_key));
                let _ = db.delete(stores::FIGURES, store_key).await;
            }
        }
    }

    /// Every record's digest (tracked): what the summary table and the list of held files show.
    pub fn digests(&self) -> Signal<Vec<Digest>> {
        self.digests.into()
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

    /// Why a held file does not read (a file stored by an older app that this one cannot read);
    /// tracked: `None` until its record has been read.
    pub fn read_error(&self, store_key: &str) -> Option<ImportError> {
        self.records.with(|v| {
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
        let opened = Arc::new(Opened::read_value(file.file.clone()).ok()?);
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

    /// [`WorkspaceState::current`], untracked (for a click).
    pub fn current_untracked(&self) -> Vec<(Received, Arc<Opened>)> {
        self.records.with_untracked(|v| {
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
        // Each file goes to a reader worker as many files ahead of the one being filed as there are
        // workers: they read while the page files and stores.
        let pool = self.reader();
        let depth = pool.width();
        let send = |i: usize| {
            let text = department_text(&files.get(i)?.1).ok()?;
            Some(pool.send(Request::File.name(), text))
        };
        let mut ahead: VecDeque<_> = (0..depth).map(send).collect();
        let mut out = Vec::with_capacity(files.len());
        for (i, (file_name, bytes)) in files.iter().enumerate() {
            let sent = ahead.pop_front().flatten();
            ahead.push_back(send(i + depth));
            let result = self.receive_one(file_name, bytes, template, sent).await;
            out.push(ReceiveOutcome {
                file_name: file_name.clone(),
                result,
            });
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
            self.digests.notify();
        }
        out
    }

    async fn receive_one(
        &self,
        file_name: &str,
        bytes: &[u8],
        template: &Template,
        sent: Option<Pending>,
    ) -> Result<Accepted, Refused> {
        let text = department_text(bytes)?;
        let value: Value = parse_json(text).map_err(Refused::Unreadable)?;
        // Read in the worker; in-thread where it cannot, or did not read it (for the error).
        let read = match sent {
            Some(pending) => Self::opened_from(pending).await,
            None => None,
        };
        let opened = match read {
            Some(opened) => opened,
            None => Opened::read_value(value.clone()).map_err(|e| match e {
                ReceiveError::Unreadable(e) => Refused::Unreadable(e),
                ReceiveError::NotAnAssessment(kind) => Refused::NotAnAssessment(kind),
            })?,
        };
        let department = opened.assessment.profile.department_key();
        let store_key = department.to_id();
        let matched = compare_templates(&opened.template, template);
        let (sanitized, checksum_mismatch) = (
            opened.sanitized,
            matches!(opened.checksum, ChecksumStatus::Mismatch { .. }),
        );
        let accepted = |receipt| Accepted {
            receipt,
            store_key: store_key.clone(),
            department: department.clone(),
            sanitized,
            checksum_mismatch,
            template: (!matched.is_exact()).then(|| matched.clone()),
        };
        let cache_key = file_key(
            store_key.clone(),
            zrz_exchange::office::exported_at_of(&value),
            zrz_exchange::office::checksum_of(&value),
        );
        // Memory changes first (without a copy of the workspace), then storage; a failed write
        // puts the record back as it was.
        let before = self
            .records
            .with_untracked(|v| v.iter().find(|r| r.store_key() == store_key).cloned());
        let mut receipt = Receipt::AlreadyHeld;
        self.records.update_untracked(|v| {
            let mut ws = Workspace {
                received: std::mem::take(v),
                extras: Default::default(),
            };
            receipt = ws.receive_read(file_name, clock::now(), value, &opened.assessment);
            *v = ws.received;
        });
        if receipt == Receipt::AlreadyHeld {
            return Ok(accepted(receipt));
        }
        match self.write(&store_key).await {
            Ok(()) => {
                // Read once: the summary takes the file from the cache, not through the pipeline
                // again.
                self.cache
                    .update_value(|c| drop(c.insert(cache_key, Arc::new(opened))));
                self.write_digest(&store_key).await;
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
            if ws.write(&store_key).await.is_ok() {
                ws.ensure_opened(&store_key).await;
                ws.write_digest(&store_key).await;
                ws.digests.notify();
            }
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

    /// Reads a 汇总工作区 file (the whole workspace exported, here or on another computer) and says
    /// what bringing it in would do, department by department (nothing changes yet).
    pub fn plan_import(&self, bytes: &[u8]) -> Result<(Workspace, WorkspacePlan), ImportError> {
        let text = decode_text(zrz_exchange::import::check_size_within(
            bytes,
            WORKSPACE_FILE_LIMIT,
        )?)?;
        let imported = read_value(parse_json(text)?)?;
        let kind = imported.header.kind;
        let zrz_exchange::Content::Workspace(incoming) = imported.content else {
            return Err(ImportError::WrongKind {
                expected: Kind::Workspace,
                found: kind,
            });
        };
        let local = Workspace {
            received: self.records.get_untracked(),
            extras: Default::default(),
        };
        let plan = plan_workspace(&local, &incoming);
        Ok((incoming, plan))
    }

    /// Brings in `incoming` as `plan` says (every file the workspace lacks added, reviews taken
    /// where the plan or the user's `choices` say); each changed record written and read back. A
    /// record that cannot be written is put back as it was; the failures are returned.
    pub async fn apply_import(
        &self,
        incoming: &Workspace,
        plan: &WorkspacePlan,
        choices: &BTreeMap<String, zrz_exchange::merge::Side>,
    ) -> Vec<(String, IdbFault)> {
        let local = Workspace {
            received: self.records.get_untracked(),
            extras: Default::default(),
        };
        let merged = apply_workspace(&local, incoming, plan, choices);
        let mut failed = Vec::new();
        for entry in &plan.entries {
            let Some(after) = merged.find(&entry.store_key).cloned() else {
                continue;
            };
            let before = local.find(&entry.store_key).cloned();
            if before.as_ref() == Some(&after) {
                continue;
            }
            let key = entry.store_key.clone();
            self.records
                .update_untracked(|v| match v.iter_mut().find(|r| r.store_key() == key) {
                    Some(r) => *r = after,
                    None => v.push(after),
                });
            match self.write(&key).await {
                Ok(()) => {
                    self.ensure_opened(&key).await;
                    self.write_digest(&key).await
                }
                Err(e) => {
                    self.records.update_untracked(|v| match before {
                        Some(b) => {
                            if let Some(r) = v.iter_mut().find(|r| r.store_key() == key) {
                                *r = b;
                            }
                        }
                        None => v.retain(|r| r.store_key() != key),
                    });
                    failed.push((key, e));
                }
            }
            dom::next_tick().await;
        }
        self.records.notify();
        self.digests.notify();
        failed
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

/// The text of a department file as received: refused when it is too large or not text, and kept
/// aside (for its passphrase) when it is passphrase-protected.
fn department_text(bytes: &[u8]) -> Result<&str, Refused> {
    let text = decode_text(check_size(bytes).map_err(Refused::Unreadable)?)
        .map_err(Refused::Unreadable)?;
    if zrz_exchange::encrypted::EncryptedFile::is_encrypted(text) {
        return Err(Refused::Encrypted(Arc::new(bytes.to_vec())));
    }
    Ok(text)
}

/// Puts `digest` in place of the one of its key, or adds it (in key order).
fn put_digest(v: &mut Vec<Digest>, digest: Digest) {
    match v.iter().position(|d| d.store_key == digest.store_key) {
        Some(i) => v[i] = digest,
        None => {
            let at = v.partition_point(|d| d.store_key < digest.store_key);
            v.insert(at, digest);
        }
    }
}
