import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';

const setup = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三' };
const record = (id: string) => `zrz3.r.answers/${id}`;

test.describe('the browser storage is the database', () => {
  test('a full storage shows a persistent warning, keeps the data in memory and the last good copy', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('3');
    await app.answer('3.2', '已落实');
    await app.expectSaved();
    const lastGood = await page.evaluate((key) => localStorage.getItem(key), record('3.2'));
    // Fill the origin's quota with other keys.
    await page.evaluate(() => {
      const chunk = 'x'.repeat(256 * 1024);
      for (let i = 0; i < 100; i++) {
        try { localStorage.setItem('filler.' + i, chunk); } catch { break; }
      }
      const small = 'x'.repeat(1024);
      for (let i = 0; i < 1000; i++) {
        try { localStorage.setItem('small.' + i, small); } catch { break; }
      }
    });
    await app.item('3.2').getByLabel('落实情况说明').fill('这一段说明写满了浏览器的存储空间，保存会失败。'.repeat(200));
    await expect(page.getByTestId('save-status')).toHaveText('保存失败');
    await expect(page.getByRole('alert').filter({ hasText: '存储空间已满' })).toContainText('请立即导出文件保存');
    await expect(page.getByRole('alert').filter({ hasText: '存储空间已满' })).toContainText('有 1 项修改尚未保存');
    expect(await page.evaluate((key) => localStorage.getItem(key), record('3.2')), 'the last good copy is untouched').toBe(lastGood);
    // In memory the edit is still there; once space is freed the next change saves it too.
    await expect(app.item('3.2').getByLabel('落实情况说明')).toHaveValue(/写满了浏览器/);
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (!k.startsWith('zrz')) localStorage.removeItem(k); });
    await app.answer('3.3', '已落实');
    await app.expectSaved();
    await page.reload();
    await expect(app.item('3.2').getByLabel('落实情况说明')).toHaveValue(/写满了浏览器/);
    await expect(app.item('3.3').getByRole('radio', { name: '已落实' })).toBeChecked();
  });

  test('data written by a newer version of the app is left untouched (read-only)', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    const newer = JSON.stringify({ format: 'zrz-store', version: 99, future: true });
    await page.evaluate((text) => localStorage.setItem('zrz3.meta', text), newer);
    await page.reload();
    await expect(page.getByTestId('save-status')).toHaveText('只读');
    await expect(page.getByRole('alert').first()).toContainText('更新版本的应用');
    await expect(page.getByRole('alert').first()).toContainText('99');
    await app.openChapter('3');
    await expect(app.item('3.1').getByRole('radio', { name: '已落实' })).toBeDisabled();
    const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    await page.reload();
    expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()))).toBe(before);
    expect(await page.evaluate(() => localStorage.getItem('zrz3.meta'))).toBe(newer);
  });

  test('an unreadable record is kept aside and reported, and the rest of the data loads', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('3');
    await app.answer('3.1', '已落实');
    await app.expectSaved();
    await page.evaluate((key) => localStorage.setItem(key, '{"rev": 5, "data": "damaged'), record('3.4'));
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: '无法读取' })).toContainText('原数据未删除');
    await expect(app.item('3.1').getByRole('radio', { name: '已落实' })).toBeChecked();
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zrz.unreadable.')));
    expect(kept).toHaveLength(1);
    expect(await page.evaluate((k) => localStorage.getItem(k), kept[0])).toBe('{"rev": 5, "data": "damaged');
  });

  test('总览 urges an export when nothing has been exported yet', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await page.goto('./#/overview');
    await expect(page.getByTestId('backup-status')).toHaveText('尚未导出过。');
    await expect(page.getByTestId('backup-reminder')).toContainText('尚未导出过备份（已修改 1 处）');
    await page.getByTestId('backup-reminder').getByRole('link', { name: '去导出' }).click();
    await expect(page).toHaveURL(/full\.html#\/exchange$/);
  });

  test('the record of an earlier version is upgraded, and kept as it was', async ({ app, page }) => {
    const legacy = readFileSync(join(__dirname, '..', 'fixtures', 'state', 'v1.json'), 'utf8');
    await app.open();
    await page.evaluate((text) => { localStorage.setItem('zrz.role', 'department'); localStorage.setItem('zrz.state', text); }, legacy);
    // A new address (index.html rather than the folder), so the page loads afresh.
    await page.goto('./index.html#/checklist/4.1');
    // The first page leaves the upgrade to the full app, which takes over the same address.
    await expect(page).toHaveURL(/full\.html#\/checklist\/4\.1$/);
    await expect(app.item('4.1.1').getByRole('radio', { name: '部分落实' })).toBeChecked();
    await expect(app.item('4.1.1').getByLabel('落实情况说明')).toHaveValue('上半年已召开 1 次专题会议，下半年待开');
    expect(await page.evaluate(() => localStorage.getItem('zrz.state'))).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem('zrz.legacy.v1'))).toBe(legacy);
    await page.goto('./index.html#/checklist/4.1');
    await expect(app.item('4.1.1').getByRole('radio', { name: '部分落实' })).toBeChecked();
  });
  test('a burst of input is written in one or two writes, and leaving the page at once loses none of it', async ({ app, page, context }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('3');
    const text = '本季度召开专题会议两次研究意识形态工作';
    await app.item('3.1').getByLabel('落实情况说明').click();
    // An input event per character, all in one task (faster than a frame), then the page is hidden at once:
    // counted by wrapping setItem for this record, and read back in the same task.
    const seen = await page.evaluate(([key, text]) => {
      const setItem = Storage.prototype.setItem;
      let writes = 0;
      Storage.prototype.setItem = function (k: string, v: string) {
        if (k === key) writes++;
        return setItem.call(this, k, v);
      };
      const input = document.getElementById('note-3.1') as HTMLTextAreaElement;
      for (let n = 1; n <= text.length; n++) {
        input.value = text.slice(0, n);
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text[n - 1] }));
      }
      const before = writes;
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      const stored = JSON.parse(localStorage.getItem(key) ?? 'null');
      Storage.prototype.setItem = setItem;
      return { before, after: writes, note: stored?.data?.note };
    }, [record('3.1'), text] as const);
    // The first keystroke is written at once, the rest wait for the frame to end…
    expect(seen.before).toBe(1);
    // …and leaving the page writes them, once.
    expect(seen.after).toBe(2);
    expect(seen.note).toBe(text);
    // A real close straight after typing loses nothing either.
    await page.keyboard.type('。');
    await page.close({ runBeforeUnload: true });
    const again = await context.newPage();
    await again.goto('./index.html#/checklist/3');
    await expect(again.getByTestId('item-3.1').getByLabel('落实情况说明')).toHaveValue(`${text}。`);
  });
});
