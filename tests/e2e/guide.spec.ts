import { test, expect } from './fixtures';
import { expectNoAxeViolations } from './a11y';

const setup = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' };

test('使用说明 links every step to its page and loads demo data into an empty record, removed in one click', async ({ app, page }) => {
  await app.open();
  await app.completeSetup(setup);
  await page.goto('./full.html#/guide');
  const guide = page.getByTestId('guide');
  await expect(guide).toBeVisible();
  for (const step of ['设置', '自查', '台账', '评分', '导出', '接收', '汇总', '核查', '整改跟进']) {
    await expect(guide.getByRole('link', { name: step, exact: true }).first()).toBeVisible();
  }
  await expect(guide.getByRole('link', { name: '台账', exact: true })).toHaveAttribute('href', /#\/ledger$/);
  await expectNoAxeViolations(page, undefined, 'guide');

  await page.getByTestId('demo-load').click();
  await expect(page.getByTestId('demo-message')).toContainText('示例数据已加载');
  await expect(page.getByTestId('demo-active')).toBeVisible();
  // The whole record is the demo's, stored record by record.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zrz3.r.')));
  expect(stored.filter((k) => k.startsWith('zrz3.r.answers/')).length).toBeGreaterThan(40);
  expect(stored.some((k) => k.startsWith('zrz3.r.people/'))).toBe(true);
  await page.goto('./#/overview');
  await expect(page.getByTestId('overview')).toContainText('【示例】办公室');

  // Reloaded, the demo is still there and marked; then removed after a confirmation.
  await page.goto('./full.html#/guide');
  await page.getByTestId('demo-remove').click();
  await expectNoAxeViolations(page, undefined, 'demo remove confirmation');
  await page.getByTestId('demo-remove-confirm').click();
  await expect(page.getByTestId('demo-message')).toContainText('示例数据已移除');
  await expect(page.getByTestId('demo-load')).toBeVisible();
  // Deleted records stay as tombstones (no `data`), so that another tab sees the deletion.
  const live = await page.evaluate(() =>
    Object.keys(localStorage).filter(
      (k) => k.startsWith('zrz3.r.') && !k.startsWith('zrz3.r.profile') && JSON.parse(localStorage.getItem(k)!).data != null,
    ),
  );
  expect(live).toEqual([]);
  // The unit's details from before are back.
  await page.goto('./#/overview');
  await expect(page.getByTestId('overview')).toContainText('县文化广播影视局');
  await expect(page.getByTestId('overview')).toContainText('办公室');
  await expect(page.getByTestId('overview')).not.toContainText('【示例】');
});

test('demo data is never loaded over a department\'s own answers', async ({ app, page }) => {
  await app.open();
  await app.completeSetup(setup);
  await app.openChapter('3');
  await app.answer('3.1', '已落实');
  await app.expectSaved();
  await page.goto('./full.html#/guide');
  await expect(page.getByTestId('demo-unavailable')).toBeVisible();
  await expect(page.getByTestId('demo-load')).toHaveCount(0);
});
