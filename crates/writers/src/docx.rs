//! Editable Word documents (WordprocessingML, `.docx`): a title, headings, paragraphs with bold
//! runs, tables and page breaks, laid out as a Chinese official document.
//!
//! The package holds `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml` (the title),
//! `word/document.xml`, `word/styles.xml`, `word/settings.xml` (so that Word does not open the
//! file in 兼容模式), `word/footer1.xml` (the page number) and their relationships. Word, WPS and
//! LibreOffice open and edit it.
//!
//! Layout follows the customs of 党政机关公文 (GB/T 9704), because the office will print and edit
//! these as its own papers:
//!
//! - A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (a 156 mm type area).
//! - Body 仿宋 三号 (16 pt), first line indented two characters, lines exactly 28 pt apart;
//!   the title 方正小标宋简体 二号 (22 pt), centred; 一级标题 黑体, 二级 楷体, 三级 仿宋 bold, all
//!   三号. Headings are real heading styles (`heading 1`–`3`, outline levels 1–3), so they
//!   appear in the navigation pane and a table of contents. Latin text is Times New Roman.
//! - Tables span the type area with thin borders; the header row is bold, shaded and repeated
//!   on every page; cell text is 仿宋 小四 (12 pt).
//! - Page numbers centred in the footer as `— 1 —`, 宋体 四号.
//!
//! The font names are only names: where a font is missing (方正小标宋 is often not installed)
//! Word, WPS and LibreOffice substitute one of their own, and the document stays correct.
//!
//! Text is escaped and stripped of characters XML forbids, as everywhere in this crate. A line
//! break in a run's text (LF, CR LF or CR) becomes `<w:br/>`, and a tab `<w:tab/>`.

use crate::{package, xml, Error, Part};

/// A document: an optional title, then blocks in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Shown centred at the top in the title style and stored as the file's title property;
    /// nothing is shown when it is empty.
    pub title: String,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

/// One block of content.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading at level 1 to 3; other levels are written as the nearest of those.
    Heading {
        /// 1 (一级标题) to 3.
        level: u8,
        /// The heading's text.
        text: String,
    },
    /// A paragraph of body text made of runs.
    Paragraph(Vec<Run>),
    /// A table.
    Table(Table),
    /// What follows starts on a new page.
    PageBreak,
}

impl Block {
    /// A heading at `level` (1 to 3).
    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        Block::Heading {
            level,
            text: text.into(),
        }
    }

    /// A paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::Paragraph(vec![Run::plain(text)])
    }
}

/// A stretch of text in one style.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// The text; line breaks and tabs are kept.
    pub text: String,
    /// Whether it is bold.
    pub bold: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
        }
    }
}

/// A table of text cells. It has as many columns as its widest row (the header counts); shorter
/// rows are filled with empty cells. A table with no cells at all is left out.
/// Word shows at most 63 columns; keep tables narrower than that.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column headings, bold and repeated at the top of every page; none when empty.
    pub header: Vec<String>,
    /// The body rows.
    pub rows: Vec<Vec<String>>,
    /// Relative column widths (`[1.0, 3.0]`: the second column three times the first); the table
    /// always spans the type area. A missing, non-finite or non-positive width counts as the
    /// mean of the valid ones, so an empty list gives equal columns.
    pub widths: Vec<f64>,
}

/// The type area's width in twentieths of a point: A4's 11 906 less margins of 1 587 and 1 474.
const TEXT_WIDTH: u32 = 11_906 - 1_587 - 1_474;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

impl Document {
    /// The `.docx` file. Fails only when it would pass 4 GiB.
    pub fn to_docx(&self) -> Result<Vec<u8>, Error> {
        package(&self.parts())
    }

