//! A zip writer with stored (uncompressed) entries, for OOXML packages.
//!
//! xlsx and docx files are zip archives. Deflate would make them smaller, but it costs some 90 KB
//! of wasm download for every user, while the packages this app writes are a few tens of KB of
//! XML that the user saves once; storing them costs a few KB of code. Readers (Excel, WPS, Word,
//! LibreOffice, Python's `zipfile`) all accept method 0.
//!
//! What is written, per APPNOTE 6.3: a local header and the bytes of each entry, then the
//! central directory and the end record. Names are UTF-8 (flag bit 11). Every entry gets the
//! same DOS timestamp, 1980-01-01 00:00 unless one is given, so the same input always gives the
//! same bytes. There is no zip64: an archive over 4 GiB or 65 535 entries is refused with
//! [`Error::TooLarge`] rather than written wrong.
//!
//! The CRC-32 is computed bit by bit: a 1 KB lookup table would be faster, but it measured some
//! 18 KB of wasm, and a bit at a time still checks a megabyte in a few milliseconds.

use crate::Error;

/// A timestamp in the 2-second resolution of the DOS date and time fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DosDateTime {
    date: u16,
    time: u16,
}

impl DosDateTime {
    /// 1980-01-01 00:00:00, the earliest time the format can hold.
    pub const EPOCH: Self = Self {
        date: (1 << 5) | 1,
        time: 0,
    };

    /// The given local date and time, or `None` when the format cannot hold it (a year outside
    /// 1980–2107, or a date or time that does not exist). An odd second is rounded down.
    pub fn new(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1980..=2107).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 60;
        valid.then(|| Self {
            date: ((year - 1980) << 9) | (u16::from(month) << 5) | u16::from(day),
            time: (u16::from(hour) << 11) | (u16::from(minute) << 5) | u16::from(second / 2),
        })
    }
}

impl Default for DosDateTime {
    fn default() -> Self {
        Self::EPOCH
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
const LOCAL_HEADER_LEN: u64 = 30;
const CENTRAL_HEADER_LEN: u64 = 46;
const END_LEN: u64 = 22;
/// Version 1.0 is enough to extract a stored entry.
const VERSION_NEEDED: u16 = 10;
/// Version 2.0 made on MS-DOS: no Unix permission bits in the external attributes.
const VERSION_MADE_BY: u16 = 20;
/// General purpose flag bit 11: the name is UTF-8.
const UTF8_NAMES: u16 = 1 << 11;

/// Builds a zip archive in memory, one entry at a time.
#[derive(Debug, Default)]
pub struct ZipWriter {
    timestamp: DosDateTime,
    /// Local headers and entry bytes: the archive up to the central directory.
    out: Vec<u8>,
    central: Vec<u8>,
    names: Vec<String>,
}

impl ZipWriter {
    /// An empty archive whose entries are dated 1980-01-01 00:00.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty archive whose entries all carry `timestamp`.
    pub fn with_timestamp(timestamp: DosDateTime) -> Self {
        Self {
            timestamp,
            ..Self::default()
        }
    }

    /// Adds a file. `name` is a path with `/` separators, such as `xl/workbook.xml`.
    ///
    /// Fails, leaving the archive as it was, when the name is empty, longer than 65 535 bytes or
    /// already used, or when the archive would pass 4 GiB or 65 535 entries.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), Error> {
        if name.is_empty() || self.names.iter().any(|n| n == name) {
            return Err(Error::EntryName(name.to_owned()));
        }
        let name_len = u16::try_from(name.len()).map_err(|_| Error::EntryName(name.to_owned()))?;
        let offset = u32::try_from(self.out.len()).map_err(|_| Error::TooLarge)?;
        let size = u32::try_from(data.len()).map_err(|_| Error::TooLarge)?;
        let total = self.out.len() as u64
            + LOCAL_HEADER_LEN
            + u64::from(name_len)
            + u64::from(size)
            + self.central.len() as u64
            + CENTRAL_HEADER_LEN
            + u64::from(name_len)
            + END_LEN;
        if total > u64::from(u32::MAX) || self.names.len() >= usize::from(u16::MAX) {
            return Err(Error::TooLarge);
        }
        let entry = Entry {
            timestamp: self.timestamp,
            crc: crc32(data),
            size,
            name_len,
        };
        entry.write_local_header(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);
        entry.write_central_header(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        self.names.push(name.to_owned());
        Ok(())
    }

    /// The finished archive. `add` has already checked every limit, so this cannot fail.
    pub fn finish(self) -> Vec<u8> {
        let Self {
            mut out,
            central,
            names,
            ..
        } = self;
        // `add` kept the whole archive under 4 GiB and the entries under 65 535.
        let central_offset = out.len() as u32;
        let central_len = central.len() as u32;
        let count = names.len() as u16;
        out.extend_from_slice(&central);
        put32(&mut out, END_OF_CENTRAL_DIRECTORY);
        put16(&mut out, 0); // this disk
        put16(&mut out, 0); // disk with the central directory
        put16(&mut out, count); // entries on this disk
        put16(&mut out, count); // entries in all
        put32(&mut out, central_len);
        put32(&mut out, central_offset);
        put16(&mut out, 0); // comment length
        out
    }
}

/// The fields a local header and its central directory record share.
struct Entry {
    timestamp: DosDateTime,
    crc: u32,
    size: u32,
    name_len: u16,
}

impl Entry {
    fn write_local_header(&self, out: &mut Vec<u8>) {
        put32(out, LOCAL_HEADER);
        put16(out, VERSION_NEEDED);
        self.write_common(out);
        put16(out, 0); // extra field length
    }

    fn write_central_header(&self, out: &mut Vec<u8>, local_offset: u32) {
        put32(out, CENTRAL_HEADER);
        put16(out, VERSION_MADE_BY);
        put16(out, VERSION_NEEDED);
        self.write_common(out);
        put16(out, 0); // extra field length
        put16(out, 0); // comment length
        put16(out, 0); // disk number start
        put16(out, 0); // internal attributes
        put32(out, 0); // external attributes
        put32(out, local_offset);
    }

    /// Flags through the name length: the same bytes, in the same order, in both headers.
    fn write_common(&self, out: &mut Vec<u8>) {
        put16(out, UTF8_NAMES);
        put16(out, 0); // method: stored
        put16(out, self.timestamp.time);
        put16(out, self.timestamp.date);
        put32(out, self.crc);
        put32(out, self.size); // compressed size
        put32(out, self.size); // uncompressed size
        put16(out, self.name_len);
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// CRC-32 (ISO-HDLC: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF), as zip
/// and PNG use it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn u16_at(b: &[u8], at: usize) -> u16 {
        u16::from_le_bytes([b[at], b[at + 1]])
    }

    fn u32_at(b: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    #[test]
    fn crc32_of_known_vectors() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"a"), 0xE8B7_BE43);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
        assert_eq!(crc32(&[0u8; 32]), 0x190A_55AD);
        assert_eq!(crc32(&[0xFFu8; 32]), 0xFF6C_AB0B);
    }

