import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, AppPage, Watchdog } from './fixtures';
import { expectNoAxeViolations } from './a11y';
import type { Page } from '@playwright/test';

// 台账 through the exchange file (issue 11): entries with every field, linked to items, exported
// from 导入导出 as the department's file (a download), imported in a fresh browser (another
// context: nothing shared) through 导入导出 (an upload), applied, and found there — the entries,
// their links on the item cards, the quota counts. A file of the old version (v2, before the
// ledger) imports with an empty ledger.
// "Today" is fixed at 15 July 2025 in both browsers.

const profile = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' };
const fixtures = join(__dirname, '..', 'fixtures', 'exchange');

/** Two meetings for 4.1.1 (its quota of two), one of them evidencing 4.1.3 too; a study for 4.1.2. */
const entries = [
  {
    日期: '2025-03-10', 类型: '党组会议专题研究', 标题: '一季度意识形态工作专题研究', 地点: '局机关三楼会议室', 参加人数: '12',
    参加人员: '张三、李四、王五', 内容摘要: '研判一季度意识形态领域形势，部署网络阵地管理。', 文号: '文广党〔2025〕3号', 资料存放位置: '办公室档案柜 3 号',
    items: ['4.1.1', '4.1.3'],
  },
  {
    日期: '2025-06-20', 类型: '党组会议专题研究', 标题: '二季度意识形态工作专题研究', 地点: '局机关二楼会议室', 参加人数: '9',
    参加人员: '张三、赵六', 内容摘要: '听取各科室意识形态工作汇报。', 文号: '文广党〔2025〕8号', 资料存放位置: '办公室档案柜 4 号',
    items: ['4.1.1'],
  },
  {
    日期: '2025-05-08', 类型: '中心组专题学习', 标题: '中心组专题学习（意识形态）', 地点: '局机关三楼会议室', 参加人数: '7',
    参加人员: '党组成员', 内容摘要: '学习意识形态工作责任制实施办法。', 文号: '文广党〔2025〕6号', 资料存放位置: '办公室档案柜 5 号',
    items: ['4.1.2'],
  },
];

async function addEntry(page: Page, entry: (typeof entries)[number]) {
  await page.getByTestId('ledger-new').click();
  const form = page.getByTestId('entry-form');
  for (const [label, value] of Object.entries(entry)) {
    if (label === 'items') continue;
    const field = form.getByLabel(label, { exact: true });
    if (label === '类型') await field.selectOption({ label: value as string });
    else await field.fill(value as string);
  }
  await form.locator('details.entry-items summary').click();
  for (const item of entry.items) await form.locator('.entry-item', { hasText: new RegExp(`^\\s*${item.replace(/\./g, '\\.')} `) }).getByRole('checkbox').check();
  await page.getByTestId('entry-save').click();
  await expect(page.getByTestId('entry-form')).toHaveCount(0);
}

/** A first visit as a department, without the unit's details (a fresh record). */
async function freshDepartment(app: AppPage) {
  await app.page.clock.setFixedTime(new Date('2025-07-15T10:00:00'));
  await app.open();
  const chooser = app.page.getByTestId('role-department');
  if (await chooser.isVisible()) await chooser.click();
}

/** Imports a file through 导入导出 and applies it. */
async function importAndApply(app: AppPage, file: string | { name: string; mimeType: string; buffer: Buffer }, name: string) {
  await app.openExchange();
  await app.importFile(file);
  await expect(app.page.getByTestId('merge-preview')).toBeVisible();
  await app.page.getByRole('button', { name: '应用导入' }).click();
  await expect(app.page.getByTestId('import-result')).toContainText(`已导入“${name}”`);
  await app.expectSaved();
}

