import { test as base, expect } from '@playwright/test';
import { test, AppPage } from './fixtures';
import { readFileSync } from 'node:fs';

test.describe('security of the page', () => {
  test('a strict Content-Security-Policy is in force and blocks inline script', async ({ app, page, watchdog }) => {
    await app.open();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.locator('script:not([src])').count(), 'no inline script in the shipped page').toBe(0);
    const blocked = await page.evaluate(() => new Promise<boolean>((resolve) => {
      document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      setTimeout(() => resolve(false), 2000);
    }));
    expect(blocked).toBe(true);
    expect(await page.evaluate(() => (window as any).__inlineRan)).toBeUndefined();
    // The watchdog saw the refusal as a console error: that one was provoked here.
    watchdog.expectProblem(/Content Security Policy/);
  });
});

// These tests break the app on purpose, so they run without the watchdog fixture. They are about a
// start without the offline copy: page.route cannot reach what the service worker answers itself.
base.describe('when the app cannot start', () => {
  base.use({ serviceWorkers: 'block' });
  base('a damaged wasm file gives a plain message and the stored data can be downloaded', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
    await app.expectSaved();
    // Both the .lzma the page fetches and the wasm it falls back to.
    await page.route(/_bg\.wasm(\.lzma)?$/, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('this is not wasm') }));
    await page.reload();
    const failure = page.getByRole('alert').filter({ hasText: '应用未能启动' });
    await expect(failure).toBeVisible();
    await expect(failure).toContainText('数据没有丢失');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      failure.getByRole('button', { name: '下载本浏览器中保存的原始数据' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^意识形态责任制_原始数据_\d{8}\.json$/);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf-8'));
    const profile = JSON.parse(saved['zrz3.r.profile/']);
    expect(profile.data.unit).toBe('县文化广播影视局');
    expect(saved['zrz.role']).toBe('department');
  });

  base('a wasm file that cannot be fetched gives the same message', async ({ page }) => {
    const app = new AppPage(page);
    await page.route(/_bg\.wasm(\.lzma)?$/, (route) => route.fulfill({ status: 404, body: 'missing' }));
    await page.goto('./');
    await expect(page.getByRole('alert').filter({ hasText: '应用未能启动' })).toBeVisible();
    void app;
  });
});
