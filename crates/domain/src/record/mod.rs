//! A department's record for one year: its profile, the answer to each item, its cadres and their
//! ratings. This is what is stored and exchanged (inside the versioned envelope of `zrz-exchange`).

mod answer;
mod edit;
mod identity;
mod ledger;
mod people;
mod profile;
mod rating;
mod rectification;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use answer::*;
pub use edit::*;
pub use identity::*;
pub use ledger::*;
pub use people::*;
pub use profile::*;
pub use rating::*;
pub use rectification::*;

use crate::plan::Template;
use crate::scoring::RatingSettings;

/// Everything one department records for one year. This is what is stored and exchanged (inside the
/// versioned envelope of `zrz-exchange`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assessment {
    pub profile: Profile,
    /// Answers by item id. Answers to items the current template no longer has stay here untouched.
    pub answers: BTreeMap<String, Answer>,
    /// The leading cadres rated on 德能勤绩廉 (plan 四（一）5).
    pub people: Vec<Person>,
    /// Their ratings; results are derived from them by `rating::compute_person`, never stored.
    pub ratings: Vec<Rating>,
    /// How ratings are weighed and banded; a missing field reads as the shipped defaults.
    pub rating_settings: RatingSettings,
    /// 台账, in no particular order (pages sort by date).
    pub ledger: Vec<LedgerEntry>,
    /// 整改任务.
    pub tasks: Vec<Task>,
    /// 核查意见 received from the office, as received.
    pub findings: Vec<Finding>,
    /// What the office's last 核查意见 said beyond its findings: accountability decisions and both
    /// scores. Not written while empty, so a file without findings reads as before it existed.
    #[serde(skip_serializing_if = "OfficeReview::is_empty")]
    pub office_review: OfficeReview,
}

impl Assessment {
    pub fn answer(&self, item_id: &str) -> Option<&Answer> {
        self.answers.get(item_id)
    }

    /// Ids of answers whose item is not in `template` (kept aside, never deleted).
    pub fn orphaned_answers<'a>(
        &'a self,
        template: &'a Template,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.answers
            .keys()
            .map(String::as_str)
            .filter(move |id| template.item(id).is_none())
    }
}
