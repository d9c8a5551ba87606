import { execFileSync } from 'node:child_process';
import { test, expect, AppPage } from './fixtures';
import { expectNoAxeViolations } from './a11y';
import type { Page } from '@playwright/test';

// 台账 (issue 11): entries added from an item and on the ledger page, quotas counted from them
// ("已完成 1/2 次", 滞后 on 总览), evidence in place, the delete confirmation naming what loses its
// evidence, filters, bad input, printing, the keyboard, and axe on each state.
// "Today" is fixed at 15 July 2025: the second half of the year has begun, so 0 of 2 is behind.

const profile = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' };

async function start(app: AppPage, page: Page) {
  await page.clock.setFixedTime(new Date('2025-07-15T10:00:00'));
  await app.open();
  await app.completeSetup(profile);
}

/** Adds an entry from an item card's own form (the item's quota activity is preselected). */
async function addFromItem(app: AppPage, item: string, date: string, title: string, activity?: string) {
  const card = app.item(item);
  const more = card.locator('details.item-more');
  if ((await more.getAttribute('open')) === null) await more.locator('summary').click();
  const form = card.getByRole('form', { name: `为 ${item} 新增台账条目` });
  await form.getByLabel('日期', { exact: true }).fill(date);
  if (activity) await form.getByLabel('类型', { exact: true }).selectOption({ label: activity });
  await form.getByLabel('标题', { exact: true }).fill(title);
  await form.getByRole('button', { name: '保存台账条目' }).click();
}

async function openLedger(page: Page) {
  await page.goto('./full.html#/ledger');
  await expect(page.getByTestId('ledger')).toBeVisible();
}

/** Fills the ledger page's form; `fields` by label. */
async function fillEntry(page: Page, fields: Record<string, string>) {
  const form = page.getByTestId('entry-form');
  for (const [label, value] of Object.entries(fields)) {
    const field = form.getByLabel(label, { exact: true });
    if (label === '类型') await field.selectOption({ label: value });
    else await field.fill(value);
  }
}

