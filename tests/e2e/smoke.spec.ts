import { test, expect } from './fixtures';

// A department's navigation, in order: the page file (index.html is the small first page, full.html
// everything else), the fragment, and the page's heading.
const pages: [string, string, string | RegExp][] = [
  ['总览', '#/overview', '总览'],
  ['各章自查', '#/checklist', '三、组织领导'],
  ['台账', 'full.html#/ledger', '台账'],
  ['德能勤绩廉评分', 'full.html#/rating', '德能勤绩廉评分'],
  ['整改', 'full.html#/rectification', '整改'],
  ['自查报告', 'full.html#/report', /^县文化广播影视局办公室\d{4}年度意识形态工作责任制落实情况自查报告$/],
  ['导入导出', 'full.html#/exchange', '导入导出'],
  ['方案原文', '#/plan', '县文化广播影视局党组意识形态工作责任制实施方案'],
  ['设置', 'full.html#/settings', '设置'],
  ['使用说明', 'full.html#/guide', '使用说明'],
];

test.describe('the app shell', () => {
  test('loads from a sub-folder with the plan title and Chinese UI', async ({ app, page }) => {
    await app.open();
    await expect(page).toHaveTitle(/意识形态工作责任制/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('.app-title-plan')).toHaveText('县文化广播影视局党组意识形态工作责任制实施方案');
    // First visit: who uses this browser, then the setup form for the pages that need a profile.
    await expect(page.getByTestId('welcome')).toBeVisible();
    await app.chooseRole('department');
    await expect(page.getByTestId('setup')).toBeVisible();
  });

  test('every navigation link reaches its own page, and each page reloads', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
    const labels = await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents();
    expect(labels).toEqual(pages.map(([label]) => label));
    for (const [label, hash, heading] of pages) {
      await app.nav(label).click();
      // A first-page route links within the page it is followed from: from full.html it stays there.
      await expect(page).toHaveURL(new RegExp(`/tools/zrz/${hash.startsWith('#') ? '((index|full)\\.html)?' : ''}${hash.replace('.', '\\.').replace('/', '\\/')}$`));
      await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(heading);
      await expect(app.nav(label)).toHaveAttribute('aria-current', 'page');
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(heading);
    }
  });

  test('a deep link to a chapter and item opens it directly', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
    await page.goto('./#/checklist/4.3/4.3.4');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('四（三） 营造全面建设小康社会的良好氛围');
    await expect(app.item('4.3.4')).toBeFocused();
    await page.reload();
    await expect(app.item('4.3.4')).toContainText('红色纪念馆');
  });

  test('the app icons, manifest and JSON Schema are published with the app', async ({ app, page }) => {
    await app.open();
    const manifest = await (await page.request.get('manifest.webmanifest')).json();
    expect(manifest.lang).toBe('zh-CN');
    for (const icon of manifest.icons) {
      const response = await page.request.get(icon.src);
      expect(response.ok(), icon.src).toBe(true);
      expect(response.headers()['content-type']).toContain(icon.type.split('+')[0]);
    }
    expect((await page.request.get('favicon.svg')).ok()).toBe(true);
    const schema = await (await page.request.get('schema/zrz-exchange-v3.schema.json')).json();
    expect(schema.$schema).toContain('2020-12');
  });

  test('an unknown page says so and links back', async ({ app, page }) => {
    await app.open('#/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
    await page.getByRole('link', { name: '返回总览' }).click();
    await expect(page).toHaveURL(/#\/overview$/);
  });

  test('works at phone width without horizontal scrolling of the page', async ({ app, page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
    await app.openChapter('4.1');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
