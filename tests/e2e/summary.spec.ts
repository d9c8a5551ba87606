import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, AppPage } from './fixtures';
import { expectNoAxeViolations } from './a11y';

// 汇总: the office receives the fixture set of tests/fixtures/office (written by
// `cargo run -p zrz-exchange --example office_fixtures -- tests/fixtures/office`, which also writes
// expected.json, the figures the domain computes for them).
const dir = join(__dirname, '../fixtures/office');
const batch = (name: string) =>
  readdirSync(join(dir, name))
    .sort()
    .map((f) => join(dir, name, f));
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  after_batch2: { department: string; completion: string; score: string; red_lines: number }[];
  red_line_item: string;
};

async function openSummary(app: AppPage, page: Page) {
  await app.open('full.html#/summary');
  if (await page.getByTestId('welcome').isVisible()) await app.chooseRole('office');
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.getByTestId('summary-empty').or(page.getByTestId('summary-table'))).toBeVisible();
}

async function receive(page: Page, files: string[]) {
  await page.getByTestId('receive-files').setInputFiles(files);
  await expect(page.getByTestId('receive-result')).toHaveCount(files.length);
  await expect(page.getByTestId('receive-progress')).toHaveCount(0);
}

const result = (page: Page, file: string) =>
  page.locator(`[data-testid=receive-result][data-file="${file}"]`);

async function download(page: Page, testId: string) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = test.info().outputPath(d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), path, bytes: readFileSync(path) };
}

