//! LibreOffice opens what the writers write, and reads back what we meant.
//!
//! The office opens these files in Excel, WPS and Word; a real program must open them in our
//! tests too, and LibreOffice is the one that runs headless here. Each test writes a sample to
//! `target/writers-samples/` (kept, so a person can open it), converts it with `soffice` in a
//! directory of its own and checks the result: CSV and plain text for the content, flat ODF
//! (`.fods`, `.fodt`) for what only the structure shows (number or text, frozen rows, column
//! widths, heading levels).
//!
//! `soffice` is required: without it these tests fail and say how to install it
//! (`scripts/install-libreoffice.sh`). Each conversion uses a profile directory of its own, so
//! tests running in parallel do not fight over LibreOffice's profile lock.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use zrz_writers::csv::{to_csv, Field};
use zrz_writers::docx::{Block, Document, Run, Table};
use zrz_writers::xlsx::{Cell, Row, Sheet, Workbook};

/// The CSV export filter: comma, `"`, UTF-8 (76), from line 1, quote every *text* cell (so a
/// number and the text "85.5" differ), every sheet to its own file (`-1`, LibreOffice 7.2+).
const CSV_ALL_SHEETS: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1";
const TXT_UTF8: &str = "txt:Text (encoded):UTF8";

/// What to do when LibreOffice is missing: these tests fail rather than skip.
const INSTALL: &str = "LibreOffice (soffice, and python3-uno for the view test) is needed \
     for these tests: run scripts/install-libreoffice.sh, which the bootstrap runs";

/// Where the samples stay for a person to open: `target/writers-samples/`.
fn samples_dir() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target directory");
    let dir = target.join("writers-samples");
    fs::create_dir_all(&dir).expect("create target/writers-samples");
    dir
}

fn write_sample(name: &str, bytes: &[u8]) -> PathBuf {
    let path = samples_dir().join(name);
    fs::write(&path, bytes).expect("write the sample");
    path
}

/// A fresh, empty directory for one conversion.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lo-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// Runs `soffice --convert-to FORMAT` on `input` into `out_dir` and returns the files written.
fn convert(input: &Path, format: &str, out_dir: &Path) -> Vec<PathBuf> {
    convert_with(input, format, out_dir, None)
}

/// As [`convert`], reading `input` with the import filter `infilter` when one is given.
fn convert_with(
    input: &Path,
    format: &str,
    out_dir: &Path,
    infilter: Option<&str>,
) -> Vec<PathBuf> {
    static PROFILES: AtomicUsize = AtomicUsize::new(0);
    let profile = format!(
        "file:///tmp/lo-zrz-writers-{}-{}",
        std::process::id(),
        PROFILES.fetch_add(1, Ordering::Relaxed)
    );
    let started = Instant::now();
    let mut command = Command::new("soffice");
    command.arg(format!("-env:UserInstallation={profile}"));
    if let Some(filter) = infilter {
        command.arg(format!("--infilter={filter}"));
    }
    let result = command
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(out_dir)
        .arg(input)
        .output();
    let _ = fs::remove_dir_all(profile.trim_start_matches("file://"));
    let output = result.unwrap_or_else(|e| panic!("cannot run soffice ({e}). {INSTALL}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "soffice failed: {stderr}");
    eprintln!(
        "soffice --convert-to {format} {}: {:.1} s",
        input.display(),
        started.elapsed().as_secs_f64()
    );
    let mut files: Vec<PathBuf> = fs::read_dir(out_dir)
        .expect("read the output directory")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "soffice wrote nothing: {stderr}");
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn file_named<'a>(files: &'a [PathBuf], suffix: &str) -> &'a Path {
    files
        .iter()
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no file ending {suffix} among {files:?}"))
}

const LONG_NOTE: &str = "已制定年度意识形态工作要点，明确班子成员“一岗双责”；\
     每季度专题研究一次意识形态工作，形成会议纪要并归档。\n第二行：网络阵地管理台账已更新。";

