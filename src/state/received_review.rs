//! Moving what versions before the `office_review` record kept outside the record (the office's
//! accountability decisions and both scores, under `zrz.findings-received`) into the record, once,
//! at start-up. The rule is `zrz_exchange::store::old_office_review`; the old key is removed only
//! after the record's write was read back equal, and text that is not taken is kept aside first.

use crate::browser::{clock, storage};
use crate::state::Store;
use zrz_domain::record::{OfficeReview, RecordKey, RecordKind};
use zrz_exchange::store::{
    old_office_review, storage_key, OldOfficeReview, Stored, OLD_OFFICE_REVIEW_KEY,
};

/// Runs the move for the department's own store (nothing happens in a read-only one).
pub fn migrate(store: &Store) {
    if !store.writable() {
        return;
    }
    let Ok(Some(text)) = storage::read(OLD_OFFICE_REVIEW_KEY) else {
        return;
    };
    let held = leptos::prelude::GetUntracked::get_untracked(&store.office_review);
    match old_office_review(&text, &held) {
        OldOfficeReview::Adopt(review) => {
            store.set_office_review(review.clone());
            if stored_review().as_ref() == Some(&review) {
                let _ = storage::remove(OLD_OFFICE_REVIEW_KEY);
            }
        }
        OldOfficeReview::AlreadyHeld | OldOfficeReview::Empty => {
            let _ = storage::remove(OLD_OFFICE_REVIEW_KEY);
        }
        OldOfficeReview::KeepAside(_) => {
            let stamp = format!("{}.{OLD_OFFICE_REVIEW_KEY}", clock::stamp(clock::now()));
            if storage::quarantine(&text, &stamp).is_ok() {
                let _ = storage::remove(OLD_OFFICE_REVIEW_KEY);
            }
        }
    }
}

/// The `office_review` record as localStorage holds it now.
fn stored_review() -> Option<OfficeReview> {
    let key = storage_key(&RecordKey::single(RecordKind::OfficeReview));
    let text = storage::read(&key).ok().flatten()?;
    let data = Stored::decode(&text).ok()?.data?;
    zrz_exchange::store::read_record(&data).ok()
}
