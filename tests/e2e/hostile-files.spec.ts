import { test, expect, AppPage } from './fixtures';
import { expectNoAxeViolations } from './a11y';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const corpus = join(__dirname, '..', 'fixtures', 'bad');
const expectations: { file: string; outcome: 'refused' | 'accepted'; message: string[] }[] =
  JSON.parse(readFileSync(join(corpus, 'expectations.json'), 'utf8'));
// The corpus's accepted files are 办公室's of 2025: a colleague's files, so they reach the preview.
const setup = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' };

/** A first visit answered as a department, without the unit's details (a fresh record accepts any file). */
async function freshDepartment(app: AppPage) {
  await app.open();
  const chooser = app.page.getByTestId('role-department');
  if (await chooser.isVisible()) await chooser.click();
}

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
        if (file === 'not_json.txt') {
          // #9.11: what the user needs first is that this is not one of the app's files.
          const text = (await error.textContent()) ?? '';
          expect(text.indexOf('这不是本应用导出的文件'), text).toBeLessThan(text.indexOf('普通文字'));
          expect(text).not.toContain('语法错误');
        }
        if (file === 'truncated_mid_character.json') await expect(error, file).not.toContainText('GBK');
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
    // A fresh browser: the file's unit and department are themselves markup, so it merges only here.
    await freshDepartment(app);
    await app.openExchange();
    await app.importFile(join(corpus, 'markup_payloads.json'));
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    await expect(page.getByTestId('merge-preview')).toContainText('<script>');
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
    await expect(page.getByTestId('export-result')).toContainText('口令至少需要 8 个字符');
    await page.getByLabel('口令（至少 8 个字符）').fill('文广局 2024 口令');
    await page.getByLabel('再次输入口令').fill('文广局 2024 口令!');
    await page.getByRole('button', { name: '导出自评文件', exact: true }).click();
    await expect(page.getByTestId('export-result')).toContainText('两次输入的口令不一致');
    await page.getByLabel('再次输入口令').fill('文广局 2024 口令');
    const exported = await app.exportFile('导出自评文件');
    expect(exported.name).toMatch(/_加密\.json$/);
    const sealed = JSON.parse(exported.text);
    expect(sealed).toMatchObject({ format: 'zrz-encrypted', kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000 }, cipher: { name: 'AES-GCM', key_bits: 256 } });
    expect(exported.text).not.toContain('机要科');
    expect(exported.text).not.toContain('不应出现');

    await app.clearBrowser();
    await page.reload();
    await freshDepartment(app);
    await app.openExchange();
    await app.importFile(exported.path);
    const unlock = page.getByTestId('import-unlock');
    await expect(unlock).toBeVisible();
    await expectNoAxeViolations(page, undefined, 'passphrase prompt');
    await unlock.getByLabel('口令').fill('错误的口令 12345');
    await unlock.getByRole('button', { name: '解密并继续' }).click();
    await expect(page.getByTestId('import-unlock').getByRole('alert')).toContainText('口令不正确');
    await page.getByTestId('import-unlock').getByLabel('口令').fill('文广局 2024 口令');
    await page.getByTestId('import-unlock').getByRole('button', { name: '解密并继续' }).click();
    await expect(page.getByTestId('merge-preview')).toBeVisible();
    await page.getByRole('button', { name: '应用导入' }).click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    await app.openChapter('4.1');
    await expect(app.item('4.1.1').getByLabel('落实情况说明')).toHaveValue('不应出现在加密文件中的说明');
  });
});
