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
