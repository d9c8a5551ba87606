//! The self-check before a download is offered: the written text read back through the importer.

use super::sanitize::sanitize;
use crate::envelope::Content;
use crate::import::{read_file, ChecksumStatus};
use crate::path::{differences, Difference, Seg};

/// the app calls this before offering the download and reports the differences instead.
pub fn verify_export(text: &str, original: &Content) -> Result<(), Vec<Difference>> {
    let imported = match read_file(text.as_bytes()) {
        Ok(imported) => imported,
        Err(e) => {
            return Err(vec![Difference {
                path: String::new(),
                expected: "可以重新导入的文件".into(),
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
            expected: "与内容一致".into(),
            found: format!("{:?}", imported.checksum),
        });
    }
    let expected = if imported.header.sanitized {
        sanitize(original)
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