    /// Every part of the package, `[Content_Types].xml` first.
    fn parts(&self) -> Vec<Part> {
        [
            ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
            ("_rels/.rels", ROOT_RELS.to_owned()),
            ("docProps/core.xml", core_xml(&self.title)),
            ("word/document.xml", self.document_xml()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
            ("word/styles.xml", STYLES.to_owned()),
            ("word/settings.xml", SETTINGS.to_owned()),
            ("word/footer1.xml", FOOTER.to_owned()),
        ]
        .map(|(name, xml)| (name.to_owned(), xml))
        .into()
    }

    fn document_xml(&self) -> String {
        let mut out = String::from(xml::DECLARATION);
        out.push_str(&format!(
            "<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"
        ));
        if !self.title.is_empty() {
            push_paragraph(&mut out, Some("Title"), false, &[Run::plain(&*self.title)]);
        }
        push_blocks(&mut out, &self.blocks);
        out.push_str(SECTION);
        out.push_str("</w:body></w:document>");
        out
    }
}

/// The blocks in order. A page break becomes "page break before" on the paragraph that follows,
/// so the new page does not start with an empty line; only before a table or at the end is it
/// a paragraph of its own. A table is followed by an empty paragraph when another table or the
/// end follows, since Word merges adjacent tables and wants the body to end in a paragraph.
fn push_blocks(out: &mut String, blocks: &[Block]) {
    let mut break_before = false;
    for (i, block) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1);
        match block {
            Block::Heading { level, text } => {
                let style = HEADING_STYLES[usize::from((*level).clamp(1, 3) - 1)];
                push_paragraph(out, Some(style), break_before, &[Run::plain(&**text)]);
            }
            Block::Paragraph(runs) => push_paragraph(out, None, break_before, runs),
            Block::Table(table) => {
                if break_before {
                    out.push_str(PAGE_BREAK_PARAGRAPH);
                }
                if push_table(out, table) && matches!(next, None | Some(Block::Table(_))) {
                    out.push_str("<w:p/>");
                }
            }
            Block::PageBreak => {
                if break_before {
                    out.push_str(PAGE_BREAK_PARAGRAPH);
                }
            }
        }
        break_before = matches!(block, Block::PageBreak);
    }
    if break_before {
        out.push_str(PAGE_BREAK_PARAGRAPH);
    }
}

const HEADING_STYLES: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
const PAGE_BREAK_PARAGRAPH: &str = "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";

fn push_paragraph(out: &mut String, style: Option<&str>, break_before: bool, runs: &[Run]) {
    out.push_str("<w:p>");
    if style.is_some() || break_before {
        out.push_str("<w:pPr>");
        if let Some(style) = style {
            out.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
        }
        if break_before {
            out.push_str("<w:pageBreakBefore/>");
        }
        out.push_str("</w:pPr>");
    }
    for run in runs {
        push_run(out, run);
    }
    out.push_str("</w:p>");
}

/// One `<w:r>`: its text in `<w:t>` pieces separated by `<w:br/>` and `<w:tab/>`.
fn push_run(out: &mut String, run: &Run) {
    if run.text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if run.bold {
        out.push_str("<w:rPr><w:b/><w:bCs/></w:rPr>");
    }
    let text = run.text.replace("\r\n", "\n");
    let mut piece = String::new();
    for c in text.chars() {
        let tag = match c {
            '\n' | '\r' => "<w:br/>",
            '\t' => "<w:tab/>",
            _ => {
                piece.push(c);
                continue;
            }
        };
        push_text(out, &piece);
        piece.clear();
        out.push_str(tag);
    }
    push_text(out, &piece);
    out.push_str("</w:r>");
}

fn push_text(out: &mut String, piece: &str) {
    if !piece.is_empty() {
        out.push_str("<w:t xml:space=\"preserve\">");
        xml::text(out, piece);
        out.push_str("</w:t>");
    }
}

/// Writes the table; `false` (and nothing written) when it has no cells.
fn push_table(out: &mut String, table: &Table) -> bool {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return false;
    }
    let widths = column_widths(&table.widths, columns);
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
    ));
    out.push_str(concat!(
        "<w:tblBorders>",
        "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
        "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
        "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
        "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
        "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
        "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>",
        "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/>",
        "</w:tblCellMar></w:tblPr><w:tblGrid>"
    ));
    for w in &widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    if !table.header.is_empty() {
        push_table_row(out, &table.header, &widths, true);
    }
    for row in &table.rows {
        push_table_row(out, row, &widths, false);
    }
    out.push_str("</w:tbl>");
    true
}