test('the ledger travels in the department’s file: exported, imported in a fresh browser, found with its links and quotas', async ({ app, page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2025-07-15T10:00:00'));
  await app.open();
  await app.completeSetup(profile);
  await page.goto('./full.html#/ledger');
  for (const e of entries) await addEntry(page, e);
  await expect(page.getByTestId('ledger-count')).toHaveText('显示 3 条，共 3 条');
  await app.expectSaved();

  // Export the department's file from 导入导出: a download holding every entry with every field.
  await app.openExchange();
  const exported = await app.exportFile('导出自评文件');
  const json = JSON.parse(exported.text);
  expect(json.format_version).toBe(3);
  const ledger = json.content.ledger as Record<string, unknown>[];
  expect(ledger).toHaveLength(3);
  const first = ledger.find((e) => e.title === entries[0].标题)!;
  expect(first).toMatchObject({
    date: '2025-03-10', activity: 'party_group_meeting', place: '局机关三楼会议室', participant_count: 12,
    participants: '张三、李四、王五', summary: entries[0].内容摘要, doc_no: '文广党〔2025〕3号', kept_at: '办公室档案柜 3 号',
  });
  expect([...(first.items as string[])].sort()).toEqual(['4.1.1', '4.1.3']);

  // A fresh browser: another context, nothing of the first one's storage.
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', acceptDownloads: true });
  const page2 = await context.newPage();
  const watchdog2 = new Watchdog(page2, new URL(baseURL!).origin);
  const other = new AppPage(page2);
  await freshDepartment(other);
  await importAndApply(other, exported.path, exported.name);

  // The entries, every field of each.
  await page2.goto('./full.html#/ledger');
  await expect(page2.getByTestId('ledger-count')).toHaveText('显示 3 条，共 3 条');
  for (const e of entries) {
    const row = page2.locator('.ledger-entry', { hasText: e.标题 });
    for (const [label, value] of Object.entries(e)) {
      if (label === 'items') for (const item of value as string[]) await expect(row.locator('.ledger-items')).toContainText(item);
      else if (label === '类型') await expect(row.locator('.ledger-type')).toHaveText(value as string);
      else await expect(row, `${e.标题}: ${label}`).toContainText(value as string);
    }
  }
  await expectNoAxeViolations(page2, undefined, '台账 after the import');

  // Their links on the item cards, and the quotas counted from them.
  await other.openChapter('4.1');
  const c411 = other.item('4.1.1');
  await expect(c411.getByTestId('quota-count')).toHaveText('已完成 2/2 次');
  await expect(c411.getByTestId('quota-pace')).toHaveText('已完成');
  await expect(c411.getByTestId('item-ledger-list').locator('li')).toHaveCount(2);
  await expect(c411.getByTestId('item-ledger-list')).toContainText('2025-03-10 党组会议专题研究：一季度意识形态工作专题研究');
  await expect(c411.getByTestId('item-ledger-list')).toContainText('2025-06-20 党组会议专题研究：二季度意识形态工作专题研究');
  await expect(other.item('4.1.2').getByTestId('quota-count')).toHaveText('已完成 1/1 次');
  await expect(other.item('4.1.2').getByTestId('item-ledger-list')).toContainText('中心组专题学习（意识形态）');
  await expect(other.item('4.1.3').getByTestId('item-ledger-list').locator('li')).toHaveCount(1);
  await expect(other.item('4.1.3').getByTestId('item-ledger-list')).toContainText('一季度意识形态工作专题研究');
  await page2.goto('./#/overview');
  await expect(page2.getByTestId('quota-4.1.1')).toContainText('已完成 2/2 次');
  await expect(page2.getByTestId('quota-4.1.2')).toContainText('已完成 1/1 次');

  // And after a reload, from storage.
  await page2.reload();
  await expect(page2.getByTestId('quota-4.1.1')).toContainText('已完成 2/2 次');
  await context.close();
  expect(watchdog2.problems).toEqual([]);
});

test('a file of the old version (v2, before the ledger) imports with an empty ledger', async ({ app, page }) => {
  await freshDepartment(app);
  const name = 'v2_assessment.json';
  await importAndApply(app, { name, mimeType: 'application/json', buffer: readFileSync(join(fixtures, name)) }, name);
  await page.goto('./full.html#/ledger');
  await expect(page.getByTestId('ledger-empty')).toHaveText('台账还没有条目。');
  await app.openChapter('4.1');
  await expect(app.item('4.1.1').getByTestId('quota-count')).toHaveText('已完成 0/2 次');
  await expect(app.item('4.1.1').getByTestId('item-ledger-none')).toBeVisible();
  // Its answers came in (4.1.1 is 部分落实 in the fixture), beside the empty ledger.
  await expect(app.item('4.1.1').getByRole('radio', { name: '部分落实', exact: true })).toBeChecked();
});
