import { execFileSync } from 'node:child_process';
import { test, expect, AppPage } from './fixtures';
import type { Page } from '@playwright/test';

// Printing (打印 → 另存为 PDF): Chromium's own PDF of each page of the first page, read back with
// pdftotext. Names, headings and figures are on paper; navigation and action buttons are not; the
// header line says whose record it is and when it was printed. The PNG pages are attached to look at.

const profile = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三' };

// Words of the navigation and of on-screen actions, none of which belongs on paper. (A single nav
// label such as 台账 may well be in the plan's text: the navigation is looked for as its run of labels.)
const screenOnly = ['总览各章自查台账', '跳到正文', '德能勤绩廉评分', '导入导出', '使用说明', '可左右滑动', '界面语言', 'English', '下一项未填', '添加佐证材料', '放弃这次修改', '去导出', '已保存'];

async function printed(page: Page, name: string): Promise<string> {
  const path = test.info().outputPath(`${name}.pdf`);
  // Backgrounds left out, as a browser prints by default: what must show has a border or an outline.
  await page.pdf({ path, format: 'A4', printBackground: false, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  // -raw: in the order drawn, so that a table cell's wrapped lines stay together.
  const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', path, test.info().outputPath(name)]);
  await test.info().attach(`${name}.pdf`, { path, contentType: 'application/pdf' });
  return text;
}

/** The text without the spaces pdftotext puts between CJK glyphs and columns. */
const squash = (s: string) => s.replace(/\s+/g, '');

async function start(app: AppPage, page: Page) {
  await app.open();
  await app.completeSetup(profile);
  await app.openChapter('7');
  await app.answer('7.1', '已发生');
  await app.item('7.1').getByLabel('发生日期（必填）').fill('2025-03-01');
  await app.item('7.1').getByLabel('具体情况（必填）').fill('某次会议未按要求研判意识形态形势');
  await app.openChapter('4.2');
  await app.answer('4.2.3', '部分落实');
  await app.item('4.2.3').locator('summary').click();
  await app.item('4.2.3').getByLabel('责任人').fill('李四');
  await app.item('4.2.3').getByLabel('完成时限').fill('2024-03-31');
  await app.item('4.2.3').getByRole('button', { name: '添加佐证材料' }).click();
  await page.keyboard.type('党组会议纪要');
  await app.openChapter('4.1');
  await app.answer('4.1.1', '已落实');
  await app.expectSaved();
}

test('总览 prints its chapters, figures and whose record it is, without navigation or buttons', async ({ app, page }) => {
  await start(app, page);
  await page.goto('./#/overview');
  await expect(page.getByTestId('overview')).toBeVisible();
  const chapters = await page.locator('.progress-table tbody th').allTextContents();
  const figures = await page.locator('.progress-table td.num').allTextContents();
  const text = squash(await printed(page, 'overview'));
  for (const c of chapters) expect(text, `chapter ${c} printed`).toContain(squash(c));
  for (const f of figures) expect(text, `figure ${f} printed`).toContain(squash(f));
  expect(text).toContain(squash(await page.getByTestId('checklist-score').innerText()));
  expect(text).toContain(squash(await page.getByTestId('answered-count').innerText()));
  expect(text).toContain('县文化广播影视局·办公室');
  expect(text).toMatch(/打印于\d{4}-\d{2}-\d{2}\d{2}:\d{2}/);
  expect(text).toContain('已发生1项');
  expect(text).toContain('完成时限2024-03-31，责任人李四');
  for (const word of screenOnly) expect(text, `"${word}" is not printed`).not.toContain(word);
});

test('a chapter prints its items, answers and 佐证材料 (closed details open for print), not its tools', async ({ app, page }) => {
  await start(app, page);
  await app.openChapter('4.2');
  const closed = await page.locator('details:not([open])').count();
  expect(closed).toBeGreaterThan(0);
  const text = squash(await printed(page, 'chapter-4.2'));
  expect(text).toContain(squash(await page.getByRole('heading', { level: 1 }).innerText()));
  expect(text).toContain(squash((await app.item('4.2.3').locator('.item-text').innerText()).slice(0, 30)));
  expect(text).toContain('已逾期（完成时限2024-03-31）');
  // The 佐证材料 of an item whose details were closed: opened for the print, closed again after.
  expect(text).toContain('佐证材料');
  expect(text).toMatch(/打印于\d{4}-\d{2}-\d{2}/);
  for (const word of screenOnly) expect(text, `"${word}" is not printed`).not.toContain(word);
  await expect(page.locator('details:not([open])')).toHaveCount(closed);
});

test('a red line that occurred prints with its mark and words, 方案原文 prints whole', async ({ app, page }) => {
  await start(app, page);
  await app.openChapter('7');
  const chapter = squash(await printed(page, 'chapter-7'));
  expect(chapter).toContain('责任追究情形');
  expect(chapter).toContain('已发生');
  expect(chapter).toContain('某次会议未按要求研判意识形态形势');
  await page.goto('./#/plan');
  await expect(page.getByTestId('plan-text')).toBeVisible();
  const plan = squash(await printed(page, 'plan'));
  expect(plan).toContain('县文化广播影视局党组意识形态工作责任制实施方案');
  for (const word of ['跳到正文', '可左右滑动', '界面语言']) expect(plan).not.toContain(word);
});
