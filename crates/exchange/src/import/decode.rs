//! Step 1 and 2: the file's size, and its bytes as text (UTF-8, with or without a byte-order mark;
//! GBK and UTF-16 recognised and named).

use crate::error::ImportError;
use crate::MAX_FILE_BYTES;

/// Step 1: refuse anything over [`MAX_FILE_BYTES`] before looking at it.
pub fn check_size(bytes: &[u8]) -> Result<&[u8], ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Step 2: bytes to text. A UTF-8 byte-order mark (Notepad writes one) is skipped; UTF-16 and GBK
/// text (Notepad's "Unicode" and "ANSI" on Chinese Windows) get their own messages.
pub fn decode_text(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || looks_like_utf16(bytes) {
        return Err(ImportError::NotUtf8 {
            line: 1,
            byte_offset: 0,
            encoding: Some("UTF-16"),
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
        let encoding = looks_like_gbk(&bytes[offset..]).then_some("GBK/GB18030");
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

/// Step 3: text to JSON, with line and column (in characters) on failure, and a check that no object

#[cfg(test)]
mod tests {
    use super::*;

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