fn sample_workbook() -> Workbook {
    let header = Row::header(vec![
        "部门".into(),
        "自查得分".into(),
        "等次".into(),
        "备注".into(),
    ]);
    let summary = Sheet {
        name: "汇总".into(),
        columns: vec![18.0, 10.0, 8.0, 50.0],
        rows: vec![
            header.clone(),
            Row::new(vec![
                "办公室".into(),
                85.5.into(),
                "良好".into(),
                LONG_NOTE.into(),
            ]),
            Row::new(vec![
                "宣传部".into(),
                90.0.into(),
                "优秀".into(),
                "=1+1".into(),
            ]),
            Row::new(vec![
                "组织部".into(),
                (-3.5).into(),
                "85.5".into(),
                "_x0041_ <&> \"引号\"".into(),
            ]),
            Row::new(vec![
                "纪检组".into(),
                None.into(),
                Cell::Empty,
                "控制\u{0}字符\u{1B}已去除".into(),
            ]),
        ],
        freeze_header_rows: 1,
        autofilter: true,
    };
    let detail = Sheet {
        // Not a valid sheet name as given: '/' is refused by Excel.
        name: "宣传部/网信办".into(),
        columns: vec![8.0, 40.0, 10.0],
        rows: vec![
            Row::header(vec!["条目".into(), "内容".into(), "得分".into()]),
            Row::new(vec![
                "4.1.1".into(),
                "落实意识形态工作责任制 😀".into(),
                9.5.into(),
            ]),
            Row::new(vec!["4.1.2".into(), "阵地管理".into(), 10.0.into()]),
        ],
        freeze_header_rows: 1,
        autofilter: false,
    };
    Workbook {
        sheets: vec![summary, detail],
    }
}

fn sample_document() -> Document {
    let mut rows: Vec<Vec<String>> = vec![
        vec!["1".into(), "办公室".into(), "85.5".into(), LONG_NOTE.into()],
        vec![
            "2".into(),
            "宣传部/网信办".into(),
            "90".into(),
            "<&> \"引号\" 'single'".into(),
        ],
    ];
    for i in 3..=40 {
        rows.push(vec![
            i.to_string(),
            format!("第{i}党支部"),
            "80".into(),
            String::new(),
        ]);
    }
    Document {
        title: "关于2025年度意识形态工作责任制落实情况的自查报告".into(),
        blocks: vec![
            Block::heading(1, "一、总体情况"),
            Block::Paragraph(vec![
                Run::bold("总体评价："),
                Run::plain("局党组认真落实意识形态工作责任制，\u{0}全年专题研究意识形态工作4次。"),
            ]),
            Block::heading(2, "（一）责任落实"),
            Block::paragraph("第一行\n第二行\t制表符后"),
            Block::heading(3, "1. 各部门得分"),
            Block::Table(Table {
                header: vec![
                    "序号".into(),
                    "部门".into(),
                    "自查得分".into(),
                    "备注".into(),
                ],
                rows,
                widths: vec![1.0, 3.0, 2.0, 5.0],
            }),
            Block::PageBreak,
            Block::heading(1, "二、存在问题"),
            Block::paragraph("网络阵地管理还需加强。"),
        ],
    }
}

/// Flat ODF text to plain text: `<text:s/>` and `<text:tab/>` as white space, other tags
/// dropped, the five entities decoded.
fn odf_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = &rest[lt..gt];
        if tag.starts_with("<text:s") && !tag.starts_with("<text:span") {
            out.push(' ');
        } else if tag.starts_with("<text:tab") {
            out.push('\t');
        } else if tag.starts_with("<text:line-break") || tag == "</text:p>" {
            out.push('\n');
        }
        rest = &rest[gt..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    decoded.trim_end_matches('\n').to_owned()
}

/// The value of the first attribute `name` in `tag` (a start tag, or the text after its name).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let at = tag
        .match_indices(&key)
        .map(|(i, _)| i)
        .find(|&i| tag[..i].ends_with(char::is_whitespace) || i == 0)?;
    let start = at + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// A cell of a `.fods` sheet: its value type ("float", "string", "" when empty), its value
/// attribute, its text, and whether it holds a formula.
#[derive(Debug)]
struct OdsCell {
    kind: String,
    value: Option<String>,
    text: String,
    formula: bool,
}

/// The cells of sheet `name` in a `.fods`, row by row, without the empty cells that fill each
/// row out to the last column.
fn ods_sheet(fods: &str, name: &str) -> Vec<Vec<OdsCell>> {
    let open = format!("<table:table table:name=\"{name}\"");
    let start = fods
        .find(&open)
        .unwrap_or_else(|| panic!("no sheet {name}"));
    let end = start
        + fods[start..]
            .find("</table:table>")
            .expect("the sheet ends");
    fods[start..end]
        .split("<table:table-row ")
        .skip(1)
        .map(|row| {
            let mut cells = Vec::new();
            for chunk in row.split("<table:table-cell").skip(1) {
                let tag = &chunk[..chunk.find('>').unwrap_or(chunk.len())];
                let repeated: usize = attr(tag, "table:number-columns-repeated")
                    .map_or(1, |n| n.parse().expect("a count"));
                if repeated > 100 {
                    continue;
                }
                let body = chunk.split("</table:table-cell>").next().unwrap_or("");
                for _ in 0..repeated {
                    cells.push(OdsCell {
                        kind: attr(tag, "office:value-type").unwrap_or("").to_owned(),
                        value: attr(tag, "office:value").map(str::to_owned),
                        text: odf_text(body.get(tag.len() + 1..).unwrap_or(""))
                            .trim()
                            .to_owned(),
                        formula: attr(tag, "table:formula").is_some(),
                    });
                }
            }
            cells
        })
        .collect()
}

