#!/usr/bin/env python3
"""The size budget of the release build: fails when the department's first page is over budget.

Reads dist/ (after scripts/build.sh), finds each page's files from its HTML (trunk's hashed wasm,
glue and CSS, and the scripts the page loads), compresses each with gzip level 9 without a
timestamp (the same bytes give the same size on every machine and every run) and prints, per page:
raw and gzip bytes of the wasm and of everything the page loads. Also the one-file build.

Fails (exit 1) when the first page's wasm as fetched (its .lzma) is over FIRST_PAGE_WASM_BUDGET
(override with SIZE_BUDGET_KB, in KiB), or everything the first page loads is over
FIRST_VISIT_BUDGET (override with FIRST_VISIT_BUDGET_KB). Run by `make size-check`, which
`make test` runs after the build.

Usage: size-check.py [DIST]   (default dist)
"""
import gzip
import os
import re
import sys

# The ceiling for CI is 250 KB (goal 150 KB). Ratchet: lower it as the remaining levers land
# (docs/benchmarks.md, "Size"); SIZE_BUDGET_KB=250 shows how far the build is from the ceiling.
# Raised once, from 300 to 380 KiB: the first page gained the ledger on its item cards and 总览, the
# error wording of i18n::errors and the findings on items (284 → 373 KiB); that growth is issue 14's
# to take back (the English table, chrono's parser and the import errors off the first page).
# Lowered to 375 KiB when the import, merge and download wording left the first page (392 → 371 KiB,
# after the office's review, the ledger drafts and the coalesced writes had come in).
# Lowered to 330 KiB when the first page lost chrono's parser, the rating settings' and the
# template's JSON readers, the template hashing, the English table and all but one copy of the sort
# (372 → 326 KiB).
# Lowered to 315 KiB when the .gz was packed with Zopfli (crates/pack) and stored records were read
# from a &Value only (327.7 → 310.8 KiB).
# Lowered to the ceiling, 250 KiB, when the wasm travelled LZMA-packed (scripts/post_build.py)
# instead of gzip (310.8 → 245.5 KiB); the first visit as a whole got a ratchet of its own, 270 KiB
# (265.8 KiB then, with a decoder worker of its own; 268.6 KiB once the decoder moved into the
# start-up script as crates/unlzma: the wasm, the glue, the CSS and the start-up scripts).
# Lowered to 241 KiB (the wasm) and 258 KiB (the first visit) when the build ran wasm-opt itself, its
# functions ordered by their names without hashes (scripts/wasm_opt.py), and minified the scripts and
# style sheets (scripts/minify.mjs): 245.5 → 239.9 KiB and 268.6 → 257.0 KiB.
# Lowered to 223 KiB (the wasm) and 243 KiB (the first visit), under the ceiling for the whole
# visit, when what is packed became the wasm's split file (crates/unlzma/src/split.rs: the code
# section in streams) at lc=1: 239.9 → 222.6 KiB and 257.0 → 241.9 KiB, the decoder in the start-up
# scripts 4 KB larger. Then to 218 and 237 KiB when each load's alignment went beside its opcode
# and the i32 constants into streams by the instruction after them: 222.6 → 217.2 KiB and
# 241.9 → 236.5 KiB.
# Raised by 1 KiB each, to 219 and 238 KiB, with nothing in the repository changed: the same commit
# built on 2026-12-03's new machine packed 238 bytes larger (222,367 → 222,605; 242,225 → 242,460
# for the visit), the same at two checkout paths, which left the visit 228 bytes under its ratchet.
# wasm-bindgen-cli is installed without --locked (bootstrap.sh), so its own dependencies, and the
# module it writes, can differ by machine; a ratchet must not fail a build for that.
FIRST_PAGE_WASM_BUDGET = 219 * 1024
FIRST_VISIT_BUDGET = 238 * 1024
GOAL_CEILING = 250 * 1024
GOAL = 150 * 1024

REF = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="(?:\./)?([^"?#:]+)"', re.I)
LOADED = (".wasm", ".js", ".css", ".wasm.lzma")


def gz(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_files(dist, page):
    html = open(os.path.join(dist, page), encoding="utf-8").read()
    files = [page]
    for ref in REF.findall(html):
        if ref.endswith(LOADED) and os.path.exists(os.path.join(dist, ref)) and ref not in files:
            files.append(ref)
    return files


def sizes(dist, path):
    """Raw and gzip bytes; a .lzma file (the wasm as the page fetches it) travels as it is."""
    data = open(os.path.join(dist, path), "rb").read()
    return len(data), len(data) if path.endswith(".lzma") else gz(data)


def kb(n):
    return f"{n / 1024:.1f} KiB"


def main():
    dist = sys.argv[1] if len(sys.argv) > 1 else "dist"
    budget = int(os.environ.get("SIZE_BUDGET_KB", FIRST_PAGE_WASM_BUDGET // 1024)) * 1024
    visit_budget = int(os.environ.get("FIRST_VISIT_BUDGET_KB", FIRST_VISIT_BUDGET // 1024)) * 1024
    if not os.path.exists(os.path.join(dist, "index.html")):
        sys.exit(f"size-check: {dist}/index.html is missing: run scripts/build.sh first")
    first_wasm_gz = first_visit = None
    for page in ("index.html", "full.html"):
        if not os.path.exists(os.path.join(dist, page)):
            continue
        files = page_files(dist, page)
        total_raw = total_gz = 0
        print(f"{page}:")
        for f in files:
            raw, z = sizes(dist, f)
            total_raw += raw
            total_gz += z
            print(f"  {f:<40} {raw:>9} raw {z:>8} gzip")
            if page == "index.html" and f.endswith((".wasm", ".wasm.lzma")):
                first_wasm_gz = z
        print(f"  {'everything the page loads':<40} {total_raw:>9} raw {total_gz:>8} gzip ({kb(total_gz)})")
        if page == "index.html":
            first_visit = total_gz
    for single in ("zrz-single.html",):
        if os.path.exists(os.path.join(dist, single)):
            raw, z = sizes(dist, single)
            print(f"one-file build {single}: {raw} raw, {z} gzip ({kb(z)})")
    if first_wasm_gz is None:
        sys.exit("size-check: dist/index.html loads no .wasm")
    over = False
    for what, size, limit in (("first page wasm, as fetched", first_wasm_gz, budget),
                              ("first visit, everything index.html loads", first_visit, visit_budget)):
        verdict = "within" if size <= limit else "OVER"
        over = over or size > limit
        print(
            f"{what}: {size} bytes ({kb(size)}): {verdict} the budget of {kb(limit)} "
            f"(issue 14: CI ceiling {kb(GOAL_CEILING)}, goal {kb(GOAL)})"
        )
    if over:
        sys.exit(1)


if __name__ == "__main__":
    main()
