#!/usr/bin/env python3
"""Writes the service worker of a merged build: DIST/sw.js from public/sw.js.

The version is a hash of every file the worker caches (both pages, trunk's hashed files, the static
files), so any change to any of them makes a new sw.js, which browsers install on their next visit.
The version is also written into both pages (<meta name="zrz-version">), so that a page can tell
whether it is older than the worker in use (public/offline.js).

Usage: make-sw.py DIST. Run by scripts/build.sh after the merge; running it again on its output gives
the same result.
"""
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = ("index.html", "full.html")
# What the app loads. Not cached: the worker itself, the server configuration, the check page (it
# must see the server, not the cache) and the one-file version (a download, not part of the app).
CACHED_EXTENSIONS = (".js", ".wasm", ".wasm.lzma", ".css", ".svg", ".png", ".webmanifest", ".json")
NOT_CACHED = {"sw.js", "check.js", "unlzma.js"}
META = re.compile(r'[ \t]*<meta name="zrz-version" content="[^"]*">\n?')
CHARSET = '<meta charset="utf-8">\n'


def cached_files(dist):
    files = []
    for folder, _, names in os.walk(dist):
        for name in names:
            path = os.path.relpath(os.path.join(folder, name), dist).replace(os.sep, "/")
            if path in PAGES or (name.endswith(CACHED_EXTENSIONS) and path not in NOT_CACHED):
                files.append(path)
    return sorted(files)


def split_fallbacks(files):
    """The files to cache at install, and those cached only once fetched: a page's wasm whose .lzma
    is cached (the page fetches the .lzma; the wasm itself only where that cannot be fetched or
    unpacked, so every other browser would download it for nothing)."""
    later = [f for f in files if f.endswith("_bg.wasm") and f + ".lzma" in files]
    return [f for f in files if f not in later], later


def content(dist, path):
    data = open(os.path.join(dist, path), "rb").read()
    if path in PAGES:
        data = META.sub("", data.decode("utf-8")).encode("utf-8")
    return data


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-sw.py DIST")
    dist = sys.argv[1]
    files = cached_files(dist)
    missing = [p for p in PAGES if p not in files]
    if missing:
        sys.exit(f"make-sw.py: {', '.join(missing)} missing in {dist}")
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(content(dist, path)).digest())
    version = digest.hexdigest()[:16]
    files, later = split_fallbacks(files)

    for page in PAGES:
        file = os.path.join(dist, page)
        html = META.sub("", open(file, encoding="utf-8").read())
        if CHARSET not in html:
            sys.exit(f"make-sw.py: {page} has no '{CHARSET.strip()}' line to put the version after")
        html = html.replace(CHARSET, f'{CHARSET}  <meta name="zrz-version" content="{version}">\n', 1)
        open(file, "w", encoding="utf-8").write(html)

    template = open(os.path.join(ROOT, "public", "sw.js"), encoding="utf-8").read()
    for placeholder in ("'__ZRZ_VERSION__'", "__ZRZ_FILES__", "__ZRZ_LATER__"):
        if template.count(placeholder) != 1:
            sys.exit(f"make-sw.py: public/sw.js must hold {placeholder} exactly once")
    sw = (
        template.replace("'__ZRZ_VERSION__'", json.dumps(version))
        .replace("__ZRZ_FILES__", json.dumps(files, indent=2))
        .replace("__ZRZ_LATER__", json.dumps(later, indent=2))
    )
    open(os.path.join(dist, "sw.js"), "w", encoding="utf-8").write(sw)
    total = sum(os.path.getsize(os.path.join(dist, p)) for p in files)
    print(f"sw.js: version {version}, {len(files)} files cached ({total} bytes), {len(later)} once fetched")


if __name__ == "__main__":
    main()
