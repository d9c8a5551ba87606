import { test, expect, AppPage } from './fixtures';
import { expectNoHorizontalScroll } from './a11y';
import type { Page } from '@playwright/test';

// A 360 px phone (and a 1280 px office screen): every page of the first page fits the width, the
// navigation says that it scrolls, and nothing but the strips meant to scroll sideways does.
// Screenshots are attached to each test to look at.

const profile = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三' };

async function shot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

async function check(page: Page, name: string) {
  await expectNoHorizontalScroll(page, name);
  await shot(page, name);
}

async function withStates(app: AppPage, page: Page) {
  await app.openChapter('7');
  await app.answer('7.1', '已发生');
  await app.openChapter('4.2');
  await app.answer('4.2.3', '部分落实');
  await app.item('4.2.3').locator('summary').click();
  await app.item('4.2.3').getByLabel('责任人').fill('李四');
  await app.item('4.2.3').getByLabel('完成时限').fill('2024-03-31');
  await app.item('4.2.3').getByRole('button', { name: '添加佐证材料' }).click();
  await page.keyboard.type('党组会议纪要');
}

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height } });

    test('every page of the first page fits the width', async ({ app, page }) => {
      test.setTimeout(120_000);
      await app.open();
      await check(page, `${width}-welcome`);
      await app.chooseRole('department');
      await check(page, `${width}-setup`);
      await app.completeSetup(profile);
      await check(page, `${width}-overview-empty`);
      await withStates(app, page);
      await check(page, `${width}-chapter-4.2-evidence`);
      await app.openChapter('7');
      await check(page, `${width}-chapter-7-occurred`);
      await page.getByRole('button', { name: '已逾期', exact: true }).click();
      await check(page, `${width}-filter-overdue`);
      await page.goto('./#/overview');
      await expect(page.getByTestId('overdue-list')).toBeVisible();
      await check(page, `${width}-overview`);
      await page.goto('./#/plan');
      await check(page, `${width}-plan`);
      await page.goto('./#/nowhere');
      await check(page, `${width}-not-found`);
      await page.evaluate(() => localStorage.setItem('zrz.lang', 'en'));
      await page.goto('./#/overview');
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await check(page, `${width}-overview-en`);
      await app.openChapter('4.2');
      await check(page, `${width}-chapter-en`);
    });
  });
}

test.describe('the navigation on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('says that it scrolls, and every entry can be reached by Tab and scrolled into view', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(profile);
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expect(nav.locator('.nav-scrolls')).toBeVisible();
    const strip = nav.locator('ul');
    const [scrollWidth, clientWidth] = await strip.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    const last = nav.getByRole('link').last();
    await last.focus();
    const box = await last.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(361);
    expect(box!.x).toBeGreaterThanOrEqual(0);
  });

  test('at 1280 px the navigation fits and says nothing about scrolling', async ({ app, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await app.open();
    await app.completeSetup(profile);
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expect(nav.locator('.nav-scrolls')).toBeHidden();
    const [scrollWidth, clientWidth] = await nav.locator('ul').evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });
});
