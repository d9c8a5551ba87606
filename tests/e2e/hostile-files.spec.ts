import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const corpus = join(__dirname, '..', 'fixtures', 'bad');
const expectations: { file: string; outcome: 'refused' | 'accepted'; message: string[] }[] =
  JSON.parse(readFileSync(join(corpus, 'expectations.json'), 'utf8'));
const setup = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三' };

test.describe('files from outside', () => {
  test('every file of the bad corpus gets its specific outcome through the real page, and a refusal changes nothing', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('3');
    await app.answer('3.1', '已落实');
    await app.expectSaved();
    await app.openExchange();
    const before = await app.storedState();
    for (const { file, outcome, message } of expectations) {
      await app.importFile(join(corpus, file));
      const stage = page.getByTestId('import-stage');
      if (outcome === 'refused') {
        const error = page.getByTestId('import-error');
        await expect(error, file).toContainText(file);
        for (const fragment of message) await expect(error, file).toContainText(fragment);
      } else {
        // Accepted files stop at a confirmation (doubtful checksum) or go straight to the preview.
        await expect(stage.getByRole('heading', { level: 3 }).first(), file).toBeVisible();
        for (const fragment of message) await expect(stage, file).toContainText(fragment);
        await stage.getByRole('button', { name: '取消' }).click();
      }
      expect(await app.storedState(), `${file} changed nothing`).toBe(before);
    }
  });

  test('markup in every text field of an imported file is shown as text, never run', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openExchange();
    await app.importFile(join(corpus, 'markup_payloads.json'));
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    await expect(page.getByTestId('merge-preview')).toContainText('<script>');
    await page.getByRole('button', { name: '全部采用文件' }).click();
    await page.getByRole('button', { name: '应用导入' }).click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    const payload = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
    for (const hash of ['#/overview', '#/checklist/3', '#/checklist/4.1', '#/rating', '#/settings', '#/exchange', '#/plan']) {
      await page.goto(`./${hash}`);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      expect(await page.evaluate(() => (window as any).__xss), hash).toBeUndefined();
      expect(await page.locator('main img[src="x"], main script').count(), `${hash}: no element made from the payload`).toBe(0);
    }
    await page.goto('./#/checklist/3');
    await expect(app.item('3.1').getByLabel('落实情况说明')).toHaveValue(payload);
    await page.goto('./#/overview');
    await expect(page.locator('.who')).toContainText('<script>window.__xss=1</script>');
  });

  test('a passphrase-protected export opens only with its passphrase', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ ...setup, department: '机要科' });
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.item('4.1.1').getByLabel('落实情况说明').fill('不应出现在加密文件中的说明');
    await app.openExchange();
    await page.getByLabel('设置口令加密').check();
    await page.getByLabel('口令（至少 8 个字符）').fill('short');
    await page.getByLabel('再次输入口令').fill('short');
    await page.getByRole('button', { name: '导出自评文件', exact: true }).click();
    await expect(page.getByTestId('export-result')).toHaveText('口令至少需要 8 个字符');
    await page.getByLabel('口令（至少 8 个字符）').fill('文广局 2024 口令');
    await page.getByLabel('再次输入口令').fill('文广局 2024 口令!');
    await page.getByRole('button', { name: '导出自评文件', exact: true }).click();
    await expect(page.getByTestId('export-result')).toHaveText('两次输入的口令不一致');
    await page.getByLabel('再次输入口令').fill('文广局 2024 口令');
    const exported = await app.exportFile('导出自评文件');
    expect(exported.name).toMatch(/_加密\.json$/);
    const sealed = JSON.parse(exported.text);
    expect(sealed).toMatchObject({ format: 'zrz-encrypted', kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000 }, cipher: { name: 'AES-GCM', key_bits: 256 } });
    expect(exported.text).not.toContain('机要科');
    expect(exported.text).not.toContain('不应出现');

    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await app.importFile(exported.path);
    const unlock = page.getByTestId('import-unlock');
    await unlock.getByLabel('口令').fill('错误的口令 12345');
    await unlock.getByRole('button', { name: '解密并继续' }).click();
    await expect(page.getByTestId('import-unlock').getByRole('alert')).toContainText('口令不正确');
    await page.getByTestId('import-unlock').getByLabel('口令').fill('文广局 2024 口令');
    await page.getByTestId('import-unlock').getByRole('button', { name: '解密并继续' }).click();
    await expect(page.getByTestId('merge-preview')).toBeVisible();
    await page.getByRole('button', { name: '应用导入' }).click();
    await app.openChapter('4.1');
    await expect(app.item('4.1.1').getByLabel('落实情况说明')).toHaveValue('不应出现在加密文件中的说明');
  });
});