    #[test]
    fn dos_timestamps() {
        assert_eq!(
            DosDateTime::new(1980, 1, 1, 0, 0, 0),
            Some(DosDateTime::EPOCH)
        );
        let t = DosDateTime::new(2024, 2, 29, 23, 59, 59).expect("a leap day");
        assert_eq!(t.date, (44 << 9) | (2 << 5) | 29);
        assert_eq!(t.time, (23 << 11) | (59 << 5) | 29);
        for bad in [
            (1979, 12, 31, 0, 0, 0),
            (2108, 1, 1, 0, 0, 0),
            (2023, 2, 29, 0, 0, 0),
            (2100, 2, 29, 0, 0, 0),
            (2024, 4, 31, 0, 0, 0),
            (2024, 13, 1, 0, 0, 0),
            (2024, 1, 0, 0, 0, 0),
            (2024, 1, 1, 24, 0, 0),
            (2024, 1, 1, 0, 60, 0),
            (2024, 1, 1, 0, 0, 60),
        ] {
            let (y, mo, d, h, mi, s) = bad;
            assert_eq!(DosDateTime::new(y, mo, d, h, mi, s), None, "{bad:?}");
        }
        assert!(DosDateTime::new(2000, 2, 29, 0, 0, 0).is_some());
    }

    #[test]
    fn layout_of_a_one_entry_archive() {
        let mut zip = ZipWriter::new();
        zip.add("a.txt", b"hello").expect("fits");
        let b = zip.finish();
        let (name, data, local, central, end) = (5, 5, 30, 46, 22);
        assert_eq!(b.len(), local + name + data + central + name + end);

        assert_eq!(u32_at(&b, 0), LOCAL_HEADER);
        assert_eq!(u16_at(&b, 6), UTF8_NAMES);
        assert_eq!(u16_at(&b, 8), 0, "stored");
        assert_eq!((u16_at(&b, 10), u16_at(&b, 12)), (0, 0x21), "1980-01-01");
        assert_eq!(u32_at(&b, 14), crc32(b"hello"));
        assert_eq!((u32_at(&b, 18), u32_at(&b, 22)), (5, 5));
        assert_eq!((u16_at(&b, 26), u16_at(&b, 28)), (5, 0));
        assert_eq!(&b[30..35], b"a.txt");
        assert_eq!(&b[35..40], b"hello");

        let c = 40;
        assert_eq!(u32_at(&b, c), CENTRAL_HEADER);
        assert_eq!(
            &b[c + 8..c + 30],
            &b[6..28],
            "shared fields match the local header"
        );
        assert_eq!(u32_at(&b, c + 42), 0, "local header offset");
        assert_eq!(&b[c + 46..c + 51], b"a.txt");

        let e = b.len() - end;
        assert_eq!(u32_at(&b, e), END_OF_CENTRAL_DIRECTORY);
        assert_eq!((u16_at(&b, e + 8), u16_at(&b, e + 10)), (1, 1));
        assert_eq!(u32_at(&b, e + 12), 51, "central directory size");
        assert_eq!(u32_at(&b, e + 16), 40, "central directory offset");
    }

