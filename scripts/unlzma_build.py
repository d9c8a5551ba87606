"""The wasm's LZMA decoder as the pages run it: crates/unlzma built for wasm32 (a module of about
5 KB, no imports), optimised by npm's wasm-opt and embedded as base64 in scripts/unlzma.js. Used by
post_build.py, which puts it in the pages' start-up scripts and the reader worker's shim, and
writes it as unlzma.js (read by make-single.py and check.html)."""
import base64
import os
import subprocess

import wasm_opt
from wasm_opt import ROOT


def module():
    """The decoder's wasm bytes (cargo builds it offline; quick when it is built already)."""
    subprocess.run(
        ["cargo", "rustc", "--quiet", "--offline", "--locked", "--release", "--target", "wasm32-unknown-unknown",
         "-p", "zrz-unlzma", "--crate-type", "cdylib"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    built = os.path.join(target, "wasm32-unknown-unknown", "release", "zrz_unlzma.wasm")
    optimised = built[: -len(".wasm")] + ".opt.wasm"
    wasm_opt.run(["-O3", "--strip-debug", "--strip-producers", built, "-o", optimised])
    return open(optimised, "rb").read()


def library():
    """scripts/unlzma.js with the decoder filled in: defines zrzUnlzma."""
    source = open(os.path.join(ROOT, "scripts", "unlzma.js"), encoding="utf-8").read()
    if source.count("__ZRZ_UNLZMA_WASM__") != 1:
        raise SystemExit("scripts/unlzma.js must name __ZRZ_UNLZMA_WASM__ once")
    return source.replace("__ZRZ_UNLZMA_WASM__", base64.b64encode(module()).decode())
