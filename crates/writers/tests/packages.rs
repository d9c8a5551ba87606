//! Every part of an xlsx and a docx full of hostile text, read by a real XML parser (Python's
//! `xml.dom.minidom`), and the package's wiring checked: every part has a content type, every
//! relationship points at a part that exists. The unit tests' property tests cover arbitrary
//! text with a small checker; this is the second opinion of a real parser.

use std::fs;
use std::process::Command;

use zrz_writers::docx::{Block, Document, Run, Table};
use zrz_writers::xlsx::{Cell, Row, Sheet, Workbook};

/// Every character below U+0020, the markup characters, escapes Excel would decode, the
/// non-characters XML forbids, a CJK string and characters outside the basic plane.
fn hostile() -> String {
    let controls: String = (0u8..0x20).map(char::from).collect();
    format!("{controls}<>&\"' ]]> _x0041_ &amp; \u{FFFE}\u{FFFF}\u{FEFF} 意识形态 😀𠀀")
}

const CHECK: &str = r#"
import posixpath, sys, zipfile
from xml.dom import minidom

def target_of(rels_name, target):
    base = posixpath.dirname(posixpath.dirname(rels_name))
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")

for path in sys.argv[1:]:
    z = zipfile.ZipFile(path)
    assert z.testzip() is None, path
    names = set(z.namelist())
    types = minidom.parseString(z.read("[Content_Types].xml"))
    overrides = {o.getAttribute("PartName").lstrip("/") for o in types.getElementsByTagName("Override")}
    defaults = {d.getAttribute("Extension") for d in types.getElementsByTagName("Default")}
    for name in sorted(names):
        minidom.parseString(z.read(name))
        ext = name.rsplit(".", 1)[-1]
        assert name == "[Content_Types].xml" or name in overrides or ext in defaults, name
        if name.endswith(".rels"):
            rels = minidom.parseString(z.read(name))
            for rel in rels.getElementsByTagName("Relationship"):
                target = target_of(name, rel.getAttribute("Target"))
                assert target in names, (name, target)
    for part in overrides:
        assert part in names, ("content type for a missing part", part)
    print(path, len(names), "parts ok")
"#;

#[test]
fn every_part_parses_and_is_wired() {
    let text = hostile();
    let book = Workbook {
        sheets: vec![
            Sheet {
                name: text.clone(),
                columns: vec![20.0],
                rows: vec![
                    Row::header(vec![Cell::from(text.as_str())]),
                    Row::new(vec![Cell::from(text.as_str()), Cell::Number(f64::NAN)]),
                ],
                freeze_header_rows: 1,
                autofilter: true,
            },
            Sheet {
                name: "O'Brien".into(),
                ..Sheet::default()
            },
        ],
    };
    let doc = Document {
        title: text.clone(),
        blocks: vec![
            Block::heading(1, text.as_str()),
            Block::Paragraph(vec![Run::bold(text.as_str()), Run::plain(text.as_str())]),
            Block::Table(Table {
                header: vec![text.clone()],
                rows: vec![vec![text.clone(), text.clone()]],
                widths: vec![f64::NAN],
            }),
            Block::PageBreak,
        ],
    };
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("packages");
    fs::create_dir_all(&dir).expect("create the directory");
    let xlsx = dir.join("hostile.xlsx");
    let docx = dir.join("hostile.docx");
    fs::write(&xlsx, book.to_xlsx().expect("write the workbook")).expect("save");
    fs::write(&docx, doc.to_docx().expect("write the document")).expect("save");
    let out = Command::new("python3")
        .args(["-c", CHECK])
        .arg(&xlsx)
        .arg(&docx)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed for this test: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a part is broken: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("parts ok").count(), 2, "{stdout}");
}
