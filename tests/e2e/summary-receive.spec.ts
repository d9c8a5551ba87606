import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, AppPage } from './fixtures';
import { expectNoAxeViolations } from './a11y';

// 汇总, receiving beyond the file picker: files dropped at once (folders are walked by
// `browser::files::walk`, tested over a made-up tree in tests/web.rs: Playwright cannot drop a
// folder), a passphrase-protected file, the received view keeping its links, and 示例汇总.
const dir = join(__dirname, '../fixtures/office');
const fixture = (batch: string, name: string) => join(dir, batch, name);

async function openSummary(app: AppPage, page: Page) {
  await app.open('full.html#/summary');
  if (await page.getByTestId('welcome').isVisible()) await app.chooseRole('office');
  await expect(page.getByTestId('summary-empty').or(page.getByTestId('summary-table'))).toBeVisible();
}

const result = (page: Page, file: string) => page.locator(`[data-testid=receive-result][data-file="${file}"]`);

/** The app's encrypted-file layout (crates/exchange/src/encrypted.rs), sealed here with Node's WebCrypto. */
async function seal(text: string, passphrase: string): Promise<string> {
  const subtle = webcrypto.subtle;
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const iterations = 600000;
  const base = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  const key = await subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)));
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  return JSON.stringify({
    format: 'zrz-encrypted',
    format_version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: b64(salt) },
    cipher: { name: 'AES-GCM', key_bits: 256, iv: b64(iv) },
    ciphertext: b64(sealed),
  });
}

test('files dropped at once are received, a non-exchange file among them refused with its reason', async ({ app, page }) => {
  await openSummary(app, page);
  const files = [
    { name: '01-办公室-2025.json', text: readFileSync(fixture('batch1', '01-办公室-2025.json'), 'utf8') },
    { name: '02-宣传股-2025.json', text: readFileSync(fixture('batch1', '02-宣传股-2025.json'), 'utf8') },
    { name: '说明.txt', text: '请查收' },
  ];
  const dataTransfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([f.text], f.name, { type: f.name.endsWith('.json') ? 'application/json' : 'text/plain' }));
    return dt;
  }, files);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('receive-result')).toHaveCount(3);
  await expect(result(page, '01-办公室-2025.json')).toHaveAttribute('data-result', 'added');
  await expect(result(page, '02-宣传股-2025.json')).toHaveAttribute('data-result', 'added');
  await expect(result(page, '说明.txt')).toHaveAttribute('data-result', 'refused');
  await expect(page.getByTestId('summary-row')).toHaveCount(2);
});

test('a passphrase-protected file: a wrong passphrase is told, the right one receives it', async ({ app, page }) => {
  test.setTimeout(120_000);
  await openSummary(app, page);
  const sealed = await seal(readFileSync(fixture('batch1', '02-宣传股-2025.json'), 'utf8'), '文广局 2025 口令');
  await page.getByTestId('receive-files').setInputFiles({ name: '宣传股_加密.json', mimeType: 'application/json', buffer: Buffer.from(sealed) });
  const line = result(page, '宣传股_加密.json');
  await expect(line).toHaveAttribute('data-result', 'encrypted');
  await expectNoAxeViolations(page, undefined, 'summary, passphrase asked');
  await line.getByLabel('文件密码').fill('错误的口令 12345');
  await line.getByRole('button', { name: '解密' }).click();
  await expect(line.getByRole('alert')).toContainText('口令不正确');
  await expect(page.getByTestId('summary-row')).toHaveCount(0);
  await line.getByLabel('文件密码').fill('文广局 2025 口令');
  await line.getByRole('button', { name: '解密' }).click();
  await expect(line).toHaveAttribute('data-result', 'added', { timeout: 60_000 });
  await expect(page.getByTestId('summary-row')).toHaveCount(1);
  await expect(page.getByTestId('summary-row')).toHaveAttribute('data-department', '宣传股');
});

