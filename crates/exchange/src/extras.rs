//! Fields this version of the app does not know, kept so that they are written back.
//!
//! A file exported by a newer app (or an item the local template no longer has) may carry fields
//! this version cannot read into its types. Like Excalidraw's `restore`, which keeps unknown
//! properties, the importer keeps them beside the typed record, per record, and the exporter puts
//! them back: a file passed through an older app comes out with those fields intact.
//!
//! [`Extras`] maps a record ([`RecordKey`]; the empty key of [`RecordKind::Profile`] stands for … the
//! profile) to the JSON of its unknown parts, and keeps the unknown top-level fields of the whole
//! assessment under [`Extras::root`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zrz_domain::record::{RecordKey, RecordKind};

/// Unknown fields of a department's record, per record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Extras {
    /// Unknown top-level members of the assessment.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub root: Map<String, Value>,
    /// Unknown parts of each record, by `kind/id` (see [`record_path`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub records: BTreeMap<String, Value>,
}

/// `answers/4.1.1`, `people/p-…`, `profile/`: a record's place in [`Extras::records`].
pub fn record_path(key: &RecordKey) -> String {
    format!("{}/{}", key.kind.key(), key.id)
}

impl Extras {
    pub fn is_empty(&self) -> bool {
        self.root.is_empty() && self.records.is_empty()
    }

    /// The unknown parts of one record, if it has any.
    pub fn of_record(&self, key: &RecordKey) -> Option<&Value> {
        self.records.get(&record_path(key))
    }

    /// Sets (or with `None` forgets) the unknown parts of one record.
    pub fn set_record(&mut self, key: &RecordKey, extras: Option<Value>) {
        match extras {
            Some(v) if !is_empty_node(&v) => {
                self.records.insert(record_path(key), v);
            }
            _ => {
                self.records.remove(&record_path(key));
            }
        }
    }

    /// The records that have unknown parts.
    pub fn keys(&self) -> impl Iterator<Item = RecordKey> + '_ {
        self.records.keys().filter_map(|path| {
            let (kind, id) = path.split_once('/')?;
            Some(RecordKey::new(RecordKind::from_key(kind)?, id))
        })
    }
}

fn is_empty_node(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.is_empty(),
        Value::Null => true,
        _ => false,
    }
}