/// The width of each `table-column` style in `.fods`/`.fodt`, in inches, by style name.
fn column_width(odf: &str, style: &str) -> f64 {
    let open = format!("<style:style style:name=\"{style}\"");
    let at = odf
        .find(&open)
        .unwrap_or_else(|| panic!("no style {style}"));
    let width = attr(&odf[at..], "style:column-width").expect("a column width");
    width.trim_end_matches("in").parse().expect("inches")
}

/// The column style names of the sheet or table named `name`, in order.
fn column_styles<'a>(odf: &'a str, open: &str) -> Vec<&'a str> {
    let at = odf.find(open).unwrap_or_else(|| panic!("no {open}"));
    let end = at + odf[at..].find("</table:table>").expect("the table ends");
    odf[at..end]
        .split("<table:table-column ")
        .skip(1)
        .filter(|c| attr(c, "table:number-columns-repeated").is_none())
        .filter_map(|c| attr(c, "table:style-name"))
        .collect()
}

fn ratio(a: f64, b: f64) -> f64 {
    (a / b * 100.0).round() / 100.0
}

#[test]
fn xlsx_reads_back_as_csv_with_numbers_unquoted() {
    let xlsx = write_sample("sample.xlsx", &sample_workbook().to_xlsx().expect("write"));
    let files = convert(&xlsx, CSV_ALL_SHEETS, &scratch_dir("xlsx-csv"));
    assert_eq!(files.len(), 2, "one CSV per sheet: {files:?}");
    // Text cells are quoted, numbers are not: the number 85.5 and the text "85.5" differ.
    let summary = read(file_named(&files, "sample-汇总.csv"));
    let expected = [
        "\"部门\",\"自查得分\",\"等次\",\"备注\"",
        &format!("\"办公室\",85.5,\"良好\",\"{LONG_NOTE}\""),
        "\"宣传部\",90,\"优秀\",\"=1+1\"",
        "\"组织部\",-3.5,\"85.5\",\"_x0041_ <&> \"\"引号\"\"\"",
        "\"纪检组\",,,\"控制字符已去除\"",
    ];
    assert_eq!(
        summary.trim_end().split('\n').collect::<Vec<_>>(),
        expected.join("\n").split('\n').collect::<Vec<_>>()
    );
    let detail = read(file_named(&files, "sample-宣传部_网信办.csv"));
    assert_eq!(
        detail.trim_end(),
        "\"条目\",\"内容\",\"得分\"\n\"4.1.1\",\"落实意识形态工作责任制 😀\",9.5\n\"4.1.2\",\"阵地管理\",10"
    );
}

