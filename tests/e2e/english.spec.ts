import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

// The English interface has no Chinese of its own (issue 15): with the demo department loaded, every
// page, its "how it was calculated" steps and its key dates included, shows Chinese only where it
// shows the plan's text (marked `lang="zh-CN"`, WCAG 3.1.2; and the plan's chapter labels where a
// sentence or a label quotes them) or what users typed (here: the demo record's own strings, read
// from storage, so the test needs no marker in every page that shows a name or a note).

const setup = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' };

/** Every page of the full app, with both roles' navigation (in English the first page's pages are the
 * full app's too: the first page has Chinese only). */
const PAGES = [
  './full.html#/overview',
  './full.html#/checklist/4.1',
  './full.html#/checklist/7.1',
  './full.html#/plan',
  './full.html#/ledger',
  './full.html#/rating',
  './full.html#/rectification',
  './full.html#/report',
  './full.html#/summary',
  './full.html#/verify/-',
  './full.html#/exchange',
  './full.html#/settings',
  './full.html#/guide',
];

/** Every string of the stored record (names, titles, notes, places …): what users typed. */
async function userStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const walk = (v: unknown) => {
      if (typeof v === 'string') {
        if (/[\u3400-\u9fff]/.test(v)) out.add(v.trim());
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const k of Object.keys(localStorage)) {
      if (!k.startsWith('zrz3.r.')) continue;
      try { walk(JSON.parse(localStorage.getItem(k)!)); } catch { /* not JSON */ }
    }
    // Longest first, so a name inside a longer note is not cut out of it first.
    return [...out].filter((s) => s).sort((a, b) => b.length - a.length);
  });
}

/**
 * Text nodes (and labels read aloud: aria-label, title, placeholder, alt) with Chinese outside the
 * plan's text (`[lang^=zh]`), once every user string in them is taken out.
 */
