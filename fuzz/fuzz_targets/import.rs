//! The exchange-file importer must never panic, whatever the bytes; and whatever it accepts must
//! export and import again to the same content.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zrz_domain::plan::Template;
use zrz_exchange::{import, Content};

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(Template::shipped)
}

fuzz_target!(|bytes: &[u8]| {
    if let Ok(imported) = import(bytes, template(), None) {
        if let Content::Assessment(assessment) = &imported.content {
            let meta = zrz_exchange::ExportMeta::new(chrono::DateTime::UNIX_EPOCH, "fuzz");
            let text = zrz_exchange::export_assessment(assessment, template(), &meta);
            let again = import(text.as_bytes(), template(), None).expect("our own export imports");
            match again.content {
                Content::Assessment(again) => assert_eq!(&again, assessment),
                other => panic!("exported an assessment, imported a {:?}", other.kind()),
            }
        }
    }
});
