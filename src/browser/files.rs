//! Files the user picks (`<input type="file">`) or drops on the page, read into bytes in the browser.
//! Nothing is uploaded. The size is checked from `File.size` before a byte is read, so an enormous
//! file is refused without loading it into memory.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file the user chose, not yet read.
pub struct ChosenFile {
    file: web_sys::File,
}

impl ChosenFile {
    pub fn name(&self) -> String {
        self.file.name()
    }

    /// Size in bytes, as the browser reports it.
    pub fn size(&self) -> usize {
        self.file.size() as usize
    }
}

/// Why a chosen file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFault {
    /// Larger than the limit: nothing was read.
    TooLarge { size: usize, limit: usize },
    /// The browser could not read it (moved, deleted, locked by another program …).
    Failed(String),
}

/// For logs and tests, in neutral form; the interface words it with `i18n::errors` (`read`).
impl std::fmt::Display for ReadFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "file not read: {self:?}")
    }
}

/// The file chosen in an `<input type="file">` whose `change` event this is. The input is cleared
/// afterwards, so choosing the same file again (after fixing it) fires `change` again.
pub fn from_input_event(ev: &web_sys::Event) -> Option<ChosenFile> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file.map(|file| ChosenFile { file })
}

/// The first file of a drop; `None` when the drop carries no file (e.g. dragged text).
pub fn from_drop_event(ev: &web_sys::DragEvent) -> Option<ChosenFile> {
    let file = ev.data_transfer()?.files()?.get(0)?;
    Some(ChosenFile { file })
}

/// Whether a drag carries files, so the drop zone lights up only for them.
pub fn drag_has_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|dt| {
        dt.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}

/// Shows the "copy" cursor while a file is dragged over a drop zone.
pub fn show_copy_cursor(ev: &web_sys::DragEvent) {
    if let Some(dt) = ev.data_transfer() {
        dt.set_drop_effect("copy");
    }
}

/// Reads the whole file, refusing it first if `File.size` is over `limit`.
pub async fn read_bytes(file: &ChosenFile, limit: usize) -> Result<Vec<u8>, ReadFault> {
    let size = file.size();
    if size > limit {
        return Err(ReadFault::TooLarge { size, limit });
    }
    let buffer = JsFuture::from(file.file.array_buffer())
        .await
        .map_err(|e| ReadFault::Failed(js_error_text(&e)))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    // The file may have grown between the check and the read.
    if bytes.len() > limit {
        return Err(ReadFault::TooLarge {
            size: bytes.len(),
            limit,
        });
    }
    Ok(bytes)
}

fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| format!("{} {}", String::from(e.name()), String::from(e.message())))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
        .trim()
        .to_string()
}

/// Every file chosen in an `<input type="file" multiple>` (or a folder picker); the input is
/// cleared afterwards, like [`from_input_event`].
pub fn all_from_input_event(ev: &web_sys::Event) -> Vec<ChosenFile> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input.files().map(list).unwrap_or_default();
    input.set_value("");
    files
}

/// Every file of a drop.
pub fn all_from_drop_event(ev: &web_sys::DragEvent) -> Vec<ChosenFile> {
    ev.data_transfer()
        .and_then(|dt| dt.files())
        .map(list)
        .unwrap_or_default()
}

fn list(files: web_sys::FileList) -> Vec<ChosenFile> {
    (0..files.length())
        .filter_map(|i| files.get(i))
        .map(|file| ChosenFile { file })
        .collect()
}

/// A file passed over in a dropped folder, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its path in the drop ("/部门/说明.txt").
    pub path: String,
    pub why: SkipWhy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipWhy {
    /// Not a `.json` file: only exchange files are taken from a folder.
    NotJson,
    /// The browser could not list the folder or open the file.
    Unreadable(String),
}

/// One node of a dropped tree, a file or a folder ([`walk`]). Implemented for the browser's
/// `FileSystemEntry`; the tests walk a made-up tree.
#[allow(async_fn_in_trait)] // used with concrete types only, in this crate and its tests
pub trait DropEntry: Sized {
    type File;
    /// The path in the drop, "/" first.
    fn path(&self) -> String;
    fn is_directory(&self) -> bool;
    /// A folder's entries.
    async fn children(&self) -> Result<Vec<Self>, String>;
    /// A file's content handle.
    async fn file(&self) -> Result<Self::File, String>;
}

