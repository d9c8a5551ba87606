//! The self-check before a download is offered: the written text read back through the importer.

use super::sanitize::sanitize;
use crate::envelope::{Content, ExportMeta};
use crate::import::{parse_json, read_value, ChecksumStatus};
use crate::path::{differences, Difference, Seg};

/// Reads `text` back through the importer and compares what it gets with `original` (sanitised first
/// if the file says it is), unknown fields included. An export that cannot be re-imported, or reads
/// back differently, is a bug: the app calls this before offering the download and reports the
/// differences instead.
pub fn verify_export(text: &str, original: &Content) -> Result<(), Vec<Difference>> {
    let imported = match parse_json(text).and_then(read_value) {
        Ok(imported) => imported,
        Err(e) => {
            return Err(vec![Difference {
                path: String::new(),
                expected: "a file that imports again".into(),
                found: e.to_string(),
            }])
        }
    };
    let mut out = Vec::new();
    if imported.header.kind != original.kind() {
        out.push(Difference {
            path: "kind".into(),
            expected: original.kind().key().into(),
            found: imported.header.kind.key().into(),
        });
    }
    if imported.checksum != ChecksumStatus::Valid {
        out.push(Difference {
            path: "checksum".into(),
            expected: "a checksum matching the content".into(),
            found: format!("{:?}", imported.checksum),
        });
    }
    let expected = if imported.header.sanitized {
        let h = &imported.header;
        sanitize(
            original,
            &ExportMeta::new(h.exported_at, h.app_version.clone()),
        )
    } else {
        original.clone()
    }
    .to_value();
    out.extend(differences(
        &expected,
        &imported.content.to_value(),
        &[Seg::Key("content".into())],
        50,
    ));
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}
