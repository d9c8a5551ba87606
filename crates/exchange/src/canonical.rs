//! The checksum of an exchange file: SHA-256 over the RFC 8785 (JCS) form of the envelope's
//! `content` member, written `sha256:` + 64 hex digits. The canonical form itself is the domain's
//! ([`zrz_domain::canonical`]), shared with the template hash rule.

use serde_json::Value;

pub use zrz_domain::canonical::{canonical_json, hex, sha256_of};

/// The prefix of the `checksum` field; names the rule, so a later rule can use another prefix.
pub const CHECKSUM_PREFIX: &str = "sha256:";

/// `sha256:` followed by 64 lowercase hex digits.
pub fn checksum(content: &Value) -> String {
    format!("{CHECKSUM_PREFIX}{}", sha256_of(content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_the_prefixed_sha256_of_the_canonical_content() {
        let a: Value = serde_json::from_str("{\"y\": [1, 2.0], \"x\": 2}").unwrap();
        // `printf '{"x":2,"y":[1,2]}' | sha256sum`
        assert_eq!(
            checksum(&a),
            "sha256:8b3489695ceb48b1ce4c210869f580fb2b316e7273a3796f4e70299209582c7b"
        );
    }
}
