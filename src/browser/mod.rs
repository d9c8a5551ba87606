//! **API Boundary:** every browser API the app uses sits behind one of these small modules, so that
//! components and the domain never touch `window`, localStorage, `File` or `Blob` themselves.
//! **Architecture Invariant:** this is the only module tree that names web-sys, js-sys or gloo.

pub mod clock;
#[cfg(feature = "full")]
pub mod crypto;
pub mod dom;
pub mod download;
pub mod files;
#[cfg(feature = "full")]
pub mod idb;
pub mod location;
pub mod random;
pub mod storage;
#[cfg(feature = "full")]
pub mod worker;
