import { test, expect } from './fixtures';
import { tabTo, isFocused, focusOutline, focused } from './a11y';
import type { Locator, Page } from '@playwright/test';

// A keyboard-only journey: only Tab, Shift+Tab, Enter, Space and the arrow keys, from the first
// visit to answers stored in the browser. Every element the focus lands on must show it.

/** Tabs (forward, or back with `back`) until `target` has the focus, checking each stop shows it. */
async function tabToLocator(page: Page, target: Locator, what: string, back = false) {
  await tabTo(page, async () => {
    await expectFocusShown(page);
    return isFocused(page, target);
  }, what, { back, max: 120 });
}

/** The focused element draws a ring of at least 2 px (outline or box shadow). */
async function expectFocusShown(page: Page) {
  const ring = await focusOutline(page);
  const shown = (ring.style !== 'none' && ring.width >= 2) || (ring.shadow !== 'none' && ring.shadow !== '');
  expect(shown, `no visible focus on ${await focused(page)}: ${JSON.stringify(ring)}`).toBe(true);
}

/** A picture of the header and the navigation, attached to the test to look at. */
async function attachTop(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, clip: { x: 0, y: 0, width: 800, height: 140 } });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

async function stored(page: Page, id: string) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), `zrz3.r.answers/${id}`);
  expect(raw, `zrz3.r.answers/${id} is stored`).not.toBeNull();
  // A stored record is its revision and its data (crates/exchange/src/store.rs, `Stored`).
  return JSON.parse(raw!).data;
}

