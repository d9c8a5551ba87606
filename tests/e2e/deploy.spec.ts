// What an IT person deploys with: the server check page (check.html) and IIS's web.config.
import { test as base, expect } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test } from './fixtures';
import { StaticServer, distDir } from './reach';

test('the server check page finds no error on a correct deployment', async ({ page }) => {
  await page.goto('./check.html');
  const summary = page.locator('#summary');
  await expect(summary).toHaveAttribute('data-result', /ok|warn/);
  await expect(page.locator('tr[data-level="bad"]')).toHaveCount(0);
  // Each wasm as the pages fetch it (.gz, unpacked and compiled) and as it is (the fallback).
  const wasms = readdirSync(distDir()).filter((n) => /_bg\.wasm(\.gz)?$/.test(n));
  expect(wasms.filter((n) => n.endsWith('.gz')).length, 'index.html\'s, full.html\'s and the reader worker\'s').toBe(3);
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
  const wasm = readdirSync(folder).find((n) => n.startsWith('full-') && n.endsWith('_bg.wasm.gz'))!;
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
  for (const [ext, type] of [['.wasm', 'application/wasm'], ['.gz', 'application/gzip'], ['.json', 'application/json'], ['.webmanifest', 'application/manifest+json']]) {
    expect(config).toContain(`<remove fileExtension="${ext}" />`);
    expect(config).toContain(`<mimeMap fileExtension="${ext}" mimeType="${type}" />`);
  }
  expect(config).toContain('<clientCache cacheControlMode="DisableCache" />');
  const long = [...config.matchAll(/<location path="([^"]+)">/g)].map((m) => m[1]).sort();
  const hashed = readdirSync(distDir()).filter((n) => /-[0-9a-f]{8,}(_bg)?\.(js|wasm|wasm\.gz|css)$/.test(n)).sort();
  expect(long).toEqual(hashed);
  for (const page of ['index.html', 'full.html', 'sw.js', 'boot.js']) expect(long).not.toContain(page);
});

// A server that does not compress (this one) sends the wasm as the page fetches it: gzip-compressed,
// less than half its bytes.
test('the first page fetches its wasm compressed', async ({ app, page }) => {
  const gz = readdirSync(distDir()).find((n) => n.startsWith('zrz-') && n.endsWith('_bg.wasm.gz'))!;
  const fetched: string[] = [];
  page.on('request', (r) => { if (/_bg\.wasm(\.gz)?$/.test(r.url())) fetched.push(r.url().split('/').pop()!); });
  await app.open();
  await expect(page.getByTestId('welcome')).toBeVisible();
  expect(fetched).toEqual([gz]);
  const wasm = readFileSync(join(distDir(), gz.slice(0, -3)));
  const packed = readFileSync(join(distDir(), gz));
  expect(packed.length, 'the packed wasm').toBeLessThan(wasm.length / 2);
  // Packed by crates/pack (Zopfli), which beats gzip -9: every byte of it is on every first visit.
  expect(packed.length, 'Zopfli, smaller than gzip -9').toBeLessThan(gzipSync(wasm, { level: 9 }).length);
  expect(gunzipSync(packed).equals(wasm), 'any gzip reader unpacks it to the wasm').toBe(true);
});

// Where the .gz fails the page still starts: the .gz missing (the wasm itself is fetched), or
// decoded by a server that sends it with Content-Encoding (the page is handed the wasm itself).
// Without the watchdog (the 404 is on purpose) and the service worker (routes cannot reach it).
base.describe('the compressed wasm', () => {
  base.use({ serviceWorkers: 'block' });
  base('missing or already decoded, the first page starts all the same', async ({ page }) => {
    const gz = readdirSync(distDir()).find((n) => n.startsWith('zrz-') && n.endsWith('_bg.wasm.gz'))!;
    const wasm = gz.slice(0, -3);
    const fetched: string[] = [];
    page.on('request', (r) => { if (/_bg\.wasm(\.gz)?$/.test(r.url())) fetched.push(r.url().split('/').pop()!); });
    await page.route(`**/${gz}`, (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto('./');
    await expect(page.getByTestId('welcome')).toBeVisible();
    expect(fetched).toEqual([gz, wasm]);
    await page.unroute(`**/${gz}`);
    fetched.length = 0;
    await page.route(`**/${gz}`, (route) => route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'application/wasm' },
      body: readFileSync(join(distDir(), wasm)),
    }));
    await page.reload();
    await expect(page.getByTestId('welcome')).toBeVisible();
    expect(fetched).toEqual([gz]);
  });
});

// The service worker installs what the pages fetch (the .gz), not the wasm beside it, which only a
// browser without DecompressionStream asks for: that one is kept once fetched.
base('the service worker caches the compressed wasm at install and the wasm itself once fetched', async () => {
  const sw = readFileSync(join(distDir(), 'sw.js'), 'utf8');
  const list = (name: string) => JSON.parse(new RegExp(`var ${name} = (\\[[^\\]]*\\]);`).exec(sw)![1]) as string[];
  const [files, later] = [list('FILES'), list('LATER')];
  const gz = readdirSync(distDir()).filter((n) => n.endsWith('_bg.wasm.gz')).sort();
  // The first page's, the full app's and the reader worker's.
  expect(gz.length).toBe(3);
  expect(gz).toContain('reader_bg.wasm.gz');
  for (const g of gz) expect(files).toContain(g);
  expect(later.sort()).toEqual(gz.map((g) => g.slice(0, -3)));
  for (const w of later) expect(files).not.toContain(w);
});
