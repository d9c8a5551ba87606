//! Excel workbooks (SpreadsheetML, `.xlsx`): sheets of text and number cells, bold header rows,
//! column widths, a frozen header and filter buttons.
//!
//! The package holds only the parts Excel, WPS and LibreOffice need: `[Content_Types].xml`,
//! `_rels/.rels`, `xl/workbook.xml` and its relationships, `xl/styles.xml`,
//! `xl/sharedStrings.xml` and one `xl/worksheets/sheetN.xml` per sheet. No theme and no
//! document properties: Excel opens the file without them and fills in its defaults.
//!
//! Choices worth knowing:
//!
//! - **Shared strings.** Text goes in one table that cells refer to by index, which is what
//!   Excel itself writes (the best-trodden path in every reader) and is smaller when a
//!   department's name repeats on every row.
//! - **Cell text** is stored as Excel would read it back: CR LF and lone CR become LF (Excel's
//!   line break), a literal `_x0041_` is escaped to `_x005F_x0041_` so Excel does not decode it
//!   as "A", and text longer than Excel's 32 767-character cell limit is cut there (CSV and docx
//!   keep it whole). Characters XML forbids are dropped, as everywhere in this crate.
//! - **Sheet names** are made valid and unique by [`sheet_names`] at write time, so
//!   [`Sheet::name`] may be any title, such as a department's full name.
//! - **Styles** are fixed: body text wraps and sits at the top of its cell, so long notes are
//!   readable; header cells are bold, centred and shaded; every written cell has a thin border
//!   for printing. The font is 宋体 11 pt, on every Chinese Windows since the first; where it is
//!   missing the application substitutes its own Chinese font.

use crate::{number_text, package, xml, Error, Part};
use std::collections::BTreeMap;

/// A workbook: its sheets in tab order. A workbook with no sheets is written with one empty
/// sheet, since Excel will not open a workbook without one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    /// The sheets, in tab order; the first is the one shown on opening.
    pub sheets: Vec<Sheet>,
}

/// One worksheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// Its title. Any text: the written tab name is made valid and unique by [`sheet_names`].
    pub name: String,
    /// Column widths from column A on, in Excel's unit: the width of the digit `0` in the
    /// default font. A Chinese character is about 2 wide. A column with no entry, or with a
    /// width that is not positive and finite, keeps the default width; widths above 255 (Excel's
    /// maximum) are written as 255.
    pub columns: Vec<f64>,
    /// The rows from row 1 on.
    pub rows: Vec<Row>,
    /// How many rows from the top stay in view while scrolling (0 for none). They are also
    /// repeated at the top of every printed page.
    pub freeze_header_rows: u32,
    /// Filter buttons on the last frozen row, over every column and row below it. Ignored when
    /// nothing is frozen or the sheet has no row below the header.
    pub autofilter: bool,
}

/// One row of cells, from column A on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// The cells; [`Cell::Empty`] keeps a column free.
    pub cells: Vec<Cell>,
    /// How the row's cells look.
    pub style: RowStyle,
}

impl Row {
    /// A body row.
    pub fn new(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            style: RowStyle::Normal,
        }
    }

    /// A header row: bold, centred, shaded.
    pub fn header(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            style: RowStyle::Header,
        }
    }
}

/// How a row's cells look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RowStyle {
    /// Wrapped text at the top of the cell.
    #[default]
    Normal,
    /// Bold, centred and shaded: a column heading.
    Header,
}

/// The content of one cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Cell {
    /// Nothing (still bordered, so a printed table has no gaps).
    #[default]
    Empty,
    /// Text, always stored as text: `"=1+1"` or `"85.5"` is never a formula or a number.
    Text(String),
    /// A number, stored as a number; NaN and infinities are written as an empty cell.
    Number(f64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Self {
        Cell::Number(x)
    }
}

/// `None` is an empty cell: a score that has not been given yet.
impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Self {
        x.map_or(Cell::Empty, Cell::Number)
    }
}

/// Excel's limits on a sheet and a cell.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;
const MAX_CELL_TEXT: usize = 32_767;
const MAX_COLUMN_WIDTH: f64 = 255.0;
const MAX_SHEET_NAME: usize = 31;

/// Indices into `cellXfs` in [`STYLES`].
const STYLE_HEADER: u8 = 1;
const STYLE_TEXT: u8 = 2;
const STYLE_NUMBER: u8 = 3;

