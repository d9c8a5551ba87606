//! Step 1 and 2: the file's size, and its bytes as text (UTF-8, with or without a byte-order mark;
//! GBK and UTF-16 recognised and named).

use crate::error::{Encoding, ImportError, SyntaxProblem};
use crate::MAX_FILE_BYTES;

/// Step 1: refuse anything over [`MAX_FILE_BYTES`] before looking at it.
pub fn check_size(bytes: &[u8]) -> Result<&[u8], ImportError> {
    check_size_within(bytes, MAX_FILE_BYTES)
}

/// Step 1 with another limit (a 汇总工作区 holds many department files: `MAX_WORKSPACE_BYTES`).
pub fn check_size_within(bytes: &[u8], limit: usize) -> Result<&[u8], ImportError> {
    if bytes.len() > limit {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit,
        });
    }
    Ok(bytes)
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Step 2: bytes to text. A UTF-8 byte-order mark (Notepad writes one) is skipped; UTF-16 and GBK
/// text (Notepad's "Unicode" and "ANSI" on Chinese Windows) get their own messages, and UTF-8 cut
/// off in the middle of a character (an incomplete sequence at the very end: a file cut short in
/// transit) is reported as truncated, not as another encoding.
pub fn decode_text(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || looks_like_utf16(bytes) {
        return Err(ImportError::NotUtf8 {
            line: 1,
            byte_offset: 0,
            encoding: Some(Encoding::Utf16),
        });
    }
    let skip = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let text = std::str::from_utf8(&bytes[skip..]).map_err(|e| {
        let offset = skip + e.valid_up_to();
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        if e.error_len().is_none() {
            let valid = std::str::from_utf8(&bytes[skip..offset]).unwrap_or_default();
            let column = valid
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .chars()
                .count()
                + 1;
            return ImportError::NotJson {
                line,
                column,
                problem: SyntaxProblem::EndOfFile,
                truncated: true,
            };
        }
        let encoding = looks_like_gbk(&bytes[offset..]).then_some(Encoding::Gbk);
        ImportError::NotUtf8 {
            line,
            byte_offset: offset,
            encoding,
        }
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}

/// UTF-16 without a byte-order mark: ASCII JSON with a zero byte after (LE) or before (BE) every
/// character, at least in the first 64 bytes.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return false;
    }
    let pairs = head.chunks_exact(2);
    let le = pairs.clone().filter(|p| p[0] != 0 && p[1] == 0).count();
    let be = pairs.filter(|p| p[0] == 0 && p[1] != 0).count();
    le.max(be) * 10 >= head.len() / 2 * 9
}

/// Every non-ASCII byte starts a valid GBK double-byte pair (lead 0x81–0xFE, trail 0x40–0xFE except
/// 0x7F). Plain Chinese text in GBK passes; random binary rarely does.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut i = 0;
    let mut pairs = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0x81..=0xFE).contains(&b) && (0x40..=0xFE).contains(&t) && t != 0x7F => {
                pairs += 1;
                i += 2;
            }
            _ => return false,
        }
    }
    pairs > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_cut_in_the_middle_of_a_character_is_truncated_not_gbk() {
        // "办公室" is E5 8A 9E E5 85 AC E5 AE A4; cut after the first byte of 室.
        let mut bytes = "{\n  \"department\": \"办公".as_bytes().to_vec();
        bytes.push(0xE5);
        assert_eq!(
            decode_text(&bytes),
            Err(ImportError::NotJson {
                line: 2,
                column: 20,
                problem: SyntaxProblem::EndOfFile,
                truncated: true
            })
        );
        // The same bytes followed by more text are not cut off: a broken sequence inside the file.
        bytes.extend(b"\"}");
        assert!(matches!(
            decode_text(&bytes),
            Err(ImportError::NotUtf8 { line: 2, .. })
        ));
    }

    #[test]
    fn gbk_and_utf16_are_recognised() {
        assert!(looks_like_gbk(&[0xD5, 0xC5, b'a', 0xC8, 0xFD]));
        assert!(!looks_like_gbk(&[0xD5]));
        assert!(!looks_like_gbk(b"plain"));
        assert!(looks_like_utf16(&[b'{', 0, b'"', 0, b'a', 0, b'"', 0]));
        assert!(looks_like_utf16(&[0, b'{', 0, b'"', 0, b'a', 0, b'"']));
        assert!(!looks_like_utf16(b"{\"a\": 1}"));
        assert!(
            !looks_like_utf16(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00"),
            "a zip file is not UTF-16"
        );
    }
}
