"""wasm-opt as the build runs it: npm's binaryen (package-lock.json; Debian's binaryen 108 emits a
module that dies at start-up), told of rustc's default wasm features.

`optimise` is the app's wasm pipeline, run by post_build.py on each wasm trunk writes (trunk's own
wasm-opt step is off: `data-wasm-opt="0"` in index.html and full.html), before the LZMA packing:

- the function names lose their `::h<hash>` suffixes (the name section only; it is stripped from
  the output), so that ordering by name keeps the copies of one generic function in the order
  rustc emitted them, instead of shuffling them by hash;
- `-Oz`, the functions ordered by name, `-Oz` again: related code side by side, which LZMA finds
  more of (first page: −6.3 KB packed together with the two settings below; scripts/bench/notes.md);
- `-ocimfs=50`: a function called from one place is inlined there only when small. Inlining large
  ones made the code slightly smaller and the packed file slightly larger;
- no debug names, producers or target-features sections.
"""
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WASM_OPT = os.path.join(ROOT, "node_modules", ".bin", "wasm-opt")
# rustc's default wasm features: wasm-opt refuses a module that uses one it was not told of.
FEATURES = ["--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int",
            "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]
APP_PASSES = ["-Oz", "--reorder-functions-by-name", "-Oz", "-ocimfs=50",
              "--strip-debug", "--strip-producers", "--strip-target-features"]

HASH_SUFFIX = re.compile(rb"::h[0-9a-f]{16}$")


def _leb(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _uleb(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | 0x80 if value else byte)
        if not value:
            return bytes(out)


def names_without_hashes(wasm):
    """The module with `::h<16 hex digits>` dropped from each function name (subsection 1 of the
    custom section "name"); everything else byte for byte as it was. A module without names is
    returned as it is."""
    if wasm[:4] != b"\0asm":
        raise ValueError("not a wasm module")
    out = bytearray(wasm[:8])
    i = 8
    while i < len(wasm):
        section_id = wasm[i]
        size, start = _leb(wasm, i + 1)
        body = wasm[start:start + size]
        i = start + size
        if section_id == 0:
            name_len, k = _leb(body, 0)
            if body[k:k + name_len] == b"name":
                body = _rename(body, k + name_len)
        out += bytes([section_id]) + _uleb(len(body)) + body
    return bytes(out)


def _rename(body, k):
    out = bytearray(body[:k])
    while k < len(body):
        sub_id = body[k]
        sub_size, k = _leb(body, k + 1)
        sub = body[k:k + sub_size]
        k += sub_size
        if sub_id == 1:
            count, p = _leb(sub, 0)
            names = bytearray(_uleb(count))
            for _ in range(count):
                index, p = _leb(sub, p)
                length, p = _leb(sub, p)
                name = HASH_SUFFIX.sub(b"", sub[p:p + length])
                p += length
                names += _uleb(index) + _uleb(len(name)) + name
            sub = bytes(names)
        out += bytes([sub_id]) + _uleb(len(sub)) + sub
    return bytes(out)


def run(args):
    subprocess.run([WASM_OPT, *FEATURES, *args], check=True)


def optimise(path):
    """Optimises the app's wasm at `path` in place (see the module's comment)."""
    with open(path, "rb") as f:
        renamed = names_without_hashes(f.read())
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "named.wasm")
        with open(source, "wb") as f:
            f.write(renamed)
        run([*APP_PASSES, source, "-o", path])