impl Workbook {
    /// The `.xlsx` file. Fails only when a sheet passes Excel's 1 048 576 rows or 16 384 columns,
    /// or the file passes 4 GiB.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, Error> {
        package(&self.parts()?)
    }

    /// Every part of the package, `[Content_Types].xml` first.
    fn parts(&self) -> Result<Vec<Part>, Error> {
        let blank = [Sheet::default()];
        let sheets = if self.sheets.is_empty() {
            &blank[..]
        } else {
            &self.sheets[..]
        };
        let names = sheet_names(&sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>());
        let mut strings = SharedStrings::default();
        let mut worksheets = Vec::with_capacity(sheets.len());
        for (i, (sheet, name)) in sheets.iter().zip(&names).enumerate() {
            let xml =
                worksheet_xml(sheet, i == 0, &mut strings).ok_or_else(|| Error::SheetTooLarge {
                    sheet: name.clone(),
                })?;
            worksheets.push((format!("xl/worksheets/sheet{}.xml", i + 1), xml));
        }
        let mut parts = vec![
            (
                "[Content_Types].xml".to_owned(),
                content_types(sheets.len()),
            ),
            ("_rels/.rels".to_owned(), ROOT_RELS.to_owned()),
            ("xl/workbook.xml".to_owned(), workbook_xml(sheets, &names)),
            (
                "xl/_rels/workbook.xml.rels".to_owned(),
                workbook_rels(sheets.len()),
            ),
            ("xl/styles.xml".to_owned(), STYLES.to_owned()),
            ("xl/sharedStrings.xml".to_owned(), strings.to_xml()),
        ];
        parts.extend(worksheets);
        Ok(parts)
    }
}

/// Valid, unique Excel sheet names for `titles`, one per title, in order.
///
/// Excel refuses a name that is empty, longer than 31 characters, contains any of `[]:*?/\`,
/// begins or ends with `'`, equals another sheet's name ignoring case, or is `History`. So:
/// control characters are dropped, each of `[]:*?/\` becomes `_`, surrounding spaces and `'`
/// are trimmed, the name is cut to 31 characters (UTF-16 units, as Excel counts), an empty name
/// becomes `SheetN` (N its position from 1), and a name already taken gets ` (2)`, ` (3)`, …
/// within the 31. Case is folded for ASCII, Latin-1, Greek, Cyrillic and fullwidth Latin letters
/// (not other scripts, to spare Unicode's case tables in the wasm). A list of names that are
/// already valid and unique comes back unchanged.
pub fn sheet_names<S: AsRef<str>>(titles: &[S]) -> Vec<String> {
    let mut taken = vec![fold_case("History")];
    let mut names = Vec::with_capacity(titles.len());
    for (i, title) in titles.iter().enumerate() {
        let mut base = clean_sheet_name(title.as_ref());
        if base.is_empty() {
            base = format!("Sheet{}", i + 1);
        }
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&fold_case(&name)) {
            let suffix = format!(" ({n})");
            let room = MAX_SHEET_NAME - suffix.len();
            name = format!("{}{suffix}", truncate_utf16(&base, room).trim_end());
            n += 1;
        }
        taken.push(fold_case(&name));
        names.push(name);
    }
    names
}

/// `name` with the case of its letters folded, for comparing sheet names as Excel does.
///
/// Folds ASCII, Latin-1, Greek, Cyrillic and fullwidth Latin letters: every letter with case that
/// a county office's titles could hold. `str::to_lowercase` would fold every script, but its
/// Unicode tables cost some 7 KB of gzipped wasm for every user, for names that are almost
/// always Chinese. Two names differing only in the case of another script would both be kept.
fn fold_case(name: &str) -> String {
    name.chars()
        .map(|c| {
            let shift = match u32::from(c) {
                0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => 0x20, // A-Z, À-Ö, Ø-Þ
                0x391..=0x3A1 | 0x3A3..=0x3AB => 0x20,           // Greek Α-Ρ, Σ-Ϋ
                0x410..=0x42F | 0xFF21..=0xFF3A => 0x20,         // Cyrillic А-Я, fullwidth Ａ-Ｚ
                0x400..=0x40F => 0x50,                           // Cyrillic Ѐ-Џ
                _ => 0,
            };
            char::from_u32(u32::from(c) + shift).unwrap_or(c)
        })
        .collect()
}

fn clean_sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|&c| xml::allowed(c) && !c.is_control())
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\'')
            .to_owned()
    };
    trim(truncate_utf16(&trim(&cleaned), MAX_SHEET_NAME))
}

/// The longest prefix of `s` of at most `max` UTF-16 units, never splitting a character.
fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (at, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..at];
        }
    }
    s
}

/// Cell text as Excel stores it (see the module docs): allowed characters only, LF line breaks,
/// at most 32 767 UTF-16 units.
fn cell_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().filter(|&c| xml::allowed(c)).peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            chars.next_if_eq(&'\n');
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    let len = truncate_utf16(&out, MAX_CELL_TEXT).len();
    out.truncate(len);
    out
}

