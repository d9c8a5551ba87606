import { test, expect, AppPage, Watchdog } from './fixtures';
import { expectNoAxeViolations } from './a11y';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const fixtures = join(__dirname, '..', 'fixtures', 'exchange');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

const file = (name: string, body: string | Buffer) => ({
  name,
  mimeType: 'application/json',
  buffer: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
});

/** A first visit answered as a department, without the unit's details (a fresh record). */
async function freshDepartment(app: AppPage) {
  await app.open();
  const chooser = app.page.getByTestId('role-department');
  if (await chooser.isVisible()) await chooser.click();
}

/** RFC 8785 (JCS) for the JSON these files hold (docs/format.md, 校验值): keys in UTF-16 order, no
 *  whitespace, numbers and strings as JavaScript writes them. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A file changed by hand and its checksum made again, as a newer app version would write it. */
function rewritten(json: any): string {
  json.checksum = `sha256:${createHash('sha256').update(canonical(json.content), 'utf8').digest('hex')}`;
  return JSON.stringify(json, null, 2);
}

test.describe('exchange files', () => {
  test('fields a newer app wrote into a colleague’s file survive the merge and the next export', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '文化市场科', filledBy: '李四', year: '2024' });
    await app.openChapter('4.1');
    await app.answer('4.1.2', '部分落实');
    await app.expectSaved();
    await app.openExchange();
    const mine = JSON.parse((await app.exportFile('导出自评文件')).text);
    // The colleague's newer app changed the note and wrote fields this version does not know.
    mine.content.answers['4.1.2'].note = '同事补充：下半年再学一次';
    mine.content.answers['4.1.2'].reviewed_by = '新版本的字段';
    mine.content.answers['4.1.3'] = { response: 'implemented', note: '', reason: '', evidence: [], signed_off: { by: '王五' } };
    await app.importFile(file('colleague.json', rewritten(mine)));
    await expect(page.getByTestId('merge-preview')).toBeVisible();
    await page.getByRole('button', { name: '应用导入' }).click();
    await expect(page.getByTestId('import-result')).toContainText('已导入');
    await app.expectSaved();
    await page.reload();
    await app.openChapter('4.1');
    await expect(app.item('4.1.2').getByLabel('落实情况说明')).toHaveValue('同事补充：下半年再学一次');
    await app.openExchange();
    const next = JSON.parse((await app.exportFile('导出自评文件')).text);
    expect(next.content.answers['4.1.2'].reviewed_by).toBe('新版本的字段');
    expect(next.content.answers['4.1.3'].signed_off).toEqual({ by: '王五' });
  });

  test('export the assessment, clear the browser, import the file and find everything', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '文化市场科', filledBy: '李四', year: '2024' });
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.answer('4.1.2', '部分落实');
    await app.item('4.1.2').getByLabel('落实情况说明').fill('上半年已安排一次专题学习');
    await app.openChapter('7');
    await app.answer('7.1', '未发生');
    await app.expectSaved();

    await app.openExchange();
    await expect(page.getByTestId('last-export')).toHaveText('尚未导出过自评文件。');
    await expectNoAxeViolations(page, undefined, '导入导出');
    const exported = await app.exportFile('导出自评文件');
    expect(exported.name).toMatch(/^意识形态责任制自评_县文化广播影视局_文化市场科_2024_\d{8}\.json$/);
    const json = JSON.parse(exported.text);
    expect(json).toMatchObject({
      format: 'zrz-exchange',
      format_version: 3,
      kind: 'assessment',
      unit: '县文化广播影视局',
      department: '文化市场科',
      year: 2024,
      sanitized: false,
      template: { id: 'wenguang-ideology-responsibility' },
    });
    expect(json.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(json.content.answers['4.1.2']).toMatchObject({ response: 'partial', note: '上半年已安排一次专题学习' });
    await expect(page.getByTestId('export-result')).toContainText('内容一致');
    await expect(page.getByTestId('last-export')).toContainText('此后修改了 0 处');

    await app.clearBrowser();
    await page.reload();
    await freshDepartment(app);
    await app.openExchange();
    await app.importFile(exported.path);
    const preview = page.getByTestId('merge-preview');
    await expect(preview).toBeVisible();
    await expect(page.getByTestId('file-summary')).toContainText(exported.name);
    // Clerk-readable: the item's number and text, the answer in words, the changed fields only.
    const row = page.getByTestId('row-answers-4.1.2');
    await expect(row).toContainText('新增');
    await expect(row).toContainText('4.1.2');
    await expect(row).toContainText('答复：（空） → 部分落实');
    await expect(row).toContainText('说明：（空） → 上半年已安排一次专题学习');
    await expect(page.getByTestId('row-profile-unit')).toContainText('单位名称');
    await expect(page.getByTestId('merge-counts')).toContainText('冲突 0 项');
    await expect(preview).not.toContainText('{"');
    await expectNoAxeViolations(page, undefined, 'merge preview');
    await page.getByRole('button', { name: '应用导入' }).click();
    await expect(page.getByTestId('import-result')).toContainText(`已导入“${exported.name}”`);
    await app.expectSaved();

    const check = async () => {
      await app.openChapter('4.1');
      await expect(app.item('4.1.1').getByRole('radio', { name: '已落实' })).toBeChecked();
      await expect(app.item('4.1.2').getByRole('radio', { name: '部分落实' })).toBeChecked();
      await expect(app.item('4.1.2').getByLabel('落实情况说明')).toHaveValue('上半年已安排一次专题学习');
      await app.openChapter('7');
      await expect(app.item('7.1').getByRole('radio', { name: '未发生' })).toBeChecked();
      await app.openSettings();
      await expect(page.getByLabel('单位名称')).toHaveValue('县文化广播影视局');
      await expect(page.getByLabel('科室/直属单位')).toHaveValue('文化市场科');
      await expect(page.getByLabel('评估年度')).toHaveValue('2024');
    };
    await check();
    await page.reload();
    await check();
  });

  test('a colleague’s conflicting file is merged by choice, and every import is undone step by step', async ({ app, page, browser, baseURL }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2024' });
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.answer('4.1.2', '已落实');
    await app.expectSaved();
    await app.openExchange();
    const shared = await app.exportFile('导出自评文件');

    // A colleague starts from the shared file in another browser, changes 4.1.1 and answers 4.1.3.
    const context = await browser.newContext({ baseURL, locale: 'zh-CN', acceptDownloads: true });
    const page2 = await context.newPage();
    const watchdog2 = new Watchdog(page2, new URL(baseURL!).origin);
    const colleague = new AppPage(page2);
    await freshDepartment(colleague);
    await colleague.openExchange();
    await colleague.importFile(shared.path);
    await page2.getByRole('button', { name: '应用导入' }).click();
    await expect(page2.getByTestId('import-result')).toBeVisible();
    await colleague.openChapter('4.1');
    await colleague.answer('4.1.1', '部分落实');
    await colleague.item('4.1.1').getByLabel('落实情况说明').fill('同事：下半年再开一次');
    await colleague.answer('4.1.3', '已落实');
    await colleague.expectSaved();
    await colleague.openExchange();
    const theirs = await colleague.exportFile('导出自评文件');
    await colleague.openChapter('4.1');
    await colleague.answer('4.1.4', '已落实');
    await colleague.expectSaved();
    await colleague.openExchange();
    const later = await colleague.exportFile('导出自评文件');
    await context.close();
    expect(watchdog2.problems).toEqual([]);

    // Meanwhile 4.1.1 was changed here too.
    await app.openChapter('4.1');
    await app.answer('4.1.1', '未落实');
    await app.item('4.1.1').getByLabel('原因（必填）').fill('本机：人手不足');
    await app.expectSaved();
    await app.openExchange();
    const before = await app.storedState();
    await expect(page.getByRole('button', { name: '撤销上次导入' })).toBeDisabled();
    await expect(page.getByTestId('undo-status')).toHaveText('还没有导入过文件，没有可撤销的导入。');

    await app.importFile(theirs.path);
    await expect(page.getByTestId('merge-preview')).toBeVisible();
    await expect(page.getByTestId('row-answers-4.1.1')).toContainText('冲突');
    await expect(page.getByTestId('row-answers-4.1.3')).toContainText('新增');
    // The unchanged items are folded away, not listed one by one.
    await expect(page.getByTestId('row-answers-4.1.2')).toHaveCount(0);
    await expect(page.getByTestId('unchanged-answers')).toContainText('不变的');
    await expect(page.getByTestId('merge-counts')).toContainText('新增 1 项，修改 0 项');
    const apply = page.getByRole('button', { name: '应用导入' });
    await expect(apply).toBeDisabled();
    await expect(page.getByTestId('apply-reason')).toContainText('还有 1 处冲突没有选择');
    // Nothing is applied before every conflict is decided.
    expect(await app.storedState()).toBe(before);

    const conflict = page.getByRole('group', { name: /4\.1\.1/ });
    const local = conflict.locator('.side').nth(0);
    const incoming = conflict.locator('.side').nth(1);
    await expect(local).toContainText('本机');
    await expect(local).toContainText('未落实');
    await expect(local).toContainText('本机：人手不足');
    await expect(local).toContainText('（较新）');
    await expect(incoming).toContainText('部分落实');
    await expect(incoming).toContainText('同事：下半年再开一次');
    await expect(incoming).toContainText(/修改时间\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expectNoAxeViolations(page, undefined, 'merge preview with a conflict');
    // The side-by-side view fits a phone without scrolling the page sideways.
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize(viewport);
    // The helpers set every choice; the user can still change one.
    await page.getByRole('button', { name: '全部保留本机' }).click();
    await expect(conflict.getByLabel('保留本机')).toBeChecked();
    await expect(apply).toBeEnabled();
    await conflict.getByLabel('采用文件').check();
    await expect(conflict.getByLabel('保留本机')).not.toBeChecked();
    await apply.click();
    await expect(page.getByTestId('import-result')).toContainText('冲突 1 项（采用文件 1 项，保留本机 0 项）');
    await expect(page.getByTestId('undo-last')).toContainText(`导入 ${theirs.name} 之前`);
    const afterFirst = await app.storedState();

    await app.openChapter('4.1');
    await expect(app.item('4.1.1').getByRole('radio', { name: '部分落实' })).toBeChecked();
    await expect(app.item('4.1.1').getByLabel('落实情况说明')).toHaveValue('同事：下半年再开一次');
    await expect(app.item('4.1.3').getByRole('radio', { name: '已落实' })).toBeChecked();

    // A second import: the colleague's later file adds 4.1.4 only (the merge base knows the rest).
    await app.openExchange();
    await app.importFile(later.path);
    await expect(page.getByTestId('row-answers-4.1.4')).toContainText('新增');
    await expect(page.getByTestId('merge-counts')).toContainText('冲突 0 项');
    await page.getByRole('button', { name: '应用导入' }).click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    await expect(page.getByTestId('undo-status')).toContainText('可以撤销 2 次导入');

    // Undone one step at a time, each exactly.
    await page.getByRole('button', { name: '撤销上次导入' }).click();
    await expect(page.getByTestId('undo-result')).toContainText(`已撤销：数据已恢复到“导入 ${later.name} 之前”的状态。`);
    await expect.poll(() => app.storedState()).toBe(afterFirst);
    await page.getByRole('button', { name: '撤销上次导入' }).click();
    await expect(page.getByTestId('undo-result')).toContainText(`导入 ${theirs.name} 之前`);
    await expect.poll(() => app.storedState()).toBe(before);
    await expect(page.getByRole('button', { name: '撤销上次导入' })).toBeDisabled();
    // #9.11: right after an undo the page does not say that nothing was ever imported.
    await expect(page.getByTestId('undo-status')).toHaveText('已撤销 2 次导入，没有更早的导入可以撤销。');
    await page.reload();
    expect(await app.storedState()).toBe(before);
    await app.openChapter('4.1');
    await expect(app.item('4.1.1').getByRole('radio', { name: '未落实' })).toBeChecked();
    await expect(app.item('4.1.1').getByLabel('原因（必填）')).toHaveValue('本机：人手不足');
    await expect(app.item('4.1.3').getByRole('radio', { name: '已落实' })).not.toBeChecked();
  });

  test('bad files are refused with a specific message and change nothing', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2024' });
    await app.openChapter('3');
    await app.answer('3.1', '已落实');
    await app.expectSaved();
    await app.openExchange();
    const good = await app.exportFile('导出自评文件');
    const before = await app.storedState();
    const edited = (change: (json: any) => void) => {
      const json = JSON.parse(good.text);
      change(json);
      return JSON.stringify(json, null, 2);
    };

    const refused: [ReturnType<typeof file>, string][] = [
      [file('截断.json', good.text.slice(0, 200)), '截断.json：文件不完整'],
      [file('package.json', JSON.stringify({ name: 'demo', version: '1.0.0', dependencies: {} })), '其他软件的 JSON 文件'],
      [file('新版.json', edited((j) => { j.format_version = 99; j.app_version = '9.0.0'; })), '更新版本的应用'],
      [file('坏值.json', edited((j) => { j.content.answers['3.1'].response = 'done'; })), '答复“done”无效'],
      [file('太大.json', Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)), '太大.json：文件太大（5.0 MB），超过 5 MB 的上限，未读取'],
    ];
    for (const [bad, message] of refused) {
      await app.importFile(bad);
      await expect(page.getByTestId('import-error')).toContainText(message);
      await expect(page.getByTestId('merge-preview')).toHaveCount(0);
      expect(await app.storedState(), bad.name).toBe(before);
    }
    await expectNoAxeViolations(page, undefined, 'import error');

    // Dropped on the page instead of picked: the same check.
    await app.dropFile('拖入.json', '{"format": "zrz-exchange", "format_version": 3');
    await expect(page.getByTestId('import-error')).toContainText('拖入.json：文件不完整');

    // Edited after export: the checksum no longer matches; shown, and imported only if confirmed.
    await app.importFile(file('改过.json', edited((j) => { j.content.answers['3.1'].note = '手工改的'; })));
    await expect(page.getByTestId('import-confirm')).toContainText('文件内容与导出时的校验值不一致');
    await expectNoAxeViolations(page, undefined, 'import confirmation');
    await page.getByRole('button', { name: '取消' }).click();
    await expect(page.getByTestId('import-confirm')).toHaveCount(0);
    expect(await app.storedState()).toBe(before);
    await expect(page.getByRole('button', { name: '撤销上次导入' })).toBeDisabled();

    await app.importFile(file('改过.json', edited((j) => { j.content.answers['3.1'].note = '手工改的'; })));
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    await expect(page.getByTestId('row-answers-3.1')).toContainText('修改');
    await expect(page.getByTestId('row-answers-3.1')).toContainText('说明：（空） → 手工改的');
    await page.getByRole('button', { name: '取消导入' }).click();
    expect(await app.storedState()).toBe(before);
  });

  test('a sanitised export has no names or notes and opens read only, never merged', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '宣传科', filledBy: '王小明', year: '2024' });
    await app.openChapter('6');
    const card = app.item('6.5');
    await app.answer('6.5', '已落实');
    await card.locator('summary').click();
    await card.getByRole('button', { name: '添加佐证材料' }).click();
    await card.getByLabel('材料名称').fill('专题督查报告');
    await card.getByLabel('存放位置').fill('办公室档案柜 A3');
    await card.getByLabel('文号').fill('文广党〔2024〕12号');
    await card.getByLabel('责任人').fill('赵六');
    await card.getByLabel('落实情况说明').fill('督查发现的问题已由赵六整改');
    await app.answer('6.4', '未落实');
    await app.item('6.4').getByLabel('原因（必填）').fill('王小明调离后无人负责');
    await app.expectSaved();

    await app.openExchange();
    await page.getByLabel('脱敏').check();
    const exported = await app.exportFile('导出自评文件');
    expect(exported.name).toMatch(/^意识形态责任制自评_县文化广播影视局_宣传科_2024_\d{8}_脱敏\.json$/);
    const json = JSON.parse(exported.text);
    expect(json.sanitized).toBe(true);
    for (const secret of ['王小明', '赵六', '专题督查报告', '档案柜', '文广党', '整改', '无人负责']) {
      expect(exported.text, secret).not.toContain(secret);
    }
    expect(json.content.answers['6.5'].response).toBe('implemented');
    expect(json.content.answers['6.4'].response).toBe('not_implemented');
    // Not a hand-over.
    await expect(page.getByTestId('last-export')).toHaveText('尚未导出过自评文件。');

    // #9.2: it opens, read only, and nothing is written.
    const before = await app.storedState();
    await app.importFile(exported.path);
    const view = page.getByTestId('read-only-view');
    await expect(view).toContainText('只读查看');
    await expect(view).toContainText('不会合并到本机数据中');
    await expect(view).toContainText('6.5');
    await expect(view).toContainText('已落实');
    await expect(view.getByRole('button', { name: '应用导入' })).toHaveCount(0);
    await expectNoAxeViolations(page, undefined, 'read-only view');
    expect(await app.storedState()).toBe(before);
    await expect(page.getByRole('button', { name: '撤销上次导入' })).toBeDisabled();
  });

  test('a 年度方案 replaces the template, keeps answers to removed items aside, and can be undone', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' });
    await app.openChapter('3');
    await app.answer('3.1', '已落实');
    await app.answer('3.4', '部分落实');
    await app.expectSaved();
    await app.openExchange();
    const json = JSON.parse(fixture('v3_annual_plan.json'));
    // The office's next plan drops item 3.4 and gives its points to 3.3 (chapter weights stay).
    json.content.template.version = '2026.1';
    const chapter = json.content.template.parts.flatMap((p: any) => p.chapters).find((c: any) => c.id === '3');
    const dropped = chapter.items.find((i: any) => i.id === '3.4');
    chapter.items.find((i: any) => i.id === '3.3').points += dropped.points;
    chapter.items = chapter.items.filter((i: any) => i !== dropped);
    const before = await app.storedState();

    await app.importFile(file('年度方案_2026.json', JSON.stringify(json)));
    await expect(page.getByTestId('import-confirm')).toContainText('校验值不一致');
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    await expect(page.getByTestId('plan-preview')).toContainText('更新为');
    await expect(page.getByTestId('plan-kept')).toContainText('保留 1 项答复');
    await expect(page.getByTestId('plan-set-aside')).toContainText('单独保留 1 项答复');
    await expect(page.getByTestId('plan-preview')).toContainText('3.4');
    await expectNoAxeViolations(page, undefined, 'annual plan preview');
    expect(await app.storedState()).toBe(before);
    await page.getByRole('button', { name: '应用年度方案' }).click();
    await expect(page.getByTestId('import-result')).toContainText('方案为 2026.1 版，保留答复 1 项，单独保留 1 项');

    await app.openChapter('3');
    await expect(app.item('3.1').getByRole('radio', { name: '已落实' })).toBeChecked();
    await expect(app.item('3.4')).toHaveCount(0);
    await page.reload();
    await expect(app.item('3.4')).toHaveCount(0);
    // The answer to 3.4 is kept aside, not deleted: it still travels in the department's file.
    await app.openExchange();
    const after = JSON.parse((await app.exportFile('导出自评文件')).text);
    expect(after.template.version).toBe('2026.1');
    expect(after.content.answers['3.4'].response).toBe('partial');

    await page.getByRole('button', { name: '撤销上次导入' }).click();
    await expect(page.getByTestId('undo-result')).toContainText('已撤销');
    await app.openChapter('3');
    await expect(app.item('3.4').getByRole('radio', { name: '部分落实' })).toBeChecked();
  });

  test('a full backup restores everything after a preview and a confirmation', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2024' });
    await app.openChapter('3');
    await app.answer('3.2', '已落实');
    await app.expectSaved();
    await app.openExchange();
    const backup = await app.exportFile('导出全部数据备份');
    expect(backup.name).toMatch(/^备份_\d{8}-\d{4}\.json$/);
    const saved = JSON.parse(await app.storedState()).filter(([k]: [string]) => k !== 'zrz3.meta');

    await app.openChapter('3');
    await app.answer('3.3', '已落实');
    await app.expectSaved();
    await app.openExchange();
    await app.importFile(backup.path);
    const preview = page.getByTestId('restore-preview');
    await expect(preview).toContainText('移除');
    await expect(page.getByTestId('row-answers-3.3')).toContainText('3.3');
    await expect(page.getByTestId('row-answers-3.3')).toContainText('答复：已落实 → （空）');
    await expectNoAxeViolations(page, undefined, 'restore preview');
    const restore = page.getByRole('button', { name: '从备份恢复' });
    await expect(restore).toBeDisabled();
    await page.getByLabel('我知道恢复会替换本浏览器中的现有数据').check();
    await restore.click();
    await expect(page.getByTestId('import-result')).toContainText('已从备份');
    await expect.poll(async () => JSON.parse(await app.storedState()).filter(([k]: [string]) => k !== 'zrz3.meta')).toEqual(saved);
    await app.openChapter('3');
    await expect(app.item('3.2').getByRole('radio', { name: '已落实' })).toBeChecked();
    await expect(app.item('3.3').getByRole('radio', { name: '已落实' })).not.toBeChecked();
  });

  test('the office’s findings join the record once; another department’s are refused with the reason', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2025' });
    await app.openExchange();
    const text = fixture('v3_findings.json');
    await app.importFile(file('核查意见.json', text));
    await expect(page.getByTestId('findings-preview')).toBeVisible();
    await expect(page.getByTestId('findings-counts')).toContainText('新的核查意见 2 条');
    await expect(page.getByTestId('findings-preview')).toContainText('4.1.1');
    await expectNoAxeViolations(page, undefined, 'findings preview');
    await page.getByRole('button', { name: '导入核查意见' }).click();
    await expect(page.getByTestId('import-result')).toContainText('新增 2 条');
    await expect.poll(async () => (await app.storedState()).includes('zrz3.r.findings/f-0zwee00g2a0s0')).toBe(true);
    const once = await app.storedState();
    // Twice changes nothing (and keeps no extra undo step).
    await app.importFile(file('核查意见.json', text));
    await expect(page.getByTestId('findings-counts')).toContainText('已有且不变 2 条');
    await page.getByRole('button', { name: '导入核查意见' }).click();
    await expect(page.getByTestId('import-result')).toContainText('没有改变任何数据');
    expect(await app.storedState()).toBe(once);
    await expect(page.getByTestId('undo-status')).toContainText('可以撤销 1 次导入');

    // Addressed to another department: refused before anything is applied.
    const json = JSON.parse(text);
    json.department = '宣传科';
    json.content.department.department = '宣传科';
    await app.importFile(file('别的科室.json', JSON.stringify(json)));
    // Edited by hand here, so its checksum no longer matches: confirmed first.
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    await expect(page.getByTestId('import-error')).toContainText('另一个科室');
    expect(await app.storedState()).toBe(once);
  });
});
