// What an IT person deploys with: the server check page (check.html) and IIS's web.config.
import { test as base, expect } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { test } from './fixtures';
import { StaticServer, distDir } from './reach';

test('the server check page finds no error on a correct deployment', async ({ page }) => {
  await page.goto('./check.html');
  const summary = page.locator('#summary');
  await expect(summary).toHaveAttribute('data-result', /ok|warn/);
  await expect(page.locator('tr[data-level="bad"]')).toHaveCount(0);
  // Each wasm as the pages fetch it (.lzma, unpacked by the pages' decoder and compiled) and as it
  // is (the fallback); the decoder itself (unlzma.js, which check.html loads).
  const wasms = readdirSync(distDir()).filter((n) => /_bg\.wasm(\.lzma)?$/.test(n));
  expect(wasms.filter((n) => n.endsWith('.lzma')).length, 'index.html\'s, full.html\'s and the reader worker\'s').toBe(3);
  // (This server sends no Cache-Control: a note, not an error.)
  await expect(page.locator('tr', { hasText: 'unlzma.js' }).first()).toHaveAttribute('data-level', /ok|warn/);
  for (const wasm of wasms) {
    await expect(page.locator('tr', { hasText: `${wasm} 的内容` })).toHaveAttribute('data-level', 'ok');
  }
  await expect(page.locator('tr', { hasText: '版本一致' })).toHaveAttribute('data-level', 'ok');
});

// A half-copied deployment: a wasm file missing (as the page fetches it, compressed) and index.html
// from another build.
base('the server check page names what is wrong with a broken deployment', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'zrz-broken-'));
  cpSync(distDir(), folder, { recursive: true });
  const wasm = readdirSync(folder).find((n) => n.startsWith('full-') && n.endsWith('_bg.wasm.lzma'))!;
  unlinkSync(join(folder, wasm));
  const index = join(folder, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace(/name="zrz-version" content="[^"]*"/, 'name="zrz-version" content="0000000000000000"'));
  const server = await StaticServer.start(folder);
  try {
    await page.goto(`${server.url}check.html`);
    await expect(page.locator('#summary')).toHaveAttribute('data-result', 'bad');
    await expect(page.locator('tr[data-level="bad"]', { hasText: wasm })).toContainText('HTTP 404');
    await expect(page.locator('tr', { hasText: '版本一致' })).toContainText('部署不完整');
  } finally {
    await server.stop();
    rmSync(server.root, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  }
});

base('web.config maps the types old IIS refuses and caches only hashed files for long', async () => {
  const config = readFileSync(join(distDir(), 'web.config'), 'utf8');
  for (const [ext, type] of [['.wasm', 'application/wasm'], ['.lzma', 'application/octet-stream'], ['.json', 'application/json'], ['.webmanifest', 'application/manifest+json']]) {
    expect(config).toContain(`<remove fileExtension="${ext}" />`);
    expect(config).toContain(`<mimeMap fileExtension="${ext}" mimeType="${type}" />`);
  }
  expect(config).toContain('<clientCache cacheControlMode="DisableCache" />');
  const long = [...config.matchAll(/<location path="([^"]+)">/g)].map((m) => m[1]).sort();
  const hashed = readdirSync(distDir()).filter((n) => /-[0-9a-f]{8,}(_bg)?\.(js|wasm|wasm\.lzma|css)$/.test(n)).sort();
  expect(long).toEqual(hashed);
  for (const page of ['index.html', 'full.html', 'sw.js', 'boot.js']) expect(long).not.toContain(page);
});

// A server that does not compress (this one) sends the wasm as the page fetches it: LZMA-packed, under
// a third of its bytes, unpacked by the decoder the start-up script carries (no file more, no worker).
test('the first page fetches its wasm packed and unpacks it itself', async ({ app, page }) => {
  const lzma = readdirSync(distDir()).find((n) => n.startsWith('zrz-') && n.endsWith('_bg.wasm.lzma'))!;
  const fetched: string[] = [];
  page.on('request', (r) => { if (/_bg\.wasm(\.lzma)?$/.test(r.url())) fetched.push(r.url().split('/').pop()!); });
  await app.open();
  await expect(page.getByTestId('welcome')).toBeVisible();
  expect(fetched).toEqual([lzma]);
  expect(page.workers(), 'no worker').toHaveLength(0);
  const wasm = readFileSync(join(distDir(), lzma.slice(0, -'.lzma'.length)));
  const packed = readFileSync(join(distDir(), lzma));
  expect(packed.length, 'the packed wasm').toBeLessThan(wasm.length / 3);
  // Every byte of it is on every first visit: LZMA must keep its lead over gzip -9 (about a fifth).
  expect(packed.length, 'LZMA, a sixth smaller than gzip -9 at least').toBeLessThan(gzipSync(wasm, { level: 9 }).length * 0.83);
  // Any LZMA reader unpacks it (liblzma, the library of xz): it is the standard .lzma format, of the
  // wasm's split file (crates/unlzma/src/split.rs: the code section in streams), which states the
  // wasm's size and starts with the wasm's sections before the code. unlzma.spec joins it back.
  const unpacked = execFileSync('python3', ['-c', 'import lzma, sys; sys.stdout.buffer.write(lzma.decompress(sys.stdin.buffer.read(), format=lzma.FORMAT_ALONE))'], { input: packed, maxBuffer: 1 << 26 });
  expect(unpacked.subarray(0, 4).toString('latin1'), 'a split file').toBe('\0zrs');
  expect(unpacked.readUInt32LE(4), 'of the wasm\'s size').toBe(wasm.length);
  const head = unpacked.readUInt32LE(8);
  expect(unpacked.includes(wasm.subarray(0, head)), 'with its head, the sections before the code').toBe(true);
  expect(unpacked.length, 'smaller than the wasm: no function sizes').toBeLessThan(wasm.length);
});