/// Appends `s` as the text of an `<si><t>`: XML-escaped, and every `_` that would begin an
/// `_xHHHH_` escape written as `_x005F_`, so the reader shows the text as typed.
fn push_xstring(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(at) = rest.find('_') {
        xml::text(out, &rest[..at]);
        let after = &rest[at + 1..];
        out.push_str(if looks_like_escape(after) {
            "_x005F_"
        } else {
            "_"
        });
        rest = after;
    }
    xml::text(out, rest);
}

/// Whether `s` begins with `xHHHH_`, the rest of an escape after its `_`.
fn looks_like_escape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 6 && b[0] == b'x' && b[1..5].iter().all(u8::is_ascii_hexdigit) && b[5] == b'_'
}

/// The shared string table: each distinct text once, in first-use order.
#[derive(Default)]
struct SharedStrings {
    index: BTreeMap<String, usize>,
    in_order: Vec<String>,
    uses: usize,
}

impl SharedStrings {
    fn index_of(&mut self, text: String) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(&text) {
            return i;
        }
        let i = self.in_order.len();
        self.in_order.push(text.clone());
        self.index.insert(text, i);
        i
    }

    fn to_xml(&self) -> String {
        let mut out = String::from(xml::DECLARATION);
        out.push_str(&format!(
            "<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.in_order.len()
        ));
        for s in &self.in_order {
            out.push_str("<si><t xml:space=\"preserve\">");
            push_xstring(&mut out, s);
            out.push_str("</t></si>");
        }
        out.push_str("</sst>");
        out
    }
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_PREFIX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";

fn content_types(sheets: usize) -> String {
    let mut out = String::from(xml::DECLARATION);
    out.push_str(concat!(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
        "<Default Extension=\"rels\" ",
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    ));
    let mut over = |part: &str, kind: &str| {
        out.push_str(&format!(
            "<Override PartName=\"/xl/{part}\" ContentType=\"{CT_PREFIX}.{kind}+xml\"/>"
        ));
    };
    over("workbook.xml", "sheet.main");
    over("styles.xml", "styles");
    over("sharedStrings.xml", "sharedStrings");
    for i in 1..=sheets {
        over(&format!("worksheets/sheet{i}.xml"), "worksheet");
    }
    out.push_str("</Types>");
    out
}

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" ",
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" ",
    "Target=\"xl/workbook.xml\"/>",
    "</Relationships>"
);

/// Sheet `i` (from 1) is `rIdi`; styles and shared strings come after the sheets.
fn workbook_rels(sheets: usize) -> String {
    let mut out = String::from(xml::DECLARATION);
    out.push_str(&format!("<Relationships xmlns=\"{PKG_REL_NS}\">"));
    let mut rel = |id: usize, kind: &str, target: &str| {
        out.push_str(&format!(
            "<Relationship Id=\"rId{id}\" Type=\"{REL_NS}/{kind}\" Target=\"{target}\"/>"
        ));
    };
    for i in 1..=sheets {
        rel(i, "worksheet", &format!("worksheets/sheet{i}.xml"));
    }
    rel(sheets + 1, "styles", "styles.xml");
    rel(sheets + 2, "sharedStrings", "sharedStrings.xml");
    out.push_str("</Relationships>");
    out
}

fn workbook_xml(sheets: &[Sheet], names: &[String]) -> String {
    let mut out = String::from(xml::DECLARATION);
    out.push_str(&format!(
        "<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">\
         <bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    ));
    for (i, name) in names.iter().enumerate() {
        out.push_str("<sheet name=\"");
        xml::attr(&mut out, name);
        out.push_str(&format!("\" sheetId=\"{0}\" r:id=\"rId{0}\"/>", i + 1));
    }
    out.push_str("</sheets>");
    let defined = defined_names(sheets, names);
    if !defined.is_empty() {
        out.push_str("<definedNames>");
        out.push_str(&defined);
        out.push_str("</definedNames>");
    }
    out.push_str("</workbook>");
    out
}

/// The filter ranges Excel expects beside an `autoFilter`, then the rows repeated on every
/// printed page; each group in sheet order, as Excel sorts them.
fn defined_names(sheets: &[Sheet], names: &[String]) -> String {
    let mut out = String::new();
    for (i, (sheet, name)) in sheets.iter().zip(names).enumerate() {
        if let Some(range) = filter_range(sheet) {
            out.push_str(&format!(
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">"
            ));
            xml::text(
                &mut out,
                &format!("{}!{}", quoted_sheet(name), range.absolute()),
            );
            out.push_str("</definedName>");
        }
    }
    for (i, (sheet, name)) in sheets.iter().zip(names).enumerate() {
        let rows = frozen_rows(sheet);
        if rows > 0 {
            out.push_str(&format!(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">"
            ));
            xml::text(&mut out, &format!("{}!$1:${rows}", quoted_sheet(name)));
            out.push_str("</definedName>");
        }
    }
    out
}

