#!/usr/bin/env python3
"""Writes the one-file version of the full app: DIST/zrz-single.html, from DIST/full.html.

A file opened from disk (file://) can load nothing beside it, so everything goes inside: the CSS in a
<style>, boot.js and the wasm-bindgen glue as inline scripts, the wasm LZMA-packed (the .lzma that
scripts/post_build.py writes) and base64 encoded in a data block (<script
type="application/octet-stream">, which never runs), unpacked by crates/unlzma (dist/unlzma.js)
in the page's thread (no worker starts from file://) and started from its bytes (the glue's init accepts a
BufferSource). The page's
Content-Security-Policy allows exactly these inline scripts and this style, by their sha256 hashes:
no 'unsafe-inline', nothing fetched at all.

Every <link> and <script> of full.html must be one this script knows (stylesheet, icon, manifest,
preload, boot.js, offline.js, trunk's start-up script); anything else stops the build, so that a new
kind of file in full.html is not silently left out.

A copy with a Chinese name is written beside it, for sending by mail or USB stick.

Usage: make-single.py DIST
"""
import base64
import gzip
import hashlib
import os
import re
import sys

OUTPUT = "zrz-single.html"
ALIAS = "意识形态工作责任制-单文件版.html"
TITLE_SUFFIX = "（单文件版）"


# Runs after the glue, in the same module, after the decoder: unpacks the wasm and starts it, then
# tells boot.js.
LOADER = """
// One-file version (scripts/make-single.py): the wasm is in the page, LZMA-packed and base64
// encoded; unpacked here and started from its bytes.
{
  const block = document.getElementById('zrz-wasm');
  const text = atob(block.textContent.trim());
  const packed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
  block.remove();
  const bytes = await zrzUnlzma(packed);
  const wasm = await %(init)s({ module_or_path: bytes });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}
"""

CSP = (
    "default-src 'none'; script-src %(scripts)s 'wasm-unsafe-eval'; style-src %(styles)s; "
    "img-src data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'"
)


def fail(message):
    sys.exit(f"make-single.py: {message}")


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def attr(tag, name):
    m = re.search(r'\s%s="([^"]*)"' % name, tag)
    return m.group(1) if m else None


def read(dist, href):
    path = os.path.join(dist, href.removeprefix("./"))
    if not os.path.isfile(path):
        fail(f"{href} is named in full.html but missing in {dist}")
    return open(path, encoding="utf-8").read().replace("\r\n", "\n")


