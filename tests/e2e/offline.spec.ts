// Offline use of the hosted app (sw.js, offline.js): once opened from the server, both pages open and
// work with the server down; a new build copied onto the server is taken up and the user is told.
// Each test runs a server of its own, so that it can stop it or swap the build it serves.
import { test as base, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage, Watchdog } from './fixtures';
import { StaticServer, distDir, firstVisit, offlineReady, controllerVersion, storedKeys } from './reach';

const test = base.extend<{ server: StaticServer; app: AppPage; watchdog: Watchdog }>({
  server: async ({}, use) => {
    const server = await StaticServer.start(distDir());
    await use(server);
    await server.stop();
    rmSync(server.root, { recursive: true, force: true });
  },
  // The page of a browser context of its own, whose relative URLs are the test server's.
  page: async ({ browser, server }, use) => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', serviceWorkers: 'allow' });
    await use(await context.newPage());
    await context.close();
  },
  watchdog: async ({ page, server }, use) => {
    const watchdog = new Watchdog(page, server.origin);
    await use(watchdog);
    expect(watchdog.problems, 'the page must make no error and no foreign or failed request').toEqual([]);
  },
  app: async ({ page, watchdog }, use) => {
    void watchdog;
    await use(new AppPage(page));
  },
});

/** A copy of dist/ as the next build: one page changed, and so a new sw.js (by the build's own step). */
function nextBuild(dist: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'zrz-build-b-'));
  cpSync(dist, folder, { recursive: true });
  const index = join(folder, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', '<!-- the next build -->\n</body>'));
  execFileSync('python3', [join(__dirname, '..', '..', 'scripts', 'make-sw.py'), folder], { stdio: 'ignore' });
  return folder;
}

test.describe('offline use', () => {
  test('once opened, both pages open and work with the server stopped', async ({ app, page, server }) => {
    await page.goto('./');
    await firstVisit(page);
    const version = await offlineReady(page);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    // The department never opened the full app: it is cached all the same.
    await server.stop();

    const reload = await page.reload();
    expect(reload?.fromServiceWorker(), 'the page comes from the cache').toBe(true);
    await expect(page.locator('.app-header')).toBeVisible();
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.expectSaved();
    expect(await storedKeys(page)).toContain('zrz3.r.answers/4.1.1');

    // A page only the full app has: the link leads to full.html, which opens from the cache.
    await app.nav('德能勤绩廉评分').click();
    await expect(page).toHaveURL(/full\.html#\/rating$/);
    await expect(page.locator('main .page')).toBeVisible();
    await expect(page.getByRole('heading', { name: '页面不存在' })).toHaveCount(0);
    await page.goto('./full.html#/checklist/4.1');
    await expect(app.item('4.1.1').getByRole('radio', { name: '已落实' })).toBeChecked();
    await app.answer('4.1.2', '部分落实');
    await app.expectSaved();
    await page.reload();
    await expect(app.item('4.1.2').getByRole('radio', { name: '部分落实' })).toBeChecked();
    const stored = await storedKeys(page);
    expect(stored).toEqual(expect.arrayContaining(['zrz.role', 'zrz3.r.profile/', 'zrz3.r.answers/4.1.1', 'zrz3.r.answers/4.1.2']));

    // The server back: all as before, the same version.
    await server.resume();
    expect((await page.reload())?.status()).toBe(200);
    await expect(app.item('4.1.2').getByRole('radio', { name: '部分落实' })).toBeChecked();
    expect(await controllerVersion(page)).toBe(version);
  });

  test('a server that takes the connection but never answers: the cached pages after a few seconds', async ({ app, page, server }) => {
    await page.goto('./');
    await firstVisit(page);
    await offlineReady(page);
    await server.hang();
    const started = Date.now();
    await page.reload();
    await expect(page.locator('.app-header')).toBeVisible();
    // sw.js waits 4 s for the server, then answers from the cache.
    expect(Date.now() - started).toBeLessThan(12_000);
    // Having waited once, it does not wait again for every file.
    const next = Date.now();
    await page.goto('./full.html#/settings');
    await expect(page.locator('main .page')).toBeVisible();
    expect(Date.now() - next).toBeLessThan(4_000);
  });

  test('a new build on the server is taken up on the next visit and the user is told', async ({ app, page, server }) => {
    await page.goto('./');
    await firstVisit(page);
    const before = await offlineReady(page);
    // Nothing to tell on the first visit.
    await expect(page.getByTestId('update-notice')).toHaveCount(0);

    const next = nextBuild(distDir());
    try {
      server.swap(next);
      await page.reload();
      // The browser checks sw.js on every visit; the new one installs and takes over.
      await expect.poll(() => controllerVersion(page), { timeout: 20_000 }).not.toBe(before);
      await page.reload();
      const notice = page.getByTestId('update-notice');
      await expect(notice).toContainText('已更新到新版本');
      await expect(page.locator('meta[name="zrz-version"]')).toHaveAttribute('content', await controllerVersion(page));
      // The department's data is untouched: no setup again, the role kept.
      await expect(page.getByTestId('setup')).toHaveCount(0);
      expect(await storedKeys(page)).toEqual(expect.arrayContaining(['zrz.role', 'zrz3.r.profile/']));
      // Told once: after 知道了 the notice is gone for good.
      await notice.getByRole('button', { name: '知道了' }).click();
      await expect(notice).toHaveCount(0);
      await page.reload();
      await expect(page.locator('.app-header')).toBeVisible();
      await expect(page.getByTestId('update-notice')).toHaveCount(0);
      // Only this folder's caches, and only the new version's.
      const caches = await page.evaluate(() => caches.keys());
      expect(caches).toEqual([`zrz|/tools/zrz/|${await controllerVersion(page)}`]);
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
  });

  test('a page left open while a new build is installed offers to reload', async ({ app, page, server }) => {
    await page.goto('./');
    await firstVisit(page);
    const before = await offlineReady(page);
    const next = nextBuild(distDir());
    try {
      server.swap(next);
      // What the browser does by itself for an open page (offline.js asks every hour).
      await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
      const notice = page.getByTestId('update-notice');
      await expect(notice).toContainText('重新载入页面即可使用');
      expect(await controllerVersion(page)).not.toBe(before);
      await notice.getByRole('button', { name: '重新载入' }).click();
      await expect(page.getByTestId('update-notice')).toContainText('已更新到新版本');
      await expect(page.locator('.app-header')).toBeVisible();
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
  });
});