/// A sheet name as a formula refers to it: in `'…'`, with `'` doubled.
fn quoted_sheet(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// The frozen rows as written: never the whole sheet.
fn frozen_rows(sheet: &Sheet) -> usize {
    (sheet.freeze_header_rows as usize).min(MAX_ROWS - 1)
}

/// A rectangle of cells, 0-based and inclusive.
struct Range {
    first_row: usize,
    last_row: usize,
    last_col: usize,
}

impl Range {
    fn relative(&self) -> String {
        format!(
            "A{}:{}{}",
            self.first_row + 1,
            column_letters(self.last_col),
            self.last_row + 1
        )
    }

    fn absolute(&self) -> String {
        format!(
            "$A${}:${}${}",
            self.first_row + 1,
            column_letters(self.last_col),
            self.last_row + 1
        )
    }
}

/// From the last frozen row to the last row, over every column any row uses.
fn filter_range(sheet: &Sheet) -> Option<Range> {
    let header = frozen_rows(sheet).checked_sub(1)?;
    let widest = sheet.rows.iter().map(|r| r.cells.len()).max()?;
    let fits = sheet.autofilter && sheet.rows.len() > header + 1 && widest <= MAX_COLUMNS;
    fits.then(|| Range {
        first_row: header,
        last_row: sheet.rows.len() - 1,
        last_col: widest.max(1) - 1,
    })
}

/// `A`…`Z`, `AA`…: the letters of the 0-based column `i`.
fn column_letters(i: usize) -> String {
    let mut letters = Vec::new();
    let mut n = i + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(b'A' + digit as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// The worksheet part, or `None` when the sheet is larger than Excel opens.
fn worksheet_xml(sheet: &Sheet, selected: bool, strings: &mut SharedStrings) -> Option<String> {
    let too_wide = sheet.rows.iter().any(|r| r.cells.len() > MAX_COLUMNS);
    if sheet.rows.len() > MAX_ROWS || too_wide {
        return None;
    }
    let mut out = String::from(xml::DECLARATION);
    out.push_str(&format!(
        "<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">"
    ));
    // Printed, every column fits the page width; the rows run on over as many pages as needed.
    out.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
    push_sheet_view(&mut out, frozen_rows(sheet), selected);
    out.push_str(&format!(
        "<sheetFormatPr defaultRowHeight=\"{LINE_HEIGHT}\"/>"
    ));
    push_columns(&mut out, &sheet.columns);
    out.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        push_row(&mut out, r, row, &sheet.columns, strings);
    }
    out.push_str("</sheetData>");
    if let Some(range) = filter_range(sheet) {
        out.push_str(&format!("<autoFilter ref=\"{}\"/>", range.relative()));
    }
    out.push_str(concat!(
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" ",
        "header=\"0.3\" footer=\"0.3\"/>",
        // A4, the paper every office in China prints on.
        "<pageSetup paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\"/>",
        "</worksheet>"
    ));
    Some(out)
}

fn push_sheet_view(out: &mut String, frozen: usize, selected: bool) {
    out.push_str("<sheetViews><sheetView");
    if selected {
        out.push_str(" tabSelected=\"1\"");
    }
    out.push_str(" workbookViewId=\"0\">");
    if frozen > 0 {
        let top = format!("A{}", frozen + 1);
        out.push_str(&format!(
            "<pane ySplit=\"{frozen}\" topLeftCell=\"{top}\" activePane=\"bottomLeft\" \
             state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"{top}\" \
             sqref=\"{top}\"/>"
        ));
    }
    out.push_str("</sheetView></sheetViews>");
}

fn push_columns(out: &mut String, widths: &[f64]) {
    let cols: Vec<(usize, f64)> = widths
        .iter()
        .take(MAX_COLUMNS)
        .enumerate()
        .filter(|(_, w)| w.is_finite() && **w > 0.0)
        .map(|(i, w)| (i + 1, w.min(MAX_COLUMN_WIDTH)))
        .collect();
    if cols.is_empty() {
        return;
    }
    out.push_str("<cols>");
    for (n, width) in cols {
        out.push_str(&format!(
            "<col min=\"{n}\" max=\"{n}\" width=\"{width}\" customWidth=\"1\"/>"
        ));
    }
    out.push_str("</cols>");
}

fn push_row(out: &mut String, r: usize, row: &Row, widths: &[f64], strings: &mut SharedStrings) {
    let lines = row_lines(row, widths);
    if lines > 1 {
        let height = (lines as f64 * LINE_HEIGHT).min(MAX_ROW_HEIGHT);
        out.push_str(&format!("<row r=\"{}\" ht=\"{height}\">", r + 1));
    } else {
        out.push_str(&format!("<row r=\"{}\">", r + 1));
    }
    for (c, cell) in row.cells.iter().enumerate() {
        let reference = format!("{}{}", column_letters(c), r + 1);
        let style = match (row.style, cell) {
            (RowStyle::Header, _) => STYLE_HEADER,
            (RowStyle::Normal, Cell::Number(_)) => STYLE_NUMBER,
            (RowStyle::Normal, _) => STYLE_TEXT,
        };
        let head = format!("<c r=\"{reference}\" s=\"{style}\"");
        match cell {
            Cell::Text(s) => {
                let i = strings.index_of(cell_text(s));
                out.push_str(&format!("{head} t=\"s\"><v>{i}</v></c>"));
            }
            Cell::Number(x) => match number_text(*x) {
                Some(v) => out.push_str(&format!("{head}><v>{v}</v></c>")),
                None => out.push_str(&format!("{head}/>")),
            },
            Cell::Empty => out.push_str(&format!("{head}/>")),
        }
    }
    out.push_str("</row>");
}

/// The height of one line of 11 pt text, in points: 宋体 needs 14.25, the Noto CJK fonts that
/// stand in for it elsewhere about 15.
const LINE_HEIGHT: f64 = 15.0;
/// Excel's tallest row, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// Excel's default column width, in widths of `0`.
const DEFAULT_COLUMN_WIDTH: f64 = 8.43;

/// How many lines the tallest wrapped cell of `row` takes, estimated from the text's width.
///
/// Excel fits the height of a row that has none to its wrapped text when it draws it, but
/// LibreOffice (7.4, measured) keeps the default height of one line, cutting long notes off.
/// So a row whose text wraps gets a height, written without `customHeight`: Excel still
/// refits it when the text is edited. The estimate counts a CJK character as two widths of
/// `0`, anything else as one, on a column one width narrower than given for the cell's
/// padding; a little too tall is harmless, too short hides text.
fn row_lines(row: &Row, widths: &[f64]) -> usize {
    let width = |c: usize| {
        let w = widths.get(c).copied().filter(|w| w.is_finite() && *w > 0.0);
        w.unwrap_or(DEFAULT_COLUMN_WIDTH).min(MAX_COLUMN_WIDTH)
    };
    let cell_lines = |(c, cell): (usize, &Cell)| match cell {
        Cell::Text(s) => text_lines(&cell_text(s), (width(c) - 1.0).max(1.0)),
        Cell::Number(_) | Cell::Empty => 1,
    };
    row.cells
        .iter()
        .enumerate()
        .map(cell_lines)
        .max()
        .unwrap_or(1)
}

/// Lines of `text` (as [`cell_text`] leaves it) on a line `room` widths of `0` wide: each LF
/// starts a line, and a line wider than `room` wraps.
fn text_lines(text: &str, room: f64) -> usize {
    text.split('\n')
        .map(|line| {
            let wide: usize = line.chars().map(char_width).sum();
            ((wide as f64 / room).ceil() as usize).max(1)
        })
        .sum()
}

/// 2 for the characters East Asian Width calls wide or fullwidth (CJK ideographs and
/// punctuation, kana, hangul, fullwidth forms, emoji), 1 for the rest.
fn char_width(c: char) -> usize {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if wide || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—') {
        2
    } else {
        1
    }
}

/// Fonts, fills, borders and the four cell formats the writer uses (`cellXfs`): 0 Excel's
/// default, 1 header (bold, centred, shaded, wrapped), 2 body text (top, wrapped), 3 body
/// number (top).
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<fonts count=\"2\">",
    "<font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "</fonts>",
    "<fills count=\"3\">",
    "<fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill>",
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/>",
    "<bgColor indexed=\"64\"/></patternFill></fill>",
    "</fills>",
    "<borders count=\"2\">",
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
    "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/>",
    "</right><top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\">",
    "<color auto=\"1\"/></bottom><diagonal/></border>",
    "</borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>",
    "</cellStyleXfs>",
    "<cellXfs count=\"4\">",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" ",
    "applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">",
    "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" ",
    "applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" ",
    "applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>",
    "</cellXfs>",
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    "</styleSheet>"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::check_well_formed;
    use proptest::prelude::*;

    fn part<'a>(parts: &'a [Part], name: &str) -> &'a str {
        let found = parts.iter().find(|(n, _)| n == name);
        &found.unwrap_or_else(|| panic!("no part {name}")).1
    }

    fn one_sheet(rows: Vec<Row>) -> Workbook {
        Workbook {
            sheets: vec![Sheet {
                name: "S".into(),
                rows,
                ..Sheet::default()
            }],
        }
    }

    fn parts(book: &Workbook) -> Vec<Part> {
        book.parts().expect("within Excel's limits")
    }

    #[test]
    fn sheet_names_follow_excels_rules() {
        let mut cases: Vec<(String, String)> = [
            ("办公室", "办公室"),
            ("宣传部/网信办", "宣传部_网信办"),
            ("a[b]c:d*e?f\\g", "a_b_c_d_e_f_g"),
            ("  'quoted'  ", "quoted"),
            ("tab\there\u{0}", "tabhere"),
            ("", "Sheet1"),
            ("   ", "Sheet1"),
            ("''", "Sheet1"),
            ("History", "History (2)"),
        ]
        .map(|(t, e)| (t.to_owned(), e.to_owned()))
        .into();
        // 31 UTF-16 units, counted as Excel counts them; trimmed again after the cut.
        cases.push(("一".repeat(40), "一".repeat(31)));
        cases.push(("😀".repeat(20), "😀".repeat(15)));
        cases.push((format!("{}'x", "a".repeat(30)), "a".repeat(30)));
        for (title, expected) in cases {
            assert_eq!(sheet_names(&[&title]), [expected], "{title:?}");
        }
    }

    #[test]
    fn sheet_names_are_unique_ignoring_case() {
        let long = "中共某某县委宣传部意识形态工作责任制落实情况自查表（二〇二五年）";
        let names = sheet_names(&["汇总", "Sheet", "sheet", "汇总", "", long, long, "Sheet1"]);
        assert_eq!(
            names[..5],
            ["汇总", "Sheet", "sheet (2)", "汇总 (2)", "Sheet5"]
        );
        assert_eq!(names[5].encode_utf16().count(), 31);
        assert!(names[6].ends_with(" (2)") && names[6].encode_utf16().count() == 31);
        assert_eq!(names[7], "Sheet1");
        for name in &names {
            assert!(!name.is_empty() && name.encode_utf16().count() <= 31);
        }
        let mut lower: Vec<_> = names.iter().map(|n| fold_case(n)).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(lower.len(), names.len());
    }

    #[test]
    fn case_folding_agrees_with_unicode_where_it_folds() {
        let letters = ('A'..='Z')
            .chain('\u{C0}'..='\u{DE}')
            .chain('\u{391}'..='\u{3AB}')
            .chain('\u{400}'..='\u{42F}')
            .chain('Ａ'..='Ｚ');
        for c in letters.filter(|c| c.is_uppercase()) {
            assert_eq!(
                fold_case(&c.to_string()),
                c.to_lowercase().to_string(),
                "{c}"
            );
        }
        assert_eq!(
            fold_case("Sheet ÄÖ ΣΩ ЖЁ ＡＢ 汇总"),
            "sheet äö σω жё ａｂ 汇总"
        );
        assert_eq!(
            sheet_names(&["Été", "éTÉ", "ПЛАН", "план"]),
            ["Été", "éTÉ (2)", "ПЛАН", "план (2)"]
        );
    }

    #[test]
    fn valid_unique_names_are_kept() {
        let names = ["汇总", "办公室", "Sheet (2)", "a'b"];
        assert_eq!(sheet_names(&names), names);
    }

    #[test]
    fn column_letters_are_bijective_base_26() {
        let cases = [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
        ];
        for (i, letters) in cases {
            assert_eq!(column_letters(i), letters);
        }
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(MAX_COLUMNS - 1), "XFD");
    }

    #[test]
    fn numbers_are_number_cells_and_text_is_shared() {
        let book = one_sheet(vec![
            Row::header(vec!["部门".into(), "得分".into()]),
            Row::new(vec!["办公室".into(), 85.5.into()]),
            Row::new(vec!["办公室".into(), 90.0.into(), "85.5".into()]),
            Row::new(vec![Cell::Empty, f64::NAN.into(), None.into()]),
        ]);
        let parts = parts(&book);
        let sheet = part(&parts, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains("<c r=\"B2\" s=\"3\"><v>85.5</v></c>"),
            "{sheet}"
        );
        assert!(sheet.contains("<c r=\"B3\" s=\"3\"><v>90</v></c>"));
        assert!(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c>"));
        assert!(
            sheet.contains("<c r=\"A3\" s=\"2\" t=\"s\"><v>2</v></c>"),
            "repeat shares"
        );
        assert!(
            sheet.contains("<c r=\"C3\" s=\"2\" t=\"s\"><v>3</v></c>"),
            "text stays text"
        );
        assert!(sheet.contains("<c r=\"B4\" s=\"3\"/><c r=\"C4\" s=\"2\"/>"));
        let sst = part(&parts, "xl/sharedStrings.xml");
        assert!(sst.contains("count=\"5\" uniqueCount=\"4\""), "{sst}");
        assert!(sst.contains("<si><t xml:space=\"preserve\">85.5</t></si>"));
    }

    #[test]
    fn cell_text_is_what_excel_reads_back() {
        assert_eq!(cell_text("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(cell_text("x\u{0}\u{1B}y"), "xy");
        let long = "长".repeat(MAX_CELL_TEXT + 10);
        assert_eq!(cell_text(&long).chars().count(), MAX_CELL_TEXT);
        let mut out = String::new();
        push_xstring(&mut out, "_x0041_ a_b _x12_ __x00e9_ <&>");
        assert_eq!(out, "_x005F_x0041_ a_b _x12_ __x005F_x00e9_ &lt;&amp;&gt;");
    }

    #[test]
    fn rows_whose_text_wraps_are_made_tall_enough() {
        assert_eq!(text_lines("办公室", 7.0), 1);
        assert_eq!(text_lines("一二三四", 7.0), 2, "8 widths on 7");
        assert_eq!(text_lines("abcdefg", 7.0), 1);
        assert_eq!(text_lines("a\n\nb", 7.0), 3);
        assert_eq!(text_lines("", 7.0), 1);
        let mut book = one_sheet(vec![
            Row::new(vec!["短".into(), 1.0.into()]),
            Row::new(vec!["短".into(), "第一行\r\n第二行".into()]),
            Row::header(vec!["一二三四五六七八九十".into()]),
        ]);
        book.sheets[0].columns = vec![6.0, 30.0];
        let parts = parts(&book);
        let sheet = part(&parts, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains("<row r=\"1\"><c"),
            "one line: the default height"
        );
        assert!(sheet.contains("<row r=\"2\" ht=\"30\">"), "{sheet}");
        assert!(
            sheet.contains("<row r=\"3\" ht=\"60\">"),
            "20 widths on 5: 4 lines"
        );
        assert!(sheet.contains("<sheetFormatPr defaultRowHeight=\"15\"/>"));
        let tall = one_sheet(vec![Row::new(vec!["\n".repeat(100).into()])]);
        let parts = tall.parts().expect("fits");
        assert!(part(&parts, "xl/worksheets/sheet1.xml").contains("ht=\"409\""));
    }

    #[test]
    fn frozen_header_filter_and_print_titles() {
        let mut book = one_sheet(vec![
            Row::header(vec!["标题".into()]),
            Row::header(vec!["部门".into(), "得分".into(), "备注".into()]),
            Row::new(vec!["办公室".into(), 85.5.into()]),
        ]);
        book.sheets[0].name = "O'Neil".into();
        book.sheets[0].freeze_header_rows = 2;
        book.sheets[0].autofilter = true;
        let parts = parts(&book);
        let sheet = part(&parts, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(
            "<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        ));
        assert!(sheet.contains("<autoFilter ref=\"A2:C3\"/>"), "{sheet}");
        let workbook = part(&parts, "xl/workbook.xml");
        assert!(workbook.contains("hidden=\"1\">'O''Neil'!$A$2:$C$3</definedName>"));
        assert!(workbook.contains(
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'O''Neil'!$1:$2<"
        ));
    }

    #[test]
    fn no_filter_without_a_frozen_header_or_body() {
        let mut book = one_sheet(vec![Row::header(vec!["a".into()])]);
        book.sheets[0].autofilter = true;
        book.sheets[0].freeze_header_rows = 1;
        assert!(!part(&parts(&book), "xl/worksheets/sheet1.xml").contains("autoFilter"));
        book.sheets[0].rows.push(Row::new(vec![1.0.into()]));
        book.sheets[0].freeze_header_rows = 0;
        let parts = parts(&book);
        assert!(!part(&parts, "xl/worksheets/sheet1.xml").contains("autoFilter"));
        assert!(!part(&parts, "xl/worksheets/sheet1.xml").contains("<pane"));
        assert!(!part(&parts, "xl/workbook.xml").contains("definedName"));
    }

    #[test]
    fn column_widths() {
        let mut book = one_sheet(vec![]);
        book.sheets[0].columns = vec![30.0, f64::NAN, -1.0, 0.0, 12.5, 1000.0];
        let parts = parts(&book);
        let sheet = part(&parts, "xl/worksheets/sheet1.xml");
        let cols = "<cols><col min=\"1\" max=\"1\" width=\"30\" customWidth=\"1\"/>\
                    <col min=\"5\" max=\"5\" width=\"12.5\" customWidth=\"1\"/>\
                    <col min=\"6\" max=\"6\" width=\"255\" customWidth=\"1\"/></cols>";
        assert!(sheet.contains(cols), "{sheet}");
        book.sheets[0].columns = vec![f64::INFINITY];
        assert!(!part(&book.parts().expect("fits"), "xl/worksheets/sheet1.xml").contains("<cols>"));
    }

    #[test]
    fn every_sheet_is_a_part_with_its_relationship_and_content_type() {
        let book = Workbook {
            sheets: vec![
                Sheet {
                    name: "汇总".into(),
                    ..Sheet::default()
                },
                Sheet {
                    name: "汇总".into(),
                    ..Sheet::default()
                },
            ],
        };
        let parts = parts(&book);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "[Content_Types].xml");
        assert!(names.contains(&"xl/worksheets/sheet2.xml"));
        let types = part(&parts, "[Content_Types].xml");
        assert!(types.contains("PartName=\"/xl/worksheets/sheet2.xml\""));
        let rels = part(&parts, "xl/_rels/workbook.xml.rels");
        assert!(rels.contains("Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\""));
        assert!(rels.contains("Id=\"rId3\"") && rels.contains("Target=\"styles.xml\""));
        let workbook = part(&parts, "xl/workbook.xml");
        assert!(workbook.contains("<sheet name=\"汇总 (2)\" sheetId=\"2\" r:id=\"rId2\"/>"));
        let first = part(&parts, "xl/worksheets/sheet1.xml");
        let second = part(&parts, "xl/worksheets/sheet2.xml");
        assert!(first.contains("tabSelected") && !second.contains("tabSelected"));
    }

    #[test]
    fn an_empty_workbook_still_has_a_sheet() {
        let parts = parts(&Workbook::default());
        assert!(part(&parts, "xl/workbook.xml").contains("<sheet name=\"Sheet1\""));
        assert!(parts.iter().any(|(n, _)| n == "xl/worksheets/sheet1.xml"));
    }

    #[test]
    fn a_sheet_wider_than_excel_is_refused() {
        let book = one_sheet(vec![Row::new(vec![Cell::Empty; MAX_COLUMNS + 1])]);
        assert_eq!(
            book.to_xlsx(),
            Err(Error::SheetTooLarge { sheet: "S".into() })
        );
        let book = one_sheet(vec![Row::new(vec![Cell::Empty; MAX_COLUMNS])]);
        assert!(book.to_xlsx().is_ok());
    }

    #[test]
    fn fixed_parts_are_well_formed() {
        assert_eq!(check_well_formed(STYLES), Ok(()));
        assert_eq!(check_well_formed(ROOT_RELS), Ok(()));
    }

    fn any_cell() -> impl Strategy<Value = Cell> {
        prop_oneof![
            Just(Cell::Empty),
            any::<String>().prop_map(Cell::Text),
            "[=_x0-9A-F&<>\"'\r\n\t\u{0}-\u{1F}\u{FFFE}\u{FFFF}]{0,12}".prop_map(Cell::Text),
            any::<f64>().prop_map(Cell::Number),
        ]
    }

    fn any_sheet() -> impl Strategy<Value = Sheet> {
        let rows = proptest::collection::vec(
            (proptest::collection::vec(any_cell(), 0..5), any::<bool>()).prop_map(
                |(cells, header)| {
                    if header {
                        Row::header(cells)
                    } else {
                        Row::new(cells)
                    }
                },
            ),
            0..6,
        );
        (
            any::<String>(),
            proptest::collection::vec(any::<f64>(), 0..4),
            rows,
            0u32..4,
            any::<bool>(),
        )
            .prop_map(
                |(name, columns, rows, freeze_header_rows, autofilter)| Sheet {
                    name,
                    columns,
                    rows,
                    freeze_header_rows,
                    autofilter,
                },
            )
    }

    proptest! {
        /// Whatever the text, every part of the package is well-formed XML.
        #[test]
        fn every_part_is_well_formed(sheets in proptest::collection::vec(any_sheet(), 0..4)) {
            let book = Workbook { sheets };
            for (name, xml) in book.parts().expect("small sheets fit") {
                prop_assert_eq!(check_well_formed(&xml), Ok(()), "{}:\n{}", name, xml);
            }
        }

        /// Any list of titles gives valid names, unique ignoring case, one per title.
        #[test]
        fn any_titles_give_valid_unique_names(titles in proptest::collection::vec(any::<String>(), 0..8)) {
            let names = sheet_names(&titles);
            prop_assert_eq!(names.len(), titles.len());
            let mut seen = Vec::new();
            for name in &names {
                prop_assert!(!name.is_empty() && name.encode_utf16().count() <= 31, "{:?}", name);
                prop_assert!(!name.contains(['[', ']', ':', '*', '?', '/', '\\']), "{:?}", name);
                prop_assert!(!name.starts_with('\'') && !name.ends_with('\''), "{:?}", name);
                prop_assert!(!name.chars().any(char::is_control), "{:?}", name);
                prop_assert!(fold_case(name) != "history");
                prop_assert!(!seen.contains(&fold_case(name)), "{:?} twice", name);
                seen.push(fold_case(name));
            }
            prop_assert_eq!(sheet_names(&names), names, "valid names are a fixed point");
        }
    }
}