def inline_safe(text, what, end):
    if re.search(r"</%s" % end, text, re.I):
        fail(f"{what} contains '</{end}' and cannot be put inside the page")
    return text


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-single.py DIST")
    dist = sys.argv[1]
    html = open(os.path.join(dist, "full.html"), encoding="utf-8").read()
    html = re.sub(r'[ \t]*<meta name="zrz-version" content="[^"]*">\n?', "", html)
    # The hosted page's comments speak of its own CSP and files; they would mislead here.
    html = re.sub(r"[ \t]*<!--.*?-->\n?", "", html, flags=re.S)

    styles, scripts = [], []
    module = None
    wasm_name = None

    def link(m):
        tag = m.group(0)
        rel, href = attr(tag, "rel"), attr(tag, "href")
        if rel == "stylesheet":
            css = inline_safe(read(dist, href), href, "style")
            if re.search(r"url\((?!\s*['\"]?data:)", css):
                fail(f"{href} refers to another file with url(…)")
            styles.append(css)
            return "\0STYLE\0" if len(styles) == 1 else ""
        if rel == "icon":
            data = open(os.path.join(dist, href), "rb").read()
            kind = attr(tag, "type") or "image/svg+xml"
            return f'<link rel="icon" href="data:{kind};base64,{base64.b64encode(data).decode()}">'
        if rel in ("manifest", "modulepreload", "preload"):
            return ""  # nothing to install or preload from a file
        fail(f"unknown link in full.html: {tag}")

    def script(m):
        nonlocal module, wasm_name
        tag, body = m.group(1), m.group(2)
        src = attr(tag, "src")
        if body.strip() or not src:
            fail(f"full.html has an inline script; only scripts with src are expected: {m.group(0)[:80]}")
        if src == "boot.js":
            text = inline_safe(read(dist, src), src, "script")
            scripts.append(text)
            return f"<script>\0SCRIPT{len(scripts) - 1}\0</script>"
        if src == "offline.js":
            return ""  # a service worker cannot work from a file
        if attr(tag, "type") == "module" and re.fullmatch(r"\./start-[0-9a-f]+\.js", src):
            if module is not None:
                fail("full.html has two start-up scripts")
            module, wasm_name = start_module(dist, read(dist, src))
            scripts.append(module)
            return f'<script type="module">\0SCRIPT{len(scripts) - 1}\0</script>'
        fail(f"unknown script in full.html: {tag}")

    html = re.sub(r"<link\b[^>]*>", link, html)
    html = re.sub(r"(<script\b[^>]*>)(.*?)</script>", script, html, flags=re.S)
    if module is None:
        fail("full.html has no start-up script")
    if not styles:
        fail("full.html has no stylesheet")
    css = "\n".join(styles)
    # Tidy the lines the removed tags leave, before any file's text goes in.
    html = re.sub(r"\n([ \t]*\n)+", "\n", html)

    csp = CSP % {"scripts": " ".join(sha256(s) for s in scripts), "styles": sha256(css)}
    html, n = re.subn(
        r'<meta http-equiv="Content-Security-Policy" content="[^"]*">',
        lambda _: f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        html,
    )
    if n != 1:
        fail("full.html must have exactly one Content-Security-Policy meta tag")
    # The app reads this to know it runs from one file: no worker script beside it to start.
    html, n = re.subn(r"</title>", TITLE_SUFFIX + '</title>\n  <meta name="zrz-build" content="one-file">', html, count=1)
    if n != 1:
        fail("full.html has no <title>")

    # The wasm as the page fetches it: post_build.py packed it.
    packed_path = os.path.join(dist, wasm_name + ".lzma")
    if not os.path.exists(packed_path):
        fail(f"{wasm_name}.lzma is missing: scripts/post_build.py writes it during the trunk build")
    wasm_bytes = os.path.getsize(os.path.join(dist, wasm_name))
    packed = base64.b64encode(open(packed_path, "rb").read()).decode()
    block = f'<script type="application/octet-stream" id="zrz-wasm">{packed}</script>\n'
    html, n = re.subn(r"</body>", lambda _: block + "</body>", html, count=1)
    if n != 1:
        fail("full.html has no </body>")
    html = html.replace("\0STYLE\0", f"<style>{css}</style>")
    for i, text in enumerate(scripts):
        html = html.replace(f"\0SCRIPT{i}\0", text)

    for name in (OUTPUT, ALIAS):
        open(os.path.join(dist, name), "w", encoding="utf-8").write(html)
    raw = len(html.encode("utf-8"))
    zipped = len(gzip.compress(html.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUTPUT} (and {ALIAS}): {raw} bytes, {zipped} gzip; wasm {wasm_bytes} bytes inside")


def start_module(dist, start):
    """The glue of trunk's start-up script followed by the loader that starts it from bytes, and the
    name of the wasm file."""
    glue_name = re.search(r"^import init, \* as bindings from '\./([^']+\.js)';$", start, re.M)
    wasm_name = re.search(r"module_or_path: (?:zrzWasm\()?'\./([^']+_bg\.wasm)'", start)
    if not glue_name or not wasm_name:
        fail(f"trunk's start-up script is not in the expected form:\n{start}")
    glue = inline_safe(read(dist, glue_name.group(1)), glue_name.group(1), "script")
    if re.search(r"^\s*import\s*[\w{*'\"]", glue, re.M):
        fail(f"{glue_name.group(1)} imports another file (a wasm-bindgen snippet?); it cannot be inlined as is")
    init = re.search(r"^export \{[^}]*\b(\w+) as default\b[^}]*\};?$", glue, re.M)
    if not init:
        fail(f"{glue_name.group(1)} does not export its init function as default")
    # The decoder as post_build.py wrote it beside the pages (crates/unlzma inside).
    if not os.path.isfile(os.path.join(dist, "unlzma.js")):
        fail("unlzma.js is missing: scripts/post_build.py writes it during the trunk build")
    return glue.rstrip("\n") + "\n" + read(dist, "unlzma.js") + LOADER % {"init": init.group(1)}, wasm_name.group(1)


if __name__ == "__main__":
    main()
