import { readFile } from 'node:fs/promises';
import { test, expect, AppPage, Watchdog } from './fixtures';
import { expectNoAxeViolations } from './a11y';
import type { Page } from '@playwright/test';

// 核查与整改 end to end, in two browser profiles: the department (this test's page) and the Party
// group office (a second browser context, so its own localStorage and IndexedDB).
//
// The department exports its file on 整改 and imports the office's 核查意见 on 导入导出 (整改 links
// there); the office receives department files on 汇总 and verifies on 核查.

const setup = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' };

async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = test.info().outputPath(`download-${Date.now()}`, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

/** The office receives a department's file on 汇总 and opens it on 核查. */
async function receive(office: Page, path: string, name: string) {
  await office.goto('./#/summary');
  await office.getByTestId('receive-files').setInputFiles(path);
  await expect(office.locator(`[data-testid="receive-result"][data-file="${name}"]`).last()).toBeVisible();
  await office.goto('./#/verify/-');
  await office.getByTestId('received-list').getByRole('link', { name: '县文化广播影视局 办公室 2025' }).click();
  await expect(office.getByTestId('verify-department')).toContainText('办公室');
}

/**
 * The department imports the office's 核查意见 on 导入导出, after its preview; returns the preview's
 * counts line. `counts`: what the preview must say.
 */
async function importFindings(app: AppPage, page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }, counts?: string) {
  await app.openExchange();
  await app.importFile(file);
  await expect(page.getByTestId('findings-preview')).toBeVisible();
  if (counts) await expect(page.getByTestId('findings-counts')).toContainText(counts);
  await page.getByRole('button', { name: '导入核查意见' }).click();
  await expect(page.getByTestId('import-result')).toBeVisible();
}

async function exportOwn(page: Page) {
  await page.goto('./#/rectification');
  await expect(page.getByTestId('rectification')).toBeVisible();
  return download(page, () => page.getByTestId('export-own').click());
}

