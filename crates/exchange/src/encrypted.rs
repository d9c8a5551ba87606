//! Passphrase-protected files: an exchange file encrypted with AES-256-GCM under a key derived from
//! the passphrase by PBKDF2-SHA256, salt and nonce random per file. The encryption itself runs in
//! the browser (WebCrypto, `browser::crypto`); this module owns the wrapper's layout:
//!
//! ```json
//! { "format": "zrz-encrypted", "format_version": 1,
//!   "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": "<base64, 16 bytes>" },
//!   "cipher": { "name": "AES-GCM", "key_bits": 256, "iv": "<base64, 12 bytes>" },
//!   "ciphertext": "<base64: AES-GCM output, i.e. ciphertext followed by the 16-byte tag>" }
//! ```
//! The plaintext is the UTF-8 text of an ordinary exchange file, checksum included, so a decrypted
//! file goes through the same import pipeline as any other.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

pub const ENCRYPTED_FORMAT: &str = "zrz-encrypted";
pub const ENCRYPTED_VERSION: u32 = 1;
/// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// Files asking for fewer are refused (too weak), or for more (a denial of service on the reader).
pub const MIN_ITERATIONS: u32 = 100_000;
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
/// Shorter passphrases are refused at export.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedFile {
    pub format: String,
    pub format_version: u32,
    pub kdf: Kdf,
    pub cipher: Cipher,
    pub ciphertext: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    pub name: String,
    pub hash: String,
    pub iterations: u32,
    pub salt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cipher {
    pub name: String,
    pub key_bits: u32,
    pub iv: String,
}

/// The decoded parameters a decryption needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncryptedError {
    /// Not an encrypted file at all (the caller then tries the ordinary importer).
    NotEncrypted,
    /// An encrypted file this app cannot open; says which part.
    Unsupported(Unsupported),
    Damaged(Damage),
}

/// The part of an encrypted file's settings this app does not support, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsupported {
    FormatVersion(u32),
    /// `kdf.name`, `kdf.hash`.
    Kdf {
        name: String,
        hash: String,
    },
    /// `cipher.name`, `cipher.key_bits`.
    Cipher {
        name: String,
        key_bits: u32,
    },
    /// Outside [`MIN_ITERATIONS`]..=[`MAX_ITERATIONS`].
    Iterations(u32),
}

/// How an encrypted file is damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The wrapper does not read as one (serde's message).
    Structure(String),
    /// This member (`salt`, `iv`, `ciphertext`) is not Base64.
    NotBase64(&'static str),
    /// The salt or the nonce has the wrong length.
    WrongLength,
    /// The ciphertext is shorter than the tag.
    TooShort,
}

/// A passphrase refused at export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseError {
    /// Fewer than this many characters.
    TooShort { min: usize },
}

/// For logs and tests, in neutral form (the app words it for users).
impl std::fmt::Display for EncryptedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "encrypted file refused: {self:?}")
    }
}

impl EncryptedFile {
    pub fn seal(iterations: u32, salt: &[u8], iv: &[u8], ciphertext: &[u8]) -> EncryptedFile {
        EncryptedFile {
            format: ENCRYPTED_FORMAT.into(),
            format_version: ENCRYPTED_VERSION,
            kdf: Kdf {
                name: "PBKDF2".into(),
                hash: "SHA-256".into(),
                iterations,
                salt: STANDARD.encode(salt),
            },
            cipher: Cipher {
                name: "AES-GCM".into(),
                key_bits: 256,
                iv: STANDARD.encode(iv),
            },
            ciphertext: STANDARD.encode(ciphertext),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("always serialises")
    }

    /// Whether `text` is meant to be an encrypted file (its `format` says so), before any checking.
    pub fn is_encrypted(text: &str) -> bool {
        serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
            .ok()
            .and_then(|v| {
                v.get("format")
                    .and_then(|f| f.as_str())
                    .map(|f| f == ENCRYPTED_FORMAT)
            })
            .unwrap_or(false)
    }

    /// Checks the wrapper and decodes what a decryption needs.
    pub fn open(text: &str) -> Result<Sealed, EncryptedError> {
        if !EncryptedFile::is_encrypted(text) {
            return Err(EncryptedError::NotEncrypted);
        }
        let file: EncryptedFile = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| EncryptedError::Damaged(Damage::Structure(e.to_string())))?;
        if file.format_version != ENCRYPTED_VERSION {
            return Err(EncryptedError::Unsupported(Unsupported::FormatVersion(
                file.format_version,
            )));
        }
        if file.kdf.name != "PBKDF2" || file.kdf.hash != "SHA-256" {
            return Err(EncryptedError::Unsupported(Unsupported::Kdf {
                name: file.kdf.name,
                hash: file.kdf.hash,
            }));
        }
        if file.cipher.name != "AES-GCM" || file.cipher.key_bits != 256 {
            return Err(EncryptedError::Unsupported(Unsupported::Cipher {
                name: file.cipher.name,
                key_bits: file.cipher.key_bits,
            }));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&file.kdf.iterations) {
            return Err(EncryptedError::Unsupported(Unsupported::Iterations(
                file.kdf.iterations,
            )));
        }
        let decode = |what: &'static str, s: &str| {
            STANDARD
                .decode(s)
                .map_err(|_| EncryptedError::Damaged(Damage::NotBase64(what)))
        };
        let salt = decode("salt", &file.kdf.salt)?;
        let iv = decode("iv", &file.cipher.iv)?;
        let ciphertext = decode("ciphertext", &file.ciphertext)?;
        if salt.len() != SALT_BYTES || iv.len() != IV_BYTES {
            return Err(EncryptedError::Damaged(Damage::WrongLength));
        }
        if ciphertext.len() < 16 {
            return Err(EncryptedError::Damaged(Damage::TooShort));
        }
        Ok(Sealed {
            iterations: file.kdf.iterations,
            salt,
            iv,
            ciphertext,
        })
    }
}

