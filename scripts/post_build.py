#!/usr/bin/env python3
"""Trunk post-build hook: moves trunk's inline start-up script into a file of its own, and has it
fetch the wasm gzip-compressed; the same for the reader worker's loader shim (full.html's build).

The Content-Security-Policy in index.html allows no inline script, and trunk 0.21 always writes
one. The script is copied to start-<hash>.js, next to the wasm, and referenced by src.

The wasm is also written as <name>_bg.wasm.gz (by crates/pack, with Zopfli: about 4.5% smaller than
gzip -9, readable by any gzip reader), and the start-up script fetches that and
unpacks it as it arrives (`zrzWasm` below): a server that does not compress (python -m http.server,
an IIS or Apache left as installed) then sends a third of the bytes. The page's preload names the
.gz instead of the wasm. The wasm itself stays beside it for browsers without DecompressionStream
and as the fallback when the .gz cannot be fetched.
"""
import hashlib
import os
import re
import subprocess
import sys

# Prepended to trunk's start-up script, where `module_or_path: './x_bg.wasm'` becomes
# `module_or_path: zrzWasm('./x_bg.wasm')` (wasm-bindgen's init takes a promise of a Response), and
# put into the reader worker's loader shim the same way.
LOADER = """// The wasm travels gzip-compressed (scripts/post_build.py) and is unpacked here as it arrives.
// A server that decodes .gz itself (Content-Encoding: gzip) hands over the wasm, recognised by its
// first bytes; a browser without DecompressionStream, or a .gz that cannot be fetched, gets the
// wasm as it is.
function zrzWasm(url) {
  if (typeof DecompressionStream !== 'function') return fetch(url);
  return fetch(url + '.gz').then(function (r) {
    if (!r.ok || !r.body) return fetch(url);
    var reader = r.body.getReader();
    return reader.read().then(function (first) {
      var head = first.value || new Uint8Array(0);
      var body = new ReadableStream({
        start: function (c) { if (first.done) c.close(); else c.enqueue(head); },
        pull: function (c) {
          return reader.read().then(function (next) { if (next.done) c.close(); else c.enqueue(next.value); });
        }
      });
      if (head[0] === 0x1f && head[1] === 0x8b) body = body.pipeThrough(new DecompressionStream('gzip'));
      return new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
    });
  }, function () { return fetch(url); });
}
"""

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pack(paths):
    """Writes each path + ".gz" with crates/pack (Zopfli), in one run of it. The packer is a tool of
    this workspace (target/pack), built on first use; cargo fetch (bootstrap.sh) has its crates, so
    it builds offline."""
    subprocess.run(
        ["cargo", "run", "--quiet", "--offline", "--locked", "--profile", "pack", "-p", "zrz-pack",
         "--", *paths],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )


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
body = LOADER + body.replace(f"module_or_path: './{wasm}'", f"module_or_path: zrzWasm('./{wasm}')")
preload = re.compile(r'<link rel="preload" href="\./' + re.escape(wasm) + r'"[^>]*>')
if len(preload.findall(html)) != 1:
    sys.exit(f"expected one preload of {wasm} in index.html")
html = preload.sub(f'<link rel="preload" href="./{wasm}.gz" crossorigin="anonymous" as="fetch">', html)
name = f"start-{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
open(os.path.join(staging, name), "w", encoding="utf-8").write(body)
html = pattern.sub(f'<script type="module" src="./{name}"></script>', html)
open(index, "w", encoding="utf-8").write(html)
to_pack = [os.path.join(staging, wasm)]

# The 汇总 page's reader worker (full.html's build only): trunk's loader shim starts it with the wasm
# as it is; it fetches the .gz the same way as the pages, with the same fallbacks.
shim = os.path.join(staging, "reader_loader.js")
if os.path.exists(shim):
    text = open(shim, encoding="utf-8").read()
    m = re.fullmatch(r'importScripts\("\./([\w-]+\.js)"\);wasm_bindgen\("\./([\w-]+_bg\.wasm)"\);\s*', text)
    if not m:
        sys.exit(f"trunk's worker loader shim is not in the expected form:\n{text}")
    glue, worker_wasm = m.groups()
    to_pack.append(os.path.join(staging, worker_wasm))
    open(shim, "w", encoding="utf-8").write(
        f'importScripts("./{glue}");\n' + LOADER + f'wasm_bindgen({{ module_or_path: zrzWasm("./{worker_wasm}") }});\n'
    )

pack(to_pack)
