//! Writers for the files the Party group office takes to its meeting: Excel workbooks
//! ([`xlsx`]), editable Word documents ([`docx`]) and CSV ([`csv`]).
//!
//! # Why hand-written
//!
//! The app runs in the browser, and every KB of wasm is downloaded by every user on county
//! networks. Measured against this app, `rust_xlsxwriter` costs about 250 KB gzipped and
//! `docx-rs` about 245 KB; even the `zip` crate with deflate costs about 90 KB. The files we
//! need are small and of a fixed shape, so this crate writes the few OOXML parts that Excel, WPS,
//! Word and LibreOffice require, in a zip with stored entries ([`zip`]), using nothing beyond
//! `std`. The tests open every kind of file in LibreOffice to prove a real program reads it.
//!
//! # Rules every writer keeps
//!
//! - **Text is never trusted.** Whatever a department pasted is escaped for XML, and the
//!   characters XML 1.0 forbids (NUL and the other C0 controls except tab, LF and CR) are
//!   dropped, so no input can make a file unreadable. CSV text that a spreadsheet would run as a
//!   formula is guarded (see [`csv`]).
//! - **Numbers are numbers.** A score is a number cell in xlsx and a bare number in CSV, never
//!   text, so the office can sum and sort it.
//! - **The value given is the value written.** A finite number is written in the shortest form
//!   that reads back as exactly the same `f64` (Rust's `Display`): `90`, not `90.0`; `85.5`.
//!   The writers do no rounding of their own: the app rounds scores to one decimal, half away
//!   from zero (`round1`), before handing them over, and a value so rounded always prints with
//!   at most one decimal. A value that was not rounded prints all its digits
//!   (`0.30000000000000004`). `-0` is written as `0`; NaN and infinities as an empty cell.
//! - **Deterministic.** The same input gives the same bytes: no clock is read, and zip entries
//!   carry a fixed timestamp.
//!
//! # Cost and tests
//!
//! Measured on wasm32 (`opt-level = "z"`, LTO, no wasm-opt) against a probe that already links
//! what the app does (formatting, `BTreeMap<String, _>`, string slicing): all three writers add
//! about 42 KB raw, 16 KB gzipped.
//!
//! `cargo test` runs the unit and property tests, Python's `zipfile` and `xml.dom.minidom` on
//! the packages, and `tests/libreoffice.rs`, which opens every kind of file in LibreOffice and
//! keeps the samples in `target/writers-samples/`. Those tests need `soffice` and Debian's
//! `python3-uno`; `scripts/install-libreoffice.sh` installs them, and without them the tests
//! fail rather than skip.
//!
//! # Example
//!
//! ```
//! use zrz_writers::xlsx::{Cell, Row, Sheet, Workbook};
//!
//! let sheet = Sheet {
//!     name: "汇总".into(),
//!     columns: vec![16.0, 8.0],
//!     rows: vec![
//!         Row::header(vec![Cell::from("部门"), Cell::from("得分")]),
//!         Row::new(vec![Cell::from("办公室"), Cell::from(85.5)]),
//!     ],
//!     freeze_header_rows: 1,
//!     autofilter: true,
//! };
//! let bytes = Workbook { sheets: vec![sheet] }.to_xlsx()?;
//! assert_eq!(&bytes[..2], b"PK");
//! # Ok::<(), zrz_writers::Error>(())
//! ```

pub mod csv;
pub mod docx;
pub mod xlsx;
mod xml;
pub mod zip;

use std::fmt;

/// Why a file could not be written. Every cause is a size limit of the format or a bug in the
/// caller's use of [`zip::ZipWriter`]; no text or number makes a writer fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The archive would pass 4 GiB or 65 535 entries, the limits of zip without zip64.
    TooLarge,
    /// A zip entry name is empty, longer than 65 535 bytes, or already in the archive.
    EntryName(String),
    /// A sheet has more rows (1 048 576) or columns (16 384) than Excel opens.
    SheetTooLarge {
        /// The sheet's name as written.
        sheet: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLarge => f.write_str("文件过大：超过 4 GiB 或 65535 个部件"),
            Error::EntryName(name) => write!(f, "压缩包内文件名无效或重复：“{name}”"),
            Error::SheetTooLarge { sheet } => {
                write!(f, "工作表“{sheet}”超过 Excel 的行数或列数上限")
            }
        }
    }
}

impl std::error::Error for Error {}

/// One part of an OOXML package: its name in the zip and its XML.
type Part = (String, String);

/// The parts as a zip archive, in the order given (`[Content_Types].xml` first, by convention).
fn package(parts: &[Part]) -> Result<Vec<u8>, Error> {
    let mut zip = zip::ZipWriter::new();
    for (name, xml) in parts {
        zip.add(name, xml.as_bytes())?;
    }
    Ok(zip.finish())
}

/// The text of a number as every writer writes it (see the crate docs): `None` for NaN and the
/// infinities, which become empty cells.
fn number_text(x: f64) -> Option<String> {
    if !x.is_finite() {
        None
    } else if x == 0.0 {
        // Also -0.0, which `Display` would write as "-0".
        Some("0".to_owned())
    } else {
        Some(x.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::number_text;
    use proptest::prelude::*;

    /// The app's rounding, copied so the property below tests what the writers will be given.
    fn round1(x: f64) -> f64 {
        (x * 10.0).round() / 10.0
    }

    #[test]
    fn numbers_are_written_exactly_and_shortest() {
        let cases = [
            (90.0, "90"),
            (85.5, "85.5"),
            (100.0, "100"),
            (0.1, "0.1"),
            (-3.5, "-3.5"),
            (-0.0, "0"),
            (0.0, "0"),
            (1e21, "1000000000000000000000"),
            (0.1 + 0.2, "0.30000000000000004"),
            (round1(0.1 + 0.2), "0.3"),
            (round1(89.95), "90"),
            (round1(85.46), "85.5"),
        ];
        for (x, text) in cases {
            assert_eq!(number_text(x).as_deref(), Some(text), "{x:?}");
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(number_text(x), None);
        }
    }

    proptest! {
        /// Whatever `round1` gives prints with at most one decimal and reads back exactly.
        #[test]
        fn rounded_scores_print_with_at_most_one_decimal(x in -1.0e6f64..1.0e6) {
            let r = round1(x);
            let text = number_text(r).expect("finite");
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            prop_assert!(decimals <= 1, "{x} -> {text}");
            prop_assert_eq!(text.parse::<f64>().ok(), Some(if r == 0.0 { 0.0 } else { r }));
        }

        /// Any finite value reads back as the same value.
        #[test]
        fn every_finite_value_round_trips(x in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL) {
            let text = number_text(x).expect("finite");
            prop_assert_eq!(text.parse::<f64>().ok(), Some(x));
        }
    }
}
