#!/usr/bin/env bash
# Measures what a first visit downloads from the release build and writes it to docs/size.md.
# Run by `make size` after `make build`; numbers, not assertions (the budget is size-check.py's).
# The files are the ones index.html loads, found by size-check.py's `page_files`, so that both
# scripts count the same first visit.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "dist/ is missing: run 'make build' first" >&2; exit 1; }
python3 - "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD)" > docs/size.md <<'PY'
import re, runpy, sys
check = runpy.run_path("scripts/size-check.py")
day, commit = sys.argv[1], sys.argv[2]
print("# Download size of the release build\n")
print(f"Measured by `scripts/measure-size.sh` on {day} from `dist/` (commit {commit}): the files")
print("`index.html` loads. Bytes; gzip at level 9 approximates what a server with compression sends.")
print("The wasm is fetched as `_bg.wasm.lzma` (its split file, the code section in streams, LZMA-packed")
print("by `scripts/post_build.py`; unpacked and joined by the decoder the start-up script carries,")
print("`crates/unlzma`),")
print("which travels as it is: *raw* is what a server without compression sends.\n")
print("| file | raw | gzip |\n| --- | ---: | ---: |")
# trunk writes its hash in hex without leading zeros: up to 16 digits, not always 16.
HASH = re.compile(r"-[0-9a-f]{1,16}(?=(_bg)?\.)")
total_raw = total_gz = 0
for f in check["page_files"]("dist", "index.html"):
    raw, z = check["sizes"]("dist", f)
    total_raw += raw
    total_gz += z
    print(f"| `{HASH.sub('-…', f)}` | {raw} | {z} |")
print(f"| **first visit** | **{total_raw}** | **{total_gz}** |")
PY
cat docs/size.md
