//! Saving text as a file the user downloads.

use wasm_bindgen::JsCast;

/// Why a download could not be offered: the browser object that could not be made (`Blob`, `URL`,
/// `a`). Worded by `i18n::errors` (`download`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownloadFault(pub &'static str);

/// Offers `text` as a download called `file_name`.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), DownloadFault> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("Blob"))?;
    offer(file_name, &blob)
}

fn fail(what: &'static str) -> DownloadFault {
    DownloadFault(what)
}

/// Offers `bytes` (a workbook, a document) as a download called `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), DownloadFault> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| fail("Blob"))?;
    offer(file_name, &blob)
}

fn offer(file_name: &str, blob: &web_sys::Blob) -> Result<(), DownloadFault> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| fail("URL"))?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("a"))?
        .dyn_into()
        .map_err(|_| fail("a"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
    }
    // Revoked later, not now: some browsers start reading the URL only after the click returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}
