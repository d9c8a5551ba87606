//! Adding, editing, deleting and linking ledger entries, as operations on the [`Assessment`], so
//! no page edits the ledger list itself. Each change that takes evidence away says what loses it
//! ([`EvidenceLoss`]): the items no other entry evidences any more, the rectification tasks whose
//! evidence was the entry. The page names them in its confirmation; [`Assessment::entry_removal`]
//! gives the same answer before anything is changed.

use chrono::{DateTime, Utc};

use crate::record::{Assessment, LedgerEntry};

/// A ledger operation that could not be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    /// `add_entry` with an id the ledger already has.
    DuplicateId { entry_id: String },
    /// No entry with this id.
    NotFound { entry_id: String },
}

impl LedgerError {
    pub fn code(&self) -> &'static str {
        match self {
            LedgerError::DuplicateId { .. } => "duplicate_id",
            LedgerError::NotFound { .. } => "not_found",
        }
    }
}

/// What a change takes evidence away from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceLoss {
    /// Items that were evidenced by the entry and by no other entry, in the entry's link order.
    pub items: Vec<String>,
    /// Rectification tasks whose evidence was the entry (their link is cleared).
    pub tasks: Vec<String>,
}

impl EvidenceLoss {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.tasks.is_empty()
    }
}

impl Assessment {
    pub fn entry(&self, entry_id: &str) -> Option<&LedgerEntry> {
        self.ledger.iter().find(|e| e.id == entry_id)
    }

    fn entry_index(&self, entry_id: &str) -> Result<usize, LedgerError> {
        self.ledger
            .iter()
            .position(|e| e.id == entry_id)
            .ok_or_else(|| LedgerError::NotFound {
                entry_id: entry_id.to_string(),
            })
    }

    /// Ids of the entries that evidence `item_id`.
    pub fn evidence_of(&self, item_id: &str) -> Vec<&str> {
        self.ledger
            .iter()
            .filter(|e| e.evidences(item_id))
            .map(|e| e.id.as_str())
            .collect()
    }

    /// Of `items`, those no entry other than `entry_id` evidences.
    fn only_evidenced_by(&self, entry_id: &str, items: &[String]) -> Vec<String> {
        items
            .iter()
            .filter(|item| {
                !self
                    .ledger
                    .iter()
                    .any(|e| e.id != entry_id && e.evidences(item))
            })
            .cloned()
            .collect()
    }

    /// What deleting the entry would take away, without deleting it.
    pub fn entry_removal(&self, entry_id: &str) -> Result<EvidenceLoss, LedgerError> {
        let entry = &self.ledger[self.entry_index(entry_id)?];
        Ok(EvidenceLoss {
            items: self.only_evidenced_by(entry_id, &entry.items),
            tasks: self
                .tasks
                .iter()
                .filter(|t| t.evidence_entry.as_deref() == Some(entry_id))
                .map(|t| t.id.clone())
                .collect(),
        })
    }

    /// Adds a new entry (from `ledger::parse_entry`).
    pub fn add_entry(&mut self, entry: LedgerEntry) -> Result<(), LedgerError> {
        if self.entry(&entry.id).is_some() {
            return Err(LedgerError::DuplicateId { entry_id: entry.id });
        }
        self.ledger.push(entry);
        Ok(())
    }

    /// Replaces the entry with the same id. Returns the items the edit unlinked that no other entry
    /// evidences (tasks keep their evidence: the entry still exists).
    pub fn update_entry(&mut self, entry: LedgerEntry) -> Result<EvidenceLoss, LedgerError> {
        let index = self.entry_index(&entry.id)?;
        let unlinked: Vec<String> = self.ledger[index]
            .items
            .iter()
            .filter(|item| !entry.evidences(item))
            .cloned()
            .collect();
        let loss = EvidenceLoss {
            items: self.only_evidenced_by(&entry.id, &unlinked),
            tasks: Vec::new(),
        };
        self.ledger[index] = entry;
        Ok(loss)
    }

    /// Deletes the entry. Tasks that named it as evidence lose the link (stamped `now`), so no task
    /// points at an entry that does not exist.
    pub fn remove_entry(
        &mut self,
        entry_id: &str,
        now: DateTime<Utc>,
    ) -> Result<EvidenceLoss, LedgerError> {
        let loss = self.entry_removal(entry_id)?;
        self.ledger.retain(|e| e.id != entry_id);
        for task in &mut self.tasks {
            if task.evidence_entry.as_deref() == Some(entry_id) {
                task.evidence_entry = None;
                task.updated_at = Some(now);
            }
        }
        Ok(loss)
    }

    /// Links the entry to an item (kept even if the template lacks it). `Ok(false)` if already linked.
    pub fn link_item(
        &mut self,
        entry_id: &str,
        item_id: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, LedgerError> {
        let index = self.entry_index(entry_id)?;
        match self.ledger[index].linked(item_id, now) {
            Some(entry) => {
                self.ledger[index] = entry;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Unlinks an item from the entry. Returns the item if it is now evidenced by no entry.
    pub fn unlink_item(
        &mut self,
        entry_id: &str,
        item_id: &str,
        now: DateTime<Utc>,
    ) -> Result<EvidenceLoss, LedgerError> {
        let index = self.entry_index(entry_id)?;
        if !self.ledger[index].evidences(item_id) {
            return Ok(EvidenceLoss::default());
        }
        let loss = EvidenceLoss {
            items: self.only_evidenced_by(entry_id, &[item_id.to_string()]),
            tasks: Vec::new(),
        };
        let entry = &mut self.ledger[index];
        entry.items.retain(|i| i != item_id);
        entry.updated_at = Some(now);
        Ok(loss)
    }
}
