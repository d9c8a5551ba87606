#!/usr/bin/env python3
"""Trunk post-build hook: moves trunk's inline start-up script into a file of its own.

The Content-Security-Policy in index.html allows no inline script, and trunk 0.21 always writes
one. The script is copied verbatim to start-<hash>.js, next to the wasm, and referenced by src.
"""
import hashlib
import os
import re
import sys

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
name = f"start-{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
open(os.path.join(staging, name), "w", encoding="utf-8").write(body)
html = pattern.sub(f'<script type="module" src="./{name}"></script>', html)
open(index, "w", encoding="utf-8").write(html)
