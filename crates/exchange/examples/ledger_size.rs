//! How much of the browser's storage a ledger of 1,000 entries with long summaries takes, stored the
//! way the app stores it: one localStorage key per record (`store::split`), each value a `Stored`
//! with its revision, counted as browsers count their quota, (key + value) × 2 bytes (UTF-16).
//! `cargo run -p zrz-exchange --example ledger_size [entries] [summary characters]`

use chrono::{Days, NaiveDate, TimeZone, Utc};
use zrz_domain::record::{Assessment, LedgerEntry};
use zrz_exchange::store::{split, storage_key, Rev, Stored};
use zrz_exchange::Extras;

fn main() {
    let mut args = std::env::args().skip(1);
    let entries: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let summary_chars: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let activities = [
        "party_group_meeting",
        "central_group_study",
        "red_education",
        "special_inspection",
        "opinion_analysis",
        "holiday_analysis",
        "training",
        "publicity",
    ];
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let at = Utc.with_ymd_and_hms(2025, 6, 30, 8, 0, 0).unwrap();
    let summary: String = "研判意识形态领域形势，部署网络阵地管理与舆情处置工作。"
        .chars()
        .cycle()
        .take(summary_chars)
        .collect();
    let mut a = Assessment::default();
    a.profile.year = 2025;
    for n in 0..entries {
        a.ledger.push(LedgerEntry {
            id: zrz_domain::record::new_id("e", (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            date: start + Days::new((n % 365) as u64),
            activity: activities[n % activities.len()].into(),
            title: format!("第{}次意识形态工作专题会议暨学习交流", n + 1),
            place: "局机关三楼会议室".into(),
            participant_count: Some(15),
            participants: "张三、李四、王五、赵六、钱七、孙八、周九、吴十".into(),
            summary: summary.clone(),
            doc_no: format!("文广党〔2025〕{}号", n + 1),
            kept_at: "局办公室档案柜 3 号".into(),
            items: vec!["4.1.1".into(), "4.1.8".into()],
            updated_at: Some(at),
        });
    }
    let mut bytes = 0usize;
    let mut ledger_bytes = 0usize;
    for (key, value) in split(&a, &Extras::default()) {
        let stored = Stored {
            rev: Rev {
                at,
                by: "t-0123456789abc".into(),
                base: None,
            },
            data: Some(value),
        };
        let size =
            (storage_key(&key).encode_utf16().count() + stored.encode().encode_utf16().count()) * 2;
        bytes += size;
        if key.kind == zrz_domain::record::RecordKind::Entry {
            ledger_bytes += size;
        }
    }
    let quota = 5 * 1024 * 1024;
    println!(
        "{entries} entries with {summary_chars}-character summaries: ledger {:.2} MiB, whole record {:.2} MiB, \
         {:.1}% of a 5 MiB quota, {:.2} MiB left",
        ledger_bytes as f64 / 1048576.0,
        bytes as f64 / 1048576.0,
        bytes as f64 * 100.0 / quota as f64,
        (quota as f64 - bytes as f64) / 1048576.0
    );
}
