// What an IT person deploys with: the server check page (check.html) and IIS's web.config.
import { test as base, expect } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './fixtures';
import { StaticServer, distDir } from './reach';

test('the server check page finds no error on a correct deployment', async ({ page }) => {
  await page.goto('./check.html');
  const summary = page.locator('#summary');
  await expect(summary).toHaveAttribute('data-result', /ok|warn/);
  await expect(page.locator('tr[data-level="bad"]')).toHaveCount(0);
  for (const wasm of readdirSync(distDir()).filter((n) => n.endsWith('_bg.wasm'))) {
    await expect(page.locator('tr', { hasText: `${wasm} 的内容` })).toHaveAttribute('data-level', 'ok');
  }
  await expect(page.locator('tr', { hasText: '版本一致' })).toHaveAttribute('data-level', 'ok');
});

// A half-copied deployment: a wasm file missing and index.html from another build.
base('the server check page names what is wrong with a broken deployment', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'zrz-broken-'));
  cpSync(distDir(), folder, { recursive: true });
  const wasm = readdirSync(folder).find((n) => n.startsWith('full-') && n.endsWith('_bg.wasm'))!;
  unlinkSync(join(folder, wasm));
  const index = join(folder, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace(/name="zrz-version" content="[^"]*"/, 'name="zrz-version" content="0000000000000000"'));
  const server = await StaticServer.start(folder);
  try {
    await page.goto(`${server.url}check.html`);
    await expect(page.locator('#summary')).toHaveAttribute('data-result', 'bad');
    await expect(page.locator('tr', { hasText: wasm })).toContainText('HTTP 404');
    await expect(page.locator('tr', { hasText: '版本一致' })).toContainText('部署不完整');
  } finally {
    await server.stop();
    rmSync(server.root, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  }
});

base('web.config maps the types old IIS refuses and caches only hashed files for long', async () => {
  const config = readFileSync(join(distDir(), 'web.config'), 'utf8');
  for (const [ext, type] of [['.wasm', 'application/wasm'], ['.json', 'application/json'], ['.webmanifest', 'application/manifest+json']]) {
    expect(config).toContain(`<remove fileExtension="${ext}" />`);
    expect(config).toContain(`<mimeMap fileExtension="${ext}" mimeType="${type}" />`);
  }
  expect(config).toContain('<clientCache cacheControlMode="DisableCache" />');
  const long = [...config.matchAll(/<location path="([^"]+)">/g)].map((m) => m[1]).sort();
  const hashed = readdirSync(distDir()).filter((n) => /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/.test(n)).sort();
  expect(long).toEqual(hashed);
  for (const page of ['index.html', 'full.html', 'sw.js', 'boot.js']) expect(long).not.toContain(page);
});
