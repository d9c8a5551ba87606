#!/usr/bin/env python3
"""Trunk post-build hook: moves trunk's inline start-up script into a file of its own, and has it
fetch the wasm LZMA-packed; the same for the reader worker's loader shim (full.html's build).
Each wasm is optimised first (wasm_opt.py: trunk's own wasm-opt step is off).

The Content-Security-Policy in index.html allows no inline script, and trunk 0.21 always writes
one. The script is copied to start-<hash>.js, next to the wasm, and referenced by src.

The wasm is also written as <name>_bg.wasm.lzma (`pack` below: its split file, the code section in
streams (crates/unlzma/src/split.rs), packed by Python's lzma in the .lzma format of
`xz --format=lzma`), about a quarter smaller than gzip -9 of the wasm and under a third of it. No browser
unpacks LZMA, so the pages unpack it with crates/unlzma built to wasm (unlzma_build.py), carried
in their start-up scripts, while the engine compiles what is unpacked; the reader worker does the
same in its loader shim. The page's preload names the .lzma instead of the wasm. The wasm itself
stays beside it: it is what a page fetches when the .lzma cannot be fetched or unpacked.
"""
import hashlib
import lzma
import os
import re
import struct
import sys

import unlzma_build
import wasm_opt

UNLZMA = unlzma_build.library()

# The settings of the packing. lc=1 lp=0 pb=0: the split file is byte streams without 4-byte
# alignment (pb=0 packs 0.3% smaller than xz's default pb=2), and within a stream of opcodes or of
# indices one byte of context (lc=1) predicts best: 0.5% smaller than lc=3 on the first page's. The
# dictionary holds the whole file.
LZMA_FILTERS = [{"id": lzma.FILTER_LZMA1, "preset": 9 | lzma.PRESET_EXTREME, "lc": 1, "lp": 0, "pb": 0}]


def pack(path):
    """Writes path + ".lzma": the wasm's split file (unlzma_build.split), LZMA-packed. The same input
    gives the same bytes (no time, no name in either format), which keeps the size check
    deterministic.

    The header states the unpacked size (bytes 5..12), and the stream still ends with its end
    marker: LZMA has no checksum, so the decoder (crates/unlzma) takes a stream that does not end
    exactly at that size, with the marker, at the file's last byte, as damaged (and the page
    fetches the wasm)."""
    data = unlzma_build.split(open(path, "rb").read())
    packed = bytearray(lzma.compress(data, format=lzma.FORMAT_ALONE, filters=LZMA_FILTERS))
    packed[5:13] = struct.pack("<Q", len(data))
    open(path + ".lzma", "wb").write(packed)


# The decoder as a file of its own, for the server check page (check.html) only: the pages carry it
# in their start-up scripts.
CHECK_LIBRARY = "unlzma.js"

# Prepended to trunk's start-up script, where `module_or_path: './x_bg.wasm'` becomes
# `module_or_path: zrzWasm('./x_bg.wasm')` (wasm-bindgen's init takes a promise of a compiled
# module), and put into the reader worker's loader shim the same way, each after its own
# `zrzUnpacker` (packed bytes → a Response of the wasm).
LOADER = """// The wasm travels LZMA-packed (scripts/post_build.py): fetched as <wasm>.lzma, unpacked by
// zrzUnpacker() and compiled as it comes. A .lzma that cannot be fetched or unpacked (the compile
// fails with the stream: nothing of a damaged file is used), or an unpacker that cannot start, gets
// the wasm as it is.
function zrzWasm(url) {
  function plain() {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status + ' fetching ' + url);
      return r.arrayBuffer();
    }).then(function (bytes) { return WebAssembly.compile(bytes); });
  }
  var unpack;
  try { unpack = zrzUnpacker(); } catch (e) { return plain(); }
  return fetch(url + '.lzma')
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.arrayBuffer();
    })
    .then(unpack)
    .then(function (response) { return WebAssembly.compileStreaming(response); })
    .catch(plain);
}
"""

# The unpacker of the pages and of the reader worker: the decoder, in their own thread (a page has
# nothing else to do while its wasm is on its way; a worker of its own would first have to be
# fetched and started), a piece at a time, yielding between them. The pieces are the body of the Response that the engine compiles on its own threads
# as they come, and the body ends only once the decoder has checked the end of the stream.
UNPACKER = UNLZMA + """
function zrzUnpacker() {
  return function (packed) {
    var wasm;
    var body = new ReadableStream({ start: function (c) { wasm = c; } });
    zrzUnlzmaPieces(new Uint8Array(packed), function (piece) { wasm.enqueue(piece); })
      .then(function () { wasm.close(); }, function (error) { wasm.error(error); });
    return new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
  };
}
"""

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("TRUNK_STAGING_DIR is not set: run this as a trunk hook")
index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()
pattern = re.compile(r'<script type="module">(.*?)</script>', re.S)
found = pattern.findall(html)
if len(found) != 1:
    sys.exit(f"expected exactly one inline module script in index.html, found {len(found)}")
body = found[0].strip() + "\n"
wasm = re.search(r"module_or_path: '\./([^']+_bg\.wasm)'", body)
if not wasm:
    sys.exit(f"trunk's start-up script names no wasm in the expected form:\n{body}")
wasm = wasm.group(1)
body = UNPACKER + LOADER + body.replace(f"module_or_path: './{wasm}'", f"module_or_path: zrzWasm('./{wasm}')")
preload = re.compile(r'<link rel="preload" href="\./' + re.escape(wasm) + r'"[^>]*>')
if len(preload.findall(html)) != 1:
    sys.exit(f"expected one preload of {wasm} in index.html")
html = preload.sub(f'<link rel="preload" href="./{wasm}.lzma" crossorigin="anonymous" as="fetch">', html)
name = f"start-{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
open(os.path.join(staging, name), "w", encoding="utf-8").write(body)
html = pattern.sub(f'<script type="module" src="./{name}"></script>', html)
open(index, "w", encoding="utf-8").write(html)
to_pack = [os.path.join(staging, wasm)]

# The 汇总 page's reader worker (full.html's build only): trunk's loader shim starts it with the wasm
# as it is; it fetches the .lzma the same way as the pages, with the same fallbacks.
shim = os.path.join(staging, "reader_loader.js")
if os.path.exists(shim):
    text = open(shim, encoding="utf-8").read()
    m = re.fullmatch(r'importScripts\("\./([\w-]+\.js)"\);wasm_bindgen\("\./([\w-]+_bg\.wasm)"\);\s*', text)
    if not m:
        sys.exit(f"trunk's worker loader shim is not in the expected form:\n{text}")
    glue, worker_wasm = m.groups()
    to_pack.append(os.path.join(staging, worker_wasm))
    open(shim, "w", encoding="utf-8").write(
        f'importScripts("./{glue}");\n' + UNPACKER + LOADER + f'wasm_bindgen({{ module_or_path: zrzWasm("./{worker_wasm}") }});\n'
    )

for path in to_pack:
    wasm_opt.optimise(path)
    pack(path)
open(os.path.join(staging, CHECK_LIBRARY), "w", encoding="utf-8").write(UNLZMA)
