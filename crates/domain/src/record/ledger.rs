//! 台账: the dated record of the meetings, study sessions, trainings, inspections and analyses the
//! plan requires. Assessment groups check each answer against it; quota items count its entries
//! (`crate::ledger`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One ledger entry. `activity` is the id of one of the template's activity kinds (党组会议专题研究,
/// 中心组专题学习 …); `items` are the checklist items it evidences (one entry may evidence several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// Made once by `record::new_id("e", …)`.
    pub id: String,
    #[serde(with = "crate::iso::date")]
    pub date: NaiveDate,
    pub activity: String,
    /// 标题
    pub title: String,
    /// 地点
    #[serde(default)]
    pub place: String,
    /// 参加人数; `None` when not recorded.
    #[serde(default)]
    pub participant_count: Option<u32>,
    /// 参加人员 (names, as typed)
    #[serde(default)]
    pub participants: String,
    /// 内容摘要
    #[serde(default)]
    pub summary: String,
    /// 文号
    #[serde(default)]
    pub doc_no: String,
    /// 资料存放位置
    #[serde(default)]
    pub kept_at: String,
    /// Ids of the checklist items this entry evidences, in the order they were linked.
    #[serde(default)]
    pub items: Vec<String>,
    #[serde(default)]
    #[serde(with = "crate::iso::opt_time")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl LedgerEntry {
    pub fn evidences(&self, item_id: &str) -> bool {
        self.items.iter().any(|i| i == item_id)
    }

    /// This entry linked to `item_id` as well (appended, stamped `now`); `None` if it already is.
    /// For a page that holds one entry rather than the whole record (the checklist's item card).
    pub fn linked(&self, item_id: &str, now: DateTime<Utc>) -> Option<LedgerEntry> {
        (!self.evidences(item_id)).then(|| {
            let mut entry = self.clone();
            entry.items.push(item_id.to_string());
            entry.updated_at = Some(now);
            entry
        })
    }

    /// This entry without the link to `item_id` (stamped `now`); `None` if it has no such link.
    pub fn unlinked(&self, item_id: &str, now: DateTime<Utc>) -> Option<LedgerEntry> {
        self.evidences(item_id).then(|| {
            let mut entry = self.clone();
            entry.items.retain(|i| i != item_id);
            entry.updated_at = Some(now);
            entry
        })
    }
}