/** Converts a file with LibreOffice headless and returns the converted file's text. */
function soffice(input: string, to: string): string {
  const out = mkdtempSync(join(tmpdir(), 'zrz-lo-'));
  const profile = `file://${mkdtempSync(join(tmpdir(), 'zrz-lo-profile-'))}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', out, input], {
    timeout: 120_000,
    stdio: 'pipe',
  });
  const written = readdirSync(out);
  expect(written.length).toBeGreaterThan(0);
  return readFileSync(join(out, written[0]), 'utf8');
}

test('the office receives many files at once, sees the table, opens one read only and takes the files away', async ({ app, page }) => {
  test.setTimeout(240_000);
  await openSummary(app, page);
  await expect(page.getByTestId('summary-empty')).toBeVisible();
  await expectNoAxeViolations(page, undefined, 'summary, empty');

  // Batch 1: four departments, a findings file and a broken one, at once.
  await receive(page, batch('batch1'));
  await expect(result(page, '01-办公室-2025.json')).toHaveAttribute('data-result', 'added');
  await expect(result(page, '02-宣传股-2025.json')).toHaveAttribute('data-result', 'added');
  const sanitised = result(page, '03-文物股-2025-脱敏.json');
  await expect(sanitised).toHaveAttribute('data-result', 'added');
  await expect(sanitised.getByTestId('sanitized-note')).toBeVisible();
  const other = result(page, '04-图书馆-2025-旧版方案.json');
  await expect(other).toHaveAttribute('data-result', 'added');
  await expect(other.getByTestId('template-differs')).toContainText('2024.1');
  await expect(other.getByTestId('template-differs')).toContainText('4.1.1');
  const findings = result(page, '05-核查意见.json');
  await expect(findings).toHaveAttribute('data-result', 'refused');
  await expect(findings).toContainText('汇总只接收科室自评文件');
  await expect(result(page, '06-损坏.json')).toHaveAttribute('data-result', 'refused');
  await expect(page.getByTestId('summary-row')).toHaveCount(4);
  await expectNoAxeViolations(page, undefined, 'summary, after receiving');

  // Batch 2: a later export replaces, a copy is already held, an earlier one is kept, 2024 added.
  await receive(page, batch('batch2'));
  await expect(result(page, '07-办公室-2025-更新.json')).toHaveAttribute('data-result', 'replaced');
  await expect(result(page, '08-宣传股-2025-副本.json')).toHaveAttribute('data-result', 'already_held');
  await expect(result(page, '09-办公室-2025-较早.json')).toHaveAttribute('data-result', 'kept_older');
  await expect(result(page, '10-办公室-2024.json')).toHaveAttribute('data-result', 'added');

  // The table of 2025 (the latest year) against the domain's figures.
  await expect(page.getByTestId('summary-row')).toHaveCount(4);
  for (const e of expected.after_batch2) {
    const row = page.locator(`[data-testid=summary-row][data-department="${e.department}"]`);
    await expect(row.locator('[data-col=completion]')).toHaveText(e.completion);
    await expect(row.locator('[data-col=score]')).toHaveText(e.score);
    await expect(row.locator('[data-col=red-lines]')).toContainText(e.red_lines > 0 ? `已发生 ${e.red_lines} 项` : '无');
  }
  await expect(page.getByTestId('summary-totals')).toContainText('合计 (4)');
  // Filter and sort.
  await page.getByLabel('只看发生红线的科室').check();
  await expect(page.getByTestId('summary-row')).toHaveCount(1);
  await expect(page.getByTestId('summary-row')).toHaveAttribute('data-department', '宣传股');
  await page.getByLabel('只看发生红线的科室').uncheck();
  // The first click on a figure sorts highest first.
  await page.getByRole('button', { name: /^自查得分/ }).click();
  await expect(page.getByTestId('summary-row').first()).toHaveAttribute('data-department', '宣传股');
  await page.getByLabel('筛选科室').fill('文物');
  await expect(page.getByTestId('summary-row')).toHaveCount(1);
  await page.getByLabel('筛选科室').fill('');

  // Across departments and years.
  await expect(page.getByTestId('score-chart').locator('rect')).toHaveCount(4);
  await expect(page.getByTestId('red-line-list')).toContainText('宣传股');
  await expect(page.getByTestId('red-line-list')).toContainText('2025-05-01');
  await expect(page.getByTestId('red-line-list')).toContainText('尚未作出责任追究决定');
  await expect(page.getByTestId('excellent-share')).toBeVisible();
  await expect(page.getByTestId('year-over-year')).toContainText('办公室');

  // The older export of 办公室 is kept and can be made current again.
  const office = page.locator('[data-testid=held]', { hasText: '办公室 2025' });
  await expect(office.getByTestId('switch-older')).toHaveCount(2);

  // Removing asks first; cancel keeps it.
  const library = page.locator('[data-testid=held]', { hasText: '图书馆' });
  await library.getByTestId('remove').click();
  await expect(library.getByRole('alertdialog')).toBeVisible();
  await expectNoAxeViolations(page, undefined, 'summary, remove asked');
  await library.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('summary-row')).toHaveCount(4);

  // Kept across a reload (IndexedDB).
  await page.reload();
  await expect(page.getByTestId('summary-row')).toHaveCount(4);

  // Downloads: xlsx (a zip LibreOffice opens), CSV with a byte-order mark, docx with the sections.
  const xlsx = await download(page, 'download-xlsx');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  const cells = soffice(xlsx.path, 'csv:Text - txt - csv (StarCalc):44,34,76,1');
  expect(cells).toContain('宣传股');
  expect(cells).toContain('98');
  const csv = await download(page, 'download-csv');
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.bytes.toString('utf8')).toContain('宣传股');
  const docx = await download(page, 'download-docx');
  expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
  const text = soffice(docx.path, 'txt:Text (encoded):UTF8');
  for (const part of ['一、基本情况', '二、各科室得分', '三、红线情况', '四、干部等次分布', '五、薄弱环节', '宣传股']) {
    expect(text).toContain(part);
  }
  const long = await download(page, 'download-items-csv');
  expect(long.bytes.toString('utf8')).toContain('unit,department,year');
  const ws = await download(page, 'export-workspace');
  expect(JSON.parse(ws.bytes.toString('utf8')).kind).toBe('workspace');

  // The printed report has a title page and its sections.
  const pdf = await page.pdf({ format: 'A4' });
  writeFileSync(test.info().outputPath('summary.pdf'), pdf);
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');

  // A click opens the department read only, in the department's own pages.
  await page.locator('[data-testid=summary-row][data-department="宣传股"] a').first().click();
  await expect(page.getByTestId('received-banner')).toContainText('已接收·只读');
  await expect(page.getByTestId('received-banner')).toContainText('宣传股');
  await expectNoAxeViolations(page, undefined, 'received overview');
  await page.getByTestId('received-banner').getByRole('link', { name: '各章自查' }).click();
  await expect(page.getByTestId('checklist')).toBeVisible();
  await expect(page.getByTestId('checklist').getByRole('radio').first()).toBeDisabled();
  await page.getByTestId('received-banner').getByRole('link', { name: '返回汇总' }).click();
  await expect(page.getByTestId('summary-table')).toBeVisible();

  // Remove for real.
  const lib = page.locator('[data-testid=held]', { hasText: '图书馆' });
  await lib.getByTestId('remove').click();
  await lib.getByTestId('remove-yes').click();
  await expect(page.getByTestId('summary-row')).toHaveCount(3);
});

test('a department verified from its row: both scores and the red line’s decision reach the table, the workbook and the report', async ({ app, page }) => {
  test.setTimeout(240_000);
  await openSummary(app, page);
  await receive(page, batch('batch1'));
  const row = page.locator('[data-testid=summary-row][data-department="宣传股"]');
  await expect(row.locator('[data-col=verified]')).toHaveText('—');
  const selfScore = (await row.locator('[data-col=score]').textContent())!;

  // The row links to the department's 核查.
  await row.getByRole('link', { name: '核查 县文化广播影视局 宣传股' }).click();
  await expect(page.getByTestId('verify-department')).toContainText('宣传股');
  await page.getByTestId('verify-item-4.1.1').getByRole('link', { name: '4.1.1' }).click();
  const verdict = page.getByRole('form', { name: '保存核查结论' });
  await verdict.getByLabel('核查结论').selectOption({ label: '不属实' });
  await verdict.getByLabel('核查认定的落实情况').selectOption({ label: '未落实' });
  await verdict.getByRole('button', { name: '保存核查结论' }).click();
  await expect(page.getByTestId('verify-item-4.1.1').getByTestId('verdict')).toHaveText('不属实');
  const verifiedScore = (await page.getByTestId('verified-score').textContent())!;
  expect(Number(verifiedScore)).toBeLessThan(Number(selfScore));
  const decision = page.getByRole('form', { name: '记录处理决定' });
  await decision.getByLabel('处理方式').selectOption({ label: '通报批评' });
  await decision.getByLabel('决定日期').fill('2025-06-10');
  await decision.getByLabel('决定机关（人）').fill('局党组');
  await decision.getByLabel('核查说明').fill('全局通报');
  await decision.getByRole('button', { name: '记录处理决定' }).click();
  await expect(page.getByTestId('verify-accountability')).toContainText('通报批评（2025-06-10，局党组）');

  // Back on 汇总: both scores side by side.
  await page.goto('./full.html#/summary');
  await expect(row.locator('[data-col=score]')).toHaveText(selfScore);
  await expect(row.locator('[data-col=verified]')).toHaveText(verifiedScore);
  // The red-line list across departments says what was decided, as the workbook does.
  await expect(page.getByTestId('red-line-list').locator('tr', { hasText: '宣传股' }).getByTestId('red-line-accountability'))
    .toHaveText('通报批评（2025-06-10，局党组）：全局通报');

  // The workbook: both scores in the summary sheet's row, the decision in the red-line sheet.
  const xlsx = await download(page, 'download-xlsx');
  const cells = soffice(xlsx.path, 'csv:Text - txt - csv (StarCalc):44,34,76,1');
  const line = cells.split('\n').find((l) => l.includes('宣传股'))!;
  // Numbers are stored as numbers: LibreOffice writes 98.0 as 98.
  expect(line).toContain(`,${Number(selfScore)},${Number(verifiedScore)},`);
  const redLines = soffice(xlsx.path, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2');
  expect(redLines.split('\n')[0]).toContain('责任追究');
  const redRow = redLines.split('\n').find((l) => l.includes('宣传股'))!;
  expect(redRow).toContain('通报批评（2025-06-10，局党组）：全局通报');
  // The report: both scores and the decision.
  const docx = await download(page, 'download-docx');
  const text = soffice(docx.path, 'txt:Text (encoded):UTF8');
  expect(text).toContain('核定得分');
  expect(text).toContain(String(Number(selfScore)));
  expect(text).toContain(String(Number(verifiedScore)));
  expect(text).toContain('通报批评（2025-06-10，局党组）：全局通报');
});