async function chineseLeft(page: Page, user: string[]): Promise<string[]> {
  return page.evaluate((user) => {
    const cjk = /[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]/;
    const strip = (text: string) => {
      let rest = text;
      for (const u of user) if (rest.includes(u)) rest = rest.split(u).join(' ');
      return rest;
    };
    const inPlan = (el: Element) => (el.closest('[lang]')?.getAttribute('lang') ?? '').startsWith('zh');
    const found: string[] = [];
    const where = (el: Element) => {
      const id = el.closest('[data-testid]')?.getAttribute('data-testid');
      return `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}${id ? ` in [${id}]` : ''}`;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (el.closest('script, style, noscript, template')) continue;
      const text = n.textContent ?? '';
      if (!cjk.test(text) || inPlan(el)) continue;
      const rest = strip(text);
      if (cjk.test(rest)) found.push(`${where(el)}: ${text.trim().slice(0, 80)}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(attr);
        if (!v || !cjk.test(v) || inPlan(el)) continue;
        if (cjk.test(strip(v))) found.push(`${where(el)} @${attr}: ${v.slice(0, 80)}`);
      }
    }
    return found;
  }, user);
}

/** Opens every `<details>` so that what it hides ("how it was calculated") is checked too. */
async function openAll(page: Page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
}

test('the first page in English opens the full app at the same page, and its language switch goes there', async ({ app, page }) => {
  await app.open();
  await app.chooseRole('department');
  await app.completeSetup(setup);
  await page.goto('./#/checklist/4.1');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByTestId('language').selectOption('en');
  await expect(page).toHaveURL(/\/full\.html#\/checklist\/4\.1$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#main')).not.toBeEmpty();
  // A bookmark of the first page, opened in English.
  await page.goto('./#/overview');
  await expect(page).toHaveURL(/\/full\.html#\/overview$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Back to Chinese: the full app in Chinese; the first page is itself again.
  await page.getByTestId('language').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.goto('./#/overview');
  await expect(page).toHaveURL(/\/tools\/zrz\/#\/overview$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the English interface shows no Chinese outside the plan\'s text and what users typed, on every page with the demo loaded', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await expect(page.getByTestId('welcome')).toBeVisible();
  await app.chooseRole('both');
  await app.completeSetup(setup);
  await page.goto('./full.html#/guide');
  await page.getByTestId('demo-load').click();
  await expect(page.getByTestId('demo-active')).toBeVisible();
  await page.evaluate(() => localStorage.setItem('zrz.lang', 'en'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const user = await userStrings(page);
  expect(user.length, 'the demo record has names and notes').toBeGreaterThan(10);
  // The plan's chapter labels ("四（一） 把意识形态工作摆在极端重要的位置") as the pages quote them
  // in running text and in labels (the progress bars', the report's sentences), taken from 总览.
  await page.goto('./full.html#/overview');
  const chapters = await page.locator('[data-testid^=progress-] [aria-label]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('aria-label') ?? '').filter((l) => /[\u3400-\u9fff]/.test(l)));
  expect(chapters.length, 'the chapters of the plan').toBeGreaterThan(8);
  const quoted = [...user, ...chapters].sort((a, b) => b.length - a.length);

  const problems: string[] = [];
  for (const url of PAGES) {
    await page.goto(url);
    await expect(page.locator('#main')).not.toBeEmpty();
    await page.waitForLoadState('networkidle');
    await openAll(page);
    for (const line of await chineseLeft(page, quoted)) problems.push(`${url} ${line}`);
    if (url.endsWith('#/rating')) {
      // Every cadre's result and steps, not only the first one's.
      const picker = page.locator('.person-picker button');
      for (let i = 1; i < (await picker.count()); i++) {
        await picker.nth(i).click();
        await openAll(page);
        for (const line of await chineseLeft(page, quoted)) problems.push(`${url} (cadre ${i + 1}) ${line}`);
      }
    }
  }
  expect([...new Set(problems)], 'Chinese in the English interface').toEqual([]);
});

test('the rating settings\' refusals and the pages with nothing to show yet speak English', async ({ app, page }) => {
  await app.open();
  await app.chooseRole('both');
  await app.completeSetup(setup);
  await page.evaluate(() => localStorage.setItem('zrz.lang', 'en'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const user = [setup.unit, setup.department, setup.filledBy];

  // 核查 with no received file says what to do first.
  await page.goto('./full.html#/verify/-');
  await expect(page.getByTestId('verify-empty')).toBeVisible();
  await expect(page.getByTestId('verify-empty')).toContainText('Summary');
  // 自查报告 of an empty record says what to fill in first.
  await page.goto('./full.html#/report');
  await expect(page.getByTestId('report-empty')).toBeVisible();
  expect(await chineseLeft(page, user)).toEqual([]);

  // A refused setting is explained in English.
  await page.goto('./full.html#/settings');
  await app.ratingSetting('Dimension weights (%, adding up to 100)', 'Integrity').fill('30');
  await page.getByRole('button', { name: 'Save rating settings' }).click();
  await expect(page.getByTestId('settings-error')).toBeVisible();
  await expect(page.getByTestId('settings-error')).toContainText('100');
  expect(await chineseLeft(page, user)).toEqual([]);
});

/** Every string held in the office's workspace (IndexedDB `zrz`: received files, as their records
 *  or their JSON text): what departments typed. */
async function workspaceStrings(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out = new Set<string>();
    const walk = (v: unknown) => {
      if (typeof v === 'string') {
        const s = v.trim();
        if (s.startsWith('{') || s.startsWith('[')) {
          try { walk(JSON.parse(s)); return; } catch { /* plain text */ }
        }
        if (/[\u3400-\u9fff]/.test(s)) out.add(s);
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('zrz');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    for (const name of Array.from(db.objectStoreNames)) {
      const all: unknown[] = await new Promise((ok, fail) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      all.forEach(walk);
    }
    db.close();
    return [...out].sort((a, b) => b.length - a.length);
  });
}

test('the office\'s pages in English, with the demo set of received files, show no Chinese of their own', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.chooseRole('both');
  await app.completeSetup(setup);
  await page.evaluate(() => localStorage.setItem('zrz.lang', 'en'));
  await page.goto('./full.html#/guide');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('office-demo-load').click();
  await expect(page.getByTestId('office-demo-message')).toContainText('5');
  await page.goto('./full.html#/overview');
  const chapters = await page.locator('[data-testid^=progress-] [aria-label]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('aria-label') ?? '').filter((l) => /[\u3400-\u9fff]/.test(l)));
  const quoted = [...(await workspaceStrings(page)), ...(await userStrings(page)), setup.unit, setup.department, setup.filledBy, ...chapters]
    .sort((a, b) => b.length - a.length);
  expect(quoted.length, 'the demo set has names and notes').toBeGreaterThan(20);

  const problems: string[] = [];
  const check = async (what: string) => {
    await expect(page.locator('#main')).not.toBeEmpty();
    await page.waitForLoadState('networkidle');
    await openAll(page);
    for (const line of await chineseLeft(page, quoted)) problems.push(`${what} ${line}`);
  };
  await page.goto('./full.html#/summary');
  await expect(page.getByTestId('summary-row')).toHaveCount(5);
  await check('summary');
  const row = page.getByTestId('summary-row').first();
  const verify = await row.getByTestId('summary-verify').getAttribute('href');
  // A received department, read only: its 总览, a chapter and its ratings.
  await row.locator('a').first().click();
  await check('received');
  for (const tab of await page.locator('#main nav a, .received-banner a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href).slice(0, 4))) {
    await page.goto(tab);
    await check(`received ${tab.split('#')[1]}`);
  }
  await page.goto(`./full.html${verify}`);
  await check('verify');
  expect([...new Set(problems)], 'Chinese in the English office pages').toEqual([]);
});
