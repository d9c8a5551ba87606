#!/usr/bin/env python3
"""Writes DIST/web.config (for IIS) from public/web.config: every file whose name carries trunk's
content hash gets a location of its own with a year of caching; everything else is revalidated on
each visit (the template's default), so a new version is seen at once.

Usage: make-web-config.py DIST. Run by scripts/build.sh after the merge.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HASHED = re.compile(r"-[0-9a-f]{8,}(_bg)?\.(js|wasm|wasm\.lzma|css)$")
PLACEHOLDER = "  <!-- HASHED FILES -->\n"
LOCATION = """  <location path="{name}">
    <system.webServer>
      <staticContent>
        <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="365.00:00:00" />
      </staticContent>
    </system.webServer>
  </location>
"""


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-web-config.py DIST")
    dist = sys.argv[1]
    template = open(os.path.join(ROOT, "public", "web.config"), encoding="utf-8").read()
    if template.count(PLACEHOLDER) != 1:
        sys.exit("make-web-config.py: public/web.config must hold the line '<!-- HASHED FILES -->' once")
    hashed = sorted(n for n in os.listdir(dist) if HASHED.search(n))
    if not any(n.endswith("_bg.wasm") for n in hashed):
        sys.exit(f"make-web-config.py: no hashed wasm file in {dist}")
    locations = "".join(LOCATION.format(name=n) for n in hashed)
    out = template.replace(PLACEHOLDER, locations)
    open(os.path.join(dist, "web.config"), "w", encoding="utf-8", newline="\r\n").write(out)
    print(f"web.config: {len(hashed)} hashed files cached for a year")


if __name__ == "__main__":
    main()
