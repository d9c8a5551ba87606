//! Passphrase protection with the browser's own WebCrypto (no crypto code in the wasm): PBKDF2-SHA256
//! derives an AES-256-GCM key; salt and nonce come from `crypto.getRandomValues`. The wrapper's
//! layout belongs to `exchange::encrypted`.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use zrz_exchange::encrypted::{
    EncryptedError, EncryptedFile, IV_BYTES, PBKDF2_ITERATIONS, SALT_BYTES,
};

/// Why a file could not be encrypted or decrypted (worded by `i18n::errors`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoFault {
    /// WebCrypto is missing (very old browser, or a page not served over http(s)/localhost).
    Unavailable,
    /// AES-GCM's tag did not verify: wrong passphrase, or the ciphertext was altered.
    WrongPassphrase,
    File(EncryptedError),
    Other(String),
}

/// For logs and tests, in neutral form; the interface words it with `i18n::errors` (`crypto`).
impl std::fmt::Display for CryptoFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "crypto failed: {self:?}")
    }
}

fn subtle() -> Result<(web_sys::Crypto, SubtleCrypto), CryptoFault> {
    let crypto = leptos::prelude::window()
        .crypto()
        .map_err(|_| CryptoFault::Unavailable)?;
    let subtle = crypto.subtle();
    if subtle.is_undefined() {
        return Err(CryptoFault::Unavailable);
    }
    Ok((crypto, subtle))
}

fn other(e: JsValue) -> CryptoFault {
    CryptoFault::Other(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}")),
    )
}

async fn derive_key(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, CryptoFault> {
    let raw = Uint8Array::from(passphrase.as_bytes());
    let usages = Array::of1(&JsValue::from_str("deriveKey"));
    let base = subtle
        .import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
        .map_err(other)?;
    let base: CryptoKey = JsFuture::from(base).await.map_err(other)?.unchecked_into();
    let params = Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        iterations,
        &Uint8Array::from(salt),
    );
    let aes = AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
    let key = subtle
        .derive_key_with_object_and_object(&params, &base, &aes, false, &usages)
        .map_err(other)?;
    Ok(JsFuture::from(key).await.map_err(other)?.unchecked_into())
}

fn random(crypto: &web_sys::Crypto, n: usize) -> Result<Vec<u8>, CryptoFault> {
    let mut bytes = vec![0u8; n];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(other)?;
    Ok(bytes)
}

/// Encrypts an exchange file's text; returns the encrypted file's text.
pub async fn encrypt(passphrase: &str, plaintext: &str) -> Result<String, CryptoFault> {
    let (crypto, subtle) = subtle()?;
    let salt = random(&crypto, SALT_BYTES)?;
    let iv = random(&crypto, IV_BYTES)?;
    let key = derive_key(&subtle, passphrase, &salt, PBKDF2_ITERATIONS).await?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv.as_slice()));
    let data = plaintext.as_bytes();
    let sealed = subtle
        .encrypt_with_object_and_u8_array(&params, &key, data)
        .map_err(other)?;
    let sealed = JsFuture::from(sealed).await.map_err(other)?;
    let ciphertext = Uint8Array::new(&sealed).to_vec();
    Ok(EncryptedFile::seal(PBKDF2_ITERATIONS, &salt, &iv, &ciphertext).to_json())
}

/// Decrypts an encrypted file's text back to the exchange file's text.
pub async fn decrypt(passphrase: &str, text: &str) -> Result<String, CryptoFault> {
    let sealed = EncryptedFile::open(text).map_err(CryptoFault::File)?;
    let (_, subtle) = subtle()?;
    let key = derive_key(&subtle, passphrase, &sealed.salt, sealed.iterations).await?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(sealed.iv.as_slice()));
    let opened = subtle
        .decrypt_with_object_and_u8_array(&params, &key, &sealed.ciphertext)
        .map_err(other)?;
    // WebCrypto rejects with an OperationError when the tag does not verify.
    let opened = JsFuture::from(opened)
        .await
        .map_err(|_| CryptoFault::WrongPassphrase)?;
    String::from_utf8(Uint8Array::new(&opened).to_vec()).map_err(|_| CryptoFault::WrongPassphrase)
}
