// Minifies, in place, the scripts and style sheets a merged build's pages load, and rewrites the
// pages' `integrity` attributes to match; drops the pages' comments and empty lines (trunk leaves
// one where each of its links was). Run by scripts/build.sh after the one-file version is made
// (make-single.py reads trunk's files in the forms trunk writes them) and before the service worker
// (make-sw.py), whose version covers the files as served.
//
// Terser (compress, mangle) for scripts, csso without restructuring for CSS (rules keep their order,
// so the cascade is the one written). Both are pinned in package-lock.json; the same input gives
// the same bytes, so the size check stays deterministic. File names stay as trunk hashed them: the
// output is a function of the input, so a name still changes whenever what it holds does.
//
// Usage: node scripts/minify.mjs DIST
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify as minifyCss } from 'csso';
import { minify as minifyJs } from 'terser';

const PAGES = ['index.html', 'full.html'];
// Not minified: the check page's scripts (read by people diagnosing a server, and not part of the
// app) and the service worker, which make-sw.py writes afterwards.
const LEFT_AS_WRITTEN = new Set(['check.js', 'unlzma.js', 'sw.js']);

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node scripts/minify.mjs DIST');
  process.exit(2);
}

// ES modules: the start-up scripts (type="module") and the glue they import (modulepreload). Every
// other script is classic (boot.js, offline.js, the reader worker's glue and loader shim): minified
// as a script, its top-level names are kept, as other scripts use them (wasm_bindgen, zrzWasm).
const modules = new Set();
for (const page of PAGES) {
  const html = readFileSync(join(dist, page), 'utf8');
  for (const m of html.matchAll(/<script type="module" src="\.\/([^"]+)"|<link rel="modulepreload" href="\.\/([^"]+)"/g)) {
    modules.add(m[1] ?? m[2]);
  }
}

let before = 0;
let after = 0;
for (const name of readdirSync(dist).sort()) {
  if (LEFT_AS_WRITTEN.has(name) || !/\.(js|css)$/.test(name)) continue;
  const path = join(dist, name);
  const source = readFileSync(path, 'utf8');
  let out;
  if (name.endsWith('.css')) {
    out = minifyCss(source, { restructure: false, comments: false }).css;
  } else {
    const result = await minifyJs(source, {
      module: modules.has(name),
      compress: { passes: 2 },
      mangle: true,
      format: { comments: false },
    });
    out = result.code;
  }
  if (!out) throw new Error(`${name}: the minifier returned nothing`);
  writeFileSync(path, out);
  before += Buffer.byteLength(source);
  after += Buffer.byteLength(out);
}

// Trunk wrote sha384 integrity attributes for the files it linked; they now name other bytes.
for (const page of PAGES) {
  const path = join(dist, page);
  const source = readFileSync(path, 'utf8');
  let rewritten = 0;
  const html = source.replace(
    /(<link\b[^>]*?\bhref="\.\/([^"]+)"[^>]*?\bintegrity=")sha384-[^"]+(")/g,
    (_, head, file, tail) => {
      rewritten += 1;
      return head + 'sha384-' + createHash('sha384').update(readFileSync(join(dist, file))).digest('base64') + tail;
    },
  );
  // An integrity attribute in another form would be left stale, and the browser would refuse the file.
  const all = source.match(/\bintegrity="/g)?.length ?? 0;
  if (rewritten !== all) throw new Error(`${page}: ${all} integrity attributes, ${rewritten} of them in the form <link href="./…" … integrity="sha384-…">`);
  writeFileSync(path, html.replace(/[ \t]*<!--.*?-->/gs, '').replace(/\n([ \t]*\n)+/g, '\n'));
}
console.log(`minify.mjs: scripts and style sheets ${before} → ${after} bytes`);