/// Refuses passphrases too short to resist guessing.
pub fn check_passphrase(passphrase: &str) -> Result<(), PassphraseError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseError::TooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_to_the_same_parameters() {
        let file = EncryptedFile::seal(PBKDF2_ITERATIONS, &[1; 16], &[2; 12], &[3; 40]);
        let sealed = EncryptedFile::open(&file.to_json()).unwrap();
        assert_eq!(
            sealed,
            Sealed {
                iterations: 600_000,
                salt: vec![1; 16],
                iv: vec![2; 12],
                ciphertext: vec![3; 40]
            }
        );
    }

    #[test]
    fn bad_wrappers_are_refused_with_the_part_named() {
        let good = EncryptedFile::seal(PBKDF2_ITERATIONS, &[1; 16], &[2; 12], &[3; 40]);
        let with = |f: &dyn Fn(&mut EncryptedFile)| {
            let mut file = good.clone();
            f(&mut file);
            EncryptedFile::open(&file.to_json()).unwrap_err()
        };
        use EncryptedError::{Damaged, Unsupported as U};
        assert_eq!(
            with(&|f| f.format_version = 2),
            U(Unsupported::FormatVersion(2))
        );
        assert_eq!(
            with(&|f| f.kdf.name = "scrypt".into()),
            U(Unsupported::Kdf {
                name: "scrypt".into(),
                hash: "SHA-256".into()
            })
        );
        assert_eq!(
            with(&|f| f.cipher.key_bits = 128),
            U(Unsupported::Cipher {
                name: "AES-GCM".into(),
                key_bits: 128
            })
        );
        assert_eq!(
            with(&|f| f.kdf.iterations = 1000),
            U(Unsupported::Iterations(1000))
        );
        assert_eq!(
            with(&|f| f.kdf.iterations = u32::MAX),
            U(Unsupported::Iterations(u32::MAX))
        );
        assert_eq!(
            with(&|f| f.kdf.salt = "***".into()),
            Damaged(Damage::NotBase64("salt"))
        );
        assert_eq!(
            with(&|f| f.cipher.iv = STANDARD.encode([0; 8])),
            Damaged(Damage::WrongLength)
        );
        assert_eq!(
            with(&|f| f.ciphertext = STANDARD.encode([0; 4])),
            Damaged(Damage::TooShort)
        );
        assert!(matches!(
            EncryptedFile::open("{\"format\":\"zrz-encrypted\"}"),
            Err(Damaged(Damage::Structure(_)))
        ));
        assert_eq!(
            EncryptedFile::open("{\"format\":\"zrz-exchange\"}"),
            Err(EncryptedError::NotEncrypted)
        );
        assert_eq!(
            EncryptedFile::open("not json"),
            Err(EncryptedError::NotEncrypted)
        );
    }

    #[test]
    fn short_passphrases_are_refused() {
        assert_eq!(
            check_passphrase("1234567"),
            Err(PassphraseError::TooShort { min: 8 })
        );
        assert!(check_passphrase("口令口令口令口令").is_ok());
    }
}
