//! Random bits from the browser's `crypto.getRandomValues`, for new record ids: the domain never
//! draws them itself.

/// 64 random bits. Falls back to `Math.random` where WebCrypto is missing (ids need to be unique,
/// not secret).
pub fn u64() -> u64 {
    let mut bytes = [0u8; 8];
    let filled = leptos::prelude::window()
        .crypto()
        .ok()
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        let hi = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let lo = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        return (hi << 32) | lo;
    }
    u64::from_le_bytes(bytes)
}

/// A new id with `prefix` (`p` for a person, `e` for a ledger entry …).
pub fn id(prefix: &str) -> String {
    zrz_domain::record::new_id(prefix, u64())
}