test.describe('核查与整改', () => {
  test('the office verifies a file and sends findings; the department rectifies; the office sees progress', async ({ app, page, browser, baseURL }) => {
    // The department answers three items and sends its file.
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.answer('4.1.2', '部分落实');
    await app.answer('4.1.3', '已落实');
    await app.expectSaved();
    const first = await exportOwn(page);
    expect(first.name).toMatch(/^意识形态责任制自评_.*\.json$/);

    // The office, in its own browser, receives it and verifies: 4.1.1 不属实, 4.1.3 核实.
    const context = await browser.newContext({ baseURL, locale: 'zh-CN', acceptDownloads: true });
    const office = await context.newPage();
    const officeWatch = new Watchdog(office, new URL(baseURL!).origin);
    const officeApp = new AppPage(office);
    await officeApp.open();
    await officeApp.chooseRole('office');
    await office.goto('./#/verify/-');
    await expect(office.getByTestId('verify')).toBeVisible();
    await expectNoAxeViolations(office, undefined, '核查 (empty)');
    await receive(office, first.path, first.name);
    const selfScore = await office.getByTestId('self-score').textContent();
    await expect(office.getByTestId('verified-score')).toHaveText('—');

    await office.getByTestId('verify-item-4.1.1').getByRole('link', { name: '4.1.1' }).click();
    const form = office.getByRole('form', { name: '保存核查结论' });
    await expect(form.getByTestId('department-answer')).toHaveText('科室自查：已落实');
    await form.getByLabel('核查结论').selectOption({ label: '不属实' });
    await form.getByRole('button', { name: '保存核查结论' }).click();
    await expect(form.getByRole('alert')).toHaveText('“不属实”需要选择核查认定的落实情况');
    await form.getByLabel('核查认定的落实情况').selectOption({ label: '未落实' });
    await form.getByLabel('核查方式').selectOption({ label: '查阅资料' });
    await form.getByLabel('核查说明').fill('未见会议记录');
    await form.getByLabel('核查人').fill('王主任');
    await form.getByRole('button', { name: '保存核查结论' }).click();
    await expect(office.getByTestId('verify-item-4.1.1').getByTestId('verdict')).toHaveText('不属实');
    await expect(office.getByTestId('difference-4.1.1')).toContainText('未见会议记录');
    const verifiedScore = await office.getByTestId('verified-score').textContent();
    expect(Number(verifiedScore)).toBeLessThan(Number(selfScore));

    await office.getByTestId('verify-item-4.1.3').getByRole('link', { name: '4.1.3' }).click();
    await office.getByRole('form', { name: '保存核查结论' }).getByLabel('核查结论').selectOption({ label: '核实' });
    await office.getByRole('form', { name: '保存核查结论' }).getByRole('button', { name: '保存核查结论' }).click();
    await expect(office.getByTestId('verify-item-4.1.3').getByTestId('verdict')).toHaveText('核实');
    await expectNoAxeViolations(office, undefined, '核查 (verified)');

    const findings = await download(office, () => office.getByTestId('export-findings').click());
    expect(findings.name).toMatch(/^核查意见_.*\.json$/);
    expect(JSON.parse(findings.text).kind).toBe('findings');

    // The department imports the findings on 导入导出 (整改 says so and links there): the finding is
    // on its item, twice changes nothing.
    await page.goto('./#/rectification');
    await expect(page.getByLabel('选择核查意见文件')).toHaveCount(0);
    await page.getByTestId('findings-import-link').getByRole('link', { name: '到“导入导出”页' }).click();
    await expect(page.getByTestId('exchange')).toBeVisible();
    await importFindings(app, page, findings.path, '新的核查意见 1 条');
    await expect(page.getByTestId('import-result')).toContainText('新增 1 条，更新 0 条');
    await page.goto('./#/rectification');
    await expect(page.getByTestId('finding-4.1.1')).toContainText('不属实');
    await expect(page.getByTestId('finding-4.1.1')).toContainText('核查认定：未落实');
    await expect(page.getByTestId('finding-4.1.1')).toContainText('未见会议记录');
    await expect(page.getByTestId('received-verified-score')).toHaveText(verifiedScore!);
    await expect(page.getByTestId('received-self-score')).toHaveText(selfScore!);
    await importFindings(app, page, findings.path, '已有且不变 1 条');
    await expect(page.getByTestId('import-result')).toContainText('没有改变任何数据');
    await page.goto('./#/rectification');
    await expect(page.getByTestId('finding-4.1.1')).toHaveCount(1);
    await app.openChapter('4.1');
    await expect(app.item('4.1.1').getByTestId('item-findings')).toContainText('核查意见：不属实。未见会议记录');
    await page.goto('./#/overview');
    await expect(page.getByTestId('overview-verified-score')).toHaveText(`核定分（党组办公室核查）${verifiedScore}`);
    await page.goto('./#/report');
    await expect(page.getByTestId('report')).toContainText(`经党组办公室核查，核定分 ${verifiedScore}。`);

    // A task for the finding, done with its evidence; the domain refuses 已完成 without it.
    await page.goto('./#/rectification');
    await page.getByTestId('need-finding-4.1.1').getByRole('button', { name: '建立整改任务' }).click();
    const newTask = page.getByTestId('new-task-form');
    await newTask.getByLabel('整改措施').fill('补开意识形态工作专题会议并完善记录');
    await newTask.getByLabel('责任人').fill('李四');
    await newTask.getByLabel('完成时限').fill('2025-12-31');
    await newTask.getByLabel('整改状态').selectOption({ label: '已完成' });
    await newTask.getByLabel('完成日期').fill('2025-11-20');
    await newTask.getByRole('button', { name: '保存整改任务' }).click();
    await expect(newTask.getByRole('alert')).toHaveText('已完成的任务请选择佐证台账或填写佐证文件');
    await newTask.getByLabel('佐证文件（名称、文号或存放位置）').fill('党组会议记录 2025-11-20');
    await newTask.getByRole('button', { name: '保存整改任务' }).click();
    const done = page.getByTestId('task-4.1.1');
    await expect(done).toHaveAttribute('data-status', 'done');
    await expect(done).toBeFocused();
    await expect(done.getByTestId('task-done')).toHaveText('已完成');

    // An overdue task for the item self-checked 部分落实: red, with an icon and the words.
    await page.getByTestId('need-item-4.1.2').getByRole('button', { name: '建立整改任务' }).click();
    await newTask.getByLabel('整改措施').fill('补齐下半年学习记录');
    await newTask.getByLabel('完成时限').fill('2025-01-31');
    await newTask.getByLabel('整改状态').selectOption({ label: '进行中' });
    await newTask.getByRole('button', { name: '保存整改任务' }).click();
    const late = page.getByTestId('task-4.1.2');
    await expect(late.getByTestId('task-overdue')).toHaveText('已逾期（完成时限 2025-01-31）');
    await expect(late.locator('svg.icon')).toHaveCount(1);
    await expect(late).toHaveClass(/task-overdue/);
    await expectNoAxeViolations(page, undefined, '整改 (tasks)');
    await page.goto('./#/overview');
    await expect(page.getByTestId('open-tasks')).toHaveText(/整改任务未完成 1 项，其中已逾期 1 项/);

    // The department sends its new file; the office sees the task done, its verdicts kept, both scores.
    const second = await exportOwn(page);
    await receive(office, second.path, second.name);
    await expect(office.getByTestId('department-task-4.1.1').getByTestId('department-task-status')).toHaveText('已完成');
    await expect(office.getByTestId('verify-item-4.1.1').getByTestId('verdict')).toHaveText('不属实');
    await expect(office.getByTestId('verify-item-4.1.3').getByTestId('verdict')).toHaveText('核实');
    await expect(office.getByTestId('self-score')).toHaveText(selfScore!);
    await expect(office.getByTestId('verified-score')).toHaveText(verifiedScore!);
    await office.getByTestId('department-task-4.1.1').getByRole('button', { name: '销号' }).click();
    await expect(office.getByTestId('department-task-4.1.1')).toContainText('党组办公室已销号');
    await context.close();
    expect(officeWatch.problems).toEqual([]);
  });

  test('a changed item is marked for re-check; findings for another department are refused', async ({ app, page, browser, baseURL }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.expectSaved();
    const first = await exportOwn(page);

    const context = await browser.newContext({ baseURL, locale: 'zh-CN', acceptDownloads: true });
    const office = await context.newPage();
    const officeApp = new AppPage(office);
    await officeApp.open();
    await officeApp.chooseRole('office');
    await receive(office, first.path, first.name);
    await office.getByTestId('verify-item-4.1.1').getByRole('link', { name: '4.1.1' }).click();
    const form = office.getByRole('form', { name: '保存核查结论' });
    await form.getByLabel('核查结论').selectOption({ label: '存疑' });
    await form.getByLabel('核查认定的落实情况').selectOption({ label: '部分落实' });
    await form.getByRole('button', { name: '保存核查结论' }).click();
    await expect(office.getByTestId('verify-item-4.1.1').getByTestId('verdict')).toHaveText('存疑');
    const findings = await download(office, () => office.getByTestId('export-findings').click());

    // The department changes 4.1.1 after the office verified it, then sends again.
    await app.openChapter('4.1');
    await app.answer('4.1.1', '部分落实');
    await app.expectSaved();
    const second = await exportOwn(page);
    await app.openExchange();
    await app.importFile(findings.path);
    await expect(page.getByTestId('findings-changed-since')).toContainText('其中 1 条核查意见涉及的事项在核查后本科室已修改');
    await page.getByRole('button', { name: '导入核查意见' }).click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    await page.goto('./#/rectification');
    await expect(page.getByTestId('finding-4.1.1').getByTestId('finding-changed')).toBeVisible();

    await receive(office, second.path, second.name);
    await expect(office.getByTestId('verify-item-4.1.1').getByTestId('verdict-stale')).toContainText('需重新核查');
    await context.close();

    // The findings are refused by another department's browser, with the reason.
    const otherContext = await browser.newContext({ baseURL, locale: 'zh-CN', acceptDownloads: true });
    const otherPage = await otherContext.newPage();
    const otherApp = new AppPage(otherPage);
    await otherApp.open();
    await otherApp.completeSetup({ ...setup, department: '宣传股' });
    await otherApp.openExchange();
    await otherApp.importFile(findings.path);
    await expect(otherPage.getByTestId('import-error')).toContainText('另一个科室');
    await otherPage.goto('./#/rectification');
    await expect(otherPage.getByTestId('no-findings')).toBeVisible();
    // A findings file edited after export is not taken in without the user's word: the checksum
    // is named and a confirmation asked first.
    const edited = findings.text.replace('"verdict": "doubtful"', '"verdict": "not_as_reported"');
    await otherApp.openExchange();
    await otherApp.importFile({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(edited) });
    await expect(otherPage.getByTestId('exchange')).toContainText('校验值');
    await expect(otherPage.getByRole('button', { name: '确认内容无误，继续' })).toBeVisible();
    await expect(otherPage.getByTestId('findings-preview')).toHaveCount(0);
    await otherContext.close();
  });

  test('a red line 已发生 is followed up: the office records the decision, the department sees it, its report says it and its backup carries it', async ({ app, page, browser, baseURL }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.openChapter('7');
    await app.answer('7.5', '已发生');
    await app.item('7.5').getByLabel('具体情况（必填）').fill('所属公众号转发错误导向文章');
    await app.item('7.5').getByLabel('发生日期').fill('2025-09-01');
    await app.expectSaved();
    const file = await exportOwn(page);

    const context = await browser.newContext({ baseURL, locale: 'zh-CN', acceptDownloads: true });
    const office = await context.newPage();
    const officeApp = new AppPage(office);
    await officeApp.open();
    await officeApp.chooseRole('office');
    await receive(office, file.path, file.name);
    const form = office.getByRole('form', { name: '记录处理决定' });
    await form.getByRole('button', { name: '记录处理决定' }).click();
    await expect(form.getByRole('alert').first()).toBeVisible();
    await form.getByLabel('处理方式').selectOption({ label: '通报批评' });
    await form.getByLabel('决定日期').fill('2025-08-01');
    await form.getByLabel('决定机关（人）').fill('局党组');
    await form.getByRole('button', { name: '记录处理决定' }).click();
    await expect(form.getByRole('alert')).toHaveText('决定日期早于情形发生日期');
    await form.getByLabel('决定日期').fill('2025-10-09');
    await form.getByRole('button', { name: '记录处理决定' }).click();
    await expect(office.getByTestId('verify-accountability')).toContainText('检查项 7.5：通报批评（2025-10-09，局党组）');
    await expectNoAxeViolations(office, undefined, '核查 (accountability)');
    // And 4.1.1 不属实, so that 核定分 differs from 自评分.
    await office.getByTestId('verify-item-4.1.1').getByRole('link', { name: '4.1.1' }).click();
    const verdict = office.getByRole('form', { name: '保存核查结论' });
    await verdict.getByLabel('核查结论').selectOption({ label: '不属实' });
    await verdict.getByLabel('核查认定的落实情况').selectOption({ label: '未落实' });
    await verdict.getByRole('button', { name: '保存核查结论' }).click();
    await expect(office.getByTestId('verify-item-4.1.1').getByTestId('verdict')).toHaveText('不属实');
    const selfScore = (await office.getByTestId('self-score').textContent())!;
    const verifiedScore = (await office.getByTestId('verified-score').textContent())!;
    expect(Number(verifiedScore)).toBeLessThan(Number(selfScore));
    const findings = await download(office, () => office.getByTestId('export-findings').click());
    await context.close();

    // The preview says what the file brings beyond its findings.
    await app.openExchange();
    await app.importFile(findings.path);
    await expect(page.getByTestId('findings-office-review')).toContainText(`责任追究决定 1 项、核定分 ${verifiedScore}`);
    await page.getByRole('button', { name: '导入核查意见' }).click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    await expect.poll(async () => (await app.storedState()).includes('zrz3.r.office_review/')).toBe(true);
    await page.goto('./#/rectification');
    await expect(page.getByTestId('accountability')).toContainText('检查项 7.5：通报批评（2025-10-09，局党组）');
    await page.goto('./#/report');
    await expect(page.getByTestId('report')).toContainText('责任追究：检查项 7.5：通报批评（2025-10-09，局党组）');

    // The department's backup carries the decision and both scores: restored in a fresh profile,
    // 整改, 总览 and 自查报告 show them.
    await app.openExchange();
    const backup = await app.exportFile('导出全部数据备份');
    const state = JSON.parse(backup.text).content.state.assessment.office_review;
    expect(state.accountability[0]).toMatchObject({ item_id: '7.5', decision: 'circular_criticism', decided_by: '局党组' });
    expect(state.scores.verified_score).toBe(Number(verifiedScore));
    const fresh = await browser.newContext({ baseURL, locale: 'zh-CN', acceptDownloads: true });
    const restored = await fresh.newPage();
    const restoredWatch = new Watchdog(restored, new URL(baseURL!).origin);
    const restoredApp = new AppPage(restored);
    await restoredApp.open();
    await restoredApp.chooseRole('department');
    await restoredApp.openExchange();
    await restoredApp.importFile(backup.path);
    await expect(restored.getByTestId('restore-preview')).toBeVisible();
    await restored.getByLabel('我知道恢复会替换本浏览器中的现有数据').check();
    await restored.getByRole('button', { name: '从备份恢复' }).click();
    await expect(restored.getByTestId('import-result')).toContainText('已从备份');
    await restored.goto('./#/rectification');
    await expect(restored.getByTestId('accountability')).toContainText('检查项 7.5：通报批评（2025-10-09，局党组）');
    await expect(restored.getByTestId('received-verified-score')).toHaveText(verifiedScore);
    await expect(restored.getByTestId('received-self-score')).toHaveText(selfScore);
    await restored.goto('./#/overview');
    await expect(restored.getByTestId('overview-verified-score')).toHaveText(`核定分（党组办公室核查）${verifiedScore}`);
    await restored.goto('./#/report');
    await expect(restored.getByTestId('report')).toContainText(`经党组办公室核查，核定分 ${verifiedScore}。`);
    await expect(restored.getByTestId('report')).toContainText('责任追究：检查项 7.5：通报批评（2025-10-09，局党组）');
    await fresh.close();
    expect(restoredWatch.problems).toEqual([]);
  });

  test('what an earlier version kept outside the record moves into it at start-up', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await page.evaluate(() => localStorage.setItem('zrz.findings-received', JSON.stringify({
      accountability: [{ item_id: '7.5', decision: 'reminder', decided_on: '2025-10-09', decided_by: '局党组', note: '' }],
      scores: { self_score: 80, verified_score: 72.5 },
    })));
    await page.reload();
    await expect(page.locator('.app-header')).toBeVisible();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('zrz.findings-received'))).toBeNull();
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('zrz3.r.office_review/')!).data);
    expect(stored.scores).toEqual({ self_score: 80, verified_score: 72.5 });
    expect(stored.accountability[0].decision).toBe('reminder');
    await expect(page.getByTestId('overview-verified-score')).toHaveText('核定分（党组办公室核查）72.5');
    await page.goto('./#/rectification');
    await expect(page.getByTestId('accountability')).toContainText('检查项 7.5：提醒（2025-10-09，局党组）');
  });

  test('自查报告 shows the four sections and downloads as .docx', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.answer('4.1.2', '部分落实');
    await app.expectSaved();
    await app.nav('自查报告').click();
    await expect(page.getByTestId('report-title')).toHaveText('县文化广播影视局办公室2025年度意识形态工作责任制落实情况自查报告');
    for (const h of ['一、基本情况', '二、主要做法和成效', '三、存在的问题', '四、下一步工作打算']) {
      await expect(page.getByRole('heading', { name: h })).toBeVisible();
    }
    await expectNoAxeViolations(page, undefined, '自查报告');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()]);
    expect(file.suggestedFilename()).toBe('自查报告_县文化广播影视局_办公室_2025.docx');
    const path = test.info().outputPath('report.docx');
    await file.saveAs(path);
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
