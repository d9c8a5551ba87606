import { readFile } from 'node:fs/promises';
import { test, expect, AppPage, Watchdog } from './fixtures';
import { expectNoAxeViolations } from './a11y';
import type { Page } from '@playwright/test';

// 核查与整改 end to end, in two browser profiles: the department (this test's page) and the Party
// group office (a second browser context, so its own localStorage and IndexedDB).
//
// Until the 导入导出 page is on this branch, the department exports its file and imports the
// office's 核查意见 on 整改; the office receives department files on 汇总 and verifies on 核查.

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

    // The department imports the findings: the finding is on its item, twice changes nothing.
    await page.goto('./#/rectification');
    await page.getByLabel('选择核查意见文件').setInputFiles(findings.path);
    await expect(page.getByTestId('findings-imported')).toHaveText('已导入：新增 1 条，更新 0 条，未变 0 条。');
    await expect(page.getByTestId('finding-4.1.1')).toContainText('不属实');
    await expect(page.getByTestId('finding-4.1.1')).toContainText('核查认定：未落实');
    await expect(page.getByTestId('finding-4.1.1')).toContainText('未见会议记录');
    await expect(page.getByTestId('received-verified-score')).toHaveText(verifiedScore!);
    await page.getByLabel('选择核查意见文件').setInputFiles(findings.path);
    await expect(page.getByTestId('findings-imported')).toHaveText('已导入：新增 0 条，更新 0 条，未变 1 条。');
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
    await page.getByLabel('选择核查意见文件').setInputFiles(findings.path);
    await expect(page.getByTestId('findings-imported')).toContainText('其中 1 条涉及的事项在核查后已修改');
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
    await otherPage.goto('./#/rectification');
    await otherPage.getByLabel('选择核查意见文件').setInputFiles(findings.path);
    await expect(otherPage.getByTestId('findings-refused')).toContainText('另一个科室');
    await expect(otherPage.getByTestId('no-findings')).toBeVisible();
    // And a findings file edited after export is refused too.
    const edited = findings.text.replace('"verdict": "doubtful"', '"verdict": "not_as_reported"');
    await otherPage.getByLabel('选择核查意见文件').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(edited) });
    await expect(otherPage.getByTestId('findings-refused')).toContainText('校验值');
    await otherContext.close();
  });

  test('a red line 已发生 is followed up: the office records the decision, the department sees it and its report says it', async ({ app, page, browser, baseURL }) => {
    await app.open();
    await app.completeSetup(setup);
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
    const findings = await download(office, () => office.getByTestId('export-findings').click());
    await context.close();

    await page.goto('./#/rectification');
    await page.getByLabel('选择核查意见文件').setInputFiles(findings.path);
    await expect(page.getByTestId('findings-imported')).toBeVisible();
    await expect(page.getByTestId('accountability')).toContainText('检查项 7.5：通报批评（2025-10-09，局党组）');
    await page.goto('./#/report');
    await expect(page.getByTestId('report')).toContainText('责任追究：检查项 7.5：通报批评（2025-10-09，局党组）');
  });

  test('自查报告 shows the four sections and downloads as .docx', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.answer('4.1.2', '部分落实');
    await app.expectSaved();
    await page.goto('./#/report');
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
