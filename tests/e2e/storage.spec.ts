import { test, expect } from './fixtures';

const setup = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三' };

test.describe('the browser storage is the database', () => {
  test('a full storage shows a persistent warning, keeps the data in memory and the last good copy', async ({ app, page, watchdog }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('3');
    await app.answer('3.1', '已落实');
    await app.expectSaved();
    const lastGood = await page.evaluate(() => localStorage.getItem('zrz.state'));
    // Fill the origin's quota with other keys.
    await page.evaluate(() => {
      const chunk = 'x'.repeat(256 * 1024);
      for (let i = 0; i < 100; i++) {
        try { localStorage.setItem('filler.' + i, chunk); } catch { break; }
      }
      let small = 'x'.repeat(1024);
      for (let i = 0; i < 1000; i++) {
        try { localStorage.setItem('small.' + i, small); } catch { break; }
      }
    });
    await app.item('3.2').getByLabel('落实情况说明').fill('这一段说明写满了浏览器的存储空间，保存会失败。'.repeat(200));
    await expect(page.getByTestId('save-status')).toHaveText('保存失败');
    await expect(page.getByRole('alert').filter({ hasText: '存储空间已满' })).toContainText('请立即导出文件保存');
    expect(await page.evaluate(() => localStorage.getItem('zrz.state')), 'the last good copy is untouched').toBe(lastGood);
    // In memory the edit is still there; once space is freed the next change saves everything.
    await expect(app.item('3.2').getByLabel('落实情况说明')).toHaveValue(/写满了浏览器/);
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (!k.startsWith('zrz.')) localStorage.removeItem(k); });
    await app.answer('3.3', '已落实');
    await app.expectSaved();
    await page.reload();
    await expect(app.item('3.2').getByLabel('落实情况说明')).toHaveValue(/写满了浏览器/);
    await expect(app.item('3.3').getByRole('radio', { name: '已落实' })).toBeChecked();
    void watchdog;
  });

  test('data written by a newer version of the app is left untouched (read-only)', async ({ app, page }) => {
    await app.open();
    const newer = JSON.stringify({ format: 'zrz-state', version: 99, state: { future: true } });
    await page.evaluate((text) => localStorage.setItem('zrz.state', text), newer);
    await page.reload();
    await expect(page.getByTestId('save-status')).toHaveText('只读');
    await expect(page.getByRole('alert').first()).toContainText('更新版本的应用');
    await expect(page.getByRole('alert').first()).toContainText('99');
    await page.goto('./#/settings');
    await page.getByLabel('单位名称').fill('不应写入');
    await page.getByLabel('科室/直属单位').fill('不应写入');
    await page.getByLabel('填报人').fill('不应写入');
    await page.getByRole('button', { name: '保存单位信息' }).click();
    expect(await page.evaluate(() => localStorage.getItem('zrz.state'))).toBe(newer);
  });

  test('unreadable stored data is kept aside, reported, and can be downloaded as it was', async ({ app, page }) => {
    await app.open();
    await page.evaluate(() => localStorage.setItem('zrz.state', '{"format":"zrz-state", "version": 1, "state": {"assessment": {"answers": 5}}}'));
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: '无法读取' })).toContainText('原数据未删除');
    await page.goto('./#/settings');
    const kept = page.getByTestId('quarantined');
    await expect(kept).toContainText('zrz.unreadable.');
    const [download] = await Promise.all([page.waitForEvent('download'), kept.getByRole('button', { name: '下载原始数据' }).click()]);
    const text = await (await import('node:fs')).promises.readFile(await download.path(), 'utf-8');
    expect(text).toContain('"answers": 5');
  });

  test('设置 shows whether the browser keeps the data persistently', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await page.goto('./#/settings');
    await expect(page.getByTestId('persistence')).toHaveText(/浏览器(已同意|未同意)持久保存本站数据/);
  });

  test('总览 urges an export when nothing has been exported yet', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await page.goto('./#/overview');
    await expect(page.getByTestId('backup-status')).toHaveText('尚未导出过。');
    await expect(page.getByTestId('backup-reminder')).toContainText('尚未导出过备份（已修改 1 次）');
    await page.getByTestId('backup-reminder').getByRole('link', { name: '去导出' }).click();
    await expect(page).toHaveURL(/#\/exchange$/);
  });
});
