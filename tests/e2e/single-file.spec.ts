// The one-file version (dist/zrz-single.html and its Chinese-named copy), opened straight from disk as
// a department does with a file received by mail or USB stick: no server, no service worker.
import { test as base, expect } from '@playwright/test';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test as hosted, AppPage, Watchdog } from './fixtures';
import { distDir, firstVisit, storedKeys } from './reach';

const ALIAS = '意识形态工作责任制-单文件版.html';

const test = base.extend<{ fileUrl: string; app: AppPage; watchdog: Watchdog }>({
  fileUrl: async ({}, use) => {
    await use(pathToFileURL(join(distDir(), ALIAS)).href);
  },
  page: async ({ browser }, use) => {
    const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    await use(await context.newPage());
    await context.close();
  },
  // The file itself is the only request it may make.
  watchdog: async ({ page, fileUrl }, use) => {
    const watchdog = new Watchdog(page, fileUrl);
    await use(watchdog);
    expect(watchdog.problems, 'the page must make no error and no other request').toEqual([]);
  },
  app: async ({ page, watchdog }, use) => {
    void watchdog;
    await use(new AppPage(page));
  },
});

test.describe('the one-file version', () => {
  test('opened from disk, a new user sets up, answers, reloads and finds the answer', async ({ app, page, fileUrl }) => {
    expect(statSync(join(distDir(), 'zrz-single.html')).size).toBe(statSync(join(distDir(), ALIAS)).size);
    await page.goto(fileUrl);
    await expect(page).toHaveTitle(/单文件版/);
    await firstVisit(page);
    await page.goto(`${fileUrl}#/checklist/4.1`);
    await expect(page.getByTestId('checklist')).toBeVisible();
    await app.answer('4.1.1', '已落实');
    await app.expectSaved();
    await page.reload();
    await expect(app.item('4.1.1').getByRole('radio', { name: '已落实' })).toBeChecked();
    // Stored as the hosted app stores it, in this browser's storage for files.
    expect(await storedKeys(page)).toEqual(expect.arrayContaining(['zrz.role', 'zrz3.r.profile/', 'zrz3.r.answers/4.1.1']));
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();

    // It is the full app: every page is in the file, every link stays in it.
    const hrefs = await app.page.getByRole('navigation', { name: '主导航' }).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(href).toMatch(/^#\//);
    await app.nav('德能勤绩廉评分').click();
    await expect(page).toHaveURL(`${fileUrl}#/rating`);
    await expect(page.locator('main .page')).toBeVisible();
    await expect(page.getByRole('heading', { name: '页面不存在' })).toHaveCount(0);
    await app.nav('设置').click();
    await expect(page).toHaveURL(`${fileUrl}#/settings`);
    await expect(page.locator('main .page')).toBeVisible();
  });

  test('its Content-Security-Policy allows only its own inline scripts', async ({ page, fileUrl, watchdog }) => {
    await page.goto(fileUrl);
    await expect(page.getByTestId('role-department')).toBeVisible();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval';/);
    expect(csp).not.toContain('unsafe-inline');
    const blocked = await page.evaluate(() => new Promise<boolean>((resolve) => {
      document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      setTimeout(() => resolve(false), 2000);
    }));
    expect(blocked).toBe(true);
    expect(await page.evaluate(() => (window as any).__inlineRan)).toBeUndefined();
    watchdog.expectProblem(/Content Security Policy/);
  });

  test('the office receives department files in it, read in the page: no worker is tried', async ({ page, fileUrl }) => {
    await page.goto(`${fileUrl}#/summary`);
    await page.getByTestId('role-office').click();
    await expect(page.getByTestId('summary-empty')).toBeVisible();
    const office = join(__dirname, '../fixtures/office/batch1');
    await page.getByTestId('receive-files').setInputFiles([join(office, '01-办公室-2025.json'), join(office, '02-宣传股-2025.json')]);
    await expect(page.locator('[data-testid=receive-result][data-result=added]')).toHaveCount(2);
    await expect(page.getByTestId('summary-row')).toHaveCount(2);
    await page.reload();
    await expect(page.getByTestId('summary-row')).toHaveCount(2);
    await expect(page.getByTestId('outputs-preparing')).toHaveCount(0);
    await expect(page.getByTestId('download-csv')).toBeEnabled();
    expect(page.workers()).toHaveLength(0);
    // (The watchdog: no request but the file itself, no error.)
  });
});

// The same files go both ways: what the one-file version exports, the hosted app imports.
hosted('a file exported from the one-file version is imported by the hosted app', async ({ app, page, browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const single = new AppPage(await context.newPage());
  const fileUrl = pathToFileURL(join(distDir(), 'zrz-single.html')).href;
  const watchdog = new Watchdog(single.page, fileUrl);
  await single.page.goto(fileUrl);
  await firstVisit(single.page);
  await single.page.goto(`${fileUrl}#/checklist/4.1`);
  await single.answer('4.1.1', '部分落实');
  await single.expectSaved();
  await single.page.goto(`${fileUrl}#/exchange`);
  await expect(single.page.getByTestId('exchange')).toBeVisible();
  const exported = await single.exportFile('导出自评文件');
  expect(JSON.parse(exported.text)).toMatchObject({ format: 'zrz-exchange', kind: 'assessment', department: '办公室' });
  expect(watchdog.problems).toEqual([]);
  await context.close();

  await page.goto('./');
  await expect(page.locator('.app-header')).toBeVisible();
  // The role chooser of a first visit, unless the page object has answered it already.
  const chooser = page.getByTestId('role-department');
  if (await chooser.isVisible()) await chooser.click();
  await app.openExchange();
  await app.importFile(exported.path);
  await expect(page.getByTestId('row-answers-4.1.1')).toContainText('部分落实');
  await page.getByRole('button', { name: '应用导入' }).click();
  await expect(page.getByTestId('import-result')).toContainText(exported.name);
  await app.openChapter('4.1');
  await expect(app.item('4.1.1').getByRole('radio', { name: '部分落实' })).toBeChecked();
});
