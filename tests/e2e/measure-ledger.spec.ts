import { test, expect } from './fixtures';

// Not a test: a measurement, run only when asked (MEASURE_LEDGER=1 scripts/test-e2e.sh
// tests/e2e/measure-ledger.spec.ts). A year of 1,000 ledger entries with 500-character summaries is
// put in storage the way the app stores it, then: how long the 台账 page and a chapter with quota
// items take to show, how long a new entry takes from the click to its stored record, and how many
// bytes the record takes. It asserts nothing about speed; the figures are printed and attached.

test.skip(!process.env.MEASURE_LEDGER, 'a measurement: MEASURE_LEDGER=1 to run it');

test('1,000 ledger entries: page, quota counts, saving, stored size', async ({ app, page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2025-12-15T10:00:00'));
  await app.open();
  await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' });
  const n = Number(process.env.ENTRIES ?? 1000);
  await page.evaluate((n) => {
    const kinds = ['party_group_meeting', 'central_group_study', 'red_education', 'special_inspection', 'opinion_analysis', 'holiday_analysis', 'training', 'publicity'];
    const summary = '研判意识形态领域形势，部署网络阵地管理与舆情处置工作。'.repeat(20).slice(0, 500);
    for (let i = 0; i < n; i++) {
      const id = `e-seed${String(i).padStart(8, '0')}`;
      const day = new Date(Date.UTC(2025, 0, 1 + (i % 340))).toISOString().slice(0, 10);
      const entry = {
        id, date: day, activity: kinds[i % kinds.length], title: `第${i + 1}次意识形态工作专题会议`, place: '局机关三楼会议室',
        participant_count: 15, participants: '张三、李四、王五、赵六', summary, doc_no: `文广党〔2025〕${i + 1}号`,
        kept_at: '局办公室档案柜 3 号', items: ['4.1.1', '4.1.8'], updated_at: '2025-06-30T08:00:00Z',
      };
      localStorage.setItem(`zrz3.r.ledger/${id}`, JSON.stringify({ rev: { at: '2025-06-30T08:00:00Z', by: 't-seed' }, data: entry }));
    }
  }, n);
  const figures: Record<string, number | string> = { entries: n };

  // The full app's start with this record, on a page that shows no list (what every full page pays).
  let t0 = Date.now();
  await page.goto('./full.html#/overview');
  await expect(page.getByTestId('quota-4.1.1')).toContainText('已完成', { timeout: 60_000 });
  figures['full app start: 总览 in full.html (ms)'] = Date.now() - t0;
  await page.goto('./#/overview');
  await expect(page.getByTestId('quota-4.1.1')).toContainText('已完成', { timeout: 60_000 });

  t0 = Date.now();
  await page.goto('./full.html#/ledger');
  await expect(page.getByTestId('ledger-count')).toHaveText(`显示 ${n} 条，共 ${n} 条`, { timeout: 60_000 });
  if (n > 0) await expect(page.locator('.ledger-entry').first()).toBeVisible();
  figures['台账 page load → list shown (ms)'] = Date.now() - t0;
  figures['rows drawn at first'] = await page.locator('.ledger-entry').count();

  // The next slice of the list ("显示更多"), when the list is shown in slices.
  const more = page.getByTestId('ledger-more').getByRole('button', { name: /^显示更多/ });
  if (await more.count()) {
    const rows = await page.locator('.ledger-entry').count();
    t0 = Date.now();
    await more.click();
    await expect(page.locator('.ledger-entry')).not.toHaveCount(rows);
    figures['显示更多 click → next rows shown (ms)'] = Date.now() - t0;
  }

  if (n >= 999) {
    t0 = Date.now();
    await page.getByLabel('搜索台账').fill('第999次');
    await expect(page.getByTestId('ledger-count')).toContainText('显示 1 条');
    figures['search typed → list filtered (ms)'] = Date.now() - t0;
    await page.getByRole('button', { name: '清除筛选' }).click();
  }

  await page.getByTestId('ledger-new').click();
  const form = page.getByTestId('entry-form');
  await form.getByLabel('日期', { exact: true }).fill('2025-12-10');
  await form.getByLabel('类型', { exact: true }).selectOption({ label: '培训' });
  await form.getByLabel('标题', { exact: true }).fill('测量用条目');
  const before = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zrz3.r.ledger/')).length);
  t0 = Date.now();
  await form.getByRole('button', { name: '保存台账条目' }).click();
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zrz3.r.ledger/')).length)).toBe(before + 1);
  figures['save click → record stored (ms)'] = Date.now() - t0;
  await expect(page.getByTestId('ledger-count')).toContainText(`共 ${n + 1} 条`);
  figures['save click → list shows it (ms)'] = Date.now() - t0;

  t0 = Date.now();
  await page.goto('./#/checklist/4.1');
  await expect(page.getByTestId('item-4.1.1').getByTestId('quota-count')).toContainText('已完成');
  figures['chapter 4.1 with quota counts shown (ms)'] = Date.now() - t0;
  t0 = Date.now();
  await page.goto('./#/overview');
  await expect(page.getByTestId('quota-4.1.1')).toContainText('已完成');
  figures['总览 with quotas, key dates, 我的待办 (ms)'] = Date.now() - t0;

  const bytes = await page.evaluate(() => {
    let total = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      total += (k.length + (localStorage.getItem(k) ?? '').length) * 2;
    }
    return total;
  });
  figures['stored bytes (UTF-16)'] = bytes;
  figures['share of a 5 MiB quota'] = `${((bytes / (5 * 1024 * 1024)) * 100).toFixed(1)}%`;
  console.log(JSON.stringify(figures, null, 2));
  await test.info().attach('figures.json', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });
});