fn push_table_row(out: &mut String, cells: &[String], widths: &[u32], header: bool) {
    out.push_str("<w:tr>");
    if header {
        out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
    }
    for (i, width) in widths.iter().enumerate() {
        out.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
        ));
        if header {
            out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>");
        }
        out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr>");
        out.push_str("<w:pStyle w:val=\"TableText\"/>");
        if header {
            out.push_str("<w:jc w:val=\"center\"/>");
        }
        out.push_str("</w:pPr>");
        let text = cells.get(i).map_or("", String::as_str);
        push_run(
            out,
            &Run {
                text: text.to_owned(),
                bold: header,
            },
        );
        out.push_str("</w:p></w:tc>");
    }
    out.push_str("</w:tr>");
}

/// Each column's width in twips, from the relative `weights`, adding up to [`TEXT_WIDTH`].
fn column_widths(weights: &[f64], columns: usize) -> Vec<u32> {
    let valid = |w: &f64| w.is_finite() && *w > 0.0;
    let given: Vec<f64> = weights
        .iter()
        .take(columns)
        .copied()
        .filter(valid)
        .collect();
    let mean = if given.is_empty() {
        1.0
    } else {
        given.iter().sum::<f64>() / given.len() as f64
    };
    let weights: Vec<f64> = (0..columns)
        .map(|i| weights.get(i).copied().filter(valid).unwrap_or(mean))
        .collect();
    let total: f64 = weights.iter().sum();
    let mut widths: Vec<u32> = weights
        .iter()
        // Share first, then twips: `TEXT_WIDTH × w` overflows to infinity for a huge weight.
        .map(|w| ((w / total).min(1.0) * f64::from(TEXT_WIDTH)).floor() as u32)
        .collect();
    let used: u32 = widths.iter().fold(0, |a, w| a.saturating_add(*w));
    if let Some(last) = widths.last_mut() {
        *last += TEXT_WIDTH.saturating_sub(used);
    }
    widths
}

fn core_xml(title: &str) -> String {
    let mut out = String::from(xml::DECLARATION);
    out.push_str(concat!(
        "<cp:coreProperties ",
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>"
    ));
    xml::text(&mut out, title);
    out.push_str("</dc:title></cp:coreProperties>");
    out
}

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ",
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/",
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/",
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/",
    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/",
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ",
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" ",
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" ",
    "Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/",
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/",
    "relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/",
    "relationships/settings\" Target=\"settings.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/",
    "relationships/footer\" Target=\"footer1.xml\"/>",
    "</Relationships>"
);

/// A4 portrait with the margins of GB/T 9704, the footer `rId3`, pages numbered from 1.
const SECTION: &str = concat!(
    "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId3\"/>",
    "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
    "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" ",
    "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>",
    "<w:pgNumType w:start=\"1\"/></w:sectPr>"
);

/// Word's own current compatibility mode (15, Word 2013 and later): without it Word opens the
/// file in 兼容模式. `doNotExpandShiftReturn` keeps a justified line that ends in a line break
/// (a newline in the text) from being spread across the page, in Word and LibreOffice alike.
const SETTINGS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:defaultTabStop w:val=\"420\"/>",
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>",
    "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" ",
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
    "</w:settings>"
);

const FOOTER: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>",
    "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>",
    "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>",
    "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p>",
    "</w:ftr>"
);

/// `<w:rFonts>` naming one font for Chinese and Latin text alike.
macro_rules! font {
    ($name:literal) => {
        concat!(
            "<w:rFonts w:ascii=\"",
            $name,
            "\" w:hAnsi=\"",
            $name,
            "\" w:eastAsia=\"",
            $name,
            "\"/>"
        )
    };
}