// What the build does to the files the pages load, after trunk (scripts/wasm_opt.py,
// scripts/minify.mjs): each wasm optimised without its names, producers or target features; the
// scripts and style sheets minified; each integrity attribute that of the file as served (with a wrong
// one the browser refuses the file).
test('the pages load the wasm, scripts and style sheets as the build optimised them', () => {
  const dist = distDir();
  const wasms = readdirSync(dist).filter((n) => n.endsWith('_bg.wasm'));
  expect(wasms.length, 'index.html\'s, full.html\'s and the reader worker\'s').toBe(3);
  for (const name of wasms) {
    const module = new WebAssembly.Module(readFileSync(join(dist, name)));
    for (const custom of ['name', 'producers', 'target_features']) {
      expect(WebAssembly.Module.customSections(module, custom), `${name}: its ${custom} section`).toHaveLength(0);
    }
  }
  let linked = 0;
  for (const page of ['index.html', 'full.html']) {
    const html = readFileSync(join(dist, page), 'utf8');
    expect(html, `${page} without comments`).not.toContain('<!--');
    const files = [...html.matchAll(/(?:src|href)="\.?\/?([\w.-]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(files.length, `${page}'s scripts and style sheets`).toBeGreaterThanOrEqual(5);
    for (const file of [...files, ...(page === 'full.html' ? ['reader_loader.js', 'reader.js'] : [])]) {
      const text = readFileSync(join(dist, file), 'utf8');
      expect(text, `${file}: minified`).not.toMatch(file.endsWith('.css') ? /\/\*|\n\s/ : /^\s*\/\/|\n\s+\S/m);
    }
    for (const m of html.matchAll(/href="\.\/([^"]+)"[^>]*\bintegrity="sha384-([^"]+)"/g)) {
      const digest = createHash('sha384').update(readFileSync(join(dist, m[1]))).digest('base64');
      expect(m[2], `${page}: the integrity of ${m[1]}`).toBe(digest);
      linked += 1;
    }
  }
  expect(linked, 'the style sheets and the glue of both pages carry integrity attributes').toBeGreaterThanOrEqual(9);
});

// Where the .lzma fails the page still starts, from the wasm itself: the .lzma missing, damaged (one
// byte changed: nothing of it is used), or cut short. Without the watchdog (the 404s are on
// purpose) and the service worker (routes cannot reach what it fetches).
base.describe('the packed wasm', () => {
  base.use({ serviceWorkers: 'block' });
  base('missing, damaged or cut short, the first page starts from the wasm itself', async ({ page }) => {
    const lzma = readdirSync(distDir()).find((n) => n.startsWith('zrz-') && n.endsWith('_bg.wasm.lzma'))!;
    const wasm = lzma.slice(0, -'.lzma'.length);
    const fetched: string[] = [];
    page.on('request', (r) => { if (/_bg\.wasm(\.lzma)?$/.test(r.url())) fetched.push(r.url().split('/').pop()!); });
    const good = readFileSync(join(distDir(), lzma));
    const damaged = Buffer.from(good);
    damaged[damaged.length >> 1] ^= 0x10;
    const cases: [string, (route: import('@playwright/test').Route) => Promise<void>, string][] = [
      ['missing', (route) => route.fulfill({ status: 404, body: '' }), `**/${lzma}`],
      ['damaged', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: damaged }), `**/${lzma}`],
      ['cut short', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: good.subarray(0, good.length - 1000) }), `**/${lzma}`],
    ];
    for (const [what, answer, url] of cases) {
      await page.route(url, answer);
      fetched.length = 0;
      await page.goto('./');
      await expect(page.getByTestId('welcome'), what).toBeVisible();
      expect(fetched, what).toEqual([lzma, wasm]);
      await page.unroute(url);
    }
  });
});

// The service worker installs what the pages fetch (the .lzma), not the wasm beside it, which a page
// asks for only when the .lzma fails: that one is kept once fetched. Not the check page's decoder.
base('the service worker caches the compressed wasm at install and the wasm itself once fetched', async () => {
  const sw = readFileSync(join(distDir(), 'sw.js'), 'utf8');
  const list = (name: string) => JSON.parse(new RegExp(`var ${name} = (\\[[^\\]]*\\]);`).exec(sw)![1]) as string[];
  const [files, later] = [list('FILES'), list('LATER')];
  const packed = readdirSync(distDir()).filter((n) => n.endsWith('_bg.wasm.lzma')).sort();
  // The first page's, the full app's and the reader worker's.
  expect(packed.length).toBe(3);
  expect(packed).toContain('reader_bg.wasm.lzma');
  for (const p of packed) expect(files).toContain(p);
  expect(files).not.toContain('unlzma.js');
  expect(later.sort()).toEqual(packed.map((p) => p.slice(0, -'.lzma'.length)));
  for (const w of later) expect(files).not.toContain(w);
});