    #[test]
    fn offsets_of_later_entries_point_at_their_local_headers() {
        let mut zip = ZipWriter::new();
        zip.add("x", b"12").expect("fits");
        zip.add("目录/文件.xml", b"").expect("fits");
        let b = zip.finish();
        let e = b.len() - 22;
        let mut at = u32_at(&b, e + 16) as usize;
        for expected_name in ["x", "目录/文件.xml"] {
            let name_len = usize::from(u16_at(&b, at + 28));
            assert_eq!(&b[at + 46..at + 46 + name_len], expected_name.as_bytes());
            let local = u32_at(&b, at + 42) as usize;
            assert_eq!(u32_at(&b, local), LOCAL_HEADER);
            assert_eq!(
                &b[local + 30..local + 30 + name_len],
                expected_name.as_bytes()
            );
            at += 46 + name_len;
        }
        assert_eq!(at, e);
    }

    #[test]
    fn same_input_same_bytes() {
        let build = || {
            let mut zip = ZipWriter::new();
            zip.add("a", b"1").expect("fits");
            zip.finish()
        };
        assert_eq!(build(), build());
    }

    #[test]
    fn bad_names_are_refused_and_leave_the_archive_unchanged() {
        let mut zip = ZipWriter::new();
        zip.add("a", b"1").expect("fits");
        assert_eq!(zip.add("a", b"2"), Err(Error::EntryName("a".into())));
        assert_eq!(zip.add("", b"2"), Err(Error::EntryName(String::new())));
        let long = "n".repeat(65_536);
        assert!(matches!(zip.add(&long, b""), Err(Error::EntryName(_))));
        let mut one = ZipWriter::new();
        one.add("a", b"1").expect("fits");
        assert_eq!(zip.finish(), one.finish());
    }

    #[test]
    fn an_empty_archive_is_just_the_end_record() {
        let b = ZipWriter::new().finish();
        assert_eq!(b.len(), 22);
        assert_eq!(u32_at(&b, 0), END_OF_CENTRAL_DIRECTORY);
    }

    /// Python's `zipfile` reads the archive back: names, bytes, CRCs (`testzip`), method,
    /// timestamp and the UTF-8 flag.
    #[test]
    fn python_zipfile_reads_it_back() {
        let mut zip = ZipWriter::with_timestamp(
            DosDateTime::new(2025, 3, 14, 15, 9, 26).expect("a valid time"),
        );
        zip.add("[Content_Types].xml", b"<Types/>").expect("fits");
        zip.add("word/文档.xml", "自查报告".as_bytes())
            .expect("fits");
        zip.add("empty", b"").expect("fits");
        let path = std::env::temp_dir().join(format!("zrz-writers-zip-{}.zip", std::process::id()));
        std::fs::write(&path, zip.finish()).expect("write the archive");
        let script = r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None, "bad CRC"
for i in z.infolist():
    assert i.compress_type == 0 and i.flag_bits & 0x800, i
    assert i.date_time == (2025, 3, 14, 15, 9, 26), i.date_time
    print(i.filename, z.read(i).decode("utf-8"), sep="=")
"#;
        let out = Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&path)
            .output()
            .expect("python3 must be installed for this test");
        let _ = std::fs::remove_file(&path);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "zipfile refused the archive: {stderr}"
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "[Content_Types].xml=<Types/>\nword/文档.xml=自查报告\nempty=\n"
        );
    }
}