#[test]
fn xlsx_cells_keep_their_types_styles_and_widths() {
    let xlsx = write_sample(
        "sample-types.xlsx",
        &sample_workbook().to_xlsx().expect("write"),
    );
    let files = convert(&xlsx, "fods", &scratch_dir("xlsx-fods"));
    let fods = read(file_named(&files, "sample-types.fods"));
    let sheet = ods_sheet(&fods, "汇总");
    let cell = |r: usize, c: usize| &sheet[r][c];
    for (r, value) in [(1, "85.5"), (2, "90"), (3, "-3.5")] {
        assert_eq!(cell(r, 1).kind, "float", "row {r}: {:?}", cell(r, 1));
        assert_eq!(cell(r, 1).value.as_deref(), Some(value));
    }
    assert_eq!(
        (cell(3, 2).kind.as_str(), cell(3, 2).text.as_str()),
        ("string", "85.5")
    );
    assert_eq!(
        (cell(2, 3).kind.as_str(), cell(2, 3).text.as_str()),
        ("string", "=1+1")
    );
    assert!(
        !sheet.iter().flatten().any(|c| c.formula),
        "no cell became a formula"
    );
    assert_eq!(
        cell(3, 3).text,
        "_x0041_ <&> \"引号\"",
        "not decoded as an escape"
    );
    assert_eq!(cell(1, 3).text, LONG_NOTE, "the line break survives");
    assert_eq!(
        (cell(4, 1).kind.as_str(), cell(4, 2).kind.as_str()),
        ("", "")
    );

    // The header row is repeated on printed pages, and the sheet has its filter buttons.
    let summary_start = fods.find("table:name=\"汇总\"").expect("the sheet");
    let detail_start = fods
        .find("table:name=\"宣传部_网信办\"")
        .expect("the renamed sheet");
    assert!(fods[summary_start..detail_start].contains("<table:table-header-rows>"));
    assert!(
        fods.contains("table:display-filter-buttons=\"true\""),
        "an autofilter"
    );

    // Column widths keep their proportions (18, 10, 8, 50 characters).
    let widths: Vec<f64> = column_styles(&fods, "<table:table table:name=\"汇总\"")
        .iter()
        .map(|s| column_width(&fods, s))
        .collect();
    assert_eq!(widths.len(), 4, "{widths:?}");
    assert_eq!(ratio(widths[3], widths[1]), 5.0, "{widths:?}");
    assert_eq!(ratio(widths[1], widths[2]), 1.25, "{widths:?}");

    // Header cells are bold and shaded; body text wraps.
    assert!(fods.contains("fo:background-color=\"#d9d9d9\""));
    assert!(fods.contains("style:font-name=\"宋体\""));
    assert!(fods.contains("fo:wrap-option=\"wrap\" fo:border=\"0.74pt solid #000000\""));
}