test.describe('台账', () => {
  test('entries added from an item count for its quota, and 总览 follows', async ({ app, page }) => {
    await start(app, page);
    await page.goto('./#/overview');
    await expect(page.getByTestId('quota-4.1.1')).toContainText('已完成 0/2 次');
    await expect(page.getByTestId('quota-4.1.1')).toContainText('滞后');
    await expect(page.getByTestId('quota-4.1.1')).toContainText('还剩 6 个月');
    await expect(page.getByTestId('todo-list')).toContainText('已完成 0/2 次，滞后');
    await expectNoAxeViolations(page, undefined, '总览 with quotas behind');

    await app.openChapter('4.1');
    const card = app.item('4.1.1');
    await expect(card.getByTestId('quota-count')).toHaveText('已完成 0/2 次');
    await expect(card.getByTestId('item-ledger-none')).toBeVisible();
    await addFromItem(app, '4.1.1', '2025-03-10', '党组会议专题研究意识形态工作（一季度）');
    await expect(card.getByTestId('quota-count')).toHaveText('已完成 1/2 次');
    await expect(card.getByTestId('quota-suggestion')).toHaveText('按台账建议作答：部分落实');
    await expect(card.getByTestId('item-ledger-list')).toContainText('2025-03-10 党组会议专题研究：党组会议专题研究意识形态工作（一季度）');
    // The focus is on the new entry in the item's list.
    await expect(card.getByTestId('item-ledger-list').locator('li').first()).toBeFocused();
    await addFromItem(app, '4.1.1', '2025-06-28', '党组会议专题研究意识形态工作（二季度）');
    await expect(card.getByTestId('quota-count')).toHaveText('已完成 2/2 次');
    await expect(card.getByTestId('quota-pace')).toHaveText('已完成');
    await expect(card.getByTestId('quota-suggestion')).toHaveText('按台账建议作答：已落实');
    await app.answer('4.1.1', '已落实');
    await expect(card.getByTestId('quota-review')).toHaveCount(0);

    // 已落实 on a quota with too few entries is marked for review.
    await app.answer('4.1.2', '已落实');
    await expect(app.item('4.1.2').getByTestId('quota-review')).toContainText('需复核');
    await app.expectSaved();
    await expectNoAxeViolations(page, '[data-testid="item-4.1.1"]', 'an item card with its ledger');

    await page.goto('./#/overview');
    await expect(page.getByTestId('quota-4.1.1')).toContainText('已完成 2/2 次');
    await expect(page.getByTestId('quota-4.1.1')).not.toContainText('滞后');
    await expect(page.getByTestId('quota-4.1.2')).toContainText('需复核');

    // Reload: everything is still there.
    await page.reload();
    await expect(page.getByTestId('quota-4.1.1')).toContainText('已完成 2/2 次');
    await openLedger(page);
    await expect(page.getByTestId('ledger-count')).toHaveText('显示 2 条，共 2 条');
  });

  test('an entry linked from another item; deleting it names the items that lose their evidence', async ({ app, page }) => {
    await start(app, page);
    await app.openChapter('4.1');
    await addFromItem(app, '4.1.1', '2025-03-10', '一季度专题研究');
    await addFromItem(app, '4.1.1', '2025-05-12', '二季度专题研究');
    // Link the first to 4.1.3 without leaving the item.
    const other = app.item('4.1.3');
    await other.locator('details.item-more summary').click();
    await other.getByLabel('关联已有台账', { exact: true }).selectOption({ label: '2025-03-10 党组会议专题研究：一季度专题研究' });
    await other.getByRole('button', { name: '关联', exact: true }).click();
    await expect(other.getByTestId('item-ledger-list')).toContainText('一季度专题研究');
    // A 佐证材料 row of 4.1.3 points to it.
    await other.getByRole('button', { name: '添加佐证材料' }).click();
    await other.getByLabel('第 1 份佐证材料对应的台账条目').selectOption({ label: '2025-03-10 党组会议专题研究：一季度专题研究' });
    await app.expectSaved();

    await openLedger(page);
    const entry = page.locator('.ledger-entry', { hasText: '一季度专题研究' });
    await expect(entry).toContainText('4.1.1');
    await expect(entry).toContainText('4.1.3');
    await entry.getByRole('button', { name: '删除“一季度专题研究”' }).click();
    const confirm = page.getByTestId('delete-confirm');
    await expect(confirm).toContainText('确定删除台账条目“一季度专题研究”？');
    // 4.1.1 keeps the other entry: only 4.1.3 loses its evidence.
    await expect(confirm.getByTestId('delete-loses')).toContainText('4.1.3');
    await expect(confirm.getByTestId('delete-loses')).not.toContainText('4.1.1');
    await expect(confirm.getByRole('button', { name: '取消' })).toBeFocused();
    await expectNoAxeViolations(page, undefined, '台账 delete confirmation');
    await confirm.getByRole('button', { name: '确定删除' }).click();
    await expect(page.getByTestId('ledger-notice')).toContainText('已删除“一季度专题研究”');
    await expect(page.getByTestId('ledger-count')).toHaveText('显示 1 条，共 1 条');

    await app.openChapter('4.1');
    await expect(app.item('4.1.1').getByTestId('quota-count')).toHaveText('已完成 1/2 次');
    await expect(app.item('4.1.3').getByTestId('item-ledger-none')).toBeVisible();
  });

  test('every field, bad input named and kept, dates outside the year flagged', async ({ app, page }) => {
    await start(app, page);
    await openLedger(page);
    await expect(page.getByTestId('ledger-empty')).toHaveText('台账还没有条目。');
    await expectNoAxeViolations(page, undefined, '台账 empty');
    await page.getByTestId('ledger-new').click();
    await expect(page.getByTestId('entry-form').getByLabel('日期', { exact: true })).toBeFocused();
    await fillEntry(page, { 日期: '2025-02-30', 类型: '专题督查', 参加人数: '-3', 地点: '二楼会议室' });
    await page.getByTestId('entry-save').click();
    const problems = page.getByTestId('entry-problems');
    await expect(problems).toContainText('日期：“2025-02-30”不是有效日期');
    await expect(problems).toContainText('标题：必须填写');
    await expect(problems).toContainText('参加人数：“-3”不能为负数');
    await expect(problems).toContainText('尚未保存');
    const form = page.getByTestId('entry-form');
    await expect(form.getByLabel('日期', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('日期', { exact: true })).toBeFocused();
    // What was typed stays.
    await expect(form.getByLabel('地点', { exact: true })).toHaveValue('二楼会议室');
    await expectNoAxeViolations(page, undefined, '台账 form with errors');
    await fillEntry(page, { 参加人数: '十二' });
    await page.getByTestId('entry-save').click();
    await expect(problems).toContainText('参加人数：“十二”不是数字');

    await fillEntry(page, {
      日期: '2024-12-30',
      标题: '年末意识形态工作专题督查',
      参加人数: '12',
      参加人员: '王五、赵六',
      内容摘要: '督查各科室意识形态阵地管理',
      文号: '文广党〔2024〕21号',
      资料存放位置: '办公室档案柜 2 号',
    });
    await form.locator('summary').click();
    await form.getByLabel('4.5.1', { exact: false }).first().check();
    await page.getByTestId('entry-save').click();
    await expect(page.getByTestId('entry-form')).toHaveCount(0);
    await expect(page.getByTestId('ledger-notice')).toContainText('不在评估年度 2025 内');
    const entry = page.locator('.ledger-entry', { hasText: '年末意识形态工作专题督查' });
    await expect(entry).toBeFocused();
    for (const text of ['2024-12-30', '专题督查', '二楼会议室', '12', '王五、赵六', '督查各科室意识形态阵地管理', '文广党〔2024〕21号', '办公室档案柜 2 号', '4.5.1', '不在评估年度 2025 内']) {
      await expect(entry).toContainText(text);
    }
    await expectNoAxeViolations(page, undefined, '台账 with an entry');

    // Edit it: the form holds every field.
    await entry.getByRole('button', { name: '修改“年末意识形态工作专题督查”' }).click();
    await expect(page.getByTestId('entry-form').getByLabel('文号', { exact: true })).toHaveValue('文广党〔2024〕21号');
    await fillEntry(page, { 日期: '2025-01-01' });
    await page.getByTestId('entry-save').click();
    await expect(page.locator('.ledger-entry', { hasText: '年末意识形态工作专题督查' })).not.toContainText('不在评估年度');
    await page.reload();
    await expect(page.locator('.ledger-entry', { hasText: '年末意识形态工作专题督查' })).toContainText('2025-01-01');
  });

  test('search, filters by type, month and item, in date order', async ({ app, page }) => {
    await start(app, page);
    await openLedger(page);
    const add = async (fields: Record<string, string>) => {
      await page.getByTestId('ledger-new').click();
      await fillEntry(page, fields);
      await page.getByTestId('entry-save').click();
      await expect(page.getByTestId('entry-form')).toHaveCount(0);
    };
    await add({ 日期: '2025-05-04', 类型: '红色教育/爱国主义教育', 标题: '五四参观红色纪念馆' });
    await add({ 日期: '2025-03-01', 类型: '中心组专题学习', 标题: '中心组学习党的理论' });
    await add({ 日期: '2025-03-20', 类型: '培训', 标题: '网络安全培训', 地点: '县党校' });
    await expect(page.locator('.ledger-title')).toHaveText(['中心组学习党的理论', '网络安全培训', '五四参观红色纪念馆']);
    await page.getByLabel('筛选类型').selectOption({ label: '培训' });
    await expect(page.locator('.ledger-title')).toHaveText(['网络安全培训']);
    await expect(page.getByTestId('ledger-count')).toHaveText('显示 1 条，共 3 条');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByLabel('筛选月份').selectOption('2025-03');
    await expect(page.locator('.ledger-title')).toHaveText(['中心组学习党的理论', '网络安全培训']);
    await page.getByLabel('搜索台账').fill('党校');
    await expect(page.locator('.ledger-title')).toHaveText(['网络安全培训']);
    await page.getByLabel('搜索台账').fill('没有这个');
    await expect(page.getByTestId('ledger-empty')).toHaveText('没有符合条件的条目。');
    await page.getByRole('button', { name: '清除筛选' }).click();
    // From an item card: its entries are filterable by item on the ledger page.
    await app.openChapter('4.1');
    await addFromItem(app, '4.1.2', '2025-04-02', '中心组专题学习（二）');
    await openLedger(page);
    await page.getByLabel('筛选自查项').selectOption('4.1.2');
    await expect(page.locator('.ledger-title')).toHaveText(['中心组专题学习（二）']);
    await expectNoAxeViolations(page, undefined, '台账 filtered');
    // Arranged by type, with a heading per type.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByRole('radio', { name: '按类型' }).check();
    await expect(page.locator('.ledger-group')).toHaveText(['中心组专题学习（2）', '红色教育/爱国主义教育（1）', '培训（1）']);
  });

  test('the printed ledger has the header, every entry with its fields, and no buttons', async ({ app, page }) => {
    await start(app, page);
    await openLedger(page);
    await page.getByTestId('ledger-new').click();
    await fillEntry(page, { 日期: '2025-06-30', 类型: '党组会议专题研究', 标题: '上半年意识形态形势分析', 地点: '三楼会议室', 文号: '文广党〔2025〕7号', 资料存放位置: '办公室档案柜' });
    await page.getByTestId('entry-save').click();
    await expect(page.getByTestId('entry-form')).toHaveCount(0);
    const path = test.info().outputPath('ledger.pdf');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('ledger-new')).toBeHidden();
    await expect(page.locator('.ledger-print-title')).toBeVisible();
    await page.pdf({ path, format: 'A4', printBackground: false });
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    await test.info().attach('ledger.pdf', { path, contentType: 'application/pdf' });
    for (const s of ['县文化广播影视局·办公室', '2025年度意识形态工作台账', '2025-06-30', '上半年意识形态形势分析', '三楼会议室', '文广党〔2025〕7号', '办公室档案柜', '重要时间节点']) {
      expect(text, s).toContain(s.replace(/\s+/g, ''));
    }
    for (const s of ['新增台账条目', '打印台账', '清除筛选', '删除']) expect(text, s).not.toContain(s);
    expect(text).toMatch(/1\/\d/);
  });

  test('keyboard only: open the form, fill it, save, land on the new entry', async ({ app, page }) => {
    await start(app, page);
    await openLedger(page);
    await page.getByTestId('ledger-new').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('entry-form').getByLabel('日期', { exact: true })).toBeFocused();
    await page.keyboard.type('2025-07-01');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('entry-form').getByLabel('类型', { exact: true })).toBeFocused();
    await page.getByTestId('entry-form').getByLabel('类型', { exact: true }).selectOption({ label: '宣传活动' });
    await page.keyboard.press('Tab');
    await page.keyboard.type('七一主题宣传');
    await page.keyboard.press('Enter');
    const entry = page.locator('.ledger-entry', { hasText: '七一主题宣传' });
    await expect(entry).toBeFocused();
    // Delete by keyboard: the confirmation takes the focus, Escape-free cancel returns it.
    await entry.getByRole('button', { name: '删除“七一主题宣传”' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('delete-confirm').getByRole('button', { name: '取消' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(entry.getByRole('button', { name: '删除“七一主题宣传”' })).toBeFocused();
  });

  test('key dates of the year with their analyses, the next 30 days on 总览', async ({ app, page }) => {
    await start(app, page);
    await page.goto('./#/overview');
    // 15 July 2025: 八一 (建军纪念日, 1 August) is within 30 days and has no analysis.
    await expect(page.getByTestId('key-dates-soon')).toContainText('中国人民解放军建军纪念日');
    await expect(page.getByTestId('key-dates-soon')).toContainText('尚无专题分析');
    await openLedger(page);
    const calendar = page.getByTestId('key-date-calendar');
    await expect(calendar).toContainText('春节');
    await expect(calendar.getByTestId('key-date-spring_festival-2025-01-29')).toContainText('2025-01-29');
    await expect(calendar.getByTestId('key-date-mid_autumn-2025-10-06')).toBeVisible();
    const row = calendar.locator('tr', { hasText: '建军纪念日' });
    await row.getByRole('button').click();
    await expect(page.getByTestId('entry-form').getByLabel('类型', { exact: true })).toHaveValue('holiday_analysis');
    await fillEntry(page, { 日期: '2025-07-14' });
    await page.getByTestId('entry-save').click();
    await expect(calendar.locator('tr', { hasText: '建军纪念日' })).toContainText('已有专题分析');
    await expectNoAxeViolations(page, undefined, '台账 with the key-date calendar');
    await page.goto('./#/overview');
    await expect(page.getByTestId('key-dates-soon').locator('li', { hasText: '建军纪念日' })).toContainText('已有专题分析');
  });
  test('an unsaved new entry is kept: leaving the chapter, the page or the browser and coming back finds it, marked 未保存', async ({ app, page }) => {
    await start(app, page);
    await app.openChapter('4.1');
    const card = app.item('4.1.1');
    await card.locator('details.item-more summary').click();
    const form = () => app.item('4.1.1').getByRole('form', { name: '为 4.1.1 新增台账条目' });
    await form().getByLabel('日期', { exact: true }).fill('2025-03-10');
    await form().getByLabel('标题', { exact: true }).fill('未写完的专题研究');
    // Another chapter, then 总览: the draft is listed among the unfinished edits.
    await app.openChapter('4.2');
    await page.goto('./#/overview');
    await expect(page.getByTestId('drafts')).toContainText('4.1.1');
    await expect(page.getByTestId('drafts')).toContainText('的新增台账条目');
    await expectNoAxeViolations(page, undefined, '总览 with a kept ledger draft');
    // Back in the chapter: the form is open as it was left, marked 未保存.
    await app.openChapter('4.1');
    await expect(form().getByLabel('日期', { exact: true })).toHaveValue('2025-03-10');
    await expect(form().getByLabel('标题', { exact: true })).toHaveValue('未写完的专题研究');
    await expect(form().getByTestId('entry-draft-kept')).toContainText('未保存');
    await expectNoAxeViolations(page, '[data-testid="item-4.1.1"]', 'an item card with a kept ledger draft');
    // After a reload (the browser closed and opened) the draft is still there.
    await page.reload();
    await expect(form().getByLabel('标题', { exact: true })).toHaveValue('未写完的专题研究');
    // Saved: counted, no longer kept, no longer listed.
    await form().getByRole('button', { name: '保存台账条目' }).click();
    await expect(card.getByTestId('quota-count')).toHaveText('已完成 1/2 次');
    await expect(form().getByLabel('标题', { exact: true })).toHaveValue('');
    await expect(form().getByTestId('entry-draft-kept')).toHaveCount(0);
    await page.goto('./#/overview');
    await expect(page.getByTestId('drafts')).toHaveCount(0);
    // Discarded: the form is blank again and nothing is kept.
    await app.openChapter('4.1');
    await app.item('4.1.3').locator('details.item-more summary').click();
    const f3 = app.item('4.1.3').getByRole('form', { name: '为 4.1.3 新增台账条目' });
    await f3.getByLabel('标题', { exact: true }).fill('不要了');
    await app.openChapter('4.2');
    await app.openChapter('4.1');
    await f3.getByRole('button', { name: '放弃草稿' }).click();
    await expect(f3.getByLabel('标题', { exact: true })).toHaveValue('');
    await page.goto('./#/overview');
    await expect(page.getByTestId('drafts')).toHaveCount(0);

    // The 台账 page's form follows the same rule.
    await openLedger(page);
    await page.getByTestId('ledger-new').click();
    await fillEntry(page, { 标题: '台账页上没写完' });
    await page.goto('./#/overview');
    await expect(page.getByTestId('drafts')).toContainText('台账页上未保存的条目');
    await openLedger(page);
    await expect(page.getByTestId('entry-form').getByLabel('标题', { exact: true })).toHaveValue('台账页上没写完');
    await expect(page.getByTestId('entry-draft-kept')).toContainText('未保存');
    await page.getByTestId('entry-form').getByRole('button', { name: '取消' }).click();
    await page.goto('./#/overview');
    await expect(page.getByTestId('drafts')).toHaveCount(0);
  });
});
