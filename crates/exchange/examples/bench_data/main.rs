//! Test data for the benchmark harness (`make bench`), written through the exchange crate's public
//! API so that the files are exactly what the app exports. What a year holds at each scale is in
//! `year.rs`. Kept small on purpose: whoever changes the exchange API fixes this file in a minute.
//!
//! ```sh
//! cargo run -p zrz-exchange --example bench_data -- --scale 1 --out year-1x.json
//! cargo run -p zrz-exchange --example bench_data -- --kind assessment --departments 300 --out dir/
//! ```
//! `--kind backup` (default) writes one 全部数据备份 file (imported through the UI by the export →
//! re-import → undo steps); `--kind store` writes the same year as the browser keeps it, one
//! localStorage key per record (`zrz3.meta`, `zrz3.r.<kind>/<id>`: a JSON object of key → value,
//! which the harness writes into localStorage directly to seed the app); `--kind assessment` writes one 科室自评 file per department into the folder `--out`
//! (what the office's 汇总 page receives).

// `colleague_copy` is for the merge benchmark in crates/bench, which includes year.rs too.
#[allow(dead_code)]
mod year;

use std::path::PathBuf;

use zrz_domain::plan::Template;
use zrz_exchange::state::StoredState;
use zrz_exchange::store::{from_state, storage_key, Rev, Stored, META_KEY};
use zrz_exchange::{export_assessment, export_backup, ExportMeta};

struct Args {
    scale: u32,
    kind: String,
    departments: usize,
    out: PathBuf,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        scale: 1,
        kind: "backup".into(),
        departments: 1,
        out: PathBuf::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let number = |v: &str| v.parse().map_err(|_| format!("{flag}: not a number: {v}"));
        match flag.as_str() {
            "--scale" => a.scale = number(&value)? as u32,
            "--kind" => a.kind = value,
            "--departments" => a.departments = number(&value)?,
            "--out" => a.out = value.into(),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if a.out.as_os_str().is_empty() {
        return Err("--out is required".into());
    }
    Ok(a)
}

fn main() {
    let a = args().unwrap_or_else(|e| {
        eprintln!("bench_data: {e}");
        std::process::exit(2)
    });
    let template = Template::shipped();
    let meta = ExportMeta::new(year::now(), "bench");
    let write = |path: PathBuf, text: String| {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        text.len()
    };
    match a.kind.as_str() {
        "backup" => {
            let state = StoredState {
                assessment: year::department_year(&template, a.scale, 0),
                saved_at: Some(year::now()),
                ..StoredState::default()
            };
            let bytes = write(a.out.clone(), export_backup(&state, &template, &meta));
            let x = &state.assessment;
            eprintln!(
                "bench_data: {} ({bytes} bytes): scale {}, {} answers, {} cadres, {} ratings, {} ledger entries",
                a.out.display(), a.scale, x.answers.len(), x.people.len(), x.ratings.len(), x.ledger.len()
            );
        }
        "store" => {
            let state = StoredState {
                assessment: year::department_year(&template, a.scale, 0),
                ..StoredState::default()
            };
            let (meta, records) = from_state(&state);
            let mut keys = serde_json::Map::new();
            keys.insert(META_KEY.into(), meta.encode().into());
            let rev = Rev {
                at: year::now(),
                by: "bench".into(),
                base: None,
            };
            for (key, data) in records {
                let stored = Stored {
                    rev: rev.clone(),
                    data: Some(data),
                };
                keys.insert(storage_key(&key), stored.encode().into());
            }
            let n = keys.len();
            let bytes = write(a.out.clone(), serde_json::Value::Object(keys).to_string());
            eprintln!(
                "bench_data: {} ({bytes} bytes): scale {}, {n} localStorage keys",
                a.out.display(),
                a.scale
            );
        }
        "assessment" => {
            std::fs::create_dir_all(&a.out).expect("creating --out");
            let mut total = 0;
            for d in 0..a.departments {
                let assessment = year::department_year(&template, a.scale, d);
                let path = a.out.join(format!("dept-{:03}.json", d + 1));
                total += write(
                    path,
                    export_assessment(&assessment, &Default::default(), &template, &meta),
                );
            }
            eprintln!(
                "bench_data: {} department files at scale {} in {} ({total} bytes)",
                a.departments,
                a.scale,
                a.out.display()
            );
        }
        other => {
            eprintln!("bench_data: --kind must be backup, store or assessment, not {other}");
            std::process::exit(2)
        }
    }
}
