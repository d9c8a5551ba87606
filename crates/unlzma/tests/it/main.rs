//! zrz-unlzma's tests: the LZMA decoder against liblzma, and the split files of wasm modules.
mod against_liblzma;
mod split;
