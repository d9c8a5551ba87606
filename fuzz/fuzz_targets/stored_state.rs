//! Reading the localStorage record must never panic, whatever another program left there.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = zrz_exchange::state::StoredState::from_json(text);
    }
});