#[test]
fn xlsx_header_stays_frozen_and_wrapped_rows_are_tall() {
    let xlsx = write_sample(
        "sample-view.xlsx",
        &sample_workbook().to_xlsx().expect("write"),
    );
    static PROFILE: AtomicUsize = AtomicUsize::new(0);
    let profile = format!(
        "file:///tmp/lo-zrz-writers-view-{}-{}",
        std::process::id(),
        PROFILE.fetch_add(1, Ordering::Relaxed)
    );
    let started = Instant::now();
    let output = Command::new("/usr/bin/python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lo_view.py"))
        .arg(&xlsx)
        .arg(&profile)
        .output()
        .unwrap_or_else(|e| panic!("cannot run Debian's /usr/bin/python3 ({e}). {INSTALL}"));
    let _ = fs::remove_dir_all(profile.trim_start_matches("file://"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the UNO script failed: {stderr}\n{INSTALL}"
    );
    eprintln!(
        "UNO view of {}: {:.1} s",
        xlsx.display(),
        started.elapsed().as_secs_f64()
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let sheets: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(sheets.len(), 2, "{stdout}");
    assert_eq!(sheets[0][..2], ["汇总", "1"], "{stdout}");
    assert_eq!(sheets[1][..2], ["宣传部_网信办", "1"], "{stdout}");
    let heights: Vec<u32> = sheets[0][2]
        .split(',')
        .map(|h| h.parse().expect("a height"))
        .collect();
    // 15 pt is 529/100 mm; the wrapped note needs at least three lines.
    assert!(heights[0] >= 520 && heights[2] >= 520, "{heights:?}");
    assert!(
        heights[1] >= 3 * heights[2],
        "the wrapped row is tall: {heights:?}"
    );
}

#[test]
fn docx_text_reads_back() {
    let docx = write_sample("sample.docx", &sample_document().to_docx().expect("write"));
    let files = convert(&docx, TXT_UTF8, &scratch_dir("docx-txt"));
    let text = read(file_named(&files, "sample.txt"));
    let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
    let expected_start = [
        "关于2025年度意识形态工作责任制落实情况的自查报告",
        "一、总体情况",
        "总体评价：局党组认真落实意识形态工作责任制，全年专题研究意识形态工作4次。",
        "（一）责任落实",
        "第一行",
        "第二行\t制表符后",
        "1. 各部门得分",
        "序号",
        "部门",
        "自查得分",
        "备注",
        "1",
        "办公室",
        "85.5",
    ];
    assert_eq!(lines[..expected_start.len()], expected_start, "{text}");
    assert!(lines.contains(&"<&> \"引号\" 'single'"), "{text}");
    assert!(lines.contains(&"第40党支部"), "{text}");
    assert_eq!(
        lines[lines.len() - 2..],
        ["二、存在问题", "网络阵地管理还需加强。"]
    );
}

#[test]
fn docx_structure_survives() {
    let docx = write_sample(
        "sample-structure.docx",
        &sample_document().to_docx().expect("write"),
    );
    let files = convert(&docx, "fodt", &scratch_dir("docx-fodt"));
    let fodt = read(file_named(&files, "sample-structure.fodt"));

    // Headings are real headings, at their outline levels.
    let headings: Vec<(String, String)> = fodt
        .split("<text:h ")
        .skip(1)
        .map(|h| {
            let level = attr(h, "text:outline-level").unwrap_or("").to_owned();
            let body = &h[h.find('>').map_or(0, |g| g + 1)..h.find("</text:h>").unwrap_or(h.len())];
            (level, odf_text(body))
        })
        .collect();
    let expected = [
        ("1", "一、总体情况"),
        ("2", "（一）责任落实"),
        ("3", "1. 各部门得分"),
        ("1", "二、存在问题"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect();
    assert_eq!(headings, expected);
    for level in 1..=3 {
        let style = format!("style:display-name=\"Heading {level}\"");
        assert!(fodt.contains(&style), "the heading {level} style");
        assert!(fodt.contains(&format!("style:default-outline-level=\"{level}\"")));
    }
    assert!(fodt.contains("fo:break-before=\"page\""), "the page break");

    // A4 portrait, numbered pages.
    assert!(fodt.contains("fo:page-width=\"8.2681in\" fo:page-height=\"11.6929in\""));
    assert!(fodt.contains("<text:page-number"), "a page number field");

    // The table: a repeated header row, its cells, widths in the proportions 1:3:2:5.
    assert!(fodt.contains("<table:table-header-rows>"));
    for cell in [
        "<text:p text:style-name=\"P",
        "办公室",
        "第40党支部",
        "&lt;&amp;&gt;",
    ] {
        assert!(fodt.contains(cell), "{cell}");
    }
    let widths: Vec<f64> = column_styles(&fodt, "<table:table table:name=\"Table1\"")
        .iter()
        .map(|s| column_width(&fodt, s))
        .collect();
    assert_eq!(widths.len(), 4, "{widths:?}");
    assert_eq!(ratio(widths[1], widths[0]), 3.0, "{widths:?}");
    assert_eq!(ratio(widths[3], widths[0]), 5.0, "{widths:?}");
    // The bold run and the Chinese fonts by name.
    assert!(fodt.contains("fo:font-weight=\"bold\""));
    for font in ["仿宋", "黑体", "楷体", "方正小标宋简体"] {
        assert!(fodt.contains(&format!("style:name=\"{font}\"")), "{font}");
    }
}

#[test]
fn csv_opens_in_calc_with_chinese_numbers_and_no_formulas() {
    let rows = vec![
        vec![
            Field::from("部门"),
            Field::from("得分"),
            Field::from("备注"),
        ],
        vec![
            Field::from("办公室"),
            Field::Number(85.5),
            Field::from("=1+1"),
        ],
        vec![
            Field::from("宣传部"),
            Field::Number(-3.5),
            Field::from("-3.5"),
        ],
        vec![
            Field::from("组织部"),
            Field::Number(90.0),
            Field::from("多行,\n\"引号\""),
        ],
        vec![
            Field::from("@SUM(A1)"),
            Field::Number(f64::NAN),
            Field::from("+86"),
        ],
    ];
    let path = write_sample("sample.csv", to_csv(&rows).as_bytes());
    let dir = scratch_dir("csv-fods");
    // What Excel does on a double click: a UTF-8 CSV with its BOM.
    let files = convert_with(
        &path,
        "fods",
        &dir,
        Some("Text - txt - csv (StarCalc):44,34,76,1"),
    );
    let fods = read(file_named(&files, "sample.fods"));
    let sheet = ods_sheet(&fods, "sample");
    let texts: Vec<Vec<&str>> = sheet
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        texts[0],
        ["部门", "得分", "备注"],
        "no BOM in the first cell"
    );
    assert_eq!(texts[3][2], "多行,\n\"引号\"");
    for (r, value) in [(1, "85.5"), (2, "-3.5"), (3, "90")] {
        assert_eq!(sheet[r][1].kind, "float", "{:?}", sheet[r][1]);
        assert_eq!(sheet[r][1].value.as_deref(), Some(value));
    }
    assert!(
        !sheet.iter().flatten().any(|c| c.formula),
        "no formula: {sheet:?}"
    );
    for (r, c, shown) in [
        (1, 2, "'=1+1"),
        (2, 2, "'-3.5"),
        (4, 0, "'@SUM(A1)"),
        (4, 2, "'+86"),
    ] {
        assert_eq!(
            (sheet[r][c].kind.as_str(), sheet[r][c].text.as_str()),
            ("string", shown)
        );
    }
}