test('keyboard only: role, setup, a chapter, three answers, a 佐证材料 row, 下一项未填, all stored', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await expect(page.getByTestId('welcome')).toBeVisible();

  // The skip link is the first stop, is seen when focused, and moves the focus to <main>.
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  const box = await skip.boundingBox();
  expect(box && box.y >= 0 && box.width > 20 && box.height > 10, `the focused skip link is on screen: ${JSON.stringify(box)}`).toBe(true);
  await expectFocusShown(page);
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();

  // The role: from <main>, the first choice is a few stops on; Space presses a button too.
  await tabToLocator(page, page.getByTestId('role-department'), 'the department role');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('setup')).toBeVisible();
  // The new page takes the focus rather than leaving it on a button that is gone.
  await expect(page.locator('main#main')).toBeFocused();

  // The setup form, field by field.
  await tabToLocator(page, page.getByLabel('单位名称'), '单位名称');
  await page.keyboard.type('县文化广播影视局');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('科室/直属单位')).toBeFocused();
  await page.keyboard.type('办公室');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('填报人')).toBeFocused();
  await page.keyboard.type('张三');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('评估年度')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '开始自查' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('overview')).toBeVisible();
  await expect(page.locator('main#main')).toBeFocused();

  // A chapter through the main navigation, then the chapter list (Shift+Tab back up to the header).
  await tabToLocator(page, app.nav('各章自查'), 'the navigation entry 各章自查', true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('checklist')).toBeVisible();
  await expect(page.locator('main#main')).toBeFocused();
  const chapter = page.locator('.chapter-nav').getByRole('link', { name: /四（一）/ });
  await tabToLocator(page, chapter, 'the chapter 四（一）');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/checklist\/4\.1$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('四（一）');

  // Three answers: Tab enters each item's radio group; the arrow keys choose within it.
  const radios = (id: string) => app.item(id).getByRole('radio');
  await tabToLocator(page, radios('4.1.1').first(), 'the first choice of 4.1.1');
  await page.keyboard.press('Space');
  await expect(radios('4.1.1').first()).toBeChecked();
  await tabToLocator(page, radios('4.1.2').first(), 'the first choice of 4.1.2');
  await page.keyboard.press('ArrowRight');
  await expect(radios('4.1.2').nth(1)).toBeChecked();
  await tabToLocator(page, radios('4.1.3').first(), 'the first choice of 4.1.3');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(radios('4.1.3').nth(1)).toBeChecked();
  // A note typed in 4.1.3's text field.
  await page.keyboard.press('Tab');
  await expect(app.item('4.1.3').getByLabel('落实情况说明')).toBeFocused();
  await page.keyboard.type('已召开专题会议部署');

  // 佐证材料: open the details with Enter, add a row with Enter; the row's first field has the focus.
  const more = app.item('4.1.3').locator('summary');
  await tabToLocator(page, more, '佐证材料、责任人与时限 of 4.1.3');
  await page.keyboard.press('Enter');
  const add = app.item('4.1.3').getByRole('button', { name: '添加佐证材料' });
  await tabToLocator(page, add, '添加佐证材料');
  await page.keyboard.press('Enter');
  await expect(app.item('4.1.3').getByLabel('材料名称')).toBeFocused();
  await page.keyboard.type('党组会议纪要');
  await page.keyboard.press('Tab');
  await expect(app.item('4.1.3').getByLabel('存放位置')).toBeFocused();
  await page.keyboard.type('办公室档案柜');

  // 下一项未填, back up the page: it goes to 4.1.4 and gives it the focus.
  await tabToLocator(page, page.getByTestId('next-unanswered'), '下一项未填', true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/checklist\/4\.1\/4\.1\.4$/);
  await expect(app.item('4.1.4')).toBeFocused();
  await expectFocusShown(page);
  // From the item in hand, Tab goes on into its own choices.
  await tabToLocator(page, radios('4.1.4').first(), 'the first choice of 4.1.4');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(radios('4.1.4').nth(2)).toBeChecked();
  // 未落实 asks for its reason, in a field that comes next in the Tab order; until then it is a draft.
  await expect(app.item('4.1.4').getByTestId('item-error')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(app.item('4.1.4').getByLabel('原因（必填）')).toBeFocused();
  await page.keyboard.type('经费尚未列支');
  await expect(app.item('4.1.4').getByTestId('item-error')).toHaveCount(0);

  // 台账: a ledger entry for 4.1.4 from its own card — open the details, the form's 日期, 类型 and
  // 标题 by Tab, Enter saves; the focus lands on the new entry in the item's list.
  await tabToLocator(page, app.item('4.1.4').locator('summary'), '佐证材料、责任人与时限 of 4.1.4');
  await page.keyboard.press('Enter');
  const entryForm = app.item('4.1.4').getByRole('form', { name: '为 4.1.4 新增台账条目' });
  await tabToLocator(page, entryForm.getByLabel('日期', { exact: true }), '日期 of the new entry');
  await page.keyboard.type('2024-03-05');
  await page.keyboard.press('Tab');
  await expect(entryForm.getByLabel('类型', { exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(entryForm.getByLabel('类型', { exact: true })).toHaveValue('party_group_meeting');
  await page.keyboard.press('Tab');
  await expect(entryForm.getByLabel('标题', { exact: true })).toBeFocused();
  await page.keyboard.type('意识形态工作专题培训');
  await page.keyboard.press('Enter');
  await expect(app.item('4.1.4').getByTestId('item-ledger-list').locator('li').first()).toBeFocused();
  await expect(app.item('4.1.4').getByTestId('item-ledger-list')).toContainText('意识形态工作专题培训');
  // ── 导入导出 (export): at the end, once everything is stored. ──

  // Everything typed and chosen is in the browser's storage.
  await expect.poll(async () => (await stored(page, '4.1.3')).evidence?.[0]?.location).toBe('办公室档案柜');
  await expect.poll(async () => (await stored(page, '4.1.4')).response).toBe('not_implemented');
  const a1 = await stored(page, '4.1.1');
  const a2 = await stored(page, '4.1.2');
  const a3 = await stored(page, '4.1.3');
  const a4 = await stored(page, '4.1.4');
  expect(a1.response).toBe('implemented');
  expect(a2.response).toBe('partial');
  expect(a3.response).toBe('partial');
  expect(a3.note).toBe('已召开专题会议部署');
  expect(a3.evidence[0].what).toBe('党组会议纪要');
  expect(a4.response).toBe('not_implemented');
  expect(a4.reason).toBe('经费尚未列支');
  const profile = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zrz3.r.profile')));
  expect(profile.length).toBe(1);

  // 导入导出 (export), after the answers are stored: the navigation link, then the export button,
  // by Tab and Enter alone; the file is downloaded and the hand-over recorded.
  const exchangeLink = app.nav('导入导出');
  // Back up the page (Shift+Tab) to the navigation.
  await tabToLocator(page, exchangeLink, 'the 导入导出 link', true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exchange')).toBeVisible();
  // A new page (full.html), once its undo history is read: the focus starts at the top.
  await expect(page.getByTestId('undo-status')).not.toContainText('正在读取');
  const exportButton = page.getByRole('button', { name: '导出自评文件', exact: true });
  await tabToLocator(page, exportButton, 'the 导出自评文件 button');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^意识形态责任制自评_县文化广播影视局_办公室_/);
  await expect(page.getByTestId('export-result')).toContainText('内容一致');
  await expect(page.getByTestId('last-export')).toContainText('此后修改了 0 处');
});

test('keyboard: removing a 佐证材料 row leaves the focus on the row in its place, then on 添加', async ({ app, page }) => {
  await app.open();
  await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
  await app.openChapter('3');
  const item = app.item('3.1');
  await item.locator('summary').click();
  const add = item.getByRole('button', { name: '添加佐证材料' });
  await add.click();
  await page.keyboard.type('甲');
  await add.click();
  await page.keyboard.type('乙');
  await item.getByRole('button', { name: '删除第 1 条佐证材料' }).focus();
  await page.keyboard.press('Enter');
  await expect(item.getByLabel('材料名称')).toHaveValue('乙');
  await expect(item.getByLabel('材料名称')).toBeFocused();
  await item.getByRole('button', { name: '删除第 1 条佐证材料' }).focus();
  await page.keyboard.press('Enter');
  await expect(add).toBeFocused();
});

test('focus is drawn in a colour that stands out on the red header and the dark navigation', async ({ app, page }) => {
  await app.open();
  await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
  // From the page's start: the skip link, the language switch in the red header, then the
  // navigation: 总览 (the current page, on a light tab) and 各章自查 (on the dark strip).
  await page.reload();
  await expect(page.getByTestId('overview')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await attachTop(page, 'focus-skip-link');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('language')).toBeFocused();
  await attachTop(page, 'focus-language');
  const onHeader = await focusOutline(page);
  await page.keyboard.press('Tab');
  await expect(app.nav('总览')).toBeFocused();
  const onCurrent = await focusOutline(page);
  await page.keyboard.press('Tab');
  await expect(app.nav('各章自查')).toBeFocused();
  await attachTop(page, 'focus-nav');
  const onNav = await focusOutline(page);
  for (const ring of [onHeader, onNav, onCurrent]) {
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(3);
  }
  // Yellow on the red and the dark red (4.7:1, 7.8:1); blue on the light tab of the current page.
  expect(onHeader.colour).toBe('rgb(255, 213, 79)');
  expect(onNav.colour).toBe('rgb(255, 213, 79)');
  expect(onCurrent.colour).toBe('rgb(21, 101, 192)');
});