/// Every `.json` file under `roots` (folders walked to any depth), in path order; every other file,
/// and whatever could not be read, in `skipped` with its reason.
pub async fn walk<E: DropEntry>(roots: Vec<E>) -> (Vec<E::File>, Vec<Skipped>) {
    let mut found: Vec<(String, E::File)> = Vec::new();
    let mut skipped = Vec::new();
    let mut stack = roots;
    while let Some(entry) = stack.pop() {
        let path = entry.path();
        if entry.is_directory() {
            match entry.children().await {
                Ok(children) => stack.extend(children),
                Err(e) => skipped.push(Skipped {
                    path,
                    why: SkipWhy::Unreadable(e),
                }),
            }
        } else if !path.to_lowercase().ends_with(".json") {
            skipped.push(Skipped {
                path,
                why: SkipWhy::NotJson,
            });
        } else {
            match entry.file().await {
                Ok(file) => found.push((path, file)),
                Err(e) => skipped.push(Skipped {
                    path,
                    why: SkipWhy::Unreadable(e),
                }),
            }
        }
    }
    zrz_domain::order::sort_by(&mut found, |a, b| a.0.cmp(&b.0));
    zrz_domain::order::sort_by(&mut skipped, |a, b| a.path.cmp(&b.path));
    (found.into_iter().map(|(_, f)| f).collect(), skipped)
}

/// What a drop carries, taken while its event lasts (the browser empties it afterwards): a
/// folder or file entry where the browser gives one, else the file.
pub enum Dropped {
    Entry(web_sys::FileSystemEntry),
    File(ChosenFile),
}

/// Every item of a drop, files and folders.
pub fn dropped_items(ev: &web_sys::DragEvent) -> Vec<Dropped> {
    let Some(dt) = ev.data_transfer() else {
        return Vec::new();
    };
    let items = dt.items();
    let from_items: Vec<Dropped> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter(|item| item.kind() == "file")
        .filter_map(|item| match item.webkit_get_as_entry() {
            Ok(Some(entry)) => Some(Dropped::Entry(entry)),
            _ => item
                .get_as_file()
                .ok()
                .flatten()
                .map(|file| Dropped::File(ChosenFile { file })),
        })
        .collect();
    if from_items.is_empty() {
        // A browser without `items`: the files of the drop.
        return all_from_drop_event(ev)
            .into_iter()
            .map(Dropped::File)
            .collect();
    }
    from_items
}

/// The `.json` files of a drop, folders walked; the rest listed as skipped.
pub async fn files_of_drop(dropped: Vec<Dropped>) -> (Vec<ChosenFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut entries = Vec::new();
    for d in dropped {
        match d {
            Dropped::File(f) => files.push(f),
            Dropped::Entry(e) => entries.push(e),
        }
    }
    let (found, skipped) = walk(entries).await;
    files.extend(found);
    (files, skipped)
}

fn callback_promise(
    start: impl FnOnce(&js_sys::Function, &js_sys::Function) -> Result<(), wasm_bindgen::JsValue>,
) -> js_sys::Promise {
    let mut start = Some(start);
    js_sys::Promise::new(&mut |resolve, reject| {
        if let Some(start) = start.take() {
            if let Err(e) = start(&resolve, &reject) {
                let _ = reject.call1(&wasm_bindgen::JsValue::NULL, &e);
            }
        }
    })
}

impl DropEntry for web_sys::FileSystemEntry {
    type File = ChosenFile;

    fn path(&self) -> String {
        self.full_path()
    }

    fn is_directory(&self) -> bool {
        web_sys::FileSystemEntry::is_directory(self)
    }

    async fn children(&self) -> Result<Vec<Self>, String> {
        let dir: &web_sys::FileSystemDirectoryEntry = self.unchecked_ref();
        let reader = dir.create_reader();
        let mut all = Vec::new();
        // `readEntries` gives a batch at a time (about 100 in Chromium), then an empty one.
        loop {
            let batch = JsFuture::from(callback_promise(|ok, err| {
                reader.read_entries_with_callback_and_callback(ok, err)
            }))
            .await
            .map_err(|e| js_error_text(&e))?;
            let batch = js_sys::Array::from(&batch);
            if batch.length() == 0 {
                return Ok(all);
            }
            all.extend(
                batch
                    .iter()
                    .map(|e| e.unchecked_into::<web_sys::FileSystemEntry>()),
            );
        }
    }

    async fn file(&self) -> Result<ChosenFile, String> {
        let entry: &web_sys::FileSystemFileEntry = self.unchecked_ref();
        let file = JsFuture::from(callback_promise(|ok, err| {
            entry.file_with_callback_and_callback(ok, err);
            Ok(())
        }))
        .await
        .map_err(|e| js_error_text(&e))?;
        Ok(ChosenFile {
            file: file.unchecked_into(),
        })
    }
}
