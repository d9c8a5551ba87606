//! A keyed collection of records, each in its own signal: an edit to one answer re-runs only what
//! shows that answer; adding or removing a record re-runs what lists the collection.

use std::collections::BTreeMap;

use leptos::prelude::*;

/// Records of one kind by id. `Copy`: it is a handle to signals owned by the store.
pub struct Records<T: Send + Sync + 'static> {
    map: RwSignal<BTreeMap<String, RwSignal<T>>>,
    /// The store's owner: record signals made later (a record added from an event handler) must not
    /// belong to whatever component happened to be running, or they would die with it.
    owner: StoredValue<Option<Owner>>,
}

impl<T: Send + Sync + 'static> Clone for Records<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Records<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Records<T> {
    pub fn new(initial: impl IntoIterator<Item = (String, T)>) -> Records<T> {
        let owner = Owner::current();
        // Not `collect`ed: see `order::into_map`.
        let map =
            zrz_domain::order::into_map(initial.into_iter().map(|(id, v)| (id, RwSignal::new(v))));
        Records {
            map: RwSignal::new(map),
            owner: StoredValue::new(owner),
        }
    }

    /// The record, tracking it (and whether it exists).
    pub fn get(&self, id: &str) -> Option<T> {
        self.map.with(|m| m.get(id).copied()).map(|s| s.get())
    }

    pub fn get_untracked(&self, id: &str) -> Option<T> {
        self.map
            .with_untracked(|m| m.get(id).copied())
            .map(|s| s.get_untracked())
    }

    /// The record's own signal, without tracking the collection: for a row that shows one record
    /// and is removed with it (adding or removing other records then leaves the row alone).
    pub fn signal(&self, id: &str) -> Option<RwSignal<T>> {
        self.map.with_untracked(|m| m.get(id).copied())
    }

    /// Calls `f` with the record, tracking it, without cloning it.
    pub fn with<R>(&self, id: &str, f: impl FnOnce(Option<&T>) -> R) -> R {
        match self.map.with(|m| m.get(id).copied()) {
            Some(s) => s.with(|v| f(Some(v))),
            None => f(None),
        }
    }

    /// The ids, tracking only additions and removals.
    pub fn ids(&self) -> Vec<String> {
        self.map.with(|m| m.keys().cloned().collect())
    }

    pub fn len(&self) -> usize {
        self.map.with(BTreeMap::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every record, tracking each of them: for figures computed over the whole collection.
    pub fn values(&self) -> Vec<T> {
        self.map
            .with(|m| m.values().copied().collect::<Vec<_>>())
            .into_iter()
            .map(|s| s.get())
            .collect()
    }

    /// `(id, record)` pairs, tracking each, in id order.
    pub fn entries(&self) -> Vec<(String, T)> {
        self.map
            .with(|m| m.iter().map(|(k, s)| (k.clone(), *s)).collect::<Vec<_>>())
            .into_iter()
            .map(|(k, s)| (k, s.get()))
            .collect()
    }

    /// Every record by id, tracking each (not `collect`ed: see `order::into_map`).
    pub fn to_map(&self) -> BTreeMap<String, T> {
        zrz_domain::order::into_map(self.entries())
    }

    /// [`Records::to_map`] without tracking.
    pub fn to_map_untracked(&self) -> BTreeMap<String, T> {
        zrz_domain::order::into_map(self.entries_untracked())
    }

    pub fn entries_untracked(&self) -> Vec<(String, T)> {
        self.map.with_untracked(|m| {
            m.iter()
                .map(|(k, s)| (k.clone(), s.get_untracked()))
                .collect()
        })
    }

    /// Puts `value` under `id`; returns whether anything changed (an equal value notifies nobody).
    pub fn put(&self, id: &str, value: T) -> bool {
        if let Some(s) = self.map.with_untracked(|m| m.get(id).copied()) {
            if s.with_untracked(|v| *v == value) {
                return false;
            }
            s.set(value);
            return true;
        }
        let signal = match self.owner.get_value() {
            Some(owner) => owner.with(|| RwSignal::new(value)),
            None => RwSignal::new(value),
        };
        self.map.update(|m| {
            m.insert(id.to_string(), signal);
        });
        true
    }

    /// Removes the record; returns whether there was one.
    pub fn remove(&self, id: &str) -> bool {
        let had = self.map.with_untracked(|m| m.contains_key(id));
        if had {
            self.map.update(|m| {
                m.remove(id);
            });
        }
        had
    }

    /// Replaces the whole collection (a restore): records that stay equal keep their signals.
    pub fn replace_all(&self, records: BTreeMap<String, T>) {
        let gone: Vec<String> = self.map.with_untracked(|m| {
            m.keys()
                .filter(|k| !records.contains_key(*k))
                .cloned()
                .collect()
        });
        for id in gone {
            self.remove(&id);
        }
        for (id, value) in records {
            self.put(&id, value);
        }
    }
}
