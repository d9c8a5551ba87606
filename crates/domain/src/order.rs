//! Stable sorting with one copy of the sorting code.
//!
//! `slice::sort_by` is generic over the element and the comparison: each call site with its own
//! element type or closure compiles a whole driftsort (about 4 KB of wasm each; nine of them were
//! 36 KB of the department's first page). Here the sort itself is written once, over positions,
//! with the comparison behind `dyn`; what each call site compiles is the comparison and a few
//! swaps. Lists sorted in this app are short (a year's ledger, a workspace of departments), so the
//! indirection costs nothing anyone could measure.
//!
//! The same holds for `collect()` into a `BTreeMap`, which sorts the pairs first: [`into_map`] and
//! [`into_object`] insert instead.
//!
//! The sorts and sorted maps of the code the first page runs go through here: same order as
//! `slice::sort_by`, equal elements keep their order.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// Sorts `v` by `compare`, stably: the order `slice::sort_by` gives.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_positions(v.len(), &mut |a, b| compare(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by the key `key` gives each element, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order, stably.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Collects pairs into a map, one insert at a time: `collect()` into a `BTreeMap` sorts the pairs
/// first, with a std sort compiled for each key and value type. Of equal keys the last stands, as
/// with `collect()`.
pub fn into_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// [`into_map`] for a JSON object.
pub fn into_object(members: impl IntoIterator<Item = (String, Value)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (k, v) in members {
        map.insert(k, v);
    }
    map
}

/// `0..n` ordered by `compare` of the positions: a bottom-up merge sort, stable because a run on the
/// left wins ties. Not generic, so it is compiled once.
fn sorted_positions(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        to.clear();
        let mut start = 0;
        while start < n {
            let middle = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, middle);
            while left < middle && right < end {
                if compare(from[right], from[left]) == Ordering::Less {
                    to.push(from[right]);
                    right += 1;
                } else {
                    to.push(from[left]);
                    left += 1;
                }
            }
            to.extend_from_slice(&from[left..middle]);
            to.extend_from_slice(&from[right..end]);
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Rearranges `v` so that position `k` holds what was at `order[k]`, by swaps along each cycle of
/// the permutation (no element is cloned or moved out).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let next = order[at];
            order[at] = at;
            if next == start || next == at {
                break;
            }
            v.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_short_lists() {
        let cases: [&[u8]; 6] = [&[], &[1], &[2, 1], &[1, 2], &[3, 1, 2], &[5, 4, 3, 2, 1, 0]];
        for case in cases {
            let mut ours = case.to_vec();
            sort(&mut ours);
            let mut std = case.to_vec();
            std.sort();
            assert_eq!(ours, std, "{case:?}");
        }
    }

    #[test]
    fn maps_keep_the_last_of_equal_keys_as_collect_does() {
        let pairs = [(2, "a"), (1, "b"), (2, "c")];
        assert_eq!(
            into_map(pairs),
            pairs.into_iter().collect::<BTreeMap<_, _>>()
        );
        let members = [
            ("b".to_string(), Value::from(1)),
            ("a".into(), 2.into()),
            ("b".into(), 3.into()),
        ];
        assert_eq!(
            into_object(members.clone()),
            members.into_iter().collect::<Map<_, _>>()
        );
    }

    proptest! {
        /// The same order as the standard library's stable sort, ties included: elements are compared
        /// by a key with few values, and each carries its original position.
        #[test]
        fn equals_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let tagged: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = tagged.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = tagged;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn sort_by_key_equals_the_standard_one(keys in proptest::collection::vec(-50i32..50, 0..100)) {
            let tagged: Vec<(i32, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = tagged.clone();
            sort_by_key(&mut ours, |t| t.0.abs());
            let mut std = tagged;
            std.sort_by_key(|t| t.0.abs());
            prop_assert_eq!(ours, std);
        }
    }
}