test('in a received department, the checklist chapter tabs stay in the received view; the table is kept beside the files', async ({ app, page }) => {
  await openSummary(app, page);
  await page.getByTestId('receive-files').setInputFiles(readdirSync(join(dir, 'batch1')).filter((f) => f.startsWith('02')).map((f) => fixture('batch1', f)));
  await expect(page.getByTestId('summary-row')).toHaveCount(1);
  const score = await page.locator('[data-testid=summary-row] [data-col=score]').textContent();

  // After a reload the table comes from the kept figures, the same.
  await page.reload();
  await expect(page.locator('[data-testid=summary-row] [data-col=score]')).toHaveText(score!);

  await page.locator('[data-testid=summary-row] a').first().click();
  await expect(page.getByTestId('received-banner')).toContainText('宣传股');
  await page.getByTestId('received-banner').getByRole('link', { name: '各章自查' }).click();
  await expect(page.getByTestId('checklist')).toBeVisible();
  // A chapter tab of the department's checklist: still the received file, read only.
  const tabs = page.locator('nav.chapter-nav a');
  await tabs.nth(2).click();
  await expect(page).toHaveURL(/#\/received\/.+\/checklist\//);
  await expect(page.getByTestId('received-banner')).toContainText('宣传股');
  await expect(page.getByTestId('checklist').getByRole('radio').first()).toBeDisabled();
});

test('示例汇总 adds five demo departments to the workspace, marked, and removes them', async ({ app, page }) => {
  await openSummary(app, page);
  await page.getByTestId('receive-files').setInputFiles([fixture('batch1', '01-办公室-2025.json')]);
  await expect(page.getByTestId('summary-row')).toHaveCount(1);
  await page.goto('./full.html#/guide');
  const demo = page.getByTestId('office-demo');
  await demo.getByTestId('office-demo-load').click();
  await expect(demo.getByTestId('office-demo-message')).toContainText('5');
  await expectNoAxeViolations(page, undefined, 'guide, demo summary loaded');
  await demo.getByRole('link', { name: '打开汇总' }).click();
  // This year's five demo departments in the table (the year shown is the latest held), six held.
  await expect(page.getByTestId('summary-row')).toHaveCount(5);
  await expect(page.locator('[data-testid=summary-row][data-department^="【示例】"]')).toHaveCount(5);
  await expect(page.getByTestId('held')).toHaveCount(6);
  await page.goto('./full.html#/guide');
  await demo.getByTestId('office-demo-remove').click();
  await demo.getByTestId('office-demo-remove-confirm').click();
  await expect(demo.getByTestId('office-demo-message')).toContainText('移除');
  await page.goto('./full.html#/summary');
  await expect(page.getByTestId('summary-row')).toHaveCount(1);
  await expect(page.getByTestId('summary-row')).toHaveAttribute('data-department', '办公室');
});

test('the whole workspace exported and imported into a fresh browser gives the same table, after a preview', async ({ app, page }) => {
  test.setTimeout(180_000);
  await openSummary(app, page);
  const batch1 = readdirSync(join(dir, 'batch1')).sort().map((f) => fixture('batch1', f));
  await page.getByTestId('receive-files').setInputFiles(batch1);
  await expect(page.getByTestId('summary-row')).toHaveCount(4);
  const table = async () =>
    (await page.getByTestId('summary-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText))).sort();
  const before = await table();
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-workspace').click()]);
  const path = test.info().outputPath(d.suggestedFilename());
  await d.saveAs(path);

  await app.clearBrowser();
  await page.reload();
  await openSummary(app, page);
  await expect(page.getByTestId('summary-empty')).toBeVisible();
  await page.getByTestId('workspace-import-file').setInputFiles(path);
  const preview = page.getByTestId('workspace-import-preview');
  await expect(preview.getByTestId('workspace-import-row')).toHaveCount(4);
  await expect(preview).toContainText('新增科室');
  await expectNoAxeViolations(page, undefined, 'summary, workspace import preview');
  // Nothing changes before the confirmation.
  await expect(page.getByTestId('summary-row')).toHaveCount(0);
  await preview.getByTestId('workspace-import-apply').click();
  await expect(page.getByTestId('workspace-import-result')).toContainText('新增 4 个科室');
  await expect(page.getByTestId('summary-row')).toHaveCount(4);
  expect(await table()).toEqual(before);

  // The same file again: everything already held, nothing replaced.
  await page.getByTestId('workspace-import-file').setInputFiles(path);
  await expect(page.getByTestId('workspace-import-preview')).toContainText('已全部持有');
});
