"""The wasm's LZMA decoder as the pages run it: crates/unlzma built for wasm32 (a module of about
10 KB, no imports: the decoder and the joiner of split files), optimised by npm's wasm-opt and
embedded as base64 in scripts/unlzma.js; and `split`, the split file that post_build.py packs. Used by
post_build.py, which puts it in the pages' start-up scripts and the reader worker's shim, and
writes it as unlzma.js (read by make-single.py and check.html)."""
import base64
import functools
import os
import subprocess
import tempfile

import wasm_opt
from wasm_opt import ROOT


def module():
    """The decoder's wasm bytes (cargo builds it offline; quick when it is built already)."""
    subprocess.run(
        ["cargo", "rustc", "--quiet", "--offline", "--locked", "--release", "--target", "wasm32-unknown-unknown",
         "-p", "zrz-unlzma", "--lib", "--crate-type", "cdylib"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    built = os.path.join(target, "wasm32-unknown-unknown", "release", "zrz_unlzma.wasm")
    optimised = built[: -len(".wasm")] + ".opt.wasm"
    wasm_opt.run(["-O3", "--strip-debug", "--strip-producers", "--strip-target-features", built, "-o", optimised])
    return open(optimised, "rb").read()


@functools.cache
def split_tool():
    """The native `zrz-split`, built once per build (the full app's build packs two wasm files)."""
    subprocess.run(
        ["cargo", "build", "--quiet", "--offline", "--locked", "--release", "-p", "zrz-unlzma", "--bin", "zrz-split"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    return os.path.join(target, "release", "zrz-split")


def split(wasm):
    """The split file of `wasm` (bytes): its code section in streams, which LZMA packs about 9%
    smaller (crates/unlzma/src/split.rs; the decoder joins it back). It checks that the file joins
    back to `wasm` byte for byte, and fails the build, naming why, on a module it cannot split."""
    with tempfile.TemporaryDirectory() as scratch:
        source, out = os.path.join(scratch, "in.wasm"), os.path.join(scratch, "out.split")
        open(source, "wb").write(wasm)
        subprocess.run([split_tool(), source, out], check=True)
        return open(out, "rb").read()


def library():
    """scripts/unlzma.js with the decoder filled in: defines zrzUnlzma."""
    source = open(os.path.join(ROOT, "scripts", "unlzma.js"), encoding="utf-8").read()
    if source.count("__ZRZ_UNLZMA_WASM__") != 1:
        raise SystemExit("scripts/unlzma.js must name __ZRZ_UNLZMA_WASM__ once")
    return source.replace("__ZRZ_UNLZMA_WASM__", base64.b64encode(module()).decode())