const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr>",
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋\" ",
    "w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>",
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>",
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>",
    "</w:docDefaults>",
    // Body: 三号 仿宋, two-character first-line indent, exactly 28 pt lines.
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">",
    "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr>",
    "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"560\" w:lineRule=\"exact\"/>",
    "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr></w:style>",
    // Title: 二号 方正小标宋简体, centred, a blank line after.
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>",
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/>",
    "<w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"560\" w:line=\"700\" ",
    "w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
    "<w:jc w:val=\"center\"/></w:pPr><w:rPr>",
    font!("方正小标宋简体"),
    "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>",
    // 一级标题 黑体, 二级 楷体, 三级 仿宋 bold; all 三号 and kept with what follows.
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>",
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>",
    "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>",
    font!("黑体"),
    "</w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>",
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>",
    "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>",
    font!("楷体"),
    "</w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/>",
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>",
    "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr>",
    "<w:b/><w:bCs/></w:rPr></w:style>",
    // Table cells: 小四, single-spaced, no indent.
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\">",
    "<w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>",
    "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/></w:pPr>",
    "<w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>",
    // Footer: 四号 宋体, centred.
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>",
    "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:pPr>",
    "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>",
    "<w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/>",
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>",
    "</w:styles>"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::check_well_formed;
    use proptest::prelude::*;

    fn body(blocks: Vec<Block>) -> String {
        let doc = Document {
            title: String::new(),
            blocks,
        }
        .document_xml();
        let start = doc.find("<w:body>").expect("a body") + "<w:body>".len();
        let end = doc.find("<w:sectPr>").expect("a section");
        doc[start..end].to_owned()
    }

    #[test]
    fn headings_use_the_heading_styles_clamped_to_three_levels() {
        let xml = body(vec![
            Block::heading(1, "一、总体情况"),
            Block::heading(2, "（一）"),
            Block::heading(3, "1."),
            Block::heading(0, "zero"),
            Block::heading(9, "nine"),
        ]);
        let styles: Vec<&str> = xml
            .split("<w:pStyle w:val=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap_or(0)])
            .collect();
        let expected = ["Heading1", "Heading2", "Heading3", "Heading1", "Heading3"];
        assert_eq!(styles, expected);
        assert!(xml.contains("<w:t xml:space=\"preserve\">一、总体情况</w:t>"));
    }

    #[test]
    fn runs_keep_line_breaks_tabs_and_bold() {
        let xml = body(vec![Block::Paragraph(vec![
            Run::bold("得分："),
            Run::plain("a\r\nb\rc\nd\te"),
            Run::plain(""),
        ])]);
        assert_eq!(
            xml,
            "<w:p><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">得分：</w:t></w:r>\
             <w:r><w:t xml:space=\"preserve\">a</w:t><w:br/><w:t xml:space=\"preserve\">b</w:t>\
             <w:br/><w:t xml:space=\"preserve\">c</w:t><w:br/><w:t xml:space=\"preserve\">d</w:t>\
             <w:tab/><w:t xml:space=\"preserve\">e</w:t></w:r></w:p>"
        );
        assert_eq!(
            body(vec![Block::paragraph("\n")]),
            "<w:p><w:r><w:br/></w:r></w:p>"
        );
    }

    #[test]
    fn text_is_escaped_and_stripped() {
        let xml = body(vec![Block::paragraph("<b>&\u{0}\u{1B}\"'")]);
        assert!(xml.contains(">&lt;b&gt;&amp;\"'</w:t>"), "{xml}");
    }

    #[test]
    fn a_page_break_marks_the_next_paragraph() {
        let xml = body(vec![
            Block::paragraph("a"),
            Block::PageBreak,
            Block::heading(1, "b"),
        ]);
        assert!(xml.contains("<w:pPr><w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/></w:pPr>"));
        assert!(!xml.contains("w:type=\"page\""));
        let before_table = body(vec![Block::PageBreak, Block::Table(table(&["x"], &[]))]);
        assert!(before_table.starts_with(PAGE_BREAK_PARAGRAPH));
        assert_eq!(
            body(vec![Block::paragraph("a"), Block::PageBreak])
                .matches(PAGE_BREAK_PARAGRAPH)
                .count(),
            1
        );
        let two = body(vec![
            Block::PageBreak,
            Block::PageBreak,
            Block::paragraph("c"),
        ]);
        assert_eq!(two.matches(PAGE_BREAK_PARAGRAPH).count(), 1);
        assert!(two.contains("<w:pageBreakBefore/>"));
    }

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
            widths: Vec::new(),
        }
    }

    #[test]
    fn tables_are_padded_and_have_a_repeated_bold_header() {
        let xml = body(vec![Block::Table(table(
            &["部门", "得分"],
            &[&["办公室", "85.5", "多出的一格"], &["宣传部"]],
        ))]);
        assert_eq!(xml.matches("<w:gridCol ").count(), 3);
        assert_eq!(xml.matches("<w:tr>").count(), 3);
        assert_eq!(
            xml.matches("<w:tc>").count(),
            9,
            "every row has every column"
        );
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
        assert!(xml.contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">部门</w:t>"));
        assert!(xml.ends_with("</w:tbl><w:p/>"), "a paragraph ends the body");
    }

    #[test]
    fn adjacent_tables_are_kept_apart_and_empty_tables_left_out() {
        let t = || Block::Table(table(&["a"], &[]));
        let xml = body(vec![t(), t(), Block::paragraph("x")]);
        assert!(xml.contains("</w:tbl><w:p/><w:tbl>"));
        assert!(xml.contains("</w:tbl><w:p><w:r>"));
        assert_eq!(body(vec![Block::Table(Table::default())]), "");
        let no_header = body(vec![Block::Table(table(&[], &[&["x"]]))]);
        assert!(!no_header.contains("tblHeader") && no_header.contains(">x</w:t>"));
    }

    #[test]
    fn column_widths_span_the_type_area() {
        assert_eq!(column_widths(&[], 2), [4422, 4423]);
        assert_eq!(column_widths(&[1.0, 3.0], 2), [2211, 6634]);
        assert_eq!(
            column_widths(&[1.0, f64::NAN, -2.0, 3.0], 3),
            [2948, 2948, 2949]
        );
        assert_eq!(column_widths(&[2.0], 3).iter().sum::<u32>(), TEXT_WIDTH);
        // Huge weights (found by the property test): shares, not overflowing products.
        let huge = column_widths(&[1e308, 5e307], 2);
        assert_eq!(huge.iter().sum::<u32>(), TEXT_WIDTH);
        assert!(huge[0] > huge[1]);
        for n in 1..40 {
            assert_eq!(
                column_widths(&[1.0, 7.0, 0.5], n).iter().sum::<u32>(),
                TEXT_WIDTH
            );
        }
    }

    #[test]
    fn the_page_is_a4_and_numbered() {
        let doc = Document::default();
        let xml = doc.document_xml();
        assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        assert!(xml.contains("<w:footerReference w:type=\"default\" r:id=\"rId3\"/>"));
        assert!(DOCUMENT_RELS.contains("Id=\"rId3\"") && DOCUMENT_RELS.contains("footer1.xml"));
        assert!(FOOTER.contains("w:instr=\" PAGE \""));
        assert!(
            !xml.contains("Title"),
            "no title paragraph when the title is empty"
        );
    }

    #[test]
    fn the_title_is_shown_and_stored() {
        let doc = Document {
            title: "关于2025年度意识形态工作责任制落实情况的自查报告".into(),
            blocks: vec![],
        };
        let parts = doc.parts();
        let find = |name: &str| &parts.iter().find(|(n, _)| n == name).expect("the part").1;
        assert!(find("word/document.xml").contains("<w:pStyle w:val=\"Title\"/>"));
        assert!(find("docProps/core.xml").contains("<dc:title>关于2025年度"));
    }

    #[test]
    fn fixed_parts_are_well_formed() {
        for xml in [
            CONTENT_TYPES,
            ROOT_RELS,
            DOCUMENT_RELS,
            SETTINGS,
            FOOTER,
            STYLES,
        ] {
            assert_eq!(check_well_formed(xml), Ok(()), "{xml}");
        }
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[&<>\"'\r\n\t\u{0}-\u{1F}\u{FFFE}\u{FFFF}]{0,12}",
        ]
    }

    fn any_block() -> impl Strategy<Value = Block> {
        let texts = || proptest::collection::vec(any_text(), 0..4);
        prop_oneof![
            (any::<u8>(), any_text()).prop_map(|(level, text)| Block::Heading { level, text }),
            proptest::collection::vec((any_text(), any::<bool>()), 0..4).prop_map(|runs| {
                Block::Paragraph(
                    runs.into_iter()
                        .map(|(text, bold)| Run { text, bold })
                        .collect(),
                )
            }),
            (
                texts(),
                proptest::collection::vec(texts(), 0..4),
                proptest::collection::vec(any::<f64>(), 0..4)
            )
                .prop_map(|(header, rows, widths)| Block::Table(Table {
                    header,
                    rows,
                    widths
                })),
            Just(Block::PageBreak),
        ]
    }

    proptest! {
        /// Whatever the text, every part of the package is well-formed XML.
        #[test]
        fn every_part_is_well_formed(title in any_text(), blocks in proptest::collection::vec(any_block(), 0..6)) {
            for (name, xml) in (Document { title, blocks }).parts() {
                prop_assert_eq!(check_well_formed(&xml), Ok(()), "{}:\n{}", name, xml);
            }
        }
    }
}
