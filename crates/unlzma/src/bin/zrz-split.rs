//! `zrz-split WASM OUT`: writes the split file of a wasm module (`zrz_unlzma::split`), which
//! `scripts/post_build.py` then packs with LZMA. Refuses, naming why, a module that would not join
//! back to itself byte for byte.
// Built for wasm32 along with the library (clippy's check of the decoder), it is an empty program.
#![cfg_attr(target_arch = "wasm32", no_std, no_main)]

// Its panic handler, there.
#[cfg(target_arch = "wasm32")]
use zrz_unlzma as _;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [wasm, out] = args.as_slice() else {
        eprintln!("usage: zrz-split WASM OUT");
        return std::process::ExitCode::from(2);
    };
    let result = std::fs::read(wasm)
        .map_err(|e| e.to_string())
        .and_then(|bytes| zrz_unlzma::split::split(&bytes).map_err(|e| e.to_string()))
        .and_then(|file| std::fs::write(out, file).map_err(|e| e.to_string()));
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zrz-split: {wasm}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
